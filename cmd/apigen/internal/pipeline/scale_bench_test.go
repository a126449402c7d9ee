package pipeline

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// scaleDoc is a synthetic Waiqin-style doc of n endpoints: each with a
// request table of eight rows (nested ones among them), a request example
// and an enveloped response example.
func scaleDoc(n int) []byte { return scaleEndpoints(0, n) }

// scalePages is the endpoints of scaleDoc(n) on pages pages, as a vendor
// site that gives each group of endpoints a page of its own.
func scalePages(n, pages int) [][]byte {
	out := make([][]byte, pages)
	for p := range pages {
		out[p] = scaleEndpoints(p*n/pages, (p+1)*n/pages)
	}
	return out
}

// scaleEndpoints writes the endpoints from up to to of scaleDoc.
func scaleEndpoints(from, to int) []byte {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "## 接口%d\n\n接口说明：查询第%d类数据\n\n请求方式：POST\n\n请求地址：https://openapi.example.com/api/m%d/v1/query%d\n\n", i, i, i%50, i)
		b.WriteString("请求参数\n\n| 参数 | 类型 | 必填 | 说明 |\n|---|---|---|---|\n")
		fmt.Fprintf(&b, "| code%d | VARCHAR(32) | 是 | 编码 |\n| name | VARCHAR(64) | 否 | 名称 |\n| status | INT | 否 | 状态：0:停用,1:启用 |\n| amount | NUMERIC(15,2) | 否 | 金额 |\n", i)
		b.WriteString("| create_time | VARCHAR(19) | 否 | 创建时间，格式yyyy-MM-dd HH:mm:ss |\n| items | List | 否 | 明细 |\n| items.sku | VARCHAR(32) | 是 | 货号 |\n| items.count | INT | 是 | 数量 |\n\n")
		fmt.Fprintf(&b, "请求示例\n\n```json\n{\"code%d\": \"C1\", \"name\": \"a\", \"status\": 1, \"amount\": \"9.50\", \"items\": [{\"sku\": \"S1\", \"count\": 2}]}\n```\n\n", i)
		b.WriteString("返回示例\n\n```json\n{\"code\": 0, \"msg\": \"ok\", \"data\": {\"id\": \"1\", \"name\": \"a\", \"total\": 3}}\n```\n\n")
	}
	return []byte(b.String())
}

// peakHeap samples the heap in use until stop is called, and returns the
// largest sample: the peak of a stage, which allocation counts do not say.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapInuse > peak.Load() {
			peak.Store(m.HeapInuse)
		}
	}
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(done)
		sample()
		return peak.Load()
	}
}

// shapeDoc is a doc of n endpoints whose request table has width sibling
// fields and a chain of objects depth deep (n1, n1.n2, …), with an
// example that sends them all.
func shapeDoc(n, width, depth int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "## 接口%d\n\n请求方式：POST\n\n请求地址：https://openapi.example.com/api/shape/v1/op%d\n\n", i, i)
		b.WriteString("请求参数\n\n| 参数 | 类型 | 必填 | 说明 |\n|---|---|---|---|\n")
		for f := range width {
			fmt.Fprintf(&b, "| f%d | VARCHAR(16) | 否 | 字段%d |\n", f, f)
		}
		name := ""
		for d := 1; d <= depth; d++ {
			name = strings.TrimPrefix(name+".n"+strconv.Itoa(d), ".")
			typ := "Object"
			if d == depth {
				typ = "INT"
			}
			fmt.Fprintf(&b, "| %s | %s | 是 | 第%d层 |\n", name, typ, d)
		}
		b.WriteString("\n请求示例\n\n```json\n{")
		for f := range width {
			fmt.Fprintf(&b, "\"f%d\": \"v\", ", f)
		}
		for d := 1; d < depth; d++ {
			fmt.Fprintf(&b, "\"n%d\": {", d)
		}
		if depth > 0 {
			fmt.Fprintf(&b, "\"n%d\": 1", depth)
		}
		b.WriteString(strings.Repeat("}", max(depth-1, 0)) + "}\n```\n\n")
		b.WriteString("返回示例\n\n```json\n{\"code\": 0, \"msg\": \"ok\", \"data\": {\"id\": \"1\"}}\n```\n\n")
	}
	return []byte(b.String())
}

