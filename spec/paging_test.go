package spec_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/golden"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// pagingDocs is, per doc of testdata/paging, the paging its one list
// operation must carry, written kind request -> response end, and
// whether W041 says the end was assumed.
var pagingDocs = map[string]struct {
	want    string
	assumed bool
}{
	"page_total":   {"page@1 query page,page_size -> items=/data/list total=/data/total end=total", false},
	"offset_limit": {"offset query offset,limit -> items=/users total=/totalCount end=total", false},
	"cursor":       {"cursor body cursor,limit -> items=/data/msg_list hasMore=/data/has_more next=/data/next_cursor end=hasMore", false},
	"no_end":       {"page@1 body pageNo,pageSize -> items=/data end=shortPage", true},
	"page_index":   {"page@0 query pageIndex,pageSize -> items=/data/rows totalPages=/data/totalPages end=totalPages", false},
}

// showPaging writes a paging in the short form of pagingDocs.
func showPaging(p *oas.Paging) string {
	if p == nil {
		return "none"
	}
	kind := p.Kind
	if p.FirstPage != nil {
		kind += fmt.Sprintf("@%d", *p.FirstPage)
	}
	var names []string
	for _, n := range []string{p.Request.Page, p.Request.Offset, p.Request.Cursor, p.Request.Size, p.Request.Limit} {
		if n != "" {
			names = append(names, n)
		}
	}
	r := p.Response
	out := fmt.Sprintf("%s %s %s -> items=%s", kind, p.Request.In, strings.Join(names, ","), r.Items)
	for _, m := range []struct{ name, v string }{{"total", r.Total}, {"totalPages", r.TotalPages}, {"hasMore", r.HasMore}, {"last", r.Last}, {"next", r.NextCursor}} {
		if m.v != "" {
			out += " " + m.name + "=" + m.v
		}
	}
	return out + " end=" + p.End
}

// pagedOps lists the operations of a spec that carry x-apigen-paging.
func pagedOps(t *testing.T, s *openapi3.T) map[string]*oas.Paging {
	t.Helper()
	out := map[string]*oas.Paging{}
	spec.Operations(s, func(op *openapi3.Operation) {
		p, err := oas.PagingOf(op)
		if err != nil {
			t.Errorf("%s: %v", op.OperationID, err)
		}
		if p != nil {
			out[op.OperationID] = p
		}
	})
	return out
}

func codes(diags diag.List, code diag.Code) []string {
	var out []string
	for _, d := range diags {
		if d.Code == code {
			out = append(out, d.String())
		}
	}
	return out
}

