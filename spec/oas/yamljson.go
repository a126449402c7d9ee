package oas

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// kinJSON writes a YAML document, already parsed, as the JSON that
// kin-openapi makes of its text before reading it (oasdiff/yaml: the
// text decoded into Go values, timestamps kept as strings, keys made
// strings, then json.Marshal), byte for byte, so that the loader reads
// JSON instead of parsing the YAML a second time and decoding it
// generically: on a spec of 10,000 operations that is most of loading.
// ok is false where it cannot be sure of those bytes: aliases, merge
// keys, explicit tags, keys that are null or not scalars or that two
// keys make alike, numbers JSON cannot hold, a root that is not a
// mapping; the text is then read as before. parts says where the spec's
// paths and component schemas are written.
func kinJSON(doc *yaml.Node) (out []byte, parts kinParts, ok bool) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, kinParts{}, false
	}
	w := &kinJSONWriter{}
	if !w.value(doc.Content[0], atRoot) {
		return nil, kinParts{}, false
	}
	return w.b, w.parts, true
}

type kinJSONWriter struct {
	b     []byte
	parts kinParts
}

func (w *kinJSONWriter) value(n *yaml.Node, at level) bool {
	if n.Style&yaml.TaggedStyle != 0 {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		return w.mapping(n, at)
	case yaml.SequenceNode:
		w.b = append(w.b, '[')
		for i, item := range n.Content {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			if !w.value(item, elsewhere) {
				return false
			}
		}
		w.b = append(w.b, ']')
		return true
	case yaml.ScalarNode:
		return w.scalar(n)
	}
	return false
}

// mapping writes its members in the order of their keys, as json.Marshal
// writes a map: the order decides which of two keys that differ only in
// case a struct field takes.
func (w *kinJSONWriter) mapping(n *yaml.Node, at level) bool {
	type member struct {
		key   string
		value *yaml.Node
	}
	members := make([]member, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, ok := keyString(n.Content[i])
		if !ok {
			return false
		}
		members = append(members, member{key, n.Content[i+1]})
	}
	slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
	w.b = append(w.b, '{')
	for i, m := range members {
		if i > 0 {
			if m.key == members[i-1].key {
				// A duplicate key, which YAML refuses, or two keys
				// made alike (1 and "1"), of which one would win by
				// chance.
				return false
			}
			w.b = append(w.b, ',')
		}
		start := len(w.b)
		w.string(m.key)
		w.b = append(w.b, ':')
		valueStart := len(w.b)
		inner := w.parts.level(at, m.key, m.value.Kind == yaml.MappingNode)
		if !w.value(m.value, inner) {
			return false
		}
		w.parts.record(at, inner, span{start, len(w.b)}, span{valueStart, len(w.b)})
	}
	w.b = append(w.b, '}')
	return true
}

// keyString is a mapping key as oasdiff/yaml makes it a string: numbers
// and booleans formatted, anything else refused (it refuses null keys
// and integers only a uint64 holds).
func keyString(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Style&yaml.TaggedStyle != 0 {
		return "", false
	}
	v, ok := resolveScalar(n)
	if !ok {
		return "", false
	}
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case decimalText:
		return string(v), true
	}
	return "", false
}

func (w *kinJSONWriter) scalar(n *yaml.Node) bool {
	v, ok := resolveScalar(n)
	if !ok {
		return false
	}
	switch v := v.(type) {
	case nil:
		w.b = append(w.b, "null"...)
	case string:
		w.string(v)
	case bool:
		w.b = strconv.AppendBool(w.b, v)
	case decimalText:
		w.b = append(w.b, v...)
	case uint64:
		w.b = strconv.AppendUint(w.b, v, 10)
	case float64:
		text, err := json.Marshal(v)
		if err != nil {
			return false // infinities and NaN, which kin-openapi cannot read either
		}
		w.b = append(w.b, text...)
	default:
		return false
	}
	return true
}

// decimalText is an integer as decimal digits.
type decimalText string

// resolveScalar is the value a YAML decoder gives a scalar decoded into
// an interface, with timestamps left as strings: a string, nil, a bool,
// an integer as decimalText (a uint64 when only that holds it), or a
// float64. ok is false for anything else (a merge key, a binary).
func resolveScalar(n *yaml.Node) (any, bool) {
	switch n.ShortTag() {
	case "!!str", "!!timestamp":
		// Quoted and block scalars are strings; a plain one only looks
		// like a timestamp, and kin-openapi reads those as strings.
		return n.Value, true
	case "!!null":
		return nil, true
	case "!!bool":
		// The spellings YAML reads as booleans: true, True, TRUE and
		// false, False, FALSE.
		return n.Value[0] == 't' || n.Value[0] == 'T', true
	case "!!int", "!!float":
		if plainDecimal(n.Value) {
			return decimalText(n.Value), true
		}
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, false
		}
		switch v := v.(type) {
		case int:
			return decimalText(strconv.Itoa(v)), true
		case int64:
			return decimalText(strconv.FormatInt(v, 10)), true
		case uint64:
			return v, true // a number for a value, but no key
		case float64:
			return v, true
		}
	}
	return nil, false
}

// plainDecimal reports whether s is an integer written as YAML and JSON
// both write it, small enough for an int64: the common case, which needs
// no decoding.
func plainDecimal(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || len(digits) > 18 || digits[0] == '0' && (len(digits) > 1 || len(s) > 1) {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

// string writes s quoted as json.Marshal quotes it; only text that needs
// escaping goes through json.Marshal.
func (w *kinJSONWriter) string(s string) {
	if !jsonPlain(s, true) {
		text, _ := json.Marshal(s) // a string always marshals
		w.b = append(w.b, text...)
		return
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, s...)
	w.b = append(w.b, '"')
}

// startsJSON reports whether data opens as JSON does, which kin-openapi
// reads as JSON before trying YAML.
func startsJSON(data []byte) bool {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{' || c == '['
	}
	return false
}
