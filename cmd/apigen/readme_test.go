package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// recipe is the README's install and first-use instructions, as written:
// blocks marked <!-- recipe:install -->, <!-- recipe:module -->,
// <!-- recipe:file PATH --> and <!-- recipe:run -->.
type recipe struct {
	install, module, run string
	files                map[string]string
}

var recipeBlock = regexp.MustCompile("(?s)<!-- recipe:(\\w+)(?: ([^ ]+))? -->\\n```\\w*\\n(.*?)```")

func readRecipe(t *testing.T) recipe {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	r := recipe{files: map[string]string{}}
	for _, m := range recipeBlock.FindAllStringSubmatch(string(readme), -1) {
		switch m[1] {
		case "install":
			r.install = m[3]
		case "module":
			r.module = m[3]
		case "run":
			r.run = m[3]
		case "file":
			r.files[m[2]] = m[3]
		default:
			t.Fatalf("README.md: unknown recipe block %q", m[1])
		}
	}
	if r.install == "" || r.module == "" || r.run == "" || len(r.files) == 0 {
		t.Fatalf("README.md lacks a recipe block: %+v", r)
	}
	return r
}

// TestReadmeRecipe follows the README from a clone to a generated,
// compiling package in a brand-new module outside this repository,
// running its commands as written with a shell. The only step added is
// the one the README asks of the reader: saving a doc page in docs/.
func TestReadmeRecipe(t *testing.T) {
	if testing.Short() {
		t.Skip("installs apigen and builds a module")
	}
	r := readRecipe(t)
	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	env := append(os.Environ(), "GOBIN="+bin, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	sh := func(dir, script string) string {
		t.Helper()
		cmd := exec.Command("sh", "-e", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("in %s:\n%s\nfailed: %v\n%s", dir, script, err, out)
		}
		return string(out)
	}
	clone, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if out := sh(clone, r.install); !strings.Contains(out, "apigen ") {
		t.Fatalf("apigen version printed %q", out)
	}
	work := filepath.Join(home, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	// The module block cds into the new module; what follows runs there.
	sh(work, r.module)
	mod := filepath.Join(work, "myapi")
	for path, text := range r.files {
		if err := os.WriteFile(filepath.Join(mod, path), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := os.ReadFile("../../testdata/seeds/003_acd2d6f03fadcd29.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "docs", "vendor.txt"), doc, 0o644); err != nil {
		t.Fatal(err)
	}
	sh(mod, r.run)
	for _, f := range []string{"api/vendorapi/openapi.yaml", "api/vendorapi/openapi.json", "internal/vendorapi/client.go", "internal/vendorapi/generate.go"} {
		if _, err := os.Stat(filepath.Join(mod, f)); err != nil {
			t.Error(err)
		}
	}
}
