package generator

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"strconv"
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
	layouts := map[string]func(f *goFile, add func(*goFile)){
		"after a function and a blank line": func(f *goFile, add func(*goFile)) {
			f.Func().Id("f").Params().Block(jen.Return())
			f.Line()
			add(f)
		},
		"right after a function": func(f *goFile, add func(*goFile)) {
			f.Func().Id("f").Params().Block(jen.Return())
			add(f)
			f.Func().Id("g").Params().Block()
		},
		"before a doc comment": func(f *goFile, add func(*goFile)) {
			f.Comment("A is a type.")
			f.Type().Id("A").Struct(jen.Id("N").Int())
			add(f)
			f.Comment("B is another.")
			f.Type().Id("B").Int()
		},
		"after a variable, twice": func(f *goFile, add func(*goFile)) {
			f.Var().Id("v").Op("=").Lit(1)
			add(f)
			f.Line()
			add(f)
		},
	}
	for name, layout := range layouts {
		viaStub, inline := newGoFile("p"), newGoFile("p")
		// The inline declaration's import comes of a use of its own.
		for _, f := range []*goFile{viaStub, inline} {
			f.Var().Id("_").Op("=").Qual(jsonPkg, "RawMessage").Values()
		}
		layout(viaStub, func(f *goFile) { emitVerbatim(f, decl, uses...) })
		layout(inline, func(f *goFile) { f.Add(jen.Id(decl)) })
		stubSrc, err := renderSource(viaStub)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gofmt(stubSrc, viaStub.verbatim)
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
	alone := newGoFile("p")
	emitVerbatim(alone, decl, uses...)
	src, err := renderSource(alone)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gofmt(src, alone.verbatim)
	if want := "package p\n\nimport \"encoding/json\"\n\n" + decl + "\n"; err != nil || string(got) != want {
		t.Errorf("alone (%v):\n%s\nwant:\n%s", err, got, want)
	}
}

// A stub that is not as emitVerbatim writes it, or that stands for no
// text of its file, is an error, not a declaration lost.
func TestExpandVerbatimRefusesBrokenStubs(t *testing.T) {
	texts := []string{"func f() {}"}
	for _, src := range []string{
		"package p\n\nfunc apigenVerbatim() {\n\t_ = 0\n",
		"package p\n\nfunc apigenVerbatim() {\n\t_ = x\n}\n",
		"package p\n\nfunc apigenVerbatim() {\n\t_ = 1\n}\n",
		"package p\n\nfunc apigenVerbatim() {\n\t_ = -1\n}\n",
		"package p\n\nfunc apigenVerbatim() {\n\t_ = 0",
	} {
		if out, err := expandVerbatim([]byte(src), texts); !errors.Is(err, errVerbatim) {
			t.Errorf("%q: %q, %v", src, out, err)
		}
	}
}

