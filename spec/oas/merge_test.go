package oas

import (
	"github.com/getkin/kin-openapi/openapi3"

	"testing"

	"github.com/apigen/apigen/parser/diag"
)

func TestMergeGroups(t *testing.T) {
	load := func(src string) *openapi3.T {
		doc, diags := LoadData("g.json", []byte(src))
		if doc == nil {
			t.Fatal(diags)
		}
		return doc
	}
	user := load(`{"openapi":"3.0.1","info":{"title":"svc","version":"1"},"tags":[{"name":"user"}],
"paths":{"/user":{"get":{"operationId":"getUser","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/R"}}}}}}}},
"components":{"schemas":{"R":{"type":"object","properties":{"code":{"type":"integer"}}},"User":{"type":"object"}}}}`)
	order := load(`{"openapi":"3.0.1","info":{"title":"svc","version":"1"},"tags":[{"name":"order"}],
"paths":{"/order":{"get":{"operationId":"getOrder","responses":{"200":{"description":"ok"}}}},
"/user":{"get":{"operationId":"getUserAgain","responses":{"200":{"description":"other"}}},"post":{"operationId":"addUser","responses":{"200":{"description":"ok"}}}}},
"components":{"schemas":{"R":{"type":"object","properties":{"code":{"type":"integer"}}},"User":{"type":"string"},"Order":{"type":"object"}}}}`)
	merged, diags := Merge([]*openapi3.T{user, order}, []string{"user.json", "order.json"})
	for _, want := range []string{"/user", "/order"} {
		if merged.Paths.Value(want) == nil {
			t.Errorf("no %s", want)
		}
	}
	if merged.Paths.Value("/user").Get.OperationID != "getUser" || merged.Paths.Value("/user").Post == nil {
		t.Errorf("/user: the first group's GET and the second's POST")
	}
	if merged.Components.Schemas["Order"] == nil || merged.Tags.Get("order") == nil {
		t.Errorf("the second group's schema or tag is missing")
	}
	var conflicts []string
	for _, d := range diags {
		if d.Code == diag.GroupConflict {
			conflicts = append(conflicts, d.Message)
		}
	}
	if len(conflicts) != 2 {
		t.Errorf("want 2 W040 (GET /user, schema User), got %q", conflicts)
	}
}
