package spec_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// FuzzPipeline runs a doc page through every stage: parse, build, write,
// load the written spec back and generate Go from it. None of it may
// panic; the spec apigen writes must load again, and the generator must
// render every part from it.
func FuzzPipeline(f *testing.F) {
	formats := append([]parser.Format{""}, parser.Formats()...)
	i := 0
	for _, pat := range []string{"../testdata/seeds/*", "../testdata/bad/docs/*", "../testdata/corpus/*/*.md", "../testdata/corpus/*/*.txt"} {
		paths, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			if info, err := os.Stat(p); err != nil || info.IsDir() {
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			for _, sec := range pipelineSections(string(src)) {
				f.Add([]byte(sec), uint8(i%len(formats)))
				i++
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, format uint8) {
		defer watchdog()()
		doc := parser.Parse("f.txt", src, parser.Options{Format: formats[int(format)%len(formats)]})
		built, _ := spec.Build([]*parser.Document{doc}, spec.Options{})
		var b bytes.Buffer
		if err := oas.Write(&b, built, "yaml"); err != nil {
			t.Fatalf("writing the built spec: %v", err)
		}
		loaded, diags := oas.LoadData("f.yaml", b.Bytes())
		if loaded == nil {
			t.Fatalf("the spec apigen wrote does not load: %v\n%s", diags, b.Bytes())
		}
		files, _ := generator.Generate(loaded, generator.Options{Package: "fuzz", Source: "f.yaml"})
		for _, name := range []string{"types.go", "validate.go", "client.go", "server.go", "mock.go"} {
			if _, ok := files[name]; !ok {
				t.Fatalf("the generator did not render %s\n%s", name, b.Bytes())
			}
		}
	})
}

// pipelineSections cuts a page into its endpoint sections: whole pages
// make every execution slow, and the fuzzer minimises each new input.
func pipelineSections(src string) []string {
	if len(src) <= 4<<10 {
		return []string{src}
	}
	var out []string
	for _, mark := range []string{"\n# ", "\n## "} {
		if strings.Count(src, mark) > 1 {
			for _, s := range strings.SplitAfter(src, mark) {
				out = append(out, strings.TrimPrefix(mark, "\n")+s)
			}
			return out
		}
	}
	return []string{src[:4<<10]}
}
