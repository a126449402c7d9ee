package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/apigen/apigen/spec/oas"
)

// emitServer writes the Server interface and the http.Handler that
// authenticates, decodes, validates and calls it.
// serverLayout is server.go: the Server interface and NewHandler's routes,
// then a handler per operation, then the webhooks' handlers and the
// verifier.
func serverLayout(pkg *Package) layout {
	return layout{
		head:  func(f *goFile) { emitServerHead(f, pkg) },
		items: len(pkg.Ops),
		item: func(f *goFile, i int) {
			o := pkg.Ops[i]
			f.Commentf("%s answers %s %s with impl.%s.", handlerName(o), o.Method, o.Path, o.Name)
			emitHandler(f, o, "handler", handlerName(o), func(args []jen.Code) *jen.Statement {
				return jen.Id("h").Dot("impl").Dot(o.Name).Call(args...)
			})
		},
		tail: func(f *goFile) {
			emitWebhooks(f, pkg)
			if pkg.Auth != nil {
				if k := authKinds[pkg.Auth.Scheme]; k.verifier != nil {
					k.verifier(f)
				}
			}
		},
	}
}

func emitServerHead(f *goFile, pkg *Package) {
	f.Comment("Server is the API seen from the side that answers it: implement it and")
	f.Comment("serve it with NewHandler.")
	f.Type().Id("Server").InterfaceFunc(func(g *jen.Group) {
		for _, o := range pkg.Ops {
			g.Comment(fmt.Sprintf("%s serves %s %s.", o.Name, o.Method, o.Path))
			g.Id(o.Name).Params(methodParams(o)...).Params(methodResults(o)...)
		}
	})
	f.Line()
	f.Comment("NewHandler serves impl on the spec's paths, a literal segment before a")
	f.Comment("parameter where two paths differ; r.PathValue reads the path parameters.")
	f.Comment("Each request is authenticated (when a verifier is set), size-limited, decoded")
	f.Comment("leniently and validated before impl sees it; failures answer in the API's")
	f.Comment("envelope.")
	f.Func().Id("NewHandler").Params(jen.Id("impl").Id("Server"), jen.Id("opts").Op("...").Id("ServerOption")).Qual("net/http", "Handler").BlockFunc(func(g *jen.Group) {
		g.Id("h").Op(":=").Op("&").Id("handler").Values(jen.Dict{
			jen.Id("impl"): jen.Id("impl"),
			jen.Id("core"): jen.Id("newServerCore").Call(jen.Id("apiEnvelope"), jen.Id("opts")),
		})
		// Anything else answers in the API's envelope too.
		g.Id("rt").Op(":=").Op("&").Id("router").Values(jen.Dict{jen.Id("notFound"): jen.Id("h").Dot("core").Dot("notFound"), jen.Id("notAllowed"): jen.Id("h").Dot("core").Dot("notAllowed")})
		for _, o := range pkg.Ops {
			if o.Route == "" {
				// The planner reported why.
				g.Commentf("%s (%s %s) is not served: its route is another's, or not one the router can serve.", o.Name, o.Method, o.Path)
				continue
			}
			g.Id("rt").Dot("handle").Call(jen.Lit(o.Method), jen.Lit(o.Route), jen.Id("h").Dot(handlerName(o)))
		}
		g.Return(jen.Id("rt"))
	})
	f.Type().Id("handler").Struct(
		jen.Id("impl").Id("Server"),
		jen.Id("core").Op("*").Id("serverCore"),
	)
}

// emitWebhooks writes a handler constructor for each call the API makes to
// the user's server. A webhook has no route of the vendor's: the user
// mounts its handler at the address they give the vendor.
func emitWebhooks(f *goFile, pkg *Package) {
	for _, o := range pkg.Webhooks {
		typ := "webhook" + o.Name
		fn := jen.Func().Params(methodParams(o)...).Params(methodResults(o)...)
		f.Commentf("%s serves the %q webhook, a call the API makes to your server: mount", o.Handler, o.Summary)
		f.Comment("it at the address you give the vendor. fn receives the decoded, validated")
		f.Comment("request; an error it returns answers in the API's envelope.")
		f.Func().Id(o.Handler).Params(jen.Id("fn").Add(fn), jen.Id("opts").Op("...").Id("ServerOption")).Qual("net/http", "Handler").Block(
			jen.Return(jen.Op("&").Id(typ).Values(jen.Dict{
				jen.Id("fn"):   jen.Id("fn"),
				jen.Id("core"): jen.Id("newServerCore").Call(jen.Id("apiEnvelope"), jen.Id("opts")),
			})),
		)
		f.Type().Id(typ).Struct(jen.Id("fn").Add(fn.Clone()), jen.Id("core").Op("*").Id("serverCore"))
		emitHandler(f, o, typ, "ServeHTTP", func(args []jen.Code) *jen.Statement {
			return jen.Id("h").Dot("fn").Call(args...)
		})
	}
}

