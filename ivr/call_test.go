package ivr_test

import (
	"context"
	"strings"
	"testing"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/ivr"
)

// welcome is what every demo call hears first.
var welcome = []string{"[en] Thank you for calling Riverton 311", "call 911", "For English, press 1", "[es] Gracias por llamar", "Para español, oprima el 2"}

func TestReportAProblem(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from     string
		turns    []turn
		service  string
		address  string
		language string
		contact  string // the contact's channel
		media    bool
	}{{
		name: "place in the description, details recorded, updates by phone",
		from: "+15555550123",
		turns: []turn{
			{in: press("1"), hear: []string{"How can we help", "report a problem, press 1", "press star", "press 0"}},
			{in: press("1"), hear: []string{"what the problem is"}},
			{in: speak("There's a pothole in front of 200 Main Street."), hear: []string{"about Pothole", "press 1"}},
			{in: press("1"), hear: []string{"I heard 200 Main Street"}},
			{in: speak("Yes."), hear: []string{"more details"}},
			{in: press("1"), hear: []string{"after the tone"}},
			{in: ivr.Input{RecordingURL: "https://recordings.example/RE1"}, hear: []string{"phone call, press 1", "text message"}},
			{in: silence, hear: []string{"Your request number is", "Once more", "anything else"}},
			{in: press("2"), hear: []string{"Goodbye"}, then: "hangup"},
		},
		service: "pothole", address: "200 MAIN ST", language: "en", contact: "voice", media: true,
	}, {
		name: "Spanish, service chosen from the list, place asked, updates by text",
		from: "+15555550123",
		turns: []turn{
			{in: press("2"), hear: []string{"[es] ¿En qué le podemos ayudar?", "reportar un problema"}},
			{in: speak("reportar un problema"), hear: []string{"cuál es el problema"}},
			{in: speak("hay un bache enorme en mi calle"), hear: []string{"se trata de Bache"}},
			{in: speak("no"), hear: []string{"¿Cuál de estos", "Para Alumbrado público, oprima el 1", "otra cosa, oprima el 5"}},
			{in: press("1"), hear: []string{"¿Dónde está el problema?"}},
			{in: speak("en la esquina"), hear: []string{"No logré entender el lugar"}},
			{in: speak("the corner of Oak Street and 5th Avenue"), hear: []string{"Entendí corner of Oak Street and 5th Avenue"}},
			{in: press("1"), hear: []string{"más detalles"}},
			{in: press("2"), hear: []string{"mensaje de texto"}},
			{in: speak("Por mensaje de texto, por favor."), hear: []string{"Su número de solicitud es", "Se lo repito"}},
			{in: press("1"), hear: []string{"¿En qué le podemos ayudar?"}},
		},
		service: "streetlight", address: "OAK ST & 5TH AVE", language: "es", contact: "sms",
	}, {
		name: "a withheld number: no contact, no question about updates",
		from: "anonymous",
		turns: []turn{
			{in: press("1")},
			{in: press("1")},
			{in: speak("The street light is out at 200 Main Street")},
			{in: press("1"), hear: []string{"I heard 200 Main Street"}},
			{in: press("1"), hear: []string{"more details"}},
			{in: press("2"), hear: []string{"Your request number is"}},
		},
		service: "streetlight", address: "200 MAIN ST", language: "en",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCity(t, ivr.Demo())
			steps := c.call(t, "CA-report", tc.from, welcome, tc.turns)
			cs, err := c.store.CaseByExternalID(context.Background(), "voice", "CA-report")
			if err != nil {
				t.Fatal(err)
			}
			if cs, err = c.store.Case(context.Background(), cs.Tracking); err != nil {
				t.Fatal(err)
			}
			checkCase(t, cs, tc.service, tc.address, tc.language, tc.contact, tc.media)
			checkReadBack(t, steps, cs.Tracking)
		})
	}
}

func checkCase(t *testing.T, cs *cases.Case, service, address, lang, contact string, media bool) {
	t.Helper()
	if cs.Channel != "voice" || cs.ServiceCode != service || cs.Address != address || cs.Language != lang {
		t.Errorf("case: channel %q, service %q, address %q, language %q", cs.Channel, cs.ServiceCode, cs.Address, cs.Language)
	}
	switch {
	case contact == "" && len(cs.Contacts) != 0:
		t.Errorf("contacts: %+v, want none", cs.Contacts)
	case contact != "" && (len(cs.Contacts) != 1 || cs.Contacts[0].Channel != contact || cs.Contacts[0].Address != "+15555550123" || !cs.Contacts[0].Consent):
		t.Errorf("contacts: %+v", cs.Contacts)
	}
	if got := len(cs.Media) == 1 && cs.Media[0].URL == "https://recordings.example/RE1"; got != media {
		t.Errorf("media: %+v", cs.Media)
	}
}

// checkReadBack finds the step that reads the tracking number: twice,
// digit by digit.
func checkReadBack(t *testing.T, steps []ivr.Step, tn cases.TrackingNumber) {
	t.Helper()
	s := string(tn)
	digits := strings.Join(strings.Split(s[:3], ""), " ") + ", " + strings.Join(strings.Split(s[3:6], ""), " ") + ", " + strings.Join(strings.Split(s[6:], ""), " ")
	for _, st := range steps {
		if strings.Count(spoken(st), digits) == 2 {
			return
		}
	}
	t.Errorf("no step reads %s twice as %q", tn, digits)
}
