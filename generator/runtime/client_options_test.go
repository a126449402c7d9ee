package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recorder answers every request with the next of answers (the last one
// from then on) and keeps what it got.
type recorder struct {
	mu      sync.Mutex
	reqs    []*http.Request
	answers []func(http.ResponseWriter)
}

func record(t *testing.T, answers ...func(http.ResponseWriter)) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{answers: answers}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, r.Clone(context.Background()))
		i := len(rec.reqs) - 1
		rec.mu.Unlock()
		if len(rec.answers) == 0 {
			_, _ = io.WriteString(w, `{}`)
			return
		}
		rec.answers[min(i, len(rec.answers)-1)](w)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func (r *recorder) got() []*http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*http.Request(nil), r.reqs...)
}

func getCall(path string) *call {
	return &call{method: http.MethodGet, path: path, idempotent: true}
}

// A call's options replace the client's for that call only: the client's
// defaults stay as they were for the next call.
func TestRequestOptionsOverrideTheClient(t *testing.T) {
	srv, rec := record(t)
	clock := newFakeTime()
	c := newClientCore(srv.URL, nil, nil, clock.options(
		WithHeader("X-Tenant", "client"),
		WithHeader("X-Client-Only", "1"),
		WithQuery("lang", "en"),
	))
	ctx := context.Background()
	if err := c.do(ctx, getCall("/a"), nil, WithHeader("X-Tenant", "call"), WithQuery("lang", "zh"), WithQuery("extra", "1")); err != nil {
		t.Fatal(err)
	}
	if err := c.do(ctx, getCall("/b"), nil); err != nil {
		t.Fatal(err)
	}
	reqs := rec.got()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	first, second := reqs[0], reqs[1]
	if first.Header.Get("X-Tenant") != "call" || first.Header.Get("X-Client-Only") != "1" || first.URL.Query().Get("lang") != "zh" || first.URL.Query().Get("extra") != "1" {
		t.Fatalf("first call: header %v, query %v", first.Header, first.URL.Query())
	}
	if second.Header.Get("X-Tenant") != "client" || second.URL.Query().Get("lang") != "en" || second.URL.Query().Has("extra") {
		t.Fatalf("the call's options outlived it: header %v, query %v", second.Header, second.URL.Query())
	}

	// The base URL, for one call.
	other, otherRec := record(t)
	if err := c.do(ctx, getCall("/c"), nil, WithBaseURL(other.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if n := len(otherRec.got()); n != 1 || otherRec.got()[0].URL.Path != "/c" {
		t.Fatalf("WithBaseURL: %d requests to the other server", n)
	}
}

func TestRequestOptionsOverrideRetries(t *testing.T) {
	srv, rec := record(t, status(http.StatusServiceUnavailable))
	clock := newFakeTime()
	c := newClientCore(srv.URL, nil, nil, clock.options(WithMaxTries(4)))
	ctx := context.Background()
	_ = c.do(ctx, getCall("/"), nil)
	if n := len(rec.got()); n != 4 {
		t.Fatalf("the client's policy: %d tries, want 4", n)
	}
	_ = c.do(ctx, getCall("/"), nil, WithMaxTries(1))
	if n := len(rec.got()); n != 4+1 {
		t.Fatalf("WithMaxTries(1) on the call: %d more tries, want 1", n-4)
	}
	_ = c.do(ctx, getCall("/"), nil, WithRetryPolicy(RetryPolicy{MaxTries: 2}))
	if n := len(rec.got()); n != 5+2 {
		t.Fatalf("WithRetryPolicy on the call: %d more tries, want 2", n-5)
	}
	_ = c.do(ctx, getCall("/"), nil)
	if n := len(rec.got()); n != 7+4 {
		t.Fatalf("the client's policy again: %d more tries, want 4", n-7)
	}
}

// A call's timeout replaces the client's both ways: longer, and shorter.
func TestRequestOptionsOverrideTheTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		case <-time.After(300 * time.Millisecond):
		}
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	ctx := context.Background()
	short := newClientCore(srv.URL, nil, nil, []Option{WithTimeout(50 * time.Millisecond), WithMaxTries(1)})
	var urlErr *url.Error
	if err := short.do(ctx, getCall("/"), nil); !errors.As(err, &urlErr) || !urlErr.Timeout() {
		t.Fatalf("the client's 50 ms: err = %v, want a timeout", err)
	}
	if err := short.do(ctx, getCall("/"), nil, WithTimeout(10*time.Second)); err != nil {
		t.Fatalf("the call's 10 s over the client's 50 ms: %v", err)
	}
	// Even over a given *http.Client's own Timeout.
	given := newClientCore(srv.URL, nil, nil, []Option{WithHTTPClient(&http.Client{Timeout: 50 * time.Millisecond}), WithMaxTries(1)})
	if err := given.do(ctx, getCall("/"), nil, WithTimeout(10*time.Second)); err != nil {
		t.Fatalf("the call's 10 s over the given client's 50 ms: %v", err)
	}
	long := newClientCore(srv.URL, nil, nil, []Option{WithMaxTries(1)})
	start := time.Now()
	if err := long.do(ctx, getCall("/"), nil, WithTimeout(50*time.Millisecond)); !errors.As(err, &urlErr) || !urlErr.Timeout() {
		t.Fatalf("the call's 50 ms: err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 250*time.Millisecond {
		t.Fatalf("the call's 50 ms timeout took %v", d)
	}
}

// Middleware runs in the order given, the client's outside the call's,
// around every try, after signing: it sees the credentials the server
// gets.
func TestMiddlewareOrderAndSignedRequest(t *testing.T) {
	clock := newFakeTime()
	srv, tries := flaky(t, clock, status(http.StatusServiceUnavailable), ok)
	var mu sync.Mutex
	var trace []string
	var seen []string // each try's path, as the innermost middleware saw it
	mw := func(name string) Middleware {
		return func(req *http.Request, next Next) (*http.Response, error) {
			mu.Lock()
			trace = append(trace, name+">")
			if name == "call" {
				seen = append(seen, req.URL.Path)
			}
			mu.Unlock()
			resp, err := next(req)
			mu.Lock()
			trace = append(trace, "<"+name)
			mu.Unlock()
			return resp, err
		}
	}
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"},
		clock.options(WithMiddleware(mw("outer"), mw("inner"))))
	var out map[string]string
	if err := c.do(context.Background(), safeCall(`{"q":1}`), &out, WithMiddleware(mw("call"))); err != nil {
		t.Fatal(err)
	}
	want := "outer> inner> call> <call <inner <outer outer> inner> call> <call <inner <outer"
	if got := strings.Join(trace, " "); got != want {
		t.Fatalf("order:\n got %s\nwant %s", got, want)
	}
	got := tries()
	if len(seen) != 2 || len(got) != 2 {
		t.Fatalf("middleware saw %d tries, the server %d", len(seen), len(got))
	}
	for i, p := range seen {
		segs := strings.Split(p, "/")
		n := len(segs)
		if segs[n-3] != got[i].ts || segs[n-2] != got[i].digest || segs[n-2] != WaiqinDigest([]byte(`{"q":1}`), "k", got[i].ts) {
			t.Fatalf("try %d: middleware saw %s, the server got %+v", i+1, p, got[i])
		}
	}
}

