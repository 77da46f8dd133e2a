package config_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/intake311/intake311/config"
)

func TestIVR(t *testing.T) {
	c := config.Demo()
	if c.IVRPath() != "" || c.IVR.AgentNumber == "" || c.IVR.CallTTL.Duration != 2*time.Hour {
		t.Fatalf("demo ivr section: %+v, path %q", c.IVR, c.IVRPath())
	}
	for _, tc := range []struct{ yaml, want string }{
		{"ivr:\n  file: nowhere/menu.yaml\n", "city.yaml:2:3: ivr.file: nowhere/menu.yaml does not exist"},
		{"ivr:\n  agent_number: 555-0100\n", `city.yaml:2:3: ivr.agent_number: "555-0100" is not a phone number in E.164 form (such as +15555550100)`},
		{"ivr:\n  call_ttl: 0s\n", "city.yaml:2:3: ivr.call_ttl: must be longer than 0, not 0s"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			_, err := config.Parse("city.yaml", []byte(tc.yaml), nil)
			if err == nil || err.Error() != tc.want {
				t.Fatalf("got %v, want %s", err, tc.want)
			}
		})
	}
	c, err := config.Parse(filepath.Join("testdata", "ivr.yaml"), []byte("ivr:\n  file: routing.yaml\n  agent_number: \"\"\n"), nil)
	if err != nil || c.IVRPath() != filepath.Join("testdata", "routing.yaml") || c.IVR.AgentNumber != "" {
		t.Fatalf("a relative menu path: %v, %q", err, c.IVRPath())
	}
}
