package generator

import (
	"fmt"
	"strings"

	"github.com/apigen/apigen/spec/oas"
)

// Paging is the plan of one operation's iterator, from its
// x-apigen-paging: which request field it sets page after page, where the
// answer keeps the items and the member that tells the last page.
type Paging struct {
	Method    string // the iterator's name: the operation's and All
	Kind, End string // x-apigen-paging's kind and end
	FirstPage int
	Item      *GoType // an item of the list
	// Set is the request field set to each page, offset or cursor; InBody
	// when it is a member of the body of a request of parameters and a
	// body.
	Set    *Field
	InBody bool
	Body   *Type // the body's type, with InBody
	Items  answerPath
	Marker *answerPath // the end's member; nil for the short-page and cursor ends
	Next   *answerPath // the next cursor (kind cursor)
	// How and Ends say in words what the iterator sets and what ends it,
	// for its comment and the README; By says the first briefly.
	How, Ends, By string
}

// answerPath is how the iterator reaches a member of the answer: through
// the fields of the result the method returns (none: the result itself),
// or, for a member of the envelope beside the data, by its name in the
// answer's body.
type answerPath struct {
	Fields   []*Field
	Envelope string
}

// Tapped reports whether the iterator reads the answer's body for a
// member of the envelope.
func (pg *Paging) Tapped() bool {
	return pg.Marker != nil && pg.Marker.Envelope != "" || pg.Next != nil && pg.Next.Envelope != ""
}

// planPaging plans the iterators of the paged operations, once every
// operation is planned so that an iterator's name takes no method's.
func (p *planner) planPaging() {
	methods := map[string]bool{}
	for _, o := range p.pkg.Ops {
		methods[o.Name] = true
	}
	for _, o := range p.pkg.Ops {
		pg := p.paging(o)
		if pg == nil {
			continue
		}
		if methods[pg.Method] {
			p.warn(o.pointer+"/"+oas.ExtPaging, "the iterator's name %s is an operation's; no iterator is generated", pg.Method)
			continue
		}
		methods[pg.Method] = true
		o.Paging = pg
	}
}

// paging plans one operation's iterator, nil when it has none; what
// keeps the spec's paging from an iterator is reported.
func (p *planner) paging(o *Operation) *Paging {
	at := o.pointer + "/" + oas.ExtPaging
	spec, err := oas.PagingOf(o.op)
	if err != nil {
		p.warn(at, "%s; no iterator is generated", strings.TrimPrefix(err.Error(), oas.ExtPaging+": "))
		return nil
	}
	if spec == nil {
		return nil
	}
	pg := &Paging{Method: o.Name + "All", Kind: spec.Kind, End: spec.End}
	if spec.FirstPage != nil {
		pg.FirstPage = *spec.FirstPage
	}
	name := map[string]string{oas.PageNumbers: spec.Request.Page, oas.Offsets: spec.Request.Offset, oas.Cursors: spec.Request.Cursor}[spec.Kind]
	if !p.pagingField(o, pg, name) {
		p.warn(at, "the request has no field %q the iterator can set (a number or text); no iterator is generated", name)
		return nil
	}
	if o.Result == nil {
		p.warn(at, "the operation returns no result; no iterator is generated")
		return nil
	}
	items, item, why := p.answer(o, spec.Response.Items, true)
	if why != "" {
		p.warn(at, "items %q: %s; no iterator is generated", spec.Response.Items, why)
		return nil
	}
	pg.Items, pg.Item = *items, item
	if spec.Kind == oas.Cursors {
		next, _, why := p.answer(o, spec.Response.NextCursor, false)
		if why != "" {
			p.warn(at, "nextCursor %q: %s; no iterator is generated", spec.Response.NextCursor, why)
			return nil
		}
		pg.Next = next
	}
	if marker := spec.Marker(); marker != "" {
		m, _, why := p.answer(o, marker, false)
		if why != "" {
			p.warn(at, "end %s reads %q: %s; the iterator ends at a short or empty page instead", spec.End, marker, why)
			pg.End = oas.EndShortPage
			if spec.Kind == oas.Cursors {
				pg.End = oas.EndCursor
			}
		} else {
			pg.Marker = m
		}
	}
	pg.How, pg.Ends = pagingDoc(pg, spec, name)
	switch pg.Kind {
	case oas.PageNumbers:
		pg.By = fmt.Sprintf("`%s`, from %d", name, pg.FirstPage)
	case oas.Offsets:
		pg.By = fmt.Sprintf("`%s`", name)
	case oas.Cursors:
		pg.By = fmt.Sprintf("`%s` ← `%s`", name, showMember(spec.Response.NextCursor))
	}
	return pg
}

// pagingField finds the request field named name (its wire name) that
// the iterator sets: a parameter, or a member of the body.
func (p *planner) pagingField(o *Operation, pg *Paging, name string) bool {
	req := o.Request
	if req == nil || name == "" {
		return false
	}
	settable := func(f *Field) bool {
		switch f.Type.Kind {
		case String, Decimal, Int32, Int64, Float64:
			return true
		}
		return false
	}
	for _, f := range req.Fields {
		if f.JSON == name && f.JSON != "" && settable(f) {
			pg.Set = f
			return true
		}
	}
	if !req.Wrapper || o.Body == nil || o.Body.Kind != Named || o.Body.Named.Kind != StructType {
		return false
	}
	for _, f := range o.Body.Named.Fields {
		if f.JSON == name && settable(f) {
			pg.Set, pg.InBody, pg.Body = f, true, o.Body.Named
			return true
		}
	}
	return false
}

