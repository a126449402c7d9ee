package source

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/parser/diag"
)

func init() { crawlInterval = 0 }

const apiPage = `<html><head><meta name="generator" content="VuePress 2.0"></head><body>
<nav><a href="/docs/">Home</a></nav><main><h1>%s</h1><p>POST /v1/%s</p><h2>Request parameters</h2></main></body></html>`

const introPage = `<html><head><meta name="generator" content="VuePress 2.0"></head><body>
<nav><a href="/docs/orders.html">Request an order</a></nav><main><h1>Welcome</h1><p>Our company makes things.</p></main></body></html>`

// site is a fake doc site: path → body; "" bodies are 404s.
type site struct {
	pages            map[string]string
	inFlight, maxFly atomic.Int32
	delay            time.Duration
	mu               sync.Mutex
	hits             []string
}

func (s *site) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		m := s.maxFly.Load()
		if n <= m || s.maxFly.CompareAndSwap(m, n) {
			break
		}
	}
	s.mu.Lock()
	s.hits = append(s.hits, req.URL.Path)
	s.mu.Unlock()
	time.Sleep(s.delay)
	body, ok := s.pages[req.URL.Path]
	if !ok {
		http.NotFound(w, req)
		return
	}
	fmt.Fprint(w, body)
}

func resolveSite(t *testing.T, s *site, start string, opts Options) ([]Doc, diag.List, error, string) {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	opts.Platform = "site"
	docs, diags, err := Resolve(context.Background(), &fetch.Fetcher{}, srv.URL+start, opts)
	return docs, diags, err, srv.URL
}

func origins(docs []Doc, base string) []string {
	var out []string
	for _, d := range docs {
		out = append(out, strings.TrimPrefix(d.Origin, base))
	}
	return out
}

func hasDiag(diags diag.List, code diag.Code, words ...string) bool {
	for _, d := range diags {
		if d.Code != code {
			continue
		}
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(d.Message, w)
		}
		if ok {
			return true
		}
	}
	return false
}

