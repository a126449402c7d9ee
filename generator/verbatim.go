package generator

import (
	"bytes"
	"fmt"
	"go/format"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// Verbatim declarations are written as gofmt prints them and kept out of
// jennifer and gofmt: everything a package has once per model or
// operation (a model's declaration, reader, writer and validator; an
// enum's constants; a client method and iterator, a handler, a mock
// answer, a webhook; a line of the Client and Server interfaces) is most
// of a large package's source, and rendering and formatting it was most
// of its generation time. jennifer writes the rest: the constructors, the
// route table, the envelope and auth settings, and the doc comments of
// verbatim declarations, whose vendor text gofmt reformats as a doc
// comment.
//
// The file being emitted keeps the text (goFile), and jennifer emits a
// stub function in its place that holds the text's number: jennifer,
// go/scanner and go/printer would each go over a literal holding the
// text byte by byte. gofmt spaces the stub as it spaces the text (see
// emitVerbatim); the formatted stub is then replaced by the text
// (gofmt). The stub also names the packages the text uses, so that
// jennifer imports them. The text follows gofmt's rules where they
// apply (keyedLiteral's columns, enumConsts', an empty function body on
// its header's line, a header without parentheses), and tests hold every
// generated file to the bytes gofmt makes of it.

// verbatimStub is the name of a stub. No declaration the generator writes
// has it: the functions it names start with their kind (read, listOf,
// ...), and the names it takes from a spec are exported.
const verbatimStub = "apigenVerbatim"

// A goFile is a generated file being emitted: jennifer's, and the texts
// of its verbatim declarations, by the number their stubs hold.
type goFile struct {
	*jen.File
	verbatim []string
}

func newGoFile(pkgName string) *goFile { return &goFile{File: jen.NewFile(pkgName)} }

// emitVerbatim adds decl to f: top-level declarations as gofmt prints
// them, which gofmt spaces as it spaces their stub, a function of more
// than one line: after a doc comment, or a function of more than one
// line right after another function. uses are the qualified names decl
// refers to (jen.Qual), for f's imports.
func emitVerbatim(f *goFile, decl string, uses ...jen.Code) {
	id := len(f.verbatim)
	f.verbatim = append(f.verbatim, decl)
	f.Func().Id(verbatimStub).Params().BlockFunc(func(g *jen.Group) {
		g.Id("_").Op("=").Lit(id)
		for _, use := range uses {
			g.Id("_").Op("=").Add(use)
		}
	})
}

// A declText is a verbatim declaration being written, with the
// qualified names it uses.
type declText struct {
	strings.Builder
	uses []jen.Code
}

// typeText is the type expression typeText gives, noting the qualified
// name it uses.
func (d *declText) typeText(t *GoType) string {
	text, qual := typeText(t)
	if qual != nil {
		d.uses = append(d.uses, qual)
	}
	return text
}

// use notes a qualified name the declaration uses, for the file's
// imports.
func (d *declText) use(path, name string) { d.uses = append(d.uses, jen.Qual(path, name)) }

// emit adds the declaration to f.
func (d *declText) emit(f *goFile) { emitVerbatim(f, d.String(), d.uses...) }

// goLit is a constant as jennifer's Lit writes it.
func goLit(v any) string {
	switch v := v.(type) {
	case bool, string, int, complex128:
		return fmt.Sprintf("%#v", v)
	case float64:
		out := fmt.Sprintf("%#v", v)
		if !strings.Contains(out, ".") && !strings.Contains(out, "e") {
			// Written as a float, not an int.
			out += ".0"
		}
		return out
	case float32, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr:
		return fmt.Sprintf("%T(%#v)", v, v)
	case complex64:
		return fmt.Sprintf("%T%#v", v, v)
	}
	panic(fmt.Sprintf("unsupported type for literal: %T", v))
}

// An entry is a key and its value in a keyed composite literal, as Go
// source; a value may run over several lines.
type entry struct{ key, value string }

// keyedLiteral is a composite literal of typ whose entries, in the order
// of their keys' text (jennifer's Dict), are as gofmt prints them
// (go/printer's exprList): one entry on the literal's line; more each on
// a line of its own, one level deeper than depth, the line the literal
// starts on. The keys of consecutive one-line entries end in a column
// (text/tabwriter's cells, as wide as the widest in runes), which starts
// anew after an entry of several lines and where a key's size departs
// from those before it by exprList's ratio.
func keyedLiteral(typ string, entries []entry, depth int) string {
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	switch len(entries) {
	case 0:
		return typ + "{}"
	case 1:
		return typ + "{" + entries[0].key + ": " + entries[0].value + "}"
	}
	// The column each entry starts, by exprList's rules.
	section := make([]int, len(entries))
	var lnsum float64
	count, prevSize := 0, 0
	for i, e := range entries {
		size := 0
		if !strings.Contains(e.value, "\n") {
			size = len(e.key)
		}
		newSection := true
		if prevSize > 0 && size > 0 {
			const smallSize, ratioLimit = 40, 2.5
			if count == 0 || prevSize <= smallSize && size <= smallSize {
				newSection = false
			} else {
				ratio := float64(size) / math.Exp(lnsum/float64(count))
				newSection = ratioLimit*ratio <= 1 || ratioLimit <= ratio
			}
		}
		switch {
		case i == 0:
		case newSection:
			// A new section starts the ratio's mean anew.
			section[i] = section[i-1] + 1
			lnsum, count = 0, 0
		default:
			section[i] = section[i-1]
		}
		if size > 0 {
			lnsum += math.Log(float64(size))
			count++
		}
		prevSize = size
	}
	var b strings.Builder
	b.WriteString(typ + "{\n")
	for i, e := range entries {
		if strings.Contains(e.value, "\n") {
			b.WriteString(tabs(depth+1) + e.key + ": " + e.value + ",\n")
			continue
		}
		width := 0
		for j := i; j >= 0 && section[j] == section[i]; j-- {
			width = max(width, utf8.RuneCountInString(entries[j].key))
		}
		for j := i; j < len(entries) && section[j] == section[i]; j++ {
			width = max(width, utf8.RuneCountInString(entries[j].key))
		}
		b.WriteString(tabs(depth+1) + e.key + ":" + strings.Repeat(" ", width-utf8.RuneCountInString(e.key)+1) + e.value + ",\n")
	}
	b.WriteString(tabs(depth) + "}")
	return b.String()
}

// interfaceDecl writes an interface of lines (methods, and the comments
// before them), as gofmt prints it: interface{} when it has none.
func (d *declText) interfaceDecl(name string, lines []string) {
	d.WriteString("type " + name + " interface")
	if len(lines) == 0 {
		d.WriteString("{}")
		return
	}
	d.WriteString(" {\n")
	for _, line := range lines {
		d.WriteString("\t" + line + "\n")
	}
	d.WriteString("}")
}

// tabs indents a line depth levels.
func tabs(depth int) string { return strings.Repeat("\t", depth) }

// gofmt is go/format.Source with the verbatim declarations of src, the
// texts of the file it was cut from, put in place of their stubs.
func gofmt(src []byte, verbatim []string) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return nil, err
	}
	return expandVerbatim(out, verbatim)
}

