package pipeline

import (
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/apigen/apigen/parser/diag"
)

const projectConfig = `cache: cache
apis:
  - name: orders
    docs: [%DOC%]
    spec: orders/openapi
    formats: [yaml, json]
    out: orders
`

// project lays out a downstream repository: a config whose API reads doc,
// and a hand-written file in the package directory.
func project(t *testing.T, doc string) (cfg *Config, dir string) {
	t.Helper()
	dir = t.TempDir()
	if !strings.Contains(doc, "://") {
		copyFile(t, filepath.Join("testdata", doc), filepath.Join(dir, "docs", "orders.md"))
		doc = "docs/orders.md"
	}
	path := filepath.Join(dir, "apigen.yaml")
	require.NoError(t, os.WriteFile(path, []byte(strings.ReplaceAll(projectConfig, "%DOC%", doc)), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "orders"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "orders", "generate.go"), []byte("package orders\n\n//go:generate apigen build\n"), 0o644))
	cfg, diags := Load(path)
	require.Empty(t, diags)
	return cfg, dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

// snapshot is every file under dir/orders with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	root := filepath.Join(dir, "orders")
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[strings.TrimPrefix(p, root)] = string(data)
		return err
	})
	require.NoError(t, err)
	return files
}

func build(t *testing.T, cfg *Config, env Env) *Result {
	t.Helper()
	env.Force = true
	return env.Build(cfg, cfg.APIs[0])
}

func newEnv(cfg *Config) Env { return cfg.NewEnv(0, "") }

func TestBuildWritesPackageAndSpec(t *testing.T) {
	cfg, dir := project(t, "orders-v1.md")
	res := build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	files := snapshot(t, dir)
	for _, f := range []string{"/client.go", "/types.go", "/openapi.yaml", "/openapi.json", "/generate.go"} {
		assert.Contains(t, files, f)
	}
	assert.Equal(t, "package orders\n\n//go:generate apigen build\n", files["/generate.go"], "the hand-written file is carried over")
	assert.Equal(t, []string{filepath.Join(dir, "orders")}, res.Written)
}

// openapi: [3.1, 3.0] writes the 3.1 spec at the spec path and the 3.0
// one beside it, in every format; the package is generated from the 3.1
// spec either way.
func TestBuildWritesBothOpenAPIVersions(t *testing.T) {
	cfg, dir := project(t, "orders-v1.md")
	cfg.APIs[0].OpenAPI = Versions{"3.1", "3.0"}
	res := build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	files := snapshot(t, dir)
	for name, version := range map[string]string{
		"/openapi.yaml": "openapi: 3.1.0\n", "/openapi.v30.yaml": "openapi: 3.0.3\n",
		"/openapi.json": `"openapi": "3.1.0"`, "/openapi.v30.json": `"openapi": "3.0.3"`,
	} {
		assert.Contains(t, files[name], version, name)
	}
	assert.Contains(t, files, "/client.go")

	// 3.0 alone is written at the spec path.
	cfg, dir = project(t, "orders-v1.md")
	cfg.APIs[0].OpenAPI = Versions{"3.0"}
	res = build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	files = snapshot(t, dir)
	assert.Contains(t, files["/openapi.yaml"], "openapi: 3.0.3\n")
	assert.NotContains(t, files, "/openapi.v30.yaml")
	assert.NotContains(t, files, "/openapi.v31.yaml")
}

// A doc edit that loses an endpoint must not reach the repository
// unnoticed: the build writes nothing and says what would go.
func TestShrinkGuard(t *testing.T) {
	cfg, dir := project(t, "orders-v2.md")
	require.False(t, build(t, cfg, newEnv(cfg)).Failed())
	before := snapshot(t, dir)

	copyFile(t, "testdata/orders-v1.md", filepath.Join(dir, "docs", "orders.md"))
	res := build(t, cfg, newEnv(cfg))
	require.True(t, res.Failed())
	require.NotNil(t, res.Removals)
	var text strings.Builder
	require.NoError(t, res.Removals.WriteText(&text))
	assert.Contains(t, text.String(), "breaking  POST /v1/order/cancel")
	assert.Contains(t, text.String(), "schema")
	assert.Equal(t, before, snapshot(t, dir), "nothing written")

	env := newEnv(cfg)
	env.AllowRemovals = true
	res = build(t, cfg, env)
	require.False(t, res.Failed(), res.Problem)
	assert.NotContains(t, snapshot(t, dir)["/openapi.yaml"], "/v1/order/cancel")

	// The same through the config.
	copyFile(t, "testdata/orders-v2.md", filepath.Join(dir, "docs", "orders.md"))
	require.False(t, build(t, cfg, newEnv(cfg)).Failed())
	copyFile(t, "testdata/orders-v1.md", filepath.Join(dir, "docs", "orders.md"))
	cfg.APIs[0].AllowRemovals = true
	require.False(t, build(t, cfg, newEnv(cfg)).Failed())
}

// A doc that parses to nothing never overwrites anything.
func TestNoEndpointWritesNothing(t *testing.T) {
	cfg, dir := project(t, "orders-v1.md")
	require.False(t, build(t, cfg, newEnv(cfg)).Failed())
	before := snapshot(t, dir)
	copyFile(t, "testdata/login.html", filepath.Join(dir, "docs", "orders.md"))
	res := build(t, cfg, newEnv(cfg))
	require.True(t, res.Failed())
	assert.Contains(t, res.Problem, "error")
	assert.True(t, hasCode(res.Diags, diag.NoEndpoint))
	assert.Equal(t, before, snapshot(t, dir))
}

// flipServer serves one doc page on 127.0.0.1, replaceable.
type flipServer struct {
	*httptest.Server
	mu   sync.Mutex
	page []byte
}

