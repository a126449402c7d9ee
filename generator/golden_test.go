package generator_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/apigen/apigen/parser/golden"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/spec/oas"
)

// TestGeneratedPackages regenerates every package under generated/ from
// its checked-in spec and compares each file: the checked-in packages are
// the golden files of the generator.
func TestGeneratedPackages(t *testing.T) {
	specs, _ := filepath.Glob("../generated/*/openapi.yaml")
	if len(specs) == 0 {
		t.Fatal("no generated packages found")
	}
	for _, specPath := range specs {
		dir := filepath.Dir(specPath)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			doc, diags := oas.Load(specPath)
			if doc == nil {
				t.Fatalf("loading spec: %v", diags)
			}
			files, gd := generator.Generate(doc, generator.Options{Package: name, Source: "openapi.yaml"})
			if gd.HasErrors() {
				t.Fatalf("generate: %v", gd)
			}
			for file, got := range files {
				golden.Check(t, filepath.Join(dir, file), got)
			}
			again, _ := generator.Generate(doc, generator.Options{Package: name, Source: "openapi.yaml"})
			for file := range files {
				if !bytes.Equal(files[file], again[file]) {
					t.Errorf("%s: two runs differ", file)
				}
			}
		})
	}
}
