package runtime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The WeCom credentials the token tests use; the secret is distinctive so
// that a test can look for it in error text.
const (
	wecomCorpID     = "corp"
	wecomCorpSecret = "corp-s3cr3t-9f2c"
)

// wecomEnvelope is WeCom's flat errcode/errmsg envelope.
var wecomEnvelope = &envelope{code: "errcode", message: "errmsg", success: []string{"0"}, failure: "-1"}

// wecomEndpoint is WeCom's 获取access_token.
var wecomEndpoint = TokenEndpoint{
	URL: "/cgi-bin/gettoken", Method: "GET", IDParam: "corpid", SecretParam: "corpsecret",
	TokenField: "access_token", ExpiresField: "expires_in", ExpiredCodes: []string{"40014", "42001"},
}

// wecom is a WeCom-like server: /cgi-bin/gettoken issues tok1, tok2, …
// (each the only valid one from then on) and /api/x accepts only the
// valid token in ?access_token=.
type wecom struct {
	srv     *httptest.Server
	fetches atomic.Int64 // token requests
	sends   atomic.Int64 // API requests
	issued  atomic.Int64
	valid   atomic.Value // string: the token /api/x accepts
	// refuse401 makes /api/x refuse a token with HTTP 401 rather than 42001.
	refuse401 atomic.Bool
	// alwaysExpired makes /api/x refuse every token.
	alwaysExpired atomic.Bool
	// fetchDelay slows the token endpoint down.
	fetchDelay time.Duration
	// hold, when set, makes the token endpoint signal entered and wait
	// for release.
	hold     bool
	entered  chan struct{}
	release  chan struct{}
	relOnce  sync.Once
	mu       sync.Mutex
	apiToks  []string // the tokens /api/x got, in order
	badCreds []string // token requests refused for their credentials
}

func newWecom(t *testing.T, configure func(*wecom)) *wecom {
	t.Helper()
	w := &wecom{entered: make(chan struct{}, 100), release: make(chan struct{})}
	w.valid.Store("")
	if configure != nil {
		configure(w)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/cgi-bin/gettoken", func(rw http.ResponseWriter, r *http.Request) {
		w.fetches.Add(1)
		if w.hold {
			w.entered <- struct{}{}
			<-w.release
		}
		if w.fetchDelay > 0 {
			time.Sleep(w.fetchDelay)
		}
		q := r.URL.Query()
		if r.Method != http.MethodGet || q.Get("corpid") != wecomCorpID || q.Get("corpsecret") != wecomCorpSecret {
			w.mu.Lock()
			w.badCreds = append(w.badCreds, r.Method+" "+r.URL.RawQuery)
			w.mu.Unlock()
			_, _ = io.WriteString(rw, `{"errcode":40001,"errmsg":"invalid credential"}`)
			return
		}
		tok := fmt.Sprintf("tok%d", w.issued.Add(1))
		w.valid.Store(tok)
		_, _ = fmt.Fprintf(rw, `{"errcode":0,"errmsg":"ok","access_token":%q,"expires_in":7200}`, tok)
	})
	mux.HandleFunc("/api/x", func(rw http.ResponseWriter, r *http.Request) {
		w.sends.Add(1)
		tok := r.URL.Query().Get("access_token")
		w.mu.Lock()
		w.apiToks = append(w.apiToks, tok)
		w.mu.Unlock()
		if w.alwaysExpired.Load() || tok == "" || tok != w.valid.Load().(string) {
			if w.refuse401.Load() {
				rw.WriteHeader(http.StatusUnauthorized)
				_, _ = io.WriteString(rw, "unauthorized")
				return
			}
			_, _ = io.WriteString(rw, `{"errcode":42001,"errmsg":"access_token expired"}`)
			return
		}
		_, _ = io.WriteString(rw, `{"errcode":0,"errmsg":"ok","value":"v"}`)
	})
	w.srv = httptest.NewServer(mux)
	t.Cleanup(w.srv.Close)
	// Runs before srv.Close, which waits for held handlers.
	t.Cleanup(w.releaseAll)
	return w
}