func handlerName(o *Operation) string { return "serve" + o.Name }

// replyWriter is where a success is written: through a statusWriter
// when the spec documents a status a plain reply does not write.
func replyWriter(o *Operation) jen.Code {
	if status := o.replyStatus(); status != 0 {
		return jen.Op("&").Id("statusWriter").Values(jen.Dict{jen.Id("ResponseWriter"): jen.Id("w"), jen.Id("status"): jen.Lit(status)})
	}
	return jen.Id("w")
}

// wildcard is a path parameter's name in the route pattern.
func wildcard(q *Param) string {
	if q.Wildcard != "" {
		return q.Wildcard
	}
	return q.Name
}

// emitHandler writes the method that serves one operation: recv's method
// name, which hands the request to call.
func emitHandler(f *goFile, o *Operation, recv, name string, call func(args []jen.Code) *jen.Statement) {
	w, r := jen.Id("w"), jen.Id("r")
	f.Func().Params(jen.Id("h").Op("*").Id(recv)).Id(name).Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("r").Op("*").Qual("net/http", "Request")).BlockFunc(func(g *jen.Group) {
		// The credentials come first so that even a refused body is
		// answered with its msg_id, and an over-long one is refused
		// before the body is read.
		creds := jen.Dict{}
		for _, q := range o.Params {
			if q.Auth != "" {
				creds[jen.Lit(q.Auth)] = r.Clone().Dot("PathValue").Call(jen.Lit(wildcard(q)))
			}
		}
		readBody := func() {
			g.List(jen.Id("body"), jen.Id("ok")).Op(":=").Id("h").Dot("core").Dot("readBody").Call(w, r, jen.Id("msgID"))
			g.If(jen.Op("!").Id("ok")).Block(jen.Return())
		}
		if len(creds) > 0 {
			g.Id("creds").Op(":=").Map(jen.String()).String().Values(creds)
			g.List(jen.Id("msgID"), jen.Id("ok")).Op(":=").Id("h").Dot("core").Dot("credentials").Call(w, r, jen.Id("creds"))
			g.If(jen.Op("!").Id("ok")).Block(jen.Return())
			readBody()
			g.If(jen.Op("!").Id("h").Dot("core").Dot("verify").Call(w, r, jen.Id("body"), jen.Id("creds"))).Block(jen.Return())
		} else if o.Secured {
			// The credentials travel in the query or headers.
			g.Id("msgID").Op(":=").Lit("")
			readBody()
			g.If(jen.Op("!").Id("h").Dot("core").Dot("verify").Call(w, r, jen.Id("body"), jen.Nil())).Block(jen.Return())
		} else {
			g.Id("msgID").Op(":=").Lit("")
			readBody()
			if !decodesBody(o) {
				g.Id("_").Op("=").Id("body")
			}
		}
		if o.FormBody() && o.Body != nil {
			g.List(jen.Id("form"), jen.Err()).Op(":=").Id("formJSON").Call(jen.Id("body"), r.Clone().Dot("Header").Dot("Get").Call(jen.Lit("Content-Type")))
			g.If(jen.Err().Op("!=").Nil()).Block(
				jen.Id("h").Dot("core").Dot("fail").Call(w, r, jen.Qual("net/http", "StatusBadRequest"), jen.Lit(""), jen.Lit("malformed form: ").Op("+").Err().Dot("Error").Call(), jen.Id("msgID")),
				jen.Return(),
			)
			g.Id("body").Op("=").Id("form")
		}
		args := []jen.Code{r.Clone().Dot("Context").Call()}
		switch {
		case o.Request != nil:
			g.Var().Id("req").Id(o.Request.Name)
			if o.Request.Wrapper {
				if o.Body != nil {
					g.Var().Id("payload").Add(typeCode(o.Body))
					g.If(jen.Op("!").Id("decodeInto").Call(jen.Id("h").Dot("core"), w, r, jen.Id("body"), jen.Op("&").Id("payload"), readerCode(o.Body), jen.Id("msgID"))).Block(jen.Return())
					if o.Body.Kind == Named && o.Body.Named.Kind == StructType {
						// An empty body leaves Body nil, so that a required
						// body is reported missing rather than empty.
						g.If(jen.Op("!").Id("isAbsent").Call(jen.Id("body"))).Block(
							jen.Id("req").Dot("Body").Op("=").Op("&").Id("payload"),
						)
					} else {
						g.Id("req").Dot("Body").Op("=").Id("payload")
					}
				}
				emitParamReads(g, o)
			} else {
				g.If(jen.Op("!").Id("h").Dot("core").Dot("decode").Call(w, r, jen.Id("body"), jen.Op("&").Id("req"), jen.Id("msgID"))).Block(jen.Return())
			}
			g.If(jen.Err().Op(":=").Id("req").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Id("h").Dot("core").Dot("invalid").Call(w, r, jen.Err(), jen.Id("msgID")),
				jen.Return(),
			)
			args = append(args, jen.Op("&").Id("req"))
		case o.Body != nil:
			g.Var().Id("req").Add(typeCode(o.Body))
			g.If(jen.Op("!").Id("decodeInto").Call(jen.Id("h").Dot("core"), w, r, jen.Id("body"), jen.Op("&").Id("req"), readerCode(o.Body), jen.Id("msgID"))).Block(jen.Return())
			args = append(args, jen.Id("req"))
		}
		if o.Result == nil {
			g.If(jen.Err().Op(":=").Add(call(args)), jen.Err().Op("!=").Nil()).Block(
				jen.Id("h").Dot("core").Dot("failed").Call(w, r, jen.Err(), jen.Id("msgID")),
				jen.Return(),
			)
			g.Id("h").Dot("core").Dot("reply").Call(replyWriter(o), r, jen.Nil(), jen.Id("msgID"))
			return
		}
		g.List(jen.Id("res"), jen.Err()).Op(":=").Add(call(args))
		g.If(jen.Err().Op("!=").Nil()).Block(
			jen.Id("h").Dot("core").Dot("failed").Call(w, r, jen.Err(), jen.Id("msgID")),
			jen.Return(),
		)
		g.Id("h").Dot("core").Dot("reply").Call(replyWriter(o), r, jen.Id("res"), jen.Id("msgID"))
	})
}