// Middleware may answer by itself, and change what the server answered.
func TestMiddlewareAnswers(t *testing.T) {
	var reached atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	t.Cleanup(srv.Close)
	cached := func(req *http.Request, next Next) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"id":"cached"}`)), Request: req}, nil
	}
	c := newClientCore(srv.URL, nil, nil, nil)
	var out map[string]string
	if err := c.do(context.Background(), getCall("/"), &out, WithMiddleware(cached)); err != nil || out["id"] != "cached" || reached.Load() != 0 {
		t.Fatalf("out %v, err %v, %d requests reached the server", out, err, reached.Load())
	}
	broken := func(*http.Request, Next) (*http.Response, error) { return nil, nil }
	if err := c.do(context.Background(), getCall("/"), &out, WithMiddleware(broken), WithMaxTries(1)); !errors.Is(err, errNoAnswer) {
		t.Fatalf("err = %v", err)
	}
}

// The response hook sees every try's answer, the final one last, and can
// read its body without taking it from the client.
func TestResponseHook(t *testing.T) {
	clock := newFakeTime()
	srv, _ := flaky(t, clock, status(http.StatusServiceUnavailable), ok)
	var statuses []int
	var bodies []string
	hook := func(resp *http.Response) {
		b, _ := io.ReadAll(resp.Body)
		statuses = append(statuses, resp.StatusCode)
		bodies = append(bodies, string(b))
		if resp.Request == nil || !strings.HasPrefix(resp.Request.URL.Path, "/api/v1/op/o/") {
			t.Errorf("resp.Request = %v", resp.Request)
		}
	}
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, clock.options(WithResponseHook(hook)))
	var out map[string]string
	if err := c.do(context.Background(), safeCall(`{}`), &out); err != nil || out["id"] != "7" {
		t.Fatalf("out %v, err %v", out, err)
	}
	if len(statuses) != 2 || statuses[0] != 503 || statuses[1] != 200 || bodies[0] != `<html>busy</html>` || !strings.Contains(bodies[1], `"return_code":"0"`) {
		t.Fatalf("hook saw %v %q", statuses, bodies)
	}
}

func TestAPIErrorCarriesTheExchange(t *testing.T) {
	srv, _ := record(t, func(w http.ResponseWriter) {
		w.Header().Set("X-Request-Id", "req-42")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"return_code":"1","return_msg":"客户不存在","msg_id":"M1"}`)
	})
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "openid-123456", AppKey: "k"}, nil)
	err := c.do(context.Background(), waiqinCall(`{}`), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if apiErr.HTTPStatus != 200 || apiErr.Code != "1" || apiErr.Message != "客户不存在" || apiErr.MsgID != "M1" || apiErr.RequestID != "req-42" ||
		!strings.Contains(string(apiErr.Body), "客户不存在") || apiErr.Method != http.MethodPost || apiErr.Response == nil || apiErr.Response.StatusCode != 200 ||
		apiErr.Request == nil || !strings.Contains(apiErr.Request.URL.Path, "openid-123456") {
		t.Fatalf("APIError %+v", apiErr)
	}
	if strings.Contains(apiErr.URL, "openid-123456") || !strings.HasPrefix(apiErr.URL, srv.URL+"/api/v1/op/REDACTED/") {
		t.Fatalf("URL %s", apiErr.URL)
	}
	if want := "api error 1: 客户不存在 [msg_id M1] [request id req-42]"; err.Error() != want {
		t.Fatalf("Error() = %q, want %q", err.Error(), want)
	}
}