func (w *wecom) releaseAll() { w.relOnce.Do(func() { close(w.release) }) }

func (w *wecom) apiTokens() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.apiToks...)
}

// client is a client with a fresh WeCom token signer on clock.
func (w *wecom) client(clock *fakeTime, secret string) (*clientCore, *TokenSigner) {
	s := NewTokenSigner(Placement{In: "query", Name: "access_token"}, wecomEndpoint, wecomCorpID, secret)
	return newClientCore(w.srv.URL, wecomEnvelope, s, clock.options()), s
}

type wecomOut struct {
	Value string `json:"value"`
}

func getX() *call {
	return &call{method: http.MethodGet, path: "/api/x", signed: true, idempotent: true}
}

func postX() *call {
	return &call{method: http.MethodPost, path: "/api/x", signed: true, body: []byte(`{"a":1}`), contentType: "application/json"}
}

func callX(t *testing.T, c *clientCore, cl *call) {
	t.Helper()
	var out wecomOut
	if err := c.do(context.Background(), cl, &out); err != nil {
		t.Fatalf("call failed: %v", err)
	}
	if out.Value != "v" {
		t.Fatalf("out = %+v, want value v", out)
	}
}

func wantCounts(t *testing.T, w *wecom, fetches, sends int64) {
	t.Helper()
	if got := w.fetches.Load(); got != fetches {
		t.Errorf("token fetches = %d, want %d", got, fetches)
	}
	if got := w.sends.Load(); got != sends {
		t.Errorf("API sends = %d, want %d", got, sends)
	}
}

func TestTokenSignerCaches(t *testing.T) {
	w := newWecom(t, nil)
	c, _ := w.client(newFakeTime(), wecomCorpSecret)
	for range 3 {
		callX(t, c, getX())
	}
	wantCounts(t, w, 1, 3)
	if got := strings.Join(w.apiTokens(), ","); got != "tok1,tok1,tok1" {
		t.Errorf("API got tokens %s, want tok1 thrice", got)
	}
}

func TestTokenSignerRefreshesBeforeExpiry(t *testing.T) {
	w := newWecom(t, nil)
	clock := newFakeTime()
	c, _ := w.client(clock, wecomCorpSecret)
	callX(t, c, getX())
	// A 7200 s token is replaced after 7200 s less a tenth of it, at most
	// 5 minutes: 6900 s.
	_ = clock.Sleep(context.Background(), 6899*time.Second)
	callX(t, c, getX())
	wantCounts(t, w, 1, 2)
	_ = clock.Sleep(context.Background(), time.Second)
	callX(t, c, getX())
	wantCounts(t, w, 2, 3)
	if got := strings.Join(w.apiTokens(), ","); got != "tok1,tok1,tok2" {
		t.Errorf("API got tokens %s, want tok1,tok1,tok2", got)
	}
	// The new token lasts from when it was fetched.
	_ = clock.Sleep(context.Background(), 6899*time.Second)
	callX(t, c, getX())
	wantCounts(t, w, 2, 4)
}

// A short lifetime is cut by a tenth, not by the 5 minutes.
func TestTokenSignerShortLifetime(t *testing.T) {
	var fetches atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gettoken" {
			n := fetches.Add(1)
			_, _ = fmt.Fprintf(rw, `{"errcode":0,"access_token":"t%d","expires_in":"600"}`, n)
			return
		}
		_, _ = io.WriteString(rw, `{"errcode":0,"errmsg":"ok"}`)
	}))
	t.Cleanup(srv.Close)
	clock := newFakeTime()
	e := wecomEndpoint
	e.URL = "/gettoken"
	c := newClientCore(srv.URL, wecomEnvelope, NewTokenSigner(Placement{In: "query", Name: "access_token"}, e, "id", "s"), clock.options())
	do := func() {
		t.Helper()
		if err := c.do(context.Background(), getX(), nil); err != nil {
			t.Fatal(err)
		}
	}
	do()
	_ = clock.Sleep(context.Background(), 539*time.Second)
	do()
	if got := fetches.Load(); got != 1 {
		t.Fatalf("fetches after 539 s = %d, want 1", got)
	}
	_ = clock.Sleep(context.Background(), time.Second)
	do()
	if got := fetches.Load(); got != 2 {
		t.Fatalf("fetches after 540 s = %d, want 2", got)
	}
}