// runPipeline takes docs through parse, spec, publish and generate, and
// reports time and peak heap per unit (endpoint, field), and each stage's
// time per unit.
func runPipeline(b *testing.B, pages [][]byte, units int, unit string) {
	b.ReportAllocs()
	runtime.GC()
	stop := peakHeap()
	var stages [4]time.Duration
	var specLive uint64
	timed := func(stage int, start time.Time) time.Time {
		now := time.Now()
		stages[stage] += now.Sub(start)
		return now
	}
	for b.Loop() {
		start := time.Now()
		var docs []*parser.Document
		for _, doc := range parser.ParseAll(len(pages), func(i int) *parser.Document {
			return parser.Parse(fmt.Sprintf("scale%d.md", i), pages[i], parser.Options{})
		}) {
			docs = append(docs, doc)
		}
		start = timed(0, start)
		t, diags := spec.Build(docs, spec.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		docs = nil
		start = timed(1, start)
		if specLive == 0 {
			specLive = liveHeap(b)
			start = time.Now()
		}
		if pd, ok := Pin(t, "scale.yaml"); !ok {
			b.Fatal(pd)
		}
		published, pd := Publish(t, "scale.yaml")
		if published.Spec == nil {
			b.Fatal(pd)
		}
		start = timed(2, start)
		if _, gd := generator.Generate(published.Spec, generator.Options{Package: "scale", Source: "scale.yaml", Lines: published.Lines}); gd.HasErrors() {
			b.Fatal(gd)
		}
		timed(3, start)
	}
	peak := stop()
	perUnit := func(ns int64) float64 { return float64(ns) / float64(b.N) / float64(units) }
	b.ReportMetric(perUnit(b.Elapsed().Nanoseconds()), "ns/"+unit)
	for i, stage := range []string{"parse", "build", "publish", "generate"} {
		b.ReportMetric(perUnit(stages[i].Nanoseconds()), stage+"-ns/"+unit)
	}
	b.ReportMetric(float64(peak)/float64(units), "peak-heap-B/"+unit)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(specLive)/(1<<20), "spec-live-MiB")
}

// liveHeap is the heap the built spec holds: what is live after a
// collection once the docs are let go of. The stages after it hold the
// spec whole, and the collector lets the heap grow to twice what is live
// (GOGC=100) before it collects, so twice this bounds the peak from
// below. The collection is not timed.
func liveHeap(b *testing.B) uint64 {
	b.StopTimer()
	defer b.StartTimer()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkScale runs docs of 500, 2,000 and 10,000 endpoints through
// parse, spec, publish and generate, and reports time and peak heap per
// endpoint: both should stay flat as the API grows (make bench-scale).
// Each size is one doc, then the same endpoints on pages of 100 each.
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{500, 2_000, 10_000} {
		doc := [][]byte{scaleDoc(n)}
		b.Run(fmt.Sprintf("endpoints=%d", n), func(b *testing.B) { runPipeline(b, doc, n, "endpoint") })
		pages := scalePages(n, n/100)
		b.Run(fmt.Sprintf("endpoints=%d/pages=%d", n, len(pages)), func(b *testing.B) { runPipeline(b, pages, n, "endpoint") })
	}
}

// BenchmarkScaleShapes runs docs whose objects grow wider (10 endpoints
// of 250, 500 and 1,000 sibling fields) and deeper (100 endpoints of
// chains of 10, 20 and 40 nested objects), and reports time and peak
// heap per field: both should stay flat as objects grow.
func BenchmarkScaleShapes(b *testing.B) {
	for _, s := range []struct {
		name                   string
		endpoints, width, deep int
	}{
		{"wide=250", 10, 250, 0},
		{"wide=500", 10, 500, 0},
		{"wide=1000", 10, 1_000, 0},
		{"deep=10", 100, 0, 10},
		{"deep=20", 100, 0, 20},
		{"deep=40", 100, 0, 40},
	} {
		doc := [][]byte{shapeDoc(s.endpoints, s.width, s.deep)}
		b.Run(s.name, func(b *testing.B) { runPipeline(b, doc, s.endpoints*(s.width+s.deep), "field") })
	}
}

// BenchmarkScaleLoad loads the spec apigen publishes for docs of 2,000
// and 10,000 endpoints, as apigen gen -spec, diff and mock read one
// (oas.LoadData), beside kin-openapi's own loading of the same text, the
// baseline: apigen's does more (each part's line, the doc's property
// order) and should still take less.
func BenchmarkScaleLoad(b *testing.B) {
	for _, n := range []int{2_000, 10_000} {
		doc := parser.Parse("scale.md", scaleDoc(n), parser.Options{})
		t, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		if pd, ok := Pin(t, "scale.yaml"); !ok {
			b.Fatal(pd)
		}
		published, pd := Publish(t, "scale.yaml")
		if published.Spec == nil {
			b.Fatal(pd)
		}
		data := published.YAML
		b.Run(fmt.Sprintf("endpoints=%d/kin-openapi", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := openapi3.NewLoader().LoadFromData(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("endpoints=%d/apigen", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if t, diags := oas.LoadData("scale.yaml", data); t == nil {
					b.Fatal(diags)
				}
			}
		})
	}
}
