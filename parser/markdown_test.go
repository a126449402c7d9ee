package parser

import (
	"slices"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

const seed003 = "../testdata/seeds/003_acd2d6f03fadcd29.txt"

// TestMarkdownSeed reads seed 003, WiseCRM's traditional-Chinese doc: no
// headings, bare title lines, "- API 地址:" with the URL on the next line
// fused with "- HTTP 方法:", pipe tables and bare JSON examples.
func TestMarkdownSeed(t *testing.T) {
	doc := ParseFile(seed003, Options{})
	if doc.Format != FormatMarkdown {
		t.Fatalf("format %s, want %s", doc.Format, FormatMarkdown)
	}
	if len(doc.Diagnostics) != 0 {
		t.Errorf("diagnostics on a clean page: %v", doc.Diagnostics)
	}
	req := func(name, typ, raw string) fieldRow {
		return fieldRow{Name: name, Type: typ, Required: readRequired(raw), Raw: raw}
	}
	resp := func(name, typ string) fieldRow { return fieldRow{Name: name, Type: typ} }
	opUser := req("op_user", "string(40)", "是")
	recordID := req("returnmoneyrecord_id", "string(40)", "是")
	body := req("POST流", "json(map)", "是")
	want := []struct {
		title, method, url string
		urlAt              [2]int
		request, response  []fieldRow
		responseKeys       []string
	}{
		{"新增回款記錄", "POST", "returnmoneyrecord/add", [2]int{4, 1},
			[]fieldRow{opUser, body},
			[]fieldRow{resp("returnmoneyrecord_id", "string(40)")},
			[]string{"error_code", "error_msg", "data"}},
		{"獲取單條回款記錄", "GET", "returnmoneyrecord/get", [2]int{25, 1},
			[]fieldRow{opUser, recordID, req("fields", "string", "是")},
			[]fieldRow{resp("data", "json(map)")},
			[]string{"error_code", "error_msg", "data"}},
		{"查詢回款記錄列表", "GET", "returnmoneyrecord/list", [2]int{48, 1},
			[]fieldRow{opUser, req("fields", "string", "是"), req("qname", "string", "否"), req("page_no", "int", "否"), req("page_size", "int", "否")},
			[]fieldRow{resp("total_size", "int"), resp("page_size", "int"), resp("page_no", "int"), resp("data", "json(array)")},
			[]string{"error_code", "error_msg", "total_size", "page_size", "page_no", "data"}},
		{"修改回款記錄", "POST", "returnmoneyrecord/update", [2]int{79, 1},
			[]fieldRow{opUser, recordID, body},
			[]fieldRow{resp("returnmoneyrecord_id", "string(40)")},
			[]string{"error_code", "error_msg", "data"}},
		{"刪除回款記錄", "POST", "returnmoneyrecord/delete", [2]int{101, 1},
			[]fieldRow{opUser, recordID, req("cascade_delete", "string", "否")},
			[]fieldRow{resp("returnmoneyrecord_id", "string(40)")},
			[]string{"error_code", "error_msg", "data"}},
	}
	if len(doc.Endpoints) != len(want) {
		t.Fatalf("%d endpoints, want %d", len(doc.Endpoints), len(want))
	}
	for i, w := range want {
		ep := doc.Endpoints[i]
		if ep.Title != w.title || ep.Method != w.method || ep.URL != w.url {
			t.Errorf("endpoint %d: %q %s %s, want %q %s %s", i, ep.Title, ep.Method, ep.URL, w.title, w.method, w.url)
		}
		if ep.Group != "回款記錄管理" || ep.Auth != "通用授權" {
			t.Errorf("%s: group %q auth %q", w.url, ep.Group, ep.Auth)
		}
		if at(ep.URLPos) != w.urlAt || ep.MethodPos.Line != w.urlAt[0] {
			t.Errorf("%s: URL at %s, method at %s; want both on line %d", w.url, ep.URLPos, ep.MethodPos, w.urlAt[0])
		}
		if len(ep.Request) != 1 || len(ep.Response) != 1 {
			t.Fatalf("%s: %d request and %d response tables, want 1 and 1", w.url, len(ep.Request), len(ep.Response))
		}
		wantRows(t, w.url+" request", ep.Request[0], w.request)
		wantRows(t, w.url+" response", ep.Response[0], w.response)
		if ep.RequestExample != nil {
			t.Errorf("%s: the page has no request example", w.url)
		}
		ex := ep.ResponseExample
		if ex == nil || ex.Value == nil {
			t.Fatalf("%s: no response example", w.url)
		}
		var keys []string
		for _, m := range ex.Value.Members {
			keys = append(keys, m.Key)
		}
		if !slices.Equal(keys, w.responseKeys) {
			t.Errorf("%s: example keys %v, want %v", w.url, keys, w.responseKeys)
		}
	}
	// Fields point at their name cells; the header row is the table's place.
	first := doc.Endpoints[0].Request[0]
	if at(first.Pos) != [2]int{7, 1} || at(first.Fields[0].Pos) != [2]int{9, 3} || at(first.Fields[1].TypePos) != [2]int{10, 11} {
		t.Errorf("positions: table %s, op_user %s, POST流 type %s", first.Pos, first.Fields[0].Pos, first.Fields[1].TypePos)
	}
	if !strings.Contains(first.Fields[1].Description, `{ "returnMoneyStatus":2 }`) {
		t.Errorf("POST流 description lost its inline JSON: %q", first.Fields[1].Description)
	}
	list := doc.Endpoints[2].ResponseExample.Value.Get("data")
	if list.Kind != ljson.Array || len(list.Items) != 2 {
		t.Errorf("list example data: %s with %d items", list.Kind, len(list.Items))
	}
}

// TestMarkdownTables covers the shared table layer through Markdown: rows
// with too few or too many cells, a lost closing pipe, nesting prefixes,
// escaped pipes, inline HTML and columns outside the vocabulary.
func TestMarkdownTables(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		rows  []fieldRow
		codes map[diag.Code]int
		check func(t *testing.T, tb *Table)
	}{{
		name: "nesting prefixes",
		src: "|参数|类型|说明|\n|---|---|---|\n|data|object|数据|\n|└ list|array|列表|\n|├─ ─ id|int|编号|\n" +
			"|--name|string|名称|\n|»» deep|string|深|\n|data.list[].id|int|点号|\n|data>list>id|int|箭头|\n",
		rows: []fieldRow{{Name: "data", Type: "object"}, {Name: "list", Type: "array", Depth: 1}, {Name: "id", Type: "int", Depth: 2},
			{Name: "name", Type: "string", Depth: 1}, {Name: "deep", Type: "string", Depth: 2},
			{Name: "data.list[].id", Type: "int"}, {Name: "data>list>id", Type: "int"}},
	}, {
		name: "depth relative to the table's top rows",
		src:  "|名称|类型|必选|\n|---|---|---|\n|» code|integer|true|\n|» users|[object]|true|\n|»» id|integer|false|\n",
		rows: []fieldRow{{Name: "code", Type: "integer", Required: RequiredYes, Raw: "true"},
			{Name: "users", Type: "[object]", Required: RequiredYes, Raw: "true"},
			{Name: "id", Type: "integer", Required: RequiredNo, Raw: "false", Depth: 1}},
	}, {
		name: "indentation by full-width and no-break spaces",
		src:  "|参数|类型|\n|---|---|\n|a|object|\n|　b|int|\n|　　c|int|\n|&nbsp;&nbsp;d|int|\n",
		rows: []fieldRow{{Name: "a", Type: "object"}, {Name: "b", Type: "int", Depth: 1}, {Name: "c", Type: "int", Depth: 2}, {Name: "d", Type: "int", Depth: 1}},
	}, {
		name:  "short and long rows are read and reported",
		src:   "|参数|类型|必填|说明|\n|---|---|---|---|\n|a|int|是|甲|多余|\n|b|int|\n",
		rows:  []fieldRow{{Name: "a", Type: "int", Required: RequiredYes, Raw: "是"}, {Name: "b", Type: "int"}},
		codes: map[diag.Code]int{diag.ExtraCells: 1, diag.MissingCells: 1, diag.EmptyCell: 1},
		check: func(t *testing.T, tb *Table) {
			if d := tb.Fields[0].Description; d != "甲 多余" {
				t.Errorf("extra cell not joined into the description: %q", d)
			}
		},
	}, {
		name: "rows without outer pipes and a short delimiter row",
		src:  "|参数名|必选|类型|说明|\n|:-----  |:-----|-----                  |\n|id |是|Long   |主键id|\n|name|否|String|名称\n",
		rows: []fieldRow{{Name: "id", Type: "Long", Required: RequiredYes, Raw: "是"}, {Name: "name", Type: "String", Required: RequiredNo, Raw: "否"}},
	}, {
		name: "a table without a delimiter row",
		src:  "|参数|类型|\n|a|int|\n",
		rows: []fieldRow{{Name: "a", Type: "int"}},
	}, {
		name:  "escaped pipes, code spans and inline HTML",
		src:   "|参数|类型|说明|\n|---|---|---|\n|<font color=red>`sn_area`</font>|int|a \\| b<br>c|\n|**user\\_id**|List<String>|id|\n",
		rows:  []fieldRow{{Name: "sn_area", Type: "int"}, {Name: "user_id", Type: "List<String>"}},
		codes: map[diag.Code]int{diag.HTMLStripped: 1},
		check: func(t *testing.T, tb *Table) {
			if d := tb.Fields[0].Description; d != "a | b c" {
				t.Errorf("description %q, want the escaped pipe and the line break kept as text", d)
			}
		},
	}, {
		name: "columns outside the vocabulary are kept",
		src:  "|参数名|参数位置|参数类型|必填|默认值|示例|约束|描述|\n|---|---|---|---|---|---|---|---|\n|id|query|int|是|1|42|>0|编号|\n",
		rows: []fieldRow{{Name: "id", Type: "int", Required: RequiredYes, Raw: "是", In: "query"}},
		check: func(t *testing.T, tb *Table) {
			f := tb.Fields[0]
			if f.Default != "1" || f.Example != "42" || f.Description != "编号" || !slices.Equal(f.Extra, []Cell{{Header: "约束", Value: ">0"}}) {
				t.Errorf("default %q example %q description %q extra %v", f.Default, f.Example, f.Description, f.Extra)
			}
		},
	}, {
		name: "required cells with notes and yes/no words",
		src:  "|参数|必填|\n|---|---|\n|a|是（可为空字符串）|\n|b|Y|\n|c|N|\n|d|true|\n|e|必填|\n|f|可选|\n|g|特殊可选|\n|h||\n",
		rows: []fieldRow{{Name: "a", Required: RequiredYes, Raw: "是（可为空字符串）"}, {Name: "b", Required: RequiredYes, Raw: "Y"},
			{Name: "c", Required: RequiredNo, Raw: "N"}, {Name: "d", Required: RequiredYes, Raw: "true"},
			{Name: "e", Required: RequiredYes, Raw: "必填"}, {Name: "f", Required: RequiredNo, Raw: "可选"},
			{Name: "g", Raw: "特殊可选"}, {Name: "h"}},
	}, {
		name:  "type and required columns swapped in every row",
		src:   "|参数|类型|是否必填|说明|\n| - | - | - | - |\n| spu_code | 是 | int | spu |\n| area | 否 | string | 地址 |\n",
		rows:  []fieldRow{{Name: "spu_code", Type: "int", Required: RequiredYes, Raw: "是"}, {Name: "area", Type: "string", Required: RequiredNo, Raw: "否"}},
		codes: map[diag.Code]int{diag.MisplacedColumns: 1},
	}, {
		name:  "a row without a name is skipped",
		src:   "|参数|类型|\n|---|---|\n| |int|\n|a|int|\n",
		rows:  []fieldRow{{Name: "a", Type: "int"}},
		codes: map[diag.Code]int{diag.SkippedRow: 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseAs("t.md", "# 接口\n\n请求地址: /a\n\n"+tt.src, FormatMarkdown)
			if len(doc.Endpoints) != 1 || len(doc.Endpoints[0].Request) != 1 {
				t.Fatalf("want one endpoint with one request table; diagnostics %v", doc.Diagnostics)
			}
			tb := doc.Endpoints[0].Request[0]
			wantRows(t, "table", tb, tt.rows)
			if got := codesOf(doc.Diagnostics); !mapsEqual(got, tt.codes) {
				t.Errorf("diagnostics %v, want codes %v", doc.Diagnostics, tt.codes)
			}
			for _, f := range tb.Fields {
				if f.Pos.Line < 6 || f.Pos.Col < 1 {
					t.Errorf("%s at %s", f.Name, f.Pos)
				}
			}
			if tt.check != nil {
				tt.check(t, tb)
			}
		})
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestMarkdownEndpoints covers how Markdown pages mark their endpoints.
func TestMarkdownEndpoints(t *testing.T) {
	type ep struct{ title, method, url string }
	tests := []struct {
		name string
		src  string
		want []ep
	}{{
		name: "a heading per endpoint under a page heading",
		src:  "# 音频管理\n\n说明。\n\n## 播放\n\n**请求URL:**\n- `http://h/play`\n\n**请求方式:**\n- GET\n\n## 停止\n\n**请求URL:**\n- `http://h/stop`\n",
		want: []ep{{"播放", "GET", "http://h/play"}, {"停止", "", "http://h/stop"}},
	}, {
		name: "label headings do not start endpoints",
		src:  "# change_score\n\n## 描述\n\n加分\n\n## 请求\n\n### 请求方式\n\nPOST请求\n\n### 请求参数\n\n|参数|类型|\n|---|---|\n|a|int|\n\n### 响应参数\n\n|参数|类型|\n|---|---|\n|b|int|\n",
		want: []ep{{"change_score", "POST", ""}},
	}, {
		name: "Apifox: a method in the heading and a request line",
		src:  "# 组\n\n## POST user::add\n\nPOST /api/user/add\n\n## GET user::get\n\nGET /api/user/get\n\nget /api/user/get\n",
		want: []ep{{"user::add", "POST", "/api/user/add"}, {"user::get", "GET", "/api/user/get"}},
	}, {
		name: "two paths documented by one page share its tables",
		src:  "#商品详情\n\n## PC端 接口地址\n`goods/detail` `POST`\n## H5端 接口地址\n`h5/goods/detail` `POST`\n\n## 请求参数\n\n|参数|类型|\n|-|-|\n|a|int|\n",
		want: []ep{{"商品详情", "POST", "goods/detail"}, {"商品详情", "POST", "h5/goods/detail"}},
	}, {
		name: "bare title lines before API-address items",
		src:  "模块\n新增\n- API 地址:\na/add - HTTP 方法:POST\n|參數|類型|\n|---|---|\n|x|int|\n獲取\n- API 地址: a/get - HTTP 方法:GET\n",
		want: []ep{{"新增", "POST", "a/add"}, {"獲取", "GET", "a/get"}},
	}, {
		name: "a subsection heading names the table below it",
		src:  "## 查询\n请求URL: /q\n## 返回参数\n|参数|类型|\n|-|-|\n|img_list|Array|\n### img_list 图片\n|参数|类型|\n|-|-|\n|url|String|\n",
		want: []ep{{"查询", "", "/q"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseAs("t.md", tt.src, FormatMarkdown)
			var got []ep
			for _, e := range doc.Endpoints {
				got = append(got, ep{e.Title, e.Method, e.URL})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("endpoints %+v, want %+v (diagnostics %v)", got, tt.want, doc.Diagnostics)
			}
			checkPositions(t, doc)
		})
	}
}

func TestMarkdownSharedTablesAreCopies(t *testing.T) {
	doc := parseAs("t.md", "## 接口地址\n`a/x` `POST`\n## 接口地址\n`b/x` `POST`\n## 请求参数\n|参数|类型|\n|-|-|\n|a|int|\n", FormatMarkdown)
	if len(doc.Endpoints) != 2 {
		t.Fatalf("%d endpoints, want 2", len(doc.Endpoints))
	}
	a, b := doc.Endpoints[0].Request[0], doc.Endpoints[1].Request[0]
	if a == b || a.Fields[0] == b.Fields[0] || a.Fields[0].Name != b.Fields[0].Name {
		t.Errorf("the second path must get its own copy of the shared table")
	}
}

func TestMarkdownTableCaption(t *testing.T) {
	doc := parseAs("t.md", "## 查询\n请求URL: /q\n## 返回参数\n- BaseResp\n\n|参数名|类型|\n|-|-|\n|data|AppResp|\n\n- AppResp\n\n|参数名|类型|\n|-|-|\n|id|string|\n", FormatMarkdown)
	// BaseResp names the response's table; AppResp, the type of its data
	// field, is defined by the table under it.
	if len(doc.Endpoints) != 1 || len(doc.Endpoints[0].Response) != 1 || len(doc.Types) != 1 {
		t.Fatalf("want one endpoint with one response table and one type: %v", doc.Diagnostics)
	}
	if n := doc.Endpoints[0].Response[0].Name; n != "BaseResp" {
		t.Errorf("response table named %q, want BaseResp", n)
	}
	if n := doc.Types[0].Name; n != "AppResp" || len(doc.Types[0].Fields) != 1 {
		t.Errorf("type %q with %d fields, want AppResp with id", n, len(doc.Types[0].Fields))
	}
}

// TestMarkdownExamples covers the forms JSON examples take in Markdown.
func TestMarkdownExamples(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		req, resp   string // a key the example must hold, "" for no example
		respAt      [2]int
		codes       map[diag.Code]int
		description string
	}{{
		name: "fenced blocks under labels",
		src:  "## a\n请求URL: /a\n### 请求示例\n```json\n{\"q\": 1}\n```\n### 返回示例\n```\n{\"code\": 0}\n```\n",
		req:  "q", resp: "code", respAt: [2]int{9, 1},
	}, {
		name:  "an unclosed fence runs to the end",
		src:   "## a\n请求URL: /a\n返回示例:\n```json\n{\"code\": 0,\n",
		resp:  "code",
		codes: map[diag.Code]int{diag.IgnoredText: 1, diag.UnclosedJSON: 1},
	}, {
		name:   "a bare JSON block ends where its brackets balance",
		src:    "## a\n请求URL: /a\n返回数据示例\n{\n\"error_code\": 0\n}\n返回数据说明\n|字段|类型|\n|---|---|\n|x|int|\n",
		resp:   "error_code",
		respAt: [2]int{4, 1},
	}, {
		name:  "a broken bare block ends before the next label",
		src:   "## a\n请求URL: /a\n返回示例:\n{\n\"error_code\": 0,\n\"data\": [{\n返回参数说明\n|字段|类型|\n|---|---|\n|x|int|\n",
		resp:  "error_code",
		codes: map[diag.Code]int{diag.UnclosedJSON: 1},
	}, {
		name: "an indented block after a caption line",
		src:  "## a\n请求URL: /a\n## 示例\n\n    JSON:\n    {\n        \"ret\": 200\n    }\n",
		req:  "ret",
	}, {
		name:   "an unlabelled example with the envelope is the response",
		src:    "## a\n请求URL: /a\n|参数|类型|\n|---|---|\n|a|int|\n{\n\"errcode\": 0\n}\n{}\n",
		resp:   "errcode",
		respAt: [2]int{6, 1},
		codes:  map[diag.Code]int{diag.IgnoredText: 1},
	}, {
		name: "a YAML body example is not JSON",
		src:  "## a\n请求URL: /a\n> Body 请求参数\n\n```yaml\ntext: \"123\"\n```\n",
	}, {
		name:        "description and an example on the label line",
		src:         "## a\n接口说明: 查询\n第二行\n请求URL: /a\n请求示例: {\"q\": 1}\n",
		req:         "q",
		description: "查询 第二行",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseAs("t.md", tt.src, FormatMarkdown)
			if len(doc.Endpoints) != 1 {
				t.Fatalf("%d endpoints, want 1: %v", len(doc.Endpoints), doc.Diagnostics)
			}
			ep := doc.Endpoints[0]
			for _, c := range []struct {
				what string
				ex   *Example
				key  string
			}{{"request", ep.RequestExample, tt.req}, {"response", ep.ResponseExample, tt.resp}} {
				switch {
				case c.key == "" && c.ex != nil:
					t.Errorf("unexpected %s example %q", c.what, c.ex.Text)
				case c.key != "" && (c.ex == nil || c.ex.Value.Get(c.key) == nil):
					t.Errorf("%s example without %q: %+v", c.what, c.key, c.ex)
				}
			}
			if tt.respAt != [2]int{} && at(ep.ResponseExample.Pos) != tt.respAt {
				t.Errorf("response example at %s, want %v", ep.ResponseExample.Pos, tt.respAt)
			}
			if got := codesOf(doc.Diagnostics); !mapsEqual(got, tt.codes) && !(len(got) == 0 && tt.codes == nil) {
				t.Errorf("diagnostics %v, want codes %v", doc.Diagnostics, tt.codes)
			}
			if ep.Description != tt.description {
				t.Errorf("description %q, want %q", ep.Description, tt.description)
			}
		})
	}
}

func TestMarkdownFrontMatterAndHTML(t *testing.T) {
	src := "---\ntitle: x\n请求URL: /not/this\n---\n# 接口\n\n## 查询\n\n请求URL: `/q`\n\n<table>\n<tr><th>参数</th><th>类型</th></tr>\n<tr><td>q</td><td>string</td></tr>\n</table>\n"
	doc := parseAs("t.md", src, FormatMarkdown)
	if len(doc.Endpoints) != 1 || doc.Endpoints[0].URL != "/q" {
		t.Fatalf("endpoints %+v", doc.Endpoints)
	}
	ep := doc.Endpoints[0]
	if ep.Title != "查询" || ep.Group != "接口" || len(ep.Request) != 1 {
		t.Fatalf("title %q group %q, %d request tables", ep.Title, ep.Group, len(ep.Request))
	}
	wantRows(t, "HTML table", ep.Request[0], []fieldRow{{Name: "q", Type: "string"}})
	if f := ep.Request[0].Fields[0]; at(f.Pos) != [2]int{13, 5} {
		t.Errorf("q at %s, want 13:5 (its <td> in the page)", f.Pos)
	}
}