// expandVerbatim replaces each formatted stub in src by its text among
// verbatim.
func expandVerbatim(src []byte, verbatim []string) ([]byte, error) {
	head := []byte("\nfunc " + verbatimStub + "() {\n\t_ = ")
	i := bytes.Index(src, head)
	if i < 0 {
		return src, nil
	}
	// The texts are those of the file src was printed from, so src and
	// all of them bound what is written: one allocation, not a doubling
	// buffer copied over and over for a file of tens of megabytes.
	size := len(src)
	for _, text := range verbatim {
		size += len(text)
	}
	var b bytes.Buffer
	b.Grow(size)
	for i >= 0 {
		b.Write(src[:i+1])
		rest := src[i+len(head):]
		// The number ends its line, and the stub's body ends at the
		// first line that starts with its closing brace.
		end := bytes.Index(rest, []byte("\n}"))
		if end < 0 {
			return nil, errVerbatim
		}
		line, _, _ := bytes.Cut(rest[:end], []byte("\n"))
		id, err := strconv.Atoi(string(line))
		if err != nil || id < 0 || id >= len(verbatim) {
			return nil, errVerbatim
		}
		b.WriteString(verbatim[id])
		src = rest[end+len("\n}"):]
		i = bytes.Index(src, head)
	}
	b.Write(src)
	return b.Bytes(), nil
}

type verbatimError struct{}

func (verbatimError) Error() string { return "a verbatim declaration's stub is not as gofmt prints it" }

var errVerbatim = verbatimError{}
