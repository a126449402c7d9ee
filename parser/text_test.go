package parser

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

const (
	seed000 = "../testdata/seeds/000_cfc759fbbf88bb66.txt"
	seed001 = "../testdata/seeds/001_0fff4a18e5a0f8bc.txt"
)

var seedDocs sync.Map // path → *Document

// seedDoc parses a seed once per test binary; tests only read the result.
func seedDoc(t *testing.T, path string) *Document {
	t.Helper()
	if doc, ok := seedDocs.Load(path); ok {
		return doc.(*Document)
	}
	doc := ParseFile(path, Options{Format: FormatText})
	seedDocs.Store(path, doc)
	return doc
}

func endpoint(t *testing.T, doc *Document, title string) *Endpoint {
	t.Helper()
	for _, e := range doc.Endpoints {
		if e.Title == title {
			return e
		}
	}
	t.Fatalf("%s: no endpoint %q", doc.File, title)
	return nil
}

func tables(e *Endpoint) []*Table {
	return append(slices.Clone(e.Request), e.Response...)
}

// fieldAt returns the row read from line n of the page, with its table.
func fieldAt(t *testing.T, doc *Document, n int) (*Field, *Table) {
	t.Helper()
	for _, e := range doc.Endpoints {
		for _, tb := range tables(e) {
			for _, f := range tb.Fields {
				if f.Pos.Line == n {
					return f, tb
				}
			}
		}
	}
	t.Fatalf("%s: no row read from line %d", doc.File, n)
	return nil, nil
}

// diagsOn returns the diagnostics on line n as "line:col CODE".
func diagsOn(doc *Document, n int) []string {
	var out []string
	for _, d := range doc.Diagnostics {
		if d.Pos.Line == n {
			out = append(out, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Code))
		}
	}
	return out
}

// diagKeys lists all diagnostics as "line:col CODE" in order.
func diagKeys(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Code))
	}
	return out
}

func lc(p diag.Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

func fieldNames(tb *Table) []string {
	var out []string
	for _, f := range tb.Fields {
		out = append(out, f.Name)
	}
	return out
}

func parseText(src string) *Document {
	return Parse("t.txt", []byte(src), Options{Format: FormatText})
}

// row is a Field reduced to what the quirk tests compare.
type row struct {
	At, Name, Type, TypeAt string
	Required               Required
	RequiredRaw, Desc      string
}

func rowOf(f *Field) row {
	typeAt := ""
	if f.TypePos.IsValid() {
		typeAt = lc(f.TypePos)
	}
	return row{lc(f.Pos), f.Name, f.Type, typeAt, f.Required, f.RequiredRaw, f.Description}
}

// TestSeedRequiredUnknown: the 必填 column is empty in every Waiqin table,
// so no field may claim to be required or optional.
func TestSeedRequiredUnknown(t *testing.T) {
	for _, path := range []string{seed000, seed001} {
		doc := seedDoc(t, path)
		withColumn := 0
		for _, e := range doc.Endpoints {
			for _, tb := range tables(e) {
				if slices.Contains(tb.Headers, "必填") {
					withColumn++
				}
				for _, f := range tb.Fields {
					if f.Required != RequiredUnknown || f.RequiredRaw != "" {
						t.Errorf("%s: %s: Required = %v (%q), want unknown", f.Pos, f.Name, f.Required, f.RequiredRaw)
					}
				}
			}
		}
		var i001 []string
		for _, d := range doc.Diagnostics {
			if d.Code == diag.NoRequiredMarks {
				i001 = append(i001, d.Pos.String())
				if d.Pos.Col != 7 || d.Message != "the 必填 column is empty in every row; required is unknown" {
					t.Errorf("%s: %s", d.Pos, d.Message)
				}
			}
		}
		if len(i001) != withColumn {
			t.Errorf("%s: %d I001 for %d tables with a 必填 column", path, len(i001), withColumn)
		}
	}
}

// TestTextRequiredColumn: marks are read when a page gives them, and a
// description that merely starts with a yes/no-like word stays a description.
func TestTextRequiredColumn(t *testing.T) {
	doc := parseText(`# 新增
请求方式: POST 请求地址: /a
参数 类型 必填 说明
a VARCHAR(32) 是 名称
b INT 否
c INT 是否启用,1:是
d INT 必填 数量
参数 类型 是否可空 说明
e INT 是 可以为空
`)
	e := doc.Endpoints[0]
	want := []row{
		{"4:1", "a", "VARCHAR(32)", "4:3", RequiredYes, "是", "名称"},
		{"5:1", "b", "INT", "5:3", RequiredNo, "否", ""},
		{"6:1", "c", "INT", "6:3", RequiredUnknown, "", "是否启用,1:是"},
		{"7:1", "d", "INT", "7:3", RequiredYes, "必填", "数量"},
		{"9:1", "e", "INT", "9:3", RequiredNo, "是", "可以为空"},
	}
	var got []row
	for _, tb := range e.Request {
		for _, f := range tb.Fields {
			got = append(got, rowOf(f))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows\n got %+v\nwant %+v", got, want)
	}
	if ds := diagKeys(doc.Diagnostics); !slices.Equal(ds, []string{"5:1 I004"}) {
		t.Errorf("diagnostics = %v, want only the missing description of b", ds)
	}
}

// TestSeedRowQuirks pins rows with odd types, missing cells, spaces in
// descriptions and inline HTML, at their places in the seeds.
func TestSeedRowQuirks(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		want  row
		diags []string
	}{
		{"List type", seed000, row{"82:1", "reqInfo", "List", "82:9", RequiredUnknown, "", "列表"}, nil},
		{"lower-case int8; copy artifact dropped", seed000, row{"83:1", "reqInfo.cm_id", "int8", "83:15", RequiredUnknown, "",
			"勤策客户唯一标识,有效字符详见附录:有效字符说明,与客户编码不能同时为空"}, nil},
		{"bare varchar", seed000, row{"84:1", "reqInfo.cm_code", "varchar", "84:17", RequiredUnknown, "", "客户编码,与勤策客户唯一标识不能同时为空"}, nil},
		{"upper-case INT", seed000, row{"131:1", "page_number", "INT", "131:13", RequiredUnknown, "", "页码默认1,每页默认1000条"}, nil},
		{"INT8", seed000, row{"182:1", "id", "INT8", "182:4", RequiredUnknown, "", "客户金额ID"}, nil},
		{"lower-case numeric", seed000, row{"193:1", "cm_credit", "numeric(10,2)", "193:11", RequiredUnknown, "", "信用额度"}, nil},
		{"NUMERIC with a space after the comma", seed001, row{"982:1", "end_amount", "NUMERIC(15, 2)", "982:12", RequiredUnknown, "", "关闭申请金额"}, nil},
		{"VARCHAR with a space before the parenthesis", seed001, row{"1150:1", "execution_re.unitName", "VARCHAR (32)", "1150:23", RequiredUnknown, "",
			"兑付商品单位。现金时不传,商品时必传"}, nil},
		{"lower-case varchar(100)", seed001, row{"51:1", "code", "varchar(100)", "51:6", RequiredUnknown, "", "方案编码"}, nil},
		{"CHAR(1), description with spaces", seed001, row{"281:1", "settlementMode", "CHAR(1)", "281:16", RequiredUnknown, "",
			"结算方式 1-单次 2-分期 不传默认单次"}, nil},
		{"description with spaces and colons", seed001, row{"254:1", "activityDefaultDateRange", "VARCHAR(32)", "254:26", RequiredUnknown, "",
			"申请时执行周期默认值 EMPTY:空;PLAN:方案执行周期"}, nil},
		{"size glued to the name", seed001, row{"614:1", "emp_code", "varchar100", "614:10", RequiredUnknown, "", "员工登录账号"}, nil},
		{"NUMERIC without scale", seed001, row{"1266:1", "predictGifts.pdNum", "NUMERIC(15)", "1266:20", RequiredUnknown, "", "数量"}, nil},
		{"Object", seed001, row{"2133:1", "report_form_data", "Object", "2133:18", RequiredUnknown, "", "上报表单数据"}, nil},
		{"row with no description", seed001, row{"1531:1", "rows[].scan_code", "VARCHAR(100)", "1531:18", RequiredUnknown, "", ""},
			[]string{"1531:1 I004"}},
		{"description missing after the type", seed001, row{"1659:1", "updateSubs", "List", "1659:12", RequiredUnknown, "", ""},
			[]string{"1659:1 I004"}},
		{"inline HTML with its '>' lost", seed001, row{"2286:1", "plan_code", "VARCHAR(100)", "2286:11", RequiredUnknown, "", "方案编码"},
			[]string{"2286:24 W002"}},
		{"scalar typed List", seed001, row{"2410:1", "pdList.pdCode", "List", "2410:15", RequiredUnknown, "", "商品编码"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := seedDoc(t, tt.path)
			var n int
			fmt.Sscanf(tt.want.At, "%d:", &n)
			f, _ := fieldAt(t, doc, n)
			if got := rowOf(f); got != tt.want {
				t.Errorf("row\n got %+v\nwant %+v", got, tt.want)
			}
			if f.Depth != 0 || f.In != "" || f.Default != "" || f.Example != "" || len(f.Extra) != 0 {
				t.Errorf("unexpected cells: %+v", f)
			}
			if got := diagsOn(doc, n); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics on line %d = %v, want %v", n, got, tt.diags)
			}
		})
	}
}

