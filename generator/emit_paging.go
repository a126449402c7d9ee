package generator

import (
	"fmt"
	"strings"

	"github.com/apigen/apigen/spec/oas"
)

// pagedOps are the operations with an iterator.
func pagedOps(pkg *Package) []*Operation {
	var out []*Operation
	for _, o := range pkg.Ops {
		if o.Paging != nil {
			out = append(out, o)
		}
	}
	return out
}

// pagerKinds and pagerEnds are the runtime's names of x-apigen-paging's
// kinds and ends.
var (
	pagerKinds = map[string]string{oas.PageNumbers: "pagerNumbers", oas.Offsets: "pagerOffsets", oas.Cursors: "pagerCursors"}
	pagerEnds  = map[string]string{oas.EndShortPage: "pagerShortPage", oas.EndTotal: "pagerTotal", oas.EndTotalPages: "pagerTotalPages",
		oas.EndHasMore: "pagerHasMore", oas.EndLast: "pagerLast", oas.EndCursor: "pagerNoCursor"}
)

// emitPaging writes the iterators of the paged operations: each calls
// the operation's method page after page, through the runtime's pager.
func pagingLayout(pkg *Package) layout {
	ops := pagedOps(pkg)
	return layout{items: len(ops), item: func(f *goFile, i int) { emitIterator(f, ops[i]) }}
}

// emitIterator writes a paged operation's iterator, verbatim after its
// doc comment.
func emitIterator(f *goFile, o *Operation) {
	pg := o.Paging
	doc := fmt.Sprintf("%s ranges over the items of %s on every page: it calls %s %s; it stops when %s. "+
		"A page is fetched when the loop has used the one before. An error ends the iteration: "+
		"it is yielded once, and no page is fetched after it; so is ctx.Err() when ctx ends, "+
		"and an error wrapping ErrPageLimit after MaxPages pages.", pg.Method, o.Name, o.Name, pg.How, pg.Ends)
	for _, line := range wrapComment(commentSafe(doc), 76) {
		f.Comment(line)
	}
	d := &declText{}
	page := "pagerPage[" + d.typeText(pg.Item) + "]"
	d.WriteString("func (c *Client) " + pg.Method + d.iteratorSignature(o) + " {\n")
	d.WriteString("\tvar base " + o.Request.Name + "\n\tif req != nil {\n\t\tbase = *req\n\t}\n")
	holder := "base"
	if pg.InBody {
		d.WriteString("\tvar body " + pg.Body.Name + "\n\tif base.Body != nil {\n\t\tbody = *base.Body\n\t}\n")
		holder = "body"
	}
	entries := []entry{{"op", goLit(o.Name)}, {"kind", pagerKinds[pg.Kind]}, {"end", pagerEnds[pg.End]}}
	if pg.Kind == oas.PageNumbers && pg.FirstPage != 0 {
		entries = append(entries, entry{"first", goLit(pg.FirstPage)})
	}
	d.WriteString("\tp := " + keyedLiteral("pager", entries, 1) + "\n")
	d.WriteString("\tp.startAt(" + holder + "." + pg.Set.Name + ")\n")
	d.use("context", "Context")
	d.WriteString("\treturn pagerAll(ctx, p, func(ctx context.Context, at pagerAt) (" + page + ", error) {\n\t\tr := base\n")
	target := "r"
	if pg.InBody {
		d.WriteString("\t\tb := body\n")
		target = "b"
	}
	d.setPage(pg, target)
	if pg.InBody {
		d.WriteString("\t\tr.Body = &b\n")
	}
	callOpts := "opts"
	if pg.Tapped() {
		// The end's member sits in the envelope beside the data the
		// method returns: the answer is read from its body.
		d.WriteString("\t\tvar answer []byte\n")
		callOpts = "append(opts[:len(opts):len(opts)], pagerKeepAnswer(&answer))"
	}
	d.WriteString("\t\tres, err := c." + o.Name + "(ctx, &r, " + callOpts + "...)\n" +
		"\t\tif err != nil {\n\t\t\treturn " + page + "{}, err\n\t\t}\n" +
		"\t\tvar pg " + page + "\n")
	reads := []memberRead{d.readMember(o, pg.Items, "items", true)}
	if pg.Marker != nil {
		reads = append(reads, d.readMember(o, *pg.Marker, "marker", false))
	}
	if pg.Next != nil {
		reads = append(reads, d.readMember(o, *pg.Next, "next", false))
	}
	d.writeReads(reads)
	d.WriteString("\t\treturn pg, nil\n\t})\n}")
	d.emit(f)
}

