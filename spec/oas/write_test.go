package oas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
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
	return append(out, strings.Repeat("k", 128), strings.Repeat("k", 129), strings.Repeat("k", 130)+"\nk")
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

// checkWrite holds Write to writeRef's bytes, in both formats, and the
// lines and property orders it records to what reading the YAML gives.
func checkWrite(t *testing.T, name string, doc *openapi3.T) {
	t.Helper()
	for _, format := range []string{"yaml", "json"} {
		var want bytes.Buffer
		wantErr := writeRef(&want, doc, format)
		var got bytes.Buffer
		rec := &recording{orders: map[string][]string{}}
		if format == "json" {
			rec = nil
		}
		gotErr := writeSpec(&got, doc, format, rec)
		if (wantErr != nil) != (gotErr != nil) {
			t.Errorf("%s (%s): error %v, want %v", name, format, gotErr, wantErr)
			continue
		}
		if wantErr != nil {
			continue
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s (%s): Write differs from writeRef at %s", name, format, firstDiff(got.String(), want.String()))
			continue
		}
		if rec == nil {
			continue
		}
		var root yaml.Node
		if err := yaml.Unmarshal(got.Bytes(), &root); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if lines := linesOf(root.Content[0]); !reflect.DeepEqual(&rec.lines, lines) {
			t.Errorf("%s: the lines Write records differ from the file's", name)
		}
		if orders := propertyOrders(root.Content[0]); !reflect.DeepEqual(rec.orders, orders) {
			t.Errorf("%s: the property orders Write records differ from the file's", name)
		}
	}
}

func firstDiff(got, want string) string {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, gl[i], wl[i])
		}
	}
	return fmt.Sprintf("length: got %d lines, want %d", len(gl), len(wl))
}

// Write prints every spec of testdata as writeRef did, the tricky
// strings among them.
func TestWriteMatchesReference(t *testing.T) {
	var files []string
	err := filepath.WalkDir(filepath.Join("..", "..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(path)) {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	loaded := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil || !IsSpec(data) {
			continue
		}
		doc, _ := LoadData(path, data)
		if doc == nil {
			continue
		}
		loaded++
		checkWrite(t, path, doc)
	}
	if loaded < 100 {
		t.Errorf("only %d specs in testdata loaded", loaded)
	}
	doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "t", Version: "1"}, Paths: openapi3.NewPaths()}
	strs := trickyStrings(1000, 8)
	props := openapi3.Schemas{}
	for _, s := range strs {
		p := openapi3.NewStringSchema()
		p.Description, p.Enum, p.Example = s, []any{s, 1.5, 1e21, -0.0, int64(1) << 60, nil, true}, map[string]any{s: []string{s}}
		props[s] = openapi3.NewSchemaRef("", p)
	}
	obj := openapi3.NewObjectSchema()
	obj.Properties = props
	obj.Extensions = map[string]any{ExtOrder: strs, "x-raw": json.RawMessage(`{"b": [1, 2.50, "x", {"properties": {"z": 1, "a": 2}}], "a": {}, "c": []}`)}
	doc.Components = &openapi3.Components{Schemas: openapi3.Schemas{"S": openapi3.NewSchemaRef("", obj)}}
	checkWrite(t, "tricky strings", doc)
}
