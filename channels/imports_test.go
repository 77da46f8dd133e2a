package channels_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps the package on the standard library and cases, so
// every channel can depend on it without pulling anything else in.
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
