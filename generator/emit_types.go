package generator

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

const jsonPkg = "encoding/json"

// rawMessage is the type of a value kept as raw JSON.
var rawMessage = path.Base(jsonPkg) + ".RawMessage"

// typeText is a Go type expression as text, with the qualified name it
// uses (nil for none).
func typeText(t *GoType) (string, jen.Code) {
	switch t.Kind {
	case String, Decimal:
		return "string", nil
	case Int32:
		return "int32", nil
	case Int64:
		return "int64", nil
	case Float64:
		return "float64", nil
	case Bool:
		return "bool", nil
	case Named:
		return t.Named.Name, nil
	case Slice:
		elem, qual := typeText(t.Elem)
		return "[]" + elem, qual
	case Map:
		elem, qual := typeText(t.Elem)
		return "map[string]" + elem, qual
	case Any:
		return "any", nil
	}
	return rawMessage, jen.Qual(jsonPkg, "RawMessage")
}

// typesLayout is types.go: the envelope and the auth settings, then the
// models: structs with lenient decoding, enums with their constants,
// named lists and maps.
func typesLayout(pkg *Package, auth, client bool) layout {
	readers := containerReaders(pkg)
	return layout{
		head: func(f *goFile) {
			emitEnvelope(f, pkg)
			if auth {
				emitAuthSettings(f, pkg, client)
			}
		},
		// The container readers first, then the types: both come in
		// numbers that grow with the spec, so both are items.
		items: len(readers) + len(pkg.Types),
		item: func(f *goFile, i int) {
			if i < len(readers) {
				emitContainerReader(f, readers[i])
				return
			}
			emitType(f, pkg.Types[i-len(readers)])
		},
	}
}

func emitType(f *goFile, t *Type) {
	switch t.Kind {
	case StructType:
		emitStruct(f, t)
	case EnumType:
		emitEnum(f, t)
	case AliasType:
		comment(f, t.Name, t.Doc)
		d := &declText{}
		d.WriteString("type " + t.Name + " " + d.typeText(t.Under) + "\n\n")
		d.namedReader(t)
		d.WriteString("\n")
		d.namedWriter(t)
		d.emit(f)
	}
}

// comment writes a doc comment that starts with the name.
func comment(f *goFile, name, doc string) {
	doc = strings.TrimSpace(doc)
	if doc == "" {
		f.Commentf("%s is generated from the spec.", name)
		return
	}
	f.Comment(commentSafe(name + " " + firstLower(doc)))
}

// commentSafe keeps a doc text from ending its comment: jennifer writes
// text holding a newline as a /* */ comment, which a "*/" in a vendor's
// description would close early.
func commentSafe(s string) string {
	return strings.ReplaceAll(s, "*/", "* /")
}

