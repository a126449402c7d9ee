package spec_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// TestDeepDottedNames feeds rows whose dotted names nest thousands of
// levels. Fields nest 32 levels at most, so the spec and the generated
// package stay small whatever the length of the name; the rows around the
// deep one are kept. Before the limit, the 14 KB page made a 38 MB spec
// and a 96 MB package, and 5,000 segments failed to encode at all.
func TestDeepDottedNames(t *testing.T) {
	numbered := make([]string, 2500)
	for i := range numbered {
		numbered[i] = "f" + strconv.Itoa(i+1)
	}
	tests := []struct {
		name, field string
	}{
		{"5000 segments", strings.Repeat("a.", 4999) + "a"},
		{"14 KB page", strings.Join(numbered, ".")},
	}
	const (
		maxSpec    = 32 << 10
		maxPackage = 256 << 10
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "# deep\n\n- 请求URL: /api/deep\n- 请求方式: POST\n\n请求参数\n\n| 参数 | 类型 | 必填 | 说明 |\n|---|---|---|---|\n" +
				"| head | string | 是 | 前 |\n" +
				"| " + tt.field + " | string | 是 | 深 |\n" +
				"| tail | string | 是 | 后 |\n"
			const deepLine = 11
			doc := parser.Parse("deep.md", []byte(src), parser.Options{})
			built, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
			var b bytes.Buffer
			if err := oas.Write(&b, built, "yaml"); err != nil {
				t.Fatalf("writing the spec: %v", err)
			}
			if b.Len() > maxSpec {
				t.Errorf("a %d-byte page made a %d-byte spec, over %d", len(src), b.Len(), maxSpec)
			}
			for _, kept := range []string{"head:", "tail:"} {
				if !strings.Contains(b.String(), kept) {
					t.Errorf("the spec lost the row %s beside the deep one", strings.TrimSuffix(kept, ":"))
				}
			}
			loaded, ld := oas.LoadData("deep.yaml", b.Bytes())
			if loaded == nil {
				t.Fatalf("the written spec does not load: %v", ld)
			}
			files, _ := generator.Generate(loaded, generator.Options{Package: "deep", Source: "deep.yaml"})
			total := 0
			for _, f := range files {
				total += len(f)
			}
			if total > maxPackage {
				t.Errorf("a %d-byte page made a %d-byte package, over %d", len(src), total, maxPackage)
			}
			var cut []diag.Diagnostic
			for _, d := range diags {
				if d.Code == diag.NestedTooDeep {
					cut = append(cut, d)
				}
			}
			if len(cut) != 1 || cut[0].Pos.File != "deep.md" || cut[0].Pos.Line != deepLine {
				t.Errorf("want one %s at deep.md:%d, got %v", diag.NestedTooDeep, deepLine, cut)
			}
		})
	}
}
