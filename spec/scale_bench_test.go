package spec_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// tableDoc is a Markdown page with one endpoint whose request table has
// rows rows, named so that their alphabetical order is not the doc's.
func tableDoc(rows int) []byte {
	var b strings.Builder
	b.WriteString("# 大表\n\n- 请求URL: /api/wide/query\n- 请求方式: POST\n\n请求参数\n\n| 参数 | 类型 | 必填 | 说明 |\n|---|---|---|---|\n")
	for i := range rows {
		fmt.Fprintf(&b, "| f%d | string | 是 | 字段 %d |\n", rows-i, i)
	}
	return []byte(b.String())
}

// BenchmarkTableRows parses, builds and writes a doc of one wide table.
// The time per row is reported so sizes can be compared: it should stay
// flat as the table grows.
func BenchmarkTableRows(b *testing.B) {
	for _, rows := range []int{1_000, 10_000} {
		src := tableDoc(rows)
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				doc := parser.Parse("wide.md", src, parser.Options{})
				t, _ := spec.Build([]*parser.Document{doc}, spec.Options{})
				if err := oas.Write(io.Discard, t, "yaml"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
		})
	}
}
