package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
)

// authTestHeader starts every generated package's test: a fake clock the
// client signs with and sleeps on, so retries cost no time.
const authTestHeader = `package authpkg

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var _ = []any{md5.New, hex.EncodeToString, json.Marshal, sort.Strings, strings.Join, fmt.Sprint, io.ReadAll, time.Now, new(atomic.Int32)}

// fakeTime is a clock that a sleep moves forward.
type fakeTime struct {
	mu sync.Mutex
	t  time.Time
	slept []time.Duration
}

func (f *fakeTime) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }

func (f *fakeTime) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
	f.slept = append(f.slept, d)
	return nil
}

func (f *fakeTime) options() []Option {
	return []Option{WithClock(f.now), WithSleep(f.sleep)}
}

func apiError(t *testing.T, err error, code string, status int) {
	t.Helper()
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want an *APIError", err)
	}
	if apiErr.Code != code || (status != 0 && apiErr.HTTPStatus != status) {
		t.Fatalf("APIError %+v, want code %q status %d", apiErr, code, status)
	}
}

func write(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
`

// authTests is, per doc of testdata/auth, a test of the generated client
// against a server written here from the vendor's published recipe (not
// from the generated code), and of the generated server's verifier.
var authTests = map[string]string{
	// WeCom: GET /cgi-bin/gettoken?corpid&corpsecret, the token in
	// ?access_token=, 42001 when it expired.
	"access_token_query": `
func TestAuth(t *testing.T) {
	var fetches, calls, busy atomic.Int32
	var current atomic.Value
	current.Store("")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch r.URL.Path {
		case "/cgi-bin/gettoken":
			if r.Method != http.MethodGet || q.Get("corpid") != "corp" || q.Get("corpsecret") != "s3cret" {
				write(w, 200, ` + "`" + `{"errcode":40001,"errmsg":"invalid credential"}` + "`" + `)
				return
			}
			tok := fmt.Sprintf("tok%d", fetches.Add(1))
			current.Store(tok)
			write(w, 200, fmt.Sprintf(` + "`" + `{"errcode":0,"errmsg":"ok","access_token":%q,"expires_in":7200}` + "`" + `, tok))
		case "/cgi-bin/user/get":
			calls.Add(1)
			if q.Get("access_token") == "" || q.Get("access_token") != current.Load() {
				write(w, 200, ` + "`" + `{"errcode":42001,"errmsg":"access_token expired"}` + "`" + `)
				return
			}
			if q.Get("userid") == "busy" && busy.Add(1) == 1 {
				write(w, 200, ` + "`" + `{"errcode":-1,"errmsg":"系统繁忙"}` + "`" + `)
				return
			}
			if q.Get("userid") != "u1" && q.Get("userid") != "busy" {
				write(w, 200, ` + "`" + `{"errcode":60111,"errmsg":"userid not found"}` + "`" + `)
				return
			}
			write(w, 200, ` + "`" + `{"errcode":0,"errmsg":"ok","userid":"u1","name":"Ann","department":[1,2]}` + "`" + `)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c := NewClient(srv.URL, "corp", "s3cret")
	for range 3 {
		res, err := c.UserGet(ctx, &UserGetRequest{Userid: "u1"})
		if err != nil || res.Userid != "u1" || res.Name != "Ann" || len(res.Department) != 2 {
			t.Fatalf("success: %+v, %v", res, err)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Fatalf("%d token fetches for 3 calls, want 1 (cached)", n)
	}
	_, err := c.UserGet(ctx, &UserGetRequest{Userid: "u2"})
	apiError(t, err, "60111", 200)

	// The vendor revokes the token: one fetch, one more send, success.
	current.Store("revoked")
	calls.Store(0)
	if _, err := c.UserGet(ctx, &UserGetRequest{Userid: "u1"}); err != nil {
		t.Fatalf("after revocation: %v", err)
	}
	if f, n := fetches.Load(), calls.Load(); f != 2 || n != 2 {
		t.Fatalf("%d fetches, %d sends after revocation; want 2 and 2", f, n)
	}

	// -1 is documented as 系统繁忙: a GET is tried again.
	noWait := WithSleep(func(context.Context, time.Duration) error { return nil })
	if _, err := NewClient(srv.URL, "corp", "s3cret", noWait).UserGet(ctx, &UserGetRequest{Userid: "busy"}); err != nil || busy.Load() != 2 {
		t.Fatalf("busy vendor: %v after %d tries; want success after 2", err, busy.Load())
	}

	bad := NewClient(srv.URL, "corp", "wrong")
	_, err = bad.UserGet(ctx, &UserGetRequest{Userid: "u1"})
	apiError(t, err, "40001", 200)
	if strings.Contains(err.Error(), "wrong") {
		t.Fatalf("the error shows the secret: %v", err)
	}
}

func TestGeneratedServer(t *testing.T) {
	// The mock answers the token endpoint with the doc's example token,
	// which the verifier accepts; the token endpoint needs no token.
	srv := httptest.NewServer(NewHandler(Mock{}, WithVerifier(NewKeyVerifier("accesstoken000001"))))
	defer srv.Close()
	res, err := NewClient(srv.URL, "corp", "s3cret").UserGet(context.Background(), &UserGetRequest{Userid: "u1"})
	if err != nil || res.Userid != "zhangsan" {
		t.Fatalf("%+v, %v", res, err)
	}
	srv2 := httptest.NewServer(NewHandler(Mock{}, WithVerifier(NewKeyVerifier("other"))))
	defer srv2.Close()
	_, err = NewClient(srv2.URL, "corp", "s3cret").UserGet(context.Background(), &UserGetRequest{Userid: "u1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 401 {
		t.Fatalf("a token the verifier does not know: %v, want HTTP 401", err)
	}
}
`,
	// Feishu: POST {app_id, app_secret}, tenant_access_token and expire,
	// Authorization: Bearer, 99991663 for an invalid token.
	"bearer_token": `
func TestAuth(t *testing.T) {
	var fetches atomic.Int32
	var current atomic.Value
	current.Store("")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/open-apis/auth/v3/tenant_access_token/internal":
			var in struct{ AppID, AppSecret string }
			body, _ := io.ReadAll(r.Body)
			var m map[string]string
			_ = json.Unmarshal(body, &m)
			in.AppID, in.AppSecret = m["app_id"], m["app_secret"]
			if r.Method != http.MethodPost || in.AppID != "cli_a" || in.AppSecret != "s3cret" {
				write(w, 200, ` + "`" + `{"code":10014,"msg":"app secret invalid"}` + "`" + `)
				return
			}
			tok := fmt.Sprintf("t-%d", fetches.Add(1))
			current.Store(tok)
			write(w, 200, fmt.Sprintf(` + "`" + `{"code":0,"msg":"ok","tenant_access_token":%q,"expire":7200}` + "`" + `, tok))
		case strings.HasPrefix(r.URL.Path, "/open-apis/im/v1/chats/"):
			if r.Header.Get("Authorization") != "Bearer "+current.Load().(string) {
				write(w, 400, ` + "`" + `{"code":99991663,"msg":"Invalid access token for authorization"}` + "`" + `)
				return
			}
			if id := strings.TrimPrefix(r.URL.Path, "/open-apis/im/v1/chats/"); id != "oc_1" {
				write(w, 200, ` + "`" + `{"code":232011,"msg":"chat not found"}` + "`" + `)
				return
			}
			write(w, 200, ` + "`" + `{"code":0,"msg":"success","data":{"chat_id":"oc_1","name":"Project","user_count":3}}` + "`" + `)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c := NewClient(srv.URL, "cli_a", "s3cret")
	res, err := c.Chats(ctx, &ChatsRequest{ChatID: "oc_1"})
	if err != nil || res.ChatID != "oc_1" || res.Name != "Project" {
		t.Fatalf("success: %+v, %v", res, err)
	}
	_, err = c.Chats(ctx, &ChatsRequest{ChatID: "oc_2"})
	apiError(t, err, "232011", 200)
	current.Store("t-revoked")
	if _, err := c.Chats(ctx, &ChatsRequest{ChatID: "oc_1"}); err != nil || fetches.Load() != 2 {
		t.Fatalf("after revocation: %v, %d fetches; want success after 2", err, fetches.Load())
	}
	_, err = NewClient(srv.URL, "cli_a", "wrong").Chats(ctx, &ChatsRequest{ChatID: "oc_1"})
	apiError(t, err, "10014", 200)
}

// issuer is the mock with a token endpoint that issues t-1: the doc's
// token answer has no data member for the mock to answer from.
type issuer struct{ Mock }

func (issuer) Internal(context.Context, *InternalRequest) (json.RawMessage, error) {
	return json.RawMessage(` + "`" + `{"tenant_access_token":"t-1","expire":7200}` + "`" + `), nil
}

func TestGeneratedServer(t *testing.T) {
	srv := httptest.NewServer(NewHandler(issuer{}, WithVerifier(NewKeyVerifier("t-1"))))
	defer srv.Close()
	res, err := NewClient(srv.URL, "cli_a", "s3cret").Chats(context.Background(), &ChatsRequest{ChatID: "oc_1"})
	if err != nil || res.Name != "Project" {
		t.Fatalf("%+v, %v", res, err)
	}
}
`,
	// Taobao TOP: md5(secret + sorted name/value pairs + secret), upper hex.
	"sorted_sign": `
// topSign is the TOP guide's recipe, written here from the guide.
func topSign(secret string, q map[string][]string) string {
	var keys []string
	for k := range q {
		if k != "sign" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	s := secret
	for _, k := range keys {
		s += k + q[k][0]
	}
	sum := md5.Sum([]byte(s + secret))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// topServer answers signed calls; fail503 first answers that many 503s.
func topServer(t *testing.T, fail503 int) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var signs []string
	seen := map[string]bool{}
	cst := time.FixedZone("CST", 8*3600)
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		q := r.URL.Query()
		signs = append(signs, q.Get("sign"))
		at, err := time.ParseInLocation("2006-01-02 15:04:05", q.Get("timestamp"), cst)
		switch {
		case q.Get("app_key") != "k1" || q.Get("sign_method") != "md5" || err != nil || time.Since(at).Abs() > 10*time.Minute:
			write(w, 200, ` + "`" + `{"code":25,"msg":"invalid app key, method or timestamp"}` + "`" + `)
		case q.Get("sign") != topSign("s1", q):
			write(w, 200, ` + "`" + `{"code":25,"msg":"invalid signature"}` + "`" + `)
		case seen[q.Get("sign")]:
			write(w, 200, ` + "`" + `{"code":26,"msg":"replayed"}` + "`" + `)
		case len(signs) <= fail503:
			seen[q.Get("sign")] = true
			w.Header().Set("Retry-After", "2")
			write(w, 503, ` + "`" + `{"code":7,"msg":"busy"}` + "`" + `)
		case q.Get("num_iid") != "11223344" || q.Get("method") != "item.get":
			seen[q.Get("sign")] = true
			write(w, 200, ` + "`" + `{"code":15,"msg":"item not found"}` + "`" + `)
		default:
			seen[q.Get("sign")] = true
			write(w, 200, ` + "`" + `{"code":0,"msg":"ok","data":{"num_iid":11223344,"title":"T","price":"99.00"}}` + "`" + `)
		}
	})), &signs
}

func TestAuth(t *testing.T) {
	srv, signs := topServer(t, 0)
	defer srv.Close()
	ctx := context.Background()
	clock := &fakeTime{t: time.Now()}
	c := NewClient(srv.URL, "k1", "s1", clock.options()...)
	req := &RestRequest{Method: "item.get", V: "2.0", NumIid: 11223344, Fields: "num_iid,title"}
	res, err := c.Rest(ctx, req)
	if err != nil || res.Title != "T" || res.Price != "99.00" {
		t.Fatalf("success: %+v, %v", res, err)
	}
	req2 := *req
	req2.NumIid = 1
	_, err = c.Rest(ctx, &req2)
	apiError(t, err, "15", 200)
	_, err = NewClient(srv.URL, "k1", "wrong", clock.options()...).Rest(ctx, req)
	apiError(t, err, "25", 200)
	if len(*signs) != 3 {
		t.Fatalf("%d requests, want 3", len(*signs))
	}
}

func TestRetryResigns(t *testing.T) {
	req := &RestRequest{Method: "item.get", V: "2.0", NumIid: 11223344, Fields: "num_iid"}
	// A POST is not safe to repeat: one try, the 503 comes back.
	srv, signs := topServer(t, 1)
	clock := &fakeTime{t: time.Now()}
	_, err := NewClient(srv.URL, "k1", "s1", clock.options()...).Rest(context.Background(), req)
	apiError(t, err, "7", 503)
	if len(*signs) != 1 {
		t.Fatalf("a POST was sent %d times, want once", len(*signs))
	}
	srv.Close()

	// Marked safe to repeat, it is tried again after Retry-After, with a
	// fresh timestamp and sign: the server refuses a sign twice.
	srv, signs = topServer(t, 1)
	defer srv.Close()
	clock = &fakeTime{t: time.Now()}
	res, err := NewClient(srv.URL, "k1", "s1", clock.options()...).Rest(Idempotent(context.Background()), req)
	if err != nil || res.Title != "T" {
		t.Fatalf("retried call: %+v, %v", res, err)
	}
	if len(*signs) != 2 || (*signs)[0] == (*signs)[1] {
		t.Fatalf("signs %v, want two different", *signs)
	}
	if len(clock.slept) != 1 || clock.slept[0] < 2*time.Second {
		t.Fatalf("slept %v, want at least the 2 s Retry-After asked", clock.slept)
	}
}

func TestGeneratedServer(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Mock{}, WithVerifier(NewSignVerifier(map[string]string{"k1": "s1"}))))
	defer srv.Close()
	req := &RestRequest{Method: "item.get", V: "2.0", NumIid: 11223344, Fields: "num_iid"}
	if res, err := NewClient(srv.URL, "k1", "s1").Rest(context.Background(), req); err != nil || res.Title != "T恤" {
		t.Fatalf("%+v, %v", res, err)
	}
	_, err := NewClient(srv.URL, "k1", "wrong").Rest(context.Background(), req)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 401 {
		t.Fatalf("a wrong secret: %v, want HTTP 401", err)
	}
}
`,
	// A static key in a header.
	"api_key": `
func TestAuth(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Header.Get("X-API-Key") != "k-123":
			write(w, 401, ` + "`" + `{"code":401,"message":"bad key"}` + "`" + `)
		case r.URL.Query().Get("status") == "void":
			write(w, 200, ` + "`" + `{"code":40001,"message":"unknown status"}` + "`" + `)
		default:
			write(w, 200, ` + "`" + `{"code":0,"message":"ok","data":[{"id":"inv_1","amount":1200,"status":"paid"}]}` + "`" + `)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	res, err := NewClient(srv.URL, "k-123").Invoices(ctx, &InvoicesRequest{Status: "paid"})
	if err != nil || len(res) != 1 || res[0].ID != "inv_1" {
		t.Fatalf("success: %+v, %v", res, err)
	}
	_, err = NewClient(srv.URL, "k-123").Invoices(ctx, &InvoicesRequest{Status: "void"})
	apiError(t, err, "40001", 200)
	_, err = NewClient(srv.URL, "nope").Invoices(ctx, &InvoicesRequest{})
	apiError(t, err, "401", 401)
}

func TestGeneratedServer(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Mock{}, WithVerifier(NewKeyVerifier("k-123"))))
	defer srv.Close()
	if res, err := NewClient(srv.URL, "k-123").Invoices(context.Background(), &InvoicesRequest{}); err != nil || len(res) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	_, err := NewClient(srv.URL, "nope").Invoices(context.Background(), &InvoicesRequest{})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 401 {
		t.Fatalf("a wrong key: %v, want HTTP 401", err)
	}
}
`,
}

