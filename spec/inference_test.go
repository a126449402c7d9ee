package spec_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
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
			doc := parser.ParseFile(path, parser.Options{})
			s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			var out bytes.Buffer
			if err := spec.Write(&out, s, "yaml"); err != nil {
				t.Fatal(err)
			}
			all := append(doc.Diagnostics, diags...)
			all.Sort()
			for _, d := range all {
				if d.Code.String()[0] == 'W' {
					out.WriteString("# " + d.String() + "\n")
				}
			}
			golden(t, filepath.Join("../testdata/inference", name+".golden.yaml"), out.Bytes())
		})
	}
}
