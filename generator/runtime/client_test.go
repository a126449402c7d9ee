package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"reflect"
	"strings"
	"testing"
	"time"
)

// answer serves one fixed response and records the request it got.
func answer(t *testing.T, status int, body string) (*httptest.Server, *http.Request, *[]byte) {
	t.Helper()
	var got http.Request
	var gotBody []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = *r.Clone(context.Background())
		gotBody, _ = io.ReadAll(r.Body)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &got, &gotBody
}

func waiqinCall(body string) *call {
	return &call{
		method:      http.MethodPost,
		path:        "/api/v1/op/{openid}/{timestamp}/{digest}/{msg_id}",
		authParams:  map[string]string{"openid": "openid", "timestamp": "timestamp", "digest": "digest", "msg_id": "msg_id"},
		signed:      true,
		body:        []byte(body),
		contentType: "application/json",
	}
}

func TestClientSignsAndUnwraps(t *testing.T) {
	srv, got, gotBody := answer(t, http.StatusOK,
		`{"return_code":"0","return_msg":"ok","msg_id":"a/b","response_data":"[{\"id\":\"7\"}]"}`)
	c := newClientCore(srv.URL+"/", waiqinEnvelope, WaiqinSigner{OpenID: exampleOpenID, AppKey: exampleAppKey}, []Option{
		WithHTTPClient(srv.Client()),
		WithClock(func() time.Time { return time.Date(2015, 8, 6, 6, 28, 36, 0, time.UTC) }),
		WithMsgIDs(func() string { return "a/b" }),
		WithRequestEditor(func(r *http.Request) error { r.Header.Set("X-Trace", "t1"); return nil }),
	})
	var out []map[string]string
	if err := c.do(context.Background(), waiqinCall(exampleBody), &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, []map[string]string{{"id": "7"}}) {
		t.Fatalf("out = %v", out)
	}
	// The msg_id is escaped as one path segment.
	want := "/api/v1/op/" + exampleOpenID + "/" + exampleTimestamp + "/" + exampleDigest + "/a%2Fb"
	if got.URL.EscapedPath() != want {
		t.Fatalf("path = %s, want %s", got.URL.EscapedPath(), want)
	}
	if string(*gotBody) != exampleBody || got.Header.Get("Content-Type") != "application/json" || got.Header.Get("X-Trace") != "t1" {
		t.Fatalf("request = %s %v", *gotBody, got.Header)
	}
}

func TestClientReadsOneObjectAsAList(t *testing.T) {
	srv, _, _ := answer(t, http.StatusOK, `{"return_code":0,"response_data":" {\"id\":\"7\"} "}`)
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, []Option{WithHTTPClient(srv.Client())})
	var out []map[string]string
	if err := c.do(context.Background(), waiqinCall(`{}`), &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, []map[string]string{{"id": "7"}}) {
		t.Fatalf("out = %v", out)
	}
	// An object that does not fit is still an error.
	var n []int
	err := c.do(context.Background(), waiqinCall(`{}`), &n)
	if err == nil || !strings.HasPrefix(err.Error(), "decoding response of /api/v1/op/") {
		t.Fatalf("err = %v", err)
	}
}

func TestClientErrors(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		want       APIError
	}{
		{"vendor failure", `{"return_code":"1","return_msg":"客户不存在","msg_id":"M1","response_data":null}`, http.StatusOK,
			APIError{HTTPStatus: 200, Code: "1", Message: "客户不存在", MsgID: "M1"}},
		{"refused with an envelope", `{"return_code":"1","return_msg":"authentication failed: digest mismatch","msg_id":"M2"}`, http.StatusUnauthorized,
			APIError{HTTPStatus: 401, Code: "1", Message: "authentication failed: digest mismatch", MsgID: "M2"}},
		{"refused without one", `<html>bad gateway</html>`, http.StatusBadGateway,
			APIError{HTTPStatus: 502, Message: "Bad Gateway"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _, _ := answer(t, tt.status, tt.body)
			c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, []Option{WithHTTPClient(srv.Client())})
			err := c.do(context.Background(), waiqinCall(`{}`), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v", err)
			}
			if string(apiErr.Body) != tt.body {
				t.Fatalf("Body = %s", apiErr.Body)
			}
			// The request and its answer come along; the URL is shown
			// without the credential path segments.
			if apiErr.Request == nil || apiErr.Response == nil || apiErr.Response.StatusCode != tt.status || apiErr.Method != http.MethodPost ||
				apiErr.URL != srv.URL+"/api/v1/op/REDACTED/"+apiErr.Request.URL.Path[len("/api/v1/op/o/"):len("/api/v1/op/o/")+14]+"/REDACTED/"+path.Base(apiErr.Request.URL.Path) {
				t.Fatalf("APIError request %v, response %v, %s %s", apiErr.Request, apiErr.Response, apiErr.Method, apiErr.URL)
			}
			apiErr.Body, apiErr.Request, apiErr.Response, apiErr.Method, apiErr.URL = nil, nil, nil, "", ""
			if !reflect.DeepEqual(*apiErr, tt.want) {
				t.Fatalf("APIError = %+v, want %+v", *apiErr, tt.want)
			}
		})
	}

	c := newClientCore("http://127.0.0.1:1", waiqinEnvelope, nil, nil)
	err := c.do(context.Background(), waiqinCall(`{}`), nil)
	if err == nil || err.Error() != "POST /api/v1/op/{openid}/{timestamp}/{digest}/{msg_id} needs credentials but the client has no signer" {
		t.Fatalf("err = %v", err)
	}
}

func TestFormatParam(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{
		{float64(11223344), "11223344"},
		{1.5, "1.5"},
		{float32(0.25), "0.25"},
		{int64(1 << 40), "1099511627776"},
		{true, "true"},
		{"a b", "a b"},
	} {
		if got := formatParam(tt.v); got != tt.want {
			t.Errorf("formatParam(%#v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
