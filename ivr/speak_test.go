package ivr

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"¿Español?", "espanol"},
		{"  Sí,   CLARO. ", "si claro"},
		{"press *", "press *"},
		{"", ""},
		{"...", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := fold(tc.in); got != tc.want {
				t.Fatalf("fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSaysAny(t *testing.T) {
	for _, tc := range []struct {
		speech  string
		phrases []string
		exact   bool
		want    bool
	}{
		{"i want to report a problem", []string{"report"}, false, true},
		{"reporter", []string{"report"}, false, false}, // whole words only
		{"operador", []string{"Operador"}, true, true},
		{"the operator said hello", []string{"operator"}, true, false},
		{"no se", []string{"No sé"}, false, true},
		{"anything", []string{"", " "}, false, false},
	} {
		t.Run(tc.speech, func(t *testing.T) {
			if got := saysAny(tc.speech, tc.phrases, tc.exact); got != tc.want {
				t.Fatalf("saysAny(%q, %q, %v) = %v", tc.speech, tc.phrases, tc.exact, got)
			}
		})
	}
}

func TestSpokenNumber(t *testing.T) {
	for in, want := range map[string]string{
		"1234567894": "1 2 3, 4 5 6, 7 8 9 4",
		"572":        "5 7 2",
		"":           "",
	} {
		if got := spokenNumber(in); got != want {
			t.Errorf("spokenNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFill(t *testing.T) {
	got := fill("Request {number} is {status}. {number}!", "number", "1 2", "status", "open")
	if got != "Request 1 2 is open. 1 2!" {
		t.Fatal(got)
	}
	if got := fill("No {place}holders", "number", "1"); got != "No {place}holders" {
		t.Fatal(got)
	}
}

func TestMerge(t *testing.T) {
	got := merge([]Prompt{{"Hello.", "en"}, {"", "en"}, {"Press 1.", "en"}, {"Oprima el 2.", "es"}, {"Press 3.", "en"}})
	want := []Prompt{{"Hello. Press 1.", "en"}, {"Oprima el 2.", "es"}, {"Press 3.", "en"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("merge = %q", got)
	}
}
