package cases_test

import (
	"go/build"
	"strings"
	"testing"
)

// TestStandardLibraryOnly keeps the domain free of dependencies: package
// cases may import the standard library and nothing else.
func TestStandardLibraryOnly(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") {
			t.Errorf("package cases imports %s; it may import only the standard library", imp)
		}
	}
}
