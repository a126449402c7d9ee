package spec

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
)

// Paging is read from names: the request's parameters that choose a page
// (page and size, offset and limit, a cursor) and the answer's members
// that hold the items and tell the last page (a total, a number of
// pages, has_more, is_last, the next cursor), as API docs of every
// vendor write them. Names are compared in lower case without _ and -,
// so page_no, pageNo and PageNo are one name.
var (
	pageNames = []string{"page", "pageno", "pagenum", "pagenumber", "pageindex", "pageidx", "currentpage", "curpage", "pagecurrent"}
	// weakPageNames are a page number only beside a page size (Ant
	// Design's current and pageSize).
	weakPageNames = []string{"current", "pn"}
	sizeNames     = []string{"pagesize", "pagelength", "pagelen", "pagelimit", "pagerows", "perpage", "rowsperpage", "size", "rows", "limit", "ps"}
	offsetNames   = []string{"offset", "start", "startindex", "startrow", "skip"}
	limitNames    = []string{"limit", "count", "size", "rows", "pagesize", "maxresults", "max"}
	cursorNames   = []string{"cursor", "pagetoken", "nextpagetoken", "nextcursor", "scrollid", "continuationtoken", "nexttoken", "marker", "startcursor"}

	nextCursorNames = []string{"nextcursor", "nextpagetoken", "nexttoken", "nextmarker", "nextpagecursor", "cursor", "pagetoken", "scrollid", "continuationtoken", "marker"}
	totalNames      = []string{"total", "totalcount", "totalsize", "totalnum", "totalnumber", "totalrecords", "totalrecord", "totalrows", "totalrow", "totalelements", "totalitems", "totalhits", "totalresults", "recordcount", "recordstotal", "recordtotal", "totalcnt"}
	// weakTotalNames are a total only where the description says so:
	// count is as often the length of the page.
	weakTotalNames = []string{"count", "records"}
	totalPageNames = []string{"totalpages", "totalpage", "pagetotal", "totalpagecount", "totalpagenum", "pages", "pagecount", "lastpage"}
	hasMoreNames   = []string{"hasmore", "hasnext", "hasnextpage", "hasmorepage", "more", "ismore", "istruncated", "truncated"}
	lastNames      = []string{"islast", "islastpage", "last", "isend", "nomore", "isfinished"}
	// itemNames break a tie between several lists in one answer.
	itemNames = []string{"list", "items", "records", "rows", "data", "datalist", "datas", "results", "result", "content", "entries", "nodes", "elements", "hits"}

	// pageCount and allCount tell a count of the page from a total.
	pageCount = regexp.MustCompile(`(?i)本页|当前页|本次|返回的?(?:条数|数量|记录数)|this page|returned`)
	allCount  = regexp.MustCompile(`(?i)总|全部|所有|total|in all`)

	zeroBased = regexp.MustCompile(`(?i)从\s*0\s*开始|0\s*(?:开始|起)|起始(?:值|页)?(?:为|是)?\s*0|start(?:s|ing)?\s+(?:at|from|with)\s+0\b|zero-based|0-based|0-indexed`)
)

// pagingName is a name as the lists above spell it.
func pagingName(name string) string {
	return pagingSeparators.Replace(strings.ToLower(strings.TrimSpace(name)))
}

// pagingSeparators are dropped from names, so page_no, page-no and pageNo
// are one name.
var pagingSeparators = strings.NewReplacer("_", "", "-", "", " ", "")

// pagingMember is a request parameter or an answer's member a paging
// rule may use.
type pagingMember struct {
	name    string // as the spec writes it
	in      string // a request's: query, header, path or body
	pointer string // an answer's: its JSON pointer
	depth   int    // an answer's: how far below the data it is
	schema  *openapi3.Schema
	doc     string // a parameter's description, which its schema lacks
}

// pagingFound is what the paging rules read from one operation: the
// paging (nil when the operation does not page, or cannot be ranged
// over), and what the doc left unsaid, for W041, with the request
// parameter it is about.
type pagingFound struct {
	paging  *oas.Paging
	problem string
	about   string
}

