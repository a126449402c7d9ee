package source

import (
	"context"
	"strings"
	"testing"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
)

// Answers with the shapes of thc75/torna's ShareController (share/get,
// share/menu: TreeDTO) and ShareConfigController view (DocInfoDTO with
// flat DocParamDTO lists), wrapped in Result {code, msg, data}.
var tornaPages = map[string]string{
	"/share/get?id=Ab3k": `{"code":"0","msg":"","data":{"id":"Ab3k","type":1,"password":"","status":1,"moduleId":"m1","isAll":1,"isShowDebug":1}}`,
	"/share/menu?id=Ab3k": `{"code":"0","msg":"","data":[
		{"id":"f_1","label":"订单","parentId":"","type":2,"apiCount":2},
		{"id":"D1","label":"查询订单","parentId":"f_1","type":3,"docType":0,"httpMethod":"GET","url":"/order/{orderId}","deprecated":"$false$"},
		{"id":"D2","label":"创建订单","parentId":"f_1","type":3,"docType":0,"httpMethod":"POST","url":"/order","deprecated":"$false$"},
		{"id":"D3","label":"说明","parentId":"","type":3,"docType":3}
	]}`,
	"/doc/share/view?docId=D1&shareConfigId=Ab3k": `{"code":"0","msg":"","data":{"id":"D1","name":"查询订单","description":"<p>按 id 查询</p>","type":0,"url":"/order/{orderId}","httpMethod":"GET","contentType":"",
		"isUseGlobalHeaders":1,"globalHeaders":[{"id":"g1","name":"token","type":"string","required":1,"example":"abc","description":"登录令牌"}],
		"pathParams":[{"id":"p1","parentId":"","name":"orderId","type":"long","required":1,"example":"42","description":"订单id"}],
		"headerParams":[],"queryParams":[{"id":"q1","parentId":"","name":"detail","type":"boolean","required":0,"example":"true","description":"含明细"}],
		"requestParams":[],
		"responseParams":[{"id":"r1","parentId":"","name":"code","type":"int","required":1,"example":"0","description":"状态"},
			{"id":"r2","parentId":"","name":"data","type":"object","required":1,"example":"","description":""},
			{"id":"r3","parentId":"r2","name":"amount","type":"double","required":1,"example":"9.5","description":"金额"}],
		"errorCodeParams":[]}}`,
	"/doc/share/view?docId=D2&shareConfigId=Ab3k": `{"code":"0","msg":"","data":{"id":"D2","name":"创建订单","description":"","type":0,"url":"/order","httpMethod":"POST","contentType":"application/json",
		"pathParams":[],"headerParams":[],"queryParams":[],
		"requestParams":[{"id":"b1","parentId":"","name":"items","type":"array","required":1,"example":"","description":"商品"},
			{"id":"b2","parentId":"b1","name":"sku","type":"string","required":1,"example":"A-1","description":"货号"},
			{"id":"b3","parentId":"b1","name":"count","type":"int","required":0,"example":"1","description":"数量"}],
		"responseParams":[],"errorCodeParams":[]}}`,
	"/doc/share/view?docId=D3&shareConfigId=Ab3k": `{"code":"0","msg":"","data":{"id":"D3","name":"说明","description":"# 说明","type":3}}`,
	"/":                  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Torna</title><link href="/static/css/app.css" rel="stylesheet"></head><body><div id="app"></div><script src="/static/js/app.js"></script></body></html>`,
	"/share/get?id=Pw9":  `{"code":"0","msg":"","data":{"id":"Pw9","type":2,"status":1}}`,
	"/share/get?id=Off1": `{"code":"100","msg":"链接已失效","data":null}`,
}

func TestTornaShare(t *testing.T) {
	srv, _ := serve(t, tornaPages)
	docs, diags, err := resolveWithDiags(t, srv.URL+"/#/share/Ab3k")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("want the 2 HTTP docs, got %d", len(docs))
	}
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "1 doc ") {
		t.Fatalf("the Markdown page is counted: %v", diags)
	}
	get := docs[0]
	if get.Tag != "订单" || get.Origin != srv.URL+"/#/share/Ab3k/D1" {
		t.Fatalf("doc: %q %q", get.Tag, get.Origin)
	}
	ep := get.Parsed.Endpoints[0]
	if ep.Method != "GET" || ep.URL != "/order/{orderId}" || ep.Title != "查询订单" || ep.Description != "按 id 查询" {
		t.Fatalf("endpoint: %+v", ep)
	}
	if len(ep.Request) != 3 {
		t.Fatalf("request tables (path, header, query): %d", len(ep.Request))
	}
	if f := ep.Request[0].Fields[0]; f.Name != "orderId" || f.In != "path" || f.Required != parser.RequiredYes || f.Type != "long" || f.Example != "42" {
		t.Fatalf("path: %+v", f)
	}
	if f := ep.Request[1].Fields[0]; f.Name != "token" || f.In != "header" {
		t.Fatalf("global header: %+v", f)
	}
	if f := ep.Request[2].Fields[0]; f.Name != "detail" || f.In != "query" || f.Required != parser.RequiredNo {
		t.Fatalf("query: %+v", f)
	}
	if f := ep.Response[0].Fields[2]; f.Name != "data.amount" || f.Type != "double" {
		t.Fatalf("nested response field: %+v", f)
	}
	post := docs[1].Parsed.Endpoints[0]
	if post.Method != "POST" || len(post.Request) != 1 || post.Request[0].Fields[1].Name != "items.sku" || post.Request[0].Fields[1].In != "body" || post.Request[0].Fields[2].Required != parser.RequiredNo {
		t.Fatalf("POST: %+v", post.Request)
	}

	one, err := resolve(t, srv.URL+"/#/share/Ab3k/D2", Options{})
	if err != nil || len(one) != 1 || one[0].Parsed.Endpoints[0].Method != "POST" || one[0].Tag != "订单" {
		t.Fatalf("one doc of a share: %v %+v", err, one)
	}
}

func TestTornaRefusals(t *testing.T) {
	srv, site := serve(t, tornaPages)
	_, err := resolve(t, srv.URL+"/#/share/Pw9", Options{})
	if err == nil || !strings.Contains(err.Error(), "password") || !strings.Contains(err.Error(), "export") {
		t.Fatalf("a share with a password: %v", err)
	}
	for _, a := range site.asked {
		if strings.Contains(a, "Pw9") && !strings.HasPrefix(a, "/share/get") {
			t.Fatalf("read past the password: %v", site.asked)
		}
	}
	_, err = resolve(t, srv.URL+"/#/share/Off1", Options{})
	if err == nil || !strings.Contains(err.Error(), "链接已失效") {
		t.Fatalf("a share that is off: %v", err)
	}
	_, err = resolve(t, srv.URL+"/#/view/D1", Options{})
	if err == nil || !strings.Contains(err.Error(), "login") {
		t.Fatalf("a /view/ page: %v", err)
	}
}

func resolveWithDiags(t *testing.T, rawURL string) ([]Doc, diag.List, error) {
	t.Helper()
	return Resolve(context.Background(), &fetch.Fetcher{}, rawURL, Options{})
}

// The documents build a spec: the path parameter, the global header and
// the body's array items where Torna's tree puts them.
func TestTornaBuildsSpec(t *testing.T) {
	srv, _ := serve(t, tornaPages)
	docs, err := resolve(t, srv.URL+"/#/share/Ab3k", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var parsed []*parser.Document
	for _, d := range docs {
		parsed = append(parsed, d.Parsed)
	}
	doc, diags := spec.Build(parsed, spec.Options{Profile: "none", Servers: []string{"https://api.example.com"}})
	get := doc.Paths.Find("/order/{orderId}")
	if get == nil || get.Get == nil {
		t.Fatalf("no GET /order/{orderId}: %v", diags)
	}
	ins := map[string]string{}
	for _, p := range get.Get.Parameters {
		ins[p.Value.Name] = p.Value.In
	}
	if ins["orderId"] != "path" || ins["token"] != "header" || ins["detail"] != "query" {
		t.Fatalf("parameters: %v", ins)
	}
	post := doc.Paths.Find("/order")
	if post == nil || post.Post == nil || post.Post.RequestBody == nil {
		t.Fatalf("no POST /order body: %v", diags)
	}
	for _, mt := range post.Post.RequestBody.Value.Content {
		items := mt.Schema.Value.Properties["items"]
		if items == nil || items.Value.Items == nil || items.Value.Items.Value.Properties["sku"] == nil {
			t.Fatalf("items: %+v", items)
		}
	}
}
