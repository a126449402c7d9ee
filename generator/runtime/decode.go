package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Decoding is lenient: vendors document VARCHAR and send numbers, document
// 0 and send "0", send one object where a list is documented, and write ""
// or null for "not given". Each read* function accepts every such form of
// one Go type; the errors name the JSON path.

// DecodeError is a value that no lenient reading could turn into its type.
type DecodeError struct {
	Path string
	Msg  string
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return string(clipPath([]byte(e.Path))) + ": " + e.Msg
}

// decoder collects the first decoding error of an object, prefixed with
// the member's key.
type decoder struct {
	err error
}

func (d *decoder) fail(key string, err error) {
	if d.err != nil {
		return
	}
	if de, ok := err.(*DecodeError); ok {
		path := key
		if de.Path != "" {
			if strings.HasPrefix(de.Path, "[") {
				path += de.Path
			} else {
				path += "." + de.Path
			}
		}
		d.err = &DecodeError{Path: path, Msg: de.Msg}
		return
	}
	d.err = &DecodeError{Path: key, Msg: err.Error()}
}

// decodeObject reads an object into its members. null and "" read as an
// empty object; so does JSON carried inside a string.
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if isAbsent(data) {
		return nil, nil
	}
	if data[0] == '"' {
		var inner string
		if err := json.Unmarshal(data, &inner); err == nil && strings.HasPrefix(strings.TrimSpace(inner), "{") {
			data = []byte(inner)
		}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, &DecodeError{Msg: "not an object: " + snippet(data)}
	}
	return m, nil
}

// isAbsent reports the values vendors send for "not given".
func isAbsent(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null" || string(raw) == `""`
}

// isDecimal reports whether s is a number in decimal notation: an
// optional sign, digits with an optional fraction and, when exponent is
// set, an optional exponent. strconv.ParseFloat alone would also take
// NaN, Inf and hex floats, which no JSON sender means and JSON cannot
// carry back.
func isDecimal(s string, exponent bool) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if exponent && i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		start := i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// decodeField reads m[key] into dst when present and not absent.
func decodeField[T any](d *decoder, m map[string]json.RawMessage, key string, dst *T, read func([]byte) (T, error)) {
	if v, ok := readMember(d, m, key, read); ok {
		*dst = v
	}
}

// decodePtr is decodeField for optional values held by pointer.
func decodePtr[T any](d *decoder, m map[string]json.RawMessage, key string, dst **T, read func([]byte) (T, error)) {
	if v, ok := readMember(d, m, key, read); ok {
		*dst = &v
	}
}

// readMember reads m[key]; ok is false when it is absent or unreadable
// (the error is recorded in d).
func readMember[T any](d *decoder, m map[string]json.RawMessage, key string, read func([]byte) (T, error)) (v T, ok bool) {
	raw, present := m[key]
	if !present || isAbsent(raw) {
		return v, false
	}
	v, err := read(raw)
	if err != nil {
		d.fail(key, err)
		return v, false
	}
	return v, true
}

func readString(raw []byte) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case isAbsent(raw):
		return "", nil
	case raw[0] == '"':
		if s, ok := plainString(raw); ok {
			return s, nil
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", &DecodeError{Msg: "bad string: " + snippet(raw)}
		}
		return s, nil
	case raw[0] == '{' || raw[0] == '[':
		// A document inside a text field: keep its JSON text.
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err != nil {
			return "", &DecodeError{Msg: "bad JSON: " + snippet(raw)}
		}
		return buf.String(), nil
	}
	return string(raw), nil // a number or boolean sent for a text field
}

