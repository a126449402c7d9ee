package oas

import (
	"encoding"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// jsonNode is one level of a value as encoding/json encodes it: a
// scalar's JSON text, an object's members in encoding order or an array's
// items. Members and items are the values below, looked at when they are
// reached, so a spec is never encoded whole.
type jsonNode struct {
	kind  jsonKind
	text  string // a string's value; a number's, boolean's or null's JSON text
	pairs []jsonPair
	items []any
}

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonObject
	jsonArray
)

type jsonPair struct {
	key string
	val any
}

// scalarText is the text of a scalar as a YAML node holds it; "" for an
// object or array.
func (n jsonNode) scalarText() string {
	if n.kind == jsonObject || n.kind == jsonArray {
		return ""
	}
	return n.text
}

// encodeError is a value encoding/json cannot encode (NaN, a channel,
// invalid JSON in a json.RawMessage).
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }

func (e *encodeError) Unwrap() error { return e.err }

var nullNode = jsonNode{kind: jsonNull, text: "null"}

// kinMarshaler is what every kin-openapi type implements; its MarshalJSON
// encodes what MarshalYAML returns.
type kinMarshaler interface {
	MarshalYAML() (any, error)
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

const kinPackage = "github.com/getkin/kin-openapi/openapi3"

// jsonOf returns the top level of v as encoding/json encodes it.
func jsonOf(v any) (jsonNode, error) {
	switch x := v.(type) {
	case nil:
		return nullNode, nil
	case *jsonNode:
		return *x, nil
	case string:
		return jsonNode{kind: jsonString, text: validUTF8(x)}, nil
	case bool:
		return boolNode(x), nil
	case float64:
		return floatNode(x, 64)
	case int:
		return jsonNode{kind: jsonNumber, text: strconv.Itoa(x)}, nil
	case json.Number:
		return numberNode(x)
	case json.RawMessage:
		if x == nil {
			return nullNode, nil
		}
		return parseJSON(x)
	case map[string]any:
		pairs := make([]jsonPair, 0, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			pairs = append(pairs, jsonPair{validUTF8(k), x[k]})
		}
		return jsonNode{kind: jsonObject, pairs: pairs}, nil
	case []any:
		if x == nil {
			return nullNode, nil
		}
		return jsonNode{kind: jsonArray, items: x}, nil
	case []string:
		if x == nil {
			return nullNode, nil
		}
		items := make([]any, len(x))
		for i, s := range x {
			items[i] = s
		}
		return jsonNode{kind: jsonArray, items: items}, nil
	case *openapi3.SchemaRef:
		if x == nil {
			return nullNode, nil
		}
		return schemaRefJSON(x)
	case *openapi3.Schema:
		if x == nil {
			return nullNode, nil
		}
		return schemaJSON(x)
	case openapi3.Schemas:
		if x == nil {
			return nullNode, nil
		}
		pairs := make([]jsonPair, 0, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			pairs = append(pairs, jsonPair{validUTF8(k), x[k]})
		}
		return jsonNode{kind: jsonObject, pairs: pairs}, nil
	case openapi3.SchemaRefs:
		if x == nil {
			return nullNode, nil
		}
		items := make([]any, len(x))
		for i, r := range x {
			items[i] = r
		}
		return jsonNode{kind: jsonArray, items: items}, nil
	}
	return reflectJSON(reflect.ValueOf(v))
}

func reflectJSON(rv reflect.Value) (jsonNode, error) {
	if !rv.IsValid() {
		return nullNode, nil
	}
	t := rv.Type()
	if (rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface) && rv.IsNil() {
		return nullNode, nil
	}
	if m, ok := rv.Interface().(kinMarshaler); ok && kinType(t) {
		out, err := m.MarshalYAML()
		if err != nil {
			return jsonNode{}, &encodeError{err}
		}
		return jsonOf(out)
	}
	if t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) {
		return fallbackJSON(rv.Interface())
	}
	if rv.CanAddr() && (reflect.PointerTo(t).Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)) {
		return fallbackJSON(rv.Addr().Interface())
	}
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		return reflectJSON(rv.Elem())
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Key().Implements(textMarshalerType) {
			return fallbackJSON(rv.Interface())
		}
		if rv.IsNil() {
			return nullNode, nil
		}
		keys := rv.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		pairs := make([]jsonPair, len(keys))
		for i, k := range keys {
			pairs[i] = jsonPair{validUTF8(k.String()), rv.MapIndex(k).Interface()}
		}
		return jsonNode{kind: jsonObject, pairs: pairs}, nil
	case reflect.Slice, reflect.Array:
		elem := t.Elem()
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nullNode, nil
		}
		if elem.Kind() == reflect.Uint8 || reflect.PointerTo(elem).Implements(jsonMarshalerType) || reflect.PointerTo(elem).Implements(textMarshalerType) {
			return fallbackJSON(rv.Interface())
		}
		items := make([]any, rv.Len())
		for i := range items {
			items[i] = rv.Index(i).Interface()
		}
		return jsonNode{kind: jsonArray, items: items}, nil
	case reflect.String:
		return jsonNode{kind: jsonString, text: validUTF8(rv.String())}, nil
	case reflect.Bool:
		return boolNode(rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return jsonNode{kind: jsonNumber, text: strconv.FormatInt(rv.Int(), 10)}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return jsonNode{kind: jsonNumber, text: strconv.FormatUint(rv.Uint(), 10)}, nil
	case reflect.Float32:
		return floatNode(rv.Float(), 32)
	case reflect.Float64:
		return floatNode(rv.Float(), 64)
	}
	return fallbackJSON(rv.Interface())
}

