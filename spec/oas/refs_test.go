package oas

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A spec file's $refs to files below its directory are followed; refs
// that leave it, or name a URL, are refused.
func TestFileRefs(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, src string) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("api/common/pet.yml", "type: object\nproperties:\n  name: {type: string}\n")
	write("secret.yml", "type: string\n")
	spec := func(ref string) string {
		return "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pet:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '" + ref + "'}\n"
	}
	doc, diags := Load(write("api/ok.yaml", spec("./common/pet.yml")))
	if doc == nil {
		t.Fatalf("a sibling file: %v", diags)
	}
	for _, ref := range []string{"../secret.yml", "http://127.0.0.1:1/pet.yml"} {
		doc, diags := Load(write("api/bad.yaml", spec(ref)))
		if doc != nil || len(diags) == 0 || !strings.Contains(diags[0].Message, "only files") {
			t.Errorf("$ref %s: loaded %v, %v", ref, doc != nil, diags)
		}
	}
	if doc, _ := LoadData("mem.yaml", []byte(spec("./common/pet.yml"))); doc != nil {
		t.Error("a spec read from memory followed a file $ref")
	}
}
