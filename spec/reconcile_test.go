package spec_test

import (
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

func buildSeed(t *testing.T, name string) (*openapi3.T, diag.List) {
	t.Helper()
	doc := parser.ParseFile("../testdata/seeds/"+name, parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	if diags.HasErrors() {
		t.Fatalf("errors: %v", diags)
	}
	return s, diags
}

// prop follows a property path through objects and array items.
func prop(t *testing.T, s *openapi3.Schema, path ...string) *openapi3.Schema {
	t.Helper()
	for _, p := range path {
		if s.Items != nil {
			s = s.Items.Value
		}
		r := s.Properties[p]
		if r == nil {
			t.Fatalf("no property %q (have %v)", p, oas.PropertyOrder(s))
		}
		s = r.Value
	}
	return s
}

func component(t *testing.T, s *openapi3.T, name string) *openapi3.Schema {
	t.Helper()
	r := s.Components.Schemas[name]
	if r == nil || r.Value == nil {
		t.Fatalf("no component %s", name)
	}
	return r.Value
}

func hasDiag(diags diag.List, code diag.Code, line int) bool {
	for _, d := range diags {
		if d.Code == code && d.Pos.Line == line && len(d.Related) > 0 {
			return true
		}
	}
	return false
}

// The examples decide the wire shape where the tables are wrong, and each
// disagreement is reported with both positions.
func TestReconcileSeedQuirks(t *testing.T) {
	s, diags := buildSeed(t, "001_0fff4a18e5a0f8bc.txt")

	// cmList.extColumns.dimName: the example sends dimName inside cmList[].dimColumns[].
	cm := prop(t, component(t, s, "AddEntranceActivityRequest"), "cmList")
	dim := prop(t, cm, "dimColumns")
	if !dim.Type.Is(openapi3.TypeArray) || dim.Items.Value.Properties["dimName"] == nil {
		t.Errorf("dimName was not moved under cmList[].dimColumns[]: %v", oas.PropertyOrder(dim.Items.Value))
	}
	if prop(t, cm, "extColumns").Items.Value.Properties["dimName"] != nil {
		t.Error("dimName is still under extColumns")
	}
	if !hasDiag(diags, diag.MovedRow, 2224) {
		t.Error("no W010 with both positions for cmList.extColumns.dimName (line 2224)")
	}

	// "pdNum": 1.8 where the table says VARCHAR(100): both are accepted, text first.
	pd := prop(t, component(t, s, "AddSaleInfoRequest"), "pdNum")
	if got := *pd.Type; !slices.Equal(got, openapi3.Types{"string", "number"}) {
		t.Errorf("pdNum types = %v", got)
	}
	if !hasDiag(diags, diag.WireTypeConflict, 1595) {
		t.Error("no W009 for pdNum's number example (line 1595)")
	}

	// cash_mode is declared twice in 付费陈列方案新增: one field, a warning.
	if !hasDiag(diags, diag.RepeatedField, 70) {
		t.Error("no W004 for the repeated cash_mode row (line 70)")
	}
}

// return_code is sent as "0" and as 0: the envelope accepts both.
func TestEnvelopeCodeTypes(t *testing.T) {
	s, _ := buildSeed(t, "000_cfc759fbbf88bb66.txt")
	code := prop(t, component(t, s, "AddCustomerAmountExtResponse"), "return_code")
	if !slices.Equal(*code.Type, openapi3.Types{"string", "integer"}) {
		t.Errorf("return_code types = %v", *code.Type)
	}
	data := prop(t, component(t, s, "QueryCustomerAmountExtResponse"), "response_data")
	if data.ContentMediaType != "application/json" || data.ContentSchema == nil {
		t.Fatal("response_data is not JSON carried in a string with a contentSchema")
	}
	id := prop(t, component(t, s, "QueryCustomerAmountExtResult"), "id")
	if !slices.Equal(*id.Type, openapi3.Types{"string", "integer"}) || id.Format != "int64" || id.Extensions[oas.ExtDocType] != "INT8" {
		t.Errorf("id = %v %s %v", *id.Type, id.Format, id.Extensions)
	}
	amount := prop(t, component(t, s, "QueryCustomerAmountExtResult"), "cm_credit")
	if !slices.Equal(*amount.Type, openapi3.Types{"string", "number"}) || amount.Format != "decimal" {
		t.Errorf("cm_credit = %v %s", *amount.Type, amount.Format)
	}
}

// Objects several operations describe identically become one component,
// named after their field; the operations refer to it.
func TestIdenticalObjectsAreShared(t *testing.T) {
	s, _ := buildSeed(t, "001_0fff4a18e5a0f8bc.txt")
	component(t, s, "ExtColumnsItem")
	refs := 0
	for _, name := range []string{"AddApCpActivityRequest", "AddFeastActivityRequest"} {
		if r := component(t, s, name).Properties["extColumns"]; r != nil && r.Value.Items != nil && r.Value.Items.Ref == "#/components/schemas/ExtColumnsItem" {
			refs++
		}
	}
	if refs != 2 {
		t.Errorf("%d of 2 operations refer to the shared ExtColumnsItem", refs)
	}
}
