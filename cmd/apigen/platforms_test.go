package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// platformServer serves a doc platform's answers by request URI or path; the
// answers can change between builds.
type platformServer struct {
	mu    sync.Mutex
	pages map[string]string
}

func (s *platformServer) set(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = body
}

func (s *platformServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	body, ok := s.pages[r.URL.RequestURI()]
	if !ok {
		body, ok = s.pages[r.URL.Path]
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write([]byte(body))
}

// buildFrom runs apigen build on one API whose docs are the URL, in a
// fresh project, and returns the project's directory.
func buildFrom(t *testing.T, dir, docURL, extra string) (code int, stderr string) {
	t.Helper()
	cfg := "cache: cache\napis:\n  - name: api\n    docs: [\"" + docURL + "\"]\n    spec: out/openapi\n    out: out\n" + extra
	if err := os.WriteFile(filepath.Join(dir, "apigen.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "build", "-config", filepath.Join(dir, "apigen.yaml"))
	return code, stderr
}

// testGenerated runs a test file inside the package apigen generated in
// dir/out, as its own module: it must compile and pass.
func testGenerated(t *testing.T, dir, test string) {
	t.Helper()
	pkg := filepath.Join(dir, "out")
	files := map[string]string{"go.mod": "module example.com/out\n\ngo 1.26\n", "platform_test.go": test}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(pkg, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "test", "-count=1", "./...")
	cmd.Dir = pkg
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go test in the generated package: %v\n%s", err, out)
	}
}

// knife4jSpec is what springfox serves at /v2/api-docs: Swagger 2.0, every
// answer in Spring Boot's R<T> envelope.
const knife4jSpec = `{"swagger":"2.0","info":{"title":"会员服务","version":"1.0"},"host":"127.0.0.1","basePath":"/",
"tags":[{"name":"会员"}],
"paths":{
 "/member/get":{"get":{"tags":["会员"],"summary":"查询会员","operationId":"getMemberUsingGET","produces":["*/*"],
   "parameters":[{"name":"id","in":"query","description":"会员ID","required":true,"type":"integer","format":"int64"}],
   "responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/R«MemberVO»"}}}}},
 "/member/add":{"post":{"tags":["会员"],"summary":"新增会员","operationId":"addMemberUsingPOST","consumes":["application/json"],"produces":["*/*"],
   "parameters":[{"in":"body","name":"dto","description":"dto","required":true,"schema":{"$ref":"#/definitions/MemberDTO"}}],
   "responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/R«MemberVO»"}}}}}},
"definitions":{
 "MemberDTO":{"type":"object","required":["name"],"properties":{"name":{"type":"string","description":"姓名"},"mobile":{"type":"string","description":"手机号"}},"title":"MemberDTO"},
 "MemberVO":{"type":"object","properties":{"id":{"type":"integer","format":"int64"},"name":{"type":"string"},"mobile":{"type":"string"}},"title":"MemberVO"},
 "R«MemberVO»":{"type":"object","properties":{"code":{"type":"integer","format":"int32"},"data":{"$ref":"#/definitions/MemberVO"},"msg":{"type":"string"}},"title":"R«MemberVO»"}}}`

// TestBuildFromKnife4j: the URL of a Knife4j page (doc.html, a script
// shell) leads through /swagger-resources to the group's Swagger 2.0
// spec; the package built from it unwraps the R<T> envelope.
func TestBuildFromKnife4j(t *testing.T) {
	srv := httptest.NewServer(&platformServer{pages: map[string]string{
		"/doc.html":                  `<!DOCTYPE html><html><head><title>Knife4j 接口文档</title></head><body><div id="app"></div><script src="webjars/js/app.42b4b.js"></script></body></html>`,
		"/swagger-resources":         `[{"name":"default","url":"/v2/api-docs?group=default","swaggerVersion":"2.0","location":"/v2/api-docs?group=default"}]`,
		"/v2/api-docs?group=default": knife4jSpec,
	}})
	defer srv.Close()
	dir := t.TempDir()
	if code, stderr := buildFrom(t, dir, srv.URL+"/doc.html", ""); code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	// apigen spec names the command for a spec.
	code, _, stderr := runCLI(t, "spec", srv.URL+"/doc.html")
	if code == exitOK || !strings.Contains(stderr, "apigen gen -spec") {
		t.Fatalf("apigen spec on a spec viewer: exit %d:\n%s", code, stderr)
	}
	testGenerated(t, dir, `package out

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestMember(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("id") == "7" {
			_, _ = io.WriteString(w, `+"`"+`{"code":0,"msg":"ok","data":{"id":7,"name":"Ann","mobile":"138"}}`+"`"+`)
			return
		}
		_, _ = io.WriteString(w, `+"`"+`{"code":404,"msg":"会员不存在","data":null}`+"`"+`)
	}))
	defer srv.Close()
	c := NewClient(srv.URL)
	m, err := c.GetMember(context.Background(), &GetMemberRequest{ID: 7})
	if err != nil || m.Name != "Ann" || m.ID == nil || *m.ID != 7 {
		t.Fatalf("%+v, %v", m, err)
	}
	_, err = c.GetMember(context.Background(), &GetMemberRequest{ID: 8})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "404" {
		t.Fatalf("a vendor failure: %v", err)
	}
}
`)
}

// TestBuildFromDocsify: a docsify site's pages come from its sidebar; a
// page added to the sidebar is in the next build, and apigen diff shows it.
func TestBuildFromDocsify(t *testing.T) {
	docs := &platformServer{pages: map[string]string{
		"/":            `<!DOCTYPE html><html><body><div id="app"></div><script>window.$docsify = {loadSidebar: true}</script><script src="//cdn.jsdelivr.net/npm/docsify@4"></script></body></html>`,
		"/_sidebar.md": "- [获取用户](user/get.md)\n",
		"/user/get.md": "# 获取用户\n\nGET https://api.example.com/v1/user/get\n\n| 参数 | 类型 | 必填 | 说明 |\n|---|---|---|---|\n| id | string | 是 | 用户ID |\n\n返回示例\n\n```json\n{\"code\": 0, \"msg\": \"ok\", \"data\": {\"id\": \"u1\", \"name\": \"Ann\"}}\n```\n",
		"/user/add.md": "# 新增用户\n\nPOST https://api.example.com/v1/user/add\n\n| 参数 | 类型 | 必填 | 说明 |\n|---|---|---|---|\n| name | string | 是 | 姓名 |\n\n返回示例\n\n```json\n{\"code\": 0, \"msg\": \"ok\", \"data\": {\"id\": \"u2\"}}\n```\n",
	}}
	srv := httptest.NewServer(docs)
	defer srv.Close()
	dir := t.TempDir()
	if code, stderr := buildFrom(t, dir, srv.URL+"/", ""); code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	spec := filepath.Join(dir, "out", "openapi.yaml")
	before, _ := os.ReadFile(spec)
	if !strings.Contains(string(before), "/v1/user/get:") || strings.Contains(string(before), "/v1/user/add:") {
		t.Fatalf("first build:\n%s", before)
	}
	old := filepath.Join(dir, "before.yaml")
	if err := os.WriteFile(old, before, 0o644); err != nil {
		t.Fatal(err)
	}
	docs.set("/_sidebar.md", "- [获取用户](user/get.md)\n- [新增用户](user/add.md)\n")
	if code, stderr := buildFrom(t, dir, srv.URL+"/", ""); code != exitOK {
		t.Fatalf("second build: exit %d:\n%s", code, stderr)
	}
	_, out, _ := runCLI(t, "diff", old, spec)
	if !strings.Contains(out, "POST /v1/user/add") || !strings.Contains(out, "added") {
		t.Fatalf("apigen diff does not show the added page:\n%s", out)
	}
	// A page removed from the sidebar would drop its operation: the
	// shrink guard stops the build and says what would go.
	docs.set("/_sidebar.md", "- [新增用户](user/add.md)\n")
	code, stderr := buildFrom(t, dir, srv.URL+"/", "")
	if code == exitOK || !strings.Contains(stderr, "GET /v1/user/get") || !strings.Contains(stderr, "removed") {
		t.Fatalf("a removed page: exit %d:\n%s", code, stderr)
	}
	docs.set("/_sidebar.md", "- [首页](/)\n- [获取用户](user/get.md)\n- [新增用户](user/add.md)\n")
	docs.set("/README.md", "# 用户服务\n\n欢迎。\n")
	// apigen spec reads the same pages; the introduction is skipped.
	code, specOut, stderr := runCLI(t, "spec", srv.URL+"/")
	if code != exitOK || !strings.Contains(specOut, "/v1/user/add:") {
		t.Fatalf("apigen spec on the site: exit %d:\n%s", code, stderr)
	}
	testGenerated(t, dir, `package out

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestUser(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `+"`"+`{"code":0,"msg":"ok","data":{"id":"u1","name":"Ann"}}`+"`"+`)
	}))
	defer srv.Close()
	u, err := NewClient(srv.URL).UserGet(context.Background(), &UserGetRequest{ID: "u1"})
	if err != nil || u.Name != "Ann" {
		t.Fatalf("%+v, %v", u, err)
	}
}
`)
}

// TestBuildFromScriptShell: a page that is only a script shell fails the
// build with the remedy, and writes nothing.
func TestBuildFromScriptShell(t *testing.T) {
	srv := httptest.NewServer(&platformServer{pages: map[string]string{
		"/docs/": `<!doctype html><html><head><title>开放平台</title></head><body><div id="root"></div><script src="/static/main.8d1c.js"></script></body></html>`,
	}})
	defer srv.Close()
	dir := t.TempDir()
	code, stderr := buildFrom(t, dir, srv.URL+"/docs/", "")
	if code == exitOK || !strings.Contains(stderr, "script shell") || !strings.Contains(stderr, "platform:") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(err) {
		t.Fatalf("a failed build wrote out/: %v", err)
	}
}

// showdocAPI answers ShowDoc's item/info and page/info (GET works as POST
// does: server/app/Common/BaseController.php getParam) for project 7.
func showdocAPI(pages map[string][3]string, menu string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch {
		case r.URL.Path == "/web/":
			_, _ = io.WriteString(w, `<!DOCTYPE html><html><head><title>ShowDoc</title><script>window.DocConfig = {server: '../server/index.php?s=', lang: 'zh-cn'}</script><script type="module" src="./assets/index-88a7ce2e.js"></script></head><body><div id="app"></div></body></html>`)
		case r.URL.Path != "/server/index.php":
			http.NotFound(w, r)
		case q.Get("s") == "/api/item/info":
			_, _ = io.WriteString(w, `{"error_code":0,"data":{"item_id":"7","item_domain":"","item_name":"会员","item_type":"1","menu":`+menu+`}}`)
		case q.Get("s") == "/api/page/info":
			p := pages[q.Get("page_id")]
			body, _ := json.Marshal(map[string]any{"error_code": 0, "data": map[string]any{"page_id": q.Get("page_id"), "page_title": p[0], "cat_id": p[1],
				"page_content": strings.NewReplacer("&", "&amp;", `"`, "&quot;", "'", "&#039;", "<", "&lt;", ">", "&gt;").Replace(p[2])}})
			_, _ = w.Write(body)
		default:
			_, _ = io.WriteString(w, `{"error_code":10101,"error_message":"操作失败"}`)
		}
	}
}

// TestBuildFromShowDoc: a ShowDoc project URL is every page of its
// catalog, the Markdown ones read by the Markdown reader, the RunApi ones
// from their JSON, folders as tags, the introduction skipped.
func TestBuildFromShowDoc(t *testing.T) {
	register := "**简要描述：**\n\n- 会员注册\n\n**请求URL：**\n- `https://api.example.com/member/register`\n\n**请求方式：**\n- POST\n\n**参数：**\n\n|参数名|必选|类型|说明|\n|:---|:---|:---|---|\n|mobile|是|string|手机号|\n|name|否|string|昵称|\n\n**返回示例**\n\n```\n{\"code\": 0, \"msg\": \"ok\", \"data\": {\"id\": 9, \"mobile\": \"138\"}}\n```\n"
	login := `{"info":{"from":"runapi","type":"api","title":"登录","description":"会员登录","method":"post","url":"https://api.example.com/member/login"},
"request":{"params":{"mode":"json","json":"{\"mobile\":\"138\",\"code\":\"1234\"}","jsonDesc":[{"name":"mobile","type":"string","require":"1","remark":"手机号"},{"name":"code","type":"string","require":"1","remark":"验证码"}]},"query":[],"headers":[]},
"response":{"responseExample":"{\"code\":0,\"msg\":\"ok\",\"data\":{\"token\":\"t1\"}}","responseParamsDesc":[{"name":"data.token","type":"string","remark":"令牌"}]}}`
	pages := map[string][3]string{
		"1": {"说明", "0", "# 说明\n\n欢迎使用会员接口。"},
		"2": {"注册", "11", register},
		"3": {"登录", "12", login},
	}
	menu := `{"pages":[{"page_id":"1","page_title":"说明","cat_id":"0"}],"catalogs":[
{"cat_id":"11","cat_name":"注册","pages":[{"page_id":"2","page_title":"注册","cat_id":"11"}],"catalogs":[]},
{"cat_id":"12","cat_name":"登录","pages":[{"page_id":"3","page_title":"登录","cat_id":"12"}],"catalogs":[]}]}`
	srv := httptest.NewServer(showdocAPI(pages, menu))
	defer srv.Close()
	dir := t.TempDir()
	code, stderr := buildFrom(t, dir, srv.URL+"/web/#/7/2", "")
	if code != exitOK {
		t.Fatalf("a page URL: exit %d:\n%s", code, stderr)
	}
	code, stderr = buildFrom(t, dir, srv.URL+"/web/#/7", "    allow_removals: true\n")
	if code != exitOK {
		t.Fatalf("the project URL: exit %d:\n%s", code, stderr)
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	for _, want := range []string{"/member/register:", "/member/login:", "- 注册", "- 登录"} {
		if !strings.Contains(string(spec), want) {
			t.Errorf("spec lacks %q:\n%s", want, spec)
		}
	}
	testGenerated(t, dir, `package out

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMember(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.URL.Path == "/member/login" && strings.Contains(string(body), "1234") {
			_, _ = io.WriteString(w, `+"`"+`{"code":0,"msg":"ok","data":{"token":"t1"}}`+"`"+`)
			return
		}
		_, _ = io.WriteString(w, `+"`"+`{"code":1,"msg":"bad code"}`+"`"+`)
	}))
	defer srv.Close()
	res, err := NewClient(srv.URL).Login(context.Background(), &LoginRequest{Mobile: "138", Code: "1234"})
	if err != nil || res.Token != "t1" {
		t.Fatalf("%+v, %v", res, err)
	}
	if _, err := NewClient(srv.URL).Login(context.Background(), &LoginRequest{Mobile: "138", Code: "0"}); err == nil {
		t.Fatal("a failure envelope read as success")
	}
}
`)
}

// TestBuildFromPrivateYApi: a YApi project behind a token named by
// token_env builds, and the token is nowhere in what the build wrote,
// printed or cached.
func TestBuildFromPrivateYApi(t *testing.T) {
	const token = "yapi-S3CRET-7f1b"
	iface := map[string]string{
		"11": `{"_id":11,"project_id":7,"catid":101,"title":"查询会员","path":"/member/:id","method":"GET","req_params":[{"name":"id","desc":"会员ID"}],"req_query":[],"req_headers":[],
"res_body_type":"json","res_body_is_json_schema":true,"res_body":"{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"integer\"},\"msg\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}}"}`,
		"12": `{"_id":12,"project_id":7,"catid":101,"title":"新增会员","path":"/member","method":"POST","req_params":[],"req_query":[],"req_headers":[{"name":"Content-Type","value":"application/json"}],
"req_body_type":"json","req_body_is_json_schema":true,"req_body_other":"{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}",
"res_body_type":"json","res_body_is_json_schema":true,"res_body":"{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"integer\"},\"msg\":{\"type\":\"string\"},\"data\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}}}"}`,
		"21": `{"_id":21,"project_id":7,"catid":102,"title":"删除会员","path":"/member/:id","method":"DELETE","req_params":[{"name":"id","desc":"会员ID"}],"req_query":[],"req_headers":[],
"res_body_type":"json","res_body_is_json_schema":true,"res_body":"{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"integer\"},\"msg\":{\"type\":\"string\"},\"data\":{}}}"}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("token") != token {
			_, _ = io.WriteString(w, `{"errcode":40011,"errmsg":"请登录...","data":null}`)
			return
		}
		switch r.URL.Path {
		case "/api/interface/list":
			list := `[{"_id":11},{"_id":12},{"_id":21}]`
			if q.Get("page") != "1" {
				list = `[]`
			}
			_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"成功！","data":{"count":3,"total":1,"list":`+list+`}}`)
		case "/api/interface/get":
			_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"成功！","data":`+iface[q.Get("id")]+`}`)
		case "/api/project/get":
			_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"成功！","data":{"_id":7,"name":"会员","basepath":"/api"}}`)
		case "/api/interface/getCatMenu":
			_, _ = io.WriteString(w, `{"errcode":0,"errmsg":"成功！","data":[{"_id":101,"name":"会员"},{"_id":102,"name":"管理"}]}`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	code, stderr := buildFrom(t, dir, srv.URL+"/project/7/interface/api", "    token_env: APIGEN_TEST_YAPI_TOKEN\n")
	if code == exitOK || !strings.Contains(stderr, "token_env") {
		t.Fatalf("without the token: exit %d:\n%s", code, stderr)
	}
	t.Setenv("APIGEN_TEST_YAPI_TOKEN", token)
	code, stderr = buildFrom(t, dir, srv.URL+"/project/7/interface/api", "    token_env: APIGEN_TEST_YAPI_TOKEN\n")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if strings.Contains(stderr, token) {
		t.Errorf("stderr shows the token:\n%s", stderr)
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	for _, want := range []string{"/member/{id}:", "/member:", "delete:", "url: /api"} {
		if !strings.Contains(string(spec), want) {
			t.Errorf("spec lacks %q:\n%s", want, spec)
		}
	}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && (strings.Contains(string(data), token) || strings.Contains(path, token)) {
			t.Errorf("%s holds the token", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	testGenerated(t, dir, `package out

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestMember(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/member/7" && r.Method == http.MethodGet {
			_, _ = io.WriteString(w, `+"`"+`{"code":0,"msg":"ok","data":{"name":"Ann"}}`+"`"+`)
			return
		}
		_, _ = io.WriteString(w, `+"`"+`{"code":404,"msg":"no such member"}`+"`"+`)
	}))
	defer srv.Close()
	c := NewClient(srv.URL + "/api")
	m, err := c.GetMemberID(context.Background(), &GetMemberIDRequest{ID: "7"})
	if err != nil || m.Name != "Ann" {
		t.Fatalf("%+v, %v", m, err)
	}
	if _, err := c.GetMemberID(context.Background(), &GetMemberIDRequest{ID: "8"}); err == nil {
		t.Fatal("a failure envelope read as success")
	}
}
`)
}

// TestBuildFromStaticSite: a VuePress site is crawled below the given
// path by its sitemap, robots.txt honoured, pages without API content
// skipped.
func TestBuildFromStaticSite(t *testing.T) {
	page := func(title, method, path string) string {
		return `<html><head><meta name="generator" content="VuePress 2.0.0"></head><body><main><h1>` + title + `</h1>
<p>请求方式: ` + method + `</p><p>请求地址: https://api.example.com` + path + `</p>
<table><tr><th>参数名</th><th>类型</th><th>必填</th><th>说明</th></tr><tr><td>id</td><td>string</td><td>是</td><td>编号</td></tr></table></main></body></html>`
	}
	var mu sync.Mutex
	var asked []string
	pages := map[string]string{
		"/robots.txt":             "User-agent: *\nDisallow: /docs/api/internal\n",
		"/sitemap.xml":            `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>BASE/docs/api/</loc></url><url><loc>BASE/docs/api/get.html</loc></url><url><loc>BASE/docs/api/internal.html</loc></url><url><loc>BASE/blog/post.html</loc></url></urlset>`,
		"/docs/api/":              `<html><head><meta name="generator" content="VuePress 2.0.0"></head><body><main><h1>介绍</h1><p>欢迎。</p></main></body></html>`,
		"/docs/api/get.html":      page("查询订单", "GET", "/v1/order/get"),
		"/docs/api/internal.html": page("内部接口", "POST", "/v1/internal"),
		"/blog/post.html":         page("博客", "GET", "/v1/blog"),
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, strings.ReplaceAll(body, "BASE", srv.URL))
	}))
	defer srv.Close()
	dir := t.TempDir()
	code, stderr := buildFrom(t, dir, srv.URL+"/docs/api/", "    platform: site\n")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	if !strings.Contains(string(spec), "/v1/order/get:") || strings.Contains(string(spec), "/v1/internal") || strings.Contains(string(spec), "/v1/blog") {
		t.Errorf("spec:\n%s", spec)
	}
	for _, a := range asked {
		if a == "/docs/api/internal.html" || a == "/blog/post.html" {
			t.Errorf("fetched %s, which robots.txt or the start path excludes", a)
		}
	}
	testGenerated(t, dir, `package out

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestOrderGet(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery
	}))
	defer srv.Close()
	if _, err := NewClient(srv.URL).OrderGet(context.Background(), &OrderGetRequest{ID: "o1"}); err != nil {
		t.Fatal(err)
	}
	if got != "GET /v1/order/get?id=o1" {
		t.Fatalf("sent %q", got)
	}
}
`)
}

// TestBuildFromKnife4jGroups: several groups are an error naming them,
// one API per group with group: NAME, or one API of all with group: "*".
func TestBuildFromKnife4jGroups(t *testing.T) {
	order := strings.NewReplacer("/member/get", "/order/get", "/member/add", "/order/add", "getMemberUsingGET", "getOrderUsingGET", "addMemberUsingPOST", "addOrderUsingPOST", `"会员"`, `"订单"`).Replace(knife4jSpec)
	srv := httptest.NewServer(&platformServer{pages: map[string]string{
		"/doc.html":                 `<!DOCTYPE html><html><head><title>Knife4j</title></head><body><div id="app"></div><script src="webjars/js/app.js"></script></body></html>`,
		"/swagger-resources":        `[{"name":"会员","url":"/v2/api-docs?group=member"},{"name":"订单","url":"/v2/api-docs?group=order"}]`,
		"/v2/api-docs?group=member": knife4jSpec,
		"/v2/api-docs?group=order":  order,
	}})
	defer srv.Close()
	dir := t.TempDir()
	if code, stderr := buildFrom(t, dir, srv.URL+"/doc.html", ""); code == exitOK || !strings.Contains(stderr, `2 groups ("会员", "订单")`) {
		t.Fatalf("several groups: exit %d:\n%s", code, stderr)
	}
	if code, stderr := buildFrom(t, dir, srv.URL+"/doc.html", "    group: 订单\n"); code != exitOK {
		t.Fatalf("one group: exit %d:\n%s", code, stderr)
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	if !strings.Contains(string(spec), "/order/get:") || strings.Contains(string(spec), "/member/get:") {
		t.Fatalf("group 订单:\n%s", spec)
	}
	if code, stderr := buildFrom(t, dir, srv.URL+"/doc.html", "    group: \"*\"\n"); code != exitOK {
		t.Fatalf("all groups: exit %d:\n%s", code, stderr)
	}
	spec, _ = os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	for _, want := range []string{"/order/get:", "/member/get:", "x-go-name: GetOrder", "x-go-name: GetMember"} {
		if !strings.Contains(string(spec), want) {
			t.Errorf("all groups: spec lacks %q", want)
		}
	}
}

// TestBuildFromApidocAndTorna: an apidoc.js site (its api_data.json) and a
// public Torna share (its share API) build to packages whose clients send
// what the docs say.
func TestBuildFromApidocAndTorna(t *testing.T) {
	apidocData := `[
 {"type":"get","url":"/user/:id","title":"Read a user","name":"GetUser","group":"User","groupTitle":"User","version":"1.0.0",
  "parameter":{"fields":{"Parameter":[{"group":"Parameter","type":"String","optional":false,"field":"id","description":"<p>User id.</p>"}]}},
  "success":{"fields":{"Success 200":[{"group":"Success 200","type":"String","optional":false,"field":"name","description":"<p>Name.</p>"}]},
   "examples":[{"title":"Success-Response:","content":"HTTP/1.1 200 OK\n{\"name\": \"Ann\"}","type":"json"}]}},
 {"type":"post","url":"/user","title":"Create a user","name":"PostUser","group":"User","groupTitle":"User","version":"1.0.0",
  "parameter":{"fields":{"Parameter":[{"group":"Parameter","type":"String","optional":false,"field":"name","description":"<p>Name.</p>"}]}}},
 {"type":"delete","url":"/orders/:orderId","title":"Cancel an order","name":"DeleteOrder","group":"Order","groupTitle":"Orders","version":"1.0.0",
  "parameter":{"fields":{"Parameter":[{"group":"Parameter","type":"String","optional":false,"field":"orderId","description":"<p>Order id.</p>"}]}}}]`
	torna := map[string]string{
		"/":                   `<!DOCTYPE html><html><head><title>Torna</title></head><body><div id="app"></div><script src="/static/js/app.js"></script></body></html>`,
		"/share/get?id=Ab3k":  `{"code":"0","msg":"","data":{"id":"Ab3k","type":1,"password":"","status":1,"moduleId":"m1","isAll":1}}`,
		"/share/menu?id=Ab3k": `{"code":"0","msg":"","data":[{"id":"f_1","label":"订单","parentId":"","type":2},{"id":"D1","label":"查询订单","parentId":"f_1","type":3,"docType":0,"httpMethod":"GET","url":"/order/{orderId}"},{"id":"D2","label":"创建订单","parentId":"f_1","type":3,"docType":0,"httpMethod":"POST","url":"/order"}]}`,
		"/doc/share/view?docId=D1&shareConfigId=Ab3k": `{"code":"0","msg":"","data":{"id":"D1","name":"查询订单","type":0,"url":"/order/{orderId}","httpMethod":"GET",
"pathParams":[{"id":"p1","parentId":"","name":"orderId","type":"string","required":1,"example":"42","description":"订单id"}],"headerParams":[],"queryParams":[],"requestParams":[],
"responseParams":[{"id":"r1","parentId":"","name":"amount","type":"double","required":1,"example":"9.5","description":"金额"}],"errorCodeParams":[]}}`,
		"/doc/share/view?docId=D2&shareConfigId=Ab3k": `{"code":"0","msg":"","data":{"id":"D2","name":"创建订单","type":0,"url":"/order","httpMethod":"POST","contentType":"application/json",
"pathParams":[],"headerParams":[],"queryParams":[],"requestParams":[{"id":"b1","parentId":"","name":"sku","type":"string","required":1,"example":"A-1","description":"货号"}],"responseParams":[],"errorCodeParams":[]}}`,
	}
	apidocSrv := httptest.NewServer(&platformServer{pages: map[string]string{
		"/docs/":              `<!DOCTYPE html><html><head><title>API docs</title></head><body><script id="template-sidenav" type="text/x-handlebars-template"></script><script data-main="main.js" src="vendor/require.min.js"></script></body></html>`,
		"/docs/api_data.json": apidocData,
	}})
	defer apidocSrv.Close()
	tornaSrv := httptest.NewServer(&platformServer{pages: torna})
	defer tornaSrv.Close()
	for _, tt := range []struct {
		name, url, spec, test string
	}{
		{"apidoc", apidocSrv.URL + "/docs/", "/user/{id}:", `package out

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestClient(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Method + " " + r.URL.Path
		_, _ = w.Write([]byte(` + "`" + `{"name":"Ann"}` + "`" + `))
	}))
	defer srv.Close()
	c := NewClient(srv.URL)
	if _, err := c.Orders(context.Background(), &OrdersRequest{OrderID: "o1"}); err != nil || got != "DELETE /orders/o1" {
		t.Fatalf("%v, sent %q", err, got)
	}
}
`},
		{"torna", tornaSrv.URL + "/#/share/Ab3k", "/order/{orderId}:", `package out

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestClient(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Method + " " + r.URL.Path
		_, _ = w.Write([]byte(` + "`" + `{"amount":9.5}` + "`" + `))
	}))
	defer srv.Close()
	res, err := NewClient(srv.URL).OrderByOrderID(context.Background(), &OrderByOrderIDRequest{OrderID: "42"})
	if err != nil || got != "GET /order/42" || res.Amount == nil || *res.Amount != 9.5 {
		t.Fatalf("%+v, %v, sent %q", res, err, got)
	}
}
`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if code, stderr := buildFrom(t, dir, tt.url, ""); code != exitOK {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			spec, _ := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
			if !strings.Contains(string(spec), tt.spec) {
				t.Fatalf("spec lacks %q:\n%s", tt.spec, spec)
			}
			testGenerated(t, dir, tt.test)
		})
	}
}
