package oas

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestPagingRoundTrip: x-apigen-paging written into a spec reads back
// the same from the YAML and the JSON file, and a 3.0 form keeps it.
func TestPagingRoundTrip(t *testing.T) {
	one := 1
	want := &Paging{Kind: PageNumbers, Request: PagingRequest{In: "query", Page: "page_no", Size: "page_size"},
		Response: PagingResponse{Items: "/data", Total: "/total_size"}, FirstPage: &one, End: EndTotal}
	doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "t", Version: "1"}, Paths: openapi3.NewPaths()}
	op := &openapi3.Operation{OperationID: "list", Responses: openapi3.NewResponses()}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription("OK")})
	SetPaging(op, want)
	doc.AddOperation("/list", "GET", op)
	for _, format := range []string{"yaml", "json"} {
		var b bytes.Buffer
		if err := Write(&b, doc, format); err != nil {
			t.Fatal(err)
		}
		back, diags := LoadData("api."+format, b.Bytes())
		if back == nil {
			t.Fatal(diags)
		}
		got, err := PagingOf(back.Paths.Value("/list").Get)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: read back %+v, %v; want %+v", format, got, err, want)
		}
	}
	SetPaging(op, nil)
	if got, err := PagingOf(op); got != nil || err != nil {
		t.Fatalf("removed: %+v, %v", got, err)
	}
}

// TestPagingCheck: what a kind or an end needs, said with the
// extension's names.
func TestPagingCheck(t *testing.T) {
	two := 2
	cases := []struct {
		p    Paging
		want string
	}{
		{Paging{Kind: "pages"}, `unknown kind "pages"`},
		{Paging{Kind: PageNumbers, Request: PagingRequest{In: "query"}}, "kind page needs request.page"},
		{Paging{Kind: Offsets, Request: PagingRequest{In: "query"}}, "kind offset needs request.offset"},
		{Paging{Kind: Cursors, Request: PagingRequest{In: "query", Cursor: "c"}}, "kind cursor needs request.cursor and response.nextCursor"},
		{Paging{Kind: PageNumbers, Request: PagingRequest{In: "query", Page: "p"}, FirstPage: &two, End: EndShortPage}, "firstPage is 2"},
		{Paging{Kind: PageNumbers, Request: PagingRequest{Page: "p"}, End: EndShortPage}, "request.in is empty"},
		{Paging{Kind: PageNumbers, Request: PagingRequest{In: "query", Page: "p"}, End: "done"}, `unknown end "done"`},
		{Paging{Kind: PageNumbers, Request: PagingRequest{In: "query", Page: "p"}, End: EndHasMore}, "end hasMore needs response.hasMore"},
		{Paging{Kind: Offsets, Request: PagingRequest{In: "query", Offset: "o"}, Response: PagingResponse{TotalPages: "/pages"}, End: EndTotalPages}, "counts pages, which kind offset has none of"},
		{Paging{Kind: PageNumbers, Request: PagingRequest{In: "query", Page: "p"}, Response: PagingResponse{NextCursor: "/n"}, End: EndCursor}, "end cursor is for kind cursor"},
		{Paging{Kind: PageNumbers, Request: PagingRequest{In: "body", Page: "p"}, End: EndShortPage}, ""},
	}
	for _, c := range cases {
		err := c.p.Check()
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.p, err, c.want)
		}
	}
}
