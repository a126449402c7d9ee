package ljson

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/diag"
)

func TestRepairs(t *testing.T) {
	for _, c := range repairCases {
		t.Run(c.name, func(t *testing.T) {
			v, ds := Parse([]byte(c.src), at1)
			if got := outline(v); got != c.want {
				t.Errorf("structure\n got %s\nwant %s", got, c.want)
			}
			if got := codes(ds); !slices.Equal(got, c.diags) {
				t.Errorf("diagnostics\n got %q\nwant %q", got, c.diags)
			}
			for _, d := range ds {
				if d.Pos.File != at1.File || !d.Code.Known() {
					t.Errorf("bad diagnostic %v", d)
				}
			}
			if v != nil {
				out, _ := v.MarshalJSON()
				if !json.Valid(out) {
					t.Errorf("MarshalJSON gave invalid JSON %s", out)
				}
			}
		})
	}
}

func TestPositions(t *testing.T) {
	src := "{\n" +
		"  \"名称\": \"定会\",渠道 \"id\": 1,\n" +
		"\t\"list\": [1, \"二\"], // 列表\n" +
		"  'q': x\n" +
		"}"
	v, ds := Parse([]byte(src), diag.Pos{File: "x.txt", Line: 10, Col: 1})
	if v == nil {
		t.Fatal("no value")
	}
	pos := func(line, col int) diag.Pos { return diag.Pos{File: "x.txt", Line: line, Col: col} }
	list := v.Get("list")
	checks := []struct {
		what      string
		got, want diag.Pos
	}{
		{"object", v.Pos, pos(10, 1)},
		{"key 名称", v.Members[0].KeyPos, pos(11, 3)},
		{"value 定会", v.Members[0].Value.Pos, pos(11, 9)},
		{"key id after CJK commentary", v.Members[1].KeyPos, pos(11, 17)},
		{"value 1", v.Members[1].Value.Pos, pos(11, 23)},
		{"key list after a tab", v.Members[2].KeyPos, pos(12, 2)},
		{"array", list.Pos, pos(12, 10)},
		{"item 二", list.Items[1].Pos, pos(12, 14)},
		{"key q", v.Members[3].KeyPos, pos(13, 3)},
		{"value x", v.Members[3].Value.Pos, pos(13, 8)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s at %v, want %v", c.what, c.got, c.want)
		}
	}
	wantDiags := []string{
		"x.txt:11:14: info: the text \"渠道\" after \"名称\" became its description [J003]",
		"x.txt:12:20: info: comment \"列表\" became the description of \"list\" [J001]",
		"x.txt:13:3: info: the single-quoted key \"q\" was accepted [J007]",
		"x.txt:13:8: info: the unquoted string \"x\" was accepted for \"q\" [J007]",
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	if !slices.Equal(got, wantDiags) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, wantDiags)
	}
}

// TestPositionsStartMidLine checks that a document starting mid-line counts
// columns from at.Col on its first line only.
func TestPositionsStartMidLine(t *testing.T) {
	v, _ := Parse([]byte("{\"a\": 1,\n \"b\": 2}"), diag.Pos{File: "doc.md", Line: 3, Col: 7})
	if got, want := v.Members[0].KeyPos, (diag.Pos{File: "doc.md", Line: 3, Col: 8}); got != want {
		t.Errorf("a at %v, want %v", got, want)
	}
	if got, want := v.Members[1].KeyPos, (diag.Pos{File: "doc.md", Line: 4, Col: 2}); got != want {
		t.Errorf("b at %v, want %v", got, want)
	}
}

// TestPositionsFarOnOneLine checks positions deep into a long single line,
// past many position marks and after J004 retries moved back.
func TestPositionsFarOnOneLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for range 3000 {
		b.WriteString(`"{ "k": "值" }", `)
	}
	b.WriteString(`"末"]`)
	src := b.String()
	v, _ := Parse([]byte(src), at1)
	last := v.Items[len(v.Items)-1]
	wantCol := 1 + len([]rune(src[:strings.LastIndex(src, `"末"`)]))
	if last.Text != "末" || last.Pos.Line != 1 || last.Pos.Col != wantCol {
		t.Errorf("last item %q at %v, want col %d", last.Text, last.Pos, wantCol)
	}
	if got := len(v.Items); got != 3001 {
		t.Errorf("%d items, want 3001", got)
	}
	if k := v.Items[2999].Embedded.Members[0]; k.Key != "k" || k.Value.Text != "值" {
		t.Errorf("embedded member %q=%q", k.Key, k.Value.Text)
	}
}