// decodesBody reports whether a handler reads the request body beyond
// verifying its signature.
func decodesBody(o *Operation) bool {
	if o.Request != nil && !o.Request.Wrapper {
		return true
	}
	return o.Body != nil
}

// emitParamReads copies path, query and header parameters into the
// request, leniently typed; a value that does not read is a 400.
func emitParamReads(g *jen.Group, o *Operation) {
	for _, fl := range o.Request.Fields {
		if fl.JSON == "" {
			continue
		}
		var q *Param
		for _, p := range o.Params {
			if p.GoName == fl.Name && p.Auth == "" {
				q = p
			}
		}
		if q == nil {
			continue
		}
		var src jen.Code
		switch q.In {
		case "path":
			src = jen.Index().String().Values(jen.Id("r").Dot("PathValue").Call(jen.Lit(wildcard(q))))
		case "header":
			src = jen.Id("r").Dot("Header").Dot("Values").Call(jen.Lit(q.Name))
		default:
			src = jen.Id("r").Dot("URL").Dot("Query").Call().Index(jen.Lit(q.Name))
		}
		reader := readerCode(q.Type)
		fn := "paramValue"
		switch {
		case q.Type.Kind == Slice:
			fn, reader = "paramList", readerCode(q.Type.Elem)
			if q.Delimiter != "" {
				src = jen.Id("splitParam").Call(src, jen.Lit(q.Delimiter))
			}
		case fl.Pointer:
			fn = "paramPtr"
		}
		target := jen.Op("&").Id("req").Dot(fl.Name)
		g.If(jen.Err().Op(":=").Id(fn).Call(src, target, reader), jen.Err().Op("!=").Nil()).Block(
			jen.Id("h").Dot("core").Dot("invalid").Call(jen.Id("w"), jen.Id("r"), wrapError(q.In+" parameter "+q.Name, jen.Err()), jen.Id("msgID")),
			jen.Return(),
		)
	}
}

