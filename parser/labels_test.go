package parser

import (
	"slices"
	"testing"
)

func TestPageLabels(t *testing.T) {
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
			for _, x := range pageLabels(tt.text) {
				got = append(got, m{x.label, x.word, x.start, x.valueStart})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("pageLabels(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestClassifyBareLabel(t *testing.T) {
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
		{"zsf", labelNone},
		{"", labelNone},
	}
	for _, tt := range tests {
		sl, ok := classifyLabel(tt.text)
		if !ok {
			sl.label = labelNone
		}
		if sl.label != tt.want {
			t.Errorf("classifyLabel(%q) = %v, want %v", tt.text, sl.label, tt.want)
		}
	}
}

// TestLabelWordsUnique guards the vocabulary: a word listed under two labels
// would make the label depend on map order.
func TestLabelWordsUnique(t *testing.T) {
	seen := map[string]label{}
	for lb, ws := range labelWords {
		for _, w := range ws {
			key := normLabel(w)
			if prev, ok := seen[key]; ok && prev != lb {
				t.Errorf("%q is listed under labels %d and %d", w, prev, lb)
			}
			seen[key] = lb
		}
	}
}

func TestClassifyLabel(t *testing.T) {
	tests := []struct {
		text    string
		heading bool
		want    label
		in      string
	}{
		{"请求参数", false, labelRequestParams, ""},
		{"**请求参数:**", false, labelRequestParams, ""},
		{"請求參數", false, labelRequestParams, ""},
		{"返回數據示例", false, labelResponseExample, ""},
		{"返回數據說明", false, labelResponseParams, ""},
		{"返回 参数说明", false, labelResponseParams, ""},
		{"Header 参数说明", false, labelParams, "header"},
		{"Body 参数说明", false, labelParams, "body"},
		{"Body 请求参数", false, labelRequestParams, "body"},
		{"Body", false, labelRequestParams, "body"},
		{"请求头参数", false, labelRequestParams, "header"},
		{"请求头 [Authorization]", false, labelRequestParams, "header"},
		{"Path", false, labelURL, ""},
		{"Path 参数", false, labelRequestParams, "path"},
		{"接口调用请求说明", false, labelRequestParams, ""},
		{"smartpal企微h5端 接口地址", true, labelURL, ""},
		{"返回结果示例", false, labelResponseExample, ""},
		{"API试用示例", false, labelRequestExample, ""},
		{"示例", false, labelAnyExample, ""},
		{"请求", false, labelRequestParams, ""},
		{"响应", false, labelResponseExample, ""},
		{"返回说明", false, labelResponseParams, ""},
		{"返回数据结构", false, labelResponseParams, ""},
		{"接口版本", false, labelNote, ""},
		{"请求声音列表", true, labelNone, ""},
		{"获取实体字段列表", true, labelNone, ""},
		{"POST hello::test_json_body", true, labelNone, ""},
		{"img_list  商品图片数组", true, labelNone, ""},
		{"正确时返回:", false, labelResponseExample, ""},
		{"错误时返回:", false, labelErrorExample, ""},
		{"接口错误返回实例", true, labelErrorExample, ""},
		{"失败示例", false, labelErrorExample, ""},
		{"更多返回错误代码请看首页的错误代码描述", false, labelNone, ""},
		{"smartpal企微h5端 接口地址", false, labelNone, ""},
		// Composed: the side word decides, wherever it is; the location
		// comes from the location word; enumerators and marks go.
		{"**表 5** 响应Body参数", false, labelResponseParams, ""},
		{"表 2 Query参数", false, labelRequestParams, "query"},
		{"Query Parameters", true, labelRequestParams, "query"},
		{"Path Parameters\u200b", true, labelRequestParams, "path"},
		{"Response-fields:", false, labelResponseParams, ""},
		{"Example Response", true, labelResponseExample, ""},
		{"二、HTTP 头", true, labelParams, "header"},
		{"（1）header请求参数", true, labelRequestParams, "header"},
		{"- 公共响应参数", false, labelResponseParams, ""},
		{"请求结果(失败)", false, labelErrorExample, ""},
		{"HTTP URL", false, labelURL, ""},
		{"test_json_body", true, labelNone, ""},
	}
	for _, tt := range tests {
		classify := classifyLabel
		if tt.heading {
			classify = classifyHeading
		}
		sl, ok := classify(tt.text)
		if tt.want == labelNone {
			if ok {
				t.Errorf("%q read as label %d", tt.text, sl.label)
			}
			continue
		}
		if !ok || sl.label != tt.want || sl.in != tt.in {
			t.Errorf("%q = %d %q (%v), want %d %q", tt.text, sl.label, sl.in, ok, tt.want, tt.in)
		}
	}
}

func TestTitleLines(t *testing.T) {
	for text, want := range map[string]bool{
		"新增回款記錄": true, "获取应用与配置信息": true, "taobao.items.custom.get.tmall (根据外部ID取天猫商品)": true,
		"导航": false, "有用": false, "开发者：王秀静": false, "音频相关功能的接口说明。": false,
		"版本号 制定人 制定日期 修订日期": false, "https://developer.work.weixin.qq.com/document/path/93648": false,
		"crm/customer/info": false, "": false,
	} {
		if got := isTitleLine(cleanTitle(text)); got != want {
			t.Errorf("isTitleLine(%q) = %v, want %v", text, got, want)
		}
	}
	for in, want := range map[string]string{"#商品sku详情": "商品sku详情", "POST user::add": "user::add", "客户API": "客户API", "POST": "POST"} {
		if got := cleanTitle(in); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadEndpointLine(t *testing.T) {
	tests := []struct {
		text, url, method string
		rest              int
	}{
		{"returnmoneyrecord/add -", "returnmoneyrecord/add", "", 0},
		{"`goods/v1/front/goods/skuDetail` `POST`", "goods/v1/front/goods/skuDetail", "POST", 0},
		{"https://openapi.waiqin365.com/api/a/v1/b/{ openid }/{ timestamp } 在线调试", "https://openapi.waiqin365.com/api/a/v1/b/{openid}/{timestamp}", "", 0},
		{"http://机器人IP:端口号/robot/sound_manage/query_sound", "http://机器人IP:端口号/robot/sound_manage/query_sound", "", 0},
		{"user.login", "user.login", "", 0},
		{"测试环境：接口地址详见获取服务端API配置中query_order字段", "", "", 1},
		{"/a/b 见下文", "/a/b", "", 1},
	}
	for _, tt := range tests {
		el := readEndpointLine(tt.text, true)
		if el.url != tt.url || el.method != tt.method || len(el.rest) != tt.rest {
			t.Errorf("readEndpointLine(%q) = %q %q %v", tt.text, el.url, el.method, el.rest)
		}
	}
	for line, ok := range map[string]bool{"POST /api/user/add": true, "post /qw-nbd-api/x": true, "GET https://a.b/c": true,
		"POST请求": false, "POST user::add": false, "GET /a extra": false} {
		if _, _, got := readMethodPath(line); got != ok {
			t.Errorf("readMethodPath(%q) = %v, want %v", line, got, ok)
		}
	}
}

func TestClassifyCommonLabel(t *testing.T) {
	tests := []struct {
		text   string
		want   label
		common bool
	}{
		{"公共参数", labelRequestParams, true},
		{"公共请求参数:", labelRequestParams, true},
		{"公共响应参数", labelResponseParams, true},
		{"Common Parameters", labelRequestParams, true},
		{"系统参数", labelRequestParams, true},
		{"请求参数", labelRequestParams, false},
		{"公共", labelNone, false},
	}
	for _, tt := range tests {
		sl, ok := classifyLabel(tt.text)
		if !ok {
			sl = sectionLabel{}
		}
		if sl.label != tt.want || sl.common != tt.common {
			t.Errorf("classifyLabel(%q) = %+v, want label %d common %v", tt.text, sl, tt.want, tt.common)
		}
	}
}
