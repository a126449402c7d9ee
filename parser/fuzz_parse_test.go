package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// fuzzFormats is what the format byte of a fuzz input selects: detection
// first, then each reader forced, so every reader sees every input.
func fuzzFormats() []Format {
	return append([]Format{""}, Formats()...)
}

// FuzzParse runs the whole of Parse on raw bytes: decoding (binary, BOM,
// GB18030, invalid UTF-8), format detection and whichever reader the
// format byte picks. It must not panic or hang, and what it reports must
// point inside the page.
func FuzzParse(f *testing.F) {
	formats := fuzzFormats()
	for i, s := range fuzzSeeds(f, "../testdata/seeds/*", "../testdata/bad/docs/*", "../testdata/corpus/*/*.md", "../testdata/corpus/*/*.txt", "../testdata/corpus/*/*.rst", "../testdata/corpus/*/*.wiki", "../testdata/layouts/*/*.rst", "../testdata/layouts/*/*.wiki") {
		f.Add([]byte(s), uint8(i%len(formats)))
	}
	for _, s := range []string{"", "\xef\xbb\xbf", "\x00", "\xff\xfe# a\n", "\xb9\xfa\xbc\xd2\n请求地址: /a\n"} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, src []byte, format uint8) {
		defer watchdog()()
		opts := Options{Format: formats[int(format)%len(formats)]}
		doc := Parse("f.txt", src, opts)
		checkDocument(t, string(src), doc)
	})
}

// fuzzSeeds reads the files the patterns match, cut into sections of a
// few kilobytes: the fuzzer minimises every input that finds new coverage,
// and minimising a whole 80 KB page stalls it.
func fuzzSeeds(f *testing.F, patterns ...string) []string {
	var seeds []string
	for _, pat := range patterns {
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
			seeds = append(seeds, sections(string(src), 4<<10)...)
		}
	}
	return seeds
}

// sections cuts a page before headings ("# ", "## ", "<h") into pieces of
// at most about max bytes; a piece without a heading is kept whole.
func sections(src string, max int) []string {
	if len(src) <= max {
		return []string{src}
	}
	var out []string
	for len(src) > max {
		cut := -1
		for _, mark := range []string{"\n# ", "\n## ", "\n### ", "<h2", "<h3", "\n\n"} {
			if i := strings.LastIndex(src[:max], mark); i > 0 {
				cut = i + 1
				break
			}
		}
		if cut < 0 {
			cut = max
			for cut > 0 && !utf8.RuneStart(src[cut]) {
				cut--
			}
		}
		out = append(out, src[:cut])
		src = src[cut:]
	}
	return append(out, src)
}

// checkDocument holds the invariants every reader keeps, whatever the
// input: registered codes, positions inside the page, rows with names and
// required marks only from a cell that says so.
func checkDocument(t *testing.T, src string, doc *Document) {
	t.Helper()
	lines := len(splitLines(src)) + 1
	check := func(what string, line int) {
		if line < 1 || line > lines {
			t.Fatalf("%s at line %d, outside the page's %d lines", what, line, lines-1)
		}
	}
	for _, d := range doc.Diagnostics {
		check("diagnostic "+d.Code.String()+" "+d.Message, d.Pos.Line)
		if !d.Code.Known() {
			t.Fatalf("unregistered code %s", d.Code)
		}
		if d.Pos.File != doc.File {
			t.Fatalf("diagnostic %s names %q, not the page %q", d.Code, d.Pos.File, doc.File)
		}
	}
	for _, e := range doc.Endpoints {
		check("endpoint", e.Pos.Line)
		if e.URL != "" {
			check("URL", e.URLPos.Line)
		}
		for _, tb := range append(append([]*Table{}, e.Request...), e.Response...) {
			check("table", tb.Pos.Line)
			for _, fl := range tb.Fields {
				check("row", fl.Pos.Line)
				if fl.Name == "" {
					t.Fatalf("row at %s without a name", fl.Pos)
				}
				if fl.Required != RequiredUnknown && fl.RequiredRaw == "" {
					t.Fatalf("row at %s: Required %v invented from an empty cell", fl.Pos, fl.Required)
				}
			}
		}
		for _, ex := range []*Example{e.RequestExample, e.ResponseExample, e.DataExample} {
			if ex != nil {
				check("example", ex.Pos.Line)
			}
		}
	}
	if utf8.ValidString(src) && !utf8.ValidString(doc.Title) {
		t.Fatalf("title %q is not valid UTF-8", doc.Title)
	}
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
