package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// A verbatim declaration comes out of gofmt where and as the same
// declaration written into the source would: in the blank lines between
// declarations, before a doc comment, at the end of a file, and with the
// imports of what it uses.
func TestVerbatimIsSpacedAsItsDeclaration(t *testing.T) {
	decl := "func readA(r *jsonReader, x *A) bool {\n\tvar v json.RawMessage\n\t_ = v\n\treturn r.err == nil\n}"
	uses := []jen.Code{jen.Qual(jsonPkg, "RawMessage")}
	layouts := map[string]func(f *jen.File, add func(*jen.File)){
		"after a function and a blank line": func(f *jen.File, add func(*jen.File)) {
			f.Func().Id("f").Params().Block(jen.Return())
			f.Line()
			add(f)
		},
		"right after a function": func(f *jen.File, add func(*jen.File)) {
			f.Func().Id("f").Params().Block(jen.Return())
			add(f)
			f.Func().Id("g").Params().Block()
		},
		"before a doc comment": func(f *jen.File, add func(*jen.File)) {
			f.Comment("A is a type.")
			f.Type().Id("A").Struct(jen.Id("N").Int())
			add(f)
			f.Comment("B is another.")
			f.Type().Id("B").Int()
		},
		"after a variable, twice": func(f *jen.File, add func(*jen.File)) {
			f.Var().Id("v").Op("=").Lit(1)
			add(f)
			f.Line()
			add(f)
		},
	}
	for name, layout := range layouts {
		viaStub, inline := jen.NewFile("p"), jen.NewFile("p")
		// The inline declaration's import comes of a use of its own.
		for _, f := range []*jen.File{viaStub, inline} {
			f.Var().Id("_").Op("=").Qual(jsonPkg, "RawMessage").Values()
		}
		layout(viaStub, func(f *jen.File) { emitVerbatim(f, decl, uses...) })
		layout(inline, func(f *jen.File) { f.Add(jen.Id(decl)) })
		stubSrc, err := renderSource(viaStub)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gofmt(stubSrc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		inlineSrc, err := renderSource(inline)
		if err != nil {
			t.Fatal(err)
		}
		want, err := format.Source(inlineSrc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
		}
	}
	alone := jen.NewFile("p")
	emitVerbatim(alone, decl, uses...)
	src, err := renderSource(alone)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gofmt(src)
	if want := "package p\n\nimport \"encoding/json\"\n\n" + decl + "\n"; err != nil || string(got) != want {
		t.Errorf("alone (%v):\n%s\nwant:\n%s", err, got, want)
	}
}

// A stub that is not as emitVerbatim writes it is an error, not a
// declaration lost.
func TestExpandVerbatimRefusesBrokenStubs(t *testing.T) {
	for _, src := range []string{
		"package p\n\nfunc apigenVerbatim() {\n\t_ = \"func f() {}\n",
		"package p\n\nfunc apigenVerbatim() {\n\t_ = x\n}\n",
		"package p\n\nfunc apigenVerbatim() {\n\t_ = \"func f() {}\"",
	} {
		if out, err := expandVerbatim([]byte(src)); !errors.Is(err, errVerbatim) {
			t.Errorf("%q: %q, %v", src, out, err)
		}
	}
}

// A struct's reader is as gofmt prints it, whatever its members: every
// type a member can have, optional members held by pointer (raw JSON
// among them), names that need escaping, and more members than one word
// of Members marks.
func TestStructReaderIsGofmt(t *testing.T) {
	named := &Type{Name: "Item", Kind: StructType}
	raw := &GoType{Kind: Raw}
	types := []*GoType{
		{Kind: String}, {Kind: Int32}, {Kind: Int64}, {Kind: Float64}, {Kind: Bool}, {Kind: Decimal},
		{Kind: Named, Named: named}, {Kind: Slice, Elem: &GoType{Kind: Named, Named: named}},
		{Kind: Map, Elem: &GoType{Kind: Slice, Elem: raw}}, raw, {Kind: Any},
	}
	typ := &Type{Name: "Big", Kind: StructType}
	for i := range 70 {
		fl := &Field{Name: fmt.Sprintf("F%d", i), JSON: fmt.Sprintf("f%d", i), Type: types[i%len(types)], Pointer: i%3 == 0}
		switch i {
		case 1:
			fl.JSON = "quote\"back\\slash"
		case 2:
			fl.JSON = "名称\ttab\u2028"
		}
		typ.Fields = append(typ.Fields, fl)
	}
	decl, uses := structReaderText(typ)
	src := "package p\n\n" + decl + "\n"
	formatted, err := format.Source([]byte(src))
	if err != nil || string(formatted) != src {
		t.Errorf("not as gofmt prints it (%v): %s", err, firstDiffLine([]byte(src), formatted))
	}
	if !strings.Contains(decl, "markMore(r, 69)") || !strings.Contains(decl, "optional[json.RawMessage](r)") {
		t.Errorf("the reader misses members:\n%s", decl)
	}
	if len(uses) == 0 {
		t.Error("the reader names no import for json.RawMessage")
	}
}
