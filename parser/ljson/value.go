// Package ljson reads JSON the way people write it in API docs: with //
// comments, commentary after commas, missing or trailing commas, objects
// pasted inside strings with unescaped quotes, and truncated endings. It
// recovers every part of the structure it can, keeps source order and
// positions, and reports each repair as a diagnostic with its line.
package ljson

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/apigen/apigen/parser/diag"
)

// Kind is the JSON type of a Value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Value is one JSON value as written in a document.
type Value struct {
	Kind Kind
	Pos  diag.Pos // where the value starts

	// Text is the literal for scalars: the number as written ("1.8",
	// "001"), "true"/"false", "null", and for strings the decoded content.
	Text string

	Members []*Member // Object members in source order
	Items   []*Value  // Array items in source order

	// Comment is commentary written after an array item (members keep
	// theirs on Member).
	Comment string

	// Embedded is set on a String whose content is itself a JSON object or
	// array: either a properly escaped JSON string, or an object pasted
	// inside quotes without escaping (repaired, with a J004 diagnostic).
	Embedded *Value
}

// Member is one "key": value pair of an object.
type Member struct {
	Key    string
	KeyPos diag.Pos
	Value  *Value
	// Comment is the // comment or commentary text written after the
	// value (or right after the opening bracket of an object or array
	// value), trimmed. Docs put a field's description there.
	Comment string
}

// Get returns the value of the first member named key, or nil.
func (v *Value) Get(key string) *Value {
	if m := v.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the first member named key, or nil.
func (v *Value) Member(key string) *Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m
		}
	}
	return nil
}

// Interface converts v to the values encoding/json produces when decoding
// into an any, with numbers as json.Number so that no digits are lost.
func (v *Value) Interface() any {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case Bool:
		return v.Text == "true"
	case Number:
		return json.Number(canonicalNumber(v.Text))
	case String:
		return v.Text
	case Object:
		m := make(map[string]any, len(v.Members))
		for _, mem := range v.Members {
			if _, dup := m[mem.Key]; !dup {
				m[mem.Key] = mem.Value.Interface()
			}
		}
		return m
	case Array:
		a := make([]any, len(v.Items))
		for i, it := range v.Items {
			a[i] = it.Interface()
		}
		return a
	default:
		return nil
	}
}

// MarshalJSON writes v as strict, compact JSON in source order; repeated
// keys keep their first value. Number literals that are not valid JSON
// (001, +1, .5) are normalised, and so is JSON carried in a string that
// is not valid as written (comments, missing commas): the string holds
// its content's strict JSON, as the wire would carry it.
func (v *Value) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	v.writeJSON(&b)
	return b.Bytes(), nil
}

func (v *Value) writeJSON(b *bytes.Buffer) {
	if v == nil {
		b.WriteString("null")
		return
	}
	switch v.Kind {
	case Bool:
		if v.Text == "true" {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case Number:
		b.WriteString(canonicalNumber(v.Text))
	case String:
		if v.Embedded != nil && !json.Valid([]byte(v.Text)) {
			var inner bytes.Buffer
			v.Embedded.writeJSON(&inner)
			writeString(b, inner.String())
			return
		}
		writeString(b, v.Text)
	case Object:
		b.WriteByte('{')
		seen := make(map[string]bool, len(v.Members))
		first := true
		for _, m := range v.Members {
			if seen[m.Key] {
				continue
			}
			seen[m.Key] = true
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeString(b, m.Key)
			b.WriteByte(':')
			m.Value.writeJSON(b)
		}
		b.WriteByte('}')
	case Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.writeJSON(b)
		}
		b.WriteByte(']')
	default:
		b.WriteString("null")
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // a string always marshals
	b.Write(enc)
}

// canonicalNumber returns text if it is a valid JSON number, else the
// closest valid spelling, else "0".
func canonicalNumber(text string) string {
	if json.Valid([]byte(text)) && !strings.ContainsAny(text, "\"[]{}tfn") {
		return text
	}
	if f, err := strconv.ParseFloat(strings.TrimPrefix(text, "+"), 64); err == nil {
		if i, err := strconv.ParseInt(strings.TrimPrefix(text, "+"), 10, 64); err == nil {
			return strconv.FormatInt(i, 10)
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return "0"
}

// Walk calls fn for v and every value below it, depth first, with the
// member key path (array items add "[]").
func (v *Value) Walk(fn func(path []string, v *Value)) {
	v.walk(nil, fn)
}

func (v *Value) walk(path []string, fn func([]string, *Value)) {
	if v == nil {
		return
	}
	fn(path, v)
	switch v.Kind {
	case Object:
		for _, m := range v.Members {
			m.Value.walk(append(path[:len(path):len(path)], m.Key), fn)
		}
	case Array:
		for _, it := range v.Items {
			it.walk(append(path[:len(path):len(path)], "[]"), fn)
		}
	}
}

// Parse reads the JSON value at the start of src (leading white space is
// skipped). at is the position of src[0] in its document, so positions in
// the result and the diagnostics point into that document. It returns nil
// only when no value can be recovered at all (with an E008 diagnostic).
func Parse(src []byte, at diag.Pos) (*Value, diag.List) {
	p := newParser(src, at)
	return p.parseDocument()
}
