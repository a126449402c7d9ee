package parser

import (
	"slices"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

const seed002 = "../testdata/seeds/002_1cb638a863dfad4f.txt"

// fieldRow is the part of a Field the reader tests compare.
type fieldRow struct {
	Name     string
	Type     string
	Required Required
	Raw      string
	Depth    int
	In       string
}

func fieldRows(tb *Table) []fieldRow {
	out := make([]fieldRow, len(tb.Fields))
	for i, f := range tb.Fields {
		out[i] = fieldRow{f.Name, f.Type, f.Required, f.RequiredRaw, f.Depth, f.In}
	}
	return out
}

func wantRows(t *testing.T, what string, tb *Table, want []fieldRow) {
	t.Helper()
	if got := fieldRows(tb); !slices.Equal(got, want) {
		t.Errorf("%s fields:\n got %+v\nwant %+v", what, got, want)
	}
}

func at(p diag.Pos) [2]int { return [2]int{p.Line, p.Col} }

func codesOf(l diag.List) map[diag.Code]int {
	m := map[diag.Code]int{}
	for _, d := range l {
		m[d.Code]++
	}
	return m
}

func parseAs(name, src string, f Format) *Document {
	return Parse(name, []byte(src), Options{Format: f})
}

// TestShowDocHTMLSeed reads seed 002, a ShowDoc page saved as HTML on one
// line: positions are columns on that line.
func TestShowDocHTMLSeed(t *testing.T) {
	doc := ParseFile(seed002, Options{})
	if doc.Format != FormatShowDocHTML {
		t.Fatalf("format %s, want %s", doc.Format, FormatShowDocHTML)
	}
	if len(doc.Endpoints) != 1 {
		t.Fatalf("%d endpoints, want 1", len(doc.Endpoints))
	}
	ep := doc.Endpoints[0]
	if ep.Title != "客户详情" || ep.Group != "合伙人、dms、66智修文档相关" || ep.Description != "view" {
		t.Errorf("title %q group %q description %q", ep.Title, ep.Group, ep.Description)
	}
	if ep.Method != "POST" || ep.URL != "crm/customer/info" {
		t.Errorf("%s %s, want POST crm/customer/info", ep.Method, ep.URL)
	}
	// The URL is in <li> at column 94 of line 8, the method's <li> further on.
	if at(ep.URLPos) != [2]int{8, 94} || ep.URLPos.File != seed002 {
		t.Errorf("URL at %s, want %s:8:94", ep.URLPos, seed002)
	}
	if ep.MethodPos.Line != 8 || ep.MethodPos.Col <= ep.URLPos.Col {
		t.Errorf("method at %s, want after the URL on line 8", ep.MethodPos)
	}

	if len(ep.Request) != 1 {
		t.Fatalf("%d request tables, want 1", len(ep.Request))
	}
	req := ep.Request[0]
	if !slices.Equal(req.Headers, []string{"参数名", "必选", "类型", "说明"}) || at(req.Pos) != [2]int{8, 225} {
		t.Errorf("request table %v at %s", req.Headers, req.Pos)
	}
	wantRows(t, "request", req, []fieldRow{{Name: "cid", Type: "string", Required: RequiredYes, Raw: "是"}})
	if f := req.Fields[0]; f.Description != "客户id" || at(f.Pos) != [2]int{8, 401} {
		t.Errorf("cid: description %q at %s, want 客户id at 8:401", f.Description, f.Pos)
	}

	// 返回参数说明 is an empty table; it is kept, with its header.
	if len(ep.Response) != 1 || len(ep.Response[0].Fields) != 0 || ep.Response[0].Role != RoleResponse {
		t.Errorf("response tables %+v, want one empty response table", ep.Response)
	}

	if ep.RequestExample != nil || ep.DataExample != nil {
		t.Errorf("request or data example read from a page that has none")
	}
	ex := ep.ResponseExample
	if ex == nil || ex.Value == nil || ex.Value.Kind != ljson.Object {
		t.Fatalf("response example not read as an object: %+v", ex)
	}
	if at(ex.Pos) != [2]int{8, 598} {
		t.Errorf("example at %s, want 8:598 (the '{' inside <pre><code>)", ex.Pos)
	}
	if !strings.HasPrefix(ex.Text, `{ "errCode": 1000,`) {
		t.Errorf("example text starts %q", shorten(ex.Text, 30))
	}
	for _, k := range []string{"errCode", "errMsg", "data"} {
		if ex.Value.Get(k) == nil {
			t.Errorf("example has no %q", k)
		}
	}
	data := ex.Value.Get("data")
	if m := data.Member("id"); m == nil || m.Comment != "客户id" {
		t.Errorf("data.id comment %+v, want 客户id from the // comment", m)
	}
	if ci := data.Get("checking_info"); ci == nil || ci.Embedded == nil || ci.Embedded.Kind != ljson.Object {
		t.Errorf("checking_info: want a JSON object read from inside the string")
	}

	// The page is messy JSON on purpose: every diagnostic is a JSON repair,
	// positioned on line 8 inside the example, but for the note that its
	// 返回参数说明 table has no rows (its <tbody> is empty).
	codes := codesOf(doc.Diagnostics)
	if codes[diag.EmptyTable] != 1 {
		t.Errorf("want one I006 for the empty 返回参数说明 table; got %v", codes)
	}
	doc.Diagnostics = slices.DeleteFunc(doc.Diagnostics, func(d diag.Diagnostic) bool { return d.Code == diag.EmptyTable })
	for _, c := range []diag.Code{diag.CommentAsDescription, diag.MissingComma, diag.TrailingTextAsDescription, diag.QuotedJSONInString, diag.TrailingComma} {
		if codes[c] == 0 {
			t.Errorf("no %s repair reported; got %v", c, codes)
		}
	}
	for _, d := range doc.Diagnostics {
		if !strings.HasPrefix(d.Code.String(), "J") || d.Pos.Line != 8 || d.Pos.Col < ex.Pos.Col {
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
	if d := doc.Diagnostics[0]; d.Code != diag.CommentAsDescription || at(d.Pos) != [2]int{8, 659} {
		t.Errorf("first repair %s, want J001 at 8:659 (//客户id)", d)
	}
}

// showDocMarkdown is seed 002 as ShowDoc's Markdown source, with nested
// rows added in the forms ShowDoc pages use.
const showDocMarkdown = `客户详情

**简要描述:** 

- view

**请求URL:** 
- ` + "` crm/customer/info `" + `
  
**请求方式:**
- POST 

**参数:** 

|参数名|必选|类型|说明|
|:----    |:---|:----- |-----   |
|cid |是  |string |客户id   |
|list |否  |array |列表   |
|└ item_id |否  |int |条目   |
|&emsp;&emsp;name |否  |string |名称   |

 **返回示例**

` + "```" + `
  {
    "errCode": 1000,
    "errMsg": "请求成功",
    "data": {
      "id": "62640",//客户id
      "name": "定会"
    }
  }
` + "```" + `

 **返回参数说明** 

|参数名|类型|说明|
|:-----  |:-----|-----                           |
|data |object   |数据  |
|--id |string   |客户id  |

 **备注** 

- 更多返回错误代码请看首页的错误代码描述
`

func TestShowDocMarkdown(t *testing.T) {
	doc := Parse("showdoc.md", []byte(showDocMarkdown), Options{})
	if doc.Format != FormatShowDocMarkdown {
		t.Fatalf("format %s, want %s", doc.Format, FormatShowDocMarkdown)
	}
	if len(doc.Endpoints) != 1 {
		t.Fatalf("%d endpoints, want 1: %v", len(doc.Endpoints), doc.Diagnostics)
	}
	ep := doc.Endpoints[0]
	if ep.Title != "客户详情" || ep.Method != "POST" || ep.URL != "crm/customer/info" || ep.Description != "view" {
		t.Errorf("got %q %s %q %q", ep.Title, ep.Method, ep.URL, ep.Description)
	}
	if at(ep.URLPos) != [2]int{8, 5} {
		t.Errorf("URL at %s, want 8:5", ep.URLPos)
	}
	if len(ep.Request) != 1 || len(ep.Response) != 1 {
		t.Fatalf("%d request and %d response tables, want 1 and 1", len(ep.Request), len(ep.Response))
	}
	wantRows(t, "request", ep.Request[0], []fieldRow{
		{Name: "cid", Type: "string", Required: RequiredYes, Raw: "是"},
		{Name: "list", Type: "array", Required: RequiredNo, Raw: "否"},
		{Name: "item_id", Type: "int", Required: RequiredNo, Raw: "否", Depth: 1},
		{Name: "name", Type: "string", Required: RequiredNo, Raw: "否", Depth: 1},
	})
	wantRows(t, "response", ep.Response[0], []fieldRow{
		{Name: "data", Type: "object"},
		{Name: "id", Type: "string", Depth: 1},
	})
	if f := ep.Request[0].Fields[0]; at(f.Pos) != [2]int{17, 2} || at(f.TypePos) != [2]int{17, 11} {
		t.Errorf("cid at %s, type at %s; want 17:2 and 17:11", f.Pos, f.TypePos)
	}
	ex := ep.ResponseExample
	if ex == nil || ex.Value.Get("data").Member("id").Comment != "客户id" {
		t.Fatalf("response example not read with its comments: %+v", ex)
	}
	if at(ex.Pos) != [2]int{25, 3} {
		t.Errorf("example at %s, want 25:3", ex.Pos)
	}
	if codes := codesOf(doc.Diagnostics); len(codes) != 1 || codes[diag.CommentAsDescription] != 1 {
		t.Errorf("diagnostics %v, want one J001", doc.Diagnostics)
	}
}

// TestShowDocFormatsAgree reads the same page saved as HTML and written as
// ShowDoc Markdown: the endpoint and its request table must be the same.
func TestShowDocFormatsAgree(t *testing.T) {
	fromHTML := ParseFile(seed002, Options{})
	fromMD := Parse("showdoc.md", []byte(showDocMarkdown), Options{})
	if len(fromHTML.Endpoints) != 1 || len(fromMD.Endpoints) != 1 {
		t.Fatal("each rendering must give one endpoint")
	}
	h, m := fromHTML.Endpoints[0], fromMD.Endpoints[0]
	if h.Title != m.Title || h.Method != m.Method || h.URL != m.URL || h.Description != m.Description {
		t.Errorf("HTML %q %s %s %q, Markdown %q %s %s %q", h.Title, h.Method, h.URL, h.Description, m.Title, m.Method, m.URL, m.Description)
	}
	if hf, mf := fieldRows(h.Request[0])[0], fieldRows(m.Request[0])[0]; hf != mf {
		t.Errorf("cid from HTML %+v, from Markdown %+v", hf, mf)
	}
}
