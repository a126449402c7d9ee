package source

import (
	"strings"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
)

// The data below has the shape apidoc writes (apidoc/apidoc
// test/markdown/fixtures/api_data.json, lib/core/parsers/api_param.js):
// three endpoints in two groups, an older version of one, and a
// doc-only entry of type "".
const apidocFixture = `[
  {"type": "get", "url": "/user/:id", "title": "Read data of a User", "name": "GetUser", "group": "User", "groupTitle": "User", "version": "0.3.0",
   "description": "<p>Compare version 0.3.0 with 0.2.0.</p>",
   "header": {"fields": {"Header": [{"group": "Header", "type": "String", "optional": false, "field": "Authorization", "description": "<p>Token.</p>"}]}},
   "parameter": {"fields": {"Parameter": [
     {"group": "Parameter", "type": "Number", "optional": false, "field": "id", "isArray": false, "description": "<p>The Users-ID.</p>"},
     {"group": "Parameter", "type": "String", "optional": true, "field": "fields", "isArray": false, "defaultValue": "all", "allowedValues": ["\"all\"", "\"name\""], "description": "<p>Fields &amp; more.</p>"}
   ]}},
   "success": {"fields": {"Success 200": [
     {"group": "Success 200", "type": "Number", "optional": false, "field": "id", "description": "<p>The Users-ID.</p>"},
     {"group": "Success 200", "type": "Object", "optional": false, "field": "profile", "description": "<p>Profile data</p>"},
     {"group": "Success 200", "type": "Number", "optional": false, "field": "profile.age", "description": "<p>Users age.</p>"}
   ]},
   "examples": [{"title": "Success-Response:", "content": "HTTP/1.1 200 OK\n{\n  \"id\": 4711,\n  \"profile\": {\"age\": 25}\n}", "type": "json"}]},
   "error": {"fields": {"Error 4xx": [{"group": "Error 4xx", "optional": false, "field": "UserNotFound", "description": "<p>The <code>id</code> of the User was not found.</p>"}]},
   "examples": [{"title": "Response (example):", "content": "HTTP/1.1 404 Not Found\n{\n  \"error\": \"UserNotFound\"\n}", "type": "json"}]}},
  {"type": "get", "url": "/user/:id", "title": "Read data of a User", "name": "GetUser", "group": "User", "groupTitle": "User", "version": "0.2.0",
   "parameter": {"fields": {"Parameter": [{"group": "Parameter", "type": "String", "optional": false, "field": "old"}]}}},
  {"type": "post", "url": "/user", "title": "Create a new User", "name": "PostUser", "group": "User", "groupTitle": "User", "version": "0.3.0",
   "parameter": {"fields": {"Parameter": [
     {"group": "Parameter", "type": "String", "optional": false, "field": "name", "description": "<p>Name of the User.</p>"},
     {"group": "Parameter", "type": "Object", "optional": true, "field": "address", "description": ""},
     {"group": "Parameter", "type": "String", "optional": true, "field": "address.city", "description": ""}
   ]},
   "examples": [{"title": "Request-Example:", "content": "{\n  \"name\": \"Ann\",\n  \"address\": {\"city\": \"Oslo\"}\n}", "type": "json"}]},
   "success": {"fields": {"Success 200": [{"group": "Success 200", "type": "Number", "optional": false, "field": "id", "description": "<p>The new Users-ID.</p>"}]}}},
  {"type": "delete", "url": "/orders/:orderId", "title": "Cancel an order", "name": "DeleteOrder", "group": "Order", "groupTitle": "Orders", "version": "1.0.0",
   "query": [{"group": "Query", "type": "Boolean", "optional": true, "field": "force", "description": "<p>Skip checks.</p>"}]},
  {"type": "", "url": "", "version": "0.0.0", "group": "_apidoc", "name": "", "filename": "example/_apidoc.js"}
]`

