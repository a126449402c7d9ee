package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
)

const yapiToken = "s3cr3t+tok/en=="

// yapiInterfaces are the project's interfaces as /api/interface/get
// answers them (server/models/interface.js).
var yapiInterfaces = map[int]string{
	11: `{"_id":11,"project_id":7,"catid":101,"title":"Get user","path":"/user/:id","method":"GET","status":"done",
"req_params":[{"_id":"a1","name":"id","desc":"user id","example":"42"}],
"req_query":[{"_id":"a2","name":"fields","required":"0","desc":"fields to return","example":"name"}],
"req_headers":[{"_id":"a3","name":"X-Trace","required":"1","value":"","desc":"trace id"},{"name":"Content-Type","value":"application/json","required":"1"}],
"req_body_type":"json","req_body_is_json_schema":true,"req_body_other":"",
"res_body_type":"json","res_body_is_json_schema":true,
"res_body":"{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\",\"properties\":{\"errcode\":{\"type\":\"number\"},\"data\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"user name\"}}}},\"required\":[\"errcode\"]}",
"markdown":"Reads one user.","desc":"<p>Reads one user.</p>","username":"admin"}`,
	12: `{"_id":12,"project_id":7,"catid":101,"title":"Create user","path":"/user","method":"POST",
"req_params":[],"req_query":[],"req_headers":[{"name":"Content-Type","value":"application/json","required":"1"}],
"req_body_type":"json","req_body_is_json_schema":true,
"req_body_other":"{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}},\"required\":[\"name\"]}",
"res_body_type":"json","res_body_is_json_schema":false,"res_body":"{\"errcode\":0,\"data\":{\"id\":1}}"}`,
	21: `{"_id":21,"project_id":7,"catid":102,"title":"Upload avatar","path":"/avatar","method":"POST",
"req_params":[],"req_query":[],"req_headers":[],
"req_body_type":"form","req_body_form":[{"name":"uid","type":"text","required":"1","desc":"user id","example":"42"},{"name":"img","type":"file","required":"1","desc":"the picture"}],
"res_body_type":"json","res_body_is_json_schema":false,"res_body":"{\"errcode\":0}"}`,
}

var yapiCats = map[int][]int{101: {11, 12}, 102: {21}}

// fakeYApi answers like server/router.js and the controllers: the
// errcode envelope, errcode 40011 without a valid token.
type fakeYApi struct {
	exportPlugin bool
	fail500      bool
	requests     []string
}

func (f *fakeYApi) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	f.requests = append(f.requests, req.URL.Path)
	q := req.URL.Query()
	reply := func(data any) {
		json.NewEncoder(w).Encode(map[string]any{"errcode": 0, "errmsg": "成功！", "data": data})
	}
	if f.fail500 {
		http.Error(w, "boom", http.StatusInternalServerError)
		return
	}
	if q.Get("token") != yapiToken {
		fmt.Fprint(w, `{"errcode":40011,"errmsg":"请登录...","data":null}`)
		return
	}
	switch req.URL.Path {
	case "/api/interface/get":
		id, _ := strconv.Atoi(q.Get("id"))
		it, ok := yapiInterfaces[id]
		if !ok {
			fmt.Fprint(w, `{"errcode":490,"errmsg":"不存在的","data":null}`)
			return
		}
		fmt.Fprintf(w, `{"errcode":0,"errmsg":"成功！","data":%s}`, it)
	case "/api/interface/list_cat", "/api/interface/list":
		var ids []int
		if req.URL.Path == "/api/interface/list" {
			ids = append(append(ids, yapiCats[101]...), yapiCats[102]...)
		} else {
			cat, _ := strconv.Atoi(q.Get("catid"))
			ids = yapiCats[cat]
		}
		page, _ := strconv.Atoi(q.Get("page"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		var list []map[string]any
		for i, id := range ids {
			if i >= (page-1)*limit && i < page*limit {
				list = append(list, map[string]any{"_id": id, "title": "t", "path": "/p", "method": "GET", "project_id": 7})
			}
		}
		reply(map[string]any{"count": len(ids), "total": (len(ids) + limit - 1) / limit, "list": list})
	case "/api/project/get":
		reply(map[string]any{"_id": 7, "name": "Users", "basepath": "/api/v1", "desc": "user service", "project_type": "private"})
	case "/api/interface/getCatMenu":
		reply([]map[string]any{{"_id": 101, "name": "Users", "project_id": 7}, {"_id": 102, "name": "Files", "project_id": 7}})
	case "/api/plugin/exportSwagger":
		if !f.exportPlugin {
			http.NotFound(w, req)
			return
		}
		if q.Get("type") != "OpenAPIV2" {
			fmt.Fprint(w, `{"errcode":400,"errmsg":"type 无效参数","data":null}`)
			return
		}
		fmt.Fprint(w, `{"swagger":"2.0","info":{"title":"Users","version":"last"},"basePath":"/api/v1","paths":{"/user":{"post":{"summary":"Create user","responses":{"200":{"description":"successful operation"}}}}}}`)
	default:
		http.NotFound(w, req)
	}
}

func resolveYApi(t *testing.T, f *fakeYApi, page string, withToken bool) ([]Doc, string, error) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	env := map[string]string{}
	if withToken {
		env["YAPI_TOKEN"] = yapiToken
	}
	docs, diags, err := Resolve(context.Background(), &leakyGetter{}, srv.URL+page, Options{TokenEnv: "YAPI_TOKEN", Getenv: func(k string) string { return env[k] }})
	var all strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&all, "%s\n%s\n%s\n", d.Origin, d.Body, d.Tag)
	}
	for _, d := range diags {
		all.WriteString(d.String() + "\n")
	}
	if err != nil {
		all.WriteString(err.Error())
	}
	for _, spelling := range []string{yapiToken, "s3cr3t", "tok%2Fen"} {
		if strings.Contains(all.String(), spelling) {
			t.Errorf("the token leaked: %s", all.String())
		}
	}
	return docs, srv.URL, err
}

