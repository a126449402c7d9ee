package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// Every command explains itself with -h and exits 0; unknown flags are
// usage errors (2).
func TestHelpAndUsage(t *testing.T) {
	for name := range commands {
		var out, errOut bytes.Buffer
		if code := run([]string{name, "-h"}, &out, &errOut); code != exitOK {
			t.Errorf("%s -h: exit %d", name, code)
		}
		if !strings.Contains(errOut.String(), "Usage: apigen "+name) {
			t.Errorf("%s -h does not explain itself:\n%s", name, errOut.String())
		}
		errOut.Reset()
		if code := run([]string{name, "-no-such-flag"}, &out, &errOut); code != exitUsage {
			t.Errorf("%s -no-such-flag: exit %d, want %d", name, code, exitUsage)
		}
	}
	var out, errOut bytes.Buffer
	if code := run(nil, &out, &errOut); code != exitUsage {
		t.Errorf("no command: exit %d", code)
	}
	if code := run([]string{"frobnicate"}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %s", code, errOut.String())
	}
}

func TestLintExplainAndSummary(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"lint", "-explain", "w012"}, &out, &errOut); code != exitOK || !strings.HasPrefix(out.String(), "W012 (warning): ") {
		t.Errorf("explain: exit %d, %q", code, out.String())
	}
	out.Reset()
	seed := "../../testdata/seeds/000_cfc759fbbf88bb66.txt"
	if code := run([]string{"lint", seed}, &out, &errOut); code != exitOK {
		t.Errorf("lint: exit %d", code)
	}
	if !strings.Contains(out.String(), seed+": text, 2 endpoints (2 read), ") {
		t.Errorf("lint summary missing:\n%s", out.String())
	}
	if code := run([]string{"lint", "-strict", seed}, &out, &errOut); code != exitInput {
		t.Errorf("lint -strict with warnings: exit %d, want %d", code, exitInput)
	}
	out.Reset()
	run([]string{"lint", "-format", "json", seed}, &out, &errOut)
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.HasPrefix(line, `{"pos":{"file":`) {
			t.Fatalf("not a JSON diagnostic: %s", line)
		}
	}
}

// The spec command writes the same bytes on every run, in YAML and JSON.
func TestSpecDeterministic(t *testing.T) {
	dir := t.TempDir()
	seeds := []string{"../../testdata/seeds/000_cfc759fbbf88bb66.txt", "../../testdata/seeds/001_0fff4a18e5a0f8bc.txt"}
	for _, format := range []string{"yaml", "json"} {
		var first []byte
		for i := range 2 {
			path := filepath.Join(dir, format+string(rune('a'+i)))
			var out, errOut bytes.Buffer
			if code := run(append([]string{"spec", "-format", format, "-o", path}, seeds...), &out, &errOut); code != exitOK {
				t.Fatalf("spec: exit %d\n%s", code, errOut.String())
			}
			got, _ := os.ReadFile(path)
			if i == 0 {
				first = got
			} else if !bytes.Equal(first, got) {
				t.Fatalf("%s output differs between runs", format)
			}
		}
		if !bytes.Contains(first, []byte("3.1.0")) || bytes.Count(first, []byte("operationId")) != 43 {
			t.Fatalf("%s spec lacks the 43 operations", format)
		}
	}
}

// spec -openapi 3.0 writes the 3.0 form; another version is a usage error.
func TestSpecOpenAPI30(t *testing.T) {
	seed := "../../testdata/seeds/000_cfc759fbbf88bb66.txt"
	var out, errOut bytes.Buffer
	if code := run([]string{"spec", "-openapi", "3.0", seed}, &out, &errOut); code != exitOK {
		t.Fatalf("spec -openapi 3.0: exit %d\n%s", code, errOut.String())
	}
	for _, want := range []string{"openapi: 3.0.3\n", "nullable: true\n", "anyOf:\n", "x-apigen-content-schema:\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the 3.0 spec lacks %q", want)
		}
	}
	if strings.Contains(out.String(), "contentSchema:") {
		t.Error("the 3.0 spec has contentSchema")
	}
	errOut.Reset()
	if code := run([]string{"spec", "-openapi", "2.0", seed}, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "-openapi must be 3.1 or 3.0") {
		t.Errorf("spec -openapi 2.0: exit %d, %s", code, errOut.String())
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"-version"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitOK || !strings.HasPrefix(out.String(), "apigen ") || !strings.Contains(out.String(), "(go1.") {
			t.Errorf("%v: exit %d, %q", args, code, out.String())
		}
	}
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionLine(info), "apigen (devel) 0123456789ab+dirty (go1.26.8)"; got != want {
		t.Errorf("devel build: %q, want %q", got, want)
	}
	info.Main.Version = "v1.4.0"
	if got, want := versionLine(info), "apigen v1.4.0 (go1.26.8)"; got != want {
		t.Errorf("released build: %q, want %q", got, want)
	}
}

// The published 3.0 form loses nothing the generator uses: gen on
// openapi.v30.yaml writes the package gen on openapi.yaml writes, but for
// the spec file the README names.
func TestGenFrom30(t *testing.T) {
	for _, api := range []string{"waiqin", "showdoc", "wisecrm"} {
		t.Run(api, func(t *testing.T) {
			var pkgs []map[string]string
			for _, spec := range []string{"openapi.yaml", "openapi.v30.yaml"} {
				dir := filepath.Join(t.TempDir(), api)
				var out, errOut bytes.Buffer
				if code := run([]string{"gen", "-spec", filepath.Join("../../generated", api, spec), "-o", dir, "-package", api}, &out, &errOut); code != exitOK {
					t.Fatalf("gen -spec %s: exit %d\n%s", spec, code, errOut.String())
				}
				if strings.Contains(errOut.String(), "[W021]") {
					t.Errorf("gen -spec %s reports constructs it cannot express:\n%s", spec, errOut.String())
				}
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				files := map[string]string{}
				for _, e := range entries {
					data, err := os.ReadFile(filepath.Join(dir, e.Name()))
					if err != nil {
						t.Fatal(err)
					}
					files[e.Name()] = strings.ReplaceAll(string(data), "`"+spec+"`", "`SPEC`")
				}
				pkgs = append(pkgs, files)
			}
			if len(pkgs[0]) < 5 || !maps.Equal(pkgs[0], pkgs[1]) {
				for name := range pkgs[0] {
					if pkgs[0][name] != pkgs[1][name] {
						t.Errorf("%s differs between the packages from openapi.yaml and openapi.v30.yaml", name)
					}
				}
				t.Errorf("the packages from openapi.yaml and openapi.v30.yaml differ: %d and %d files", len(pkgs[0]), len(pkgs[1]))
			}
		})
	}
}
