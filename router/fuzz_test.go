package router

import (
	"errors"
	"os"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"small.yaml", "bad.yaml"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("rules: [{id: x}]"))
	f.Add([]byte("city: [unclosed"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("fuzz.yaml", data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("Parse error %v is not a list of problems", err)
			}
			return
		}
		if _, err := New(d, 1, Options{}); err != nil {
			t.Fatalf("a document that parses does not compile: %v", err)
		}
	})
}
