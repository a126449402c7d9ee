package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goldenfile "github.com/apigen/apigen/parser/golden"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The bounds are far above what a healthy run needs (well under a second
// and tens of MB per case) and far below what a hang or a blow-up reaches,
// so a loaded CI machine does not flake them.
const (
	badTimeLimit = 60 * time.Second
	badMemLimit  = 1 << 30
)

// badDocEndpoints is how many endpoints `apigen lint` must still find in each
// committed malformed doc: a broken part must not take the rest of the page
// with it. Every file in testdata/bad/docs needs an entry, so a new case
// has to say what it expects.
var badDocEndpoints = map[string]int{
	"binary_junk.bin":            0,
	"bom_only.txt":               0,
	"control_chars.txt":          1,
	"cyclic_nesting.txt":         1,
	"duplicate_endpoints.txt":    2,
	"empty.txt":                  0,
	"example_only.txt":           0,
	"extra_columns.txt":          1,
	"html_nested_tables.html":    1,
	"html_truncated.html":        1,
	"html_unclosed_tags.html":    1,
	"invalid_utf8.txt":           1,
	"json_not_json.txt":          1,
	"json_unbalanced_quotes.txt": 1,
	"md_no_header_separator.md":  1,
	"md_ragged_table.md":         1,
	"md_truncated_table.md":      1,
	"md_unclosed_fence.md":       1,
	"method_and_url_garbage.txt": 0,
	"missing_columns.txt":        1,
	"mixed_line_endings.txt":     1,
	"nested_without_parent.txt":  1,
	"one_broken_endpoint.txt":    2,
	"scalar_with_children.txt":   1,
	"showdoc_html_broken.html":   1,
	"showdoc_md_broken.md":       1,
	"title_only.txt":             0,
	"truncated_mid_json.txt":     1,
	"truncated_mid_table.txt":    1,
	"unknown_types.txt":          1,
	"url_no_tables.txt":          1,
	"whitespace_only.txt":        0,
}

// badCase is one malformed input. Large inputs are written at run time so
// the repository stays small; they still have a golden file.
type badCase struct {
	name      string // golden file: testdata/bad/golden/NAME.golden
	cmd       string // "lint" for docs, "gen" for specs
	path      string // input, relative to the repository root
	make      func(t *testing.T, dir string) string
	endpoints int // endpoints lint must report; -1 for specs
}

func TestBadInputs(t *testing.T) {
	t.Chdir("../..")
	cases := committedBadCases(t)
	cases = append(cases, generatedBadCases()...)
	names := map[string]bool{}
	for _, c := range cases {
		names[c.name+".golden"] = true
		t.Run(c.name, func(t *testing.T) { runBadCase(t, c) })
	}
	goldens, _ := filepath.Glob("testdata/bad/golden/*")
	for _, g := range goldens {
		if !names[filepath.Base(g)] {
			t.Errorf("%s belongs to no case; remove it", g)
		}
	}
}

func committedBadCases(t *testing.T) []badCase {
	var cases []badCase
	docs, err := filepath.Glob("testdata/bad/docs/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range docs {
		base := filepath.Base(p)
		n, ok := badDocEndpoints[base]
		if !ok {
			t.Errorf("%s has no entry in badDocEndpoints", p)
			n = -1
		}
		cases = append(cases, badCase{name: "doc_" + strings.TrimSuffix(base, filepath.Ext(base)), cmd: "lint", path: p, endpoints: n})
	}
	for base := range badDocEndpoints {
		if _, err := os.Stat(filepath.Join("testdata/bad/docs", base)); err != nil {
			t.Errorf("badDocEndpoints names %s, which is not in testdata/bad/docs", base)
		}
	}
	specs, err := filepath.Glob("testdata/bad/specs/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range specs {
		base := filepath.Base(p)
		cases = append(cases, badCase{name: "spec_" + strings.TrimSuffix(base, filepath.Ext(base)), cmd: "gen", path: p, endpoints: -1})
	}
	if len(docs) < 30 {
		t.Errorf("only %d malformed docs in testdata/bad/docs; the issue asks for at least 30", len(docs))
	}
	return cases
}

func generatedBadCases() []badCase {
	return []badCase{
		{name: "gen_gbk_waiqin", cmd: "lint", make: gbkWaiqinDoc, endpoints: 1},
		{name: "gen_long_line", cmd: "lint", make: longLineDoc, endpoints: 3},
		{name: "gen_long_line_no_newline", cmd: "lint", make: longLineOnly, endpoints: 0},
		{name: "gen_deep_json", cmd: "lint", make: deepJSONDoc, endpoints: 2},
		{name: "gen_deep_names", cmd: "lint", make: deepNamesDoc, endpoints: 1},
		{name: "gen_wide_table", cmd: "lint", make: wideTableDoc, endpoints: 1},
		{name: "gen_many_endpoints", cmd: "lint", make: manyEndpointsDoc, endpoints: 360}, // every tenth repeats a path
		{name: "gen_spec_deep_json", cmd: "gen", make: deepJSONSpec, endpoints: -1},
		{name: "gen_spec_deep_schema", cmd: "gen", make: deepSchemaSpec, endpoints: -1},
		{name: "gen_spec_deep_yaml", cmd: "gen", make: deepYAMLSpec, endpoints: -1},
	}
}

func runBadCase(t *testing.T, c badCase) {
	tmp := t.TempDir()
	path := c.path
	if c.make != nil {
		path = c.make(t, tmp)
	}
	args := []string{"lint", path}
	if c.cmd == "gen" {
		args = []string{"gen", "-spec", path, "-o", filepath.Join(tmp, "out"), "-package", "out"}
	}
	res := runBounded(t, args)

	out := res.stdout
	if c.cmd == "gen" {
		out = res.stderr + res.stdout
	} else if res.stderr != "" {
		out += "--- stderr\n" + res.stderr
	}
	diags := diagLines(out)
	out = goldenText(strings.ReplaceAll(out, tmp, "$TMP"))
	golden := filepath.Join("testdata/bad/golden", c.name+".golden")
	goldenfile.Check(t, golden, []byte(out))

	wantCode := exitOK
	for _, d := range diags {
		if d.severity == "error" {
			wantCode = exitInput
		}
	}
	if res.code != wantCode {
		t.Errorf("exit code %d, want %d (%d for errors, %d for warnings only)", res.code, wantCode, exitInput, exitOK)
	}
	if len(diags) == 0 && c.cmd == "gen" && res.code != exitOK {
		t.Errorf("exit code %d without a diagnostic", res.code)
	}
	misplaced := 0
	for _, d := range diags {
		// Diagnostics drawn from the spec (x-apigen-source) name the doc
		// by its base name; the rest use the path as given.
		if d.file != path && d.file != filepath.Base(path) || c.cmd == "lint" && d.line < 1 {
			if misplaced++; misplaced <= 5 {
				t.Errorf("diagnostic does not name the input %s and a line: %s", path, clip(d.text))
			}
		}
	}
	if misplaced > 5 {
		t.Errorf("and %d more diagnostics without the input's name and a line", misplaced-5)
	}
	if c.endpoints >= 0 {
		got := summaryEndpoints(t, res.stdout, path)
		if got != c.endpoints {
			t.Errorf("lint found %d endpoints, want %d", got, c.endpoints)
		}
	}
	if c.cmd == "gen" && res.code == exitOK {
		if _, err := os.Stat(filepath.Join(tmp, "out", "types.go")); err != nil {
			t.Errorf("gen exited 0 but wrote no package: %v", err)
		}
	}
}

type runResult struct {
	stdout, stderr string
	code           int
}

// runBounded runs the CLI in-process and fails the test on a panic, on a
// run that outlives badTimeLimit and on heap growth over badMemLimit. A
// hung run cannot be stopped from outside; its goroutine is left behind
// and the test fails with every goroutine's stack, so the hang is visible.
func runBounded(t *testing.T, args []string) runResult {
	t.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	type outcome struct {
		res   runResult
		panic any
		stack []byte
	}
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o.panic, o.stack = r, debug.Stack()
			}
			done <- o
		}()
		var stdout, stderr bytes.Buffer
		o.res.code = run(args, &stdout, &stderr)
		o.res.stdout, o.res.stderr = stdout.String(), stderr.String()
	}()

	var peak uint64
	sample := time.NewTicker(20 * time.Millisecond)
	defer sample.Stop()
	deadline := time.NewTimer(badTimeLimit)
	defer deadline.Stop()
	for {
		select {
		case o := <-done:
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			peak = max(peak, after.HeapInuse)
			if o.panic != nil {
				t.Fatalf("apigen %s panicked: %v\n%s", strings.Join(args, " "), o.panic, o.stack)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > badMemLimit {
				t.Errorf("apigen %s allocated %d MB in all, over the %d MB bound", strings.Join(args, " "), alloc>>20, badMemLimit>>20)
			}
			if grown := int64(peak) - int64(before.HeapInuse); grown > badMemLimit {
				t.Errorf("apigen %s grew the heap by %d MB, over the %d MB bound", strings.Join(args, " "), grown>>20, badMemLimit>>20)
			}
			return o.res
		case <-sample.C:
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			if grown := int64(m.HeapInuse) - int64(before.HeapInuse); grown > badMemLimit {
				t.Fatalf("apigen %s grew the heap by %d MB while running, over the %d MB bound", strings.Join(args, " "), grown>>20, badMemLimit>>20)
			}
		case <-deadline.C:
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("apigen %s did not finish within %v\n%s", strings.Join(args, " "), badTimeLimit, buf)
		}
	}
}

