package main

import (
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
