package oas

import (
	"os"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/diag"
)

// A Swagger 2.0 document loads as OpenAPI 3.0: servers from host,
// basePath and schemes, bodies and refs converted, the properties in the
// file's order, and what 3.0 cannot say reported.
func TestLoadSwagger2(t *testing.T) {
	data, err := os.ReadFile("../../testdata/swagger2/pets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := LoadData("pets.yaml", data)
	if doc == nil {
		t.Fatalf("not loaded: %v", diags)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Errorf("openapi %q, want 3.0.x", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "https://pets.example.com/api" {
		t.Errorf("servers %v", doc.Servers)
	}
	add := doc.Paths.Value("/pets").Post
	if add == nil || add.RequestBody == nil || add.RequestBody.Value.Content.Get("application/json").Schema.Ref != "#/components/schemas/Pet" {
		t.Fatalf("the body parameter did not become a request body of Pet")
	}
	pet := doc.Components.Schemas["Pet"].Value
	if got := strings.Join(PropertyOrder(pet), " "); got != "zname name age" {
		t.Errorf("Pet's properties in %q, want the file's order", got)
	}
	var converted, tsv bool
	for _, d := range diags {
		converted = converted || d.Code == diag.ConvertedSwagger2
		tsv = tsv || d.Code == diag.DroppedIn30 && strings.Contains(d.Message, `"tags" is tab-separated`)
	}
	if !converted || !tsv {
		t.Errorf("I008 %v, W036 for tsv %v: %v", converted, tsv, diags)
	}

	if _, diags := LoadData("old.yaml", []byte("swagger: \"1.2\"\npaths: {}\n")); !strings.Contains(diags[0].Message, `swagger version "1.2" is not 2.0`) {
		t.Errorf("Swagger 1.2: %v", diags)
	}
}

func TestIsSpec(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"swagger: \"2.0\"\ninfo: {title: t}\npaths: {}\n", true},
		{`{"openapi": "3.1.0", "info": {}, "paths": {}}`, true},
		{"openapi: 3.1.0\nwebhooks: {}\n", true},
		{"# 获取用户\n\nswagger: 一个文档工具\n", false},
		{"接口说明: openapi: 查询\n", false},
		{`{"code": 0, "data": {"openapi": "x"}}`, false},
		// PHP's json_encode escapes every slash; yaml.v3 refuses \/.
		{`{"openapi": "3.0.0", "info": {}, "paths": {"\/a\/b": {}}}`, true},
	} {
		if got := IsSpec([]byte(tt.src)); got != tt.want {
			t.Errorf("IsSpec(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}