// emitMock writes Mock, a Server answering every operation with the doc's
// example.
// mockLayout is mock.go: the Mock, then its answer to each operation.
func mockLayout(pkg *Package) layout {
	return layout{
		head: func(f *goFile) {
			f.Comment("Mock is a Server that answers every operation with the example the doc")
			f.Comment("gives (a zero value where it gives none), so integrators can run the API")
			f.Comment("locally: NewHandler(Mock{}).")
			f.Type().Id("Mock").Struct()
			f.Line()
		},
		items: len(pkg.Ops),
		item:  func(f *goFile, i int) { emitMockMethod(f, pkg.Ops[i]) },
	}
}

// emitMockMethod writes Mock's answer to an operation, verbatim after its
// doc comment, with the example it answers with.
func emitMockMethod(f *goFile, o *Operation) {
	exName := "example" + o.Name
	switch {
	case o.Result == nil:
		f.Comment(fmt.Sprintf("%s answers success with no data: the doc shows none.", o.Name))
	case len(o.ResultExample) == 0:
		f.Comment(fmt.Sprintf("%s answers with a zero result: the doc gives no example.", o.Name))
	default:
		f.Comment(fmt.Sprintf("%s answers with the doc's example.", o.Name))
	}
	if o.Paging != nil && o.Result != nil {
		f.Comment("The example is the first page; a later page is empty, so that")
		f.Comment(o.Paging.Method + " over the mock ends.")
	}
	d := &declText{}
	d.WriteString("func (Mock) " + o.Name + d.signature(o, false) + " {\n")
	if o.Result == nil {
		d.WriteString("\treturn nil\n}")
		d.emit(f)
		return
	}
	if o.Paging != nil {
		d.mockLaterPage(o)
	}
	d.WriteString("\tvar out " + d.typeText(o.Result) + "\n")
	if len(o.ResultExample) > 0 {
		d.uses = append(d.uses, jen.Qual(jsonPkg, "Unmarshal"))
		d.WriteString("\tif err := json.Unmarshal([]byte(" + exName + "), &out); err != nil {\n\t\treturn " + zeroResult(o) + ", err\n\t}\n")
	}
	if o.Result.Kind == Named && o.Result.Named.Kind == StructType {
		d.WriteString("\treturn &out, nil\n}")
	} else {
		d.WriteString("\treturn out, nil\n}")
	}
	if len(o.ResultExample) > 0 {
		d.WriteString("\n\nconst " + exName + " = " + goLit(string(o.ResultExample)))
	}
	d.emit(f)
}

// mockLaterPage answers a request for a page after the first with an
// empty result: a page number past the first, an offset past 0, a cursor.
func (d *declText) mockLaterPage(o *Operation) {
	pg := o.Paging
	f := pg.Set
	holder := "req"
	guards := []string{"req != nil"}
	if pg.InBody {
		holder = "req.Body"
		guards = append(guards, holder+" != nil")
	}
	v := holder + "." + f.Name
	if f.Pointer {
		guards = append(guards, v+" != nil")
		v = "*" + v
	}
	first := 0
	if pg.Kind == oas.PageNumbers {
		first = pg.FirstPage
	}
	empty := zeroResult(o)
	if o.Result.Kind == Named && o.Result.Named.Kind == StructType {
		empty = "&" + o.Result.Named.Name + "{}"
	}
	answer := "return " + empty + ", nil"
	textual := f.Type.Kind == String || f.Type.Kind == Decimal
	switch {
	case pg.Kind == oas.Cursors && textual:
		guards = append(guards, v+` != ""`)
	case pg.Kind == oas.Cursors:
		guards = append(guards, v+" != 0")
	case textual:
		// A page number or offset sent as text: read once it is there.
		d.uses = append(d.uses, jen.Qual("strconv", "Atoi"))
		answer = "if later, _ := strconv.Atoi(" + v + "); later > " + strconv.Itoa(first) + " {\n\t\t\t" + answer + "\n\t\t}"
	default:
		guards = append(guards, v+" > "+strconv.Itoa(first))
	}
	d.WriteString("\tif " + strings.Join(guards, " && ") + " {\n\t\t" + answer + "\n\t}\n")
}

// zeroResult is what a method returns beside an error.
func zeroResult(o *Operation) string {
	if o.Result.Kind == Named && o.Result.Named.Kind == StructType {
		return "nil"
	}
	return zeroValue(o.Result)
}

// wrapError is fmt.Errorf("%s: %w", what, err): what is text from the
// spec (a parameter named percent%), so it is an argument and never part
// of the format.
func wrapError(what string, err jen.Code) *jen.Statement {
	return jen.Qual("fmt", "Errorf").Call(jen.Lit("%s: %w"), jen.Lit(what), err)
}
