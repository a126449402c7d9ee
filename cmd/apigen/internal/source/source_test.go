package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
)

// fixedSite serves fixed answers by path (with the query, when one is given),
// and records what was asked.
type fixedSite struct {
	mu    sync.Mutex
	pages map[string]string
	asked []string
}

func (s *fixedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.asked = append(s.asked, r.URL.RequestURI())
	s.mu.Unlock()
	body, ok := s.pages[r.URL.RequestURI()]
	if !ok {
		body, ok = s.pages[r.URL.Path]
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasPrefix(body, "<"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	case strings.HasPrefix(body, "{") || strings.HasPrefix(body, "["):
		w.Header().Set("Content-Type", "application/json")
	}
	_, _ = w.Write([]byte(body))
}

func serve(t *testing.T, pages map[string]string) (*httptest.Server, *fixedSite) {
	t.Helper()
	s := &fixedSite{pages: pages}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv, s
}

func resolve(t *testing.T, rawURL string, opts Options) ([]Doc, error) {
	t.Helper()
	docs, _, err := Resolve(context.Background(), &fetch.Fetcher{}, rawURL, opts)
	return docs, err
}

func TestScriptShellIsAnError(t *testing.T) {
	srv, _ := serve(t, map[string]string{
		"/app/": `<!doctype html><html><head><title>API 文档</title><script src="/static/js/app.3f2a.js"></script></head>
<body><noscript>Please enable JavaScript</noscript><div id="app"></div><script>window.config={}</script></body></html>`,
		"/page.html": `<html><body><h1>获取用户</h1><p>请求方式: GET /v1/user</p><table><tr><td>参数名</td></tr></table><script>x()</script></body></html>`,
	})
	_, err := resolve(t, srv.URL+"/app/", Options{})
	if err == nil || !strings.Contains(err.Error(), "script shell") || !strings.Contains(err.Error(), "platform:") {
		t.Fatalf("a script shell: %v", err)
	}
	docs, err := resolve(t, srv.URL+"/page.html", Options{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("a page with API content: %v, %d docs", err, len(docs))
	}
	if _, err := resolve(t, srv.URL+"/page.html", Options{Platform: "nope"}); err == nil || !strings.Contains(err.Error(), `unknown platform "nope"`) {
		t.Fatalf("unknown platform: %v", err)
	}
}
