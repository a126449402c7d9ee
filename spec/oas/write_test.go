package oas

import (
	"bytes"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// trickyStrings are strings made of the characters YAML treats
// specially: breaks, blanks, indicators, quotes, escapes, controls.
func trickyStrings(n, maxLen int) []string {
	alphabet := []string{"a", "é", "1", ".", " ", "\t", "\n", "\r", "\u0085", "\u2028", "\u2029", "\ufeff", "\u00a0", "\x7f", "\x00",
		"#", ":", "-", "?", "{", "[", ",", "&", "*", "!", "|", ">", "%", "@", "`", "'", "\"", "\\", "~"}
	r := rand.New(rand.NewSource(1))
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var b strings.Builder
		for range r.Intn(maxLen + 1) {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		if s := b.String(); !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return append(out, strings.Repeat("k", 129), strings.Repeat("k", 130)+"\nk")
}

// Every string a spec holds reads back as itself from the YAML Write
// prints: as a description, an enum value, a property name (a mapping
// key, simple or not) and an extension's value.
func TestWriteStringsRoundTrip(t *testing.T) {
	strs := trickyStrings(3000, 6)
	for chunk := range slices.Chunk(strs, 100) {
		doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "t", Version: "1"}, Paths: openapi3.NewPaths()}
		doc.Extensions = map[string]any{"x-v": chunk}
		props := openapi3.Schemas{}
		for _, v := range chunk {
			s := openapi3.NewStringSchema()
			s.Description, s.Enum = v, []any{v}
			props[v] = openapi3.NewSchemaRef("", s)
		}
		obj := openapi3.NewObjectSchema()
		obj.Properties = props
		doc.Components = &openapi3.Components{Schemas: openapi3.Schemas{"S": openapi3.NewSchemaRef("", obj)}}
		var b bytes.Buffer
		if err := Write(&b, doc, "yaml"); err != nil {
			t.Fatal(err)
		}
		loaded, _, diags := LoadDataLines("strings.yaml", b.Bytes())
		if loaded == nil {
			t.Fatalf("%q: %v", chunk, diags)
		}
		got, _ := loaded.Extensions["x-v"].([]any)
		for i, v := range chunk {
			if i >= len(got) || got[i] != v {
				t.Errorf("extension value %q read back as %q", v, got[min(i, len(got)-1)])
			}
			p := loaded.Components.Schemas["S"].Value.Properties[v]
			if p == nil {
				t.Errorf("property %q is not read back", v)
				continue
			}
			if p.Value.Description != v || len(p.Value.Enum) != 1 || p.Value.Enum[0] != v {
				t.Errorf("%q read back as description %q, enum %q", v, p.Value.Description, p.Value.Enum)
			}
		}
	}
}
