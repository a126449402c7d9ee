package generator

import (
	"fmt"

	"github.com/dave/jennifer/jen"

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

func emitIterator(f *goFile, o *Operation) {
	pg := o.Paging
	page := func() *jen.Statement { return jen.Id("pagerPage").Types(typeCode(pg.Item)) }
	doc := fmt.Sprintf("%s ranges over the items of %s on every page: it calls %s %s; it stops when %s. "+
		"A page is fetched when the loop has used the one before. An error ends the iteration: "+
		"it is yielded once, and no page is fetched after it; so is ctx.Err() when ctx ends, "+
		"and an error wrapping ErrPageLimit after MaxPages pages.", pg.Method, o.Name, o.Name, pg.How, pg.Ends)
	for _, line := range wrapComment(commentSafe(doc), 76) {
		f.Comment(line)
	}
	req := o.Request.Name
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(pg.Method).
		Params(iteratorParams(o)...).
		Add(iteratorResult(o)).
		BlockFunc(func(g *jen.Group) {
			g.Var().Id("base").Id(req)
			g.If(jen.Id("req").Op("!=").Nil()).Block(jen.Id("base").Op("=").Op("*").Id("req"))
			holder := jen.Id("base")
			if pg.InBody {
				g.Var().Id("body").Id(pg.Body.Name)
				g.If(jen.Id("base").Dot("Body").Op("!=").Nil()).Block(jen.Id("body").Op("=").Op("*").Id("base").Dot("Body"))
				holder = jen.Id("body")
			}
			p := jen.Dict{
				jen.Id("op"):   jen.Lit(o.Name),
				jen.Id("kind"): jen.Id(pagerKinds[pg.Kind]),
				jen.Id("end"):  jen.Id(pagerEnds[pg.End]),
			}
			if pg.Kind == oas.PageNumbers && pg.FirstPage != 0 {
				p[jen.Id("first")] = jen.Lit(pg.FirstPage)
			}
			g.Id("p").Op(":=").Id("pager").Values(p)
			g.Id("p").Dot("startAt").Call(holder.Clone().Dot(pg.Set.Name))
			g.Return(jen.Id("pagerAll").Call(jen.Id("ctx"), jen.Id("p"),
				jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("at").Id("pagerAt")).Params(page(), jen.Error()).BlockFunc(func(g *jen.Group) {
					g.Id("r").Op(":=").Id("base")
					target := jen.Id("r")
					if pg.InBody {
						g.Id("b").Op(":=").Id("body")
						target = jen.Id("b")
					}
					setPage(g, pg, target)
					if pg.InBody {
						g.Id("r").Dot("Body").Op("=").Op("&").Id("b")
					}
					callOpts := jen.Id("opts")
					if pg.Tapped() {
						// The end's member sits in the envelope beside the data the
						// method returns: the answer is read from its body.
						g.Var().Id("answer").Index().Byte()
						callOpts = jen.Append(jen.Id("opts").Index(jen.Op(":").Len(jen.Id("opts")).Op(":").Len(jen.Id("opts"))), jen.Id("pagerKeepAnswer").Call(jen.Op("&").Id("answer")))
					}
					g.List(jen.Id("res"), jen.Err()).Op(":=").Id("c").Dot(o.Name).Call(jen.Id("ctx"), jen.Op("&").Id("r"), callOpts.Op("..."))
					g.If(jen.Err().Op("!=").Nil()).Block(jen.Return(page().Values(), jen.Err()))
					g.Var().Id("pg").Add(page())
					reads := []memberRead{readMember(o, pg.Items, "items", true)}
					if pg.Marker != nil {
						reads = append(reads, readMember(o, *pg.Marker, "marker", false))
					}
					if pg.Next != nil {
						reads = append(reads, readMember(o, *pg.Next, "next", false))
					}
					emitReads(g, reads)
					g.Return(jen.Id("pg"), jen.Nil())
				})))
		})
}

