package generator

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// typesChunk is how many types one jennifer file holds at a time while
// types.go is written: the statements of every type of ten thousand
// operations take hundreds of megabytes at once.
var typesChunk = 256

// renderSource renders f as jennifer writes it, unformatted.
func renderSource(f *jen.File) ([]byte, error) {
	f.NoFormat = true
	var b bytes.Buffer
	err := f.Render(&b)
	return b.Bytes(), err
}

// typesSource writes types.go unformatted: newFile's header, what head
// emits, then pkg's types. The types are emitted typesChunk at a time
// into files of their own, whose bodies follow the head's and whose
// imports join its import block: jennifer writes each top-level
// statement on its own, so the text is the one file's. When a file
// names an import other than by its package name (two imports with one
// name), the types are emitted into one file as they were.
func typesSource(pkgName string, newFile func() *jen.File, head func(*jen.File), pkg *Package) ([]byte, error) {
	whole := func() ([]byte, error) {
		f := newFile()
		head(f)
		emitTypes(f, pkg)
		return renderSource(f)
	}
	if len(pkg.Types) <= typesChunk {
		return whole()
	}
	prefix, err := renderSource(newFile())
	if err != nil {
		return nil, err
	}
	f := newFile()
	head(f)
	headSrc, err := renderSource(f)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(headSrc, prefix)
	if !ok {
		return whole()
	}
	imports, body, ok := splitImports(rest)
	if !ok {
		return whole()
	}
	bodies := [][]byte{body}
	clause := "package " + pkgName + "\n\n"
	for chunk := range slices.Chunk(pkg.Types, typesChunk) {
		sub := *pkg
		sub.Types = chunk
		cf := jen.NewFile(pkgName)
		emitTypes(cf, &sub)
		src, err := renderSource(cf)
		if err != nil {
			return nil, err
		}
		rest, ok := bytes.CutPrefix(src, []byte(clause))
		if !ok {
			return whole()
		}
		more, body, ok := splitImports(rest)
		if !ok {
			return whole()
		}
		imports = append(imports, more...)
		bodies = append(bodies, body)
	}
	slices.Sort(imports)
	imports = slices.Compact(imports)
	var b bytes.Buffer
	b.Write(prefix)
	b.WriteString(importBlock(imports))
	for _, body := range bodies {
		b.Write(body)
	}
	return b.Bytes(), nil
}

// importBlock is the import block jennifer writes for sorted paths
// imported by their package names.
func importBlock(paths []string) string {
	switch len(paths) {
	case 0:
		return ""
	case 1:
		return "import " + strconv.Quote(paths[0]) + "\n\n"
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, path := range paths {
		b.WriteString(strconv.Quote(path) + "\n")
	}
	b.WriteString(")\n\n")
	return b.String()
}

// splitImports cuts jennifer's import block off the text after a package
// clause: the paths it imports and the body after it. ok is false when
// an import is named, or the block is not one jennifer writes.
func splitImports(rest []byte) (paths []string, body []byte, ok bool) {
	var lines []string
	switch {
	case bytes.HasPrefix(rest, []byte("import (\n")):
		end := bytes.Index(rest, []byte(")\n\n"))
		if end < 0 {
			return nil, nil, false
		}
		lines = strings.Split(strings.TrimSuffix(string(rest[len("import (\n"):end]), "\n"), "\n")
		body = rest[end+len(")\n\n"):]
	case bytes.HasPrefix(rest, []byte("import ")):
		line, after, found := bytes.Cut(rest[len("import "):], []byte("\n\n"))
		if !found {
			return nil, nil, false
		}
		lines = []string{string(line)}
		body = after
	default:
		return nil, rest, true
	}
	for _, l := range lines {
		path, err := strconv.Unquote(l)
		if err != nil {
			return nil, nil, false // a named import, or one not written as jennifer writes it
		}
		paths = append(paths, path)
	}
	return paths, body, true
}
