package parser

import (
	"slices"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/diag"
)

const htmlPage = `<!DOCTYPE html>
<html><head><title>API</title><script>var x = "<table>";</script></head>
<body>
<nav><a href="#">首页</a><h2>不是接口</h2></nav>
<h1>用户接口</h1>
<h2>获取用户</h2>
<p>请求地址：<code>/api/user/get</code></p>
<p>请求方式：GET</p>
<h3>请求参数</h3>
<table>
 <tr><th>参数名</th><th>类型</th><th>必填</th><th>说明</th><th>备用列</th></tr>
 <tr><td>id</td><td>int</td><td>是</td><td>用户ID<br>必须大于0</td><td>x</td></tr>
 <tr><td colspan="2">token</td><td>否</td><td>令牌</td></tr>
 <tr><td>&nbsp;&nbsp;sub</td><td>string</td><td>否</td><td>子字段</td><td></td><td>extra</td></tr>
</table>
<h3>返回示例</h3>
<pre><code class="language-json">
{"code": 0, "data": {"id": 1}}
</code></pre>
<h2>删除用户</h2>
<dl><dt>接口地址</dt><dd>/api/user/delete</dd><dt>请求方式</dt><dd>POST</dd></dl>
<table><thead><tr><th>Name</th><th>Type</th><th>Required</th><th>Description</th></tr></thead>
<tbody><tr><td>id</td><td>int</td><td>true</td><td>user id
</td></tr></tbody></table>
<table><tr><td>版本号</td><td>日期</td></tr><tr><td>1.0</td><td>2020</td></tr></table>
</body></html>
`

func TestHTMLPage(t *testing.T) {
	doc := Parse("page.html", []byte(htmlPage), Options{})
	if doc.Format != FormatHTML {
		t.Fatalf("format %s, want %s", doc.Format, FormatHTML)
	}
	if len(doc.Endpoints) != 2 {
		t.Fatalf("%d endpoints, want 2: %v", len(doc.Endpoints), doc.Diagnostics)
	}
	get, del := doc.Endpoints[0], doc.Endpoints[1]
	if get.Title != "获取用户" || get.Group != "用户接口" || get.Method != "GET" || get.URL != "/api/user/get" {
		t.Errorf("first endpoint %q (group %q) %s %s", get.Title, get.Group, get.Method, get.URL)
	}
	if at(get.Pos) != [2]int{6, 1} || at(get.URLPos) != [2]int{7, 1} || at(get.MethodPos) != [2]int{8, 1} {
		t.Errorf("positions: endpoint %s, URL %s, method %s", get.Pos, get.URLPos, get.MethodPos)
	}
	if len(get.Request) != 1 {
		t.Fatalf("%d request tables, want 1", len(get.Request))
	}
	req := get.Request[0]
	wantRows(t, "request", req, []fieldRow{
		{Name: "id", Type: "int", Required: RequiredYes, Raw: "是"},
		{Name: "token", Required: RequiredNo, Raw: "否"},
		{Name: "sub", Type: "string", Required: RequiredNo, Raw: "否", Depth: 1},
	})
	id := req.Fields[0]
	if id.Description != "用户ID 必须大于0" || !slices.Equal(id.Extra, []Cell{{Header: "备用列", Value: "x"}}) {
		t.Errorf("id: description %q extra %v", id.Description, id.Extra)
	}
	if at(req.Pos) != [2]int{10, 1} || at(id.Pos) != [2]int{12, 6} || at(id.TypePos) != [2]int{12, 17} {
		t.Errorf("positions: table %s, id %s, its type %s", req.Pos, id.Pos, id.TypePos)
	}
	if ex := get.ResponseExample; ex == nil || ex.Value.Get("code") == nil || at(ex.Pos) != [2]int{18, 1} {
		t.Errorf("response example %+v, want one at 18:1", ex)
	}
	if del.Title != "删除用户" || del.Method != "POST" || del.URL != "/api/user/delete" {
		t.Errorf("second endpoint %q %s %s", del.Title, del.Method, del.URL)
	}
	if len(del.Request) != 1 {
		t.Fatalf("%d request tables on the second endpoint, want 1 (the version table is not one)", len(del.Request))
	}
	wantRows(t, "delete request", del.Request[0], []fieldRow{{Name: "id", Type: "int", Required: RequiredYes, Raw: "true"}})
	if d := del.Request[0].Fields[0].Description; d != "user id" {
		t.Errorf("description %q", d)
	}
	if codes := codesOf(doc.Diagnostics); !mapsEqual(codes, map[diag.Code]int{diag.ExtraCells: 1, diag.MissingCells: 1, diag.EmptyCell: 1}) {
		t.Errorf("diagnostics %v", doc.Diagnostics)
	}
}

