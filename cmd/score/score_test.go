package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

const corpusDir = "../../testdata/corpus"

// TestCorpusFloor scores the project's corpus and fails when a total drops
// below the committed floor; raise the floor (make score-floor) as the
// reader improves.
func TestCorpusFloor(t *testing.T) {
	res, err := scoreCorpus(corpusDir, "")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res.print(&out, false)
	t.Log("\n" + out.String())
	floor, err := readFloor(corpusDir + "/score-floor.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range belowFloor(res.total.metrics(), floor) {
		t.Errorf("below the floor: %s", d)
	}
}

func TestFullPaths(t *testing.T) {
	p := func(s string) *string { return &s }
	tests := []struct {
		name  string
		names []named
		want  []string
	}{
		{"dotted names stay dotted", []named{{name: "data"}, {name: "data.id"}, {name: "rows[].pd_code"}},
			[]string{"data", "data.id", "rows.pd_code"}},
		{"a parent names the nearest field before", []named{{name: "tasks"}, {name: "url", parent: p("tasks")}, {name: "a"}, {name: "b", parent: p("a")}},
			[]string{"tasks", "tasks.url", "a", "a.b"}},
		{"a nested parent carries its own path", []named{{name: "data"}, {name: "list", parent: p("data")}, {name: "id", parent: p("list")}},
			[]string{"data", "data.list", "data.list.id"}},
		{"a chain restarts at each level", []named{{name: "data.itemList"}, {name: "itemList.sort"}, {name: "itemList.typeList"}, {name: "typeList.biz_type"}},
			[]string{"data.itemList", "data.itemList.sort", "data.itemList.typeList", "data.itemList.typeList.biz_type"}},
		{"a parent declared after its children", []named{{name: "expires", parent: p("accounts")}, {name: "accounts", parent: p("config")}, {name: "config"}},
			[]string{"config.accounts.expires", "config.accounts", "config"}},
		{"an unknown parent stands alone", []named{{name: "id", parent: p("extra")}}, []string{"extra.id"}},
		{"a written path already declared is kept", []named{{name: "departments"}, {name: "departments.departments"}, {name: "departments.departments.id"}},
			[]string{"departments", "departments.departments", "departments.departments.id"}},
		{"a parent several fields are named is either", []named{{name: "data"}, {name: "data", parent: p("data")}, {name: "count", parent: p("data")}},
			[]string{"data", "data.data", "data.data.count|data.count"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, alts := range fullPaths(tt.names) {
				var ss []string
				for _, path := range alts {
					ss = append(ss, strings.Join(path, "."))
				}
				got = append(got, strings.Join(ss, "|"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNormPath(t *testing.T) {
	tests := map[string]string{
		"https://api.example.com/v1/users/{id}?x=1": "/v1/users",
		"/api/dept/":                          "/api/dept",
		"{api_domain}/api/order/commit":       "/api/order/commit",
		"{交易服务根地址}/pay/refundQuery":           "/pay/refundQuery",
		"http://机器人IP:端口号/robot/sound":        "/robot/sound",
		"returnmoneyrecord/add":               "/returnmoneyrecord/add",
		"<gateway>?app=page&action=ls":        "",
		"shop.example.com/api/x":              "/api/x",
		"/users/:id/posts":                    "/users/posts",
		"http://host/a//b/":                   "/a/b",
		"店铺APPID.shop.example.com/goods":      "/goods",
		"http(s)://h.example.com/a/[flowIds]": "/a",
		"【COP平台访问域名】/service/auth/sytoken":    "/service/auth/sytoken",
	}
	for in, want := range tests {
		if got := normPath(in); got != want {
			t.Errorf("normPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestScorePage checks the counting on a small hand-made case: one
// endpoint found by path, one lost, one invented; a param under the wrong
// parent; a required the page does not state.
func TestScorePage(t *testing.T) {
	s := func(v string) *string { return &v }
	yes, no := true, false
	want := &expectFile{Endpoints: []expectEndpoint{
		{Title: s("新增"), Method: s("POST"), Path: s("https://h/api/add"), RequestParams: []expectParam{
			{Name: "data", Type: s("object"), Required: &yes, In: s("body")},
			{Name: "id", Type: s("int"), Required: &no, Parent: s("data")},
			{Name: "note", Type: s("string")},
		}, ResponseFields: []string{"code", "list"}},
		{Title: s("回调"), Method: s("POST")},
	}}
	got := &pageRun{text: "data id note code list other", endpoints: []endpoint{
		{title: "新增", method: "POST", path: "/api/add", request: []param{
			{path: []string{"data"}, required: true, in: "body", docType: "Object"},
			{path: []string{"id"}, in: "body", docType: "int"},
			{path: []string{"note"}, required: true, in: "body"},
		}, response: [][]string{{"code"}}},
		{title: "其他", method: "GET", path: "/api/other", request: []param{{path: []string{"ghost"}}}},
	}}
	c, misses := scorePage(want, got)
	check := func(name string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	check("matched endpoints", c.MatchedEndpoints, 1)
	check("found endpoints", c.FoundEndpoints, 2)
	check("expected params", c.ExpectedParams, 3)
	check("found params", c.FoundParams, 4)
	check("matched params", c.MatchedParams, 2) // id is not under data
	check("strict", c.StrictMatched, 1)         // note must not be required
	check("location stated", c.LocStated, 1)
	check("location right", c.LocRight, 1)
	check("types right", c.TypeRight, 1) // note has no type
	check("response expected", c.ExpectedResponse, 2)
	check("response matched", c.MatchedResponse, 1)
	check("invented", c.Invented, 1) // ghost
	check("silent", c.Silent, 1)     // 回调 lost, exit 0
	if len(misses) == 0 {
		t.Error("no misses listed")
	}
}

// TestLayouts scores the small docs of testdata/layouts, one per layout
// form the reader must handle, each with its ground truth: every form
// must read perfectly, so a rule that breaks one shows here by name.
func TestLayouts(t *testing.T) {
	res, err := scoreCorpus("../../testdata/layouts", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.pages {
		m := p.counts.metrics()
		perfect := p.counts.MatchedEndpoints == p.counts.ExpectedEndpoints && m.EndpointF1 == 1 && m.RequestPrecision == 1 &&
			m.RequestRecall == 1 && m.StrictF1 == 1 && m.Location == 1 && m.ResponseRecall == 1 && m.Invented == 0 && m.SilentPages == 0
		if !perfect {
			t.Errorf("%s is not read as its ground truth says:\n  %s", p.name, strings.Join(p.misses, "\n  "))
		}
	}
	if len(res.pages) < 30 {
		t.Errorf("only %d layout docs", len(res.pages))
	}
}

// An expected path that is a placeholder alone (the user's own address a
// callback goes to) leaves the title to name the endpoint; a real path,
// even "/", is still compared as a path.
func TestPlaceholderPathMatchesByTitle(t *testing.T) {
	str := func(s string) *string { return &s }
	callback := expectEndpoint{Title: str("5.1 Status changed"), Method: str("POST"), Path: str("<your_callback_url>")}
	if !sameEndpoint(&callback, &endpoint{title: "5.1 Status changed", method: "POST"}) {
		t.Error("a pathless callback with the title does not match <your_callback_url>")
	}
	if sameEndpoint(&callback, &endpoint{title: "5.2 Command changed", method: "POST"}) {
		t.Error("a callback of another title matches")
	}
	root := expectEndpoint{Title: str("GetBucket"), Method: str("GET"), Path: str("/")}
	if !sameEndpoint(&root, &endpoint{title: "GetBucket", method: "GET", path: "/"}) || sameEndpoint(&root, &endpoint{title: "GetBucket", method: "GET"}) {
		t.Error(`the path "/" is not compared as a path`)
	}
}
