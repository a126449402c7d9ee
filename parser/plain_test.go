package parser

import (
	"slices"
	"testing"
)

// TestPlainTables covers the table forms text copied from rendered doc
// sites takes: rows of words with empty cells leaving no trace, one cell
// per bullet, one cell per paragraph, and descriptions wrapped onto lines
// of their own.
func TestPlainTables(t *testing.T) {
	tests := []struct {
		name string
		src  string
		rows []fieldRow
		desc []string // descriptions, when checked
	}{{
		name: "a required column whose cells vanished",
		src:  "参数名 是否必须 类型 说明\naccess_token string 授权码\nprovince string 省份(如:广东)\n",
		rows: []fieldRow{{Name: "access_token", Type: "string"}, {Name: "province", Type: "string"}},
		desc: []string{"授权码", "省份(如:广东)"},
	}, {
		name: "a value column and a type written as two words",
		src:  "参数名称 参数值 必填 备注\nContent-Type application/json 数据类型\n\n参数名称 类型 必需 备注\ndata Array Hash\n├─ list Array 用户列表\n├─ ─ id Integer 用户id\n",
		rows: []fieldRow{{Name: "Content-Type"}},
	}, {
		name: "cells one per bullet line",
		src:  "名称 类型 示例值 描述\nitems Item [] 商品列表\n  • └ iid\n  • String\n  • 13232\n  • 商品iid\n  • └ num_iid\n  • Number\n  • 1\n  • 数字id\n",
		rows: []fieldRow{{Name: "items", Type: "Item []"}, {Name: "iid", Type: "String", Depth: 1}, {Name: "num_iid", Type: "Number", Depth: 1}},
		desc: []string{"商品列表", "商品iid", "数字id"},
	}, {
		name: "an unknown column left empty",
		src:  "名称 类型 是否必须 示例值 更多限制 描述\nfields String 必须 num_iid,sku 需返回的字段列表\n",
		rows: []fieldRow{{Name: "fields", Type: "String", Required: RequiredYes, Raw: "必须"}},
		desc: []string{"需返回的字段列表"},
	}, {
		name: "descriptions wrapped onto their own lines",
		src:  "参数 必须 类型 说明\nschedule.attendees.userid 是 string 日程参与者ID\n不多于64字节\nschedule.remind 否 uint32 提前多少秒提醒\n例如: 300表示提前5分钟\n0 - 事件开始时\n",
		rows: []fieldRow{{Name: "schedule.attendees.userid", Type: "string", Required: RequiredYes, Raw: "是"}, {Name: "schedule.remind", Type: "uint32", Required: RequiredNo, Raw: "否"}},
		desc: []string{"日程参与者ID 不多于64字节", "提前多少秒提醒 例如: 300表示提前5分钟 0 - 事件开始时"},
	}, {
		name: "one cell per paragraph, required last",
		src:  "Parameter\n\nType\n\nDescription\n\nRequired\n\napp_ids\n\nlist\n\n应用id列表\n\ntrue\n\nwith_config\n\nbool\n\n是否返回配置信息\n\nfalse\n\n{\n\"app_ids\": [1]\n}\n",
		rows: []fieldRow{{Name: "app_ids", Type: "list", Required: RequiredYes, Raw: "true"}, {Name: "with_config", Type: "bool", Required: RequiredNo, Raw: "false"}},
		desc: []string{"应用id列表", "是否返回配置信息"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseAs("p.txt", "接口\n\nPath:/a\nMethod: POST\n\n请求参数\n\n"+tt.src, FormatPlain)
			if len(doc.Endpoints) != 1 || len(doc.Endpoints[0].Request) == 0 {
				t.Fatalf("want one endpoint with a request table; diagnostics %v", doc.Diagnostics)
			}
			ep := doc.Endpoints[0]
			if ep.Title != "接口" || ep.Method != "POST" || ep.URL != "/a" {
				t.Errorf("endpoint %q %s %s", ep.Title, ep.Method, ep.URL)
			}
			tb := ep.Request[0]
			wantRows(t, "table", tb, tt.rows)
			if tt.desc != nil {
				var got []string
				for _, f := range tb.Fields {
					got = append(got, f.Description)
				}
				if !slices.Equal(got, tt.desc) {
					t.Errorf("descriptions %q, want %q", got, tt.desc)
				}
			}
			checkPositions(t, doc)
		})
	}
}