// TestHTMLBroken reads HTML that a browser would still show: truncated
// pages, tags never closed, tables inside tables, rows of every length.
func TestHTMLBroken(t *testing.T) {
	type ep struct{ title, method, url string }
	tests := []struct {
		name   string
		src    string
		want   []ep
		fields []string // request field names of the first endpoint
		codes  map[diag.Code]int
	}{{
		name:   "truncated inside a cell",
		src:    "<html><body><h2>订单</h2><p>请求URL: /o</p><table><tr><th>参数名</th><th>类型</th></tr><tr><td>page</td><td>in",
		want:   []ep{{"订单", "", "/o"}},
		fields: []string{"page"},
	}, {
		name:   "no closing tags at all",
		src:    "<body>\n<h2>客户详情\n<p>请求URL:\n<ul><li><code>crm/info\n<p>请求方式:\n<ul><li>POST\n<table>\n<tr><th>参数名<th>类型\n<tr><td>cid<td>int\n<p>返回示例\n<pre>{\"a\": 1",
		want:   []ep{{"客户详情", "POST", "crm/info"}},
		fields: []string{"cid"},
	}, {
		name:   "an unclosed title would hide the page",
		src:    "<html><head><title>客户\n<body><h2>详情</h2><p>请求URL: /d</p><table><tr><th>参数</th><th>类型</th></tr><tr><td>a</td><td>int</td></tr></table>",
		want:   []ep{{"详情", "", "/d"}},
		fields: []string{"a"},
		codes:  map[diag.Code]int{diag.UnclosedRawText: 1},
	}, {
		name: "a table nested in a row names the row's fields",
		src: "<h2>新增</h2><p>请求地址: POST /p/add</p><table><tr><th>参数</th><th>类型</th><th>说明</th></tr>" +
			"<tr><td>spec</td><td>object</td><td><table><tr><th>参数</th><th>类型</th></tr><tr><td>color</td><td>string</td></tr></table></td></tr>" +
			"<tr><td colspan=\"3\">说明: 跨列</td></tr></table>",
		want:   []ep{{"新增", "POST", "/p/add"}},
		fields: []string{"spec", "color"},
		codes:  map[diag.Code]int{diag.SkippedRow: 1, diag.EmptyCell: 1},
	}, {
		name:   "a layout table around the content",
		src:    "<table><tr><td><h2>查询</h2><p>请求URL: /q</p><table><tr><th>参数</th><th>类型</th></tr><tr><td>q</td><td>string</td></tr></table></td></tr></table>",
		want:   []ep{{"查询", "", "/q"}},
		fields: []string{"q"},
	}, {
		name:   "a heading left open swallows the table",
		src:    "<h2>坏的\n<p>请求URL: /b</p><table><tr><th>参数<th>类型<tr><td>a<td>int",
		want:   []ep{{"坏的", "", "/b"}},
		fields: []string{"a"},
	}, {
		name: "nothing but markup",
		src:  "<div><span></span><table></table></div>",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseAs("b.html", tt.src, FormatHTML)
			var got []ep
			for _, e := range doc.Endpoints {
				got = append(got, ep{e.Title, e.Method, e.URL})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("endpoints %+v, want %+v (diagnostics %v)", got, tt.want, doc.Diagnostics)
			}
			if len(doc.Endpoints) > 0 {
				var names []string
				for _, tb := range doc.Endpoints[0].Request {
					names = append(names, fieldNamesOf(tb.Fields)...)
				}
				if !slices.Equal(names, tt.fields) {
					t.Errorf("request fields %v, want %v", names, tt.fields)
				}
			}
			codes := codesOf(doc.Diagnostics)
			delete(codes, diag.NoEndpoint)
			for c := range codes {
				if strings.HasPrefix(c.String(), "J") {
					delete(codes, c)
				}
			}
			if !mapsEqual(codes, tt.codes) && !(len(codes) == 0 && tt.codes == nil) {
				t.Errorf("diagnostics %v, want codes %v", doc.Diagnostics, tt.codes)
			}
			checkPositions(t, doc)
		})
	}
}

