package spec_test

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/golden"

	"github.com/apigen/apigen/parser/diag"
)

// TestLayoutSpecs builds the spec of every layout doc of testdata/layouts
// and compares it, with its warnings and errors, with the golden file
// under testdata/golden/layouts.
func TestLayoutSpecs(t *testing.T) {
	root := filepath.Join("..", "testdata", "layouts")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".md") && filepath.Base(path) == "README.md" {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		n++
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			out, _ := specOf(t, path, func(d diag.Diagnostic) bool { return d.Severity > 0 }) // warnings and errors
			golden.Check(t, filepath.Join("..", "testdata", "golden", "layouts", rel+".yaml"), out)
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no layout docs")
	}
}