func TestTokenSignerRefreshesOnceWhenRefused(t *testing.T) {
	for _, tt := range []struct {
		name      string
		refuse401 bool
		cl        func() *call
	}{
		{"42001 GET", false, getX},
		{"42001 POST", false, postX},
		{"HTTP 401 GET", true, getX},
		{"HTTP 401 POST", true, postX},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWecom(t, func(w *wecom) { w.refuse401.Store(tt.refuse401) })
			c, _ := w.client(newFakeTime(), wecomCorpSecret)
			callX(t, c, tt.cl())
			wantCounts(t, w, 1, 1)
			// The vendor revokes tok1 before it expires.
			w.valid.Store("revoked")
			callX(t, c, tt.cl())
			wantCounts(t, w, 2, 3)
			if got := strings.Join(w.apiTokens(), ","); got != "tok1,tok1,tok2" {
				t.Errorf("API got tokens %s, want tok1,tok1,tok2", got)
			}
			// The fresh token is cached.
			callX(t, c, tt.cl())
			wantCounts(t, w, 2, 4)
		})
	}
}

// A token the API refuses even when fresh ends the call after one
// refresh: two sends, never a loop, whether the call may be retried or
// not.
func TestTokenSignerRefreshesOnlyOnce(t *testing.T) {
	for _, tt := range []struct {
		name      string
		refuse401 bool
		cl        func() *call
		code      string
		status    int
	}{
		{"42001 GET", false, getX, "42001", http.StatusOK},
		{"42001 POST", false, postX, "42001", http.StatusOK},
		{"HTTP 401 GET", true, getX, "", http.StatusUnauthorized},
		{"HTTP 401 POST", true, postX, "", http.StatusUnauthorized},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWecom(t, func(w *wecom) {
				w.alwaysExpired.Store(true)
				w.refuse401.Store(tt.refuse401)
			})
			clock := newFakeTime()
			c, _ := w.client(clock, wecomCorpSecret)
			// The deadline ends a refresh loop, should there be one.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := c.do(ctx, tt.cl(), &wecomOut{})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v (%T), want an *APIError", err, err)
			}
			if apiErr.Code != tt.code || apiErr.HTTPStatus != tt.status {
				t.Errorf("APIError code %q status %d, want %q %d", apiErr.Code, apiErr.HTTPStatus, tt.code, tt.status)
			}
			wantCounts(t, w, 2, 2)
			if got := strings.Join(w.apiTokens(), ","); got != "tok1,tok2" {
				t.Errorf("API got tokens %s, want tok1,tok2", got)
			}
			if waits := clock.Waits(); len(waits) != 0 {
				t.Errorf("the client waited %v: a refresh is not a retry", waits)
			}
		})
	}
}