func TestSiteSitemapRobotsAndSkipped(t *testing.T) {
	s := &site{pages: map[string]string{
		"/robots.txt": "User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /docs/internal/\nAllow: /docs/internal/public.html\n",
		"/sitemap.xml": `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>BASE/docs/orders.html</loc></url>
<url><loc>BASE/blog/news.html</loc></url>
<url><loc>BASE/docs/about.html</loc></url>
<url><loc>BASE/docs/internal/secret.html</loc></url>
<url><loc>BASE/docs/internal/public.html</loc></url>
<url><loc>BASE/docs/users.html#top</loc></url>
<url><loc>BASE/docs/logo.png</loc></url>
</urlset>`,
		"/docs/":                     introPage,
		"/docs/orders.html":          fmt.Sprintf(apiPage, "Orders", "orders"),
		"/docs/users.html":           fmt.Sprintf(apiPage, "Users", "users"),
		"/docs/about.html":           introPage,
		"/docs/internal/secret.html": fmt.Sprintf(apiPage, "Secret", "secret"),
		"/docs/internal/public.html": fmt.Sprintf(apiPage, "Public", "public"),
		"/blog/news.html":            fmt.Sprintf(apiPage, "News", "news"),
	}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.pages["/sitemap.xml"] = strings.ReplaceAll(s.pages["/sitemap.xml"], "BASE", srv.URL)
	docs, diags, err := Resolve(context.Background(), &fetch.Fetcher{}, srv.URL+"/docs/", Options{Platform: "site"})
	if err != nil {
		t.Fatal(err)
	}
	got := origins(docs, srv.URL)
	want := []string{"/docs/orders.html", "/docs/internal/public.html", "/docs/users.html"}
	if !slices.Equal(got, want) {
		t.Errorf("docs = %v, want %v", got, want)
	}
	if !hasDiag(diags, diag.SkippedPages, "2 pages without API content") {
		t.Errorf("no skipped-pages diagnostic: %v", diags)
	}
	for _, h := range s.hits {
		if h == "/docs/internal/secret.html" || h == "/blog/news.html" || h == "/docs/logo.png" {
			t.Errorf("fetched %s, outside the crawl", h)
		}
	}
}

func TestSiteDetectsGenerator(t *testing.T) {
	s := &site{pages: map[string]string{
		"/docs/":            introPage,
		"/docs/orders.html": fmt.Sprintf(apiPage, "Orders", "orders"),
	}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	docs, _, err := Resolve(context.Background(), &fetch.Fetcher{}, srv.URL+"/docs/", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := origins(docs, srv.URL); !slices.Equal(got, []string{"/docs/orders.html"}) {
		t.Errorf("docs = %v", got)
	}
}

// linkSite is a site without a sitemap: a start page linking to width
// pages, each linking to a chain depth deep.
func linkSite(width, depth int) *site {
	pages := map[string]string{}
	var start strings.Builder
	start.WriteString(`<html><body><main><p>GET /v1/start</p>`)
	for i := range width {
		fmt.Fprintf(&start, `<a href="p%d-0.html?tab=1#x">p%d</a><a href="p%d-0.html">again</a>`, i, i, i)
		for d := range depth {
			next := ""
			if d+1 < depth {
				next = fmt.Sprintf(`<a href="p%d-%d.html">next</a>`, i, d+1)
			}
			pages[fmt.Sprintf("/docs/p%d-%d.html", i, d)] = fmt.Sprintf(`<html><body><main><p>GET /v1/p%d/%d</p>%s<a href="/other/x.html">out</a><a href="style.css">css</a></main></body></html>`, i, d, next)
		}
	}
	start.WriteString(`<a href="intro.html">intro</a></main></body></html>`)
	pages["/docs/index.html"] = start.String()
	pages["/docs/intro.html"] = `<html><body><main><p>Hello.</p></main></body></html>`
	pages["/other/x.html"] = `<p>GET /v1/other</p>`
	return &site{pages: pages}
}

func TestSiteBreadthFirstOrder(t *testing.T) {
	var first []string
	for range 3 {
		s := linkSite(3, 2)
		s.delay = time.Millisecond
		docs, diags, err, base := resolveSite(t, s, "/docs/index.html", Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := origins(docs, base)
		want := []string{"/docs/index.html", "/docs/p0-0.html", "/docs/p1-0.html", "/docs/p2-0.html", "/docs/p0-1.html", "/docs/p1-1.html", "/docs/p2-1.html"}
		if !slices.Equal(got, want) {
			t.Fatalf("docs = %v, want %v", got, want)
		}
		if first != nil && !slices.Equal(first, got) {
			t.Errorf("order changed between runs: %v then %v", first, got)
		}
		first = got
		if !hasDiag(diags, diag.SkippedPages, "1 page without API content was skipped") {
			t.Errorf("diags = %v", diags)
		}
		if slices.Contains(s.hits, "/other/x.html") || slices.Contains(s.hits, "/docs/style.css") {
			t.Errorf("crawled outside the scope: %v", s.hits)
		}
	}
}

func TestSiteMaxPages(t *testing.T) {
	s := linkSite(6, 1)
	docs, diags, err, _ := resolveSite(t, s, "/docs/index.html", Options{MaxPages: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Errorf("%d docs, want 4", len(docs))
	}
	// 7 links below the start, 3 read.
	if !hasDiag(diags, diag.PartialCrawl, "max_pages", "4 pages found below the start URL were not read") {
		t.Errorf("diags = %v", diags)
	}
}

func TestSiteMaxDepth(t *testing.T) {
	s := linkSite(2, 4)
	docs, diags, err, _ := resolveSite(t, s, "/docs/index.html", Options{MaxDepth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 { // the start and two levels of two
		t.Errorf("%d docs, want 5: %v", len(docs), origins(docs, ""))
	}
	if !hasDiag(diags, diag.PartialCrawl, "max_depth", "2 pages") {
		t.Errorf("diags = %v", diags)
	}
}

func TestSiteInFlight(t *testing.T) {
	s := linkSite(20, 1)
	s.delay = 20 * time.Millisecond
	docs, _, err, _ := resolveSite(t, s, "/docs/index.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 21 {
		t.Errorf("%d docs, want 21", len(docs))
	}
	if m := s.maxFly.Load(); m > crawlParallel || m < 2 {
		t.Errorf("at most %d requests in flight, want 2..%d", m, crawlParallel)
	}
}

func TestSiteInterval(t *testing.T) {
	defer func(old time.Duration) { crawlInterval = old }(crawlInterval)
	crawlInterval = 30 * time.Millisecond
	s := linkSite(3, 1)
	began := time.Now()
	if _, _, err, _ := resolveSite(t, s, "/docs/index.html", Options{}); err != nil {
		t.Fatal(err)
	}
	// robots, sitemap and three pages: four intervals at least.
	if took := time.Since(began); took < 4*crawlInterval {
		t.Errorf("took %v for 5 requests %v apart", took, crawlInterval)
	}
}

func TestRobotsLongestMatch(t *testing.T) {
	rules := parseRobots([]byte("User-agent: *\nDisallow: /a/\nAllow: /a/b\nDisallow: /a/b/c*.html$\nDisallow:\n"))
	for p, want := range map[string]bool{"/": true, "/a/x": false, "/a/b": true, "/a/b/x": true, "/a/b/cd.html": false, "/a/b/cd.htmlx": true} {
		if got := rules.allowed(p); got != want {
			t.Errorf("allowed(%s) = %v, want %v", p, got, want)
		}
	}
}
