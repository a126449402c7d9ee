package parser

import (
	"testing"
)

// TestPageLabelWordsAgree checks that the page vocabulary extends the
// plain-text one without giving a word another meaning.
func TestPageLabelWordsAgree(t *testing.T) {
	base := map[string]label{}
	for l, ws := range labelWords {
		for _, w := range ws {
			base[normLabel(w)] = l
		}
	}
	seen := map[string]label{}
	for l, ws := range pageLabelWords {
		for _, w := range ws {
			k := normLabel(w)
			if b, ok := base[k]; ok && b != l {
				t.Errorf("%q is label %d in labels.go and %d in the page vocabulary", w, b, l)
			}
			if s, ok := seen[k]; ok && s != l {
				t.Errorf("%q is in the page vocabulary twice, as %d and %d", w, s, l)
			}
			seen[k] = l
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
		{"Header 参数说明", false, labelRequestParams, "header"},
		{"Body 参数说明", false, labelRequestParams, "body"},
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
		{"正确时返回:", false, labelNone, ""},
		{"更多返回错误代码请看首页的错误代码描述", false, labelNone, ""},
		{"smartpal企微h5端 接口地址", false, labelNone, ""},
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
