package spec_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// A table whose caption restates a parent's name (OrderInfo, then
// OrderItem for a List<OrderItem> row) holds that parent's fields.
func TestTableRestatingItsParent(t *testing.T) {
	doc := parser.ParseFile("../testdata/nesting/restated_parent.md", parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{Profile: "none"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	result := component(t, s, "OrderQueryResult")
	items := prop(t, result, "data", "items")
	if !items.Type.Is(openapi3.TypeArray) {
		t.Fatalf("items is %v, want an array", items.Type)
	}
	if qty := prop(t, items, "qty"); !qty.Type.Is(openapi3.TypeInteger) {
		t.Errorf("data.items[].qty is %v", qty.Type)
	}
	if result.Properties["sku"] != nil || result.Properties["id"] != nil {
		t.Errorf("captioned rows leaked to the top level: %v", oas.PropertyOrder(result))
	}
}
