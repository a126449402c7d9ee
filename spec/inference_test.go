package spec_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/golden"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// TestInferenceRules builds one small doc per inference rule (enums in each
// written form, layouts, defaults, limits, separators, numeric text) and
// compares its spec and diagnostics with golden files.
func TestInferenceRules(t *testing.T) {
	docs, _ := filepath.Glob("../testdata/inference/*.txt")
	if len(docs) < 9 {
		t.Fatalf("found %d rule docs", len(docs))
	}
	for _, path := range docs {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			out, diags := specOf(t, path, func(d diag.Diagnostic) bool { return d.Code.String()[0] == 'W' })
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			golden.Check(t, filepath.Join("../testdata/inference", name+".golden.yaml"), out)
		})
	}
}

// specOf builds the spec of one doc and returns it as YAML followed by
// the diagnostics keep selects, one "# " comment line each, with all the
// build's diagnostics.
func specOf(t *testing.T, path string, keep func(diag.Diagnostic) bool) ([]byte, diag.List) {
	t.Helper()
	doc := parser.ParseFile(path, parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	var out bytes.Buffer
	if err := oas.Write(&out, s, "yaml"); err != nil {
		t.Fatal(err)
	}
	all := append(doc.Diagnostics, diags...)
	all.Sort()
	for _, d := range all {
		if keep(d) {
			out.WriteString("# " + d.String() + "\n")
		}
	}
	return out.Bytes(), diags
}