// TestTextRowForms covers row shapes the seeds do not have: tabs, Chinese
// type names, a type glued to its description, a missing type, text beyond
// the last column.
func TestTextRowForms(t *testing.T) {
	tests := []struct {
		name   string
		header string
		line   string
		want   row
		diags  []string
	}{
		{"tab-separated", "参数 类型 必填 说明", "name\tVARCHAR(32)\t名称", row{"4:1", "name", "VARCHAR(32)", "4:6", 0, "", "名称"}, nil},
		{"full-width spaces", "参数 类型 必填 说明", "name\u3000INT\u3000数量", row{"4:1", "name", "INT", "4:6", 0, "", "数量"}, nil},
		{"indented", "参数 类型 必填 说明", "  name INT 数量", row{"4:3", "name", "INT", "4:8", 0, "", "数量"}, nil},
		{"Chinese type", "参数 类型 必填 说明", "name 字符串 名称", row{"4:1", "name", "字符串", "4:6", 0, "", "名称"}, nil},
		{"type glued to the description", "参数 类型 必填 说明", "code VARCHAR(32)方案编码", row{"4:1", "code", "VARCHAR(32)", "4:6", 0, "", "方案编码"}, nil},
		{"no type", "参数 类型 必填 说明", "code 方案编码", row{"4:1", "code", "", "", 0, "", "方案编码"}, []string{"4:1 I004"}},
		{"name only", "参数 类型 说明", "code", row{"4:1", "code", "", "", 0, "", ""}, []string{"4:1 I004"}},
		{"no description column", "参数 类型", "code VARCHAR(32) 方案编码", row{"4:1", "code", "VARCHAR(32)", "4:6", 0, "", "方案编码"}, []string{"4:18 W025"}},
		{"entity in the description", "参数 说明", "code a &amp; b", row{"4:1", "code", "", "", 0, "", "a & b"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText("# 新增\n请求方式: POST 请求地址: /a\n" + tt.header + "\n" + tt.line + "\n")
			if len(doc.Endpoints) != 1 || len(doc.Endpoints[0].Request) != 1 || len(doc.Endpoints[0].Request[0].Fields) != 1 {
				t.Fatalf("want one endpoint with one row; diagnostics %v", diagKeys(doc.Diagnostics))
			}
			if got := rowOf(doc.Endpoints[0].Request[0].Fields[0]); got != tt.want {
				t.Errorf("row\n got %+v\nwant %+v", got, tt.want)
			}
			var ds []string
			for _, d := range diagKeys(doc.Diagnostics) {
				if !strings.HasSuffix(d, diag.NoRequiredMarks.String()) {
					ds = append(ds, d)
				}
			}
			if !slices.Equal(ds, tt.diags) {
				t.Errorf("diagnostics = %v, want %v", ds, tt.diags)
			}
		})
	}
}

// TestSeedNesting: nesting is written three ways and kept as written; the
// spec stage builds the tree.
func TestSeedNesting(t *testing.T) {
	tests := []struct {
		path, title string
		want        []string
	}{
		{seed000, "客户金额扩展新增具体金额(适用商贸版)", []string{
			"reqInfo", "reqInfo.cm_id", "reqInfo.cm_code", "reqInfo.data", "data.key", "data.value"}},
		{seed001, "宴席扫码新增", []string{
			"activity_code", "creator_code", "biz_id", "scan_type",
			"rows[].wine_type_name", "rows[].pd_code", "rows[].scan_code", "rows[].unit_name"}},
		{seed001, "万能申请单头行自定义字段更新修改", []string{
			"activityCode", "exts", "exts.ext_key", "exts.ext_value",
			"subList", "subList.id", "subList.exts", "subList.exts.ext_key", "subList.exts.ext_value"}},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			e := endpoint(t, seedDoc(t, tt.path), tt.title)
			if len(e.Request) != 1 {
				t.Fatalf("%d request tables, want 1", len(e.Request))
			}
			if got := fieldNames(e.Request[0]); !slices.Equal(got, tt.want) {
				t.Errorf("names\n got %q\nwant %q", got, tt.want)
			}
			for _, f := range e.Request[0].Fields {
				if f.Depth != 0 {
					t.Errorf("%s: Depth = %d, want 0 (the name carries the nesting)", f.Name, f.Depth)
				}
			}
		})
	}
}