// TestAuthClients generates a package for each auth doc and runs its
// client against a server that checks credentials by the vendor's recipe,
// and against the generated server with its verifier.
func TestAuthClients(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	docs, _ := filepath.Glob("../testdata/auth/*.md")
	if len(docs) != len(authTests) {
		t.Fatalf("found %d auth docs, want %d", len(docs), len(authTests))
	}
	root := t.TempDir()
	var mod strings.Builder
	mod.WriteString("go 1.26\n\nuse (\n")
	var dirs []string
	for _, path := range docs {
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		doc := parser.ParseFile(path, parser.Options{})
		s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", name, diags)
		}
		files, gd := generator.Generate(s, generator.Options{Package: "authpkg", Source: name + ".yaml"})
		if gd.HasErrors() {
			t.Fatalf("%s: %v", name, gd)
		}
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		files["go.mod"] = []byte("module example.com/" + name + "\n\ngo 1.26\n")
		files["auth_test.go"] = []byte(authTestHeader + authTests[name])
		for f, src := range files {
			if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mod.WriteString("\t./" + name + "\n")
		dirs = append(dirs, "./"+name)
	}
	mod.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(mod.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", append([]string{"test", "-count=1"}, dirs...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "ok  \texample.com/"); n != len(authTests) {
		t.Fatalf("%d packages passed, want %d:\n%s", n, len(authTests), out)
	}
}
