package parser

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzText feeds the plain-text reader arbitrary pages. It must not panic
// or hang, and what it returns must point inside the page.
func FuzzText(f *testing.F) {
	for _, path := range []string{seed000, seed001} {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		// One section per entry: the fuzzer minimises every input that finds
		// new coverage, and minimising a whole 80 KB page stalls it.
		for _, sec := range strings.SplitAfter(string(src), "\n# ") {
			f.Add("# " + sec)
		}
	}
	for _, s := range []string{
		"",
		"#",
		"# \n",
		"请求地址:",
		"请求地址:\n",
		"请求示例: {",
		"请求示例: [\"",
		"# a\n请求方式: POST(HTTPS\n请求地址: /x/{ id } 在线调试\n请求示例:\n{\n\"a\": [1,\n参数 类型 必填 说明\na INT\n",
		"# a\n接口说明:x 请求方式: GET 请求地址: /a 响应示例: 响应示例: {\"return_code\":0}\n",
		"# a\r请求地址: /a\r参数 说明\rreturn_code 码\rmsg_id ID\r",
		"参数 类型 必填 说明\nname VARCHAR (32) <span style=\"x\"名称\n",
		"# a\n请求地址: /a\n参数 类型 默认值 示例 位置 说明\nid INT 1 2 query 编号\n",
		"# a\n请求地址: /a\n数据DATA示例:\n[\t{\"a\":\n# b\n",
		"# a\n请求地址: /a\n参数 类型\nx List<Map<String, Object>\nx NUMERIC(15,\n",
		"[注意]\n{ openid }\n\u3000请求地址：\u3000/a\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		doc := &Document{File: "f.txt"}
		readText(doc, src)
		lines := len(splitLines(src)) + 1
		check := func(what string, line int) {
			if line < 1 || line > lines {
				t.Fatalf("%s at line %d, outside the page's %d lines", what, line, lines-1)
			}
		}
		for _, d := range doc.Diagnostics {
			check("diagnostic "+d.Code.String(), d.Pos.Line)
			if !d.Code.Known() {
				t.Fatalf("unregistered code %s", d.Code)
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
				if ex == nil {
					continue
				}
				check("example", ex.Pos.Line)
				// The reader reads the page with blockquote markers
				// blanked (positions kept); an example is a slice of that.
				if !strings.Contains(blankQuoteMarks(src), ex.Text) {
					t.Fatalf("example text at %s is not a slice of the page", ex.Pos)
				}
			}
		}
		if utf8.ValidString(src) && !utf8.ValidString(doc.Title) {
			t.Fatalf("title %q is not valid UTF-8", doc.Title)
		}
	})
}
