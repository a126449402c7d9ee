package main

import (
	"bytes"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigen/apigen/cmd/apigen/internal/pipeline"
	"github.com/apigen/apigen/parser"
)

// docServer serves one doc page on 127.0.0.1 with an ETag, counting full
// downloads and 304 answers. set replaces the page.
type docServer struct {
	*httptest.Server
	mu         sync.Mutex
	body       []byte
	etag       string
	full, not  int
	delay      time.Duration
	status     int   // answer every request with this status
	fakeLength int64 // announce a body this long and send none
}

func newDocServer(t *testing.T, body []byte) *docServer {
	t.Helper()
	d := &docServer{body: body, etag: `"v1"`}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d.Server = &httptest.Server{Listener: l, Config: &http.Server{Handler: d}}
	d.Start()
	t.Cleanup(d.Close)
	return d
}

func (d *docServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	body, etag, delay, status, fake := d.body, d.etag, d.delay, d.status, d.fakeLength
	d.mu.Unlock()
	if delay > 0 {
		select {
		case <-r.Context().Done():
		case <-time.After(delay):
		}
		return
	}
	if status != 0 {
		http.Error(w, http.StatusText(status), status)
		return
	}
	if fake > 0 {
		w.Header().Set("Content-Length", strconv.FormatInt(fake, 10))
		w.WriteHeader(http.StatusOK)
		return
	}
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		d.mu.Lock()
		d.not++
		d.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	d.mu.Lock()
	d.full++
	d.mu.Unlock()
	w.Write(body)
}

func (d *docServer) set(body []byte, etag string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.body, d.etag = body, etag
}

func (d *docServer) counts() (full, notModified int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.full, d.not
}

// countGenerations counts, for the test's duration, the builds that
// parsed and generated rather than being skipped or stopped early.
func countGenerations(t *testing.T) *int {
	t.Helper()
	n := new(int)
	orig := buildAPI
	buildAPI = func(env pipeline.Env, cfg *pipeline.Config, api pipeline.APIConfig) *pipeline.Result {
		res := orig(env, cfg, api)
		if res.Generated {
			*n++
		}
		return res
	}
	t.Cleanup(func() { buildAPI = orig })
	return n
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// ageFiles sets every file under dir to an old mtime, so that a rewrite
// shows even on file systems with coarse timestamps, and returns them.
func ageFiles(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	times := map[string]time.Time{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		times[p] = old
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	return times
}

func checkUntouched(t *testing.T, dir string, times map[string]time.Time) {
	t.Helper()
	seen := 0
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		seen++
		info, err := e.Info()
		if err != nil {
			t.Error(err)
			return nil
		}
		if want, ok := times[p]; !ok {
			t.Errorf("%s is new", p)
		} else if !info.ModTime().Equal(want) {
			t.Errorf("%s was rewritten (mtime %s)", p, info.ModTime())
		}
		return nil
	})
	if seen != len(times) {
		t.Errorf("%d files, want %d", seen, len(times))
	}
}

