package generator

import (
	"bytes"
	"go/format"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apigen/apigen/spec/oas"
)

// Formatting in pieces gives gofmt's bytes: every spec under testdata
// and generated/ generates the same package with the files cut at every
// declaration that allows it as with the files formatted whole.
func TestFormatInPieces(t *testing.T) {
	var specs []string
	for _, root := range []string{filepath.Join("..", "testdata"), filepath.Join("..", "generated")} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(path)) {
				specs = append(specs, path)
			}
			return nil
		})
	}
	defer func(size int) { formatChunk = size }(formatChunk)
	generated, cut := 0, 0
	for _, path := range specs {
		doc, _ := oas.Load(path)
		if doc == nil {
			continue
		}
		formatChunk = 1 << 40
		whole, wholeDiags := Generate(doc, Options{Package: "api", Source: "api.yaml"})
		formatChunk = 1
		pieces, pieceDiags := Generate(doc, Options{Package: "api", Source: "api.yaml"})
		generated++
		if len(wholeDiags) != len(pieceDiags) {
			t.Errorf("%s: %d diagnostics whole, %d in pieces", path, len(wholeDiags), len(pieceDiags))
		}
		for _, name := range slices.Sorted(maps.Keys(whole)) {
			if !bytes.Equal(whole[name], pieces[name]) {
				t.Errorf("%s: %s formatted in pieces differs from gofmt", path, name)
			}
			if filepath.Ext(name) == ".go" && len(declCuts(whole[name], 1)) > 0 {
				cut++
			}
		}
	}
	if generated < 50 || cut < generated {
		t.Errorf("%d specs generated, %d files cut", generated, cut)
	}
}

// declCuts cuts only where a doc comment follows nothing but blank space
// after the previous declaration, and before a declaration.
func TestDeclCuts(t *testing.T) {
	src := []byte(`package p

import "fmt"

// A is cut before.
type A int

var f = func() {
	// not a declaration
	fmt.Println()
}

// stray

// B follows a stray comment: not cut.
func B() {}
// C follows B on the next line: cut.
func C() {}

/* D has a block comment: not cut. */
func D() {}

// E is cut before.
const E = 1
`)
	var got []string
	for _, c := range declCuts(src, 1) {
		line := src[c:]
		got = append(got, string(line[:bytes.IndexByte(line, '\n')]))
	}
	want := []string{"// A is cut before.", "// C follows B on the next line: cut.", "// E is cut before."}
	if !slices.Equal(got, want) {
		t.Errorf("cuts before %q, want %q", got, want)
	}
	whole, err := format.Source(src)
	if err != nil {
		t.Fatal(err)
	}
	defer func(size int) { formatChunk = size }(formatChunk)
	formatChunk = 1
	pieces, err := formatSource(src)
	if err != nil || !bytes.Equal(pieces, whole) {
		t.Errorf("in pieces (%v):\n%s\nwhole:\n%s", err, pieces, whole)
	}
}
