package generator

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// The generated decoders read a document in one pass, straight into the
// models: each struct gets a reader that switches on member names and
// hands each value to the support code's reader of its type (see
// runtime/decode.go for the lenient rules they share).

// readerName is the lenient reader of a type: a func(*jsonReader, *T)
// bool of the support code, a named type's, or one of the list and map
// readers written for the package (emitContainerReaders).
func readerName(t *GoType) string {
	switch t.Kind {
	case String:
		return "readString"
	case Decimal:
		return "readDecimal"
	case Int32:
		return "readInt32"
	case Int64:
		return "readInt64"
	case Float64:
		return "readFloat64"
	case Bool:
		return "readBool"
	case Any:
		return "readAny"
	case Named:
		return "read" + t.Named.Name
	case Slice:
		return "listOf" + containedName(t.Elem)
	case Map:
		return "mapOf" + containedName(t.Elem)
	}
	return "readRaw"
}

// containedName names the items of a list or map in its reader's name:
// a named type by its name, which is exported, anything else in lower
// case ("listOfstring"), so that no two readers share a name.
func containedName(t *GoType) string {
	switch t.Kind {
	case Named:
		return t.Named.Name
	case Slice, Map:
		return readerName(t)
	}
	return strings.ToLower(strings.TrimPrefix(readerName(t), "read"))
}

// containerReader is the reader of one list or map type the package
// reads: runtime's readSlice and readMap for one item type, calling the
// item's reader directly. Through the func value those take, the
// compiler could not see that the reader stays on the stack, and
// UnmarshalJSON would have to allocate it.
type containerReader struct {
	name string
	t    *GoType
}

// containerReaders lists the package's container readers by name.
func containerReaders(pkg *Package) []containerReader {
	seen := map[string]*GoType{}
	var walk func(t *GoType)
	walk = func(t *GoType) {
		if t == nil || t.Kind != Slice && t.Kind != Map {
			return
		}
		seen[readerName(t)] = t
		walk(t.Elem)
	}
	for _, t := range pkg.Types {
		for _, fl := range t.Fields {
			walk(fl.Type)
		}
		walk(t.Under)
	}
	for _, o := range slices.Concat(pkg.Ops, pkg.Webhooks) {
		walk(o.Body)
		for _, q := range o.Params {
			if q.Type.Kind == Slice {
				walk(q.Type.Elem) // read item by item (paramList)
			} else {
				walk(q.Type)
			}
		}
	}
	out := make([]containerReader, 0, len(seen))
	for _, name := range slices.Sorted(maps.Keys(seen)) {
		out = append(out, containerReader{name, seen[name]})
	}
	return out
}

func emitContainerReader(f *goFile, c containerReader) {
	if c.t.Kind == Slice {
		emitListReader(f, c.name, c.t)
	} else {
		emitMapReader(f, c.name, c.t)
	}
}

// emitListReader writes readSlice for one item type, verbatim, with the
// hint of its lists' length (see listHint).
func emitListReader(f *goFile, name string, t *GoType) {
	d := &declText{}
	item := d.typeText(t.Elem)
	hint := "lenOf" + strings.ToUpper(name[:1]) + name[1:]
	f.Commentf("%s is the length of the last list %s read.", hint, name)
	f.Var().Id(hint).Id("listHint")
	f.Line()
	f.Commentf("%s reads a list (see readSlice).", name)
	d.WriteString("func " + name + "(r *jsonReader, dst *[]" + item + ") bool {\n" +
		"\tit := items{hint: &" + hint + "}\n" +
		"\tif !r.openItems(&it) {\n\t\treturn false\n\t}\n" +
		"\tout, ok := startItems[" + item + "](&it), false\n" +
		"\tfor r.nextItemOf(&it) {\n" +
		"\t\tout = addItem(r, out)\n" +
		"\t\tok = " + readerName(t.Elem) + "(r, &out[len(out)-1])\n" +
		"\t}\n" +
		"\treturn endItems(r, &it, ok, dst, out)\n}")
	d.emit(f)
	f.Line()
}

