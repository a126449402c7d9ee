package oas

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	oasdiffyaml "github.com/oasdiff/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// kinsJSON is the JSON kin-openapi reads a YAML spec as: its own call of
// oasdiff/yaml, into a json.RawMessage, which keeps the bytes.
func kinsJSON(data []byte) ([]byte, error) {
	var raw json.RawMessage
	_, err := oasdiffyaml.Unmarshal(data, &raw, oasdiffyaml.DecodeOpts{DisableTimestamps: true})
	return raw, err
}

// ourJSON parses data and writes it with kinJSON.
func ourJSON(data []byte) ([]byte, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	out, _, ok := kinJSON(&doc)
	return out, ok
}

// TestKinJSONIsKinsReading writes every YAML file of the repository as
// JSON, and holds the bytes to kin-openapi's reading of the text; every
// spec apigen publishes is written.
func TestKinJSONIsKinsReading(t *testing.T) {
	written, yamls := 0, 0
	for _, path := range repositorySpecs(t) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		if startsJSON(data) {
			continue
		}
		yamls++
		ours, ok := ourJSON(data)
		if strings.HasPrefix(path, "../../generated/") && strings.Contains(path, "openapi") {
			assert.True(t, ok, "%s: a published spec is written as JSON", path)
		}
		if !ok {
			continue
		}
		written++
		kins, err := kinsJSON(data)
		require.NoError(t, err, path)
		assert.Equal(t, string(kins), string(ours), path)
	}
	t.Logf("%d of %d YAML files written as JSON", written, yamls)
	assert.Greater(t, written, 50)
}

