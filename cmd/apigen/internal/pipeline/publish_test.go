package pipeline

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// Publish hands the generator what reading the published YAML gives: the
// package generated from it, and the diagnostics, are those of the spec
// written and loaded back, for every doc of testdata.
func TestPublishReadsAsWritten(t *testing.T) {
	var docs []string
	err := filepath.WalkDir(filepath.Join("..", "..", "..", "..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && slices.Contains([]string{".md", ".txt", ".html"}, filepath.Ext(path)) {
			docs = append(docs, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	built := func(path string) *openapi3.T {
		s, _ := spec.Build([]*parser.Document{parser.ParseFile(path, parser.Options{})}, spec.Options{})
		return s
	}
	compared := 0
	for _, path := range docs {
		s := built(path)
		if s == nil {
			continue
		}
		pinDiags, ok := Pin(s, "api.yaml")
		if !ok {
			t.Fatalf("%s: %v", path, pinDiags)
		}
		published, diags := Publish(s, "api.yaml")
		loaded, lines := published.Spec, published.Lines
		// The reading Publish stands for.
		ref := built(path)
		if err := openapi3.NewLoader().ResolveRefsIn(ref, nil); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		_ = generator.Annotate(ref)
		var b bytes.Buffer
		if err := oas.Write(&b, ref, "yaml"); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !bytes.Equal(published.YAML, b.Bytes()) {
			t.Errorf("%s: Publish's YAML differs from the spec written", path)
		}
		want, wantLines, wantDiags := oas.LoadDataLines("api.yaml", b.Bytes())
		if (loaded == nil) != (want == nil) || fmt.Sprint(diags) != fmt.Sprint(wantDiags) {
			t.Errorf("%s: Publish loaded %v with %v, reading %v with %v", path, loaded != nil, diags, want != nil, wantDiags)
			continue
		}
		if loaded == nil {
			continue
		}
		compared++
		opts := generator.Options{Package: "api", Source: "api.yaml", Lines: lines}
		got, gotDiags := generator.Generate(loaded, opts)
		opts.Lines = wantLines
		wantFiles, wantGenDiags := generator.Generate(want, opts)
		if fmt.Sprint(gotDiags) != fmt.Sprint(wantGenDiags) {
			t.Errorf("%s: generating from Publish reports\n%v\nfrom the reading\n%v", path, gotDiags, wantGenDiags)
		}
		if !maps.EqualFunc(got, wantFiles, bytes.Equal) {
			for name := range wantFiles {
				if !bytes.Equal(got[name], wantFiles[name]) {
					t.Errorf("%s: %s generated from Publish differs from the reading's", path, name)
				}
			}
		}
	}
	if compared < 100 {
		t.Errorf("only %d docs compared", compared)
	}
}
