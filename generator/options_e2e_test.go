package generator_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// genModule is a generated package in a module of its own, with test
// files added.
type genModule struct {
	name  string            // the module's directory and example.com/ path
	files map[string][]byte // the package, then the tests
}

// generateDoc generates a package from a doc of testdata.
func generateDoc(t *testing.T, path, pkg string) map[string][]byte {
	t.Helper()
	doc := parser.ParseFile(path, parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	files, gd := generator.Generate(s, generator.Options{Package: pkg, Source: filepath.Base(path)})
	if gd.HasErrors() {
		t.Fatalf("%s: %v", path, gd)
	}
	return files
}

// generateSpec generates a package from a spec file.
func generateSpec(t *testing.T, path, pkg string) map[string][]byte {
	t.Helper()
	doc, diags := oas.Load(path)
	if doc == nil {
		t.Fatalf("%s: %v", path, diags)
	}
	files, gd := generator.Generate(doc, generator.Options{Package: pkg, Source: filepath.Base(path)})
	if gd.HasErrors() {
		t.Fatalf("%s: %v", path, gd)
	}
	return files
}

// goInModules writes the modules into one workspace and runs the go
// command with args (a package list of ./name for each module follows
// them); it returns the output, failing the test when the command fails.
func goInModules(t *testing.T, modules []genModule, args ...string) string {
	t.Helper()
	root := t.TempDir()
	var work strings.Builder
	work.WriteString("go 1.26\n\nuse (\n")
	for _, m := range modules {
		dir := filepath.Join(root, m.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{"go.mod": []byte("module example.com/" + m.name + "\n\ngo 1.26\n")}
		for f, src := range m.files {
			files[f] = src
		}
		for f, src := range files {
			if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		work.WriteString("\t./" + m.name + "\n")
		args = append(args, "./"+m.name)
	}
	work.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(work.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// optionsTestHeader starts every options test: a log safe for the
// client's writes, and a check that no secret shows in a text.
const optionsTestHeader = `package optpkg

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var _ = []any{md5.New, hex.EncodeToString, fmt.Sprint, sort.Strings, new(atomic.Int32), url.QueryEscape, time.Now, errors.New}

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }

func (l *logBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func (l *logBuf) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// noSecret fails when a secret, or its query escape, shows in a text.
func noSecret(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && (strings.Contains(text, s) || strings.Contains(text, url.QueryEscape(s))) {
			t.Errorf("%s shows %q:\n%s", what, s, text)
		}
	}
}

func write(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// tracer is middleware that notes its name on the way in and out.
type tracer struct {
	mu    sync.Mutex
	trace []string
}

func (tr *tracer) mw(name string) Middleware {
	return func(req *http.Request, next Next) (*http.Response, error) {
		tr.mu.Lock()
		tr.trace = append(tr.trace, name+">")
		tr.mu.Unlock()
		resp, err := next(req)
		tr.mu.Lock()
		tr.trace = append(tr.trace, "<"+name)
		tr.mu.Unlock()
		return resp, err
	}
}

func (tr *tracer) String() string { tr.mu.Lock(); defer tr.mu.Unlock(); return strings.Join(tr.trace, " ") }

var noWait = WithSleep(func(context.Context, time.Duration) error { return nil })
`

// optionsTests are, per package, tests of the generated client's options,
// middleware, log and errors against servers written here.
var optionsTests = map[string]string{
	// WeCom's access token in the query, from an id and a secret.
	"access_token_query": `
const corpSecret = "corpsecret-VALUE-1"

func TestOptions(t *testing.T) {
	var fetches, busy atomic.Int32
	var mu sync.Mutex
	var tenants, tokens []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch r.URL.Path {
		case "/cgi-bin/gettoken":
			if q.Get("corpsecret") != corpSecret {
				write(w, 200, ` + "`" + `{"errcode":40001,"errmsg":"invalid credential"}` + "`" + `)
				return
			}
			write(w, 200, fmt.Sprintf(` + "`" + `{"errcode":0,"errmsg":"ok","access_token":"token-value-%06d","expires_in":7200}` + "`" + `, fetches.Add(1)))
		case "/cgi-bin/user/get":
			mu.Lock()
			tenants = append(tenants, r.Header.Get("X-Tenant"))
			tokens = append(tokens, q.Get("access_token"))
			mu.Unlock()
			switch q.Get("userid") {
			case "slow":
				select {
				case <-r.Context().Done():
					return
				case <-time.After(time.Second):
				}
			case "busy":
				busy.Add(1)
				write(w, 503, ` + "`" + `{"errcode":-1,"errmsg":"busy"}` + "`" + `)
				return
			case "u2":
				w.Header().Set("X-Request-Id", "rid-9")
				write(w, 200, ` + "`" + `{"errcode":60111,"errmsg":"userid not found (access_token ` + "`" + `+q.Get("access_token")+` + "`" + `)"}` + "`" + `)
				return
			}
			write(w, 200, ` + "`" + `{"errcode":0,"errmsg":"ok","userid":"u1","name":"Ann"}` + "`" + `)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	var log logBuf
	tr := &tracer{}
	var c ClientInterface = NewClient(srv.URL, "corp", corpSecret,
		WithHeader("X-Tenant", "client"), WithTimeout(100*time.Millisecond), WithLogger(log.logger()),
		WithMiddleware(tr.mw("client-1"), tr.mw("client-2")), noWait)
	var errs []string

	// Headers: the call's over the client's, for that call only.
	if _, err := c.UserGet(ctx, &UserGetRequest{Userid: "u1"}, WithHeader("X-Tenant", "call"), WithMiddleware(tr.mw("call"))); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UserGet(ctx, &UserGetRequest{Userid: "u1"}); err != nil {
		t.Fatal(err)
	}
	if tenants[0] != "call" || tenants[1] != "client" {
		t.Fatalf("X-Tenant %v, want [call client]", tenants)
	}
	// Middleware: the first given outermost, the client's outside the call's.
	if got, want := tr.String(), "client-1> client-2> call> <call <client-2 <client-1 client-1> client-2> <client-2 <client-1"; got != want {
		t.Fatalf("middleware order:\n got %s\nwant %s", got, want)
	}
	// Middleware sees the request signed: the token the server gets.
	var seen string
	sees := func(req *http.Request, next Next) (*http.Response, error) {
		seen = req.URL.Query().Get("access_token")
		return next(req)
	}
	if _, err := c.UserGet(ctx, &UserGetRequest{Userid: "u1"}, WithMiddleware(sees)); err != nil {
		t.Fatal(err)
	}
	if seen == "" || seen != tokens[len(tokens)-1] {
		t.Fatalf("middleware saw access_token %q, the server got %q", seen, tokens[len(tokens)-1])
	}

	// Timeouts: the client's 100 ms ends a slow call; the call's 5 s lets it finish.
	_, err := c.UserGet(ctx, &UserGetRequest{Userid: "slow"}, WithMaxTries(1))
	var urlErr *url.Error
	if !errors.As(err, &urlErr) || !urlErr.Timeout() {
		t.Fatalf("slow call: %v, want a timeout", err)
	}
	errs = append(errs, err.Error())
	if _, err := c.UserGet(ctx, &UserGetRequest{Userid: "slow"}, WithTimeout(5*time.Second)); err != nil {
		t.Fatalf("slow call with the call's timeout: %v", err)
	}

	// Retries: the default 3 tries, the call's 1, the call's policy of 2;
	// the response hook sees every try's answer.
	var statuses []int
	hook := WithResponseHook(func(resp *http.Response) { statuses = append(statuses, resp.StatusCode) })
	for _, tt := range []struct {
		opts  []RequestOption
		tries int32
	}{{nil, 3}, {[]RequestOption{WithMaxTries(1)}, 1}, {[]RequestOption{WithRetryPolicy(RetryPolicy{MaxTries: 2}), hook}, 2}} {
		busy.Store(0)
		_, err := c.UserGet(ctx, &UserGetRequest{Userid: "busy"}, tt.opts...)
		if busy.Load() != tt.tries {
			t.Fatalf("%d tries, want %d (%v)", busy.Load(), tt.tries, err)
		}
		errs = append(errs, err.Error())
	}
	if len(statuses) != 2 || statuses[0] != 503 || statuses[1] != 503 {
		t.Fatalf("the hook saw %v, want [503 503]", statuses)
	}

	// A vendor error: its fields, and no token in its text.
	_, err = c.UserGet(ctx, &UserGetRequest{Userid: "u2"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	tok := apiErr.Request.URL.Query().Get("access_token")
	if apiErr.HTTPStatus != 200 || apiErr.Code != "60111" || apiErr.RequestID != "rid-9" || apiErr.Method != "GET" ||
		apiErr.Response == nil || apiErr.Response.StatusCode != 200 || !strings.Contains(string(apiErr.Body), tok) ||
		apiErr.Message != "userid not found (access_token REDACTED)" || !strings.Contains(apiErr.URL, "access_token=REDACTED") {
		t.Fatalf("APIError %+v", apiErr)
	}
	errs = append(errs, err.Error(), apiErr.URL)

	// The token endpoint called as an operation: its secret parameter and
	// the token it answers are redacted by their names.
	res, err := c.Gettoken(ctx, &GettokenRequest{Corpid: "corp", Corpsecret: corpSecret})
	if err != nil || res.AccessToken == "" {
		t.Fatalf("Gettoken: %+v, %v", res, err)
	}

	// No secret anywhere: neither the corp secret nor any token issued.
	secrets := []string{corpSecret}
	for i := int32(1); i <= fetches.Load(); i++ {
		secrets = append(secrets, fmt.Sprintf("token-value-%06d", i))
	}
	text := log.String()
	noSecret(t, "the log", text, secrets...)
	for _, e := range errs {
		noSecret(t, "an error", e, secrets...)
	}
	for _, want := range []string{"level=DEBUG", "method=GET", "status=503", "try=3", "access_token=REDACTED", "corpsecret=REDACTED", ` + "`" + `\"access_token\":\"REDACTED\"` + "`" + `, "duration="} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %s:\n%s", want, text)
		}
	}
}
`,
	// Taobao TOP's sign over the sorted query.
	"sorted_sign": `
func topSign(secret string, q url.Values) string {
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

func TestOptions(t *testing.T) {
	const appKey, secret = "appkey-VALUE-2", "secret-VALUE-3"
	var mu sync.Mutex
	var signs []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		mu.Lock()
		signs = append(signs, q.Get("sign"))
		mu.Unlock()
		switch {
		case q.Get("app_key") != appKey || q.Get("sign") != topSign(secret, q):
			write(w, 200, ` + "`" + `{"code":25,"msg":"invalid signature ` + "`" + `+q.Get("sign")+` + "`" + `"}` + "`" + `)
		case q.Get("num_iid") != "11223344":
			write(w, 200, ` + "`" + `{"code":15,"msg":"item not found"}` + "`" + `)
		default:
			write(w, 200, ` + "`" + `{"code":0,"msg":"ok","data":{"num_iid":11223344,"title":"T","price":"1.00"}}` + "`" + `)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	var log logBuf
	c := NewClient(srv.URL, appKey, secret, WithLogger(log.logger()))
	req := &RestRequest{Method: "item.get", V: "2.0", NumIid: 11223344, Fields: "title"}

	// A query value the call adds is signed with the rest; middleware
	// sees the sign the server checks.
	var seen string
	sees := func(r *http.Request, next Next) (*http.Response, error) {
		seen = r.URL.Query().Get("sign")
		return next(r)
	}
	res, err := c.Rest(ctx, req, WithQuery("partner_id", "p1"), WithMiddleware(sees))
	if err != nil || res.Title != "T" {
		t.Fatalf("%+v, %v", res, err)
	}
	if seen == "" || seen != signs[0] {
		t.Fatalf("middleware saw sign %q, the server got %q", seen, signs[0])
	}
	// A middleware that changes the signed request breaks the sign: it
	// runs after signing.
	late := func(r *http.Request, next Next) (*http.Response, error) {
		q := r.URL.Query()
		q.Set("partner_id", "p2")
		r.URL.RawQuery = q.Encode()
		return next(r)
	}
	_, err = c.Rest(ctx, req, WithMiddleware(late))
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "25" || apiErr.Message != "invalid signature REDACTED" {
		t.Fatalf("a request changed after signing: %v", err)
	}
	errs := []string{err.Error(), apiErr.URL}
	req2 := *req
	req2.NumIid = 1
	_, err = c.Rest(ctx, &req2)
	errs = append(errs, err.Error())

	secrets := append([]string{appKey, secret}, signs...)
	text := log.String()
	noSecret(t, "the log", text, secrets...)
	for _, e := range errs {
		noSecret(t, "an error", e, secrets...)
	}
	for _, want := range []string{"sign=REDACTED", "app_key=REDACTED", "sign_method=md5", "partner_id=p1", "method=POST"} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %s:\n%s", want, text)
		}
	}
}
`,
	// Waiqin: the openid and digest are path segments.
	"waiqin": `
func TestOptions(t *testing.T) {
	const openID, appKey = "openid-VALUE-4", "appkey-VALUE-5"
	var mu sync.Mutex
	var paths []string
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		write(w, 200, ` + "`" + `{"return_code":"0","return_msg":"ok","msg_id":"m","response_data":"[{\"cm_code\":\"CUS030\"}]"}` + "`" + `)
	})
	srv, other := httptest.NewServer(handler), httptest.NewServer(handler)
	defer srv.Close()
	defer other.Close()
	ctx := context.Background()
	var log logBuf
	c := NewClient(srv.URL, openID, appKey, WithLogger(log.logger()))
	var seen []string
	sees := func(r *http.Request, next Next) (*http.Response, error) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		segs := strings.Split(r.URL.Path, "/")
		n := len(segs)
		// The digest, by the vendor's recipe: md5(body|appkey|timestamp).
		sum := md5.Sum([]byte(string(body) + "|" + appKey + "|" + segs[n-3]))
		if segs[n-4] != openID || segs[n-2] != hex.EncodeToString(sum[:]) {
			t.Errorf("middleware saw %s, not a signed path", r.URL.Path)
		}
		seen = append(seen, segs[n-2])
		return next(r)
	}
	res, err := c.QueryCustomerAmountExt(ctx, &QueryCustomerAmountExtRequest{CmCode: "CUS030"}, WithMiddleware(sees), WithBaseURL(other.URL))
	if err != nil || len(res) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if len(paths) != 1 || len(seen) != 1 || !strings.HasSuffix(log.String(), "\n") || !strings.Contains(log.String(), other.URL+"/api/") {
		t.Fatalf("paths %v, seen %v, log %s", paths, seen, log.String())
	}
	noSecret(t, "the log", log.String(), openID, appKey, seen[0])
	if !strings.Contains(log.String(), "/REDACTED/") {
		t.Errorf("the log shows no redacted segment:\n%s", log.String())
	}
}
`,
}

// TestClientOptions generates packages with the auth schemes that put
// credentials in the query, a sign and the path, and runs their clients'
// options, middleware, logs and errors against servers on 127.0.0.1.
func TestClientOptions(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	var modules []genModule
	for name, test := range optionsTests {
		var files map[string][]byte
		if name == "waiqin" {
			files = generateSpec(t, "../generated/waiqin/openapi.yaml", "optpkg")
		} else {
			files = generateDoc(t, "../testdata/auth/"+name+".md", "optpkg")
		}
		files["options_test.go"] = []byte(optionsTestHeader + test)
		modules = append(modules, genModule{name, files})
	}
	out := goInModules(t, modules, "test", "-count=1")
	if n := strings.Count(out, "ok  \texample.com/"); n != len(optionsTests) {
		t.Fatalf("%d packages passed, want %d:\n%s", n, len(optionsTests), out)
	}
}

// TestReadmeSnippets builds the Go blocks of each generated package's
// README, every variant of it (the seed packages and one per auth scheme),
// as functions of a test file beside the package, with the names the
// snippets leave to the reader declared.
func TestReadmeSnippets(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	type source struct{ name, path string }
	var sources []source
	specs, _ := filepath.Glob("../generated/*/openapi.yaml")
	docs, _ := filepath.Glob("../testdata/auth/*.md")
	for _, p := range specs {
		sources = append(sources, source{filepath.Base(filepath.Dir(p)), p})
	}
	for _, p := range docs {
		sources = append(sources, source{strings.TrimSuffix(filepath.Base(p), ".md"), p})
	}
	var modules []genModule
	for _, s := range sources {
		pkg := strings.ReplaceAll(s.name, "_", "")
		var files map[string][]byte
		if strings.HasSuffix(s.path, ".yaml") {
			files = generateSpec(t, s.path, pkg)
		} else {
			files = generateDoc(t, s.path, pkg)
		}
		blocks := goBlocks(string(files["README.md"]))
		if len(blocks) == 0 {
			t.Fatalf("%s: the README has no Go block", s.name)
		}
		if !strings.Contains(string(files["README.md"]), "errors.As(err, &apiErr)") {
			t.Errorf("%s: the README shows no errors.As", s.name)
		}
		var src strings.Builder
		src.WriteString(`package ` + pkg + `_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"time"

	` + pkg + ` "example.com/` + s.name + `"
)

var _ = []any{context.Background, errors.As, fmt.Println, log.Print, slog.Default, http.Handle, time.Now}

// What the snippets leave to the reader.
var (
	baseURL, openID, appKey, id, secret, key string
	ctx                                      = context.Background()
	impl                                     ` + pkg + `.Server
	appKeys, secrets                         map[string]string
	keys, tokens                             []string
)
`)
		for i, b := range blocks {
			if strings.HasPrefix(b, "func ") {
				// A declaration of its own.
				fmt.Fprintf(&src, "\n// README.md, Go block %d.\n%s", i+1, b)
				continue
			}
			fmt.Fprintf(&src, "\n// README.md, Go block %d.\nfunc _() {\n%s}\n", i+1, b)
		}
		files["readme_test.go"] = []byte(src.String())
		modules = append(modules, genModule{s.name, files})
	}
	goInModules(t, modules, "vet")
}

// goBlocks are the bodies of a Markdown text's ```go blocks.
func goBlocks(md string) []string {
	var blocks []string
	for {
		_, rest, ok := strings.Cut(md, "```go\n")
		if !ok {
			return blocks
		}
		body, after, ok := strings.Cut(rest, "```")
		if !ok {
			return blocks
		}
		blocks = append(blocks, body)
		md = after
	}
}
