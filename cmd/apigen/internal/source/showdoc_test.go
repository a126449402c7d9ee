package source

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/parser"
)

// The answers below have the shapes of star7th/showdoc's
// server/app/Api/Controller/ItemController.php info and
// PageController.php info; page_content is stored through htmlspecialchars.

const showdocRegisterMD = `**简要描述：**

- 用户注册接口

**请求URL：**
- ` + "`http://xx.com/api/user/register`" + `

**请求方式：**
- POST

**参数：**

|参数名|必选|类型|说明|
|:----    |:---|:----- |-----   |
|username |是  |string |用户名   |
|password |是  |string | 密码    |
|name     |否  |string | 昵称 <b>可空</b>   |

**返回示例**

` + "```" + `
{
  "error_code": 0,
  "data": {
    "uid": "1",
    "username": "12154545",
    "name": "吴系挂",
    "groupid": 2,
    "reg_time": "1436864169",
    "last_login_time": "0"
  }
}
` + "```" + `

**返回参数说明**

|参数名|类型|说明|
|:-----  |:-----|-----                           |
|groupid |int   |用户组id，1：超级管理员；2：普通用户  |

**备注**

- 更多返回错误代码请看首页的错误代码描述
`

var showdocLoginRunApi = mustJSON(map[string]any{
	"info": map[string]any{
		"from": "runapi", "type": "api", "title": "登录", "description": "用户登录",
		"method": "post", "url": "{{host}}/api/user/login", "remark": "",
	},
	"request": map[string]any{
		"params": map[string]any{
			"mode": "json",
			"json": `{"username":"showdoc","password":"123456","remember":true}`,
			"jsonDesc": []map[string]any{
				{"name": "username", "type": "string", "value": "", "require": "1", "remark": "用户名"},
				{"name": "password", "type": "string", "value": "", "require": "1", "remark": "密码"},
				{"name": "remember", "type": "boolean", "value": "", "require": "0", "remark": "记住登录"},
			},
			"urlencoded": []any{},
			"formdata":   []any{},
		},
		"query": []map[string]any{
			{"name": "lang", "type": "string", "value": "zh", "require": "0", "remark": "语言"},
			{"name": "debug", "type": "string", "value": "1", "require": "0", "remark": "", "disable": "1"},
		},
		"headers": []map[string]any{
			{"name": "X-Token", "type": "string", "value": "abc", "require": "1", "remark": "令牌"},
		},
		"cookies": []any{},
		"auth":    []any{},
	},
	"response": map[string]any{
		"responseExample":     `{"error_code":0,"data":{"uid":1,"token":"x<y"}}`,
		"responseParamsDesc":  []map[string]any{{"name": "data.uid", "type": "int", "remark": "用户id"}, {"name": "data.token", "type": "string", "remark": ""}},
		"responseFailExample": `{"error_code":10101,"error_message":"密码错误"}`,
		"remark":              "",
	},
	"extend": map[string]any{},
})

var showdocListRunApi = mustJSON(map[string]any{
	"info": map[string]any{"from": "runapi", "type": "api", "title": "", "description": "", "method": "get", "url": "https://api.example.com/orders?page=1"},
	"request": map[string]any{
		"params": map[string]any{
			"mode": "formdata", "json": "", "jsonDesc": []any{}, "urlencoded": []any{},
			"formdata": []map[string]any{
				{"name": "page", "type": "int", "value": 1, "require": 1, "remark": "页码"},
			},
		},
		"headers": []any{},
	},
	"response": map[string]any{"responseExample": "", "responseParamsDesc": []any{}},
})

// phpHTMLSpecialChars is PHP's htmlspecialchars with its PHP 8.1 default
// flags (ENT_QUOTES), as the server stores page_content.
var phpHTMLSpecialChars = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "'", "&#039;", "<", "&lt;", ">", "&gt;").Replace

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

type fakeShowDocPage struct {
	id, catID, title, content string
}