type diagLine struct {
	text, file, severity string
	line                 int
}

var diagLineRE = regexp.MustCompile(`^(.*?)(?::(\d+))?(?::\d+)?: (error|warning|info): `)

// diagLines picks the compiler-style diagnostics out of the output; lint's
// per-doc summaries and other lines do not match.
func diagLines(out string) []diagLine {
	var ds []diagLine
	for _, l := range strings.Split(out, "\n") {
		m := diagLineRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		ds = append(ds, diagLine{text: l, file: m[1], line: n, severity: m[3]})
	}
	return ds
}

var summaryRE = regexp.MustCompile(`^(.*): [a-z-]*, (\d+) endpoints \(\d+ read\), \d+ fields, \d+ warnings, \d+ errors$`)

func summaryEndpoints(t *testing.T, stdout, path string) int {
	t.Helper()
	for _, l := range strings.Split(stdout, "\n") {
		if m := summaryRE.FindStringSubmatch(l); m != nil && m[1] == path {
			n, _ := strconv.Atoi(m[2])
			return n
		}
	}
	t.Errorf("no lint summary for %s", path)
	return -1
}

// goldenText clips very long lines: a diagnostic that quotes a hostile
// 200 KB field name would otherwise make a golden file of the same size.
func goldenText(out string) string {
	lines := strings.SplitAfter(out, "\n")
	for i, l := range lines {
		lines[i] = clip(l)
	}
	return strings.Join(lines, "")
}