// kinType reports whether t (or what it points to) is kin-openapi's.
func kinType(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath() == kinPackage
}

// fallbackJSON encodes v with encoding/json and reads the result: for
// structs and types with their own encoding.
func fallbackJSON(v any) (jsonNode, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return jsonNode{}, &encodeError{err}
	}
	return parseJSON(raw)
}

func boolNode(b bool) jsonNode {
	if b {
		return jsonNode{kind: jsonBool, text: "true"}
	}
	return jsonNode{kind: jsonBool, text: "false"}
}

// floatNode prints a float as encoding/json does.
func floatNode(f float64, bits int) (jsonNode, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return jsonNode{}, &encodeError{fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, bits))}
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b := strconv.AppendFloat(nil, f, format, -1, bits)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return jsonNode{kind: jsonNumber, text: string(b)}, nil
}

func numberNode(n json.Number) (jsonNode, error) {
	s := string(n)
	if s == "" {
		s = "0"
	}
	if !validNumber(s) {
		return jsonNode{}, &encodeError{fmt.Errorf("json: invalid number literal %q", s)}
	}
	return jsonNode{kind: jsonNumber, text: s}, nil
}

// validNumber reports whether s is a JSON number.
func validNumber(s string) bool {
	p := jsonParser{src: []byte(s)}
	_, err := p.number()
	return err == nil && p.pos == len(s)
}

// validUTF8 replaces each byte of s that is not UTF-8 with U+FFFD, as
// encoding/json does.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// parseJSON reads a JSON document into nodes, keeping its members in the
// order written.
func parseJSON(src []byte) (jsonNode, error) {
	p := jsonParser{src: src}
	p.space()
	n, err := p.value(0)
	if err == nil {
		p.space()
		if p.pos != len(p.src) {
			err = p.fail()
		}
	}
	if err != nil {
		// encoding/json says what is wrong, as it did when it encoded
		// the value.
		var v any
		if jerr := json.Unmarshal(src, &v); jerr != nil {
			err = jerr
		}
		return jsonNode{}, &encodeError{err}
	}
	return n, nil
}

type jsonParser struct {
	src []byte
	pos int
}

// maxJSONDepth bounds the nesting parseJSON reads, as encoding/json's.
const maxJSONDepth = 10000

func (p *jsonParser) fail() error {
	return fmt.Errorf("invalid JSON at offset %d", p.pos)
}

func (p *jsonParser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (jsonNode, error) {
	if p.pos >= len(p.src) || depth > maxJSONDepth {
		return jsonNode{}, p.fail()
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		return jsonNode{kind: jsonString, text: s}, err
	case c == '-' || c >= '0' && c <= '9':
		s, err := p.number()
		return jsonNode{kind: jsonNumber, text: s}, err
	}
	for _, lit := range []jsonNode{{kind: jsonBool, text: "true"}, {kind: jsonBool, text: "false"}, nullNode} {
		if strings.HasPrefix(string(p.src[p.pos:min(len(p.src), p.pos+5)]), lit.text) {
			p.pos += len(lit.text)
			return lit, nil
		}
	}
	return jsonNode{}, p.fail()
}

func (p *jsonParser) object(depth int) (jsonNode, error) {
	p.pos++ // {
	n := jsonNode{kind: jsonObject}
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		return n, nil
	}
	seen := map[string]bool{}
	for {
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return n, p.fail()
		}
		k, err := p.str()
		if err != nil {
			return n, err
		}
		if seen[k] {
			return n, fmt.Errorf("key %q is given twice", k)
		}
		seen[k] = true
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return n, p.fail()
		}
		p.pos++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return n, err
		}
		n.pairs = append(n.pairs, jsonPair{k, &v})
		p.space()
		if p.pos >= len(p.src) {
			return n, p.fail()
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return n, nil
		default:
			return n, p.fail()
		}
	}
}

func (p *jsonParser) array(depth int) (jsonNode, error) {
	p.pos++ // [
	n := jsonNode{kind: jsonArray, items: []any{}}
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		return n, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return n, err
		}
		n.items = append(n.items, &v)
		p.space()
		if p.pos >= len(p.src) {
			return n, p.fail()
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return n, nil
		default:
			return n, p.fail()
		}
	}
}

// str reads a string token; one with escapes (or bytes that are not
// UTF-8) is decoded by encoding/json.
func (p *jsonParser) str() (string, error) {
	start := p.pos
	p.pos++ // "
	plain := true
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == '"':
			p.pos++
			tok := p.src[start:p.pos]
			if plain && utf8.Valid(tok) {
				return string(tok[1 : len(tok)-1]), nil
			}
			var s string
			if err := json.Unmarshal(tok, &s); err != nil {
				return "", err
			}
			return s, nil
		case c == '\\':
			plain = false
			p.pos += 2
		case c < 0x20:
			return "", p.fail()
		default:
			p.pos++
		}
	}
	return "", p.fail()
}

// number reads a number token as JSON's grammar has it.
func (p *jsonParser) number() (string, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.pos < len(p.src) && p.src[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.src) && p.src[p.pos] == '0':
		p.pos++
	case digits() == 0:
		return "", p.fail()
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return "", p.fail()
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return "", p.fail()
		}
	}
	return string(p.src[start:p.pos]), nil
}