// fakeShowDoc serves a public project 7 (domain "demo") and a private
// project 8, through GET as the real server accepts it.
func fakeShowDoc(t *testing.T) (*httptest.Server, *[]string) {
	pages := map[string]fakeShowDocPage{
		"101": {"101", "0", "说明", "# 接口说明\n\n所有接口返回 JSON。<注意>'单引号'"},
		"102": {"102", "11", "用户注册", showdocRegisterMD},
		"103": {"103", "12", "登录", showdocLoginRunApi},
		"104": {"104", "21", "订单列表", showdocListRunApi},
	}
	menuPage := func(id string) map[string]any {
		p := pages[id]
		return map[string]any{"page_id": p.id, "author_uid": "1", "cat_id": p.catID, "page_title": p.title, "addtime": "1700000000", "ext_info": "", "is_draft": "0"}
	}
	menu := map[string]any{
		"pages": []any{menuPage("101")},
		"catalogs": []any{
			map[string]any{"cat_id": "11", "cat_name": "用户", "item_id": "7", "s_number": "1", "addtime": "1700000000", "parent_cat_id": "0", "level": "2",
				"pages": []any{menuPage("102")},
				"catalogs": []any{map[string]any{"cat_id": "12", "cat_name": "登录", "item_id": "7", "s_number": "1", "addtime": "1700000000", "parent_cat_id": "11", "level": "3",
					"pages": []any{menuPage("103")}, "catalogs": []any{}}},
			},
			map[string]any{"cat_id": "21", "cat_name": "订单", "item_id": "7", "s_number": "2", "addtime": "1700000000", "parent_cat_id": "0", "level": "2",
				"pages": []any{menuPage("104")}, "catalogs": []any{}},
		},
	}
	var calls []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/web/" {
			w.Write([]byte(`<!DOCTYPE html><html><head><title>ShowDoc</title><script type="text/javascript">
      window.DocConfig = {
        server: '../server/index.php?s=',
        originalServer: '../server/index.php?s=',
        lang: 'zh-cn',
        staticPath: './'
      }
    </script><script type="module" crossorigin src="./assets/index-88a7ce2e.js"></script></head><body><div id="app"></div></body></html>`))
			return
		}
		if req.URL.Path != "/server/index.php" {
			http.NotFound(w, req)
			return
		}
		q := req.URL.Query()
		calls = append(calls, q.Get("s"))
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		answer := func(v any) { w.Write([]byte(mustJSON(v))) }
		switch q.Get("s") {
		case "/api/item/info":
			switch q.Get("item_id") {
			case "7", "demo":
				answer(map[string]any{"error_code": 0, "data": map[string]any{
					"item_id": "7", "item_domain": "demo", "is_archived": "0", "item_name": "演示项目",
					"default_page_id": q.Get("default_page_id"), "default_cat_id2": 0, "default_cat_id3": 0, "default_cat_id4": 0,
					"unread_count": 0, "item_type": "1", "menu": menu, "is_login": false, "item_edit": false, "item_manage": false,
					"ItemPermn": false, "ItemCreator": false, "current_page_id": 0, "global_param": []any{}, "show_watermark": 0,
					"allow_comment": "0", "allow_feedback": "0", "ai_knowledge_base_enabled": 0, "ai_config": map[string]any{},
				}})
			case "8":
				answer(map[string]any{"error_code": 10303, "error_message": "您没有访问权限"})
			default:
				answer(map[string]any{"error_code": 10101, "error_message": "项目不存在或者已删除"})
			}
		case "/api/page/info":
			p, ok := pages[q.Get("page_id")]
			if !ok {
				answer(map[string]any{"error_code": 10101, "error_message": "页面不存在"})
				return
			}
			answer(map[string]any{"error_code": 0, "data": map[string]any{
				"page_id": p.id, "author_uid": "1", "author_username": "showdoc", "item_id": "7", "cat_id": p.catID,
				"page_title": p.title, "page_comments": "", "page_content": phpHTMLSpecialChars(p.content),
				"s_number": "99", "addtime": "2023-11-15 06:13:20", "page_addtime": "2023-11-15 06:13:20", "is_del": "0",
				"attachment_count": 0, "unique_key": "",
			}})
		default:
			answer(map[string]any{"error_code": 10101, "error_message": "操作失败"})
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func resolveShowDoc(t *testing.T, rawURL string) []Doc {
	t.Helper()
	docs, diags, err := Resolve(context.Background(), &fetch.Fetcher{}, rawURL, Options{})
	if err != nil {
		t.Fatalf("Resolve(%s): %v", rawURL, err)
	}
	for _, d := range diags {
		t.Logf("diag: %v", d)
	}
	return docs
}

func TestShowDocProjectListsEveryPageInCatalogOrder(t *testing.T) {
	srv, _ := fakeShowDoc(t)
	docs := resolveShowDoc(t, srv.URL+"/web/#/demo")
	type want struct{ origin, tag string }
	wants := []want{
		{srv.URL + "/web/#/demo/101", ""},
		{srv.URL + "/web/#/demo/102", "用户"},
		{srv.URL + "/web/#/demo/103", "用户/登录"},
		{srv.URL + "/web/#/demo/104", "订单"},
	}
	if len(docs) != len(wants) {
		t.Fatalf("got %d docs, want %d", len(docs), len(wants))
	}
	for i, w := range wants {
		if docs[i].Origin != w.origin || docs[i].Tag != w.tag {
			t.Errorf("doc %d = %s tagged %q, want %s tagged %q", i, docs[i].Origin, docs[i].Tag, w.origin, w.tag)
		}
	}
	if docs[0].Parsed != nil || !strings.Contains(string(docs[0].Body), "<注意>'单引号'") {
		t.Errorf("Markdown page not unescaped as Markdown: %q", docs[0].Body)
	}
	if docs[2].Parsed == nil || docs[3].Parsed == nil {
		t.Errorf("RunApi pages not read into documents")
	}
}

func TestShowDocPageURLGivesThatPage(t *testing.T) {
	srv, calls := fakeShowDoc(t)
	for _, u := range []string{srv.URL + "/web/#/7/102", srv.URL + "/index.php?s=/home/page/index&page_id=102"} {
		docs := resolveShowDoc(t, u)
		if len(docs) != 1 {
			t.Fatalf("%s: got %d docs, want 1", u, len(docs))
		}
		if !strings.HasSuffix(docs[0].Origin, "/102") {
			t.Errorf("%s: origin %s", u, docs[0].Origin)
		}
	}
	for _, c := range *calls {
		if c != "/api/item/info" && c != "/api/page/info" {
			t.Errorf("unexpected API call %s", c)
		}
	}
	docs := resolveShowDoc(t, srv.URL+"/web/#/7/102")
	if docs[0].Tag != "用户" || docs[0].Origin != srv.URL+"/web/#/demo/102" {
		t.Errorf("page doc = %s tagged %q", docs[0].Origin, docs[0].Tag)
	}
}

func TestShowDocMarkdownPageParses(t *testing.T) {
	srv, _ := fakeShowDoc(t)
	doc := resolveShowDoc(t, srv.URL+"/web/#/demo/102")[0]
	if strings.Contains(string(doc.Body), "&quot;") || !strings.Contains(string(doc.Body), `"error_code": 0`) {
		t.Fatalf("HTML escaping not undone: %s", doc.Body)
	}
	parsed := parser.Parse(doc.Origin, doc.Body, parser.Options{})
	if len(parsed.Endpoints) != 1 {
		t.Fatalf("got %d endpoints, want 1 (format %s)", len(parsed.Endpoints), parsed.Format)
	}
	ep := parsed.Endpoints[0]
	if ep.Method != "POST" || ep.URL != "http://xx.com/api/user/register" {
		t.Errorf("endpoint %s %s", ep.Method, ep.URL)
	}
	var names []string
	for _, tbl := range ep.Request {
		for _, f := range tbl.Fields {
			names = append(names, f.Name+":"+f.Required.String())
		}
	}
	if got := strings.Join(names, " "); got != "username:yes password:yes name:no" {
		t.Errorf("request fields %s", got)
	}
	if ep.ResponseExample == nil || ep.ResponseExample.Value == nil {
		t.Errorf("no response example")
	}
}

func TestShowDocRunApiPage(t *testing.T) {
	srv, _ := fakeShowDoc(t)
	doc := resolveShowDoc(t, srv.URL+"/web/#/demo/103")[0]
	if doc.Parsed == nil {
		t.Fatal("RunApi page not parsed")
	}
	if !json.Valid(doc.Body) {
		t.Errorf("Body is not the unescaped JSON: %s", doc.Body)
	}
	if len(doc.Parsed.Endpoints) != 1 {
		t.Fatalf("got %d endpoints", len(doc.Parsed.Endpoints))
	}
	ep := doc.Parsed.Endpoints[0]
	if ep.Title != "登录" || ep.Description != "用户登录" || ep.Method != "POST" || ep.URL != "{{host}}/api/user/login" {
		t.Errorf("endpoint %q %q %s %s", ep.Title, ep.Description, ep.Method, ep.URL)
	}
	var got []string
	for _, tbl := range ep.Request {
		for _, f := range tbl.Fields {
			got = append(got, f.In+":"+f.Name+":"+f.Type+":"+f.Required.String()+":"+f.Description)
		}
	}
	want := "header:X-Token:string:yes:令牌 query:lang:string:no:语言 body:username:string:yes:用户名 body:password:string:yes:密码 body:remember:boolean:no:记住登录"
	if strings.Join(got, " ") != want {
		t.Errorf("request fields\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if ep.RequestExample == nil || ep.RequestExample.Value == nil || len(ep.RequestExample.Value.Members) != 3 {
		t.Errorf("request example %+v", ep.RequestExample)
	}
	if ep.ResponseExample == nil || ep.ResponseExample.Value == nil || !strings.Contains(ep.ResponseExample.Text, `"x<y"`) {
		t.Errorf("response example %+v", ep.ResponseExample)
	}
	if len(ep.Response) != 1 || len(ep.Response[0].Fields) != 2 || ep.Response[0].Fields[0].Name != "data.uid" || ep.Response[0].Fields[0].Type != "int" {
		t.Errorf("response table %+v", ep.Response)
	}
	if len(ep.ErrorExamples) != 1 {
		t.Errorf("fail example not kept")
	}

	// A GET without query rows sends its form rows as the query, and a
	// query drops the URL's own.
	get := resolveShowDoc(t, srv.URL+"/web/#/demo/104")[0].Parsed.Endpoints[0]
	if get.Method != "GET" || get.URL != "https://api.example.com/orders" || get.Title != "" && get.Title != "订单列表" {
		t.Errorf("GET endpoint %q %s %s", get.Title, get.Method, get.URL)
	}
	if len(get.Request) != 1 || get.Request[0].Fields[0].In != "query" || get.Request[0].Fields[0].Required != parser.RequiredYes || get.Request[0].Fields[0].Example != "1" {
		t.Errorf("GET params %+v", get.Request)
	}
}

func TestShowDocPrivateProjectIsAClearError(t *testing.T) {
	srv, _ := fakeShowDoc(t)
	docs, _, err := Resolve(context.Background(), &fetch.Fetcher{}, srv.URL+"/web/#/8/5", Options{})
	if err == nil || len(docs) != 0 {
		t.Fatalf("got %d docs and error %v", len(docs), err)
	}
	for _, want := range []string{"not visible to guests", "10303", "export"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestShowDocDetection(t *testing.T) {
	srv, _ := fakeShowDoc(t)
	// The bare shell is known as ShowDoc by its DocConfig, so the answer
	// is ShowDoc's complaint, not a script-shell one.
	_, _, err := Resolve(context.Background(), &fetch.Fetcher{}, srv.URL+"/web/", Options{})
	if err == nil || !strings.Contains(err.Error(), "ShowDoc URL") {
		t.Errorf("shell not detected as ShowDoc: %v", err)
	}
	for raw, want := range map[string]bool{
		"https://www.showdoc.com.cn/demo/123":                            true,
		"https://www.showdoc.com.cn/web/#/demo/123":                      true,
		"https://showdoc.com.cn/p/5f7c":                                  true,
		"http://docs.example.com/web/#/12/34":                            true,
		"http://docs.example.com/showdoc/web/#/page/34":                  true,
		"http://docs.example.com/index.php?s=/home/page/index&page_id=3": true,
		"http://docs.example.com/web/#/guide":                            false,
		"http://docs.example.com/#/12/34":                                false,
	} {
		u, _ := url.Parse(raw)
		if got := showdocByURL(u); got != want {
			t.Errorf("showdocByURL(%s) = %v", raw, got)
		}
	}
	for raw, want := range map[string]showdocTarget{
		"https://www.showdoc.com.cn/demo/123":            {api: "https://www.showdoc.com.cn/server/index.php?s=", site: "https://www.showdoc.com.cn", item: "demo", pageID: "123"},
		"https://www.showdoc.com.cn/web/#/demo":          {api: "https://www.showdoc.com.cn/server/index.php?s=", site: "https://www.showdoc.com.cn", item: "demo"},
		"http://h/showdoc/web/#/p/abc":                   {api: "http://h/showdoc/server/index.php?s=", site: "http://h/showdoc", uniqueKey: "abc"},
		"http://h/index.php?s=/home/item/show/item_id/3": {api: "http://h/server/index.php?s=", site: "http://h", item: "3"},
	} {
		u, _ := url.Parse(raw)
		got, err := parseShowDocURL(u, nil)
		if err != nil || got != want {
			t.Errorf("parseShowDocURL(%s) = %+v, %v; want %+v", raw, got, err, want)
		}
	}
}
