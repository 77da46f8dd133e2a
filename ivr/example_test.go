package ivr_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/intake311/intake311/cases"
	"github.com/intake311/intake311/cases/sqlite"
	"github.com/intake311/intake311/ivr"
	"github.com/intake311/intake311/router"
)

// A voice channel does transport only: Start when a call comes in, Next
// with what the caller did, and each Step rendered in the provider's terms.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "ivr-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	store, err := sqlite.Open(ctx, filepath.Join(dir, "cases.db"), sqlite.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	rt := router.Must(router.New(router.Demo(), 0, router.Options{}))
	tm, err := cases.NewTemplates(map[string]map[string]string{"en": {"ack": "Got it: {{.Tracking}}", "status": "{{.Status}}"}}, "en")
	if err != nil {
		log.Fatal(err)
	}
	engine, err := ivr.New(ivr.Demo(), ivr.Options{
		Store:       store,
		Intake:      &cases.Intake{Store: store, Classifier: rt, Router: rt, Templates: tm},
		ServiceName: rt.ServiceName,
		AgentNumber: "+15555550100",
	})
	if err != nil {
		log.Fatal(err)
	}

	step, err := engine.Start(ctx, "CA0001", "+15555550123")
	play(step, err)
	for _, in := range []ivr.Input{{Digits: "2"}, {Speech: "operador"}} {
		step, err = engine.Next(ctx, "CA0001", in)
		play(step, err)
	}
	// Output:
	// en: Thank you for calling Riverton 311. If this is an emergency, hang up and call 911. For English, press 1.
	// es: Gracias por llamar al 311 de Riverton. Si es una emergencia, cuelgue y llame al 911. Para español, oprima el 2.
	// (waiting for a key or speech in en)
	// es: ¿En qué le podemos ayudar? Para reportar un problema, oprima el 1. Para saber cómo va una solicitud que ya hizo, oprima el 2. Para información de la ciudad, oprima el 3.
	// en: For English, press 8.
	// es: Para escucharlo otra vez, oprima asterisco. Para hablar con una persona, oprima el 0.
	// (waiting for a key or speech in es)
	// es: Un momento, por favor. Le comunico con una persona que le puede ayudar.
	// (transfer to +15555550100)
}

// play stands in for a channel rendering a step.
func play(s ivr.Step, err error) {
	if err != nil {
		log.Print(err) // the step is still fit to play
	}
	for _, p := range s.Say {
		fmt.Printf("%s: %s\n", p.Language, p.Text)
	}
	switch {
	case s.Gather != nil:
		fmt.Printf("(waiting for a key or speech in %s)\n", s.Gather.Language)
	case s.Record != nil:
		fmt.Println("(recording)")
	case s.Dial != "":
		fmt.Printf("(transfer to %s)\n", s.Dial)
	case s.Hangup:
		fmt.Println("(hang up)")
	}
}
