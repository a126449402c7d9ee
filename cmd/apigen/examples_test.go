package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDownstreamExample runs examples/downstream the way a downstream repo
// runs apigen: its own module, `go generate ./...` through go run, then
// `go build`. It lives in the root module because `go test ./...` does not
// descend into a nested module. It works offline: the module proxy is
// off, so every module must already be in the local module cache, which
// building the root module's tests has ensured.
func TestDownstreamExample(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is not available (%v); cannot run the downstream example", err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "examples", "downstream")
	tmp := t.TempDir()
	dst := filepath.Join(tmp, "downstream")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}

	goEnv := func(name string) string {
		out, err := exec.Command(goBin, "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		return strings.TrimSpace(string(out))
	}
	// The user cache directory moves to the temp dir so the build stamps of
	// this throwaway copy stay out of the real one; GOCACHE is pinned
	// because it defaults to a folder of that same directory.
	env := append(os.Environ(),
		"GOFLAGS=-mod=mod",
		"GOPROXY=off",
		"GOWORK=off",
		"GOTOOLCHAIN=local",
		"GOCACHE="+goEnv("GOCACHE"),
		"GOMODCACHE="+goEnv("GOMODCACHE"),
		"XDG_CACHE_HOME="+filepath.Join(tmp, "cache"),
	)
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goBin, args...)
		cmd.Dir = dst
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			hint := ""
			if bytes.Contains(out, []byte("GOPROXY=off")) {
				hint = "\n(a module is missing from the local module cache: run `go mod download` in examples/downstream once with network access)"
			}
			t.Fatalf("go %s in a copy of examples/downstream: %v\n%s%s", strings.Join(args, " "), err, out, hint)
		}
		return string(out)
	}

	goCmd("mod", "edit", "-replace", "github.com/apigen/apigen="+root)
	goCmd("generate", "./...")
	stale := 0
	compare := func(rel string) {
		want, werr := os.ReadFile(filepath.Join(src, rel))
		got, gerr := os.ReadFile(filepath.Join(dst, rel))
		switch {
		case werr != nil:
			t.Errorf("go generate writes %s, which is not checked in", rel)
		case gerr != nil:
			t.Errorf("go generate removes %s", rel)
		case !bytes.Equal(want, got):
			t.Errorf("go generate changes %s", rel)
		default:
			return
		}
		stale++
	}
	seen := map[string]bool{"go.mod": true} // rewritten above
	for _, tree := range []string{src, dst} {
		filepath.WalkDir(tree, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(tree, p)
			if !seen[rel] {
				seen[rel] = true
				compare(rel)
			}
			return nil
		})
	}
	if stale > 0 {
		t.Fatalf("examples/downstream is out of date with apigen: run `go generate ./...` in examples/downstream and check in the result")
	}

	goCmd("build", "./...")
	goCmd("vet", "./...")
	if out := goCmd("run", "."); !strings.Contains(out, "STORE2021081201710 nnji: credit 567.00, usable 789.00") {
		t.Errorf("go run . printed:\n%s", out)
	}

	// The second go generate is what a downstream repo runs most days:
	// nothing changed, so nothing may be rewritten.
	times := ageFiles(t, dst)
	goCmd("generate", "./...")
	checkUntouched(t, dst, times)
}
