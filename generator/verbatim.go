package generator

import (
	"bytes"
	"go/format"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// Verbatim declarations are written as gofmt prints them and kept out of
// jennifer and gofmt: the declarations every model repeats (its reader
// and writer, UnmarshalJSON, MarshalJSON, Validate) and the readers of
// lists, maps, enums and aliases are most of a large package's source,
// and rendering and formatting them most of its generation time.
//
// jennifer emits a verbatim declaration as a stub function that holds its
// text in a string literal, which gofmt passes over as one token. gofmt
// spaces the stub as it spaces the declaration: both are functions of
// more than one line after the same doc comment, or none. The formatted
// stub is then replaced by the text (gofmt). The stub also names the
// packages the text uses, so that jennifer imports them. Tests hold every
// generated file to the bytes gofmt makes of it.

// verbatimStub is the name of a stub. No declaration the generator writes
// has it: the functions it names start with their kind (read, listOf,
// ...), and the names it takes from a spec are exported.
const verbatimStub = "apigenVerbatim"

// emitVerbatim adds decl, a top-level function declaration as gofmt
// prints it, to f; uses are the qualified names decl refers to
// (jen.Qual), for f's imports.
func emitVerbatim(f *jen.File, decl string, uses ...jen.Code) {
	f.Func().Id(verbatimStub).Params().BlockFunc(func(g *jen.Group) {
		g.Id("_").Op("=").Lit(decl)
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

// emit adds the declaration to f.
func (d *declText) emit(f *jen.File) { emitVerbatim(f, d.String(), d.uses...) }

// tabs indents a line depth levels.
func tabs(depth int) string { return strings.Repeat("\t", depth) }

// gofmt is go/format.Source with the verbatim declarations of src put in
// place of their stubs.
func gofmt(src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return nil, err
	}
	return expandVerbatim(out)
}

// expandVerbatim replaces each formatted stub in src by its text.
func expandVerbatim(src []byte) ([]byte, error) {
	head := []byte("\nfunc " + verbatimStub + "() {\n\t_ = ")
	i := bytes.Index(src, head)
	if i < 0 {
		return src, nil
	}
	var b bytes.Buffer
	b.Grow(len(src))
	for i >= 0 {
		b.Write(src[:i+1])
		rest := src[i+len(head):]
		// The literal holds no line break: it ends its line, and the
		// stub's body ends at the first line that starts with its
		// closing brace.
		end := bytes.Index(rest, []byte("\n}"))
		if end < 0 {
			return nil, errVerbatim
		}
		line, _, _ := bytes.Cut(rest[:end], []byte("\n"))
		decl, err := strconv.Unquote(string(line))
		if err != nil {
			return nil, errVerbatim
		}
		b.WriteString(decl)
		src = rest[end+len("\n}"):]
		i = bytes.Index(src, head)
	}
	b.Write(src)
	return b.Bytes(), nil
}

type verbatimError struct{}

func (verbatimError) Error() string { return "a verbatim declaration's stub is not as gofmt prints it" }

var errVerbatim = verbatimError{}