// leakyGetter is a fetcher whose errors name the URL, as many do.
type leakyGetter struct{ fetch.Fetcher }

func (g *leakyGetter) Get(ctx context.Context, rawURL string) (fetch.Result, error) {
	res, err := g.Fetcher.Get(ctx, rawURL)
	if err != nil {
		return res, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	return res, nil
}

func swaggerOf(t *testing.T, docs []Doc) map[string]any {
	t.Helper()
	if len(docs) != 1 {
		t.Fatalf("%d docs, want 1", len(docs))
	}
	var doc map[string]any
	if err := json.Unmarshal(docs[0].Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["swagger"] != "2.0" {
		t.Fatalf("not Swagger 2.0: %s", docs[0].Body)
	}
	return doc
}

func TestYApiInterface(t *testing.T) {
	docs, base, err := resolveYApi(t, &fakeYApi{}, "/project/7/interface/api/11", true)
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Origin != base+"/project/7/interface/api/11" {
		t.Errorf("origin %s", docs[0].Origin)
	}
	doc := swaggerOf(t, docs)
	if doc["basePath"] != "/api/v1" {
		t.Errorf("basePath %v", doc["basePath"])
	}
	op := doc["paths"].(map[string]any)["/user/{id}"].(map[string]any)["get"].(map[string]any)
	body, _ := json.Marshal(op)
	for _, want := range []string{`"in":"path"`, `"name":"fields"`, `"in":"header"`, `"X-Trace"`, `"user name"`, `"tags":["Users"]`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("operation lacks %s: %s", want, body)
		}
	}
	if strings.Contains(string(body), "Content-Type") || strings.Contains(string(body), "$schema") {
		t.Errorf("operation keeps Content-Type or $schema: %s", body)
	}
}

func TestYApiCategory(t *testing.T) {
	docs, _, err := resolveYApi(t, &fakeYApi{}, "/project/7/interface/api/cat_101", true)
	if err != nil {
		t.Fatal(err)
	}
	paths := swaggerOf(t, docs)["paths"].(map[string]any)
	if len(paths) != 2 || paths["/user"] == nil || paths["/user/{id}"] == nil {
		t.Errorf("paths %v", paths)
	}
	post, _ := json.Marshal(paths["/user"])
	if !strings.Contains(string(post), `"in":"body"`) || !strings.Contains(string(post), `"required":["name"]`) || !strings.Contains(string(post), `"example":{"data":{"id":1},"errcode":0}`) {
		t.Errorf("POST /user: %s", post)
	}
}

func TestYApiProjectWithoutExportPlugin(t *testing.T) {
	docs, _, err := resolveYApi(t, &fakeYApi{}, "/project/7/interface/api", true)
	if err != nil {
		t.Fatal(err)
	}
	paths := swaggerOf(t, docs)["paths"].(map[string]any)
	if len(paths) != 3 {
		t.Errorf("paths %v", paths)
	}
	form, _ := json.Marshal(paths["/avatar"])
	if !strings.Contains(string(form), `"type":"file"`) || !strings.Contains(string(form), `"multipart/form-data"`) {
		t.Errorf("POST /avatar: %s", form)
	}
}

func TestYApiProjectExport(t *testing.T) {
	f := &fakeYApi{exportPlugin: true}
	docs, _, err := resolveYApi(t, f, "/project/7/interface/api/", true)
	if err != nil {
		t.Fatal(err)
	}
	if doc := swaggerOf(t, docs); doc["paths"].(map[string]any)["/user"] == nil {
		t.Errorf("export not returned: %s", docs[0].Body)
	}
	if len(f.requests) != 1 || f.requests[0] != "/api/plugin/exportSwagger" {
		t.Errorf("requests %v, want the export alone", f.requests)
	}
}

func TestYApiNeedsToken(t *testing.T) {
	for _, page := range []string{"/project/7/interface/api", "/project/7/interface/api/cat_101", "/project/7/interface/api/11"} {
		_, _, err := resolveYApi(t, &fakeYApi{exportPlugin: true}, page, false)
		if err == nil || !strings.Contains(err.Error(), "token_env:") || !strings.Contains(err.Error(), "40011") {
			t.Errorf("%s: err = %v, want one naming token_env:", page, err)
		}
	}
}

func TestYApiServerErrorHidesToken(t *testing.T) {
	for _, page := range []string{"/project/7/interface/api", "/project/7/interface/api/11"} {
		_, _, err := resolveYApi(t, &fakeYApi{fail500: true}, page, true)
		var status *fetch.StatusError
		if err == nil || !strings.Contains(err.Error(), "500") {
			t.Errorf("%s: err = %v, want the 500", page, err)
		} else if !errors.As(err, &status) {
			t.Errorf("%s: err %v does not wrap the status", page, err)
		}
	}
}
