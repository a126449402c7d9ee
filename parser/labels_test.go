package parser

import (
	"slices"
	"strings"
	"testing"
)

func TestFindLabels(t *testing.T) {
	type m struct {
		label      label
		word       string
		start      int // byte index
		valueStart int // byte index
	}
	tests := []struct {
		name string
		text string
		want []m
	}{
		{"method with the closing parenthesis missing", "请求方式: POST(HTTPS",
			[]m{{labelMethod, "请求方式", 0, 13}}},
		{"description and method on one line",
			"接口说明:品鉴会方案新增接口 请求方式: POST(HTTPS",
			[]m{{labelDescription, "接口说明", 0, 13}, {labelMethod, "请求方式", 41, 54}}},
		{"stray text before the URL label",
			"付费陈列 请求地址: https://openapi.waiqin365.com/api/cuxiaoVerify/v1/queryEndRecords/{ openid }",
			[]m{{labelURL, "请求地址", 13, 26}}},
		{"label copied twice", "响应示例: 响应示例:",
			[]m{{labelResponseExample, "响应示例", 0, 13}, {labelResponseExample, "响应示例", 14, 27}}},
		{"note at the start of a line", "说明: 本示例仅供参考,具体以参数说明为准。",
			[]m{{labelNote, "说明", 0, 7}}},
		{"params label that lies", "参数说明:", []m{{labelParams, "参数说明", 0, 13}}},
		{"data example", "数据DATA示例:", []m{{labelDataExample, "数据DATA示例", 0, 17}}},
		{"full-width colon", "请求地址：https://x/y", []m{{labelURL, "请求地址", 0, 15}}},
		{"indented", "  请求示例:", []m{{labelRequestExample, "请求示例", 2, 15}}},
		{"English, any case", "url: /a/b", []m{{labelURL, "url", 0, 4}}},
		{"weak label inside prose is prose", "接口说明:新增方案 说明: 仅限付费陈列",
			[]m{{labelDescription, "接口说明", 0, 13}}},
		{"weak params label inside prose is prose", "请求方式: POST 参数: 无",
			[]m{{labelMethod, "请求方式", 0, 13}}},
		{"label word inside a longer word", "接口说明为准:", nil},
		{"label inside an identifier", "callback_url: x", nil},
		{"no colon", "请求说明", nil},
		{"colon inside a description", "start_date varchar(32) 方案执行开始日期。格式:YYYY-MM-DD", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []m
			for _, x := range findLabels(tt.text) {
				got = append(got, m{x.label, x.word, x.start, x.valueStart})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findLabels(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestBareLabel(t *testing.T) {
	tests := []struct {
		text string
		want label
	}{
		{"请求说明", labelRequestParams},
		{"  请求说明  ", labelRequestParams},
		{"参数说明:", labelParams},
		{"**返回参数**", labelResponseParams},
		{"【响应示例】", labelResponseExample},
		{"数据DATA示例", labelDataExample},
		{"请求说明 参数", labelNone},
		{"zsf", labelNone},
		{"", labelNone},
	}
	for _, tt := range tests {
		if got := bareLabel(tt.text); got != tt.want {
			t.Errorf("bareLabel(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestLabelWordsUnique guards the vocabulary: a word listed under two labels
// would make the label depend on map order.
func TestLabelWordsUnique(t *testing.T) {
	seen := map[string]label{}
	for lb, ws := range labelWords {
		for _, w := range ws {
			key := strings.ToLower(w)
			if prev, ok := seen[key]; ok && prev != lb {
				t.Errorf("%q is listed under labels %d and %d", w, prev, lb)
			}
			seen[key] = lb
		}
	}
}
