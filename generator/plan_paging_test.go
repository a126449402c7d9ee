package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/spec/oas"
)

// pagingSpec is a list of orders in a {code, msg, data} envelope, paged
// as its x-apigen-paging (PAGING) says.
const pagingSpec = `openapi: 3.1.0
info: {title: t, version: "1"}
x-apigen-envelope: {code: code, message: msg, data: data, success: [0]}
paths:
  /orders:
    get:
      operationId: orders
      parameters:
        - {name: page, in: query, schema: {type: integer, format: int32}}
        - {name: token, in: query, schema: {type: boolean}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  code: {type: integer}
                  msg: {type: string}
                  count: {type: integer}
                  data:
                    type: object
                    properties:
                      total: {type: integer}
                      pager: {type: object, properties: {more: {type: boolean}}}
                      list: {type: array, items: {type: object, properties: {id: {type: string}}}}
      x-apigen-paging: PAGING
`

// TestPagingPlan: the iterator reads what x-apigen-paging points at in
// the result or in the envelope, and what it cannot follow is reported
// with the pointer, without an iterator or with a short-page end.
func TestPagingPlan(t *testing.T) {
	cases := []struct {
		paging string
		want   string // in paging.go, or "-" for no paging.go
		warn   string
	}{
		{`{kind: page, request: {in: query, page: page}, response: {items: /data/list, total: /data/total}, firstPage: 1, end: total}`,
			"pg.marker = res.Total", ""},
		{`{kind: page, request: {in: query, page: page}, response: {items: /data/list, hasMore: /data/pager/more}, firstPage: 1, end: hasMore}`,
			"if res != nil && res.Pager != nil {\n\t\t\tpg.marker = res.Pager.More", ""},
		{`{kind: page, request: {in: query, page: page}, response: {items: /data/list, total: /count}, firstPage: 1, end: total}`,
			`pg.marker = pagerMember(answer, "count")`, ""},
		{`{kind: page, request: {in: query, page: page}, response: {items: /data/list, total: /data/nope}, firstPage: 1, end: total}`,
			"end:   pagerShortPage", `end total reads "/data/nope": OrdersResult has no field for "nope"; the iterator ends at a short or empty page instead`},
		{`{kind: page, request: {in: query, page: token}, response: {items: /data/list}, firstPage: 1, end: shortPage}`,
			"-", `the request has no field "token" the iterator can set (a number or text); no iterator is generated`},
		{`{kind: page, request: {in: query, page: page}, response: {items: /data/total}, firstPage: 1, end: shortPage}`,
			"-", `items "/data/total": not a list; no iterator is generated`},
		{`{kind: page, request: {in: query, page: page}, response: {items: /msg}, firstPage: 1, end: shortPage}`,
			"-", `items "/msg": not inside data, the data the method returns, nor a member of the envelope beside it; no iterator is generated`},
		{`{kind: pages}`, "-", `unknown kind "pages" (known: page, offset, cursor); no iterator is generated`},
	}
	for _, c := range cases {
		src := strings.Replace(pagingSpec, "PAGING", c.paging, 1)
		doc, lines, ld := oas.LoadDataLines("api.yaml", []byte(src))
		if doc == nil {
			t.Fatal(ld)
		}
		files, diags := generator.Generate(doc, generator.Options{Package: "api", Source: "api.yaml", Lines: lines})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		got := string(files["paging.go"])
		switch {
		case c.want == "-" && got != "":
			t.Errorf("%s: paging.go generated:\n%s", c.paging, got)
		case c.want != "-" && !strings.Contains(got, c.want):
			t.Errorf("%s: paging.go lacks %q:\n%s", c.paging, c.want, got)
		}
		if c.want == "-" && files["runtime_paging.go"] != nil {
			t.Errorf("%s: runtime_paging.go without an iterator", c.paging)
		}
		said := fmt.Sprint(diags)
		if c.warn != "" && !strings.Contains(said, "api.yaml:28: warning: #/paths/~1orders/get/x-apigen-paging: "+c.warn) {
			t.Errorf("%s: diagnostics\n%s\nwant %q", c.paging, said, c.warn)
		}
		if c.warn == "" && strings.Contains(said, "x-apigen-paging") {
			t.Errorf("%s: %s", c.paging, said)
		}
	}
}
