package outbox

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps the dispatcher on the standard library and cases, as
// the package table in the design requires.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") && imp != "github.com/intake311/intake311/cases" {
			t.Errorf("imports %s; only the standard library and cases are allowed", imp)
		}
	}
}