const clipAt = 400

func clip(s string) string {
	if len(s) <= clipAt {
		return s
	}
	nl := ""
	if strings.HasSuffix(s, "\n") {
		nl = "\n"
	}
	cut := clipAt
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s…[%d bytes]%s", s[:cut], len(s), nl)
}

func writeBad(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// waiqinEndpoint is a small well-formed Waiqin section, used to show that a
// hostile part of a page leaves its neighbours readable.
func waiqinEndpoint(name string) string {
	return "# " + name + "\n\n请求方式: POST\n请求地址: https://openapi.waiqin365.com/api/bad/v1/" + name +
		"/{ openid }/{ timestamp }/{ digest }/{ msg_id }\n请求示例:\n\n{\n  \"code\": \"C1\"\n}\n\n参数说明:\n\n参数 类型 必填 说明\ncode VARCHAR(32) 是 编码\n\n"
}

// gbkWaiqinDoc is the first endpoint of a real Waiqin page as a GBK
// browser save would write it.
func gbkWaiqinDoc(t *testing.T, dir string) string {
	src, err := os.ReadFile("testdata/seeds/000_cfc759fbbf88bb66.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	if i := strings.Index(text, "\n# "); i > 0 {
		text = text[:i+1]
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	return writeBad(t, dir, "gbk_waiqin.txt", []byte(gbk))
}

// longLineDoc puts a 10 MB line between two good endpoints: a table row
// whose description never ends.
func longLineDoc(t *testing.T, dir string) string {
	var b strings.Builder
	b.WriteString(waiqinEndpoint("before"))
	b.WriteString("# longRow\n\n请求方式: POST\n请求地址: https://openapi.waiqin365.com/api/bad/v1/longRow\n\n参数说明:\n\n参数 类型 必填 说明\nx VARCHAR(1) 是 ")
	word := "描述 {\"a\": [1, 2 | x.y.z <td> "
	for b.Len() < 10<<20 {
		b.WriteString(word)
	}
	b.WriteString("\n\n")
	b.WriteString(waiqinEndpoint("after"))
	return writeBad(t, dir, "long_line.txt", []byte(b.String()))
}

// longLineOnly is 10 MB of one token with no newline at all.
func longLineOnly(t *testing.T, dir string) string {
	return writeBad(t, dir, "long_line_no_newline.txt", bytes.Repeat([]byte("a"), 10<<20))
}

// deepJSONDoc nests its request example 100,000 objects deep and leaves a
// response example of 100,000 open arrays unclosed.
func deepJSONDoc(t *testing.T, dir string) string {
	const depth = 100_000
	var b strings.Builder
	b.WriteString("# deep\n\n请求方式: POST\n请求地址: https://openapi.waiqin365.com/api/bad/v1/deep\n请求示例:\n\n")
	b.WriteString(strings.Repeat(`{"a":`, depth))
	b.WriteString("1")
	b.WriteString(strings.Repeat("}", depth))
	b.WriteString("\n\n参数说明:\n\n参数 类型 必填 说明\na Object 是 深\n\n响应示例:\n\n")
	b.WriteString(strings.Repeat("[", depth))
	b.WriteString("\n\n")
	b.WriteString(waiqinEndpoint("after"))
	return writeBad(t, dir, "deep_json.txt", []byte(b.String()))
}

// deepNamesDoc has a field nested 2,000 levels deep by dotted names, and a
// name that cycles through the same two segments 50,000 times.
func deepNamesDoc(t *testing.T, dir string) string {
	var b strings.Builder
	b.WriteString("# deepNames\n\n请求方式: POST\n请求地址: https://openapi.waiqin365.com/api/bad/v1/deepNames\n\n参数说明:\n\n参数 类型 必填 说明\n")
	name := "n0"
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&b, "%s Object 否 第%d层\n", name, i)
		name += "." + "n" + strconv.Itoa(i)
	}
	b.WriteString(strings.Repeat("a.b.", 50_000) + "a VARCHAR(1) 否 循环\n")
	return writeBad(t, dir, "deep_names.txt", []byte(b.String()))
}