// detectPaging reads an operation's paging from its request parameters
// and its answer: a page parameter (with a size beside it or not), an
// offset with a limit, or a cursor the answer hands on; a list in the
// answer; and a member that tells the last page, else a short page.
func detectPaging(op *openapi3.Operation, env *Envelope, comps openapi3.Schemas) pagingFound {
	req := requestMembers(op, comps)
	page, size := firstNamed(req, pageNames, isCount), firstNamed(req, sizeNames, isCount)
	if page == nil && size != nil {
		page = firstNamed(req, weakPageNames, isCount)
	}
	offset, limit := firstNamed(req, offsetNames, isCount), firstNamed(req, limitNames, isCount)
	if offset != nil && offset.name == nameOf(page) {
		offset = nil
	}
	if offset != nil && limit == nil {
		offset = nil // start alone is as often a date or a row as an offset
	}
	cursor := firstNamed(req, cursorNames, isCursor)
	if page == nil && offset == nil && cursor == nil {
		return pagingFound{}
	}
	resp := responseMembers(op, env, comps)
	items := listOf(resp)
	about := nameOf(page)
	switch {
	case cursor != nil:
		about = cursor.name
	case page == nil:
		about = offset.name
	}
	if items == nil {
		if !slices.ContainsFunc(resp, func(m *pagingMember) bool { return m.depth > 0 }) {
			return pagingFound{} // the doc documents no answer: nothing to range over, nothing to say
		}
		return pagingFound{problem: fmt.Sprintf("%s looks paged (%s) but its answer has no list to range over; no iterator is generated",
			op.OperationID, pagingParams(page, size, offset, limit, cursor)), about: about}
	}
	p := &oas.Paging{Response: oas.PagingResponse{Items: items.pointer}}
	marker := func(names []string, fits func(*openapi3.Schema) bool) string {
		if m := firstMarker(resp, names, fits); m != nil {
			return m.pointer
		}
		return ""
	}
	r := &p.Response
	r.Total = marker(totalNames, isTotal)
	if r.Total == "" {
		r.Total = marker(weakTotalNames, func(s *openapi3.Schema) bool { return isTotal(s) && allCount.MatchString(s.Description) })
	}
	r.TotalPages = marker(totalPageNames, isCount)
	r.HasMore = marker(hasMoreNames, isFlag)
	r.Last = marker(lastNames, isFlag)
	r.NextCursor = marker(nextCursorNames, isCursor)
	if r.TotalPages == r.Total {
		r.TotalPages = "" // count is a total before it is a number of pages
	}
	switch {
	case cursor != nil && r.NextCursor != "":
		p.Kind, p.Request = oas.Cursors, oas.PagingRequest{In: cursor.in, Cursor: cursor.name, Size: nameOf(size)}
		if p.Request.Size == "" {
			p.Request.Size = nameOf(limit)
		}
	case page != nil:
		p.Kind, p.Request = oas.PageNumbers, oas.PagingRequest{In: page.in, Page: page.name, Size: nameOf(size)}
		first := firstPage(page)
		p.FirstPage = &first
	case offset != nil:
		p.Kind, p.Request = oas.Offsets, oas.PagingRequest{In: offset.in, Offset: offset.name, Limit: nameOf(limit)}
	default:
		return pagingFound{problem: fmt.Sprintf("%s takes a cursor (%s) but its answer names no member that hands on the next one (next_cursor, next_page_token, …); no iterator is generated (a paging entry in apigen.yaml can name it: next_cursor)", op.OperationID, cursor.name), about: about}
	}
	if p.Kind != oas.Cursors {
		r.NextCursor = ""
	}
	if p.Kind != oas.PageNumbers {
		r.TotalPages = ""
	}
	p.End = pagingEnd(p)
	found := pagingFound{paging: p, about: about}
	if p.End == oas.EndShortPage {
		found.problem = fmt.Sprintf("%s looks paged (%s, the list %s) but its answer documents no total, page count, has_more or last-page member: the iterator assumes the last page is one shorter than the first, or empty, which costs one more request when the first page is not full (a paging entry in apigen.yaml can name the end)",
			op.OperationID, pagingParams(page, size, offset, limit, nil), showPointer(items.pointer))
	}
	return found
}

// pagingEnd is what ends an iteration, from the members the answer
// documents: the explicit ones first.
func pagingEnd(p *oas.Paging) string {
	r := p.Response
	switch {
	case r.HasMore != "":
		return oas.EndHasMore
	case r.Last != "":
		return oas.EndLast
	case p.Kind == oas.Cursors:
		return oas.EndCursor
	case r.Total != "":
		return oas.EndTotal
	case r.TotalPages != "" && p.Kind == oas.PageNumbers:
		return oas.EndTotalPages
	}
	return oas.EndShortPage
}

