package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// localServer listens on 127.0.0.1 only: these tests must not depend on
// any other network.
func localServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"https://example.com/doc": true,
		"http://127.0.0.1/x":      true,
		"docs/a.txt":              false,
		"ftp://host/doc":          false,
		"C:\\docs\\a.txt":         false,
	} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v", s, got)
		}
	}
}

func TestGetErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/slowbody", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("start"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 2000)))
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		for range 20 {
			w.Write([]byte(strings.Repeat("x", 100)))
			w.(http.Flusher).Flush()
		}
	})
	srv := localServer(t, mux)
	f := &Fetcher{Timeout: 200 * time.Millisecond, MaxSize: 1000, CacheDir: t.TempDir()}
	cases := []struct {
		path string
		want string
		as   any
	}{
		{"/missing", "the server answered 404 Not Found", new(*StatusError)},
		{"/broken", "the server answered 500 Internal Server Error", new(*StatusError)},
		{"/slow", "no complete answer within 200ms", new(*TimeoutError)},
		{"/slowbody", "no complete answer within 200ms", new(*TimeoutError)},
		{"/big", "larger than 1000 bytes", new(*TooLargeError)},
		{"/bigchunked", "larger than 1000 bytes", new(*TooLargeError)},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			start := time.Now()
			_, err := f.Get(context.Background(), srv.URL+c.path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to say %q", err, c.want)
			}
			if !errors.As(err, c.as) {
				t.Errorf("err is %T", err)
			}
			if strings.Contains(err.Error(), srv.URL) {
				t.Errorf("err repeats the URL: %v", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
	if _, err := f.Get(context.Background(), "ftp://127.0.0.1/doc"); err == nil || !strings.Contains(err.Error(), "scheme") {
		t.Errorf("ftp: err = %v", err)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	if _, err := f.Get(context.Background(), "http://"+addr+"/doc"); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("closed port: err = %v", err)
	}
}

func TestRevalidation(t *testing.T) {
	for _, validator := range []string{"etag", "last-modified"} {
		t.Run(validator, func(t *testing.T) {
			body := "page one"
			version := "v1"
			var full, notModified atomic.Int32
			srv := localServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				stamp := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
				if version == "v2" {
					stamp = stamp.Add(time.Hour)
				}
				if validator == "etag" {
					w.Header().Set("ETag", `"`+version+`"`)
					if r.Header.Get("If-None-Match") == `"`+version+`"` {
						notModified.Add(1)
						w.WriteHeader(http.StatusNotModified)
						return
					}
				} else {
					w.Header().Set("Last-Modified", stamp.Format(http.TimeFormat))
					if since, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !stamp.After(since) {
						notModified.Add(1)
						w.WriteHeader(http.StatusNotModified)
						return
					}
				}
				full.Add(1)
				w.Write([]byte(body))
			}))
			f := &Fetcher{CacheDir: t.TempDir()}
			get := func(want string, wantNotModified bool) {
				t.Helper()
				res, err := f.Get(context.Background(), srv.URL+"/doc")
				if err != nil {
					t.Fatal(err)
				}
				if string(res.Body) != want || res.NotModified != wantNotModified {
					t.Fatalf("got %q (not modified %v), want %q (%v)", res.Body, res.NotModified, want, wantNotModified)
				}
			}
			get("page one", false)
			get("page one", true)
			get("page one", true)
			body, version = "page two", "v2"
			get("page two", false)
			get("page two", true)
			if full.Load() != 2 || notModified.Load() != 3 {
				t.Errorf("full downloads %d, 304s %d; want 2 and 3", full.Load(), notModified.Load())
			}
		})
	}
}

func TestNoValidatorsNoCache(t *testing.T) {
	var hits atomic.Int32
	srv := localServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			t.Error("conditional request without validators")
		}
		w.Write([]byte("plain"))
	}))
	f := &Fetcher{CacheDir: t.TempDir()}
	for range 2 {
		res, err := f.Get(context.Background(), srv.URL)
		if err != nil || string(res.Body) != "plain" || res.NotModified {
			t.Fatalf("%q %v %v", res.Body, res.NotModified, err)
		}
	}
}

func TestCorruptCacheIsRefetched(t *testing.T) {
	var conditional atomic.Int32
	srv := localServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"x"`)
		if r.Header.Get("If-None-Match") != "" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("good"))
	}))
	f := &Fetcher{CacheDir: t.TempDir()}
	if _, err := f.Get(context.Background(), srv.URL); err != nil {
		t.Fatal(err)
	}
	_, bodyPath := f.paths(srv.URL)
	if err := os.WriteFile(bodyPath, []byte("bad"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := f.Get(context.Background(), srv.URL)
	if err != nil || string(res.Body) != "good" || conditional.Load() != 0 {
		t.Fatalf("%q %v, %d conditional requests", res.Body, err, conditional.Load())
	}
}

// A redirect to another host is refused unless the host is allowed: a doc
// URL that starts sending its readers to a login site must not become the
// docs.
func TestRedirectsStayOnHost(t *testing.T) {
	other := localServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("login page")) }))
	var otherURL string
	docs := localServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/doc", http.StatusFound)
		case "/away":
			http.Redirect(w, r, otherURL+"/login", http.StatusFound)
		default:
			w.Write([]byte("docs"))
		}
	}))
	// The same address under another name is another host.
	otherURL = strings.Replace(other.URL, "127.0.0.1", "localhost", 1)

	f := &Fetcher{}
	res, err := f.Get(context.Background(), docs.URL+"/moved")
	if err != nil || string(res.Body) != "docs" {
		t.Fatalf("same-host redirect: %q %v", res.Body, err)
	}
	_, err = f.Get(context.Background(), docs.URL+"/away")
	var re *RedirectError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "redirect_hosts") {
		t.Fatalf("cross-host redirect: %v", err)
	}
	f.RedirectHosts = []string{"LOCALHOST"}
	res, err = f.Get(context.Background(), docs.URL+"/away")
	if err != nil || string(res.Body) != "login page" {
		t.Fatalf("allowed redirect: %q %v", res.Body, err)
	}
}

func TestLastGood(t *testing.T) {
	f := &Fetcher{CacheDir: t.TempDir()}
	if _, _, ok := f.LastGood("https://example.com/doc"); ok {
		t.Fatal("a good copy before any was kept")
	}
	if err := f.Keep("https://example.com/doc", []byte("v1")); err != nil {
		t.Fatal(err)
	}
	body, at, ok := f.LastGood("https://example.com/doc")
	if !ok || string(body) != "v1" || time.Since(at) > time.Minute {
		t.Fatalf("%q %v %v", body, at, ok)
	}
	if _, _, ok := (&Fetcher{}).LastGood("https://example.com/doc"); ok {
		t.Fatal("no cache, no good copy")
	}
}
