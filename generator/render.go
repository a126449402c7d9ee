package generator

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// renderSource renders f as jennifer writes it, unformatted.
func renderSource(f *goFile) ([]byte, error) {
	f.NoFormat = true
	var b bytes.Buffer
	err := f.Render(&b)
	return b.Bytes(), err
}

// itemsChunk is how many items (types, operations) one jennifer file
// holds at a time while a file is written: the statements of every type
// of ten thousand operations take hundreds of megabytes at once.
var itemsChunk = 256

// A layout is a generated Go file as a head, items and a tail, so that it
// can be written in pieces: the head holds what speaks of every item (an
// interface, a constructor, a route table), each item is a run of
// top-level declarations that starts with a doc comment (a type and its
// methods, an operation's method), and the tail follows the last item.
type layout struct {
	head  func(f *goFile)
	items int
	item  func(f *goFile, i int)
	tail  func(f *goFile)
}

func (l layout) emit(f *goFile) {
	if l.head != nil {
		l.head(f)
	}
	for i := range l.items {
		l.item(f, i)
	}
	if l.tail != nil {
		l.tail(f)
	}
}

// writeLayout writes a file gofmt'd: the items are emitted itemsChunk at
// a time into jennifer files of their own, and each chunk's declarations
// are formatted (on every CPU) while the next is emitted. The imports of
// the chunks join the head's import block, and the formatted pieces are
// joined by the one blank line gofmt puts before a declaration with a
// doc comment; jennifer writes each top-level statement on its own, so
// the result is the bytes of emitting and formatting the file whole
// (TestWriteInPieces). A file whose chunks name an import other than by
// its package name, import two packages of one name, or do not start
// with a doc comment is written whole.
func writeLayout(pkgName string, newFile func() *goFile, newLayout func() layout) ([]byte, error) {
	// A layout's emitters may keep state across items (the validators
	// name patterns in order of first use), so writing whole after a
	// failed attempt in pieces starts from a layout of its own.
	l := newLayout()
	whole := func() ([]byte, error) {
		if l.items > itemsChunk {
			writtenWhole.Add(1)
		}
		f := newFile()
		newLayout().emit(f)
		return formatRendered(f)
	}
	if l.items <= itemsChunk {
		return whole()
	}
	prefix, err := renderSource(newFile())
	if err != nil {
		return nil, err
	}
	f := newFile()
	if l.head != nil {
		l.head(f)
	}
	headSrc, err := renderSource(f)
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(headSrc, prefix)
	if !ok {
		return whole()
	}
	imports, headBody, ok := splitImports(rest)
	if !ok {
		return whole()
	}
	clause := []byte("package " + pkgName + "\n\n")
	var (
		pieces []*written
		wg     sync.WaitGroup
	)
	for lo := 0; lo < l.items; lo += itemsChunk {
		cf := newGoFile(pkgName)
		hi := min(lo+itemsChunk, l.items)
		for i := lo; i < hi; i++ {
			l.item(cf, i)
		}
		if hi == l.items && l.tail != nil {
			l.tail(cf)
		}
		src, err := renderSource(cf)
		if err != nil {
			return nil, err
		}
		rest, ok := bytes.CutPrefix(src, clause)
		if !ok {
			wg.Wait()
			return whole()
		}
		more, body, ok := splitImports(rest)
		// jennifer leaves a blank line where a file without imports has
		// its import block; gofmt puts one before a doc comment anyway.
		body = bytes.TrimLeft(body, "\n")
		if !ok || !startsWithDocDecl(body) || endsWithComment(body) {
			wg.Wait()
			return whole()
		}
		imports = append(imports, more...)
		piece := &written{}
		pieces = append(pieces, piece)
		formatSlots <- struct{}{}
		wg.Go(func() {
			defer func() { <-formatSlots }()
			piece.src, piece.err = formatDecls(body, cf.verbatim)
		})
	}
	wg.Wait()
	slices.Sort(imports)
	imports = slices.Compact(imports)
	if !distinctNames(imports) {
		return whole()
	}
	for _, p := range pieces {
		if p.err != nil {
			return whole()
		}
	}
	head, err := formatSource(slices.Concat(prefix, []byte(importBlock(imports)), headBody), f.verbatim)
	if err != nil {
		return whole()
	}
	var b bytes.Buffer
	n := len(head)
	for _, p := range pieces {
		n += 1 + len(p.src)
	}
	b.Grow(n)
	b.Write(head)
	for _, p := range pieces {
		b.WriteByte('\n')
		b.Write(p.src)
	}
	return b.Bytes(), nil
}

// formatSlots bounds the chunks being formatted at once, across the
// files being written: one per CPU keeps them busy, and bounds the syntax
// trees held.
var formatSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// writtenWhole counts the files that could have been written in pieces
// but were written whole, for tests.
var writtenWhole atomic.Int64

// formatRendered renders f and gofmts it; a file that does not format is
// a generator bug, reported with its source.
func formatRendered(f *goFile) ([]byte, error) {
	src, err := renderSource(f)
	if err != nil {
		return nil, err
	}
	out, err := formatSource(src, f.verbatim)
	if err != nil {
		return nil, fmt.Errorf("Error %s while formatting source:\n%s", err, src)
	}
	return out, nil
}

// formatDecls gofmts top-level declarations, as those of a file of their
// own whose package clause is then cut off; verbatim are the texts of the
// file they were emitted in.
func formatDecls(body []byte, verbatim []string) ([]byte, error) {
	const clause = "package p\n\n"
	formatted, err := gofmt(append([]byte(clause), body...), verbatim)
	if err != nil {
		return nil, err
	}
	out, ok := bytes.CutPrefix(formatted, []byte(clause))
	if !ok {
		return nil, errCut
	}
	return out, nil
}

// startsWithDocDecl reports whether src opens with a doc comment: line
// comments and block comments (jennifer writes a text of many lines as
// one) on consecutive lines, then a declaration keyword.
func startsWithDocDecl(src []byte) bool {
	comments := 0
	for {
		var end int
		switch {
		case bytes.HasPrefix(src, []byte("//")):
			end = bytes.IndexByte(src, '\n')
		case bytes.HasPrefix(src, []byte("/*")):
			// The comment must end its line.
			if end = bytes.Index(src, []byte("*/")) + len("*/"); end < len("*/") || end >= len(src) || src[end] != '\n' {
				return false
			}
		default:
			return comments > 0 && declKeyword(src)
		}
		if end < 0 {
			return false
		}
		src = src[end+1:]
		comments++
	}
}

// endsWithComment reports whether src's last line is a comment, which
// would join the next piece's doc comment when written whole.
func endsWithComment(src []byte) bool {
	src = bytes.TrimRight(src, " \t\n")
	return bytes.HasPrefix(bytes.TrimLeft(src[bytes.LastIndexByte(src, '\n')+1:], " \t"), []byte("//"))
}

// distinctNames reports whether no two import paths end in one name:
// jennifer would name one of them when emitting the file whole.
func distinctNames(paths []string) bool {
	seen := map[string]bool{}
	for _, p := range paths {
		name := path.Base(p)
		if seen[name] {
			return false
		}
		seen[name] = true
	}
	return true
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
