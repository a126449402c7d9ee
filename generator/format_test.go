package generator

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apigen/apigen/spec/oas"
)

// Writing in pieces gives the bytes of writing whole: every spec under
// testdata and generated/ generates the same package with types.go
// emitted a type at a time and every file cut for gofmt at every
// declaration that allows it, as with each file emitted and formatted
// whole; and those bytes are gofmt's.
func TestWriteInPieces(t *testing.T) {
	var specs []string
	for _, root := range []string{filepath.Join("..", "testdata"), filepath.Join("..", "generated")} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(path)) {
				specs = append(specs, path)
			}
			return nil
		})
	}
	defer func(size, types int) { formatChunk, itemsChunk = size, types }(formatChunk, itemsChunk)
	generated, cut := 0, 0
	wholeBefore := writtenWhole.Load()
	for _, path := range specs {
		doc, _ := oas.Load(path)
		if doc == nil {
			continue
		}
		formatChunk, itemsChunk = 1<<40, 1<<40
		whole, wholeDiags := Generate(doc, Options{Package: "api", Source: "api.yaml"})
		formatChunk, itemsChunk = 1, 1
		pieces, pieceDiags := Generate(doc, Options{Package: "api", Source: "api.yaml"})
		generated++
		if len(wholeDiags) != len(pieceDiags) {
			t.Errorf("%s: %d diagnostics whole, %d in pieces", path, len(wholeDiags), len(pieceDiags))
		}
		for _, name := range slices.Sorted(maps.Keys(whole)) {
			if !bytes.Equal(whole[name], pieces[name]) {
				t.Errorf("%s: %s formatted in pieces differs from gofmt", path, name)
			}
			// The verbatim declarations are as gofmt prints them.
			if filepath.Ext(name) == ".go" {
				if formatted, err := format.Source(whole[name]); err != nil || !bytes.Equal(formatted, whole[name]) {
					t.Errorf("%s: %s is not as gofmt prints it (%v): %s", path, name, err, firstDiffLine(whole[name], formatted))
				}
			}
			if filepath.Ext(name) == ".go" && len(declCuts(whole[name], 1)) > 0 {
				cut++
			}
		}
	}
	if n := writtenWhole.Load() - wholeBefore; n > 0 {
		t.Errorf("%d files were written whole that could be written in pieces", n)
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
	defer func(size, types int) { formatChunk, itemsChunk = size, types }(formatChunk, itemsChunk)
	formatChunk = 1
	pieces, err := formatSource(src, nil)
	if err != nil || !bytes.Equal(pieces, whole) {
		t.Errorf("in pieces (%v):\n%s\nwhole:\n%s", err, pieces, whole)
	}
}

// splitImports reads the import blocks jennifer writes, and importBlock
// writes them back as jennifer does; a named import is not read.
func TestImportBlocks(t *testing.T) {
	for _, quals := range [][]string{nil, {"encoding/json"}, {"fmt", "encoding/json", "net/http"}} {
		f := newGoFile("p")
		for _, path := range quals {
			f.Var().Id("_").Op("=").Qual(path, "X")
		}
		src, err := renderSource(f)
		if err != nil {
			t.Fatal(err)
		}
		rest, _ := bytes.CutPrefix(src, []byte("package p\n\n"))
		paths, body, ok := splitImports(rest)
		want := slices.Sorted(slices.Values(quals))
		if !ok || !slices.Equal(paths, want) {
			t.Errorf("%v: read %v (%v)", quals, paths, ok)
		}
		if got := importBlock(paths) + string(body); got != string(rest) {
			t.Errorf("%v: written back as\n%s\nnot\n%s", quals, got, rest)
		}
	}
	f := newGoFile("p")
	f.ImportAlias("encoding/json", "js")
	f.Var().Id("_").Op("=").Qual("encoding/json", "X")
	src, _ := renderSource(f)
	if _, _, ok := splitImports(bytes.TrimPrefix(src, []byte("package p\n\n"))); ok {
		t.Errorf("a named import was read:\n%s", src)
	}
}

// firstDiffLine names the first line where a and b differ.
func firstDiffLine(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(al), len(bl)) {
		if !bytes.Equal(al[i], bl[i]) {
			return fmt.Sprintf("line %d: %q, gofmt %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, gofmt %d", len(al), len(bl))
}