// iteratorSignature is a paged operation's iterator's signature after
// its name: its method's arguments, whose options every page's call
// gets, and the sequence of items and errors it gives.
func (d *declText) iteratorSignature(o *Operation) string {
	d.use("context", "Context")
	d.use("iter", "Seq2")
	return "(ctx context.Context, req *" + o.Request.Name + ", opts ...RequestOption) iter.Seq2[" + d.typeText(o.Paging.Item) + ", error]"
}

// setPage sets the request's page, offset or cursor field from at, in
// the page function's body.
func (d *declText) setPage(pg *Paging, target string) {
	f := pg.Set
	ref := func(v string) string {
		if f.Pointer {
			return "pagerRef(" + v + ")"
		}
		return v
	}
	field := target + "." + f.Name
	if pg.Kind != oas.Cursors {
		d.WriteString("\t\t" + field + " = " + ref(d.numberAs(f.Type.Kind, "at.n")) + "\n")
		return
	}
	// The first page goes with the request's own cursor, or none.
	d.WriteString("\t\tif at.cursor != \"\" {\n")
	switch f.Type.Kind {
	case String, Decimal:
		d.WriteString("\t\t\t" + field + " = " + ref("at.cursor") + "\n")
	default:
		// A cursor sent as a number.
		d.WriteString("\t\t\tn, _ := pagerNumber(at.cursor)\n\t\t\t" + field + " = " + ref(d.numberAs(f.Type.Kind, "n")) + "\n")
	}
	d.WriteString("\t\t}\n")
}

// numberAs converts an int64 to a field's type: a number, or its text.
func (d *declText) numberAs(k Kind, n string) string {
	switch k {
	case Int64:
		return n
	case Int32:
		return "int32(" + n + ")"
	case Float64:
		return "float64(" + n + ")"
	}
	d.use("strconv", "FormatInt")
	return "strconv.FormatInt(" + n + ", 10)"
}

// memberRead is one assignment of a member of the answer to the page,
// under the nil checks its path needs.
type memberRead struct {
	guards []string
	set    string
}

// readMember reads a member of the answer into the page's field: from the
// result, through its fields (nil-checked where one is a pointer), or
// from the envelope in the answer's body.
func (d *declText) readMember(o *Operation, path answerPath, field string, list bool) memberRead {
	dst := "pg." + field + " = "
	if path.Envelope != "" {
		return memberRead{set: dst + "pagerMember(answer, " + goLit(path.Envelope) + ")"}
	}
	expr := "res"
	var guards []string
	if o.Result.isStruct() {
		guards = append(guards, "res != nil")
	}
	for i, f := range path.Fields {
		expr += "." + f.Name
		if i < len(path.Fields)-1 && f.Pointer {
			guards = append(guards, expr+" != nil")
		}
	}
	t := o.Result
	if n := len(path.Fields); n > 0 {
		t = path.Fields[n-1].Type
	}
	if list && t.Kind == Named {
		// A named list: its items, as a plain slice.
		expr = "[]" + d.typeText(o.Paging.Item) + "(" + expr + ")"
	}
	return memberRead{guards: guards, set: dst + expr}
}

// writeReads writes the reads, those under the same checks in one if.
func (d *declText) writeReads(reads []memberRead) {
	for i := 0; i < len(reads); {
		cond := strings.Join(reads[i].guards, " && ")
		j := i + 1
		for j < len(reads) && strings.Join(reads[j].guards, " && ") == cond {
			j++
		}
		indent := "\t\t"
		if cond != "" {
			d.WriteString("\t\tif " + cond + " {\n")
			indent = "\t\t\t"
		}
		for _, r := range reads[i:j] {
			d.WriteString(indent + r.set + "\n")
		}
		if cond != "" {
			d.WriteString("\t\t}\n")
		}
		i = j
	}
}
