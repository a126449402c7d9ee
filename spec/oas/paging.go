package oas

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Paging is how an operation's list is paged: which request parameters
// choose the page, where the answer keeps the items, and what tells the
// last page. The spec carries it as x-apigen-paging on the operation;
// the generated client ranges over every page with it, and any tool can
// read it the same way (README, "x-apigen-paging").
type Paging struct {
	Kind     string         `json:"kind"` // PageNumbers, Offsets or Cursors
	Request  PagingRequest  `json:"request"`
	Response PagingResponse `json:"response"`
	// FirstPage is the number of the first page (page kind): 1, or 0
	// where pages count from 0.
	FirstPage *int `json:"firstPage,omitempty"`
	// End says what ends the iteration: a member of the answer (EndTotal,
	// EndTotalPages, EndHasMore, EndLast, EndCursor) or, where the doc
	// documents none, EndShortPage.
	End string `json:"end"`
}

// PagingRequest names the request's paging parameters: each a parameter
// of the operation of that name, else a top-level member of its request
// body. In says which of the two they are.
type PagingRequest struct {
	In     string `json:"in"`               // query, header, path or body
	Page   string `json:"page,omitempty"`   // page: the page number
	Size   string `json:"size,omitempty"`   // page, cursor: the page size
	Offset string `json:"offset,omitempty"` // offset: how many items to skip
	Limit  string `json:"limit,omitempty"`  // offset: how many items to answer
	Cursor string `json:"cursor,omitempty"` // cursor: where the page starts
}

// PagingResponse points at the answer's members: each a JSON pointer
// (RFC 6901) into the success response's body as it arrives, envelope
// included; a member carrying JSON inside a string (contentMediaType
// application/json) is stepped into as the JSON it carries. "" is the
// whole body.
type PagingResponse struct {
	Items      string `json:"items"`                // the list of the page's items
	Total      string `json:"total,omitempty"`      // how many items there are in all
	TotalPages string `json:"totalPages,omitempty"` // how many pages there are
	HasMore    string `json:"hasMore,omitempty"`    // true while pages follow
	Last       string `json:"last,omitempty"`       // true on the last page
	NextCursor string `json:"nextCursor,omitempty"` // the cursor of the next page; empty or absent on the last
}

// Kinds of paging.
const (
	PageNumbers = "page"   // page number and page size
	Offsets     = "offset" // offset and limit
	Cursors     = "cursor" // a cursor each answer hands on
)

// Ends of an iteration.
const (
	EndTotal      = "total"      // the items counted reach the total
	EndTotalPages = "totalPages" // the pages counted reach the number of pages
	EndHasMore    = "hasMore"    // hasMore is false
	EndLast       = "last"       // last is true
	EndCursor     = "cursor"     // the answer hands on no cursor
	EndShortPage  = "shortPage"  // a page shorter than the first, or an empty one
)

// PagingKinds and PagingEnds list the values, for messages.
var (
	PagingKinds = []string{PageNumbers, Offsets, Cursors}
	PagingEnds  = []string{EndTotal, EndTotalPages, EndHasMore, EndLast, EndCursor, EndShortPage}
)

// Check reports what a paging lacks: each kind needs its request
// parameters, and the end its member of the answer.
func (p *Paging) Check() error {
	r := p.Request
	switch p.Kind {
	case PageNumbers:
		if r.Page == "" {
			return fmt.Errorf("kind %s needs request.page", p.Kind)
		}
		if p.FirstPage != nil && *p.FirstPage != 0 && *p.FirstPage != 1 {
			return fmt.Errorf("firstPage is %d; want 0 or 1", *p.FirstPage)
		}
	case Offsets:
		if r.Offset == "" {
			return fmt.Errorf("kind %s needs request.offset", p.Kind)
		}
	case Cursors:
		if r.Cursor == "" || p.Response.NextCursor == "" {
			return fmt.Errorf("kind %s needs request.cursor and response.nextCursor", p.Kind)
		}
	default:
		return fmt.Errorf("unknown kind %q (known: %s)", p.Kind, strings.Join(PagingKinds, ", "))
	}
	if r.In == "" {
		return fmt.Errorf("request.in is empty; want query, header, path or body")
	}
	if !slices.Contains(PagingEnds, p.End) {
		return fmt.Errorf("unknown end %q (known: %s)", p.End, strings.Join(PagingEnds, ", "))
	}
	if name, member := p.Response.marker(p.End); name != "" && member == "" {
		return fmt.Errorf("end %s needs response.%s", p.End, name)
	}
	if p.End == EndTotalPages && p.Kind != PageNumbers {
		return fmt.Errorf("end %s counts pages, which kind %s has none of", p.End, p.Kind)
	}
	if p.End == EndCursor && p.Kind != Cursors {
		return fmt.Errorf("end %s is for kind %s", p.End, Cursors)
	}
	return nil
}

// SetPaging writes p into op as x-apigen-paging; nil removes it.
func SetPaging(op *openapi3.Operation, p *Paging) {
	if p == nil {
		delete(op.Extensions, ExtPaging)
		return
	}
	setExtIn(&op.Extensions, ExtPaging, p)
}

// PagingOf reads op's x-apigen-paging: nil when there is none, an error
// when it is not of the documented shape or lacks what its kind needs.
func PagingOf(op *openapi3.Operation) (*Paging, error) {
	if op == nil {
		return nil, nil
	}
	var p Paging
	ok, err := getExtIn(op.Extensions, ExtPaging, &p)
	if !ok || err != nil {
		return nil, err
	}
	if err := p.Check(); err != nil {
		return nil, fmt.Errorf("%s: %v", ExtPaging, err)
	}
	return &p, nil
}

// marker is the name and pointer of the member an end reads; "" for an
// end that reads none.
func (r PagingResponse) marker(end string) (name, pointer string) {
	switch end {
	case EndTotal:
		return "total", r.Total
	case EndTotalPages:
		return "totalPages", r.TotalPages
	case EndHasMore:
		return "hasMore", r.HasMore
	case EndLast:
		return "last", r.Last
	case EndCursor:
		return "nextCursor", r.NextCursor
	}
	return "", ""
}

// Marker is the pointer of the member the end reads: the total, the
// number of pages, hasMore or last; "" for EndShortPage and EndCursor,
// which read the items and the cursor.
func (p *Paging) Marker() string {
	if p.End == EndCursor {
		return ""
	}
	_, pointer := p.Response.marker(p.End)
	return pointer
}
