package generator

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/apigen/apigen/spec/oas"
)

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
			d := &declText{}
			d.handler(o, "handler", handlerName(o), "h.impl."+o.Name)
			d.emit(f)
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
	d := &declText{}
	var methods []string
	for _, o := range pkg.Ops {
		methods = append(methods, "// "+commentLine(fmt.Sprintf("%s serves %s %s.", o.Name, o.Method, o.Path)), o.Name+d.signature(o, false))
	}
	d.interfaceDecl("Server", methods)
	d.emit(f)
	f.Line()
	f.Comment("NewHandler serves impl on the spec's paths, a literal segment before a")
	f.Comment("parameter where two paths differ; r.PathValue reads the path parameters.")
	f.Comment("Each request is authenticated (when a verifier is set), size-limited, decoded")
	f.Comment("leniently and validated before impl sees it; failures answer in the API's")
	f.Comment("envelope.")
	d = &declText{}
	d.use("net/http", "Handler")
	d.WriteString("func NewHandler(impl Server, opts ...ServerOption) http.Handler {\n" +
		"\th := " + keyedLiteral("&handler", []entry{{"impl", "impl"}, {"core", "newServerCore(apiEnvelope, opts)"}}, 1) + "\n" +
		// Anything else answers in the API's envelope too.
		"\trt := " + keyedLiteral("&router", []entry{{"notFound", "h.core.notFound"}, {"notAllowed", "h.core.notAllowed"}}, 1) + "\n")
	for _, o := range pkg.Ops {
		if o.Route == "" {
			// The planner reported why.
			d.WriteString("\t// " + commentLine(fmt.Sprintf("%s (%s %s) is not served: its route is another's, or not one the router can serve.", o.Name, o.Method, o.Path)) + "\n")
			continue
		}
		d.WriteString("\trt.handle(" + goLit(o.Method) + ", " + goLit(o.Route) + ", h." + handlerName(o) + ")\n")
	}
	d.WriteString("\treturn rt\n}\n\ntype handler struct {\n\timpl Server\n\tcore *serverCore\n}")
	d.emit(f)
}

// emitWebhooks writes a handler constructor for each call the API makes to
// the user's server. A webhook has no route of the vendor's: the user
// mounts its handler at the address they give the vendor.
func emitWebhooks(f *goFile, pkg *Package) {
	for _, o := range pkg.Webhooks {
		typ := "webhook" + o.Name
		f.Commentf("%s serves the %q webhook, a call the API makes to your server: mount", o.Handler, o.Summary)
		f.Comment("it at the address you give the vendor. fn receives the decoded, validated")
		f.Comment("request; an error it returns answers in the API's envelope.")
		d := &declText{}
		fn := "func" + d.signature(o, false)
		d.use("net/http", "Handler")
		d.WriteString("func " + o.Handler + "(fn " + fn + ", opts ...ServerOption) http.Handler {\n" +
			"\treturn " + keyedLiteral("&"+typ, []entry{{"fn", "fn"}, {"core", "newServerCore(apiEnvelope, opts)"}}, 1) + "\n}\n\n" +
			"type " + typ + " struct {\n\tfn   " + fn + "\n\tcore *serverCore\n}\n\n")
		d.handler(o, typ, "ServeHTTP", "h.fn")
		d.emit(f)
	}
}

func handlerName(o *Operation) string { return "serve" + o.Name }

// replyWriter is where a success is written: through a statusWriter
// when the spec documents a status a plain reply does not write.
func replyWriter(o *Operation) string {
	if status := o.replyStatus(); status != 0 {
		return keyedLiteral("&statusWriter", []entry{{"ResponseWriter", "w"}, {"status", strconv.Itoa(status)}}, 1)
	}
	return "w"
}

// wildcard is a path parameter's name in the route pattern.
func wildcard(q *Param) string {
	if q.Wildcard != "" {
		return q.Wildcard
	}
	return q.Name
}