const apidocIndexOld = `<!DOCTYPE html>
<html><head><title>Loading...</title><script src="vendor/polyfill.js"></script></head>
<body><script id="template-sidenav" type="text/x-handlebars-template"></script>
<script data-main="main.js" src="vendor/require.min.js"></script></body></html>`

func TestApidocSite(t *testing.T) {
	srv, site := serve(t, map[string]string{
		"/docs/index.html":    apidocIndexOld,
		"/docs/api_data.json": apidocFixture,
	})
	docs, err := resolve(t, srv.URL+"/docs/index.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("want 2 docs (one per group), got %d", len(docs))
	}
	user, orders := docs[0], docs[1]
	if user.Tag != "User" || orders.Tag != "Orders" || !strings.HasSuffix(user.Origin, "/docs/api_data.json#User") {
		t.Fatalf("groups: %q %q %q", user.Tag, orders.Tag, user.Origin)
	}
	if user.Parsed == nil || len(user.Parsed.Endpoints) != 2 {
		t.Fatalf("User: %+v", user.Parsed)
	}
	get := user.Parsed.Endpoints[0]
	if get.Method != "GET" || get.URL != "/user/{id}" || get.Group != "User" || get.Description != "Compare version 0.3.0 with 0.2.0." {
		t.Fatalf("GET /user/:id: %+v", get)
	}
	if len(get.Request) != 2 {
		t.Fatalf("request tables (header, parameters): %d", len(get.Request))
	}
	hdr, params := get.Request[0], get.Request[1]
	if f := hdr.Fields[0]; f.Name != "Authorization" || f.In != "header" || f.Required != parser.RequiredYes {
		t.Fatalf("header: %+v", f)
	}
	if f := params.Fields[0]; f.Name != "id" || f.In != "path" || f.Type != "Number" || f.Required != parser.RequiredYes {
		t.Fatalf("id: %+v", f)
	}
	if f := params.Fields[1]; f.Name != "fields" || f.In != "query" || f.Required != parser.RequiredNo || f.Default != "all" || f.Description != `Fields & more. Allowed values: "all", "name"` {
		t.Fatalf("fields: %+v", f)
	}
	if len(get.Response) != 1 || len(get.Response[0].Fields) != 3 || get.Response[0].Fields[2].Name != "profile.age" {
		t.Fatalf("response: %+v", get.Response)
	}
	if get.ResponseExample == nil || get.ResponseExample.Value == nil || strings.Contains(get.ResponseExample.Text, "HTTP/1.1") {
		t.Fatalf("response example: %+v", get.ResponseExample)
	}
	if len(get.ErrorTables) != 1 || len(get.ErrorExamples) != 1 || get.ErrorExamples[0].Value == nil {
		t.Fatalf("errors: %+v %+v", get.ErrorTables, get.ErrorExamples)
	}

	post := user.Parsed.Endpoints[1]
	if post.Method != "POST" || post.URL != "/user" || len(post.Request) != 1 {
		t.Fatalf("POST /user: %+v", post)
	}
	if f := post.Request[0].Fields[2]; f.Name != "address.city" || f.In != "body" || f.Required != parser.RequiredNo {
		t.Fatalf("address.city: %+v", f)
	}
	if post.RequestExample == nil || post.RequestExample.Value == nil {
		t.Fatalf("request example: %+v", post.RequestExample)
	}

	del := orders.Parsed.Endpoints[0]
	if del.Method != "DELETE" || del.URL != "/orders/{orderId}" || del.Group != "Orders" {
		t.Fatalf("DELETE: %+v", del)
	}
	if f := del.Request[0].Fields[0]; f.Name != "force" || f.In != "query" || f.Type != "Boolean" {
		t.Fatalf("force: %+v", f)
	}
	for _, a := range site.asked {
		if strings.Contains(a, "api_data.js") && !strings.Contains(a, ".json") {
			t.Fatalf("asked for api_data.js though api_data.json answered: %v", site.asked)
		}
	}
}