// TestSeedLabelsThatLie: 参数说明: stands above request tables, response
// examples, response tables and envelope tables alike; 请求说明 has no colon.
func TestSeedLabelsThatLie(t *testing.T) {
	type tbl struct {
		At      string
		Role    TableRole
		Headers string
		Rows    int
	}
	tests := []struct {
		path, title string
		tables      []tbl
		respAt      string
		diags       map[int][]string // line → diagnostics expected there
	}{
		{seed000, "客户金额扩展新增具体金额(适用商贸版)", []tbl{
			{"81:1", RoleRequest, "参数 类型 必填 说明", 6},
			{"100:1", RoleEnvelope, "参数 类型 必填 说明", 3},
		}, "91:1", nil},
		{seed000, "客户金额扩展外部余额查询接口", []tbl{
			{"130:1", RoleRequest, "参数 类型 必填 说明", 13},
			{"181:1", RoleResponse, "参数 类型 必填 说明", 18},
		}, "147:1", nil},
		{seed001, "付费陈列方案新增", []tbl{
			{"50:1", RoleRequest, "参数 类型 必填 说明", 30},
			{"90:1", RoleEnvelope, "参数 说明", 3},
		}, "84:1", map[int][]string{48: nil, 82: nil, 84: {"84:1 W016"}}},
		{seed001, "关闭申请记录查询接口", []tbl{
			{"930:1", RoleRequest, "参数 类型 必填 说明", 5},
			{"979:1", RoleResponse, "参数 类型 说明", 12},
		}, "951:1", map[int][]string{928: nil, 977: nil}},
		{seed001, "万能促销活动TP上报记录新增", []tbl{
			{"2128:1", RoleRequest, "参数 类型 必填 说明", 15},
			{"2156:1", RoleEnvelope, "参数 说明", 3},
		}, "2147:1", map[int][]string{2147: nil}},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			doc := seedDoc(t, tt.path)
			e := endpoint(t, doc, tt.title)
			var got []tbl
			for _, tb := range tables(e) {
				got = append(got, tbl{lc(tb.Pos), tb.Role, strings.Join(tb.Headers, " "), len(tb.Fields)})
			}
			if !slices.Equal(got, tt.tables) {
				t.Errorf("tables\n got %+v\nwant %+v", got, tt.tables)
			}
			if e.ResponseExample == nil || lc(e.ResponseExample.Pos) != tt.respAt {
				t.Errorf("ResponseExample = %+v, want at %s", e.ResponseExample, tt.respAt)
			}
			for n, want := range tt.diags {
				var ds []string
				for _, d := range diagsOn(doc, n) {
					if !strings.HasSuffix(d, diag.NoRequiredMarks.String()) {
						ds = append(ds, d)
					}
				}
				if !slices.Equal(ds, want) {
					t.Errorf("diagnostics on line %d = %v, want %v", n, ds, want)
				}
			}
		})
	}
	envelope := endpoint(t, seedDoc(t, seed000), "客户金额扩展新增具体金额(适用商贸版)").Response[0]
	if got := fieldNames(envelope); !slices.Equal(got, []string{"msg_id", "return_code", "return_msg"}) {
		t.Errorf("envelope rows = %q", got)
	}
}

// TestSeedDescriptionAndMethod: 接口说明:… 请求方式: POST(HTTPS on one line,
// and the method label whose ')' was lost everywhere.
func TestSeedDescriptionAndMethod(t *testing.T) {
	tests := []struct {
		path, title, desc, methodAt string
	}{
		{seed000, "客户金额扩展新增具体金额(适用商贸版)", "", "3:7"},
		{seed001, "付费陈列方案新增", "仅支持付费陈列的活动方案写入。不支持关联预算的付费陈列活动", "7:7"},
		{seed001, "万能促销活动方案新增", "企业自定义字段中设置的必填,接口中不做强校验。不支持关联预算的方案类型;系统默认结算方式为单次结算,分期结算的方案新增时需新增对应分期明细。", "148:83"},
		{seed001, "品鉴会方案新增", "品鉴会方案新增接口", "305:22"},
		{seed001, "更新付费协议pdf接口", "当需要协议签署需要第三方落章时,通过此接口传入要签署的协议文件和甲方签署后的文件", "1034:53"},
		{seed001, "兑付执行新增", "接收第三方系统的兑付执行数据", "1108:27"},
		{seed001, "活动申请明细执行周期修改", "支持付费陈列、市场活动、万能促销活动、进场费场景的活动申请明细执行周期修改", "1164:50"},
		{seed001, "宴席扫码新增", "", "1502:7"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			doc := seedDoc(t, tt.path)
			e := endpoint(t, doc, tt.title)
			if e.Description != tt.desc {
				t.Errorf("Description = %q, want %q", e.Description, tt.desc)
			}
			if e.Method != "POST" || lc(e.MethodPos) != tt.methodAt {
				t.Errorf("Method = %q at %s, want POST at %s", e.Method, lc(e.MethodPos), tt.methodAt)
			}
			var n int
			fmt.Sscanf(tt.methodAt, "%d:", &n)
			if got := diagsOn(doc, n); !slices.Equal(got, []string{tt.methodAt + " W003"}) {
				t.Errorf("diagnostics on line %d = %v, want the unbalanced parenthesis", n, got)
			}
		})
	}
}

// TestSeedStrayText: "付费陈列 请求地址:" and a lone "zsf" between a label
// and its example.
func TestSeedStrayText(t *testing.T) {
	doc := seedDoc(t, seed001)
	e := endpoint(t, doc, "关闭申请记录查询接口")
	if want := "https://openapi.waiqin365.com/api/cuxiaoVerify/v1/queryEndRecords/{openid}/{timestamp}/{digest}/{msg_id}"; e.URL != want || lc(e.URLPos) != "927:12" {
		t.Errorf("URL = %q at %s", e.URL, lc(e.URLPos))
	}
	if e.RequestExample == nil || lc(e.RequestExample.Pos) != "941:1" || e.RequestExample.Value.Get("scene_name").Text != "进场费" {
		t.Errorf("RequestExample = %+v, want the block at 941:1", e.RequestExample)
	}
	for n, want := range map[int]string{927: `stray text "付费陈列" in section "关闭申请记录查询接口" ignored`, 939: `stray text "zsf" in section "关闭申请记录查询接口" ignored`} {
		var got []string
		for _, d := range doc.Diagnostics {
			if d.Pos.Line == n {
				got = append(got, fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Col, d.Code, d.Message))
			}
		}
		if w := fmt.Sprintf("%d:1 W001 %s", n, want); !slices.Equal(got, []string{w}) {
			t.Errorf("line %d: %q, want %q", n, got, w)
		}
	}
}

// TestSeedRepeatedLabel: "响应示例: 响应示例:" is one label.
func TestSeedRepeatedLabel(t *testing.T) {
	doc := seedDoc(t, seed001)
	for title, n := range map[string]int{"万能促销活动方案新增": 294, "品鉴会方案新增": 360} {
		e := endpoint(t, doc, title)
		if e.ResponseExample == nil || e.ResponseExample.Pos.Line != n+2 {
			t.Errorf("%s: ResponseExample = %+v, want at line %d", title, e.ResponseExample, n+2)
		}
		if got := diagsOn(doc, n); !slices.Equal(got, []string{fmt.Sprintf("%d:7 W003", n)}) {
			t.Errorf("%s: diagnostics on line %d = %v", title, n, got)
		}
	}
}

