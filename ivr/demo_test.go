package ivr_test

import (
	"testing"

	"github.com/intake311/intake311/ivr"
)

func TestDemoIsValid(t *testing.T) {
	if _, err := ivr.Parse("demo.yaml", ivr.DemoYAML()); err != nil {
		t.Fatal(err)
	}
}