// wideTableDoc has a Markdown table of 5,000 columns.
func wideTableDoc(t *testing.T, dir string) string {
	const cols = 5000
	var b strings.Builder
	b.WriteString("## 宽表\n\n`POST https://api.example.com/wide`\n\n| 参数名 | 类型 | 必选 | 说明 |")
	for i := 4; i < cols; i++ {
		fmt.Fprintf(&b, " c%d |", i)
	}
	b.WriteString("\n|" + strings.Repeat("---|", cols) + "\n")
	for r := 0; r < 20; r++ {
		fmt.Fprintf(&b, "| f%d | string | 是 |", r)
		b.WriteString(strings.Repeat(" x |", cols-3))
		b.WriteString("\n")
	}
	return writeBad(t, dir, "wide_table.md", []byte(b.String()))
}

// manyEndpointsDoc is one page of 400 endpoints, every tenth a duplicate of
// the one before.
func manyEndpointsDoc(t *testing.T, dir string) string {
	var b strings.Builder
	for i := range 400 {
		n := i
		if i%10 == 9 {
			n = i - 1
		}
		s := waiqinEndpoint("op" + strconv.Itoa(n))
		b.WriteString(strings.Replace(s, "# op", "# 第"+strconv.Itoa(i)+"个 op", 1))
	}
	return writeBad(t, dir, "many_endpoints.txt", []byte(b.String()))
}

// deepJSONSpec is an OpenAPI document (JSON) whose schema nests items
// 100,000 levels deep.
func deepJSONSpec(t *testing.T, dir string) string {
	const depth = 100_000
	var b strings.Builder
	b.WriteString(`{"openapi":"3.1.0","info":{"title":"deep","version":"1"},"paths":{},"components":{"schemas":{"Deep":`)
	b.WriteString(strings.Repeat(`{"type":"array","items":`, depth))
	b.WriteString(`{"type":"string"}`)
	b.WriteString(strings.Repeat("}", depth))
	b.WriteString("}}}")
	return writeBad(t, dir, "deep.json", []byte(b.String()))
}

// deepYAMLSpec nests block sequences 100,000 levels deep on one line
// ("- - - …"), which YAML allows without the quadratic indentation.
func deepYAMLSpec(t *testing.T, dir string) string {
	var b strings.Builder
	b.WriteString("openapi: 3.1.0\ninfo:\n  title: deep\n  version: \"1\"\npaths: {}\nx-deep:\n  ")
	b.WriteString(strings.Repeat("- ", 100_000))
	b.WriteString("x\n")
	return writeBad(t, dir, "deep.yaml", []byte(b.String()))
}

// deepSchemaSpec nests object properties 300 levels deep: within what the
// YAML reader accepts, so the loader and the generator see it all. Loading
// costs grow with the square of the depth (kin-openapi decodes each level
// again for the one above it), so a much deeper spec would test the
// library rather than apigen.
func deepSchemaSpec(t *testing.T, dir string) string {
	const depth = 300
	var b strings.Builder
	b.WriteString(`{"openapi":"3.1.0","info":{"title":"deep","version":"1"},"paths":{"/deep":{"post":{"operationId":"deep","requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Deep"}}}},"responses":{"200":{"description":"ok"}}}}},"components":{"schemas":{"Deep":`)
	b.WriteString(strings.Repeat(`{"type":"object","required":["p"],"properties":{"p":`, depth))
	b.WriteString(`{"type":"string","enum":["x"]}`)
	b.WriteString(strings.Repeat("}}", depth))
	b.WriteString("}}}")
	return writeBad(t, dir, "deep_schema.json", []byte(b.String()))
}