// setPage sets the request's page, offset or cursor field from at.
func setPage(g *jen.Group, pg *Paging, target *jen.Statement) {
	f := pg.Set
	ref := func(v *jen.Statement) *jen.Statement {
		if f.Pointer {
			return jen.Id("pagerRef").Call(v)
		}
		return v
	}
	field := target.Clone().Dot(f.Name)
	if pg.Kind != oas.Cursors {
		g.Add(field).Op("=").Add(ref(numberAs(f.Type.Kind, jen.Id("at").Dot("n"))))
		return
	}
	// The first page goes with the request's own cursor, or none.
	g.If(jen.Id("at").Dot("cursor").Op("!=").Lit("")).BlockFunc(func(g *jen.Group) {
		switch f.Type.Kind {
		case String, Decimal:
			g.Add(field).Op("=").Add(ref(jen.Id("at").Dot("cursor")))
		default:
			// A cursor sent as a number.
			g.List(jen.Id("n"), jen.Id("_")).Op(":=").Id("pagerNumber").Call(jen.Id("at").Dot("cursor"))
			g.Add(field).Op("=").Add(ref(numberAs(f.Type.Kind, jen.Id("n"))))
		}
	})
}

// numberAs converts an int64 to a field's type: a number, or its text.
func numberAs(k Kind, n *jen.Statement) *jen.Statement {
	switch k {
	case Int64:
		return n
	case Int32:
		return jen.Int32().Call(n)
	case Float64:
		return jen.Float64().Call(n)
	}
	return jen.Qual("strconv", "FormatInt").Call(n, jen.Lit(10))
}

// memberRead is one assignment of a member of the answer to the page,
// under the nil checks its path needs.
type memberRead struct {
	guards []jen.Code
	key    string // the guards, as text, to share one if between reads
	set    jen.Code
}

// readMember reads a member of the answer into the page's field: from the
// result, through its fields (nil-checked where one is a pointer), or
// from the envelope in the answer's body.
func readMember(o *Operation, path answerPath, field string, list bool) memberRead {
	dst := jen.Id("pg").Dot(field)
	if path.Envelope != "" {
		return memberRead{set: dst.Op("=").Id("pagerMember").Call(jen.Id("answer"), jen.Lit(path.Envelope))}
	}
	expr := jen.Id("res")
	var guards []jen.Code
	if o.Result.Kind == Named && o.Result.Named.Kind == StructType {
		guards = append(guards, jen.Id("res").Op("!=").Nil())
	}
	for i, f := range path.Fields {
		expr = expr.Clone().Dot(f.Name)
		if i < len(path.Fields)-1 && f.Pointer {
			guards = append(guards, expr.Clone().Op("!=").Nil())
		}
	}
	t := o.Result
	if n := len(path.Fields); n > 0 {
		t = path.Fields[n-1].Type
	}
	if list && t.Kind == Named {
		// A named list: its items, as a plain slice.
		expr = jen.Index().Add(typeCode(o.Paging.Item)).Call(expr)
	}
	r := memberRead{guards: guards, set: dst.Op("=").Add(expr)}
	for _, g := range guards {
		r.key += fmt.Sprintf("%#v;", g)
	}
	return r
}

// emitReads writes the reads, those under the same checks in one if.
func emitReads(g *jen.Group, reads []memberRead) {
	for i := 0; i < len(reads); {
		j := i + 1
		for j < len(reads) && reads[j].key == reads[i].key {
			j++
		}
		var sets []jen.Code
		for _, r := range reads[i:j] {
			sets = append(sets, r.set)
		}
		if len(reads[i].guards) == 0 {
			for _, set := range sets {
				g.Add(set)
			}
		} else {
			cond := jen.Add(reads[i].guards[0])
			for _, c := range reads[i].guards[1:] {
				cond = cond.Op("&&").Add(c)
			}
			g.If(cond).Block(sets...)
		}
		i = j
	}
}

// iteratorParams is the argument list of a paged operation's iterator:
// its method's, whose options every page's call gets.
func iteratorParams(o *Operation) []jen.Code {
	return []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Id(o.Request.Name), jen.Id("opts").Op("...").Id("RequestOption")}
}

func iteratorResult(o *Operation) jen.Code {
	return jen.Qual("iter", "Seq2").Types(typeCode(o.Paging.Item), jen.Error())
}
