package spec_test

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/golden"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// TestCorpusSpecs writes the spec of every page of testdata/corpus in
// both published forms, OpenAPI 3.1 and its 3.0 variant, and compares
// them with the golden files under testdata/golden/corpus: a change in
// how a real page reads shows in review as a change of its spec, and the
// 3.0 mapping is exercised on every layout the corpus holds.
func TestCorpusSpecs(t *testing.T) {
	root := filepath.Join("..", "testdata", "corpus")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".json":
			return nil
		case ".md":
			if filepath.Base(path) == "SOURCES.md" {
				return nil
			}
		}
		rel, _ := filepath.Rel(root, path)
		n++
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			doc := parser.ParseFile(path, parser.Options{})
			built, _ := spec.Build([]*parser.Document{doc}, spec.Options{})
			var v31 bytes.Buffer
			if err := oas.Write(&v31, built, "yaml"); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("..", "testdata", "golden", "corpus", rel+".yaml"), v31.Bytes())
			v30, diags := oas.To30(built, rel)
			if v30 == nil {
				t.Fatalf("no 3.0 form: %v", diags)
			}
			var out bytes.Buffer
			if err := oas.Write(&out, v30, "yaml"); err != nil {
				t.Fatal(err)
			}
			for _, d := range diags {
				out.WriteString("# " + d.String() + "\n")
			}
			golden.Check(t, filepath.Join("..", "testdata", "golden", "corpus", rel+".v30.yaml"), out.Bytes())
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no corpus pages")
	}
}