// An error code that says nothing of the token keeps it.
func TestTokenSignerKeepsTokenOnOtherErrors(t *testing.T) {
	var sends atomic.Int64
	w := newWecom(t, nil)
	mux := http.NewServeMux()
	mux.HandleFunc("/cgi-bin/gettoken", w.srv.Config.Handler.ServeHTTP)
	mux.HandleFunc("/api/x", func(rw http.ResponseWriter, r *http.Request) {
		sends.Add(1)
		_, _ = io.WriteString(rw, `{"errcode":60011,"errmsg":"no privilege to access/modify contact/party/agent"}`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s := NewTokenSigner(Placement{In: "query", Name: "access_token"}, wecomEndpoint, wecomCorpID, wecomCorpSecret)
	c := newClientCore(srv.URL, wecomEnvelope, s, newFakeTime().options())
	for range 2 {
		var apiErr *APIError
		if err := c.do(context.Background(), getX(), nil); !errors.As(err, &apiErr) || apiErr.Code != "60011" {
			t.Fatalf("err = %v, want APIError 60011", err)
		}
	}
	if got := sends.Load(); got != 2 {
		t.Errorf("sends = %d, want 2 (no refresh)", got)
	}
	if got := w.fetches.Load(); got != 1 {
		t.Errorf("fetches = %d, want 1", got)
	}
}

// Rejected drops only the token the answer refused: a call that comes
// back with an old token after another call replaced it leaves the new
// one in place.
func TestTokenSignerRejected(t *testing.T) {
	s := NewTokenSigner(Placement{In: "query", Name: "access_token"}, wecomEndpoint, "id", "secret")
	s.token = "new"
	if !s.Rejected(&SignRequest{Token: "old"}, &APIError{Code: "42001"}) {
		t.Error("42001 not taken for a refused token")
	}
	if s.token != "new" {
		t.Errorf("token = %q after the old one was refused, want new", s.token)
	}
	if s.Rejected(&SignRequest{Token: "new"}, &APIError{Code: "60011"}) || s.Rejected(&SignRequest{Token: "new"}, &APIError{HTTPStatus: 403}) {
		t.Error("an unrelated error taken for a refused token")
	}
	if s.token != "new" {
		t.Errorf("token = %q after unrelated errors, want new", s.token)
	}
	if !s.Rejected(&SignRequest{Token: "new"}, &APIError{HTTPStatus: http.StatusUnauthorized}) {
		t.Error("HTTP 401 not taken for a refused token")
	}
	if s.token != "" {
		t.Errorf("token = %q after it was refused, want none", s.token)
	}
	if !s.Rejected(&SignRequest{Token: "x"}, &APIError{Code: "40014"}) {
		t.Error("40014 not taken for a refused token")
	}
}

func TestTokenSignerNoStampede(t *testing.T) {
	w := newWecom(t, func(w *wecom) { w.fetchDelay = 50 * time.Millisecond })
	c, _ := w.client(newFakeTime(), wecomCorpSecret)
	const n = 50
	start := make(chan struct{})
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			var out wecomOut
			err := c.do(context.Background(), getX(), &out)
			if err == nil && out.Value != "v" {
				err = fmt.Errorf("out = %+v", out)
			}
			errs <- err
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	wantCounts(t, w, 1, n)
	for _, tok := range w.apiTokens() {
		if tok != "tok1" {
			t.Fatalf("API got token %q, want tok1", tok)
		}
	}
}

// Feishu: the token comes from a POST with a JSON body and travels in
// Authorization: Bearer.
func TestTokenSignerPostEndpoint(t *testing.T) {
	var fetches atomic.Int64
	var mu sync.Mutex
	var auths []string
	var tokenReq struct {
		method, contentType string
		body                map[string]string
		query               string
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/open-apis/auth/v3/tenant_access_token/internal", func(rw http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		tokenReq.method, tokenReq.contentType, tokenReq.query = r.Method, r.Header.Get("Content-Type"), r.URL.RawQuery
		tokenReq.body = nil
		_ = json.Unmarshal(raw, &tokenReq.body)
		mu.Unlock()
		_, _ = io.WriteString(rw, `{"code":0,"msg":"ok","tenant_access_token":"t-1","expire":7200}`)
	})
	mux.HandleFunc("/open-apis/x", func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.URL.Query().Has("Authorization") || r.Header.Get("Authorization") != "Bearer t-1" {
			rw.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(rw, `{"code":99991663,"msg":"Invalid access token for authorization."}`)
			return
		}
		_, _ = io.WriteString(rw, `{"code":0,"msg":"ok","data":{"value":"v"}}`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	s := NewTokenSigner(Placement{In: "header", Name: "Authorization", Prefix: "Bearer "}, TokenEndpoint{
		URL: srv.URL + "/open-apis/auth/v3/tenant_access_token/internal", Method: "POST",
		IDParam: "app_id", SecretParam: "app_secret", TokenField: "tenant_access_token", ExpiresField: "expire",
		ExpiredCodes: []string{"99991663"},
	}, "cli_a", "feishu-s3cr3t")
	env := &envelope{code: "code", message: "msg", data: "data", success: []string{"0"}, failure: "1"}
	c := newClientCore(srv.URL, env, s, newFakeTime().options())
	for range 2 {
		var out wecomOut
		if err := c.do(context.Background(), &call{method: http.MethodGet, path: "/open-apis/x", signed: true}, &out); err != nil {
			t.Fatal(err)
		}
		if out.Value != "v" {
			t.Fatalf("out = %+v", out)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if got := fetches.Load(); got != 1 {
		t.Errorf("fetches = %d, want 1", got)
	}
	if strings.Join(auths, "|") != "Bearer t-1|Bearer t-1" {
		t.Errorf("Authorization = %q, want Bearer t-1 twice", auths)
	}
	if tokenReq.method != http.MethodPost || !strings.HasPrefix(tokenReq.contentType, "application/json") || tokenReq.query != "" {
		t.Errorf("token request %s, Content-Type %q, query %q; want a POST of JSON with no query", tokenReq.method, tokenReq.contentType, tokenReq.query)
	}
	if tokenReq.body["app_id"] != "cli_a" || tokenReq.body["app_secret"] != "feishu-s3cr3t" || len(tokenReq.body) != 2 {
		t.Errorf("token request body = %v", tokenReq.body)
	}
}

func TestTokenSignerEndpointRefuses(t *testing.T) {
	const wrong = "wrong-s3cr3t-77aa"
	w := newWecom(t, nil)
	c, _ := w.client(newFakeTime(), wrong)
	err := c.do(context.Background(), getX(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want an *APIError", err, err)
	}
	if apiErr.Code != "40001" {
		t.Errorf("code = %q, want 40001", apiErr.Code)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("error text carries the secret: %v", err)
	}
	wantCounts(t, w, 1, 0)
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.badCreds) != 1 || !strings.Contains(w.badCreds[0], "corpsecret="+wrong) {
		t.Errorf("token requests refused: %q", w.badCreds)
	}
}

// A token endpoint that cannot be reached: the transport error names the
// URL, which carries the secret on GET; the error must not.
func TestTokenSignerEndpointUnreachableHidesSecret(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close()
	api := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		t.Error("the API was called without a token")
	}))
	t.Cleanup(api.Close)
	e := wecomEndpoint
	e.URL = deadURL + "/cgi-bin/gettoken"
	c := newClientCore(api.URL, wecomEnvelope, NewTokenSigner(Placement{In: "query", Name: "access_token"}, e, wecomCorpID, wecomCorpSecret), newFakeTime().options())
	err := c.do(context.Background(), getX(), nil)
	if err == nil {
		t.Fatal("call succeeded with no token endpoint")
	}
	if strings.Contains(err.Error(), wecomCorpSecret) {
		t.Errorf("error text carries the secret: %v", err)
	}
	if !strings.Contains(err.Error(), "token endpoint") {
		t.Errorf("error %q does not say the token endpoint failed", err)
	}
}

// A call waiting for another's token fetch stops waiting when its
// context ends.
func TestTokenSignerWaitEndsWithContext(t *testing.T) {
	w := newWecom(t, func(w *wecom) { w.hold = true })
	c, _ := w.client(newFakeTime(), wecomCorpSecret)
	first := make(chan error, 1)
	go func() { first <- c.do(context.Background(), getX(), &wecomOut{}) }()
	select {
	case <-w.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the first call never asked for a token")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	second := make(chan error, 1)
	go func() { second <- c.do(ctx, getX(), &wecomOut{}) }()
	select {
	case err := <-second:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
	case <-time.After(5 * time.Second):
		// Release the first call so that the second one can end too.
		w.releaseAll()
		t.Fatalf("the second call still waits for the lock 5 s after its context ended")
	}
	w.releaseAll()
	if err := <-first; err != nil {
		t.Fatalf("first call: %v", err)
	}
	wantCounts(t, w, 1, 1)
}