// TestSeedDuplicatedRow: cash_mode is declared twice in 付费陈列方案新增. The
// parser keeps both rows as written; merging them (W004) is the spec's job.
func TestSeedDuplicatedRow(t *testing.T) {
	doc := seedDoc(t, seed001)
	e := endpoint(t, doc, "付费陈列方案新增")
	var got []row
	for _, f := range e.Request[0].Fields {
		if f.Name == "cash_mode" {
			got = append(got, rowOf(f))
		}
	}
	want := []row{
		{"65:1", "cash_mode", "varchar(100)", "65:11", RequiredUnknown, "", "兑付费用方式。1:仅现金,2:仅商品,3:不限,4:商品或现金"},
		{"70:1", "cash_mode", "varchar(100)", "70:11", RequiredUnknown, "", "兑付费用方式。支持传两种,“仅现金”和“仅商品”,1:仅现金,2:仅商品"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("cash_mode rows\n got %+v\nwant %+v", got, want)
	}
	for _, d := range doc.Diagnostics {
		if d.Code == diag.RepeatedField {
			t.Errorf("parser reported %s; merging is the spec's job", d)
		}
	}
}

// TestSeedURLs: "{ openid }" is normalised and the 在线调试 button caption
// dropped, on every endpoint.
func TestSeedURLs(t *testing.T) {
	for _, path := range []string{seed000, seed001} {
		doc := seedDoc(t, path)
		for _, e := range doc.Endpoints {
			if !strings.HasPrefix(e.URL, "https://openapi.waiqin365.com/api/") || !strings.HasSuffix(e.URL, "/{openid}/{timestamp}/{digest}/{msg_id}") ||
				strings.ContainsAny(e.URL, " \t") || strings.Contains(e.URL, "在线调试") {
				t.Errorf("%s: URL %q", e.Pos, e.URL)
			}
			if want := 7; e.URLPos.Col != want && e.URLPos.Line != 927 {
				t.Errorf("%s: URL at %s, want column %d", e.Pos, e.URLPos, want)
			}
		}
		for _, d := range doc.Diagnostics {
			if strings.Contains(d.Message, "after the URL") {
				t.Errorf("%s", d)
			}
		}
	}
}

// TestSeedExamples: tab-indented JSON, return_code as 0 and "0", the
// <<DATA>> placeholder, indented blocks.
func TestSeedExamples(t *testing.T) {
	d0, d1 := seedDoc(t, seed000), seedDoc(t, seed001)
	src0, _ := os.ReadFile(seed000)
	lines0 := strings.Split(string(src0), "\n")

	t.Run("tab-indented data example", func(t *testing.T) {
		e := endpoint(t, d0, "客户金额扩展外部余额查询接口")
		ex := e.DataExample
		if ex == nil || lc(ex.Pos) != "156:1" {
			t.Fatalf("DataExample = %+v, want at 156:1", ex)
		}
		if want := strings.Join(lines0[155:177], "\n"); ex.Text != want {
			t.Errorf("Text =\n%s\nwant\n%s", ex.Text, want)
		}
		if ex.Value == nil || ex.Value.Kind != ljson.Array || len(ex.Value.Items) != 1 || len(ex.Value.Items[0].Members) != 18 {
			t.Fatalf("Value = %+v, want an array of one 18-member object", ex.Value)
		}
		// Line 170 is indented with two tabs.
		if m := ex.Value.Items[0].Member("cm_book_amount"); m == nil || m.Value.Text != "85.00" || lc(m.KeyPos) != "170:3" {
			t.Errorf("cm_book_amount = %+v", m)
		}
	})
	t.Run("return_code as a number and as a string", func(t *testing.T) {
		tests := []struct {
			doc                 *Document
			title               string
			code                ljson.Kind
			data                ljson.Kind
			dataText, msgIDText string
		}{
			{d1, "付费陈列方案新增", ljson.Number, ljson.Null, "null", "X0001"},
			{d1, "万能促销活动方案新增", ljson.String, ljson.String, "<<DATA>>", "{ msg_id }"},
			{d0, "客户金额扩展新增具体金额(适用商贸版)", ljson.String, ljson.Null, "null", "X0000000001"},
			{d0, "客户金额扩展外部余额查询接口", ljson.String, ljson.String, "<<DATA>>", "X0000000001"},
		}
		for _, tt := range tests {
			v := endpoint(t, tt.doc, tt.title).ResponseExample.Value
			if c := v.Get("return_code"); c.Kind != tt.code || c.Text != "0" {
				t.Errorf("%s: return_code = %v %q, want %v \"0\"", tt.title, c.Kind, c.Text, tt.code)
			}
			if d := v.Get("response_data"); d.Kind != tt.data || d.Text != tt.dataText {
				t.Errorf("%s: response_data = %v %q", tt.title, d.Kind, d.Text)
			}
			if m := v.Get("msg_id"); m.Text != tt.msgIDText {
				t.Errorf("%s: msg_id = %q", tt.title, m.Text)
			}
		}
	})
	t.Run("indented block", func(t *testing.T) {
		ex := endpoint(t, d1, "供应商新增").RequestExample
		if ex == nil || lc(ex.Pos) != "1726:5" || !strings.HasPrefix(ex.Text, `{    "sourceCode"`) || !strings.HasSuffix(ex.Text, "        }") {
			t.Fatalf("RequestExample = %+v", ex)
		}
		if ex.Value.Get("extColumns").Kind != ljson.Array {
			t.Errorf("extColumns not read")
		}
	})
	t.Run("seed examples need no repair", func(t *testing.T) {
		for _, doc := range []*Document{d0, d1} {
			for _, d := range doc.Diagnostics {
				if d.Code.String()[0] == 'J' || d.Code == diag.UnreadableExample {
					t.Errorf("%s", d)
				}
			}
		}
	})
}

// TestTextBrokenExamples: a block whose brackets never close ends before
// the first line that is plainly not JSON, and what follows is still read.
func TestTextBrokenExamples(t *testing.T) {
	tests := []struct {
		name    string
		after   string
		text    string
		tables  int
		nextEP  bool
		diagsIn []diag.Code
	}{
		{"before a table", "\n\n参数 类型 必填 说明\na INT 数量\n", "{\n  \"a\": 1,\n  \"b\": [1, 2", 1, false, []diag.Code{diag.UnclosedJSON}},
		{"before a label", "\n说明: 本示例仅供参考\n参数说明:\n参数 类型 必填 说明\na INT 数量\n", "{\n  \"a\": 1,\n  \"b\": [1, 2", 1, false, []diag.Code{diag.UnclosedJSON}},
		{"before a heading", "\n\n# 下一个\n请求方式: POST 请求地址: /b\n", "{\n  \"a\": 1,\n  \"b\": [1, 2", 0, true, []diag.Code{diag.UnclosedJSON}},
		{"at the end of the page", "\n\n\n", "{\n  \"a\": 1,\n  \"b\": [1, 2", 0, false, []diag.Code{diag.UnclosedJSON}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText("# 新增\n请求方式: POST 请求地址: /a\n请求示例:\n" + tt.text + tt.after)
			e := doc.Endpoints[0]
			ex := e.RequestExample
			if ex == nil || lc(ex.Pos) != "4:1" || ex.Text != tt.text {
				t.Fatalf("RequestExample = %+v, want %q at 4:1", ex, tt.text)
			}
			if ex.Value == nil || ex.Value.Get("a").Text != "1" || len(ex.Value.Get("b").Items) != 2 {
				t.Errorf("Value = %+v", ex.Value)
			}
			if len(e.Request) != tt.tables {
				t.Errorf("%d request tables, want %d", len(e.Request), tt.tables)
			}
			if got := len(doc.Endpoints) == 2; got != tt.nextEP {
				t.Errorf("next endpoint read = %v, want %v", got, tt.nextEP)
			}
			var codes []diag.Code
			for _, d := range doc.Diagnostics {
				if d.Code != diag.NoRequiredMarks {
					codes = append(codes, d.Code)
				}
			}
			if !slices.Equal(codes, tt.diagsIn) {
				t.Errorf("diagnostics %v, want %v", diagKeys(doc.Diagnostics), tt.diagsIn)
			}
		})
	}
}

