package parser

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/golden"
)

// goldenInputs are the folders of testdata whose every doc page has a
// golden Document dump under testdata/golden/documents.
var goldenInputs = []string{"seeds", "corpus", "bad/docs", "layouts", "nesting", "inference"}

// TestDocumentGolden parses every doc page of testdata and compares its
// Document dump with the golden file: any change in what the parser reads
// from a page shows up as a diff to review (go test ./parser -update).
func TestDocumentGolden(t *testing.T) {
	root := filepath.Join("..", "testdata")
	n := 0
	for _, dir := range goldenInputs {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if os.IsNotExist(err) {
				return filepath.SkipDir
			}
			if err != nil || d.IsDir() || !isDocPage(path) {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			n++
			t.Run(rel, func(t *testing.T) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				if err := Parse(rel, src, Options{}).Dump(&got); err != nil {
					t.Fatal(err)
				}
				golden.Check(t, filepath.Join(root, "golden", "documents", rel+".dump"), got.Bytes())
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("no doc pages found under testdata")
	}
}

// isDocPage tells doc pages from their ground truth, notes and goldens.
func isDocPage(path string) bool {
	base := filepath.Base(path)
	switch {
	case strings.HasSuffix(base, ".json"), strings.HasSuffix(base, ".yaml"), strings.HasSuffix(base, ".golden"),
		base == "SOURCES.md", base == "README.md":
		return false
	}
	return true
}
