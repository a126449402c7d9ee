package parser

import (
	"testing"

	"github.com/apigen/apigen/parser/diag"
)

func TestSplitNest(t *testing.T) {
	tests := []struct {
		in     string
		name   string
		depth  int
		indent int
	}{
		{"id", "id", 0, 0},
		{" id ", "id", 0, 1},
		{"    key", "key", 0, 4},
		{"\t key", "key", 0, 5},
		{"\u00a0\u00a0 ├── id", "id", 1, 3},
		{"└ score", "score", 1, 0},
		{"└─ score", "score", 1, 0},
		{"├─ list", "list", 1, 0},
		{"├─ ─ id", "id", 2, 0},
		{"│ └─ id", "id", 2, 0},
		{"┗━ id", "id", 1, 0},
		{"-id", "id", 1, 0},
		{"--id", "id", 1, 0},
		{"----id", "id", 2, 0},
		{"— id", "id", 1, 0},
		{"» code", "code", 1, 0},
		{"»» create_time", "create_time", 2, 0},
		{">id", "id", 1, 0},
		{"·id", "id", 1, 0},
		{"|｜id", "id", 2, 0},
		{"*id", "id", 0, 0},
		{"　id", "id", 0, 2},
		{"\u00a0\u00a0id", "id", 0, 2},
		{"\u2003id", "id", 0, 1},
		{"data.list[].id", "data.list[].id", 0, 0},
		{"data>list>id", "data>list>id", 0, 0},
		{"└", "", 1, 0},
		{"∟ comment", "comment", 1, 0},
		{"┌─\u00a0", "", 1, 0},
	}
	for _, tt := range tests {
		name, depth, indent := splitNest(tt.in)
		if name != tt.name || depth != tt.depth || indent != tt.indent {
			t.Errorf("splitNest(%q) = %q, %d, %d; want %q, %d, %d", tt.in, name, depth, indent, tt.name, tt.depth, tt.indent)
		}
	}
}

// TestHeaderVocabulary checks the header words every reader shares, in
// simplified and traditional Chinese and English.
func TestHeaderVocabulary(t *testing.T) {
	for role, words := range map[column][]string{
		colName:        {"参数", "参数名", "參數", "字段", "名称", "Parameter", "Name", "参数名称", "**参数名**"},
		colType:        {"类型", "類型", "Type", "数据类型", "参数类型"},
		colRequired:    {"必填", "必选", "是否必须", "是否必填", "Required", "必需", "是否必須"},
		colDescription: {"说明", "描述", "參數說明", "备注", "Description", "字段說明"},
		colDefault:     {"默认值", "Default"},
		colExample:     {"示例", "Example", "示例值", "参数值"},
		colIn:          {"位置", "In", "参数位置"},
	} {
		for _, w := range words {
			if got := headerColumn(w); got != role {
				t.Errorf("headerColumn(%q) = %v, want %v", w, got, role)
			}
		}
	}
}

func TestRequiredWords(t *testing.T) {
	for cell, want := range map[string]Required{
		"是": RequiredYes, "否": RequiredNo, "Y": RequiredYes, "N": RequiredNo, "true": RequiredYes, "false": RequiredNo,
		"必填": RequiredYes, "可选": RequiredNo, "Yes": RequiredYes, "No": RequiredNo, " 是 ": RequiredYes, "必须": RequiredYes,
		"是（可为空字符串）": RequiredYes, "否(默认1)": RequiredNo, "特殊可选": RequiredUnknown, "条件必填": RequiredUnknown,
		"": RequiredUnknown, "int": RequiredUnknown, "(是)": RequiredUnknown,
	} {
		if got := readRequired(cell); got != want {
			t.Errorf("readRequired(%q) = %v, want %v", cell, got, want)
		}
	}
}

func TestReadTableKeepsUnknownColumns(t *testing.T) {
	rt := &rawTable{markup: markupPlain,
		header: []rawCell{{text: "参数"}, {text: "类型"}, {text: "约束"}, {text: "中文名"}, {text: "说明"}},
		rows:   []rawRow{{cells: []rawCell{{text: "code"}, {text: "integer"}, {text: "none"}, {text: ""}, {text: "码"}}}},
	}
	var diags diag.List
	tb, ok := readTable(rt, &diags)
	if !ok || len(tb.Fields) != 1 {
		t.Fatalf("table not read: %v", diags)
	}
	f := tb.Fields[0]
	if len(f.Extra) != 1 || f.Extra[0] != (Cell{Header: "约束", Value: "none"}) || f.Description != "码" {
		t.Errorf("extra %v description %q; want the 约束 cell kept and the empty 中文名 cell left out", f.Extra, f.Description)
	}
}

func TestReadTableIgnoresOtherTables(t *testing.T) {
	for _, header := range [][]string{
		{"版本号", "制定日期", "修订日期"},
		{"错误码", "错误描述", "解决方案"},
		{"状态码", "状态码含义", "说明", "数据模型"},
		{"参数名"},
	} {
		rt := &rawTable{markup: markupPlain}
		for _, h := range header {
			rt.header = append(rt.header, rawCell{text: h})
		}
		var diags diag.List
		if _, ok := readTable(rt, &diags); ok {
			t.Errorf("%v read as a parameter table", header)
		}
	}
}

func TestCaptionName(t *testing.T) {
	type want struct {
		name   string
		within bool
	}
	for caption, w := range map[string]want{
		"BaseResp": {"BaseResp", false}, "img_list  商品图片数组": {"img_list", false}, "AppServerQueryOrderResp": {"AppServerQueryOrderResp", false},
		"正确时返回:": {}, "": {}, "a b c d": {}, "data.list": {"data.list", false},
		"param说明": {"param", false}, "data类型说明": {"data", false}, "表 6 ThrottleBindingBatchResultFailureResp": {"ThrottleBindingBatchResultFailureResp", false},
		"订单明细(invoice_items 中的每个 item)": {"invoice_items", true}, "交易信息（transaction 中的信息）": {"transaction", true},
	} {
		if name, within := captionName(caption); name != w.name || within != w.within {
			t.Errorf("captionName(%q) = %q, %v; want %q, %v", caption, name, within, w.name, w.within)
		}
	}
}

// TestNegativeNumberIsNoNestingDash: a cell of a minus sign and digits is
// a code (-1 系统繁忙), not a nesting dash before a name.
func TestNegativeNumberIsNoNestingDash(t *testing.T) {
	for _, tt := range []struct {
		in    string
		name  string
		depth int
	}{
		{" -1 ", "-1", 0},
		{"-40001", "-40001", 0},
		{"-id", "id", 1},
		{"--1x", "1x", 1},
	} {
		if name, depth, _ := splitNest(tt.in); name != tt.name || depth != tt.depth {
			t.Errorf("splitNest(%q) = %q, %d; want %q, %d", tt.in, name, depth, tt.name, tt.depth)
		}
	}
}