func seed(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../testdata/seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

const urlConfig = `cache: cache
apis:
  - name: demo
    title: Demo
    docs: [%URL%/customer_amount.txt]
    profile: waiqin365
    spec: api/openapi
    formats: [yaml, json]
    out: api
    package: demo
`

func TestBuildFromURLSkipsUnchanged(t *testing.T) {
	srv := newDocServer(t, seed(t, "000_cfc759fbbf88bb66.txt"))
	dir := t.TempDir()
	cfg := filepath.Join(dir, "apigen.yaml")
	writeFile := func(text string) {
		if err := os.WriteFile(cfg, []byte(strings.ReplaceAll(text, "%URL%", srv.URL)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(urlConfig)
	generations := countGenerations(t)
	out := filepath.Join(dir, "api")
	build := func(args ...string) string {
		t.Helper()
		code, _, stderr := runCLI(t, append([]string{"build", "-config", cfg}, args...)...)
		if code != exitOK {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
		return stderr
	}

	first := build()
	if *generations != 1 {
		t.Fatalf("%d generations", *generations)
	}
	for _, f := range []string{"openapi.yaml", "openapi.json", "client.go", "types.go"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(first, "customer_amount.txt:3:7: warning") {
		t.Errorf("diagnostics do not name the URL and line:\n%s", first)
	}
	times := ageFiles(t, out)

	t.Run("unchanged doc: no generation, no write", func(t *testing.T) {
		again := build()
		if *generations != 1 {
			t.Errorf("generated again (%d generations)", *generations)
		}
		if full, notModified := srv.counts(); full != 1 || notModified != 1 {
			t.Errorf("%d downloads and %d 304s, want 1 and 1", full, notModified)
		}
		if again != first {
			t.Errorf("a skipped build prints other diagnostics:\n%s\n--- first build:\n%s", again, first)
		}
		checkUntouched(t, out, times)
	})

	t.Run("forced: generation, still no write", func(t *testing.T) {
		build("-force")
		if *generations != 2 {
			t.Errorf("%d generations, want 2", *generations)
		}
		checkUntouched(t, out, times)
	})

	t.Run("deleted output: regenerated", func(t *testing.T) {
		client := filepath.Join(out, "client.go")
		if err := os.Remove(client); err != nil {
			t.Fatal(err)
		}
		n := *generations
		build()
		if *generations != n+1 {
			t.Errorf("not regenerated")
		}
		if _, err := os.Stat(client); err != nil {
			t.Error(err)
		}
		times = ageFiles(t, out)
	})

	t.Run("edited output: regenerated", func(t *testing.T) {
		types := filepath.Join(out, "types.go")
		orig, _ := os.ReadFile(types)
		if err := os.WriteFile(types, append(orig, "// edited\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		n := *generations
		build()
		if now, _ := os.ReadFile(types); *generations != n+1 || !bytes.Equal(now, orig) {
			t.Errorf("edit not undone")
		}
		times = ageFiles(t, out)
	})

	t.Run("config entry changed: regenerated", func(t *testing.T) {
		writeFile(strings.Replace(urlConfig, "title: Demo", "title: Demo API", 1))
		n := *generations
		build()
		if *generations != n+1 {
			t.Errorf("not regenerated")
		}
		spec, _ := os.ReadFile(filepath.Join(out, "openapi.yaml"))
		if !strings.Contains(string(spec), "title: Demo API") {
			t.Errorf("title not in the spec")
		}
		times = ageFiles(t, out)
	})

	t.Run("doc changed: regenerated", func(t *testing.T) {
		srv.set(bytes.Replace(seed(t, "000_cfc759fbbf88bb66.txt"), []byte("客户金额扩展新增具体金额"), []byte("客户金额扩展新增"), 1), `"v2"`)
		n := *generations
		build()
		if *generations != n+1 {
			t.Errorf("not regenerated")
		}
		spec, _ := os.ReadFile(filepath.Join(out, "openapi.yaml"))
		if strings.Contains(string(spec), "客户金额扩展新增具体金额") {
			t.Errorf("the spec still has the old summary")
		}
		build()
		if *generations != n+1 {
			t.Errorf("the changed doc is generated twice")
		}
	})

	t.Run("strictness is an input", func(t *testing.T) {
		n := *generations
		code, _, _ := runCLI(t, "build", "-config", cfg, "-strict")
		if code != exitInput || *generations != n+1 {
			t.Errorf("-strict after a lenient build: exit %d, %d generations; want %d, %d", code, *generations, exitInput, n+1)
		}
	})
}

func TestBuildFetchErrors(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(*docServer)
		config string // replaces the urlConfig's first line
		flags  []string
		want   string
	}{
		{"status", func(d *docServer) { d.status = http.StatusNotFound }, "", nil,
			"download failed: the server answered 404 Not Found"},
		{"server error", func(d *docServer) { d.status = http.StatusBadGateway }, "", nil,
			"download failed: the server answered 502 Bad Gateway"},
		{"timeout from the config", func(d *docServer) { d.delay = 10 * time.Second }, "fetch_timeout: 300ms", nil,
			"download failed: no complete answer within 300ms (raise fetch_timeout or -fetch-timeout)"},
		{"timeout flag beats the config", func(d *docServer) { d.delay = 10 * time.Second }, "fetch_timeout: 1h", []string{"-fetch-timeout", "250ms"},
			"download failed: no complete answer within 250ms (raise fetch_timeout or -fetch-timeout)"},
		{"too large", func(d *docServer) { d.fakeLength = parser.MaxDocSize + 1 }, "", nil,
			"download failed: the page is larger than 64 MiB, too large for a doc page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newDocServer(t, []byte("unused"))
			c.setup(srv)
			dir := t.TempDir()
			text := strings.ReplaceAll(urlConfig, "%URL%", srv.URL)
			if c.config != "" {
				text = strings.Replace(text, "cache: cache", "cache: cache\n"+c.config, 1)
			}
			cfg := filepath.Join(dir, "apigen.yaml")
			if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			generations := countGenerations(t)
			start := time.Now()
			code, _, stderr := runCLI(t, append([]string{"build", "-config", cfg}, c.flags...)...)
			if code != exitInput {
				t.Errorf("exit %d, want %d", code, exitInput)
			}
			wantLine := srv.URL + "/customer_amount.txt: error: " + c.want + " [E001]"
			if !strings.Contains(stderr, wantLine) || !strings.Contains(stderr, "apigen build: demo: a doc cannot be read; nothing written") {
				t.Errorf("stderr:\n%s\nwant the line\n%s", stderr, wantLine)
			}
			if *generations != 0 {
				t.Errorf("generated after a failed download")
			}
			if _, err := os.Stat(filepath.Join(dir, "api")); !os.IsNotExist(err) {
				t.Errorf("output written: %v", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

func TestSpecFromURL(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	t.Setenv("LocalAppData", cache)
	srv := newDocServer(t, seed(t, "000_cfc759fbbf88bb66.txt"))
	url := srv.URL + "/customer_amount.txt"
	code, stdout, stderr := runCLI(t, "spec", url)
	if code != exitOK || !strings.Contains(stdout, "openapi: 3.1.0") || !strings.Contains(stdout, "/api/customer_amount/v1/addCustomerAmountExt/") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, url+":3:7: warning") {
		t.Errorf("diagnostics do not name the URL:\n%s", stderr)
	}
	again, _, _ := runCLI(t, "spec", url)
	if full, notModified := srv.counts(); again != exitOK || full != 1 || notModified != 1 {
		t.Errorf("second run: exit %d, %d downloads, %d 304s; want the cached copy revalidated", again, full, notModified)
	}

	srv.mu.Lock()
	srv.status = http.StatusGone
	srv.mu.Unlock()
	code, _, stderr = runCLI(t, "spec", "-fetch-timeout", "2s", url)
	if code != exitInput || !strings.Contains(stderr, url+": error: download failed: the server answered 410 Gone [E001]") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

// From the command line: a doc edit that drops an endpoint exits 1, prints
// what would go and writes nothing; -allow-removals lets it through.
func TestBuildShrinkGuard(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "orders.md")
	use := func(version string) {
		data, err := os.ReadFile("internal/pipeline/testdata/orders-" + version + ".md")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(doc, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "apigen.yaml")
	config := "cache: cache\napis:\n  - {name: orders, docs: [orders.md], spec: api/openapi, out: api}\n"
	if err := os.WriteFile(cfg, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	use("v2")
	if code, _, stderr := runCLI(t, "build", "-config", cfg); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	times := ageFiles(t, filepath.Join(dir, "api"))
	use("v1")
	code, _, stderr := runCLI(t, "build", "-config", cfg)
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	for _, want := range []string{
		"apigen build: orders: the new docs would remove what the checked-in spec has:",
		"breaking  POST /v1/order/cancel  endpoint removed",
		"nothing written; if the removal is intended, pass -allow-removals",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}
	checkUntouched(t, filepath.Join(dir, "api"), times)
	if code, _, stderr := runCLI(t, "build", "-config", cfg, "-allow-removals"); code != exitOK {
		t.Fatalf("-allow-removals: exit %d\n%s", code, stderr)
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "api", "openapi.yaml"))
	if strings.Contains(string(spec), "/v1/order/cancel") {
		t.Error("the removal was not written")
	}
}
