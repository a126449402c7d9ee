package parser

import (
	"reflect"
	"testing"
)

func TestReadType(t *testing.T) {
	tests := []struct {
		in   string
		want TypeText
	}{
		// As the Waiqin seeds write them.
		{"NUMERIC(15, 2)", TypeText{Raw: "NUMERIC(15, 2)", Name: "numeric", Params: []int{15, 2}}},
		{"numeric(10,2)", TypeText{Raw: "numeric(10,2)", Name: "numeric", Params: []int{10, 2}}},
		{"NUMERIC(15)", TypeText{Raw: "NUMERIC(15)", Name: "numeric", Params: []int{15}}},
		{"VARCHAR (32)", TypeText{Raw: "VARCHAR (32)", Name: "varchar", Params: []int{32}}},
		{"varchar(100)", TypeText{Raw: "varchar(100)", Name: "varchar", Params: []int{100}}},
		{"varchar", TypeText{Raw: "varchar", Name: "varchar"}},
		{"int8", TypeText{Raw: "int8", Name: "int8"}},
		{"INT8", TypeText{Raw: "INT8", Name: "int8"}},
		{"INT", TypeText{Raw: "INT", Name: "int"}},
		{"List", TypeText{Raw: "List", Name: "list", Array: true}},
		{"CHAR(1)", TypeText{Raw: "CHAR(1)", Name: "char", Params: []int{1}}},
		{"Object", TypeText{Raw: "Object", Name: "object"}},
		{"varchar100", TypeText{Raw: "varchar100", Name: "varchar", Params: []int{100}, Odd: true}},
		// Other vendors' spellings.
		{"  string(40) ", TypeText{Raw: "string(40)", Name: "string", Params: []int{40}}},
		{"json(map)", TypeText{Raw: "json(map)", Name: "json", Sub: "map"}},
		{"List<String>", TypeText{Raw: "List<String>", Name: "list", Sub: "string", Array: true}},
		{"List<Map<String, Object>>", TypeText{Raw: "List<Map<String, Object>>", Name: "list", Sub: "map<string,object>", Array: true}},
		{"Map<String, Object>", TypeText{Raw: "Map<String, Object>", Name: "map", Sub: "string,object"}},
		{"string[]", TypeText{Raw: "string[]", Name: "array", Sub: "string", Array: true}},
		{"array[string]", TypeText{Raw: "array[string]", Name: "array", Sub: "string", Array: true}},
		{"varchar(32)[]", TypeText{Raw: "varchar(32)[]", Name: "array", Sub: "varchar", Params: []int{32}, Array: true}},
		{"int64", TypeText{Raw: "int64", Name: "int64"}},
		{"int11", TypeText{Raw: "int11", Name: "int", Params: []int{11}, Odd: true}},
		{"字符串", TypeText{Raw: "字符串", Name: "字符串"}},
		{"", TypeText{}},
	}
	for _, tt := range tests {
		if got := ReadType(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ReadType(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestSplitTypeToken(t *testing.T) {
	tests := []struct {
		in        string
		typ, rest string
		ok        bool
	}{
		{"NUMERIC(15, 2) 关闭申请金额", "NUMERIC(15, 2)", "关闭申请金额", true},
		{"VARCHAR (32) 兑付商品单位。现金时不传,商品时必传", "VARCHAR (32)", "兑付商品单位。现金时不传,商品时必传", true},
		{"varchar(100) 方案编码", "varchar(100)", "方案编码", true},
		{"int8 勤策客户唯一标识", "int8", "勤策客户唯一标识", true},
		{"INT 页码默认1,每页默认1000条", "INT", "页码默认1,每页默认1000条", true},
		{"List 列表", "List", "列表", true},
		{"CHAR(1) 结算方式 1-单次 2-分期 不传默认单次", "CHAR(1)", "结算方式 1-单次 2-分期 不传默认单次", true},
		{"varchar100 员工登录账号", "varchar100", "员工登录账号", true},
		{"List", "List", "", true},
		{"VARCHAR(100)", "VARCHAR(100)", "", true},
		{"VARCHAR(32)方案编码", "VARCHAR(32)", "方案编码", true},
		{"\tVARCHAR(32)\t名称", "VARCHAR(32)", "名称", true},
		{"List<Map<String, Object>> 明细", "List<Map<String, Object>>", "明细", true},
		{"string[] 标签", "string[]", "标签", true},
		{"字符串 名称", "字符串", "名称", true},
		// Not types: the description starts right away.
		{"方案编码", "", "方案编码", false},
		{"ext_2210方案", "", "ext_2210方案", false},
		{"EMPTY:空;PLAN:方案执行周期", "", "EMPTY:空;PLAN:方案执行周期", false},
		{"字符串长度不超过10", "", "字符串长度不超过10", false},
		// A parenthesis opening the description is not an argument list.
		{"INT (必填)页码", "INT", "(必填)页码", true},
		{"INT (default 1) 页码", "INT", "(default 1) 页码", true},
		{"", "", "", false},
	}
	for _, tt := range tests {
		typ, rest, ok := splitTypeToken(tt.in)
		if typ != tt.typ || rest != tt.rest || ok != tt.ok {
			t.Errorf("splitTypeToken(%q) = %q, %q, %v; want %q, %q, %v", tt.in, typ, rest, ok, tt.typ, tt.rest, tt.ok)
		}
	}
}