func TestKinJSON(t *testing.T) {
	for _, c := range []struct {
		name, yaml string
		json       string // "" when kinJSON leaves the text to kin-openapi
	}{
		{name: "members in order of their keys", yaml: "b: 1\na: x\nB: 2\n", json: `{"B":2,"a":"x","b":1}`},
		{name: "integers", yaml: "a: 0\nb: -12\nc: 0x1F\nd: 017\ne: 1_000\nf: -0\ng: +5\nh: 0o17\ni: 18446744073709551615\nj: 1234567890123456789\n",
			json: `{"a":0,"b":-12,"c":31,"d":15,"e":1000,"f":0,"g":5,"h":15,"i":18446744073709551615,"j":1234567890123456789}`},
		{name: "floats", yaml: "a: 1.0\nb: 1e3\nc: .5\nd: -2.50\ne: 1e-7\n", json: `{"a":1,"b":1000,"c":0.5,"d":-2.5,"e":1e-7}`},
		{name: "infinity", yaml: "a: .inf\n"},
		{name: "not a number", yaml: "a: .NaN\n"},
		{name: "booleans and nulls", yaml: "a: true\nb: False\nc: TRUE\nd: null\ne: ~\nf:\ng: yes\nh: tRUE\n",
			json: `{"a":true,"b":false,"c":true,"d":null,"e":null,"f":null,"g":"yes","h":"tRUE"}`},
		{name: "strings", yaml: "a: \"1\"\nb: '<a&b>'\nc: |\n  line \"one\"\n  \\two\nd: 中文说明\ne: \"\\u2028\\t\"\nf: 2024-03-01\n",
			json: `{"a":"1","b":"\u003ca\u0026b\u003e","c":"line \"one\"\n\\two\n","d":"中文说明","e":"\u2028\t","f":"2024-03-01"}`},
		{name: "keys made strings", yaml: "200: a\n1.5: b\ntrue: c\n2024-03-01: d\n", json: `{"1.5":"b","200":"a","2024-03-01":"d","true":"c"}`},
		{name: "a null key", yaml: "~: a\n"},
		{name: "a key only a uint64 holds", yaml: "9227000000000000000: a\n"},
		{name: "a key that is a mapping", yaml: "? {a: 1}\n: b\n"},
		{name: "keys made alike", yaml: "200: a\n\"200\": b\n"},
		{name: "a duplicate key", yaml: "a: 1\na: 2\n"},
		{name: "an alias", yaml: "a: &x 1\nb: *x\n"},
		{name: "an anchor alone", yaml: "a: &x 1\n", json: `{"a":1}`},
		{name: "a merge key", yaml: "a: &x {b: 1}\nc:\n  <<: *x\n"},
		{name: "an explicit tag", yaml: "a: !!str 1\n"},
		{name: "a binary", yaml: "a: !!binary aGk=\n"},
		{name: "a root that is a list", yaml: "- a\n"},
		{name: "lists and flow style", yaml: "a: [1, {b: [x, null]}, []]\nc: {}\n", json: `{"a":[1,{"b":["x",null]},[]],"c":{}}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ours, ok := ourJSON([]byte(c.yaml))
			if c.json == "" {
				assert.False(t, ok, "written as %s", ours)
				return
			}
			require.True(t, ok)
			assert.Equal(t, c.json, string(ours))
			kins, err := kinsJSON([]byte(c.yaml))
			require.NoError(t, err)
			assert.Equal(t, string(kins), string(ours))
		})
	}
}

// FuzzKinJSON holds kinJSON to kin-openapi's reading on any text: when
// it writes JSON, kin-openapi reads the text as those bytes; and when
// those decode in parts, they decode whole to the same spec.
func FuzzKinJSON(f *testing.F) {
	for _, path := range []string{"../diff/testdata/params.old.yaml", "../diff/testdata/types.old.yaml", "../diff/testdata/shapes.old.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("9227000000000000000:\n"))
	f.Add([]byte("a: [1, 0x1F, 1e3, .5, -0, true, ~, \"x\", 2024-03-01]\n200: {b: c}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ours, ok := ourJSON(data)
		if !ok {
			return
		}
		kins, err := kinsJSON(data)
		require.NoError(t, err, "written as %s", ours)
		assert.Equal(t, string(kins), string(ours))
		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal(data, &doc))
		j, parts, _ := kinJSON(&doc)
		found, ok := jsonParts(j)
		require.True(t, ok)
		assert.Equal(t, parts, found, "the parts of the JSON written")
		assertInPartsIsWhole(t, j, parts)
	})
}

// FuzzJSONParts holds decoding a spec written as JSON in parts to
// decoding it whole, on any text.
func FuzzJSONParts(f *testing.F) {
	f.Add([]byte(`{"openapi":"3.1.0","paths":{"/a":{"get":{"responses":{}}},"x-p":1},"components":{"schemas":{"A":{"type":"object"},"B":{}}}}`))
	f.Add([]byte(`{"paths":{"/a":{}}, "paths":null}`))
	f.Add([]byte(` { "Paths" : { "/a" : { } } , "components" : { "schemas" : { "A" : { "$ref" : "#/components/schemas/B" } , "B" : { "items" : [ ] } } } } `))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer func(size int) { partBytes = size }(partBytes)
		partBytes = 1
		if parts, ok := jsonParts(data); ok {
			assertInPartsIsWhole(t, data, parts)
		}
	})
}

// assertInPartsIsWhole holds decoding j in parts to decoding it whole:
// when the parts decode, the whole does, to the same spec.
func assertInPartsIsWhole(t *testing.T, j []byte, parts kinParts) {
	t.Helper()
	if got, ok := decodedInParts(j, parts); ok {
		whole, wholeOK := decodedWhole(j)
		require.True(t, wholeOK, "decoded in parts, not whole")
		assert.True(t, reflect.DeepEqual(whole, got), "in parts, the spec differs")
	}
}

// decodedWhole and decodedInParts load JSON kinJSON wrote as kin-openapi
// does, and through decodeInParts, each with its references resolved;
// ok is false when it does not load.
func decodedWhole(j []byte) (*openapi3.T, bool) {
	t, err := openapi3.NewLoader().LoadFromData(j)
	return t, err == nil
}

func decodedInParts(j []byte, parts kinParts) (*openapi3.T, bool) {
	t, ok := decodeInParts(j, parts)
	if !ok {
		return nil, false
	}
	return t, openapi3.NewLoader().ResolveRefsIn(t, nil) == nil
}

// TestDecodeInPartsIsWhole decodes every spec of the repository in
// parts, in chunks of one member and of the usual size, and holds the
// spec to decoding it whole; a YAML spec's parts, found in the JSON
// kinJSON writes, are those it records.
func TestDecodeInPartsIsWhole(t *testing.T) {
	defer func(size int) { partBytes = size }(partBytes)
	yamls, jsons := 0, 0
	for _, path := range repositorySpecs(t) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		j, parts, ok := data, kinParts{}, false
		if startsJSON(data) {
			parts, ok = jsonParts(data)
		} else {
			var doc yaml.Node
			if yaml.Unmarshal(data, &doc) != nil {
				continue
			}
			if j, parts, ok = kinJSON(&doc); ok {
				found, _ := jsonParts(j)
				require.Equal(t, parts, found, "%s: the parts of the JSON written", path)
			}
		}
		if !ok {
			continue
		}
		whole, wholeOK := decodedWhole(j)
		for _, size := range []int{1, 256 << 10} {
			partBytes = size
			if got, ok := decodedInParts(j, parts); ok {
				require.True(t, wholeOK, "%s: decoded in parts, not whole", path)
				require.True(t, reflect.DeepEqual(whole, got), "%s: in parts of %d bytes, the spec differs", path, size)
				if startsJSON(data) {
					jsons++
				} else {
					yamls++
				}
			}
		}
	}
	t.Logf("decoded in parts: %d YAML, %d JSON", yamls, jsons)
	assert.Greater(t, yamls, 100)
	assert.Greater(t, jsons, 10)
}

func TestJSONParts(t *testing.T) {
	for _, c := range []struct {
		name, json string
		paths      string   // the value of paths; "" when not found
		members    []string // the members of paths
		notFound   bool
	}{
		{name: "spaced and escaped", json: " {\n \"openapi\" : \"3.1.0\" ,\n \"pa\\u0074hs\" :\t{ \"/a\" : { \"x\" : [ \"}\" ] } , \"/b\":{} } } ",
			paths: `{ "/a" : { "x" : [ "}" ] } , "/b":{} }`, members: []string{`"/a" : { "x" : [ "}" ] }`, `"/b":{}`}},
		{name: "a key twice", json: `{"paths":{"/a":{}},"paths":null}`, notFound: true},
		{name: "not JSON", json: `{"paths":{"/a":{}},}`, notFound: true},
		{name: "paths that are not an object", json: `{"paths":[]}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			parts, ok := jsonParts([]byte(c.json))
			require.Equal(t, !c.notFound, ok)
			if c.notFound {
				return
			}
			value := func(s span) string { return c.json[s.start:s.end] }
			if c.paths == "" {
				assert.True(t, parts.paths.empty())
				return
			}
			assert.Equal(t, c.paths, value(parts.paths))
			var members []string
			for _, m := range parts.pathMembers {
				members = append(members, value(m))
			}
			assert.Equal(t, c.members, members)
		})
	}
}