// answer finds a member of the answer by its JSON pointer: inside the
// result the method returns, or, one level down, a member of the envelope
// beside the data. A list gives its item type.
func (p *planner) answer(o *Operation, pointer string, list bool) (*answerPath, *GoType, string) {
	if pointer != "" && !strings.HasPrefix(pointer, "/") {
		return nil, nil, "not a JSON pointer"
	}
	var segs []string
	if pointer != "" {
		for s := range strings.SplitSeq(pointer[1:], "/") {
			segs = append(segs, strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~"))
		}
	}
	if env := p.pkg.Envelope; env != nil && env.Data != "" && p.unwrapped(o) {
		switch {
		case len(segs) > 0 && segs[0] == env.Data:
			segs = segs[1:]
		case len(segs) == 1 && !list:
			return &answerPath{Envelope: segs[0]}, nil, ""
		default:
			return nil, nil, fmt.Sprintf("not inside %s, the data the method returns, nor a member of the envelope beside it", env.Data)
		}
	}
	path := &answerPath{}
	t := o.Result
	for _, seg := range segs {
		st := structOf(t)
		if st == nil {
			return nil, nil, fmt.Sprintf("%q is not a member of an object the method returns", seg)
		}
		var found *Field
		for _, f := range st.Fields {
			if f.JSON == seg {
				found = f
			}
		}
		if found == nil {
			return nil, nil, fmt.Sprintf("%s has no field for %q", st.Name, seg)
		}
		path.Fields = append(path.Fields, found)
		t = found.Type
	}
	if !list {
		if k := underKind(t); k == Slice || k == Map || k == Named && structOf(t) != nil {
			return nil, nil, "not a number, text or boolean"
		}
		return path, nil, ""
	}
	elem := sliceElem(t)
	if elem == nil {
		return nil, nil, "not a list"
	}
	return path, elem, ""
}

// unwrapped reports whether the client unwraps the operation's answer:
// its success schema is the envelope (see resultOf).
func (p *planner) unwrapped(o *Operation) bool {
	env := p.pkg.Envelope
	if o.op.Responses == nil {
		return false
	}
	for code, r := range o.op.Responses.Map() {
		if !strings.HasPrefix(code, "2") || r.Value == nil {
			continue
		}
		if _, mt := pickMedia(r.Value.Content); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
			return mt.Schema.Value.Properties[env.Code] != nil
		}
	}
	return false
}

// structOf is the struct a type is, through named aliases; nil for
// another type.
func structOf(t *GoType) *Type {
	for t != nil && t.Kind == Named {
		if t.Named.Kind == StructType {
			return t.Named
		}
		if t.Named.Kind != AliasType {
			return nil
		}
		t = t.Named.Under
	}
	return nil
}

// sliceElem is the item type of a list, through named aliases.
func sliceElem(t *GoType) *GoType {
	for t != nil && t.Kind == Named && t.Named.Kind == AliasType {
		t = t.Named.Under
	}
	if t == nil || t.Kind != Slice {
		return nil
	}
	return t.Elem
}

// underKind is a type's kind through named aliases.
func underKind(t *GoType) Kind {
	for t != nil && t.Kind == Named && t.Named.Kind == AliasType {
		t = t.Named.Under
	}
	if t == nil {
		return Raw
	}
	return t.Kind
}

// pagingDoc says how an iterator pages: what it sets and what ends it.
func pagingDoc(pg *Paging, spec *oas.Paging, name string) (how, end string) {
	switch pg.Kind {
	case oas.PageNumbers:
		how = fmt.Sprintf("with %s set to each page in turn, from the request's own or %d", name, pg.FirstPage)
	case oas.Offsets:
		how = fmt.Sprintf("with %s set past the items already read, from the request's own or 0", name)
	case oas.Cursors:
		how = fmt.Sprintf("with %s set to the cursor each answer hands on (%s), from the request's own or none", name, showMember(spec.Response.NextCursor))
	}
	switch pg.End {
	case oas.EndTotal:
		end = "the items read reach " + showMember(spec.Response.Total)
	case oas.EndTotalPages:
		end = "the pages read reach " + showMember(spec.Response.TotalPages)
	case oas.EndHasMore:
		end = showMember(spec.Response.HasMore) + " is false"
	case oas.EndLast:
		end = showMember(spec.Response.Last) + " is true"
	case oas.EndCursor:
		end = "an answer hands on no cursor"
	default:
		end = "a page shorter than the first, or an empty one, since the doc documents no total"
	}
	switch {
	case pg.Kind == oas.Cursors && pg.End != oas.EndCursor:
		end += " (or an answer hands on no cursor)"
	case pg.Marker != nil && pg.Kind != oas.Cursors:
		end += " (or a page is empty)"
	}
	return how, end
}

func showMember(pointer string) string {
	if i := strings.LastIndexByte(pointer, '/'); i >= 0 {
		return pointer[i+1:]
	}
	return pointer
}
