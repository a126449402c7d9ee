package oas

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repositorySpecs lists the repository's YAML and JSON files: the
// published specs, and the test specs of every shape.
func repositorySpecs(t *testing.T) []string {
	var files []string
	for _, dir := range []string{"../../testdata", "../../generated", "../diff/testdata"} {
		require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml") {
				files = append(files, path)
			}
			return err
		}))
	}
	return files
}

// loadedInventory is what a loaded spec names, as the shrink guard reads
// it from a loaded spec.
func loadedInventory(t *openapi3.T) Inventory {
	inv := Inventory{Operations: map[[2]string]bool{}, Schemas: map[string]bool{}}
	if t.Paths != nil {
		for path, item := range t.Paths.Map() {
			for method := range item.Operations() {
				inv.Operations[[2]string{method, path}] = true
			}
		}
	}
	if t.Components != nil {
		for name := range t.Components.Schemas {
			inv.Schemas[name] = true
		}
	}
	return inv
}

// TestReadInventoryIsLoads reads every spec of the repository both ways:
// whenever ReadInventory reads one, it names what loading it names, and
// it reads every spec apigen publishes.
func TestReadInventoryIsLoads(t *testing.T) {
	files := repositorySpecs(t)
	read := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		loaded, _ := LoadData(path, data)
		inv, ok := ReadInventory(data)
		if strings.HasPrefix(path, "../../generated/") && strings.Contains(path, "openapi") {
			assert.True(t, ok, "%s: a published spec is read without loading", path)
		}
		if !ok || loaded == nil {
			continue
		}
		read++
		assert.Equal(t, loadedInventory(loaded), inv, path)
	}
	t.Logf("%d of %d files read both ways", read, len(files))
	assert.Greater(t, read, 50)
}

func TestReadInventory(t *testing.T) {
	const head = "openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\n"
	for _, c := range []struct {
		name, doc string
		ops       []string // "GET /a"
		schemas   []string
		unread    bool // only loading can tell
	}{
		{name: "members", doc: head + `paths:
  /a:
    summary: x
    get:
      responses: {}
    post: {responses: {}}
    x-get: 1
  "/b:{id}":
    delete:
      description: |
        paths:
          /c:
            get: {}
      responses: {}
  x-paths:
    /d:
      get: {}
components:
  responses:
    R: {description: r}
  schemas:
    Pet:
      type: object
    'it''s': {}
  parameters: {}
`, ops: []string{"GET /a", "POST /a", "DELETE /b:{id}"}, schemas: []string{"Pet", "it's"}},
		{name: "a method with no value is null", doc: head + "paths:\n  /a:\n    get:\n    put: null\n    post:\n      responses: {}\n    patch:\n", ops: []string{"POST /a"}},
		{name: "lists indented or not", doc: head + "tags:\n- name: a\npaths:\n  /a:\n    get:\n      tags:\n      - a\n      parameters:\n        - name: x\n          in: query\n", ops: []string{"GET /a"}},
		{name: "a document marker", doc: "---\n" + head + "paths:\n  /a:\n    get: {}\n", ops: []string{"GET /a"}},
		{name: "empty", doc: head + "paths: {}\ncomponents: {}\n"},
		{name: "json", doc: `{"openapi": "3.1.0", "paths": {"/a": {"get": {}, "put": null, "x-y": 1}, "x-z": {"get": {}}}, "components": {"schemas": {"Pet": {}}}}`,
			ops: []string{"GET /a"}, schemas: []string{"Pet"}},
		{name: "a path item by $ref", doc: head + "paths:\n  /a:\n    $ref: '#/components/pathItems/A'\n", unread: true},
		{name: "additionalOperations", doc: head + "paths:\n  /a:\n    additionalOperations:\n      COPY: {}\n", unread: true},
		{name: "flow paths", doc: head + "paths: {/a: {get: {}}}\n", unread: true},
		{name: "an anchor", doc: head + "paths:\n  /a: &a\n    get: {}\n  /b: *a\n", unread: true},
		{name: "a quote left open", doc: head + "paths:\n  /a:\n    get:\n      description: \"one\n  /b:\n    get: {}\"\n", unread: true},
		{name: "a second document", doc: head + "paths: {}\n---\npaths:\n  /a:\n    get: {}\n", unread: true},
		{name: "swagger", doc: "swagger: \"2.0\"\npaths:\n  /a:\n    get: {}\n", unread: true},
		{name: "a tab", doc: head + "paths:\n\t/a: {}\n", unread: true},
		{name: "an explicit key", doc: head + "paths:\n  ? /a\n  : get: {}\n", unread: true},
		{name: "a list for paths", doc: head + "paths:\n  - /a\n", unread: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			inv, ok := ReadInventory([]byte(c.doc))
			require.Equal(t, !c.unread, ok)
			if c.unread {
				return
			}
			want := Inventory{Operations: map[[2]string]bool{}, Schemas: map[string]bool{}}
			for _, op := range c.ops {
				method, path, _ := strings.Cut(op, " ")
				want.Operations[[2]string{method, path}] = true
			}
			for _, s := range c.schemas {
				want.Schemas[s] = true
			}
			assert.Equal(t, want, inv)
			if loaded, diags := LoadData(c.name, []byte(c.doc)); loaded != nil {
				assert.Equal(t, loadedInventory(loaded), inv, "as loaded")
			} else {
				t.Fatalf("the case does not load: %v", diags)
			}
		})
	}
}

// FuzzReadInventory holds ReadInventory to loading: on any text it reads,
// it names what the loaded spec names.
func FuzzReadInventory(f *testing.F) {
	for _, path := range []string{"../../generated/waiqin/openapi.yaml", "../../generated/showdoc/openapi.v30.yaml", "../diff/testdata/params.old.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      description: |\n        x\n    post:\n  /b: {}\ncomponents:\n  schemas:\n    A: {}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, ok := ReadInventory(data)
		if !ok {
			return
		}
		if loaded, _ := LoadData("fuzz.yaml", data); loaded != nil {
			assert.Equal(t, loadedInventory(loaded), inv)
		}
	})
}