func TestPlainTwoWordTypeAndExample(t *testing.T) {
	doc := parseAs("p.txt", "用户列表\n\nPath:/u\nMethod:POST\n\nHeader 参数说明\n\n参数名称 参数值 必填 备注\nContent-Type application/json 数据类型\n\n返回 参数说明\n\n参数名称 类型 必需 备注\ndata Array Hash\n├─ list Array 用户列表\n├─ ─ id Integer 用户id\n", FormatPlain)
	if len(doc.Endpoints) != 1 {
		t.Fatalf("%d endpoints", len(doc.Endpoints))
	}
	ep := doc.Endpoints[0]
	if len(ep.Request) != 1 || len(ep.Response) != 1 {
		t.Fatalf("%d request and %d response tables, want 1 and 1", len(ep.Request), len(ep.Response))
	}
	if f := ep.Request[0].Fields[0]; f.Example != "application/json" || f.In != "header" || f.Description != "数据类型" {
		t.Errorf("Content-Type: example %q in %q description %q", f.Example, f.In, f.Description)
	}
	wantRows(t, "response", ep.Response[0], []fieldRow{
		{Name: "data", Type: "Array Hash"},
		{Name: "list", Type: "Array", Depth: 1},
		{Name: "id", Type: "Integer", Depth: 2},
	})
}

// TestPlainEndpoints covers how copied pages name their endpoints: a title
// line among page chrome, a numbered JSON example, an endpoint read from
// its tables alone.
func TestPlainEndpoints(t *testing.T) {
	t.Run("title among page chrome", func(t *testing.T) {
		doc := parseAs("p.txt", "You need to enable JavaScript to run this app.\n导航\n获取应用信息\n最近更新时间:2025.08.25\n复制全文\n有用\n无用\n\n请求说明\n\nPath:openapi/v1/apps\nMethod: POST\n", FormatPlain)
		if len(doc.Endpoints) != 1 || doc.Endpoints[0].Title != "获取应用信息" || doc.Endpoints[0].URL != "openapi/v1/apps" {
			t.Errorf("endpoints %+v", doc.Endpoints)
		}
	})
	t.Run("numbered JSON lines", func(t *testing.T) {
		doc := parseAs("p.txt", "简要描述\n\n  • 添加客户\n\n请求方式:\n\n  • POST\n\n返回示例:\n\n  1. {\n  2. \"code\": 200,\n  3. \"data\": {\n  4. \"耗时\": 0.17\n  5. }\n  6. }\n\n说明:成功\n", FormatPlain)
		if len(doc.Endpoints) != 1 {
			t.Fatalf("%d endpoints: %v", len(doc.Endpoints), doc.Diagnostics)
		}
		ep := doc.Endpoints[0]
		if ep.Method != "POST" || ep.Description != "添加客户" || ep.Title != "添加客户" {
			t.Errorf("%s %q %q", ep.Method, ep.Description, ep.Title)
		}
		ex := ep.ResponseExample
		if ex == nil || ex.Value.Get("data").Get("耗时") == nil || at(ex.Pos) != [2]int{11, 6} {
			t.Fatalf("response example %+v", ex)
		}
		if m := ex.Value.Member("code"); m == nil || at(m.KeyPos) != [2]int{12, 6} {
			t.Errorf("code key at %+v, want 12:6 (numbers blanked, columns kept)", m)
		}
		if len(doc.Diagnostics) != 0 {
			t.Errorf("diagnostics %v, want none (the spec reports the missing URL)", doc.Diagnostics)
		}
	})
	t.Run("an endpoint known by its tables alone", func(t *testing.T) {
		doc := parseAs("p.txt", "taobao.items.get (取商品)\n\n公共参数\n\n请求参数\n\n名称 类型 是否必须 描述\nfields String 必须 字段列表\n", FormatPlain)
		if len(doc.Endpoints) != 1 || doc.Endpoints[0].Title != "taobao.items.get (取商品)" || len(doc.Endpoints[0].Request) != 1 {
			t.Errorf("endpoints %+v", doc.Endpoints)
		}
	})
}
