package generator_test

import (
	"github.com/apigen/apigen/parser/diag"

	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
)

// craftedSpec states, in one schema, every rule the generated validators
// check, in the shapes the seed docs do not have: required members, lists
// of lists, maps of values and of objects, and a pattern Go cannot compile.
const craftedSpec = `
openapi: 3.1.0
info: {title: crafted, version: "1"}
paths:
  /things:
    post:
      operationId: addThing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        "200": {description: OK}
components:
  schemas:
    Thing:
      type: object
      required: [name, tags, parts]
      properties:
        name: {type: string, minLength: 2, maxLength: 4}
        count: {type: integer, format: int32, minimum: 1, maximum: 10}
        kind: {type: string, enum: [a, b]}
        tags:
          type: array
          minItems: 1
          maxItems: 2
          items: {type: string, pattern: '^[a-z]+$'}
        grid:
          type: array
          items: {type: array, items: {type: integer, maximum: 9}}
        labels:
          type: object
          additionalProperties: {type: string, maxLength: 2}
        parts:
          type: object
          additionalProperties: {$ref: '#/components/schemas/Part'}
        amount: {type: string, format: decimal, pattern: '^-?[0-9]{1,3}(\.[0-9]{1,2})?$'}
        starts: {type: string, pattern: '^(?=a)a+$'}
    Part:
      type: object
      required: [id]
      properties:
        id: {type: string}
        size: {type: number, maximum: 5}
`

// craftedTest runs inside the generated package.
const craftedTest = `package crafted

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"
)

func validate(t *testing.T, doc string) error {
	t.Helper()
	var x Thing
	if err := json.Unmarshal([]byte(doc), &x); err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	return x.Validate()
}

func TestRules(t *testing.T) {
	const valid = ` + "`" + `{"name":"ab","count":"5","kind":"","tags":["x"],"grid":[[1,2],[9]],"labels":{"a":"ab"},"parts":{"p":{"id":"1","size":5}},"amount":"123.45","starts":"b"}` + "`" + `
	if err := validate(t, valid); err != nil {
		t.Fatalf("valid: %v", err)
	}
	var x Thing
	_ = json.Unmarshal([]byte(valid), &x)
	if n := testing.AllocsPerRun(100, func() { _ = x.Validate() }); n != 0 {
		t.Fatalf("Validate of a valid value allocates %v times", n)
	}

	tests := []struct{ doc, want string }{
		{` + "`{}`" + `, "name: required; tags: required; parts: required"},
		{` + "`" + `{"name":"a","tags":[],"parts":{}}` + "`" + `, "name: shorter than 2 characters; tags: fewer than 1 items"},
		{` + "`" + `{"name":"abcde","count":11,"kind":"c","tags":["x","Y","z"],"grid":[[1],[2,10]],"parts":{},"amount":"1234"}` + "`" + `,
			"name: longer than 4 characters; count: greater than 10; kind: not one of a, b; tags: more than 2 items; " +
				"tags[1]: does not match ^[a-z]+$; grid[1][1]: greater than 9; amount: too many digits"},
		{` + "`" + `{"name":"ab","count":0,"tags":["x"],"labels":{"a":"abc"},"parts":{"p":{"size":6}}}` + "`" + `,
			"count: less than 1; labels.a: longer than 2 characters; parts.p.id: required; parts.p.size: greater than 5"},
		// A map's member names are the request's: a path quotes them in part.
		{"{\"name\":\"ab\",\"tags\":[\"x\"],\"parts\":{},\"labels\":{\"" + strings.Repeat("k", 1000) + "\":\"abc\"}}",
			"labels." + strings.Repeat("k", 40) + "…: longer than 2 characters"},
	}
	for _, tt := range tests {
		err := validate(t, tt.doc)
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%s: got %v, want a *ValidationError", tt.doc, err)
			continue
		}
		// The plan decides the field order of a foreign spec; the set of
		// violations is what this test fixes.
		got := strings.Split(err.Error(), "; ")
		want := strings.Split(tt.want, "; ")
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, "; ") != strings.Join(want, "; ") {
			t.Errorf("%s:\n got %v\nwant %s", tt.doc, err, tt.want)
		}
	}
}
`

// TestCraftedValidators generates a package from craftedSpec, compiles it
// on its own (the generated code depends on the standard library only)
// and runs craftedTest in it.
func TestCraftedValidators(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a generated package")
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData([]byte(craftedSpec))
	if err != nil {
		t.Fatal(err)
	}
	// kin-openapi checks patterns with Go's regexp too; the lookahead is
	// valid ECMA-262, so that check is off here.
	if err := doc.Validate(context.Background(), openapi3.DisableSchemaPatternValidation()); err != nil {
		t.Fatal(err)
	}
	parts := map[generator.Part]bool{generator.PartTypes: true, generator.PartValidate: true}
	files, diags := generator.Generate(doc, generator.Options{Package: "crafted", Parts: parts, Source: "crafted.yaml"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var warned bool
	for _, d := range diags {
		warned = warned || d.Code == diag.Unsupported && strings.Contains(d.Message, "/starts/pattern") && strings.Contains(d.Message, "not checked")
	}
	if !warned {
		t.Errorf("no W021 for the lookahead pattern in %v", diags)
	}

	dir := t.TempDir()
	files["go.mod"] = []byte("module crafted\n\ngo 1.26\n")
	files["crafted_test.go"] = []byte(craftedTest)
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