// A struct's declaration, reader and writer, the readers and writers of
// enums and aliases, and the readers of lists and maps are as gofmt
// prints them, whatever the members: every type a member can have (lists
// of lists, maps of lists of raw JSON, literals within literals, enums of
// each kind), required and optional, held by pointer or not, numbers sent
// as strings, names that need escaping, descriptions gofmt would rewrite
// at the start of a doc comment or refuse, and more members than one
// word of Members marks; and a wrapper's declaration, with parameters or
// none.
func TestVerbatimCodecsAreGofmt(t *testing.T) {
	two, big, whole, half := 2, 1e21, 10.0, -2.5
	item := &Type{Name: "Item", Kind: StructType}
	raw := &GoType{Kind: Raw}
	named := func(name string, kind Kind) *GoType {
		return &GoType{Kind: Named, Named: &Type{Name: name, Kind: EnumType, Under: &GoType{Kind: kind}}}
	}
	alias := &GoType{Kind: Named, Named: &Type{Name: "Tags", Kind: AliasType, Under: &GoType{Kind: Slice, Elem: &GoType{Kind: String}}}}
	types := []*GoType{
		{Kind: String}, {Kind: Int32}, {Kind: Int64}, {Kind: Float64}, {Kind: Bool}, {Kind: Decimal}, raw, {Kind: Any},
		{Kind: Named, Named: item}, {Kind: Slice, Elem: &GoType{Kind: Named, Named: item}},
		{Kind: Slice, Elem: &GoType{Kind: Slice, Elem: &GoType{Kind: Int64}}},
		{Kind: Map, Elem: &GoType{Kind: Slice, Elem: raw}},
		{Kind: Slice, Elem: &GoType{Kind: Map, Elem: &GoType{Kind: Slice, Elem: &GoType{Kind: Named, Named: item}}}},
		named("Level", Int32), named("Size", Int64), named("Flag", Bool), named("State", String), alias,
		{Kind: Slice, Elem: &GoType{Kind: String}, Rules: &Rules{MaxLength: &two, Enum: []any{"a", ""}}},
		{Kind: Map, Elem: &GoType{Kind: Slice, Elem: &GoType{Kind: Named, Named: item}}, Rules: &Rules{MaxItems: &two}},
		{Kind: Named, Named: &Type{Name: "Code", Kind: EnumType, Under: raw, Enum: []EnumConst{{Name: "CodeA", Value: "a"}}}},
		{Kind: Named, Named: &Type{Name: "Color", Kind: EnumType, Under: &GoType{Kind: String}, Enum: []EnumConst{
			{Name: "ColorRed", Value: "red", Doc: "红"}, {Name: "ColorGreenish", Value: "g"}, {Name: "ColorB", Value: "b"},
			{Name: "Color名", Value: "x", Doc: "two\nlines  */ \n"}, {Name: "ColorYellow", Value: "y"},
		}}},
		{Kind: Named, Named: &Type{Name: "Rate", Kind: EnumType, Under: &GoType{Kind: Float64}, Enum: []EnumConst{
			{Name: "RateHalf", Value: 0.5}, {Name: "RateOne", Value: 1.0, Doc: "one"},
		}}},
	}
	docs := []string{"", "- a list item", "# Heading", "1. first", "  indented\n\n\tcode", "[link]: https://example.com",
		"`code` and ''quoted''", "closes */ early", "line\nbreak", "nul\x00 bom\uFEFF bad \xff UTF-8", "名称 中文　说明",
		"https://example.com/x?a=b [Doc] link", "//go:generate x", "tab\there"}
	rules := []Rules{
		{MaxLength: &two, MinLength: &two, Pattern: "^a", PatternWhat: "not an a", Enum: []any{1.0, 2.5, 3},
			DecimalPattern: "^[0-9]+$", Max: &big, Min: &half, MaxItems: &two, MinItems: &two},
		{Max: &whole, Enum: []any{1.0, 2}},
		{},
	}
	typ := &Type{Name: "Big", Kind: StructType}
	for i := range 140 {
		fl := &Field{Name: fmt.Sprintf("F%d", i), JSON: fmt.Sprintf("f%d", i), Type: types[i%len(types)],
			Pointer: i%3 == 0, Required: i%4 < 2, AsString: i%5 == 0}
		switch i {
		case 1:
			fl.JSON = "quote\"back\\slash"
		case 2:
			fl.JSON = "名称\ttab\u2028"
		case 3:
			fl.JSON = "line\nbreak\r"
		}
		fl.Doc = docs[i%len(docs)]
		fl.Rules = rules[i%len(rules)]
		typ.Fields = append(typ.Fields, fl)
	}
	f := newGoFile("p")
	emitStruct(f, typ)
	emitStruct(f, &Type{Name: "CallRequest", Kind: StructType, Wrapper: true, Fields: []*Field{
		{Name: "ID", JSON: "id", Type: &GoType{Kind: Int64}, Required: true},
		{Name: "Body", Type: &GoType{Kind: Named, Named: item}, Pointer: true},
		{Name: "Q", JSON: "q`uote", Type: &GoType{Kind: String}},
	}})
	emitStruct(f, &Type{Name: "EmptyRequest", Kind: StructType, Wrapper: true})
	pats := &patterns{expanding: map[*Type]bool{}}
	emitValidator(f, typ, pats)
	// gofmt writes an empty body on its function's line when the two fit
	// in 100 columns.
	for _, n := range []int{52, 53} {
		emitValidator(f, &Type{Name: strings.Repeat("N", n), Kind: StructType}, pats)
	}
	for _, t := range types {
		switch {
		case t.Kind == Named && t.Named.Kind != StructType:
			emitType(f, t.Named)
		case t.Kind == Slice || t.Kind == Map:
			emitContainerReader(f, containerReader{readerName(t), t})
		}
	}
	src, err := renderSource(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := gofmt(src, f.verbatim)
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := format.Source(got)
	if err != nil || !bytes.Equal(formatted, got) {
		t.Errorf("not as gofmt prints it (%v): %s", err, firstDiffLine(got, formatted))
	}
	for _, want := range []string{
		"markMore(r, 139)", "optional[json.RawMessage](r)",
		"func(v *[]json.RawMessage, b []byte) ([]byte, error) {\n\t\t\treturn appendSlice(b, *v, appendRaw)\n\t\t}); err != nil {",
		"b = strconv.AppendInt(append(b, \",\\\"f13\\\":\"...), int64(int32(x.F13)), 10)",
		"func (x *Tags) appendJSON(b []byte) ([]byte, error) {\n\treturn appendSlice(b, *(*[]string)(x), appendString)\n}",
		"import (\n\t\"encoding/json\"\n\t\"strconv\"\n)",
		"\t\tk := string(key) // before the value: it may overwrite key's buffer\n\t\tvar v []json.RawMessage\n",
		"\t\tok = listOfint64(r, &out[len(out)-1])\n",
		"return appendMap(b, *v, func(v *[]Item, b []byte) ([]byte, error) {\n",
		"func readTags(r *jsonReader, x *Tags) bool {\n\treturn listOfstring(r, (*[]string)(x))\n}",
		"\t// F1 (quote\"back\\slash): - a list item Required.\n\tF1 int32 `json:\"-\"`\n",
		"\t// F3 (line break ): 1. first\n",
		"\t// F9 (f9): nul\uFFFD bom\uFFFD bad \uFFFD UTF-8 Required.\n",
		"\t// Q is \"q`uote\".\n\tQ string \"json:\\\"-\\\" param:\\\"q`uote\\\"\"\n",
		"\tBody *Item `json:\"-\"`\n",
		"type EmptyRequest struct{}\n",
		"const (\n\t// ColorRed: 红\n\tColorRed      Color = \"red\"\n\tColorGreenish Color = \"g\"\n\tColorB        Color = \"b\"\n" +
			"\t// Color名: two lines  * /\n\tColor名      Color = \"x\"\n\tColorYellow Color = \"y\"\n)\n",
		"\tcase \"\", ColorRed, ColorGreenish, ColorB, Color名, ColorYellow:\n",
		"\tcase 0.0, RateHalf, RateOne:\n",
		"\tRateHalf Rate = 0.5\n\t// RateOne: one\n\tRateOne Rate = 1.0\n",
		"type Level int32\n\nconst ()\n",
		"\tif x.F0 != nil {\n\t\tv.maxLength(at, \"f0\", (*x.F0), 2)\n",
		"\t\tswitch *x.F0 {\n\t\tcase \"\", \"1\", \"2.5\", \"3\":\n\t\tdefault:\n\t\t\tv.oneOf(at, \"f0\", false, \"1, 2.5, 3\")\n\t\t}\n",
		"\tv.maximum(at, \"quote\\\"back\\\\slash\", float64(x.F1), 10.0)\n\tswitch x.F1 {\n\tcase 1.0, 2:\n",
		"v.maximum(at, \"line\\nbreak\\r\", float64((*x.F3)), 1e+21)\n\t\tv.minimum(at, \"line\\nbreak\\r\", float64((*x.F3)), -2.5)\n",
		"\t\t\t\t\tfor k3, x3 := range (*x.F12)[i2] {\n",
		"\tcase 1.0, 2:\n\tdefault:\n",
		"validate(v *validator, at *pathNode) {}\n",
		"validate(v *validator, at *pathNode) {\n}\n",
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

// A keyed literal is as gofmt prints it: one entry inline, the keys of
// consecutive one-line entries in a column that an entry of several
// lines, or a key much longer or shorter than those before it, starts
// anew; keys sorted as jennifer sorts them.
func TestKeyedLiteralIsGofmt(t *testing.T) {
	key := func(n int) string { return goLit(strings.Repeat("k", n)) }
	nested := keyedLiteral("map[string]string", []entry{{key(3), `"a"`}, {goLit("名字"), `"b"`}, {key(50), `"c"`}}, 2)
	cases := [][]entry{
		nil,
		{{"one", "1"}},
		{{"path", `"/p"`}, {"method", `"GET"`}, {"signed", "true"}},
		{{"authParams", nested}, {"method", `"GET"`}, {"path", `"/p"`}},
		{{key(2), "1"}, {key(45), "2"}, {key(44), "3"}, {key(3), "4"}, {key(100), "5"}, {key(41), "6"}},
		{{key(60), "1"}, {key(20), "2"}, {key(61), "3"}, {key(5), "4"}},
		{{goLit("名字名字名字"), "1"}, {key(1), "2"}},
		{{key(3), "1"}, {key(50), "2"}, {key(6), "3"}},
		{{key(50), "1"}, {key(53), "2"}, {key(63), "3"}, {key(10), "4"}},
	}
	var src strings.Builder
	src.WriteString("package p\n\nfunc f() {\n")
	for _, entries := range cases {
		src.WriteString("\t_ = " + keyedLiteral("map[string]any", entries, 1) + "\n")
	}
	src.WriteString("}\n")
	formatted, err := format.Source([]byte(src.String()))
	if err != nil || string(formatted) != src.String() {
		t.Errorf("not as gofmt prints it (%v): %s\n%s", err, firstDiffLine([]byte(src.String()), formatted), src.String())
	}
	for _, want := range []string{
		"_ = map[string]any{one: 1}\n",
		"\t_ = map[string]any{\n\t\tauthParams: map[string]string{\n\t\t\t\"kkk\":",
		"\t\tmethod: \"GET\",\n\t\tpath:   \"/p\",\n",
	} {
		if !strings.Contains(src.String(), want) {
			t.Errorf("no %q in\n%s", want, src.String())
		}
	}
}

// An interface is as gofmt prints it, with methods and comments or none.
func TestInterfaceDeclIsGofmt(t *testing.T) {
	var src strings.Builder
	src.WriteString("package p\n")
	for _, lines := range [][]string{nil, {"// A serves GET /a.", "A(ctx context.Context) error", "B() (*X, error)"}} {
		d := &declText{}
		d.interfaceDecl("I"+strconv.Itoa(len(lines)), lines)
		src.WriteString("\n" + d.String() + "\n")
	}
	formatted, err := format.Source([]byte(src.String()))
	if err != nil || string(formatted) != src.String() {
		t.Errorf("not as gofmt prints it (%v): %s\n%s", err, firstDiffLine([]byte(src.String()), formatted), src.String())
	}
	if !strings.Contains(src.String(), "type I0 interface{}\n") {
		t.Errorf("an empty interface is not interface{}:\n%s", src.String())
	}
}