func TestTextExampleForms(t *testing.T) {
	t.Run("on the label's own line", func(t *testing.T) {
		doc := parseText("# 新增\n请求方式: POST 请求地址: /a\n请求示例: {\"a\": 1,\n  \"b\": 2}\n响应示例: {\"return_code\": \"0\"}\n")
		e := doc.Endpoints[0]
		if e.RequestExample == nil || lc(e.RequestExample.Pos) != "3:7" || e.RequestExample.Text != "{\"a\": 1,\n  \"b\": 2}" {
			t.Errorf("RequestExample = %+v", e.RequestExample)
		}
		if e.ResponseExample == nil || lc(e.ResponseExample.Pos) != "5:7" {
			t.Errorf("ResponseExample = %+v", e.ResponseExample)
		}
		if len(doc.Diagnostics) != 0 {
			t.Errorf("diagnostics %v", diagKeys(doc.Diagnostics))
		}
	})
	t.Run("prose in brackets is not JSON", func(t *testing.T) {
		doc := parseText("# 新增\n请求方式: POST 请求地址: /a/{ openid }\n[注意] 只读\n{ openid } 为企业ID\n请求示例:\n{\"a\": 1}\n")
		e := doc.Endpoints[0]
		if e.RequestExample == nil || lc(e.RequestExample.Pos) != "6:1" {
			t.Errorf("RequestExample = %+v", e.RequestExample)
		}
		if got := diagKeys(doc.Diagnostics); len(got) != 0 {
			t.Errorf("diagnostics %v", got)
		}
	})
	t.Run("unlabelled blocks", func(t *testing.T) {
		doc := parseText("# 新增\n请求地址: /a\n请求方式: GET\n{\"a\": 1}\n{\"return_code\": 0}\n{\"b\": 2}\n")
		e := doc.Endpoints[0]
		if e.RequestExample == nil || e.RequestExample.Pos.Line != 4 || e.ResponseExample == nil || e.ResponseExample.Pos.Line != 5 {
			t.Errorf("examples %+v %+v", e.RequestExample, e.ResponseExample)
		}
		if got := diagKeys(doc.Diagnostics); !slices.Equal(got, []string{"6:1 W001"}) {
			t.Errorf("diagnostics %v", got)
		}
	})
	t.Run("data example makes later tables response tables", func(t *testing.T) {
		doc := parseText("# 查询\n请求方式: POST 请求地址: /a\n数据DATA示例:\n[{\"id\": \"1\"}]\n参数说明:\n参数 类型 说明\nid INT8 ID\n")
		e := doc.Endpoints[0]
		if e.DataExample == nil || len(e.Response) != 1 || e.Response[0].Role != RoleResponse || len(e.Request) != 0 {
			t.Errorf("DataExample %+v, response tables %d, request tables %d", e.DataExample, len(e.Response), len(e.Request))
		}
	})
}

func TestTextURLs(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		url   string
		urlAt string
		diags []string
	}{
		{"template spaces and button caption", "# a\n请求方式: POST\n请求地址: https://h/x/{ openid }/{ msg_id } 在线调试\n",
			"https://h/x/{openid}/{msg_id}", "3:7", nil},
		{"URL on the next line", "# a\n请求方式: POST\n请求地址:\n  /x/add\n", "/x/add", "4:3", nil},
		{"text after the URL", "# a\n请求方式: POST\n请求地址: /x/add 仅内网\n", "/x/add", "3:7", []string{"3:14 W001"}},
		{"text after a templated URL", "# a\n请求方式: POST\n请求地址: /x/{ id } 在线调试 备用\n", "/x/{id}", "3:7", []string{"3:22 W001"}},
		{"caption glued to the URL", "# a\n请求方式: POST\n请求地址: https://h/x/{ msg_id }在线调试\n", "https://h/x/{msg_id}", "3:7", nil},
		{"method before the path", "# a\n请求地址: POST /x/add\n", "/x/add", "2:12", nil},
		{"prose is not a URL", "# a\n请求方式: POST\n请求地址: 见后台配置\n请求地址: /x\n", "/x", "4:7", []string{"3:7 W001"}},
		{"full-width colon, backquotes", "# a\n请求方式：GET\n接口地址：`/x/get`\n", "/x/get", "3:7", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText(tt.src)
			if len(doc.Endpoints) != 1 {
				t.Fatalf("%d endpoints; diagnostics %v", len(doc.Endpoints), diagKeys(doc.Diagnostics))
			}
			e := doc.Endpoints[0]
			if e.URL != tt.url || lc(e.URLPos) != tt.urlAt {
				t.Errorf("URL = %q at %s, want %q at %s", e.URL, lc(e.URLPos), tt.url, tt.urlAt)
			}
			if got := diagKeys(doc.Diagnostics); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics %v, want %v", got, tt.diags)
			}
		})
	}
}

func TestTextMethods(t *testing.T) {
	tests := []struct {
		name, src, method string
		diags             []string
	}{
		{"missing", "# a\n请求地址: /x\n", "", nil},
		{"not a method", "# a\n请求方式: HTTPS\n请求地址: /x\n", "", []string{"2:7 W003"}},
		{"lower case, balanced", "# a\n请求方式: post (HTTPS)\n请求地址: /x\n", "POST", nil},
		{"on the next line", "# a\n请求方式:\n  GET\n请求地址: /x\n", "GET", nil},
		{"empty", "# a\n请求方式:\n请求地址: /x\n", "", nil},
		{"repeated, same", "# a\n请求方式: POST\n请求方式: POST\n请求地址: /x\n", "POST", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText(tt.src)
			if len(doc.Endpoints) != 1 || doc.Endpoints[0].Method != tt.method {
				t.Fatalf("endpoints %+v, want one with method %q", doc.Endpoints, tt.method)
			}
			if got := diagKeys(doc.Diagnostics); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics %v, want %v", got, tt.diags)
			}
		})
	}
}

