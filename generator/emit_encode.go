package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// The generated encoders write each model member by member into one
// buffer, as encoding/json would write the struct with its tags (HTML
// escaping off), without reflection: each named type gets an appendJSON
// method, which the support code's appendSlice and appendMap call for
// lists and maps of it (see runtime/encode.go). They are written
// verbatim (see verbatim.go).

// writer is the encoder of a type, a func(*T, []byte) ([]byte, error):
// a list's or map's is a function literal, whose body is indented one
// level deeper than depth, the statement it is in.
func (e *declText) writer(t *GoType, depth int) string {
	switch t.Kind {
	case String, Decimal:
		return "appendString"
	case Int32:
		return "appendInt32"
	case Int64:
		return "appendInt64"
	case Float64:
		return "appendFloat64"
	case Bool:
		return "appendBool"
	case Any:
		return "appendAny"
	case Named:
		return "(*" + t.Named.Name + ").appendJSON"
	case Slice, Map:
		return "func(v *" + e.typeText(t) + ", b []byte) ([]byte, error) {\n" +
			tabs(depth+1) + "return " + e.writeValue(t, "*v", "v", "v", depth+1) + "\n" +
			tabs(depth) + "}"
	}
	return "appendRaw"
}

// writeValue is writing a value of type t into b, given as the value,
// as a pointer to it and as the receiver of its appendJSON method.
func (e *declText) writeValue(t *GoType, value, pointer, receiver string, depth int) string {
	switch t.Kind {
	case Slice:
		return "appendSlice(b, " + value + ", " + e.writer(t.Elem, depth) + ")"
	case Map:
		return "appendMap(b, " + value + ", " + e.writer(t.Elem, depth) + ")"
	case Named:
		return receiver + ".appendJSON(b)"
	}
	return e.writer(t, depth) + "(" + pointer + ", b)"
}

// infallible reports a member whose writer no error can stop.
func infallible(fl *Field) bool {
	_, ok := (&declText{}).appendDirect(fl.Type, "", "")
	return ok && !(fl.AsString && scalarKind(fl.Type) == String)
}

// appendDirect is appending a value that no error can stop, as an
// expression; ok is false for the others. Named scalars are written
// through a conversion to what they are.
func (e *declText) appendDirect(t *GoType, value, b string) (expr string, ok bool) {
	under := t
	if t.Kind == Named {
		if t.Named.Kind == StructType {
			return "", false
		}
		under = t.Named.Under
		if under.Kind == Named || under.Kind == Slice || under.Kind == Map {
			return "", false
		}
		value = e.typeText(under) + "(" + value + ")"
	}
	switch under.Kind {
	case String, Decimal:
		return "appendQuoted(" + b + ", " + value + ")", true
	case Int32:
		e.use("strconv", "AppendInt")
		return "strconv.AppendInt(" + b + ", int64(" + value + "), 10)", true
	case Int64:
		if t.Kind == Named {
			value = "int64(" + value + ")"
		}
		e.use("strconv", "AppendInt")
		return "strconv.AppendInt(" + b + ", " + value + ", 10)", true
	case Bool:
		e.use("strconv", "AppendBool")
		return "strconv.AppendBool(" + b + ", " + value + ")", true
	}
	return "", false
}

// nonEmpty is the test that omitempty makes for a value of type t; ok
// is false for a struct, which encoding/json never omits.
func nonEmpty(t *GoType, v string) (test string, ok bool) {
	switch t.Kind {
	case String, Decimal:
		return v + ` != ""`, true
	case Int32, Int64, Float64:
		return v + " != 0", true
	case Bool:
		return v, true
	case Any:
		return v + " != nil", true
	case Named:
		if t.Named.Kind == StructType {
			return "", false
		}
		return nonEmpty(t.Named.Under, v)
	}
	return "len(" + v + ") != 0", true // lists, maps, raw JSON
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

// structWriter writes a struct's MarshalJSON and appendJSON.
func (e *declText) structWriter(t *Type) {
	e.WriteString("// MarshalJSON encodes x as its JSON tags say, without reflection.\n" +
		"func (x " + t.Name + ") MarshalJSON() ([]byte, error) {\n\treturn x.appendJSON(make([]byte, 0, 256))\n}\n\n")
	// encoding/json writes neither of two fields with one name.
	count := map[string]int{}
	for _, fl := range t.Fields {
		if validTagName(fl.JSON) {
			count[fl.JSON]++
		}
	}
	fmt.Fprintf(e, "func (x *%s) appendJSON(b []byte) ([]byte, error) {\n\tvar err error\n\tstart := len(b)\n", t.Name)
	for _, fl := range t.Fields {
		if count[fl.JSON] == 1 {
			e.writeMember(fl)
		}
	}
	fmt.Fprintf(e, "\tif b, err = appendExtra(b, x.JSON.Extra, %s); err != nil {\n\t\treturn b, err\n\t}\n", memberNamesVar(t))
	e.WriteString("\treturn closeObject(b, start), nil\n}")
}

// writeMember writes the statements that write one field as a member
// of its object.
func (e *declText) writeMember(fl *Field) {
	field := "x." + fl.Name
	prefix := memberPrefix(fl.JSON)
	quoted := false
	if fl.AsString {
		switch scalarKind(fl.Type) {
		case Int32, Int64, Float64, Bool:
			quoted = true
		}
	}
	value, pointer := field, "&"+field
	if fl.Pointer {
		value, pointer = "*"+field, field
	}
	if quoted {
		prefix += `"`
	}
	withPrefix := "append(b, " + strconv.Quote(prefix) + "...)"
	// write is the statements at depth.
	write := func(depth int) {
		if infallible(fl) {
			// One statement: the name, then the value.
			direct, _ := e.appendDirect(fl.Type, value, withPrefix)
			e.WriteString(tabs(depth) + "b = " + direct + "\n")
		} else {
			e.WriteString(tabs(depth) + "b = " + withPrefix + "\n")
			call := e.writeValue(fl.Type, value, pointer, field, depth)
			if fl.AsString && scalarKind(fl.Type) == String {
				call = "appendQuotedString((*string)(" + pointer + "), b)"
			}
			e.WriteString(tabs(depth) + "if b, err = " + call + "; err != nil {\n" + tabs(depth+1) + "return b, err\n" + tabs(depth) + "}\n")
		}
		if quoted {
			e.WriteString(tabs(depth) + "b = append(b, '\"')\n")
		}
	}
	omit := !fl.Required
	switch {
	case fl.Pointer && omit:
		e.WriteString("\tif " + field + " != nil {\n")
		write(2)
		e.WriteString("\t}\n")
		return
	case fl.Pointer:
		e.WriteString("\tif " + field + " != nil {\n")
		write(2)
		e.WriteString("\t} else {\n\t\tb = append(b, " + strconv.Quote(prefix+"null") + "...)\n\t}\n")
		return
	case omit:
		if cond, ok := nonEmpty(fl.Type, field); ok {
			e.WriteString("\tif " + cond + " {\n")
			write(2)
			e.WriteString("\t}\n")
			return
		}
	}
	write(1)
}

// namedWriter writes the encoder of an enum or alias type: its
// underlying type's, through a pointer conversion.
func (e *declText) namedWriter(t *Type) {
	ptr := "(*" + e.typeText(t.Under) + ")(x)"
	fmt.Fprintf(e, "func (x *%s) appendJSON(b []byte) ([]byte, error) {\n\treturn %s\n}", t.Name, e.writeValue(t.Under, "*"+ptr, ptr, ptr, 1))
}