func pagingParams(page, size, offset, limit, cursor *pagingMember) string {
	var names []string
	for _, m := range []*pagingMember{page, size, offset, limit, cursor} {
		if m != nil && !slices.Contains(names, m.name) {
			names = append(names, m.name)
		}
	}
	return strings.Join(names, ", ")
}

func showPointer(p string) string {
	if p == "" {
		return "the whole answer"
	}
	return p
}

func nameOf(m *pagingMember) string {
	if m == nil {
		return ""
	}
	return m.name
}

// firstPage is the number of the first page: the page parameter's
// default, else 0 when its description says pages count from 0, or its
// example is 0; else 1.
func firstPage(m *pagingMember) int {
	s := m.schema
	if s == nil {
		return 1
	}
	switch fmt.Sprint(s.Default) {
	case "0":
		return 0
	case "1":
		return 1
	}
	if zeroBased.MatchString(s.Description + " " + m.doc) {
		return 0
	}
	if len(s.Examples) > 0 && fmt.Sprint(s.Examples[0]) == "0" || s.Example != nil && fmt.Sprint(s.Example) == "0" {
		return 0
	}
	return 1
}

// requestMembers are an operation's parameters but the credentials the
// client fills, and the top-level members of its JSON or form body.
func requestMembers(op *openapi3.Operation, comps openapi3.Schemas) []*pagingMember {
	var out []*pagingMember
	for _, pr := range op.Parameters {
		p := pr.Value
		if p == nil || p.Extensions[oas.ExtCredential] != nil || p.In == openapi3.ParameterInCookie {
			continue
		}
		var s *openapi3.Schema
		if p.Schema != nil {
			s = deref(p.Schema, comps)
		}
		out = append(out, &pagingMember{name: p.Name, in: p.In, schema: s, doc: p.Description})
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return out
	}
	for _, media := range []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"} {
		mt := op.RequestBody.Value.Content[media]
		if mt == nil || mt.Schema == nil {
			continue
		}
		body := deref(mt.Schema, comps)
		if body == nil {
			break
		}
		for _, name := range oas.PropertyOrder(body) {
			out = append(out, &pagingMember{name: name, in: "body", schema: deref(body.Properties[name], comps)})
		}
		break
	}
	return out
}

// responseMembers are the members of an operation's success answer a
// paging rule may read: the data's members and those of objects inside
// it, then the envelope's own (WiseCRM's total_size beside data). The
// data itself, when it is a list, comes first, at depth 0.
func responseMembers(op *openapi3.Operation, env *Envelope, comps openapi3.Schemas) []*pagingMember {
	root := successSchema(op, comps)
	if root == nil {
		return nil
	}
	var out, outer []*pagingMember
	data, dataAt := root, ""
	if env != nil && env.Data != "" && root.Properties[env.Code] != nil {
		data, dataAt = nil, "/"+pointerSegment(env.Data)
		if d := root.Properties[env.Data]; d != nil {
			data = deref(d, comps)
			if data != nil && data.ContentSchema != nil {
				data = deref(data.ContentSchema, comps)
			}
		}
		for _, name := range oas.PropertyOrder(root) {
			if env.IsMember(name) && !slices.Contains(env.Paging, name) {
				continue
			}
			outer = append(outer, &pagingMember{name: name, pointer: "/" + pointerSegment(name), depth: 3, schema: deref(root.Properties[name], comps)})
		}
	}
	if data == nil {
		return outer
	}
	out = append(out, &pagingMember{name: "", pointer: dataAt, schema: data})
	var walk func(s *openapi3.Schema, at string, depth int)
	walk = func(s *openapi3.Schema, at string, depth int) {
		if depth > 2 || s == nil || isArray(s) {
			return
		}
		names := oas.PropertyOrder(s)
		for _, name := range names {
			out = append(out, &pagingMember{name: name, pointer: at + "/" + pointerSegment(name), depth: depth, schema: deref(s.Properties[name], comps)})
		}
		for _, name := range names {
			if child := deref(s.Properties[name], comps); child != nil && isObjectSchema(child) {
				walk(child, at+"/"+pointerSegment(name), depth+1)
			}
		}
	}
	walk(data, dataAt, 1)
	return append(out, outer...)
}

