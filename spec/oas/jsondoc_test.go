package oas

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// assertJSONDocIsYAMLs holds parseJSONDoc to yaml.v3: it parses only
// JSON, into the document yaml.v3 makes of it when yaml.v3 reads it. It
// returns the document.
func assertJSONDocIsYAMLs(t *testing.T, data []byte) *yaml.Node {
	t.Helper()
	ours, ok := parseJSONDoc(data)
	require.Equal(t, json.Valid(data) && !yamlOnlyLineBreak(data), ok, "parses JSON, and only JSON")
	var theirs yaml.Node
	if ok && yaml.Unmarshal(data, &theirs) == nil && !reflect.DeepEqual(&theirs, ours) {
		assert.Equal(t, &theirs, ours) // to show the difference
	}
	return ours
}

// TestJSONDocIsYAMLs parses every JSON file of the repository both ways.
func TestJSONDocIsYAMLs(t *testing.T) {
	jsons := 0
	for _, path := range repositorySpecs(t) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		if startsJSON(data) && json.Valid(data) {
			jsons++
			assert.NotNil(t, assertJSONDocIsYAMLs(t, data), path)
		}
	}
	assert.Greater(t, jsons, 50)
}

func TestParseJSONDoc(t *testing.T) {
	long := strings.Repeat("k", 1025)
	for _, c := range []struct {
		name, json string
		value      string // the first member's value, when yaml.v3 cannot read it
	}{
		{name: "scalars", json: `{"a": 1, "b": -0, "c": 1.5e3, "d": 1E5, "e": 12345678901234567890, "f": 123456789012345678901234, "g": true, "h": null, "i": "s", "j": []}`},
		{name: "escapes", json: `{"a\"b": "\\ \b \f \n \r \t \u00e9 \u4e2d", "k": "\\u0041"}`},
		{name: "lines and columns", json: "{\n  \"a\": [1,\n    {\"中文\": \"值\", \"b\": 2}],\r\n  \"c\": {}\n}\n"},
		{name: "tabs", json: "{\n\t\"a\": [\n\t\t1\n\t]\n}"},
		{name: "a lone carriage return", json: "{\"a\": 1,\r\"b\": 2}"},
		{name: "an escaped slash", json: `{"a": "\/api\/v1"}`, value: "/api/v1"},
		{name: "an escaped surrogate pair", json: `{"a": "\ud83d\ude00"}`, value: "😀"},
		{name: "a long key", json: `{"a": "` + long + `", "` + long + `": 1}`, value: long},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := assertJSONDocIsYAMLs(t, []byte(c.json))
			require.NotNil(t, doc)
			if c.value != "" {
				assert.Equal(t, c.value, doc.Content[0].Content[1].Value)
			}
		})
	}
	for _, declined := range []string{`{"a": 1,}`, "{\"a\": \"\u2028\"}", "[\"\u0085\"]"} {
		_, ok := parseJSONDoc([]byte(declined))
		assert.False(t, ok, "%q is read by yaml.v3", declined)
	}
}

// FuzzParseJSONDoc holds parseJSONDoc to yaml.v3 on any text.
func FuzzParseJSONDoc(f *testing.F) {
	f.Add([]byte("{\n  \"a\": [1, -0, 1.5e3, true, null, \"\\u00e9\"],\r\n  \"中文\": {\"b\": {}}\n}"))
	f.Add([]byte(`{"a": "\/\ud83d\ude00", "b": [1e400]}`))
	f.Add([]byte(`{"":[1e700]}`)) // a string to YAML, out of a float's range
	f.Add([]byte("\"\u0085\""))   // a line break to YAML
	f.Fuzz(func(t *testing.T, data []byte) {
		assertJSONDocIsYAMLs(t, data)
	})
}

// TestLoadJSONThatYAMLRefuses loads a spec as PHP's json_encode and
// Python's json.dumps write one: every slash escaped, a character outside
// the Basic Multilingual Plane as a surrogate pair. yaml.v3 refuses both
// escapes; the spec loads, with each part's line.
func TestLoadJSONThatYAMLRefuses(t *testing.T) {
	const spec = `{"openapi":"3.0.0","info":{"title":"t \ud83d\ude00","version":"1"},
"paths":{"\/api\/v1\/users":{"get":{"responses":{"200":{"description":"ok",
"content":{"application\/json":{"schema":{"$ref":"#\/components\/schemas\/User"}}}}}}}},
"components":{"schemas":{"User":{"type":"object","properties":{"name":{"type":"string"}}}}}}`
	loaded, lines, diags := LoadDataLines("users.json", []byte(spec))
	require.NotNil(t, loaded, "%v", diags)
	assert.Empty(t, diags)
	assert.Equal(t, "t 😀", loaded.Info.Title)
	op := loaded.Paths.Value("/api/v1/users").Get
	require.NotNil(t, op)
	schema := op.Responses.Value("200").Value.Content.Get("application/json").Schema
	assert.Equal(t, "#/components/schemas/User", schema.Ref)
	assert.NotNil(t, schema.Value.Properties["name"])
	assert.Equal(t, 4, lines.Line("#/components/schemas/User"))
}