func TestMarshalJSONKeepsOrder(t *testing.T) {
	src := "{\"z\": 1, // 说明\n \"a\": [1, 001, 'x',], b: {\"y\": null, \"x\": true,}, \"z\": 2, \"s\": \"{ \"k\": 1 }\"说明}"
	v, _ := Parse([]byte(src), at1)
	out, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"z":1,"a":[1,1,"x"],"b":{"y":null,"x":true},"s":"{ \"k\": 1 }"}`
	if string(out) != want {
		t.Errorf("MarshalJSON\n got %s\nwant %s", out, want)
	}
	if !json.Valid(out) {
		t.Errorf("invalid JSON %s", out)
	}
}

func TestMarshalJSONRepairsJSONInString(t *testing.T) {
	src := `{"ok": "{\"a\": 1}", "doc": "{ "a":"x",//说明 "b":"y" "c":1, }"}`
	v, _ := Parse([]byte(src), at1)
	out, _ := v.MarshalJSON()
	want := `{"ok":"{\"a\": 1}","doc":"{\"a\":\"x\",\"b\":\"y\",\"c\":1}"}`
	if string(out) != want {
		t.Errorf("MarshalJSON\n got %s\nwant %s", out, want)
	}
}

func TestDeepNesting(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("[", 1_000_000),
		strings.Repeat(`{"a":`, 200_000),
		strings.Repeat("[", 600) + strings.Repeat("]", 600),
		`"` + strings.Repeat(`[`, 600) + strings.Repeat(`]`, 600) + `"`,
	} {
		v, ds := Parse([]byte(src), at1)
		if v == nil {
			t.Fatalf("no value for %.20s...", src)
		}
		depth := 0 // maxDepth containers, then the null standing in for the cut part
		v.Walk(func(path []string, _ *Value) { depth = max(depth, len(path)) })
		if v.Kind != String && depth != maxDepth {
			t.Errorf("%.20s...: depth %d, want %d", src, depth, maxDepth)
		}
		if v.Kind == String && v.Embedded != nil {
			t.Errorf("%.20s...: a string nesting past the limit must not carry embedded JSON", src)
		}
		out, _ := v.MarshalJSON()
		if !json.Valid(out) {
			t.Errorf("%.20s...: invalid JSON", src)
		}
		if v.Kind != String && !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Code == diag.TooDeep }) {
			t.Errorf("%.20s...: no J010 in %v", src, codes(ds))
		}
	}
}

func TestNoValue(t *testing.T) {
	for _, src := range []string{"", "   \n", "// 无\n/* 无 */", "返回示例", "- 1", "tru", ")", "<<DATA>>"} {
		v, ds := Parse([]byte(src), at1)
		if v != nil || len(ds) != 1 || ds[0].Code != diag.UnreadableExample || ds[0].Severity != diag.Error {
			t.Errorf("%q: got %v, %v; want nil and one E008", src, outline(v), ds)
		}
	}
}

// TestDiagnosticLimit checks that a hostile input with a repair every few
// bytes gets a bounded list with a summary, not millions of messages.
func TestDiagnosticLimit(t *testing.T) {
	src := "[" + strings.Repeat("[]", maxDiagnostics+500) + "]"
	v, ds := Parse([]byte(src), at1)
	if got := len(v.Items); got != maxDiagnostics+500 {
		t.Errorf("%d items, want %d", got, maxDiagnostics+500)
	}
	if len(ds) != maxDiagnostics+1 {
		t.Fatalf("%d diagnostics, want %d", len(ds), maxDiagnostics+1)
	}
	var summary *diag.Diagnostic
	for i := range ds {
		if strings.Contains(ds[i].Message, "more repairs") {
			summary = &ds[i]
		}
	}
	if summary == nil || summary.Code != diag.MissingComma || !strings.HasPrefix(summary.Message, "499 more") {
		t.Errorf("summary %v", summary)
	}
}

// TestFailedRetryIsUndone checks that a string that only looks like pasted
// JSON leaves no trace of the retry.
func TestFailedRetryIsUndone(t *testing.T) {
	src := `{"a": "{x" "b": "[" c, "d": {"e": "{ "f": "g" }" }}`
	v, ds := Parse([]byte(src), at1)
	want := `{"a":"{x","b":"["/*c*/,"d":{"e":"{ \"f\": \"g\" }"=>{"f":"g"}}}`
	if got := outline(v); got != want {
		t.Errorf("structure\n got %s\nwant %s", got, want)
	}
	if got, want := codes(ds), []string{"J002@1", "J003@1", "J004@1"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
}
