package parser

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

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
				compareGolden(t, filepath.Join(root, "golden", "documents", rel+".dump"), got.Bytes())
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

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./parser -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("dump differs from %s (run go test ./parser -update and review the diff):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of two dumps with its neighbours.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(trailing newline)"
}