// plainString reads a JSON string without escapes by slicing it out, the
// common case that then skips encoding/json's scan and reflection; ok is
// false for anything encoding/json must read (escapes, control characters,
// invalid UTF-8, which it replaces) or refuse.
func plainString(raw []byte) (string, bool) {
	n := len(raw)
	if n < 2 || raw[n-1] != '"' {
		return "", false
	}
	inner := raw[1 : n-1]
	ascii := true
	for _, c := range inner {
		switch {
		case c < 0x20 || c == '"' || c == '\\':
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}

// numberText returns the digits of a number sent bare or inside a string.
func numberText(raw []byte) (string, error) {
	s, err := readString(raw)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(s), nil
}

func readInt64(raw []byte) (int64, error) {
	s, err := numberText(raw)
	if err != nil || s == "" {
		return 0, err
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	// 12.0 and 1e3 are integers too. The range check comes before the
	// conversion: converting an out-of-range float is implementation-defined
	// in Go (arm64 saturates), so the round trip alone would let 1e19 in.
	if isDecimal(s, true) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && f >= -(1<<63) && f < 1<<63 {
			return int64(f), nil
		}
	}
	return 0, &DecodeError{Msg: "not an integer: " + snippet(raw)}
}

func readInt32(raw []byte) (int32, error) {
	n, err := readInt64(raw)
	if err != nil {
		return 0, err
	}
	if n != int64(int32(n)) {
		return 0, &DecodeError{Msg: fmt.Sprintf("%d overflows a 32-bit integer", n)}
	}
	return int32(n), nil
}

func readFloat64(raw []byte) (float64, error) {
	s, err := numberText(raw)
	if err != nil || s == "" {
		return 0, err
	}
	if !isDecimal(s, true) {
		return 0, &DecodeError{Msg: "not a number: " + snippet(raw)}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, &DecodeError{Msg: "not a number: " + snippet(raw)}
	}
	return f, nil
}

// readDecimal keeps a fixed-point amount as its exact text.
func readDecimal(raw []byte) (string, error) {
	s, err := numberText(raw)
	if err != nil || s == "" {
		return s, err
	}
	if !isDecimal(s, true) {
		return "", &DecodeError{Msg: "not a decimal number: " + snippet(raw)}
	}
	return strings.TrimPrefix(s, "+"), nil
}

func readBool(raw []byte) (bool, error) {
	s, err := numberText(raw)
	if err != nil || s == "" {
		return false, err
	}
	switch strings.ToLower(s) {
	case "true", "1", "y", "yes", "是":
		return true, nil
	case "false", "0", "n", "no", "否":
		return false, nil
	}
	return false, &DecodeError{Msg: "not a boolean: " + snippet(raw)}
}

// readRaw keeps any JSON value as it came.
func readRaw(raw []byte) (json.RawMessage, error) {
	return append(json.RawMessage(nil), bytes.TrimSpace(raw)...), nil
}

// readAny decodes any JSON value into Go values.
func readAny(raw []byte) (any, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, &DecodeError{Msg: "bad JSON: " + snippet(raw)}
	}
	return v, nil
}

// readStruct reads an object into a generated struct through its lenient
// UnmarshalJSON.
func readStruct[T any, PT interface {
	*T
	json.Unmarshaler
}](raw []byte) (T, error) {
	var v T
	err := PT(&v).UnmarshalJSON(raw)
	return v, err
}

// readSlice returns a reader for lists of what read reads. A single value
// where a list is documented reads as a list of one; a list carried inside
// a string is unwrapped.
func readSlice[T any](read func([]byte) (T, error)) func([]byte) ([]T, error) {
	return func(raw []byte) ([]T, error) {
		raw = bytes.TrimSpace(raw)
		if isAbsent(raw) {
			return nil, nil
		}
		if raw[0] == '"' {
			var inner string
			if err := json.Unmarshal(raw, &inner); err == nil && strings.HasPrefix(strings.TrimSpace(inner), "[") {
				raw = bytes.TrimSpace([]byte(inner))
			}
		}
		if raw[0] != '[' {
			v, err := read(raw)
			if err != nil {
				return nil, err
			}
			return []T{v}, nil
		}
		if !json.Valid(raw) {
			return nil, &DecodeError{Msg: "bad list: " + snippet(raw)}
		}
		out := []T{} // not nil: an empty list was sent
		for i, it := range arrayItems(raw) {
			v, err := read(it)
			if err != nil {
				if de, ok := err.(*DecodeError); ok {
					p := "[" + strconv.Itoa(i) + "]"
					if de.Path != "" {
						if strings.HasPrefix(de.Path, "[") {
							p += de.Path
						} else {
							p += "." + de.Path
						}
					}
					return nil, &DecodeError{Path: p, Msg: de.Msg}
				}
				return nil, err
			}
			if i == 0 {
				// Sized once the first item reads: a long list that is
				// wrong from its start costs nothing.
				out = make([]T, 0, countItems(raw))
			}
			out = append(out, v)
		}
		return out, nil
	}
}

// arrayItems yields the elements of a valid JSON array as slices of it.
// Unmarshalling into []json.RawMessage would copy every element first:
// for a body of a million small items that is tens of megabytes before
// the first item is read, even when that item is already wrong.
func arrayItems(raw []byte) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		i := 1 // past '['
		for n := 0; ; n++ {
			for i < len(raw) && isSpace(raw[i]) {
				i++
			}
			if i >= len(raw) || raw[i] == ']' {
				return
			}
			end := valueEnd(raw, i)
			if !yield(n, bytes.TrimSpace(raw[i:end])) {
				return
			}
			i = end + 1 // past ',' (or the final ']')
		}
	}
}

// countItems counts the elements of a valid JSON array.
func countItems(raw []byte) int {
	n := 0
	for range arrayItems(raw) {
		n++
	}
	return n
}

// valueEnd returns the index of the ',' or ']' that ends the array
// element starting at i in valid JSON.
func valueEnd(raw []byte, i int) int {
	depth, inString := 0, false
	for ; i < len(raw); i++ {
		c := raw[i]
		switch {
		case inString:
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth == 0 {
				return i
			}
			depth--
		case c == ',' && depth == 0:
			return i
		}
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// readMap returns a reader for objects whose members are all of one type.
func readMap[T any](read func([]byte) (T, error)) func([]byte) (map[string]T, error) {
	return func(raw []byte) (map[string]T, error) {
		m, err := decodeObject(raw)
		if err != nil || m == nil {
			return nil, err
		}
		out := make(map[string]T, len(m))
		var d decoder
		// Sorted, so that of several bad members the same one is reported
		// every time.
		for _, k := range slices.Sorted(maps.Keys(m)) {
			var x T
			if !isAbsent(m[k]) {
				v, err := read(m[k])
				if err != nil {
					// The name is the request's, of any length.
					d.fail(snippet(k), err)
				} else {
					x = v
				}
			}
			out[k] = x
		}
		return out, d.err
	}
}