// TestTextSeveralOperations: a section that states two URLs, or two
// methods for one URL, with one set of tables documents one operation each.
func TestTextSeveralOperations(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"two URLs", "# a\n请求方式: POST\n请求地址: /x/add\n请求地址: /x/other\n", "POST /x/add, POST /x/other"},
		{"two methods, one URL", "# a\n请求方式: POST\n请求方式: GET\n请求地址: /x\n参数 类型 说明\nid INT 编号\n", "POST /x, GET /x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseText(tt.src)
			var got []string
			for _, e := range doc.Endpoints {
				got = append(got, e.Method+" "+e.URL)
				if e.Title != "a" {
					t.Errorf("title %q", e.Title)
				}
			}
			if strings.Join(got, ", ") != tt.want {
				t.Errorf("endpoints %q, want %s; diagnostics %v", got, tt.want, diagKeys(doc.Diagnostics))
			}
		})
	}
}

func TestTextSections(t *testing.T) {
	t.Run("groups", func(t *testing.T) {
		doc := parseText("# 促销接口\n\n# 新增\n请求地址: /a\n请求方式: POST\n# 修改\n请求地址: /b\n请求方式: POST\n# 客户接口\n# 查询\n请求地址: /c\n请求方式: GET\n")
		var got []string
		for _, e := range doc.Endpoints {
			got = append(got, e.Group+"/"+e.Title+"@"+lc(e.Pos))
		}
		if want := []string{"促销接口/新增@3:3", "促销接口/修改@6:3", "客户接口/查询@10:3"}; !slices.Equal(got, want) {
			t.Errorf("endpoints %q, want %q", got, want)
		}
	})
	t.Run("common parameters", func(t *testing.T) {
		doc := parseText("# 公共参数\n参数 类型 说明\nopenid VARCHAR(32) 企业ID\n# 新增\n请求方式: POST\n请求地址: /a\n参数 类型 说明\nname VARCHAR(32) 名称\n")
		if len(doc.Endpoints) != 1 || doc.Endpoints[0].Title != "新增" || doc.Endpoints[0].Group != "" {
			t.Fatalf("endpoints %+v", doc.Endpoints)
		}
		// One endpoint on the page: the common table is its own.
		if e := doc.Endpoints[0]; len(e.Request) != 2 || fieldNames(e.Request[0])[0] != "openid" || len(doc.Common) != 0 {
			t.Errorf("request tables %+v, common %+v", e.Request, doc.Common)
		}
		doc = parseText("# 公共参数\n参数 类型 说明\nopenid VARCHAR(32) 企业ID\n# 新增\n请求方式: POST\n请求地址: /a\n# 删除\n请求方式: POST\n请求地址: /b\n")
		if len(doc.Endpoints) != 2 || len(doc.Common) != 1 || len(doc.Endpoints[0].Request) != 0 {
			t.Errorf("%d endpoints, %d common tables", len(doc.Endpoints), len(doc.Common))
		}
	})
	t.Run("prose under a group heading", func(t *testing.T) {
		doc := parseText("# 促销接口\n促销相关的接口。\n# 新增\n请求方式: POST\n请求地址: /a\n")
		if len(doc.Endpoints) != 1 || doc.Endpoints[0].Group != "促销接口" {
			t.Errorf("endpoints %+v", doc.Endpoints)
		}
		if got := diagKeys(doc.Diagnostics); len(got) != 0 {
			t.Errorf("diagnostics %v", got)
		}
	})
	t.Run("blank line inside a table", func(t *testing.T) {
		doc := parseText("# a\n请求方式: POST\n请求地址: /a\n参数 类型 必填 说明\na INT 数量\n\nb VARCHAR(32) 名称\n\nzsf 其他\n")
		e := doc.Endpoints[0]
		if len(e.Request) != 1 || !slices.Equal(fieldNames(e.Request[0]), []string{"a", "b"}) {
			t.Fatalf("request tables %+v", e.Request)
		}
		if got := diagKeys(doc.Diagnostics); !slices.Equal(got, []string{"4:7 I001"}) {
			t.Errorf("diagnostics %v", got)
		}
	})
	t.Run("header with one unknown column", func(t *testing.T) {
		doc := parseText("# a\n请求方式: POST\n请求地址: /a\n参数 类型 长度 说明\na VARCHAR 32 名称\n")
		e := doc.Endpoints[0]
		if len(e.Request) != 1 || len(e.Request[0].Fields) != 1 {
			t.Fatalf("request tables %+v", e.Request)
		}
		f := e.Request[0].Fields[0]
		if f.Type != "VARCHAR" || f.Description != "名称" || !slices.Equal(f.Extra, []Cell{{"长度", "32"}}) {
			t.Errorf("row %+v", f)
		}
	})
	t.Run("text after a JSON block", func(t *testing.T) {
		doc := parseText("# a\n请求方式: POST\n请求地址: /a\n请求示例:\n{\"a\": 1}  仅供参考\n")
		e := doc.Endpoints[0]
		if e.RequestExample == nil || e.RequestExample.Text != `{"a": 1}` {
			t.Errorf("RequestExample %+v", e.RequestExample)
		}
		// The text is read as a line of its own; under the example's label
		// it is nothing apigen can use.
		if got := diagKeys(doc.Diagnostics); !slices.Equal(got, []string{"5:11 W001"}) {
			t.Errorf("diagnostics %v", got)
		}
	})
	t.Run("page without headings", func(t *testing.T) {
		doc := parseText("付费陈列方案新增\n\n接口说明:仅支持付费陈列\n请求方式: POST\n请求地址: /a\n")
		if doc.Title != "付费陈列方案新增" || len(doc.Endpoints) != 1 {
			t.Fatalf("title %q, %d endpoints", doc.Title, len(doc.Endpoints))
		}
		e := doc.Endpoints[0]
		if e.Title != "付费陈列方案新增" || lc(e.Pos) != "1:1" || e.Description != "仅支持付费陈列" || e.URL != "/a" {
			t.Errorf("endpoint %+v", e)
		}
	})
	t.Run("preamble", func(t *testing.T) {
		doc := parseText("勤策 OpenAPI\n首页 文档\n版本 1.0\n# 新增\n请求方式: POST\n请求地址: /a\n")
		if doc.Title != "勤策 OpenAPI" {
			t.Errorf("Title = %q", doc.Title)
		}
		if got := diagKeys(doc.Diagnostics); len(got) != 0 {
			t.Errorf("diagnostics %v", got)
		}
	})
	t.Run("description runs on", func(t *testing.T) {
		doc := parseText("# 新增\n接口说明:第一行\n第二行 说明: 不是标签\n请求方式: POST\n请求地址: /a\n")
		if e := doc.Endpoints[0]; e.Description != "第一行 第二行 说明: 不是标签" {
			t.Errorf("Description = %q", e.Description)
		}
	})
	t.Run("old Mac line endings", func(t *testing.T) {
		doc := parseText("# 新增\r请求方式: POST\r\n请求地址: /a\r参数 类型 说明\rid INT ID\r")
		if len(doc.Endpoints) != 1 || lc(doc.Endpoints[0].URLPos) != "3:7" || len(doc.Endpoints[0].Request) != 1 ||
			lc(doc.Endpoints[0].Request[0].Fields[0].Pos) != "5:1" {
			t.Errorf("endpoints %+v", doc.Endpoints)
		}
	})
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		src  string
		want []line
	}{
		{"", nil},
		{"a", []line{{no: 1, offset: 0, text: "a"}}},
		{"a\n", []line{{no: 1, offset: 0, text: "a"}}},
		{"a\r\nb", []line{{no: 1, offset: 0, text: "a"}, {no: 2, offset: 3, text: "b"}}},
		{"a\rb\n\nc", []line{{no: 1, offset: 0, text: "a"}, {no: 2, offset: 2, text: "b"}, {no: 3, offset: 4, text: ""}, {no: 4, offset: 5, text: "c"}}},
		{"\n\n", []line{{no: 1, offset: 0, text: ""}, {no: 2, offset: 1, text: ""}}},
	}
	for _, tt := range tests {
		if got := splitLines(tt.src); !slices.Equal(got, tt.want) {
			t.Errorf("splitLines(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// seedEndpoint is what the whole-seed test pins for each endpoint: where it
// starts, its group and path, its row counts by table role, and where its
// URL and examples are (0 when absent).
type seedEndpoint struct {
	line                int
	title, group, path  string
	reqTables, reqRows  int
	respRows, envRows   int
	reqEx, respEx, data int
	urlLine             int
}

var seedEndpoints = map[string][]seedEndpoint{
	seed000: {
		{1, "客户金额扩展新增具体金额(适用商贸版)", "", "customer_amount/v1/addCustomerAmountExt", 1, 6, 0, 3, 7, 91, 0, 4},
		{105, "客户金额扩展外部余额查询接口", "", "customer_amount/v1/queryCustomerAmountExt", 1, 13, 18, 0, 111, 147, 156, 108},
	},
	seed001: {
		{3, "付费陈列方案新增", "促销接口", "cuxiao/v1/addDisplayPlan", 1, 30, 0, 3, 11, 84, 0, 8},
		{95, "市场活动方案新增", "促销接口", "cuxiao/v1/addPlan", 1, 11, 0, 3, 103, 135, 0, 100},
		{146, "万能促销活动方案新增", "促销接口", "cuxiao/v1/addRegularPlan", 1, 51, 0, 0, 152, 296, 0, 149},
		{303, "品鉴会方案新增", "促销接口", "cuxiao/v1/addTastingPlan", 1, 20, 0, 0, 309, 362, 0, 306},
		{369, "活动方案修改", "促销接口", "cuxiao/v1/modifyPlan", 1, 15, 0, 3, 377, 418, 0, 374},
		{429, "付费陈列和市场活动方案启用", "促销接口", "cuxiao/v1/startPlan", 1, 2, 0, 3, 437, 451, 0, 434},
		{462, "付费陈列和市场活动方案终止", "促销接口", "cuxiao/v1/stopPlan", 1, 1, 0, 3, 470, 482, 0, 467},
		{493, "付费陈列活动申请新增", "促销接口", "cuxiao/v1/addDisplayActivity", 1, 37, 0, 3, 501, 618, 0, 498},
		{629, "市场活动申请新增", "促销接口", "cuxiao/v1/addActivityApply", 1, 8, 0, 3, 637, 667, 0, 634},
		{678, "万能促销活动活动申请新增", "促销接口", "cuxiao/v1/addRegularActivity", 1, 52, 0, 3, 686, 787, 0, 683},
		{798, "万能促销活动(TP)场景申请单反审核", "促销接口", "cuxiaoTpm/v1/tpRollbackActivity", 1, 2, 0, 3, 807, 818, 0, 803},
		{829, "万能促销活动(TP)场景申请单删除", "促销接口", "cuxiaoTpm/v1/tpDelActivity", 1, 2, 0, 3, 838, 849, 0, 834},
		{860, "万能促销活动活动申请移除客户", "促销接口", "cuxiao/v1/removeRegularCus", 1, 3, 0, 3, 869, 882, 0, 865},
		{893, "万能促销活动(TP)场景申请单关闭", "促销接口", "cuxiaoTpm/v1/tpEndVerify", 1, 3, 0, 0, 902, 915, 0, 898},
		{922, "关闭申请记录查询接口", "促销接口", "cuxiaoVerify/v1/queryEndRecords", 1, 5, 12, 0, 941, 951, 960, 927},
		{993, "促销活动申请审批结果写入接口", "促销接口", "cuxiao/v1/auditActivityBy3rd", 1, 5, 0, 3, 1001, 1021, 0, 998},
		{1032, "更新付费协议pdf接口", "促销接口", "cuxiao/v1/receiveThirdPdf", 1, 8, 0, 0, 1038, 1064, 0, 1035},
		{1071, "活动申请移除客户", "促销接口", "cuxiao/v1/removeCus", 1, 3, 0, 3, 1079, 1095, 0, 1076},
		{1106, "兑付执行新增", "促销接口", "cuxiao/v1/savePayExecution", 1, 15, 0, 0, 1112, 1155, 0, 1109},
		{1162, "活动申请明细执行周期修改", "促销接口", "cuxiao/v1/modifyExeCycle", 1, 4, 0, 0, 1168, 1186, 0, 1165},
		{1193, "宴席活动申请新增", "促销接口", "cuxiao/v1/addFeastActivity", 1, 34, 0, 3, 1201, 1275, 0, 1198},
		{1286, "宴席申请头自定义字段修改", "促销接口", "cuxiaoTpm/v1/updateExt4Feast", 1, 4, 0, 3, 1294, 1313, 0, 1291},
		{1324, "宴席申请移除", "促销接口", "cuxiao/v1/removeFeastActivity", 1, 1, 0, 3, 1332, 1344, 0, 1329},
		{1355, "宴席方案新增", "促销接口", "cuxiaoPlan/v1/feastAdd", 1, 24, 0, 0, 1363, 1424, 0, 1360},
		{1431, "宴席方案修改", "促销接口", "cuxiaoPlan/v1/feastUpdate", 1, 20, 0, 0, 1439, 1493, 0, 1436},
		{1500, "宴席扫码新增", "促销接口", "cuxiaoScancode/v1/addFeastRecord", 1, 8, 0, 0, 1506, 1536, 0, 1503},
		{1543, "审批额度写入", "促销接口", "cuxiao/audit/v1/syncAuditAmount", 1, 3, 0, 0, 1549, 1573, 0, 1546},
		{1580, "销售明细数据写入", "促销接口", "cuxiaoSale/v1/addSaleInfo", 1, 14, 0, 0, 1586, 1623, 0, 1583},
		{1630, "万能促销申请审批接口", "促销接口", "cuxiaoAudit/v1/auditRegularActivity", 1, 9, 0, 0, 1636, 1665, 0, 1633},
		{1672, "万能申请单头行自定义字段更新修改", "促销接口", "cuxiaoRegular/v1/updateRegularExt", 1, 9, 0, 0, 1680, 1711, 0, 1677},
		{1718, "供应商新增", "促销接口", "cuxiao/field/v1/addSupplier", 1, 11, 0, 3, 1726, 1762, 0, 1723},
		{1773, "供应商修改", "促销接口", "cuxiao/field/v1/modifySupplier", 1, 12, 0, 3, 1781, 1819, 0, 1778},
		{1830, "供应商删除", "促销接口", "cuxiao/field/v1/deleteSupplier", 1, 2, 0, 3, 1838, 1851, 0, 1835},
		{1862, "万能促销活动(AP/CP)申请新增", "促销接口", "cuxiao/v1/addApCpActivity", 1, 41, 0, 3, 1870, 1964, 0, 1867},
		{1975, "万能促销活动(AP/CP)申请第三方修改审批状态", "促销接口", "cuxiaoAudit/v1/auditRegularAPCPActivity", 1, 9, 0, 0, 1983, 2012, 0, 1980},
		{2019, "万能促销活动(AP/CP)申请自定义字段修改", "促销接口", "cuxiaoRegularAPCP/v1/updateRegularAPCPExt", 1, 9, 0, 0, 2027, 2058, 0, 2024},
		{2065, "万能促销活动TP上报记录新增", "促销接口", "cuxiaoRegular/v1/saveRegularReport", 1, 15, 0, 3, 2073, 2147, 0, 2070},
		{2161, "进场费申请新增", "促销接口", "cuxiao/v1/addEntranceActivity", 1, 28, 0, 0, 2169, 2239, 0, 2166},
		{2246, "万能促销活动(TP)结案新增接口", "促销接口", "cuxiaoTpm/v1/saveRegularClose", 1, 16, 0, 3, 2254, 2305, 0, 2251},
		{2319, "线上费用活动申请新增", "促销接口", "cuxiao/v1/addOnlineCostActivity", 1, 31, 0, 3, 2327, 2421, 0, 2324},
		{2432, "线上费用活动申请自定义字段修改", "促销接口", "cuxiaoOnlineCost/v1/updateOnlineCostExt", 1, 9, 0, 3, 2440, 2471, 0, 2437},
	},
}

// seedDiagnostics is every diagnostic the seeds produce, by code.
var seedDiagnostics = map[string]map[diag.Code]int{
	seed000: {diag.MalformedLabel: 2, diag.NoRequiredMarks: 4},
	seed001: {diag.IgnoredText: 2, diag.HTMLStripped: 1, diag.MalformedLabel: 43, diag.MislabelledBlock: 22, diag.NoRequiredMarks: 41, diag.EmptyCell: 2},
}

// TestSeedsDetectedAsText: the Waiqin pages carry '#' headings but no
// Markdown tables, and must reach the plain-text reader on their own.
func TestSeedsDetectedAsText(t *testing.T) {
	for _, path := range []string{seed000, seed001} {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if f := Detect(string(src)); f != FormatText {
			t.Errorf("%s detected as %s, want %s", path, f, FormatText)
		}
	}
}

func TestSeeds(t *testing.T) {
	total := 0
	for _, path := range []string{seed000, seed001} {
		doc := seedDoc(t, path)
		want := seedEndpoints[path]
		total += len(doc.Endpoints)
		if len(doc.Endpoints) != len(want) {
			t.Errorf("%s: %d endpoints, want %d", path, len(doc.Endpoints), len(want))
			continue
		}
		for i, e := range doc.Endpoints {
			w := want[i]
			got := seedEndpoint{line: e.Pos.Line, title: e.Title, group: e.Group, reqTables: len(e.Request), urlLine: e.URLPos.Line}
			if p, ok := strings.CutPrefix(e.URL, "https://openapi.waiqin365.com/api/"); ok {
				got.path, _ = strings.CutSuffix(p, "/{openid}/{timestamp}/{digest}/{msg_id}")
			}
			for _, tb := range tables(e) {
				switch tb.Role {
				case RoleRequest:
					got.reqRows += len(tb.Fields)
				case RoleResponse:
					got.respRows += len(tb.Fields)
				case RoleEnvelope:
					got.envRows += len(tb.Fields)
				}
			}
			for _, x := range []struct {
				ex  *Example
				dst *int
			}{{e.RequestExample, &got.reqEx}, {e.ResponseExample, &got.respEx}, {e.DataExample, &got.data}} {
				if x.ex != nil {
					*x.dst = x.ex.Pos.Line
					if x.ex.Value == nil {
						t.Errorf("%s: example at %s has no value", e.Pos, x.ex.Pos)
					}
				}
			}
			if got != w {
				t.Errorf("%s: endpoint %d\n got %+v\nwant %+v", path, i, got, w)
			}
			if e.Method != "POST" || e.URL == "" || e.MethodPos.Line != w.urlLine-1 {
				t.Errorf("%s: method %q at %s, URL %q", e.Pos, e.Method, e.MethodPos, e.URL)
			}
			if e.Pos.File != path || e.URLPos.File != path {
				t.Errorf("%s: positions name %q, want %q", e.Pos, e.Pos.File, path)
			}
			for _, tb := range tables(e) {
				for _, f := range tb.Fields {
					typed := slices.Contains(tb.Headers, "类型")
					if f.Name == "" || strings.ContainsAny(f.Name, " \t") || (f.Type != "") != typed || typed && f.TypePos.Line != f.Pos.Line || f.Pos.Col != 1 || f.Description == "" && f.Pos.Line != 1531 && f.Pos.Line != 1659 {
						t.Errorf("%s: row %+v", f.Pos, f)
					}
				}
			}
		}
		counts := map[diag.Code]int{}
		for _, d := range doc.Diagnostics {
			counts[d.Code]++
			if d.Pos.File != path || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a full position: %s", d)
			}
		}
		if !maps.Equal(counts, seedDiagnostics[path]) {
			t.Errorf("%s: diagnostics by code = %v, want %v", path, counts, seedDiagnostics[path])
		}
	}
	if total != 43 {
		t.Errorf("%d endpoints in the two Waiqin seeds, want 43", total)
	}
}

// TestSeedDataExamples checks, from the page text alone, that every section
// holding a 数据DATA示例 label got a DataExample.
func TestSeedDataExamples(t *testing.T) {
	heading := regexp.MustCompile(`^# `)
	for _, path := range []string{seed000, seed001} {
		doc := seedDoc(t, path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		withData := map[int]bool{} // heading line → has a data example
		head := 0
		for i, l := range strings.Split(string(src), "\n") {
			if heading.MatchString(l) {
				head = i + 1
			}
			if strings.HasPrefix(l, "数据DATA示例") {
				withData[head] = true
			}
		}
		if len(withData) == 0 {
			t.Fatalf("%s: no 数据DATA示例 found", path)
		}
		for _, e := range doc.Endpoints {
			if got := e.DataExample != nil; got != withData[e.Pos.Line] {
				t.Errorf("%s: DataExample set = %v, want %v", e.Pos, got, withData[e.Pos.Line])
			}
		}
	}
}
