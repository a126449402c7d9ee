package generator

import (
	"bytes"
	"encoding/json"

	"github.com/dave/jennifer/jen"
)

// The generated encoders write each model member by member into one
// buffer, as encoding/json would write the struct with its tags (HTML
// escaping off), without reflection: each named type gets an appendJSON
// method, which the support code's appendSlice and appendMap call for
// lists and maps of it (see runtime/encode.go).

// writerCode renders the encoder of a type: a
// func(*T, []byte) ([]byte, error).
func writerCode(t *GoType) jen.Code {
	switch t.Kind {
	case String, Decimal:
		return jen.Id("appendString")
	case Int32:
		return jen.Id("appendInt32")
	case Int64:
		return jen.Id("appendInt64")
	case Float64:
		return jen.Id("appendFloat64")
	case Bool:
		return jen.Id("appendBool")
	case Any:
		return jen.Id("appendAny")
	case Named:
		return jen.Parens(jen.Op("*").Id(t.Named.Name)).Dot("appendJSON")
	case Slice, Map:
		return jen.Func().Params(jen.Id("v").Op("*").Add(typeCode(t)), jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
			jen.Return(writeValue(t, jen.Op("*").Id("v"), jen.Id("v"), jen.Id("v"))),
		)
	}
	return jen.Id("appendRaw")
}

// writeValue renders writing a value of type t into b, given as the value,
// as a pointer to it and as the receiver of its appendJSON method.
func writeValue(t *GoType, value, pointer, receiver jen.Code) jen.Code {
	switch t.Kind {
	case Slice:
		return jen.Id("appendSlice").Call(jen.Id("b"), value, writerCode(t.Elem))
	case Map:
		return jen.Id("appendMap").Call(jen.Id("b"), value, writerCode(t.Elem))
	case Named:
		return jen.Add(receiver).Dot("appendJSON").Call(jen.Id("b"))
	}
	return jen.Add(writerCode(t)).Call(pointer, jen.Id("b"))
}

// infallible reports a member whose writer no error can stop.
func infallible(fl *Field) bool {
	return appendDirect(fl.Type, jen.Null(), jen.Null()) != nil && !(fl.AsString && scalarKind(fl.Type) == String)
}

// appendDirect renders appending a value that no error can stop, as an
// expression, or nil for the others. Named scalars are written through
// a conversion to what they are.
func appendDirect(t *GoType, value, b jen.Code) jen.Code {
	under := t
	if t.Kind == Named {
		if t.Named.Kind == StructType {
			return nil
		}
		under = t.Named.Under
		if under.Kind == Named || under.Kind == Slice || under.Kind == Map {
			return nil
		}
		value = jen.Add(typeCode(under)).Call(value)
	}
	switch under.Kind {
	case String, Decimal:
		return jen.Id("appendQuoted").Call(b, value)
	case Int32:
		return jen.Qual("strconv", "AppendInt").Call(b, jen.Int64().Call(value), jen.Lit(10))
	case Int64:
		if t.Kind == Named {
			value = jen.Int64().Call(value)
		}
		return jen.Qual("strconv", "AppendInt").Call(b, value, jen.Lit(10))
	case Bool:
		return jen.Qual("strconv", "AppendBool").Call(b, value)
	}
	return nil
}

// nonEmpty renders the test that omitempty makes for a value of type t:
// nil for a struct, which encoding/json never omits.
func nonEmpty(t *GoType, v jen.Code) jen.Code {
	switch t.Kind {
	case String, Decimal:
		return jen.Add(v).Op("!=").Lit("")
	case Int32, Int64, Float64:
		return jen.Add(v).Op("!=").Lit(0)
	case Bool:
		return v
	case Any:
		return jen.Add(v).Op("!=").Nil()
	case Named:
		if t.Named.Kind == StructType {
			return nil
		}
		return nonEmpty(t.Named.Under, v)
	}
	return jen.Len(v).Op("!=").Lit(0) // lists, maps, raw JSON
}

// scalarKind is the kind under any names: what a ",string" tag applies to.
func scalarKind(t *GoType) Kind {
	for t.Kind == Named && t.Named.Kind != StructType {
		t = t.Named.Under
	}
	return t.Kind
}

