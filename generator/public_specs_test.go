package generator_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	goldenfile "github.com/apigen/apigen/parser/golden"

	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// TestPublicSpecs runs the generator on the OpenAPI documents in
// testdata/specs, which apigen did not write. For each it checks the W021
// diagnostics against testdata/specs/golden/NAME.diagnostics (each must
// name a JSON pointer that exists in the document), writes the package into
// a module of its own that requires nothing, runs go vet and go build there,
// and then go test with testdata/specs/roundtrip/PKG_test.go: a client and
// server round trip over 127.0.0.1 through the generated code.
func TestPublicSpecs(t *testing.T) {
	testSpecDir(t, filepath.Join("..", "testdata", "specs"))
}

// TestEdgeSpecs does the same for testdata/generator, specs written for
// this test that gather the constructs Go makes awkward: keyword and
// colliding names, overlapping routes and parameters inside a segment,
// nullable values, enums of every scalar type, form and multipart bodies.
func TestEdgeSpecs(t *testing.T) {
	testSpecDir(t, filepath.Join("..", "testdata", "generator"))
}

func testSpecDir(t *testing.T, specsDir string) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	var specs []string
	for _, pat := range []string{"*.yaml", "*.yml", "*.json"} {
		m, _ := filepath.Glob(filepath.Join(specsDir, pat))
		specs = append(specs, m...)
	}
	slices.Sort(specs)
	if len(specs) == 0 {
		t.Fatalf("no specs in %s", specsDir)
	}
	for _, path := range specs {
		base := filepath.Base(path)
		name := strings.TrimSuffix(base, filepath.Ext(base))
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			pkg := packageName(name)
			doc, lines, ld := oas.LoadLines(path)
			if doc == nil {
				t.Fatalf("loading %s: %v", path, ld)
			}
			files, gd := generator.Generate(doc, generator.Options{Package: pkg, Source: base, Lines: lines})
			if gd.HasErrors() {
				t.Fatalf("generate: %v", gd)
			}
			// Every diagnostic names the line of the spec it is about.
			for _, d := range gd {
				if d.Pos.Line == 0 {
					t.Errorf("no line: %s", d)
				}
			}
			checkW021(t, path, filepath.Join(specsDir, "golden", name+".diagnostics"), gd)
			again, _ := generator.Generate(doc, generator.Options{Package: pkg, Source: base})
			if !maps.EqualFunc(files, again, bytes.Equal) {
				t.Error("two runs of the generator differ")
			}

			mod := t.TempDir()
			writeFile(t, filepath.Join(mod, "go.mod"), []byte("module tmp/x\n\ngo 1.26\n"))
			dir := filepath.Join(mod, pkg)
			for file, src := range files {
				writeFile(t, filepath.Join(dir, file), src)
			}
			roundTrip := filepath.Join(specsDir, "roundtrip", pkg+"_test.go")
			src, err := os.ReadFile(roundTrip)
			if err != nil {
				t.Errorf("no round trip test for %s: %v", base, err)
			} else {
				writeFile(t, filepath.Join(dir, "roundtrip_test.go"), src)
			}
			// -trimpath keeps the temporary directory out of the build
			// cache's keys, so an unchanged package is compiled once.
			goRun(t, goCmd, mod, "vet", "-trimpath", "./...")
			goRun(t, goCmd, mod, "build", "-trimpath", "./...")
			if src != nil {
				goRun(t, goCmd, mod, "test", "-trimpath", "-count=1", "./...")
			}
		})
	}
}

// packageName is the Go package name for a spec file name, as
// scripts/compare.sh chooses it: lower-case letters and digits only.
func packageName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// checkW021 compares the generator's W021 diagnostics with the golden list
// and checks that each starts with a JSON pointer into the document.
func checkW021(t *testing.T, path, golden string, diags diag.List) {
	t.Helper()
	var lines []string
	for _, d := range diags {
		if d.Code != diag.Unsupported {
			continue
		}
		lines = append(lines, d.Message)
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n")
	if got != "" {
		got += "\n"
	}
	goldenfile.Check(t, golden, []byte(got))

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, msg := range lines {
		pointer, _, ok := strings.Cut(msg, ": ")
		if !ok || !strings.HasPrefix(pointer, "#/") {
			t.Errorf("W021 does not start with a JSON pointer: %s", msg)
			continue
		}
		if err := resolvePointer(doc, pointer); err != nil {
			t.Errorf("W021 names %s, which the document does not have: %v", pointer, err)
		}
	}
}

// resolvePointer walks a JSON pointer through a decoded document,
// following local $refs on the way, as the generator sees the document.
func resolvePointer(doc any, pointer string) error {
	cur := doc
	for hops := 0; ; hops++ {
		if hops > 64 {
			return fmt.Errorf("too many $ref hops")
		}
		rest, ok := strings.CutPrefix(pointer, "#")
		if !ok {
			return fmt.Errorf("not a local pointer")
		}
		cur = doc
		redirected := false
		tokens := strings.Split(strings.TrimPrefix(rest, "/"), "/")
		if rest == "" {
			tokens = nil
		}
		for i, tok := range tokens {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			next, found := child(cur, tok)
			if !found {
				ref, isRef := refOf(cur)
				if !isRef {
					return fmt.Errorf("no %q at /%s", tok, strings.Join(tokens[:i], "/"))
				}
				pointer = ref + "/" + strings.Join(tokens[i:], "/")
				redirected = true
				break
			}
			cur = next
		}
		if !redirected {
			return nil
		}
	}
}

func child(node any, key string) (any, bool) {
	switch n := node.(type) {
	case map[string]any:
		v, ok := n[key]
		return v, ok
	case map[any]any:
		for k, v := range n {
			if fmt.Sprint(k) == key {
				return v, true
			}
		}
	case []any:
		i, err := strconv.Atoi(key)
		if err == nil && i >= 0 && i < len(n) {
			return n[i], true
		}
	}
	return nil, false
}

func refOf(node any) (string, bool) {
	v, ok := child(node, "$ref")
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	return s, ok && strings.HasPrefix(s, "#")
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goRun runs the go command in a module that needs nothing from the
// network and no workspace.
func goRun(t *testing.T, goCmd, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
