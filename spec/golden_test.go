package spec_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/golden"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// TestSeedSpecs builds the spec of each seed doc and compares it with its
// golden file, byte for byte; the diagnostics are golden too.
func TestSeedSpecs(t *testing.T) {
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	if len(seeds) != 4 {
		t.Fatalf("found %d seed docs, want 4", len(seeds))
	}
	for _, seed := range seeds {
		name := strings.TrimSuffix(filepath.Base(seed), ".txt")
		t.Run(name, func(t *testing.T) {
			doc := parser.ParseFile(seed, parser.Options{})
			s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
			if diags.HasErrors() {
				t.Errorf("spec errors: %v", diags)
			}
			var got bytes.Buffer
			if err := oas.Write(&got, s, "yaml"); err != nil {
				t.Fatal(err)
			}
			var again bytes.Buffer
			s2, _ := spec.Build([]*parser.Document{parser.ParseFile(seed, parser.Options{})}, spec.Options{})
			_ = oas.Write(&again, s2, "yaml")
			if !bytes.Equal(got.Bytes(), again.Bytes()) {
				t.Fatal("two builds of the same doc differ")
			}
			all := append(doc.Diagnostics, diags...)
			all.Sort()
			var diagText bytes.Buffer
			for _, d := range all {
				diagText.WriteString(d.String() + "\n")
			}
			golden.Check(t, filepath.Join("../testdata/golden", name+".yaml"), got.Bytes())
			golden.Check(t, filepath.Join("../testdata/golden", name+".diagnostics"), diagText.Bytes())
		})
	}
}
