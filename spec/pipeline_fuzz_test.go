package spec_test

import (
	"bytes"
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// FuzzPipeline runs a doc page through the stages that read it: parse,
// build, write, and load the written spec back. None of it may panic, and
// the spec apigen writes must load again. Generating Go from that spec
// costs as much again as all of them together, so it is left out of the
// fuzzing loop: TestPipelineGenerates takes every seed and every committed
// input of this target on through the generator.
func FuzzPipeline(f *testing.F) {
	for _, in := range pipelineSeeds(f) {
		f.Add(in.src, in.format)
	}
	f.Fuzz(func(t *testing.T, src []byte, format uint8) {
		defer watchdog()()
		writeAndLoad(t, pipelineInput{src, format})
	})
}

// TestPipelineGenerates checks the last stage of the pipeline on the
// inputs FuzzPipeline knows: the generator must render every part from the
// spec apigen wrote.
func TestPipelineGenerates(t *testing.T) {
	inputs := append(pipelineSeeds(t), pipelineCorpus(t, "testdata/fuzz/FuzzPipeline")...)
	for _, in := range inputs {
		loaded, written := writeAndLoad(t, in)
		files, _ := generator.Generate(loaded, generator.Options{Package: "fuzz", Source: "f.yaml"})
		for _, name := range []string{"types.go", "validate.go", "client.go", "server.go", "mock.go"} {
			if _, ok := files[name]; !ok {
				t.Fatalf("the generator did not render %s\n%s", name, written)
			}
		}
	}
}

// pipelineInput is one FuzzPipeline input: a page and the format it is
// read as (an index into pipelineFormats).
type pipelineInput struct {
	src    []byte
	format uint8
}

var pipelineFormats = append([]parser.Format{""}, parser.Formats()...)

// writeAndLoad parses, builds and writes a page, then loads the written
// spec back, failing t if it does not load.
func writeAndLoad(t *testing.T, in pipelineInput) (*openapi3.T, []byte) {
	doc := parser.Parse("f.txt", in.src, parser.Options{Format: pipelineFormats[int(in.format)%len(pipelineFormats)]})
	built, _ := spec.Build([]*parser.Document{doc}, spec.Options{})
	var b bytes.Buffer
	if err := oas.Write(&b, built, "yaml"); err != nil {
		t.Fatalf("writing the built spec: %v", err)
	}
	loaded, diags := oas.LoadData("f.yaml", b.Bytes())
	if loaded == nil {
		t.Fatalf("the spec apigen wrote does not load: %v\n%s", diags, b.Bytes())
	}
	return loaded, b.Bytes()
}

// pipelineSeeds are the test docs cut into sections, each read in one of
// the formats in turn.
func pipelineSeeds(tb testing.TB) []pipelineInput {
	var seeds []pipelineInput
	for _, pat := range []string{"../testdata/seeds/*", "../testdata/bad/docs/*", "../testdata/corpus/*/*.md", "../testdata/corpus/*/*.txt"} {
		paths, err := filepath.Glob(pat)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range paths {
			if info, err := os.Stat(p); err != nil || info.IsDir() {
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			for _, sec := range pipelineSections(string(src)) {
				seeds = append(seeds, pipelineInput{[]byte(sec), uint8(len(seeds) % len(pipelineFormats))})
			}
		}
	}
	return seeds
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

// pipelineCorpus reads the inputs committed for FuzzPipeline: files in the
// fuzzer's corpus format, a header line and then one Go literal a line,
// []byte("…") and byte('…').
func pipelineCorpus(t *testing.T, dir string) []pipelineInput {
	paths, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []pipelineInput
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		in, err := readCorpusEntry(string(data))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		inputs = append(inputs, in)
	}
	return inputs
}

func readCorpusEntry(data string) (pipelineInput, error) {
	lines := strings.Split(strings.TrimSpace(data), "\n")
	if len(lines) != 3 || lines[0] != "go test fuzz v1" {
		return pipelineInput{}, fmt.Errorf("not a corpus file of two values")
	}
	var lits [2]string
	for i, want := range []string{"[]byte", "byte"} {
		e, err := goparser.ParseExpr(lines[i+1])
		call, ok := e.(*ast.CallExpr)
		if err != nil || !ok || len(call.Args) != 1 {
			return pipelineInput{}, fmt.Errorf("line %d is not a %s value", i+2, want)
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || want == "[]byte" && lit.Kind != token.STRING || want == "byte" && lit.Kind != token.CHAR {
			return pipelineInput{}, fmt.Errorf("line %d is not a %s literal", i+2, want)
		}
		if lits[i], err = strconv.Unquote(lit.Value); err != nil {
			return pipelineInput{}, fmt.Errorf("line %d: %v", i+2, err)
		}
	}
	r, _ := utf8.DecodeRuneInString(lits[1])
	if r > 0xff {
		return pipelineInput{}, fmt.Errorf("byte value %q out of range", lits[1])
	}
	return pipelineInput{[]byte(lits[0]), uint8(r)}, nil
}
