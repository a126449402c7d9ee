package spec_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/spec/oas"
)

// FuzzLoadData loads arbitrary bytes as a spec. `apigen gen` accepts any
// OpenAPI document, so a spec that loads is also written back and
// generated from: none of it may panic, and a spec that does not load must
// say why with an error.
func FuzzLoadData(f *testing.F) {
	for _, s := range fuzzSpecSeeds(f, "../testdata/specs/*", "../testdata/bad/specs/*", "../generated/*/openapi.yaml", "diff/testdata/*.yaml") {
		f.Add(s)
	}
	for _, s := range []string{
		"",
		"openapi: 3.1.0",
		"{\"openapi\":\"3.0.0\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{}}",
		"openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {$ref: '#/components/schemas/A'}}}\n",
		"openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {/a: {get: {responses: {'200': {description: x, content: {application/json: {schema: {type: [string, object, 'null']}}}}}}}}\n",
		"&a [*a]",
		"openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: {}\nx: &a {b: *a}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog()()
		doc, diags := oas.LoadData("f.yaml", data)
		for _, d := range diags {
			if !d.Code.Known() {
				t.Fatalf("unregistered code %s", d.Code)
			}
			if d.Pos.File != "f.yaml" {
				t.Fatalf("diagnostic %s names %q, not the spec", d.Code, d.Pos.File)
			}
		}
		if doc == nil {
			if !diags.HasErrors() {
				t.Fatalf("the spec did not load, and no error says why: %v", diags)
			}
			return
		}
		var b bytes.Buffer
		_ = oas.Write(&b, doc, "yaml")
		generator.Generate(doc, generator.Options{Package: "fuzz", Source: "f.yaml"})
	})
}

// fuzzSpecSeeds reads the files the patterns match, leaving out the large
// real-world specs: each fuzz execution loads its input, and a megabyte
// seed would slow every one of them.
func fuzzSpecSeeds(f *testing.F, patterns ...string) [][]byte {
	var seeds [][]byte
	for _, pat := range patterns {
		paths, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			if info, err := os.Stat(p); err != nil || info.IsDir() {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if len(data) <= 64<<10 {
				seeds = append(seeds, data)
			}
		}
	}
	return seeds
}

// fuzzExecLimit bounds one fuzz execution. The fuzzer itself never reports
// a hang, it only stalls; a panic from the watchdog ends the worker, and
// the fuzzer then records the input as a crasher.
const fuzzExecLimit = 10 * time.Second

func watchdog() (stop func()) {
	timer := time.AfterFunc(fuzzExecLimit, func() {
		buf := make([]byte, 1<<20)
		panic(fmt.Sprintf("one execution took over %v:\n%s", fuzzExecLimit, buf[:runtime.Stack(buf, true)]))
	})
	return func() { timer.Stop() }
}
