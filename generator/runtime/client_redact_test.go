package runtime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// debugLog is a JSON log at Debug level, safe for concurrent writes.
type debugLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *debugLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *debugLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *debugLog) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// records are the log's records, decoded.
func (l *debugLog) records(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// noSecrets fails when any secret shows in any of texts.
func noSecrets(t *testing.T, secrets []string, texts ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, text := range texts {
			if strings.Contains(text, s) || strings.Contains(text, url.QueryEscape(s)) {
				t.Errorf("%q shows in:\n%s", s, text)
			}
		}
	}
}

// A key in the query, a password in the JSON body, a token the server
// answers and repeats in its message: none reaches the log or the error.
func TestLogAndErrorsRedactCredentials(t *testing.T) {
	const key = "tok-abcdef-SECRET1"
	secrets := []string{key, "hunter2-SECRET2", "nested-SECRET3", "resp-SECRET4", "refresh-SECRET5", "query-SECRET6"}
	srv, rec := record(t, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "rid-1")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"code":40014,"msg":"invalid access_token `+key+`","access_token":"resp-SECRET4","data":{"refresh_token":{"v":"refresh-SECRET5"},"user":"ann"}}`)
	})
	var log debugLog
	signer := KeySigner{Placement: Placement{In: "query", Name: "access_token"}, Key: key}
	env := &envelope{code: "code", message: "msg", data: "data", success: []string{"0"}}
	c := newClientCore(srv.URL, env, signer, []Option{WithLogger(log.logger())})
	cl := &call{method: http.MethodPost, path: "/user/update", signed: true, contentType: "application/json",
		body: []byte(`{"user":"u1","password":"hunter2-SECRET2","nested":{"app_secret":"nested-SECRET3","list":[1,2]}}`)}
	cl.addQuery("client_secret", "query-SECRET6")
	cl.addQuery("page", "2")
	err := c.do(context.Background(), cl, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "40014" || apiErr.RequestID != "rid-1" {
		t.Fatalf("err = %v", err)
	}
	if got := rec.got()[0].URL.Query().Get("access_token"); got != key {
		t.Fatalf("the server got access_token %q", got)
	}
	if apiErr.Message != "invalid access_token REDACTED" {
		t.Fatalf("Message = %q", apiErr.Message)
	}
	noSecrets(t, secrets, log.String(), err.Error(), apiErr.URL)
	recs := log.records(t)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	r := recs[0]
	if r["level"] != "DEBUG" || r["method"] != "POST" || r["status"] != float64(401) || r["try"] != float64(1) || r["request_id"] != "rid-1" || r["duration"] == nil {
		t.Fatalf("record %v", r)
	}
	if u := r["url"].(string); !strings.Contains(u, "page=2") || !strings.Contains(u, "access_token=REDACTED") || !strings.Contains(u, "client_secret=REDACTED") {
		t.Fatalf("url %s", u)
	}
	if b := r["request_body"].(string); b != `{"user":"u1","password":"REDACTED","nested":{"app_secret":"REDACTED","list":[1,2]}}` {
		t.Fatalf("request_body %s", b)
	}
	if b := r["response_body"].(string); b != `{"code":40014,"msg":"invalid access_token REDACTED","access_token":"REDACTED","data":{"refresh_token":"REDACTED","user":"ann"}}` {
		t.Fatalf("response_body %s", b)
	}
}

// Waiqin's credentials are path segments: the openid and digest are
// redacted, the timestamp and msg_id shown.
func TestLogRedactsPathCredentials(t *testing.T) {
	const openID = "openid-SECRET7"
	srv, rec := record(t, func(w http.ResponseWriter) {
		_, _ = io.WriteString(w, `{"return_code":"0","response_data":null}`)
	})
	var log debugLog
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: openID, AppKey: "appkey-SECRET8"},
		[]Option{WithLogger(log.logger()), WithMsgIDs(func() string { return "msg-1" })})
	if err := c.do(context.Background(), waiqinCall(`{"a":1}`), nil); err != nil {
		t.Fatal(err)
	}
	segs := strings.Split(rec.got()[0].URL.Path, "/")
	n := len(segs)
	ts, digest := segs[n-3], segs[n-2]
	noSecrets(t, []string{openID, digest, "appkey-SECRET8"}, log.String())
	u := log.records(t)[0]["url"].(string)
	if want := srv.URL + "/api/v1/op/REDACTED/" + ts + "/REDACTED/msg-1"; u != want {
		t.Fatalf("url %s, want %s", u, want)
	}
}

// The sorted-sign scheme's app key and sign are redacted wherever they
// go; its timestamp and sign method are shown. A form body's secret
// fields are redacted too, and an Authorization header.
func TestLogRedactsSortedSign(t *testing.T) {
	srv, rec := record(t)
	var log debugLog
	signer := SortedSigner{SortedSign: &SortedSign{Method: "md5", AppKeyParam: "app_key", TimestampParam: "timestamp",
		TimestampLayout: "2006-01-02 15:04:05", SignMethodParam: "sign_method", SignParam: "sign"}, AppKey: "appkey-SECRET9", Secret: "secret-SECRET10"}
	c := newClientCore(srv.URL, nil, signer, []Option{WithLogger(log.logger()),
		WithHeader("Authorization", "Bearer bearer-SECRET11"), WithHeader("X-Trace", "trace-1")})
	cl := &call{method: http.MethodPost, path: "/router/rest", signed: true, contentType: "application/x-www-form-urlencoded",
		body: []byte("method=item.get&password=form-SECRET12")}
	if err := c.do(context.Background(), cl, nil); err != nil {
		t.Fatal(err)
	}
	got := rec.got()[0]
	sign := got.URL.Query().Get("sign")
	if sign == "" || got.Header.Get("Authorization") != "Bearer bearer-SECRET11" {
		t.Fatalf("the server got %v %v", got.URL, got.Header)
	}
	noSecrets(t, []string{sign, "appkey-SECRET9", "secret-SECRET10", "bearer-SECRET11", "form-SECRET12"}, log.String())
	r := log.records(t)[0]
	u := r["url"].(string)
	if !strings.Contains(u, "sign_method=md5") || !strings.Contains(u, "timestamp=") || strings.Contains(u, "timestamp=REDACTED") {
		t.Fatalf("url %s: the timestamp and sign method are no secret", u)
	}
	h := r["request_header"].(map[string]any)
	if h["Authorization"] != "REDACTED" || h["X-Trace"] != "trace-1" {
		t.Fatalf("request_header %v", h)
	}
	if b := r["request_body"].(string); b != "method=item.get&password=REDACTED" {
		t.Fatalf("request_body %s", b)
	}
}

// A transport error names the URL net/http tried, credentials and all;
// the client's names it redacted, and is still a *url.Error.
func TestTransportErrorRedactsURL(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	const key = "tok-SECRET13"
	var log debugLog
	c := newClientCore(closed.URL, nil, KeySigner{Placement: Placement{In: "query", Name: "access_token"}, Key: key},
		[]Option{WithLogger(log.logger()), WithMaxTries(2), WithSleep(func(context.Context, time.Duration) error { return nil })})
	err := c.do(context.Background(), &call{method: http.MethodGet, path: "/users", signed: true, idempotent: true}, nil)
	var urlErr *url.Error
	if !errors.As(err, &urlErr) || !strings.Contains(urlErr.URL, "access_token=REDACTED") {
		t.Fatalf("err = %v", err)
	}
	noSecrets(t, []string{key}, err.Error(), log.String())
	recs := log.records(t)
	if len(recs) != 2 || recs[1]["try"] != float64(2) || recs[1]["error"] == nil || recs[1]["status"] != nil {
		t.Fatalf("records %v", recs)
	}

	// A base URL that does not parse: net/url quotes it whole.
	c = newClientCore("http://h:bad\x7f", nil, KeySigner{Placement: Placement{In: "query", Name: "access_token"}, Key: key}, nil)
	err = c.do(context.Background(), &call{method: http.MethodGet, path: "/users", signed: true}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	noSecrets(t, []string{key}, err.Error())
}

func TestLogBodiesAreCapped(t *testing.T) {
	big := `{"items":[` + strings.Repeat(`{"name":"中文名字","id":12345},`, 500) + `{}]}`
	srv, _ := record(t, func(w http.ResponseWriter) { _, _ = io.WriteString(w, big) })
	var log debugLog
	c := newClientCore(srv.URL, nil, nil, []Option{WithLogger(log.logger())})
	if err := c.do(context.Background(), getCall("/"), nil); err != nil {
		t.Fatal(err)
	}
	b := log.records(t)[0]["response_body"].(string)
	if len(b) > logBodyBytes+40 || !strings.HasSuffix(b, "…("+strconv.Itoa(len(big))+" bytes)") || !strings.HasPrefix(b, `{"items":[{"name":"中文名字"`) {
		t.Fatalf("%d bytes: …%s", len(b), b[max(0, len(b)-60):])
	}
}

// No logger, or one above Debug, costs no record.
func TestLogOnlyAtDebug(t *testing.T) {
	srv, _ := record(t)
	var buf bytes.Buffer
	info := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c := newClientCore(srv.URL, nil, nil, []Option{WithLogger(info)})
	if err := c.do(context.Background(), getCall("/"), nil); err != nil || buf.Len() != 0 {
		t.Fatalf("err %v, log %q", err, buf.String())
	}
	// A call can turn the client's logger off.
	var log debugLog
	c = newClientCore(srv.URL, nil, nil, []Option{WithLogger(log.logger())})
	if err := c.do(context.Background(), getCall("/"), nil, WithLogger(nil)); err != nil || log.String() != "" {
		t.Fatalf("err %v, log %q", err, log.String())
	}
}

func TestSensitiveName(t *testing.T) {
	for name, want := range map[string]bool{
		"sign": true, "Signature": true, "x-signature": true, "digest": true, "password": true, "PWD": true,
		"app_key": true, "appkey": true, "AppKey": true, "X-API-Key": true, "api_key": true, "key": true,
		"access_token": true, "refresh_token": true, "X-Auth-Token": true, "client_secret": true, "corpsecret": true,
		"app_secret": true, "Authorization": true, "Proxy-Authorization": true, "Cookie": true, "session_key": true,
		"sign_method": false, "timestamp": false, "msg_id": false, "page": false, "user": false, "signed_at": false,
		"design": false, "keyword": false, "Content-Type": false,
	} {
		if got := sensitiveName(name); got != want {
			t.Errorf("sensitiveName(%q) = %t, want %t", name, got, want)
		}
	}
}

func TestRedactJSON(t *testing.T) {
	secret := func(k string) bool { return k == "token" }
	for _, tt := range []struct {
		in, want string
		complete bool
	}{
		{`{"a":1,"token":"x","b":[true,null,{"token":{"deep":[1,2]},"c":"d"}]}`, `{"a":1,"token":"REDACTED","b":[true,null,{"token":"REDACTED","c":"d"}]}`, true},
		{` [ {"token" : [1, [2]] } , "token" ] `, `[{"token":"REDACTED"},"token"]`, true},
		{`{"s":"a\"b\u00e9<"}`, `{"s":"a\"bé\u003c"}`, true},
		{`{}`, `{}`, true},
		{`{"a":1,`, `{"a":1`, false},
		{`{"a" 1}`, `{"a":`, false},
	} {
		got, complete := redactJSON([]byte(tt.in), 1<<10, secret)
		if string(got) != tt.want || complete != tt.complete {
			t.Errorf("redactJSON(%s) = %s, %t; want %s, %t", tt.in, got, complete, tt.want, tt.complete)
		}
	}
	// It stops once past the limit.
	long := `[` + strings.Repeat(`"abcdefgh",`, 1000) + `1]`
	got, complete := redactJSON([]byte(long), 100, secret)
	if complete || len(got) > 100+len(`,"abcdefgh"`) || len(got) <= 100 {
		t.Fatalf("%d bytes, complete %t", len(got), complete)
	}
}