// TestPagingDocs builds one small doc per paging layout and checks the
// x-apigen-paging read from it, W041, and the golden spec.
func TestPagingDocs(t *testing.T) {
	docs, _ := filepath.Glob("../testdata/paging/*.md")
	if len(docs) != len(pagingDocs) {
		t.Fatalf("found %d paging docs, want %d", len(docs), len(pagingDocs))
	}
	for _, path := range docs {
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		t.Run(name, func(t *testing.T) {
			want, ok := pagingDocs[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			doc := parser.ParseFile(path, parser.Options{})
			s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
			paged := pagedOps(t, s)
			if len(paged) != 1 {
				t.Fatalf("%d paged operations, want 1: %v", len(paged), paged)
			}
			for _, p := range paged {
				if got := showPaging(p); got != want.want {
					t.Errorf("paging\n  %s\nwant\n  %s", got, want.want)
				}
			}
			w041 := codes(diags, diag.AssumedPaging)
			if (len(w041) > 0) != want.assumed {
				t.Errorf("W041 %q, want %v", w041, want.assumed)
			}
			out, _ := specOf(t, path, func(d diag.Diagnostic) bool { return d.Code.String()[0] == 'W' })
			golden.Check(t, filepath.Join("../testdata/paging", name+".golden.yaml"), out)
		})
	}
}

// TestPagingCursorWithoutNext: a cursor parameter with no member that
// hands on the next cursor cannot be followed: no paging, and W041 at
// the cursor's row says so.
func TestPagingCursorWithoutNext(t *testing.T) {
	doc := parser.ParseFile("../testdata/paging/quirks/cursor_no_next.md", parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	if paged := pagedOps(t, s); len(paged) != 0 {
		t.Errorf("paged %v; want none", paged)
	}
	w041 := codes(diags, diag.AssumedPaging)
	if len(w041) != 1 || !strings.Contains(w041[0], "cursor_no_next.md:12:") || !strings.Contains(w041[0], "no iterator") {
		t.Errorf("W041 %q; want one at the scroll_id row saying no iterator is generated", w041)
	}
}

// TestPagingNotLists: a size or limit alone, a page parameter nested in
// the body, and the auth docs' unpaged list are no paging.
func TestPagingNotLists(t *testing.T) {
	for _, path := range []string{"../testdata/auth/api_key.md", "../testdata/auth/access_token_query.md"} {
		doc := parser.ParseFile(path, parser.Options{})
		s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
		if paged := pagedOps(t, s); len(paged) != 0 {
			t.Errorf("%s: paged %v", path, paged)
		}
		if w := codes(diags, diag.AssumedPaging); len(w) > 0 {
			t.Errorf("%s: %q", path, w)
		}
	}
}

// TestPagingSeeds: the seed docs' list calls are paged as their docs
// show: Waiqin's customer query by page_number and page_length, ended by
// a short page (W041, no total documented); WiseCRM's list by page_no
// and page_size, ended by the envelope's total_size.
func TestPagingSeeds(t *testing.T) {
	cases := []struct {
		docs    []string
		profile string
		want    map[string]string
		w041    int
	}{
		{[]string{"../testdata/seeds/000_cfc759fbbf88bb66.txt", "../testdata/seeds/001_0fff4a18e5a0f8bc.txt"}, "waiqin365", map[string]string{
			"queryCustomerAmountExt": "page@1 body page_number,page_length -> items=/response_data end=shortPage",
			"queryEndRecords":        "page@1 body page,rows -> items=/response_data end=shortPage",
		}, 2},
		{[]string{"../testdata/seeds/003_acd2d6f03fadcd29.txt"}, "wisecrm", map[string]string{
			"returnmoneyrecordList": "page@1 query page_no,page_size -> items=/data total=/total_size end=total",
		}, 0},
		{[]string{"../testdata/seeds/002_1cb638a863dfad4f.txt"}, "errCode-1000", map[string]string{}, 0},
	}
	for _, c := range cases {
		var docs []*parser.Document
		for _, p := range c.docs {
			docs = append(docs, parser.ParseFile(p, parser.Options{}))
		}
		s, diags := spec.Build(docs, spec.Options{Profile: c.profile})
		paged := pagedOps(t, s)
		got := map[string]string{}
		for id, p := range paged {
			got[id] = showPaging(p)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: paging\n  %v\nwant\n  %v", c.profile, got, c.want)
		}
		if w := codes(diags, diag.AssumedPaging); len(w) != c.w041 {
			t.Errorf("%s: W041 %q, want %d", c.profile, w, c.w041)
		}
	}
}

// TestPagingOverrides: apigen.yaml's paging entries correct what the
// docs show (and silence W041), declare paging, take it away, and are
// errors at their line when they name what the operation lacks.
func TestPagingOverrides(t *testing.T) {
	build := func(path string, ovs ...spec.PagingOverride) (map[string]*oas.Paging, diag.List) {
		doc := parser.ParseFile(path, parser.Options{})
		s, diags := spec.Build([]*parser.Document{doc}, spec.Options{Paging: ovs})
		return pagedOps(t, s), diags
	}
	at := diag.Pos{File: "apigen.yaml", Line: 7}
	one := 1

	// The end the doc leaves unsaid, said: no W041.
	paged, diags := build("../testdata/paging/no_end.md", spec.PagingOverride{Operation: "storeQuery", Pos: at,
		Paging: oas.Paging{End: oas.EndShortPage}})
	if got := showPaging(paged["storeQuery"]); got != "page@1 body pageNo,pageSize -> items=/data end=shortPage" || len(codes(diags, diag.AssumedPaging)) > 0 {
		t.Errorf("end given: %s, %v", got, diags)
	}

	// Not paged after all.
	paged, diags = build("../testdata/paging/page_total.md", spec.PagingOverride{Operation: "orders", None: true, Pos: at})
	if len(paged) != 0 || diags.HasErrors() {
		t.Errorf("kind none: %v, %v", paged, diags)
	}

	// Another member and end.
	paged, _ = build("../testdata/paging/cursor.md", spec.PagingOverride{Operation: "msgList", Pos: at,
		Paging: oas.Paging{End: oas.EndCursor}})
	if got := showPaging(paged["msgList"]); !strings.HasSuffix(got, "end=cursor") {
		t.Errorf("end cursor: %s", got)
	}

	// Declared where the rules read none: the cursor doc read as pages.
	paged, diags = build("../testdata/paging/quirks/cursor_no_next.md", spec.PagingOverride{Operation: "scroll", Pos: at,
		Paging: oas.Paging{Kind: oas.PageNumbers, Request: oas.PagingRequest{Page: "scroll_id", Size: "size"}, FirstPage: &one}, ItemsGiven: true})
	// items "" is the whole answer, an envelope here: not a list.
	if len(paged) != 0 || !strings.Contains(fmt.Sprint(codes(diags, diag.BadConfig)), `apigen.yaml:7: error: paging for "scroll": items "" is not a list`) {
		t.Errorf("items of an envelope: %v, %v", paged, diags)
	}
	paged, diags = build("../testdata/paging/quirks/cursor_no_next.md", spec.PagingOverride{Operation: "scroll", Pos: at,
		Paging: oas.Paging{Kind: oas.PageNumbers, Request: oas.PagingRequest{Page: "scroll_id", Size: "size"}, Response: oas.PagingResponse{Items: "/data"}}})
	if got := showPaging(paged["scroll"]); got != "page@1 body scroll_id,size -> items=/data end=shortPage" || len(codes(diags, diag.AssumedPaging)) > 0 || diags.HasErrors() {
		t.Errorf("declared: %s, %v", got, diags)
	}

	// Errors at the entry's line, in the config's words.
	for _, c := range []struct {
		ov   spec.PagingOverride
		want string
	}{
		{spec.PagingOverride{Operation: "nope"}, `apigen.yaml:7: error: paging entry names operation "nope", which the API does not have (known: orders) [E010]`},
		{spec.PagingOverride{Operation: "orders", Paging: oas.Paging{Request: oas.PagingRequest{Size: "per_page"}}}, `"per_page" is not a parameter of the operation nor a member of its body`},
		{spec.PagingOverride{Operation: "orders", Paging: oas.Paging{Response: oas.PagingResponse{Total: "/data/count"}}}, `total "/data/count": the answer has no member "count" there`},
		{spec.PagingOverride{Operation: "orders", Paging: oas.Paging{End: oas.EndHasMore}}, `end has_more needs has_more`},
		{spec.PagingOverride{Operation: "orders", Paging: oas.Paging{Kind: oas.Offsets}}, `kind offset needs offset`},
	} {
		c.ov.Pos = at
		_, diags := build("../testdata/paging/page_total.md", c.ov)
		if got := fmt.Sprint(diags); !strings.Contains(got, c.want) {
			t.Errorf("%+v: %s\nwant %s", c.ov, got, c.want)
		}
	}
}