// memberPrefix is `,"name":` as encoding/json writes the name.
func memberPrefix(name string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(name)
	return "," + string(bytes.TrimSpace(buf.Bytes())) + ":"
}

// emitStructWriter writes a struct's appendJSON and its MarshalJSON.
func emitStructWriter(f *jen.File, t *Type) {
	f.Comment("MarshalJSON encodes x as its JSON tags say, without reflection.")
	f.Func().Params(jen.Id("x").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(jen.Id("x").Dot("appendJSON").Call(jen.Make(jen.Index().Byte(), jen.Lit(0), jen.Lit(256)))),
	)
	f.Line()
	// encoding/json writes neither of two fields with one name.
	count := map[string]int{}
	for _, fl := range t.Fields {
		if validTagName(fl.JSON) {
			count[fl.JSON]++
		}
	}
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).BlockFunc(func(g *jen.Group) {
		var members []*Field
		for _, fl := range t.Fields {
			if count[fl.JSON] == 1 {
				members = append(members, fl)
			}
		}
		g.Var().Err().Error()
		g.Id("start").Op(":=").Len(jen.Id("b"))
		for _, fl := range members {
			writeMember(g, fl)
		}
		g.If(jen.List(jen.Id("b"), jen.Err()).Op("=").Id("appendExtra").Call(jen.Id("b"), jen.Id("x").Dot("JSON").Dot("Extra"), jen.Id(memberNamesVar(t))), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("b"), jen.Err()))
		g.Return(jen.Id("closeObject").Call(jen.Id("b"), jen.Id("start")), jen.Nil())
	})
}

// writeMember renders writing one field as a member of its object.
func writeMember(g *jen.Group, fl *Field) {
	field := jen.Id("x").Dot(fl.Name)
	prefix := memberPrefix(fl.JSON)
	quoted := false
	if fl.AsString {
		switch scalarKind(fl.Type) {
		case Int32, Int64, Float64, Bool:
			quoted = true
		}
	}
	var value, pointer jen.Code = field, jen.Op("&").Add(field)
	if fl.Pointer {
		value, pointer = jen.Op("*").Add(field), field
	}
	var write []jen.Code
	if quoted {
		prefix += `"`
	}
	withPrefix := jen.Append(jen.Id("b"), jen.Lit(prefix).Op("..."))
	if infallible(fl) {
		// One statement: the name, then the value.
		write = append(write, jen.Id("b").Op("=").Add(appendDirect(fl.Type, value, withPrefix)))
	} else {
		write = append(write, jen.Id("b").Op("=").Add(withPrefix))
		call := writeValue(fl.Type, value, pointer, field)
		if fl.AsString && scalarKind(fl.Type) == String {
			call = jen.Id("appendQuotedString").Call(jen.Parens(jen.Op("*").String()).Call(pointer), jen.Id("b"))
		}
		write = append(write, jen.If(jen.List(jen.Id("b"), jen.Err()).Op("=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("b"), jen.Err())))
	}
	if quoted {
		write = append(write, jen.Id("b").Op("=").Append(jen.Id("b"), jen.LitRune('"')))
	}
	omit := !fl.Required
	switch {
	case fl.Pointer && omit:
		g.If(jen.Add(field).Op("!=").Nil()).Block(write...)
		return
	case fl.Pointer:
		g.If(jen.Add(field).Op("!=").Nil()).Block(write...).Else().Block(
			jen.Id("b").Op("=").Append(jen.Id("b"), jen.Lit(prefix+"null").Op("...")),
		)
		return
	case omit:
		if cond := nonEmpty(fl.Type, field); cond != nil {
			g.If(cond).Block(write...)
			return
		}
	}
	for _, c := range write {
		g.Add(c)
	}
}

// emitNamedWriter writes the encoder of an enum or alias type: its
// underlying type's, through a pointer conversion.
func emitNamedWriter(f *jen.File, t *Type) {
	ptr := jen.Parens(jen.Op("*").Add(typeCode(t.Under))).Call(jen.Id("x"))
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("appendJSON").Params(jen.Id("b").Index().Byte()).Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Return(writeValue(t.Under, jen.Op("*").Add(ptr), ptr, ptr)),
	)
}