func TestApidocDataJSAndDirectURL(t *testing.T) {
	srv, _ := serve(t, map[string]string{
		"/index.html":        apidocIndexOld,
		"/api_data.js":       "define({ \"api\": " + apidocFixture + " });\n",
		"/raw/api_data.json": apidocFixture,
	})
	docs, err := resolve(t, srv.URL+"/index.html", Options{})
	if err != nil || len(docs) != 2 || !strings.HasSuffix(docs[0].Origin, "/api_data.js#User") {
		t.Fatalf("api_data.js: %v, %+v", err, docs)
	}
	docs, err = resolve(t, srv.URL+"/raw/api_data.json", Options{})
	if err != nil || len(docs) != 2 || len(docs[0].Parsed.Endpoints) != 2 {
		t.Fatalf("api_data.json itself: %v, %+v", err, docs)
	}
}

func TestApidocWithoutData(t *testing.T) {
	// apidoc 1.x: the data is inside assets/main.bundle.js.
	srv, _ := serve(t, map[string]string{
		"/doc/index.html": `<!DOCTYPE html><html><head><title>My API</title></head><body class="container-fluid">
<script id="template-sidenav" type="text/x-handlebars-template"></script>
<script src="assets/main.bundle.js?v=1"></script></body></html>`,
	})
	_, err := resolve(t, srv.URL+"/doc/index.html", Options{})
	if err == nil || !strings.Contains(err.Error(), "api_data.json") || !strings.Contains(err.Error(), "assets/api-data.json") || !strings.Contains(err.Error(), "--write-json") {
		t.Fatalf("no data file: %v", err)
	}
}

func TestApidocDoesNotClaimOtherPages(t *testing.T) {
	srv, _ := serve(t, map[string]string{
		"/page.html": `<html><body><h1>获取用户</h1><p>请求方式: GET /v1/user</p><script>apidoc()</script></body></html>`,
	})
	docs, err := resolve(t, srv.URL+"/page.html", Options{})
	if err != nil || len(docs) != 1 || docs[0].Parsed != nil {
		t.Fatalf("a plain page: %v, %+v", err, docs)
	}
}

// The documents build a spec: paths with their parameters where apidoc
// put them, and the nested body field under its parent.
func TestApidocBuildsSpec(t *testing.T) {
	srv, _ := serve(t, map[string]string{"/api_data.json": apidocFixture})
	docs, err := resolve(t, srv.URL+"/api_data.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*parser.Document
	for _, d := range docs {
		parsed = append(parsed, d.Parsed)
	}
	doc, diags := spec.Build(parsed, spec.Options{Profile: "none", Servers: []string{"https://api.example.com"}})
	if doc == nil {
		t.Fatalf("no spec: %v", diags)
	}
	get := doc.Paths.Find("/user/{id}")
	if get == nil || get.Get == nil {
		t.Fatalf("no GET /user/{id}: %v", diags)
	}
	ins := map[string]string{}
	for _, p := range get.Get.Parameters {
		ins[p.Value.Name] = p.Value.In
	}
	if ins["id"] != "path" || ins["fields"] != "query" || ins["Authorization"] != "header" {
		t.Fatalf("parameters: %v", ins)
	}
	post := doc.Paths.Find("/user")
	if post == nil || post.Post == nil || post.Post.RequestBody == nil {
		t.Fatalf("no POST /user body: %v", diags)
	}
	body := post.Post.RequestBody.Value.Content.Get("application/json")
	if body == nil || body.Schema.Value.Properties["address"] == nil || body.Schema.Value.Properties["address"].Value.Properties["city"] == nil {
		t.Fatalf("body schema: %+v", body)
	}
	if del := doc.Paths.Find("/orders/{orderId}"); del == nil || del.Delete == nil {
		t.Fatalf("no DELETE /orders/{orderId}")
	}
}
