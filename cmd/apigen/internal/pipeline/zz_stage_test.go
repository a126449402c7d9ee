package pipeline

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

func TestZZStages(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ZZN"))
	if n == 0 {
		t.Skip()
	}
	src := scaleDoc(n)
	runtime.GC()
	stop := peakHeap()
	t0 := time.Now()
	lap := func(what string) {
		d := time.Since(t0)
		peak := stop()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Printf("%-10s %8.1f ms %6.3f ms/ep  peak %6.1f MiB  live after %6.1f MiB\n", what, float64(d.Microseconds())/1000, float64(d.Microseconds())/1000/float64(n), float64(peak)/(1<<20), float64(m.HeapAlloc)/(1<<20))
		stop = peakHeap()
		t0 = time.Now()
	}
	doc := parser.Parse("scale.md", src, parser.Options{})
	lap("parse")
	sp, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	runtime.KeepAlive(doc)
	lap("build")
	if err := openapi3.NewLoader().ResolveRefsIn(sp, nil); err != nil {
		t.Fatal(err)
	}
	_ = generator.Annotate(sp)
	lap("annotate")
	loaded, lines, _, err := oas.Reload("scale.yaml", sp)
	if err != nil {
		t.Fatal(err)
	}
	lap("reload")
	files, gd := generator.Generate(loaded, generator.Options{Package: "scale", Source: "scale.yaml", Lines: lines})
	if gd.HasErrors() {
		t.Fatal(gd)
	}
	lap("generate")
	total := 0
	for name, f := range files {
		fmt.Printf("  %s %d KiB\n", name, len(f)>>10)
		total += len(f)
	}
	fmt.Printf("  total %d KiB\n", total>>10)
	runtime.KeepAlive(sp)
	runtime.KeepAlive(loaded)
}
