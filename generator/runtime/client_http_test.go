package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

func TestClientTimeout(t *testing.T) {
	given := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{}}
	tests := []struct {
		name string
		opts []Option
		want time.Duration
	}{
		{"default", nil, DefaultTimeout},
		{"WithTimeout", []Option{WithTimeout(2 * time.Second)}, 2 * time.Second},
		{"no limit", []Option{WithTimeout(0)}, 0},
		{"the given client's", []Option{WithHTTPClient(given)}, 5 * time.Second},
		{"WithTimeout over the given client's", []Option{WithTimeout(time.Second), WithHTTPClient(given)}, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClientCore("http://127.0.0.1:1", nil, nil, tt.opts)
			if c.http == http.DefaultClient || c.http == given {
				t.Fatal("the client sends through a shared *http.Client instead of its own copy")
			}
			if c.defaults.timeout != tt.want {
				t.Fatalf("each try's timeout = %v, want %v", c.defaults.timeout, tt.want)
			}
			// A try's context carries its deadline, which a call's
			// WithTimeout may set longer than the client's.
			if c.http.Timeout != 0 {
				t.Fatalf("http.Client.Timeout = %v, want 0", c.http.Timeout)
			}
			if c.http.CheckRedirect == nil {
				t.Fatal("no redirect policy")
			}
		})
	}
	// The caller's client is copied, not changed, and its transport kept.
	c := newClientCore("http://127.0.0.1:1", nil, nil, []Option{WithHTTPClient(given), WithTimeout(time.Second)})
	if given.Timeout != 5*time.Second || given.CheckRedirect != nil || c.http.Transport != given.Transport {
		t.Fatalf("given client changed (%v, redirect policy set: %t) or its transport lost", given.Timeout, given.CheckRedirect != nil)
	}
}

// A server that never answers costs a try its timeout, not forever.
func TestClientTimeoutEndsATry(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	c := newClientCore(srv.URL, nil, nil, []Option{WithTimeout(50 * time.Millisecond)})
	start := time.Now()
	err := c.do(context.Background(), &call{method: http.MethodPost, path: "/slow", body: []byte(`{}`), contentType: "application/json"}, nil)
	var urlErr *url.Error
	if !errors.As(err, &urlErr) || !urlErr.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the call took %v", d)
	}
}

// counter answers 200 and counts the requests that reach it.
func counter(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// A redirect to another host is refused before anything reaches it:
// neither the signed URL, nor the headers, nor (on 307 and 308) the body.
func TestClientRefusesCrossHostRedirect(t *testing.T) {
	other, reached := counter(t)
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+r.URL.Path, status)
		}))
		t.Cleanup(srv.Close)
		clients := map[string][]Option{
			"default":           nil,
			"given":             {WithHTTPClient(srv.Client())},
			"given, lax policy": {WithHTTPClient(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }})},
		}
		for name, opts := range clients {
			c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, opts)
			err := c.do(context.Background(), waiqinCall(`{"secret":1}`), nil)
			if !errors.Is(err, ErrRedirectRefused) {
				t.Errorf("%d, %s client: err = %v, want ErrRedirectRefused", status, name, err)
			}
		}
	}
	if n := reached.Load(); n != 0 {
		t.Fatalf("the other host got %d requests", n)
	}
}

// On its own host a redirect is followed (a 307 sends the body again) and
// does not tell the next URL the signed one in a Referer.
func TestClientFollowsSameHostRedirect(t *testing.T) {
	var referer, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/moved" {
			http.Redirect(w, r, "/moved", http.StatusTemporaryRedirect)
			return
		}
		referer = r.Header.Get("Referer")
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		_, _ = io.WriteString(w, `{"return_code":"0","response_data":null}`)
	}))
	t.Cleanup(srv.Close)
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, nil)
	if err := c.do(context.Background(), waiqinCall(`{"a":1}`), nil); err != nil {
		t.Fatal(err)
	}
	if referer != "" || body != `{"a":1}` {
		t.Fatalf("Referer %q, body %q", referer, body)
	}
}

func TestSameOriginRedirects(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"https://api.example.com/a", "https://API.example.com:443/b", true},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b?x=1", true},
		{"https://api.example.com/a", "https://evil.example.com/a", false},
		{"https://api.example.com/a", "http://api.example.com/a", false},
		{"http://api.example.com/a", "https://api.example.com/a", false},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a", false},
		{"http://[::1]:80/a", "http://[::1]/b", true},
	}
	policy := sameOriginRedirects(nil)
	for _, tt := range tests {
		from, _ := http.NewRequest(http.MethodGet, tt.from, nil)
		to, _ := http.NewRequest(http.MethodGet, tt.to, nil)
		to.Header.Set("Referer", tt.from)
		err := policy(to, []*http.Request{from})
		if (err == nil) != tt.ok || !tt.ok && !errors.Is(err, ErrRedirectRefused) {
			t.Errorf("%s → %s: err = %v", tt.from, tt.to, err)
		}
		if to.Header.Get("Referer") != "" {
			t.Errorf("%s → %s: Referer kept", tt.from, tt.to)
		}
	}
	// Without a policy of the caller's, http.Client's limit still holds.
	from, _ := http.NewRequest(http.MethodGet, "http://h/", nil)
	via := make([]*http.Request, maxRedirects)
	for i := range via {
		via[i] = from
	}
	if err := policy(from, via); err == nil {
		t.Fatal("an eleventh redirect was followed")
	}
}