// handler writes the method that serves one operation: recv's method
// name, which hands the request to callee.
func (d *declText) handler(o *Operation, recv, name, callee string) {
	d.use("net/http", "ResponseWriter")
	d.WriteString("func (h *" + recv + ") " + name + "(w http.ResponseWriter, r *http.Request) {\n")
	// The credentials come first so that even a refused body is answered
	// with its msg_id, and an over-long one is refused before the body is
	// read.
	var creds []entry
	for _, q := range o.Params {
		if q.Auth != "" {
			creds = append(creds, entry{goLit(q.Auth), "r.PathValue(" + goLit(wildcard(q)) + ")"})
		}
	}
	const readBody = "\tbody, ok := h.core.readBody(w, r, msgID)\n\tif !ok {\n\t\treturn\n\t}\n"
	switch {
	case len(creds) > 0:
		d.WriteString("\tcreds := " + keyedLiteral("map[string]string", creds, 1) + "\n" +
			"\tmsgID, ok := h.core.credentials(w, r, creds)\n\tif !ok {\n\t\treturn\n\t}\n" + readBody +
			"\tif !h.core.verify(w, r, body, creds) {\n\t\treturn\n\t}\n")
	case o.Secured:
		// The credentials travel in the query or headers.
		d.WriteString("\tmsgID := \"\"\n" + readBody + "\tif !h.core.verify(w, r, body, nil) {\n\t\treturn\n\t}\n")
	default:
		d.WriteString("\tmsgID := \"\"\n" + readBody)
		if !decodesBody(o) {
			d.WriteString("\t_ = body\n")
		}
	}
	if o.FormBody() && o.Body != nil {
		d.WriteString("\tform, err := formJSON(body, r.Header.Get(\"Content-Type\"))\n\tif err != nil {\n" +
			"\t\th.core.fail(w, r, http.StatusBadRequest, \"\", \"malformed form: \"+err.Error(), msgID)\n\t\treturn\n\t}\n\tbody = form\n")
	}
	args := "r.Context()"
	switch {
	case o.Request != nil:
		d.WriteString("\tvar req " + o.Request.Name + "\n")
		if o.Request.Wrapper {
			if o.Body != nil {
				d.WriteString("\tvar payload " + d.typeText(o.Body) + "\n" +
					"\tif !decodeInto(h.core, w, r, body, &payload, " + readerName(o.Body) + ", msgID) {\n\t\treturn\n\t}\n")
				if o.Body.isStruct() {
					// An empty body leaves Body nil, so that a required
					// body is reported missing rather than empty.
					d.WriteString("\tif !isAbsent(body) {\n\t\treq.Body = &payload\n\t}\n")
				} else {
					d.WriteString("\treq.Body = payload\n")
				}
			}
			d.paramReads(o)
		} else {
			d.WriteString("\tif !h.core.decode(w, r, body, &req, msgID) {\n\t\treturn\n\t}\n")
		}
		d.WriteString("\tif err := req.Validate(); err != nil {\n\t\th.core.invalid(w, r, err, msgID)\n\t\treturn\n\t}\n")
		args += ", &req"
	case o.Body != nil:
		d.WriteString("\tvar req " + d.typeText(o.Body) + "\n" +
			"\tif !decodeInto(h.core, w, r, body, &req, " + readerName(o.Body) + ", msgID) {\n\t\treturn\n\t}\n")
		args += ", req"
	}
	call := callee + "(" + args + ")"
	if o.Result == nil {
		d.WriteString("\tif err := " + call + "; err != nil {\n\t\th.core.failed(w, r, err, msgID)\n\t\treturn\n\t}\n" +
			"\th.core.reply(" + replyWriter(o) + ", r, nil, msgID)\n}")
	} else {
		d.WriteString("\tres, err := " + call + "\n\tif err != nil {\n\t\th.core.failed(w, r, err, msgID)\n\t\treturn\n\t}\n" +
			"\th.core.reply(" + replyWriter(o) + ", r, res, msgID)\n}")
	}
}

// decodesBody reports whether a handler reads the request body beyond
// verifying its signature.
func decodesBody(o *Operation) bool {
	if o.Request != nil && !o.Request.Wrapper {
		return true
	}
	return o.Body != nil
}

// paramReads copies path, query and header parameters into the request,
// leniently typed; a value that does not read is a 400.
func (d *declText) paramReads(o *Operation) {
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
		var src string
		switch q.In {
		case "path":
			src = "[]string{r.PathValue(" + goLit(wildcard(q)) + ")}"
		case "header":
			src = "r.Header.Values(" + goLit(q.Name) + ")"
		default:
			src = "r.URL.Query()[" + goLit(q.Name) + "]"
		}
		reader := readerName(q.Type)
		fn := "paramValue"
		switch {
		case q.Type.Kind == Slice:
			fn, reader = "paramList", readerName(q.Type.Elem)
			if q.Delimiter != "" {
				src = "splitParam(" + src + ", " + goLit(q.Delimiter) + ")"
			}
		case fl.Pointer:
			fn = "paramPtr"
		}
		d.use("fmt", "Errorf")
		d.WriteString("\tif err := " + fn + "(" + src + ", &req." + fl.Name + ", " + reader + "); err != nil {\n" +
			"\t\th.core.invalid(w, r, " + wrapError(q.In+" parameter "+q.Name, "err") + ", msgID)\n\t\treturn\n\t}\n")
	}
}

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
		d.use(jsonPkg, "Unmarshal")
		d.WriteString("\tif err := json.Unmarshal([]byte(" + exName + "), &out); err != nil {\n\t\treturn " + zeroResult(o) + ", err\n\t}\n")
	}
	d.WriteString(returnOut(o.Result))
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
	if o.Result.isStruct() {
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
		d.use("strconv", "Atoi")
		answer = "if later, _ := strconv.Atoi(" + v + "); later > " + strconv.Itoa(first) + " {\n\t\t\t" + answer + "\n\t\t}"
	default:
		guards = append(guards, v+" > "+strconv.Itoa(first))
	}
	d.WriteString("\tif " + strings.Join(guards, " && ") + " {\n\t\t" + answer + "\n\t}\n")
}

// zeroResult is what a method returns beside an error.
func zeroResult(o *Operation) string {
	if o.Result.isStruct() {
		return "nil"
	}
	return zeroValue(o.Result)
}

// wrapError is fmt.Errorf("%s: %w", what, err): what is text from the
// spec (a parameter named percent%), so it is an argument and never part
// of the format.
func wrapError(what string, err string) string {
	return "fmt.Errorf(\"%s: %w\", " + goLit(what) + ", " + err + ")"
}