func newFlipServer(t *testing.T, file string) *flipServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &flipServer{}
	s.set(t, file)
	s.Server = &httptest.Server{Listener: l, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.Write(s.page)
	})}}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *flipServer) set(t *testing.T, file string) {
	data, err := os.ReadFile(filepath.Join("testdata", file))
	require.NoError(t, err)
	s.mu.Lock()
	s.page = data
	s.mu.Unlock()
}

// A doc URL that starts answering 200 with a login page: with a good copy
// from an earlier build, that copy stays in use with a warning naming the
// URL; without one, the build fails and writes nothing.
func TestServedLoginPage(t *testing.T) {
	t.Run("good copy kept", func(t *testing.T) {
		srv := newFlipServer(t, "orders-v1.md")
		cfg, dir := project(t, srv.URL+"/docs/orders.md")
		require.False(t, build(t, cfg, newEnv(cfg)).Failed())
		before := snapshot(t, dir)
		srv.set(t, "login.html")
		res := build(t, cfg, newEnv(cfg))
		require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
		var stale *diag.Diagnostic
		for i, d := range res.Diags {
			if d.Code == diag.StaleDoc {
				stale = &res.Diags[i]
			}
		}
		require.NotNil(t, stale, "%v", res.Diags)
		assert.Contains(t, stale.Message, srv.URL+"/docs/orders.md")
		assert.Equal(t, before, snapshot(t, dir))
	})
	t.Run("no good copy", func(t *testing.T) {
		srv := newFlipServer(t, "login.html")
		cfg, dir := project(t, srv.URL+"/docs/orders.md")
		res := build(t, cfg, newEnv(cfg))
		require.True(t, res.Failed())
		assert.True(t, hasCode(res.Diags, diag.NoEndpoint))
		assert.Equal(t, map[string]string{"/generate.go": "package orders\n\n//go:generate apigen build\n"}, snapshot(t, dir))
	})
}

func TestSymlinkInOutputRefused(t *testing.T) {
	cfg, dir := project(t, "orders-v1.md")
	victim := filepath.Join(t.TempDir(), "victim.go")
	require.NoError(t, os.WriteFile(victim, []byte("precious"), 0o644))
	require.NoError(t, os.Symlink(victim, filepath.Join(dir, "orders", "client.go")))
	res := build(t, cfg, newEnv(cfg))
	require.True(t, res.Failed())
	assert.Contains(t, res.Problem, "symbolic link")
	data, _ := os.ReadFile(victim)
	assert.Equal(t, "precious", string(data))
}

func TestStrictWarningsWriteNothing(t *testing.T) {
	cfg, dir := project(t, "orders-v1.md")
	doc := filepath.Join(dir, "docs", "orders.md")
	data, err := os.ReadFile(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(doc, []byte(strings.Replace(string(data), "| count | int |", "| count | frobnicated |", 1)), 0o644))
	env := newEnv(cfg)
	env.Strict = true
	res := build(t, cfg, env)
	require.True(t, res.Failed(), "an unknown type is a warning")
	assert.True(t, hasCode(res.Diags, diag.UnknownType))
	assert.Contains(t, res.Problem, "-strict")
	assert.Len(t, snapshot(t, dir), 1)
}

func hasCode(diags diag.List, c diag.Code) bool {
	for _, d := range diags {
		if d.Code == c {
			return true
		}
	}
	return false
}

// The envelope key reaches the spec and the client: its members and
// success values replace what the doc would give.
func TestBuildConfiguredEnvelope(t *testing.T) {
	cfg, dir := project(t, "orders-v1.md")
	cfg.APIs[0].Envelope = &EnvelopeConfig{Code: "status", Message: "reason", Data: "payload", Success: []any{"OK"}}
	res := build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	files := snapshot(t, dir)
	assert.Contains(t, files["/openapi.yaml"], "x-apigen-envelope:\n  code: status\n  data: payload\n  failureCode: \"-1\"\n  message: reason\n  success:\n    - OK\n")
	assert.Regexp(t, `code:\s+"status"`, files["/types.go"])
	assert.Regexp(t, `success:\s+\[\]string\{"OK"\}`, files["/types.go"])
}

// TestBuildConfiguredPaging: a paging entry says the end the doc leaves
// unsaid (no W041) and reaches the spec and the iterator; one naming an
// operation the API does not have stops the build at its line.
func TestBuildConfiguredPaging(t *testing.T) {
	cfg, dir := project(t, "../../../../../testdata/paging/no_end.md")
	res := build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	assert.Contains(t, fmt.Sprint(res.Diags), "W041")
	files := snapshot(t, dir)
	assert.Contains(t, files["/paging.go"], "func (c *Client) StoreQueryAll(")

	cfg.APIs[0].Paging = []PagingConfig{{Operation: "storeQuery", End: "short_page"}}
	res = build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	assert.NotContains(t, fmt.Sprint(res.Diags), "W041")

	cfg.APIs[0].Paging = []PagingConfig{{Operation: "storeQuery", Kind: "none"}}
	res = build(t, cfg, newEnv(cfg))
	require.False(t, res.Failed(), "%s %v", res.Problem, res.Diags)
	files = snapshot(t, dir)
	assert.NotContains(t, files, "/paging.go")
	assert.NotContains(t, files["/openapi.yaml"], "x-apigen-paging")

	cfg.APIs[0].Paging = []PagingConfig{{Operation: "storeList", End: "total"}}
	cfg.APIs[0].pagingPos = []diag.Pos{{File: "apigen.yaml", Line: 9}}
	res = build(t, cfg, newEnv(cfg))
	require.True(t, res.Failed())
	assert.Contains(t, fmt.Sprint(res.Diags), `apigen.yaml:9: error: paging entry names operation "storeList", which the API does not have (known: storeQuery) [E010]`)
}