// successSchema is the schema of an operation's first 2xx JSON answer.
func successSchema(op *openapi3.Operation, comps openapi3.Schemas) *openapi3.Schema {
	if op.Responses == nil {
		return nil
	}
	var codes []string
	for code := range op.Responses.Map() {
		if strings.HasPrefix(code, "2") {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	for _, code := range codes {
		r := op.Responses.Value(code)
		if r == nil || r.Value == nil {
			continue
		}
		for _, media := range slices.Sorted(maps.Keys(r.Value.Content)) {
			if mt := r.Value.Content[media]; strings.Contains(media, "json") && mt != nil && mt.Schema != nil {
				return deref(mt.Schema, comps)
			}
		}
	}
	return nil
}

// listOf is the answer's list of items: the data when it is a list, else
// the shallowest list inside it, one of itemNames where there are
// several.
func listOf(resp []*pagingMember) *pagingMember {
	for depth := 0; depth <= 2; depth++ {
		var lists []*pagingMember
		for _, m := range resp {
			if m.depth == depth && m.schema != nil && isArray(m.schema) {
				lists = append(lists, m)
			}
		}
		switch {
		case len(lists) == 1:
			return lists[0]
		case len(lists) > 1:
			return firstNamed(lists, itemNames, nil)
		}
	}
	return nil
}

// firstNamed is the first member with one of names, in the names' order,
// whose schema fits.
func firstNamed(ms []*pagingMember, names []string, fits func(*openapi3.Schema) bool) *pagingMember {
	for _, n := range names {
		for _, m := range ms {
			if pagingName(m.name) == n && (fits == nil || m.schema != nil && fits(m.schema)) {
				return m
			}
		}
	}
	return nil
}

// firstMarker is firstNamed over the answer, the shallowest first.
func firstMarker(resp []*pagingMember, names []string, fits func(*openapi3.Schema) bool) *pagingMember {
	for depth := 1; depth <= 3; depth++ {
		var at []*pagingMember
		for _, m := range resp {
			if m.depth == depth {
				at = append(at, m)
			}
		}
		if m := firstNamed(at, names, fits); m != nil {
			return m
		}
	}
	return nil
}

func schemaTypes(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	return s.Type.Slice()
}

func hasType(s *openapi3.Schema, types ...string) bool {
	for _, t := range schemaTypes(s) {
		if slices.Contains(types, t) {
			return true
		}
	}
	return false
}

func isArray(s *openapi3.Schema) bool { return hasType(s, openapi3.TypeArray) }

func isObjectSchema(s *openapi3.Schema) bool {
	return hasType(s, openapi3.TypeObject) || s.Type == nil && len(s.Properties) > 0
}

// isCount fits a number written as a number or as text (VARCHAR page
// numbers).
func isCount(s *openapi3.Schema) bool {
	return hasType(s, openapi3.TypeInteger, openapi3.TypeNumber, openapi3.TypeString) && !hasType(s, openapi3.TypeArray, openapi3.TypeObject, openapi3.TypeBoolean)
}

// isTotal fits a count its description does not call the page's.
func isTotal(s *openapi3.Schema) bool {
	return isCount(s) && !pageCount.MatchString(s.Description)
}

// isFlag fits true and false, 1 and 0, "true" and "1".
func isFlag(s *openapi3.Schema) bool {
	return hasType(s, openapi3.TypeBoolean, openapi3.TypeInteger, openapi3.TypeString) && !hasType(s, openapi3.TypeArray, openapi3.TypeObject)
}

// isCursor fits a cursor: text or a number.
func isCursor(s *openapi3.Schema) bool {
	return hasType(s, openapi3.TypeString, openapi3.TypeInteger) && !hasType(s, openapi3.TypeArray, openapi3.TypeObject, openapi3.TypeBoolean)
}

// deref follows $refs to the components.
func deref(r *openapi3.SchemaRef, comps openapi3.Schemas) *openapi3.Schema {
	for range 16 {
		if r == nil {
			return nil
		}
		if r.Value != nil {
			return r.Value
		}
		name, ok := strings.CutPrefix(r.Ref, "#/components/schemas/")
		if !ok {
			return nil
		}
		r = comps[name]
	}
	return nil
}

// pointerSegment escapes a member name for a JSON pointer.
func pointerSegment(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}
