package oas

import (
	"reflect"
	"testing"
)

// Examples and extensions are data: an example's list under "items" is
// the doc's field, not the tuple form of a schema's items, and a property
// named "example" is a schema like any other.
func TestNormalizeLeavesData(t *testing.T) {
	src := `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /order:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                example:
                  type: array
                  items: [{type: string}]
            example:
              items: [{sku: S1}]
      responses:
        "200": {description: OK}
      x-data: {items: [1, 2]}
`
	doc, diags := LoadData("order.yaml", []byte(src))
	if doc == nil {
		t.Fatal(diags)
	}
	if len(diags) != 1 || diags[0].Pos.Line != 14 {
		t.Errorf("want one diagnostic, for the property's tuple items at line 14: %v", diags)
	}
	mt := doc.Paths.Value("/order").Post.RequestBody.Value.Content.Get("application/json")
	want := map[string]any{"items": []any{map[string]any{"sku": "S1"}}}
	if !reflect.DeepEqual(mt.Example, want) {
		t.Errorf("example %v, want %v", mt.Example, want)
	}
	if p := mt.Schema.Value.Properties["example"].Value; len(p.PrefixItems) != 1 {
		t.Errorf("the property named example: prefixItems %v", p.PrefixItems)
	}
}