func TestHTMLNestedTableCaption(t *testing.T) {
	doc := parseAs("n.html", "<h2>a</h2><p>请求URL: /a</p><table><tr><th>参数</th><th>类型</th><th>说明</th></tr>"+
		"<tr><td>└ spec</td><td>object</td><td><table><tr><th>参数</th><th>类型</th></tr><tr><td>color</td><td>string</td></tr></table></td></tr></table>", FormatHTML)
	if len(doc.Endpoints) != 1 || len(doc.Endpoints[0].Request) != 2 {
		t.Fatalf("want one endpoint with two request tables: %+v", doc.Endpoints)
	}
	outer, inner := doc.Endpoints[0].Request[0], doc.Endpoints[0].Request[1]
	if outer.Fields[0].Description != "" {
		t.Errorf("the nested table leaked into the cell text: %q", outer.Fields[0].Description)
	}
	if inner.Name != "spec" {
		t.Errorf("nested table named %q, want spec (its row's field)", inner.Name)
	}
}

// TestHTMLInMarkdown reads an HTML table written inside a Markdown page
// with the HTML reader, keeping positions in the page.
func TestHTMLInMarkdown(t *testing.T) {
	src := "## 查询\n\n请求URL: /q\n\n<table>\n<tr><th>参数</th><th>必填</th></tr>\n<tr><td>q</td><td>是</td></tr>\n</table>\n\n|参数|类型|必填|\n|-|-|-|\n|r|int||\n"
	doc := parseAs("m.md", src, FormatMarkdown)
	if len(doc.Endpoints) != 1 || len(doc.Endpoints[0].Request) != 2 {
		t.Fatalf("want one endpoint with two request tables: %v", doc.Diagnostics)
	}
	ep := doc.Endpoints[0]
	wantRows(t, "HTML", ep.Request[0], []fieldRow{{Name: "q", Required: RequiredYes, Raw: "是"}})
	wantRows(t, "pipe", ep.Request[1], []fieldRow{{Name: "r", Type: "int"}})
	if f := ep.Request[0].Fields[0]; at(f.Pos) != [2]int{7, 5} {
		t.Errorf("q at %s, want 7:5", f.Pos)
	}
}

func TestOffsets(t *testing.T) {
	o := newOffsets("f", "ab\n参数c\n\nd\n0123456789")
	cases := []struct {
		off  int
		want [2]int
	}{{0, [2]int{1, 1}}, {2, [2]int{1, 3}}, {3, [2]int{2, 1}}, {9, [2]int{2, 3}}, {11, [2]int{3, 1}}, {12, [2]int{4, 1}},
		{14, [2]int{5, 1}}, {20, [2]int{5, 7}}, {23, [2]int{5, 10}}, {99, [2]int{5, 11}}}
	// Forwards, backwards and back again: the remembered lookup must not
	// change any answer.
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, {7, 4, 8, 6, 9, 5}} {
		for _, i := range order {
			c := cases[i]
			if got := o.pos(c.off); at(got) != c.want || got.File != "f" {
				t.Errorf("pos(%d) = %s, want %v", c.off, got, c.want)
			}
		}
	}
}
