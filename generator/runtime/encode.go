package runtime

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// The generated encoders write each model as encoding/json writes the
// same struct with its tags and HTML escaping off: no reflection, one
// buffer. Every writer has the shape func(v *T, b []byte) ([]byte, error),
// as the models' appendJSON methods do (as method expressions), so lists
// and maps of any of them are written by appendSlice and appendMap.

// jsonAppender is a generated model or named type.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

func appendString(v *string, b []byte) ([]byte, error) {
	return appendQuoted(b, *v), nil
}

// appendQuoted writes s as a JSON string. Like encoding/json, it writes
// invalid UTF-8 as U+FFFD and escapes U+2028 and U+2029, which end a line
// in JavaScript.
func appendQuoted(b []byte, s string) []byte { return appendQuotedEscaping(b, s, false) }

// appendQuotedEscaping is appendQuoted, escaping <, > and & as well when
// html is set, as encoding/json does by default: for text that repeats
// what a request sent, in case something shows it as HTML.
func appendQuotedEscaping(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!html || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// appendQuotedString writes a string member tagged ",string": the JSON
// string of its JSON string.
func appendQuotedString(v *string, b []byte) ([]byte, error) {
	return appendQuoted(b, string(appendQuoted(nil, *v))), nil
}

func appendInt64(v *int64, b []byte) ([]byte, error) {
	return strconv.AppendInt(b, *v, 10), nil
}

func appendInt32(v *int32, b []byte) ([]byte, error) {
	return strconv.AppendInt(b, int64(*v), 10), nil
}

func appendBool(v *bool, b []byte) ([]byte, error) {
	return strconv.AppendBool(b, *v), nil
}

// errNotFinite is the error of a NaN or an infinity, which JSON cannot
// carry.
var errNotFinite = errors.New("json: unsupported value: NaN or infinity")

// appendFloat64 writes a number as encoding/json does: the shortest
// decimal that reads back the same, in exponent form only when very
// large or small.
func appendFloat64(v *float64, b []byte) ([]byte, error) {
	f := *v
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, errNotFinite
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendAny writes an untyped value with encoding/json, HTML escaping off.
func appendAny(v *any, b []byte) ([]byte, error) {
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(*v); err != nil {
		return b, err
	}
	out := buf.Bytes()
	return out[:len(out)-1], nil // Encode ends with a newline
}

// appendRaw writes JSON text as given, compacted; nil is null.
func appendRaw(v *json.RawMessage, b []byte) ([]byte, error) {
	if *v == nil {
		return append(b, "null"...), nil
	}
	buf := bytes.NewBuffer(b)
	if err := json.Compact(buf, *v); err != nil {
		return b, err
	}
	return buf.Bytes(), nil
}

// appendSlice writes a list; nil is null, as encoding/json writes it.
func appendSlice[T any](b []byte, s []T, write func(*T, []byte) ([]byte, error)) ([]byte, error) {
	if s == nil {
		return append(b, "null"...), nil
	}
	b = append(b, '[')
	var err error
	for i := range s {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = write(&s[i], b); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

// appendMap writes an object with its members sorted by name, as
// encoding/json does; nil is null.
func appendMap[T any](b []byte, m map[string]T, write func(*T, []byte) ([]byte, error)) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	var err error
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendQuoted(b, k)
		b = append(b, ':')
		v := m[k]
		if b, err = write(&v, b); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// closeObject ends a struct's members, each of which was written after a
// comma from start on: the first comma becomes the opening brace.
func closeObject(b []byte, start int) []byte {
	if len(b) == start {
		return append(b, '{', '}')
	}
	b[start] = '{'
	return append(b, '}')
}
