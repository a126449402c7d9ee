package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// PagingOverride declares an operation's paging, or corrects what the
// paging rules read: apigen.yaml's paging entries.
type PagingOverride struct {
	Operation string // the operationId
	// None says the operation is not paged: no x-apigen-paging, no
	// iterator.
	None bool
	// Paging holds what the entry sets; an empty field keeps what the
	// rules read (all of it, when Kind is theirs or empty), and an empty
	// End is chosen from the members the result documents.
	Paging oas.Paging
	// ItemsGiven says the entry sets Paging.Response.Items even when it
	// is "": the whole answer is the list.
	ItemsGiven bool
	Pos        diag.Pos
}

// pagingConfigWords writes x-apigen-paging's names as apigen.yaml spells
// them, for messages about its paging entries.
var pagingConfigWords = strings.NewReplacer("request.", "", "response.", "", "firstPage", "first_page", "totalPages", "total_pages",
	"hasMore", "has_more", "nextCursor", "next_cursor", "shortPage", "short_page")

// pagedOp is one built operation with the paging its doc shows.
type pagedOp struct {
	op    *openapi3.Operation
	ep    *parser.Endpoint
	found pagingFound
}

// applyPaging writes each operation's paging, the config's entries
// applied over what the rules read, and reports W041 where the doc left
// the paging unsaid and no entry says it.
func applyPaging(ops []pagedOp, overrides []PagingOverride, comps openapi3.Schemas, diags *diag.List) {
	byID := map[string]*pagedOp{}
	for i := range ops {
		byID[ops[i].op.OperationID] = &ops[i]
	}
	configured := map[*pagedOp]bool{}
	for _, ov := range overrides {
		o := byID[ov.Operation]
		if o == nil {
			diags.Add(ov.Pos, diag.UnusedOverride, "paging entry names operation %q, which the API does not have (known: %s)", ov.Operation, knownIDs(ops))
			continue
		}
		configured[o] = true
		if ov.None {
			o.found.paging = nil
			continue
		}
		p, err := mergePaging(o.found.paging, ov, o.op, comps)
		if err != nil {
			diags.Add(ov.Pos, diag.BadConfig, "paging for %q: %s", ov.Operation, pagingConfigWords.Replace(err.Error()))
			o.found.paging = nil
			continue
		}
		o.found.paging = p
	}
	for i := range ops {
		o := &ops[i]
		if o.found.problem != "" && !configured[o] {
			diags.Add(rowPos(o.ep, o.found.about), diag.AssumedPaging, "%s", o.found.problem)
		}
		if o.found.paging != nil {
			oas.SetPaging(o.op, o.found.paging)
		}
	}
}

// mergePaging lays a config entry over the paging the rules read, and
// checks that every name it ends with is the operation's.
func mergePaging(found *oas.Paging, ov PagingOverride, op *openapi3.Operation, comps openapi3.Schemas) (*oas.Paging, error) {
	given := ov.Paging
	var p oas.Paging
	if found != nil && (given.Kind == "" || given.Kind == found.Kind) {
		p = *found
	}
	if given.Kind != "" {
		p.Kind = given.Kind
	}
	overlay := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	g, r := given.Request, &p.Request
	overlay(&r.Page, g.Page)
	overlay(&r.Size, g.Size)
	overlay(&r.Offset, g.Offset)
	overlay(&r.Limit, g.Limit)
	overlay(&r.Cursor, g.Cursor)
	gr, rr := given.Response, &p.Response
	if ov.ItemsGiven || gr.Items != "" {
		rr.Items = gr.Items
	}
	overlay(&rr.Total, gr.Total)
	overlay(&rr.TotalPages, gr.TotalPages)
	overlay(&rr.HasMore, gr.HasMore)
	overlay(&rr.Last, gr.Last)
	overlay(&rr.NextCursor, gr.NextCursor)
	if given.FirstPage != nil {
		first := *given.FirstPage
		p.FirstPage = &first
	}
	if p.Kind == oas.PageNumbers && p.FirstPage == nil {
		one := 1
		p.FirstPage = &one
	}
	if p.Kind != oas.PageNumbers {
		p.FirstPage = nil
	}
	p.End = given.End
	if p.End == "" {
		p.End = pagingEnd(&p)
	}
	// Every request name is the operation's, all in one place.
	members := requestMembers(op, comps)
	p.Request.In = ""
	for _, name := range []string{r.Page, r.Size, r.Offset, r.Limit, r.Cursor} {
		if name == "" {
			continue
		}
		i := slices.IndexFunc(members, func(m *pagingMember) bool { return m.name == name })
		if i < 0 {
			return nil, fmt.Errorf("%q is not a parameter of the operation nor a member of its body", name)
		}
		if in := members[i].in; p.Request.In == "" {
			p.Request.In = in
		} else if in != p.Request.In {
			return nil, fmt.Errorf("the paging parameters travel apart (%s in %s, others in %s); the client sets them in one place", name, in, p.Request.In)
		}
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	root := successSchema(op, comps)
	for _, m := range []struct{ key, pointer string }{{"items", rr.Items}, {"total", rr.Total}, {"totalPages", rr.TotalPages},
		{"hasMore", rr.HasMore}, {"last", rr.Last}, {"nextCursor", rr.NextCursor}} {
		if m.pointer == "" && m.key != "items" {
			continue
		}
		s, err := resolveAnswer(root, m.pointer, comps)
		if err != nil {
			return nil, fmt.Errorf("%s %q: %v", m.key, m.pointer, err)
		}
		if m.key == "items" && !isArray(s) {
			return nil, fmt.Errorf("items %q is not a list in the answer", m.pointer)
		}
	}
	return &p, nil
}

// resolveAnswer follows a JSON pointer into the success answer's schema,
// stepping into JSON carried in a string.
func resolveAnswer(root *openapi3.Schema, pointer string, comps openapi3.Schemas) (*openapi3.Schema, error) {
	if root == nil {
		return nil, fmt.Errorf("the operation documents no JSON answer")
	}
	if pointer != "" && !strings.HasPrefix(pointer, "/") {
		return nil, fmt.Errorf("not a JSON pointer (one starts with /)")
	}
	s := root
	if pointer == "" {
		return s, nil
	}
	for seg := range strings.SplitSeq(pointer[1:], "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		if s.ContentSchema != nil {
			s = deref(s.ContentSchema, comps)
		}
		next := deref(s.Properties[seg], comps)
		if next == nil {
			return nil, fmt.Errorf("the answer has no member %q there", seg)
		}
		s = next
	}
	if s.ContentSchema != nil {
		s = deref(s.ContentSchema, comps)
	}
	return s, nil
}

// rowPos is where an endpoint's doc writes the request row of that name,
// else the endpoint.
func rowPos(ep *parser.Endpoint, name string) diag.Pos {
	for _, t := range ep.Request {
		for _, f := range t.Fields {
			if f.Depth == 0 && strings.TrimSpace(f.Name) == name && f.Pos.Line > 0 {
				return f.Pos
			}
		}
	}
	return ep.Pos
}

func knownIDs(ops []pagedOp) string {
	var ids []string
	for _, o := range ops {
		ids = append(ids, o.op.OperationID)
	}
	slices.Sort(ids)
	if len(ids) > 8 {
		return strings.Join(ids[:8], ", ") + fmt.Sprintf(", … %d more", len(ids)-8)
	}
	return strings.Join(ids, ", ")
}