// emitMapReader writes readMap for one value type, verbatim.
func emitMapReader(f *goFile, name string, t *GoType) {
	d := &declText{}
	value := d.typeText(t.Elem)
	f.Commentf("%s reads an object whose members are all of one type (see readMap).", name)
	d.WriteString("func " + name + "(r *jsonReader, dst *map[string]" + value + ") bool {\n" +
		"\tvar o object\n" +
		"\tif !r.openObject(&o) {\n\t\treturn false\n\t}\n" +
		"\tm := map[string]" + value + "{}\n" +
		"\tfor key, ok := r.nextMember(&o); ok; key, ok = r.nextMember(&o) {\n" +
		"\t\tk := string(key) // before the value: it may overwrite key's buffer\n" +
		"\t\tvar v " + value + "\n" +
		"\t\t" + readerName(t.Elem) + "(r, &v)\n" +
		"\t\tm[k] = v\n" +
		"\t}\n" +
		"\treturn endMap(r, dst, m)\n}")
	d.emit(f)
	f.Line()
}

// structReader writes a struct's UnmarshalJSON and reader.
func (d *declText) structReader(t *Type) {
	d.WriteString("// UnmarshalJSON decodes leniently: numbers sent as strings and strings\n" +
		"// sent as numbers are accepted, \"\" and null read as absent.\n" +
		"func (x *" + t.Name + ") UnmarshalJSON(data []byte) error {\n\tvar r jsonReader\n\tif r.start(data) {\n\t\tread" + t.Name + "(&r, x)\n\t}\n\treturn r.finish()\n}\n\n")
	d.reader(t)
}

// reader writes a struct's reader: a switch on member names that marks
// each member read (a bit of Members) and hands its value to its type's
// reader; an optional member's reader reads into the value optional
// allocates, which is kept only when the member is not null.
func (d *declText) reader(t *Type) {
	fmt.Fprintf(d, "func read%s(r *jsonReader, x *%s) bool {\n", t.Name, t.Name)
	d.WriteString("\tvar o object\n\tif !r.openObject(&o) {\n\t\treturn false\n\t}\n")
	fmt.Fprintf(d, "\tx.JSON.start(&%s)\n", memberNamesVar(t))
	d.WriteString("\tfor {\n\t\tkey, ok := r.nextMember(&o)\n\t\tif !ok {\n\t\t\tbreak\n\t\t}\n\t\tswitch string(key) {\n")
	for i, fl := range memberFields(t) {
		mark := "mark" // inlined: a bit in the first word
		if i >= 64 {
			mark = "markMore"
		}
		fmt.Fprintf(d, "\t\tcase %s:\n\t\t\tx.JSON.%s(r, %d)\n", strconv.Quote(fl.JSON), mark, i)
		if fl.Pointer {
			fmt.Fprintf(d, "\t\t\tif v := optional[%s](r); v != nil && %s(r, v) {\n\t\t\t\tx.%s = v\n\t\t\t}\n", d.typeText(fl.Type), readerName(fl.Type), fl.Name)
		} else {
			fmt.Fprintf(d, "\t\t\t%s(r, &x.%s)\n", readerName(fl.Type), fl.Name)
		}
	}
	d.WriteString("\t\tdefault:\n\t\t\tx.JSON.keep(r, key)\n\t\t}\n\t}\n\treturn r.err == nil\n}")
}

// memberFields are the fields that read a member: the first of each
// JSON name.
func memberFields(t *Type) []*Field {
	var out []*Field
	seen := map[string]bool{}
	for _, fl := range t.Fields {
		if !seen[fl.JSON] {
			seen[fl.JSON] = true
			out = append(out, fl)
		}
	}
	return out
}

func memberNamesVar(t *Type) string { return "membersOf" + t.Name }

// memberNames writes the names a struct's Members reports on, in the
// order of the indexes its reader marks.
func (d *declText) memberNames(t *Type) {
	d.WriteString("var " + memberNamesVar(t) + " = []string{")
	for i, fl := range memberFields(t) {
		if i > 0 {
			d.WriteString(", ")
		}
		d.WriteString(goLit(fl.JSON))
	}
	d.WriteString("}")
}

// namedReader writes the lenient reader of an enum or alias type: its
// underlying type's, through a pointer conversion.
func (d *declText) namedReader(t *Type) {
	fmt.Fprintf(d, "func read%s(r *jsonReader, x *%s) bool {\n\treturn %s(r, (*%s)(x))\n}", t.Name, t.Name, readerName(t.Under), d.typeText(t.Under))
}
