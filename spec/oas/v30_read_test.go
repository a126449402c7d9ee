package oas

import (
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestRead30 reads 3.0 schemas back: each case is a schema of a 3.0 spec
// and the schema Read30 makes of it.
func TestRead30(t *testing.T) {
	tests := []struct {
		name     string
		in, want string
	}{
		{"one-type members are a type list",
			`{anyOf: [{type: string, pattern: "^[0-9]+$"}, {type: integer, format: int64, maximum: 9}], description: id}`,
			`{type: [string, integer], format: int64, pattern: "^[0-9]+$", maximum: 9, description: id}`},
		{"a nullable member makes null one of the types",
			`{anyOf: [{type: integer, nullable: true}, {type: string, nullable: true}]}`,
			`{type: [integer, string, "null"]}`},
		{"enums on every member are one enum, defaults one default",
			`{anyOf: [{type: string, enum: ["0", "1"]}, {type: integer, enum: [0], default: 0}]}`,
			`{type: [string, integer], enum: ["0", "1", 0], default: 0}`},
		{"nullable is null among the types",
			`{type: string, nullable: true}`,
			`{type: [string, "null"]}`},
		{"an enum on some members only stays an anyOf",
			`{anyOf: [{type: string, enum: [a]}, {type: integer}]}`,
			`{anyOf: [{type: string, enum: [a]}, {type: integer}]}`},
		{"a member that says more stays an anyOf",
			`{anyOf: [{type: string, description: text}, {type: integer}]}`,
			`{anyOf: [{type: string, description: text}, {type: integer}]}`},
		{"a reference stays an anyOf",
			`{anyOf: [{$ref: "#/components/schemas/T"}, {type: integer}]}`,
			`{anyOf: [{$ref: "#/components/schemas/T"}, {type: integer}]}`},
		{"two members of one type stay an anyOf",
			`{anyOf: [{type: string, maxLength: 2}, {type: string, pattern: a}]}`,
			`{anyOf: [{type: string, maxLength: 2}, {type: string, pattern: a}]}`},
		{"JSON in a string has its content schema back",
			`{type: string, description: "Data.\n\nCarries application/json text; x-apigen-content-schema gives its schema.",
			  x-apigen-content-media-type: application/json, x-apigen-content-schema: {type: array, items: {$ref: "#/components/schemas/T"}}}`,
			`{type: string, description: Data., contentMediaType: application/json, contentSchema: {type: array, items: {$ref: "#/components/schemas/T"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loadSpec(t, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    T: {type: object}\n    S: "+tt.in+"\n")
			if err := Read30(doc); err != nil {
				t.Fatal(err)
			}
			got := written(t, doc)["components"].(map[string]any)["schemas"].(map[string]any)["S"]
			var want any
			if err := yaml.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := yaml.Marshal(got)
				w, _ := yaml.Marshal(want)
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
	// The content schema's reference is resolved, as loading resolves
	// every other.
	doc := loadSpec(t, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    T: {type: object}\n    S: {type: string, x-apigen-content-schema: {$ref: '#/components/schemas/T'}}\n")
	if err := Read30(doc); err != nil {
		t.Fatal(err)
	}
	if cs := doc.Components.Schemas["S"].Value.ContentSchema; cs == nil || cs.Value != doc.Components.Schemas["T"].Value {
		t.Errorf("contentSchema %+v does not reach T", cs)
	}
}

// Webhooks come back from x-webhooks; a 3.1 spec is left alone.
func TestRead30Document(t *testing.T) {
	doc := loadSpec(t, `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
x-webhooks:
  payNotify:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: string, nullable: true}
      responses:
        "200": {description: OK}
`)
	if err := Read30(doc); err != nil {
		t.Fatal(err)
	}
	hook := doc.Webhooks["payNotify"]
	if hook == nil || hook.Post == nil || doc.Extensions[ExtWebhooks] != nil {
		t.Fatalf("webhooks %v, extensions %v", doc.Webhooks, doc.Extensions)
	}
	if s := hook.Post.RequestBody.Value.Content["application/json"].Schema.Value; !s.Type.Includes("null") {
		t.Errorf("the webhook's schemas are not read: %v", s.Type)
	}

	v31 := loadSpec(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: {anyOf: [{type: string}, {type: integer}]}\n")
	if err := Read30(v31); err != nil {
		t.Fatal(err)
	}
	if v31.Components.Schemas["S"].Value.AnyOf == nil {
		t.Error("Read30 changed a 3.1 spec")
	}
}