func firstLower(s string) string {
	if s == "" || strings.HasPrefix(s, "is ") {
		return s // already reads on from the name (describeTypes)
	}
	if s[0] >= 'A' && s[0] <= 'Z' && (len(s) < 2 || s[1] < 'A' || s[1] > 'Z') {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return "is: " + s
}

// fieldTag is a field's struct tag as jennifer writes one (keys sorted,
// values quoted, in backquotes when it can be): json, and param for a
// wrapper's field.
func fieldTag(fl *Field, wrapper bool) string {
	var tag string
	switch {
	case wrapper && fl.JSON == "":
		tag = `json:"-"`
	case wrapper:
		tag = `json:"-" param:` + strconv.Quote(fl.JSON)
	case !validTagName(fl.JSON):
		// encoding/json would send it under the Go field's name.
		tag = `json:"-"`
	default:
		name := fl.JSON
		// A required field is always sent, a nullable one as null when
		// nil.
		if !fl.Required {
			name += ",omitempty"
		}
		if fl.AsString {
			name += ",string"
		}
		tag = `json:` + strconv.Quote(name)
	}
	if strconv.CanBackquote(tag) {
		return "`" + tag + "`"
	}
	return strconv.Quote(tag)
}

// emitStruct writes a struct model, verbatim after its doc comment: its
// declaration (each field after its doc comment, so gofmt aligns no two
// field lines as columns), then, unless it is a wrapper, its member
// names, reader and writer.
func emitStruct(f *goFile, t *Type) {
	comment(f, t.Name, t.Doc)
	d := &declText{}
	d.structDecl(t)
	if !t.Wrapper {
		d.WriteString("\n\n")
		d.memberNames(t)
		d.WriteString("\n\n")
		d.structReader(t)
		d.WriteString("\n\n")
		d.structWriter(t)
	}
	d.emit(f)
	f.Line()
}

func (d *declText) structDecl(t *Type) {
	d.WriteString("type " + t.Name + " struct")
	if len(t.Fields) == 0 && t.Wrapper {
		d.WriteString("{}")
		return
	}
	d.WriteString(" {\n")
	for _, fl := range t.Fields {
		typ := d.typeText(fl.Type)
		if fl.Pointer {
			typ = "*" + typ
		}
		d.WriteString("\t// " + fieldDoc(fl) + "\n\t" + fl.Name + " " + typ + " " + fieldTag(fl, t.Wrapper) + "\n")
	}
	if !t.Wrapper {
		d.WriteString("\t// JSON says which members were sent, and as null, and keeps those the spec\n" +
			"\t// does not list (Extra), which are sent too.\n" +
			"\tJSON Members `json:\"-\"`\n")
	}
	d.WriteString("}")
}

// fieldDoc is a field's doc comment: one line that starts with the
// field's name, which gofmt reads as one paragraph and leaves as it is.
func fieldDoc(fl *Field) string {
	doc := strings.Join(strings.Fields(fl.Doc), " ")
	req := ""
	if fl.Required {
		req = " Required."
	}
	if doc == "" {
		return commentLine(fmt.Sprintf("%s is %q.%s", fl.Name, fl.JSON, req))
	}
	return commentLine(fmt.Sprintf("%s (%s): %s%s", fl.Name, fl.JSON, doc, req))
}

// commentLine makes s the text of one line comment written verbatim:
// line breaks (a member name may hold one) become spaces, and what
// go/scanner refuses in a comment (NUL, a byte order mark, bytes that
// are not UTF-8) becomes U+FFFD.
func commentLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r':
			return ' '
		case 0, '\uFEFF':
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// emitEnum writes an enum, verbatim after its doc comment: the type, its
// constants, valid, and its reader and writer.
func emitEnum(f *goFile, t *Type) {
	comment(f, t.Name, t.Doc)
	d := &declText{}
	d.WriteString("type " + t.Name + " " + d.typeText(t.Under) + "\n\n")
	d.enumConsts(t)
	zero := enumLiteral(zeroOf(t.Under), t.Under)
	var cases []string
	hasZero := false
	for _, c := range t.Enum {
		cases = append(cases, c.Name)
		hasZero = hasZero || enumLiteral(c.Value, t.Under) == zero
	}
	if !hasZero {
		// A duplicate case would not compile.
		cases = append([]string{goLit(zero)}, cases...)
	}
	d.WriteString("\n\n// valid reports whether x is one of the documented values or absent.\n" +
		"func (x " + t.Name + ") valid() bool {\n\tswitch x {\n\tcase " + strings.Join(cases, ", ") + ":\n\t\treturn true\n\t}\n\treturn false\n}\n")
	d.namedReader(t)
	d.WriteString("\n")
	d.namedWriter(t)
	d.emit(f)
}

// enumConsts writes an enum's constants, each after its doc when it has
// one: gofmt aligns the names of constants on consecutive lines as a
// column, as wide as the longest in runes (text/tabwriter's cells).
func (d *declText) enumConsts(t *Type) {
	if len(t.Enum) == 0 {
		d.WriteString("const ()")
		return
	}
	d.WriteString("const (\n")
	for i := 0; i < len(t.Enum); {
		end := i + 1
		for end < len(t.Enum) && t.Enum[end].Doc == "" {
			end++
		}
		width := 0
		for _, c := range t.Enum[i:end] {
			width = max(width, utf8.RuneCountInString(c.Name))
		}
		for _, c := range t.Enum[i:end] {
			if c.Doc != "" {
				d.WriteString("\t// " + constDoc(c) + "\n")
			}
			d.WriteString("\t" + c.Name + strings.Repeat(" ", width-utf8.RuneCountInString(c.Name)+1) + t.Name + " = " + goLit(enumLiteral(c.Value, t.Under)) + "\n")
		}
		i = end
	}
	d.WriteString(")")
}

// constDoc is an enum constant's doc comment: one line that starts with
// its name, which gofmt reads as one paragraph and leaves as it is, but
// for the blanks it trims at the end.
func constDoc(c EnumConst) string {
	return strings.TrimRight(commentLine(commentSafe(c.Name+": "+c.Doc)), " \t")
}

func zeroOf(t *GoType) any {
	switch t.Kind {
	case Int32, Int64:
		return 0
	case Float64:
		return 0.0
	}
	return ""
}

// enumLiteral converts a spec enum value to the Go constant's kind.
func enumLiteral(v any, under *GoType) any {
	switch under.Kind {
	case Int32, Int64:
		switch x := v.(type) {
		case float64:
			return int(x)
		case int:
			return x
		case int64:
			return int(x)
		case string:
			var n int
			fmt.Sscan(x, &n)
			return n
		}
		return 0
	case Float64:
		switch x := v.(type) {
		case float64:
			return x
		case int:
			return float64(x)
		case string:
			var f float64
			fmt.Sscan(x, &f)
			return f
		}
		return 0.0
	}
	return fmt.Sprint(v)
}
