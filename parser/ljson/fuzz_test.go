package ljson

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/apigen/apigen/parser/diag"
)

func FuzzParse(f *testing.F) {
	for _, s := range seedInputs() {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("testdata/showdoc_customer.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		v, ds := Parse(src, diag.Pos{File: "fuzz", Line: 1, Col: 1})
		if v == nil {
			if len(ds) != 1 || ds[0].Code != diag.UnreadableExample {
				t.Fatalf("nil value must come with exactly one E008, got %v", ds)
			}
		} else {
			out, err := v.MarshalJSON()
			if err != nil || !json.Valid(out) {
				t.Fatalf("MarshalJSON gave invalid JSON %q (err %v)", out, err)
			}
		}
		// Strictly valid JSON must read exactly as encoding/json reads it.
		// Nesting beyond maxDepth is cut by design, so it is left out.
		if !json.Valid(src) || nesting(src) > maxDepth {
			return
		}
		if v == nil {
			t.Fatalf("valid JSON gave no value: %v", ds)
		}
		for _, d := range ds {
			if d.Severity >= diag.Warning {
				t.Fatalf("valid JSON got %v", d)
			}
		}
		want, err := decodeFirstWins(src)
		if err != nil {
			t.Fatalf("decoding valid JSON: %v", err)
		}
		if got := v.Interface(); !reflect.DeepEqual(got, want) {
			t.Fatalf("Interface() = %#v, encoding/json decodes %#v", got, want)
		}
	})
}

// decodeFirstWins decodes src like encoding/json with UseNumber, except
// that a repeated key keeps its first value, as Value.Interface does.
func decodeFirstWins(src []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	return decodeToken(dec)
}

func decodeToken(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		m := map[string]any{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := decodeToken(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := m[k.(string)]; !dup {
				m[k.(string)] = v
			}
		}
		_, err = dec.Token()
		return m, err
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			v, err := decodeToken(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err = dec.Token()
		return a, err
	}
	return tok, nil
}

// nesting returns the deepest bracket nesting of valid JSON src.
func nesting(src []byte) int {
	depth, deepest := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '{', '[':
			depth++
			deepest = max(deepest, depth)
		case '}', ']':
			depth--
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		}
	}
	return deepest
}
