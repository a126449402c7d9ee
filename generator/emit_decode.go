package generator

import "github.com/dave/jennifer/jen"

// The generated decoders read a document in one pass, straight into the
// models: each struct gets a reader that switches on member names and
// hands each value to the support code's reader of its type (see
// runtime/decode.go for the lenient rules they share).

// readerCode renders the lenient reader of a type: a
// func(*jsonReader, *T) bool.
func readerCode(t *GoType) jen.Code {
	switch t.Kind {
	case String:
		return jen.Id("readString")
	case Decimal:
		return jen.Id("readDecimal")
	case Int32:
		return jen.Id("readInt32")
	case Int64:
		return jen.Id("readInt64")
	case Float64:
		return jen.Id("readFloat64")
	case Bool:
		return jen.Id("readBool")
	case Any:
		return jen.Id("readAny")
	case Named:
		return jen.Id("read" + t.Named.Name)
	case Slice, Map:
		return jen.Func().Params(jen.Id("r").Op("*").Id("jsonReader"), jen.Id("v").Op("*").Add(typeCode(t))).Bool().Block(
			jen.Return(readInto(t, jen.Id("v"))),
		)
	}
	return jen.Id("readRaw")
}

// readInto renders reading a value of type t into dst, a pointer to it.
func readInto(t *GoType, dst jen.Code) jen.Code {
	switch t.Kind {
	case Slice:
		return jen.Id("readSlice").Call(jen.Id("r"), dst, readerCode(t.Elem))
	case Map:
		return jen.Id("readMap").Call(jen.Id("r"), dst, readerCode(t.Elem))
	}
	return jen.Add(readerCode(t)).Call(jen.Id("r"), dst)
}

// emitStructReader writes a struct's reader and its UnmarshalJSON.
func emitStructReader(f *jen.File, t *Type) {
	f.Comment("UnmarshalJSON decodes leniently: numbers sent as strings and strings")
	f.Comment(`sent as numbers are accepted, "" and null read as absent.`)
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
		jen.Return(jen.Id("decodeJSON").Call(jen.Id("data"), jen.Id("x"), jen.Id("read"+t.Name))),
	)
	f.Line()
	f.Func().Id("read"+t.Name).Params(jen.Id("r").Op("*").Id("jsonReader"), jen.Id("x").Op("*").Id(t.Name)).Bool().BlockFunc(func(g *jen.Group) {
		g.Var().Id("o").Id("object")
		g.If(jen.Op("!").Id("r").Dot("openObject").Call(jen.Op("&").Id("o"))).Block(jen.Return(jen.False()))
		g.Id("x").Dot("JSON").Dot("start").Call(jen.Op("&").Id(memberNamesVar(t)))
		g.For().BlockFunc(func(g *jen.Group) {
			g.List(jen.Id("key"), jen.Id("ok")).Op(":=").Id("r").Dot("nextMember").Call(jen.Op("&").Id("o"))
			g.If(jen.Op("!").Id("ok")).Block(jen.Break())
			g.Switch(jen.String().Call(jen.Id("key"))).BlockFunc(func(g *jen.Group) {
				for i, fl := range memberFields(t) {
					dst := jen.Op("&").Id("x").Dot(fl.Name)
					var read jen.Code
					if fl.Pointer {
						read = jen.Id("decodeOptional").Call(jen.Id("r"), dst, readerCode(fl.Type))
					} else {
						read = readInto(fl.Type, dst)
					}
					g.Case(jen.Lit(fl.JSON)).Block(
						jen.Id("x").Dot("JSON").Dot("mark").Call(jen.Id("r"), jen.Lit(i)),
						read,
					)
				}
				g.Default().Block(jen.Id("x").Dot("JSON").Dot("keep").Call(jen.Id("r"), jen.Id("key")))
			})
		})
		g.Return(jen.Id("r").Dot("err").Op("==").Nil())
	})
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

// emitMemberNames writes the names a struct's Members reports on, in the
// order of the indexes its reader marks.
func emitMemberNames(f *jen.File, t *Type) {
	f.Var().Id(memberNamesVar(t)).Op("=").Index().String().ValuesFunc(func(g *jen.Group) {
		for _, fl := range memberFields(t) {
			g.Lit(fl.JSON)
		}
	})
	f.Line()
}

// emitNamedReader writes the lenient reader of an enum or alias type: its
// underlying type's, through a pointer conversion.
func emitNamedReader(f *jen.File, t *Type) {
	f.Func().Id("read"+t.Name).Params(jen.Id("r").Op("*").Id("jsonReader"), jen.Id("x").Op("*").Id(t.Name)).Bool().Block(
		jen.Return(readInto(t.Under, jen.Parens(jen.Op("*").Add(typeCode(t.Under))).Call(jen.Id("x")))),
	)
}