func TestDecodeInParts(t *testing.T) {
	defer func(size int) { partBytes = size }(partBytes)
	partBytes = 1
	const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
x-root: 1
paths:
  x-paths: {a: 1}
  /a: {get: {responses: {"200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/A"}}}}}}}
  /b: {post: {requestBody: {content: {application/json: {schema: {$ref: "#/components/schemas/B"}}}}, responses: {}}}
  /c: {parameters: [{$ref: "#/components/parameters/P"}]}
components:
  x-components: [1]
  parameters:
    P: {name: p, in: query, schema: {type: string}}
  schemas:
    A: {type: object, properties: {b: {$ref: "#/components/schemas/B"}}}
    B: {type: array, items: {$ref: "#/components/schemas/A"}}
    C: {type: string}
`
	for _, c := range []struct {
		name, doc string
		inParts   bool
	}{
		{name: "paths and schemas", doc: spec, inParts: true},
		{name: "paths alone", doc: "openapi: 3.1.0\npaths: {/a: {}, /b: {}}\n", inParts: true},
		{name: "components without schemas", doc: "openapi: 3.1.0\npaths: {/a: {}}\ncomponents: {x-a: 1}\n", inParts: true},
		{name: "neither", doc: "openapi: 3.1.0\ninfo: {title: t}\n"},
		{name: "paths that are not a mapping", doc: "openapi: 3.1.0\npaths: ~\n"},
		{name: "a key that case alone tells from paths", doc: "openapi: 3.1.0\npaths: {/a: {}}\nPaths: {/b: {}}\n"},
		{name: "a key that case alone tells from schemas", doc: "openapi: 3.1.0\ncomponents: {schemas: {A: {}}, Schemas: {B: {}}}\n"},
		{name: "a path item that does not decode", doc: "openapi: 3.1.0\npaths: {/a: {get: 1}, /b: {}}\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var doc yaml.Node
			require.NoError(t, yaml.Unmarshal([]byte(c.doc), &doc))
			j, parts, ok := kinJSON(&doc)
			require.True(t, ok)
			got, ok := decodedInParts(j, parts)
			require.Equal(t, c.inParts, ok)
			if !ok {
				return
			}
			whole, ok := decodedWhole(j)
			require.True(t, ok)
			assert.True(t, reflect.DeepEqual(whole, got), "in parts, the spec differs")
		})
	}
}
