package casestest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/intake311/intake311/cases"
)

func TestDiff(t *testing.T) {
	at := time.Date(2025, 3, 1, 9, 30, 0, 123456789, chicago)
	tests := []struct {
		name      string
		got, want any
		diffs     int
	}{
		{"TimeTruncatedUTC", &cases.Note{At: at.Truncate(time.Microsecond).UTC()}, &cases.Note{At: at}, 0},
		{"TimeNotUTC", &cases.Note{At: at.Truncate(time.Microsecond)}, &cases.Note{At: at}, 1},
		{"TimeRounded", &cases.Note{At: at.Round(time.Microsecond).UTC()}, &cases.Note{At: at}, 1},
		{"TimeOtherInstant", &cases.Note{At: at.Add(time.Second).UTC()}, &cases.Note{At: at}, 1},
		{"JSONByValue", json.RawMessage(`{"b": [1, 2], "a": "x"}`), json.RawMessage(`{"a":"x","b":[1,2]}`), 0},
		{"JSONDiffers", json.RawMessage(`{"a": 1}`), json.RawMessage(`{"a": 2}`), 1},
		{"JSONNullIsEmpty", json.RawMessage(`null`), json.RawMessage(nil), 0},
		{"NilSliceIsEmpty", &cases.Case{Tags: []string{}}, &cases.Case{}, 0},
		{"SliceLength", &cases.Case{Tags: []string{"a"}}, &cases.Case{}, 1},
		{"IDsIgnored", &cases.Contact{ID: 7, Address: "a"}, &cases.Contact{Address: "a"}, 0},
		{"NilPointer", &cases.Case{Lat: ptr(0.0)}, &cases.Case{}, 1},
		{"Nested", &cases.Case{Contacts: []cases.Contact{{Consent: true}}}, &cases.Case{Contacts: []cases.Contact{{}}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diff(tt.got, tt.want); len(got) != tt.diffs {
				t.Errorf("diff = %q, want %d differences", got, tt.diffs)
			}
		})
	}
}
