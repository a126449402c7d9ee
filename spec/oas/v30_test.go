package oas

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/parser/diag"
)

// TestTo30Schemas converts one schema at a time: each case is a 3.1
// schema, the 3.0 schema it becomes, and the codes of the diagnostics.
func TestTo30Schemas(t *testing.T) {
	tests := []struct {
		name  string
		in    string // the schema, 3.1
		want  string // the schema, 3.0
		codes []diag.Code
	}{
		{"null among the types is nullable",
			`{type: [string, "null"], maxLength: 4}`,
			`{type: string, nullable: true, maxLength: 4}`, nil},
		{"null alone",
			`{type: ["null"]}`,
			`{nullable: true, enum: [null]}`, nil},
		{"a one-type list is the type",
			`{type: [integer]}`,
			`{type: integer}`, nil},
		{"several types are anyOf, each keyword with its type",
			`{type: [string, integer], format: int64, pattern: "^-?[0-9]+$", maximum: 9, description: id, x-apigen-doc-type: int8}`,
			`{anyOf: [{type: string, pattern: "^-?[0-9]+$"}, {type: integer, format: int64, maximum: 9}], description: id, x-apigen-doc-type: int8}`, nil},
		{"a format of no numeric type goes with the string",
			`{type: [string, number], format: decimal, maxLength: 20}`,
			`{anyOf: [{type: string, format: decimal, maxLength: 20}, {type: number}]}`, nil},
		{"null among several types makes every member nullable",
			`{type: [integer, string, "null"]}`,
			`{anyOf: [{type: integer, nullable: true}, {type: string, nullable: true}]}`, nil},
		{"the enum is split by type",
			`{type: [string, integer], enum: ["0", 0, "1"]}`,
			`{anyOf: [{type: string, enum: ["0", "1"]}, {type: integer, enum: [0]}]}`, nil},
		{"an enum of one type leaves that type",
			`{type: [string, integer], enum: [a, b]}`,
			`{type: string, enum: [a, b]}`, nil},
		{"the default goes with the member of its type",
			`{type: [string, integer], default: 1, format: int32}`,
			`{anyOf: [{type: string}, {type: integer, format: int32, default: 1}]}`, nil},
		{"objects and arrays keep their keywords in their member",
			`{type: [object, array], properties: {a: {type: string}}, required: [a], items: {type: integer}, minItems: 1}`,
			`{anyOf: [{type: object, required: [a], properties: {a: {type: string}}}, {type: array, items: {type: integer}, minItems: 1}]}`, nil},
		{"an array is given the items 3.0 requires",
			`{type: [array, "null"]}`,
			`{type: array, nullable: true, items: {}}`, nil},
		{"const is a one-value enum",
			`{type: string, const: fixed}`,
			`{type: string, enum: [fixed]}`, nil},
		{"the first of the examples is the example",
			`{type: string, examples: [a, b]}`,
			`{type: string, example: a}`, []diag.Code{diag.MappedIn30}},
		{"one example is mapped without a note",
			`{type: string, examples: [a]}`,
			`{type: string, example: a}`, nil},
		{"a numeric exclusiveMinimum is a minimum, exclusive",
			`{type: number, exclusiveMinimum: 3, exclusiveMaximum: 9}`,
			`{type: number, minimum: 3, maximum: 9, exclusiveMinimum: true, exclusiveMaximum: true}`, nil},
		{"a tighter inclusive bound wins",
			`{type: number, minimum: 5, exclusiveMinimum: 3}`,
			`{type: number, minimum: 5}`, nil},
		{"boolean schemas",
			`{type: object, properties: {yes: true, no: false}}`,
			`{type: object, properties: {yes: {}, no: {not: {}}}}`, nil},
		{"JSON in a string keeps its schema in an extension",
			`{type: [string, "null"], contentMediaType: application/json, contentSchema: {type: array, items: {type: string}}}`,
			`{type: string, nullable: true, description: "Carries application/json text; x-apigen-content-schema gives its schema.",
			  x-apigen-content-media-type: application/json, x-apigen-content-schema: {type: array, items: {type: string}}}`,
			[]diag.Code{diag.MappedIn30}},
		{"a media type alone is said in the description",
			`{type: string, description: Raw., contentMediaType: text/csv}`,
			`{type: string, description: "Raw.\n\nCarries text/csv text.", x-apigen-content-media-type: text/csv}`, nil},
		{"base64 is format byte",
			`{type: string, contentEncoding: base64}`,
			`{type: string, format: byte}`, nil},
		{"another encoding is dropped",
			`{type: string, contentEncoding: base32}`,
			`{type: string}`, []diag.Code{diag.DroppedIn30}},
		{"keywords 3.0 lacks are dropped, each with a warning",
			`{type: array, prefixItems: [{type: string}], items: {type: string}, $comment: why}`,
			`{type: array, items: {type: string}}`, []diag.Code{diag.DroppedIn30}},
		{"conditionals are dropped",
			`{type: object, if: {required: [a]}, then: {required: [b]}, else: {required: [c]}}`,
			`{type: object}`, []diag.Code{diag.DroppedIn30, diag.DroppedIn30, diag.DroppedIn30}},
		{"a property's Go name is repeated for ogen",
			`{type: object, properties: {license_no: {type: string}, _license_no: {type: string, x-go-name: LicenseNo2}}}`,
			`{type: object, properties: {license_no: {type: string}, _license_no: {type: string, x-go-name: LicenseNo2}},
			  x-ogen-properties: {_license_no: {name: LicenseNo2}}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := loadSpec(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: "+tt.in+"\n")
			out, diags := To30(in, "in.yaml")
			if out == nil {
				t.Fatalf("no spec: %v", diags)
			}
			got := written(t, out)["components"].(map[string]any)["schemas"].(map[string]any)["S"]
			var want any
			if err := yaml.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := yaml.Marshal(got)
				w, _ := yaml.Marshal(want)
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
			var codes []diag.Code
			for _, d := range diags {
				codes = append(codes, d.Code)
				if !strings.HasPrefix(d.Message, "#/") || d.Pos.File != "in.yaml" {
					t.Errorf("diagnostic without its file or JSON pointer: %s", d)
				}
			}
			if !reflect.DeepEqual(codes, tt.codes) {
				t.Errorf("codes %v, want %v: %v", codes, tt.codes, diags)
			}
			if err := out.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
				t.Errorf("not valid OpenAPI 3.0: %v", err)
			}
		})
	}
}

// TestTo30Document covers what lies outside the schemas: the version,
// webhooks, info, the examples' key order, and the input left as it was.
func TestTo30Document(t *testing.T) {
	in := loadSpec(t, `openapi: 3.1.0
jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
info: {title: t, version: '1', summary: Short., description: Long., license: {name: MIT, identifier: MIT}}
paths:
  /a:
    post:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: [string, integer]}
webhooks:
  payNotify:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {z: {type: [string, "null"]}, a: {type: string}}}
      responses:
        "200": {description: OK}
`)
	op := in.Paths.Value("/a").Post
	op.Responses.Value("200").Value.Content["application/json"].Example = json.RawMessage(`{"z":1,"a":2}`)
	out, diags := To30(in, "in.yaml")
	if out == nil {
		t.Fatalf("no spec: %v", diags)
	}
	var b bytes.Buffer
	if err := Write(&b, out, "yaml"); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"openapi: 3.0.3\n",
		"description: |-\n    Short.\n\n    Long.\n",
		"url: https://spdx.org/licenses/MIT.html\n",
		"example:\n                z: 1\n                a: 2\n", // the doc's key order, not sorted
		"x-webhooks:\n  payNotify:\n    post:\n",
		"properties:\n                z:\n                  type: string\n                  nullable: true\n", // converted inside, properties in order
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the 3.0 spec lacks %q:\n%s", want, text)
		}
	}
	for _, gone := range []string{"jsonSchemaDialect", "summary:", "identifier:", "\nwebhooks:", "x-apigen-order"} {
		if strings.Contains(text, gone) {
			t.Errorf("the 3.0 spec still has %q", gone)
		}
	}
	var codes []diag.Code
	for _, d := range diags {
		codes = append(codes, d.Code)
	}
	if want := []diag.Code{diag.DroppedIn30, diag.MappedIn30}; !reflect.DeepEqual(codes, want) {
		t.Errorf("codes %v, want %v: %v", codes, want, diags)
	}
	if err := out.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Errorf("not valid OpenAPI 3.0: %v", err)
	}
	// The 3.1 spec is untouched.
	if in.OpenAPI != "3.1.0" || in.Webhooks == nil || in.Info.Summary == "" ||
		!op.Responses.Value("200").Value.Content["application/json"].Schema.Value.Type.Includes("integer") {
		t.Error("To30 changed its input")
	}
}

// TestTo30Seeds converts the golden specs of the seed docs and of the
// layout docs, which hold every construct the spec builder writes, and
// checks them with kin-openapi's 3.0 rules.
func TestTo30Seeds(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/golden/00*.yaml")
	layouts, _ := filepath.Glob("../../testdata/golden/layouts/*/*.yaml")
	inference, _ := filepath.Glob("../../testdata/inference/*.golden.yaml")
	paths = append(append(paths, layouts...), inference...)
	if len(paths) < 10 {
		t.Fatalf("only %d golden specs", len(paths))
	}
	for _, p := range paths {
		t.Run(strings.TrimPrefix(p, "../../testdata/"), func(t *testing.T) {
			in, diags := Load(p)
			if in == nil {
				t.Fatal(diags)
			}
			out, diags := To30(in, filepath.Base(p))
			if out == nil {
				t.Fatal(diags)
			}
			for _, d := range diags {
				if d.Severity != diag.Info {
					t.Errorf("the builder's constructs convert without loss, but: %s", d)
				}
			}
			var b bytes.Buffer
			if err := Write(&b, out, "yaml"); err != nil {
				t.Fatal(err)
			}
			back, diags := LoadData("v30.yaml", b.Bytes())
			if back == nil {
				t.Fatal(diags)
			}
			if err := back.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
				t.Errorf("not valid OpenAPI 3.0: %v", err)
			}
			for _, no := range []string{"\n    type:\n      - ", "contentSchema:", "examples:\n              - ", "const:"} {
				if strings.Contains(b.String(), no) {
					t.Errorf("a 3.1 construct is left: %q", no)
				}
			}
		})
	}
}

func loadSpec(t *testing.T, src string) *openapi3.T {
	t.Helper()
	doc, diags := LoadData("in.yaml", []byte(src))
	if doc == nil {
		t.Fatalf("%v\n%s", diags, src)
	}
	return doc
}

// written is the spec as Write puts it, read back as plain data.
func written(t *testing.T, doc *openapi3.T) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, doc, "yaml"); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := yaml.Unmarshal(b.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	return m
}
