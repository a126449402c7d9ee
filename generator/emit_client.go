package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// emitEnvelope declares the package's envelope description (nil when the
// API has none).
func emitEnvelope(f *goFile, pkg *Package) {
	env := pkg.Envelope
	if env == nil {
		f.Var().Id("apiEnvelope").Op("*").Id("envelope")
		return
	}
	success := make([]jen.Code, len(env.Success))
	for i, s := range env.Success {
		success[i] = jen.Lit(s)
	}
	dict := jen.Dict{
		jen.Id("code"):          jen.Lit(env.Code),
		jen.Id("message"):       jen.Lit(env.Message),
		jen.Id("msgID"):         jen.Lit(env.MsgID),
		jen.Id("data"):          jen.Lit(env.Data),
		jen.Id("success"):       jen.Index().String().Values(success...),
		jen.Id("failure"):       jen.Lit(env.Failure),
		jen.Id("failureIsText"): jen.Lit(env.FailureIsText),
		jen.Id("dataInString"):  jen.Lit(env.DataInString),
	}
	if len(env.Busy) > 0 {
		busy := make([]jen.Code, len(env.Busy))
		for i, b := range env.Busy {
			busy[i] = jen.Lit(b)
		}
		dict[jen.Id("busy")] = jen.Index().String().Values(busy...)
	}
	f.Comment("apiEnvelope is the response wrapper the spec's x-apigen-envelope describes.")
	f.Var().Id("apiEnvelope").Op("=").Op("&").Id("envelope").Values(dict)
}

// resultType is what a method returns for a result, with the qualified
// name it uses: structs by pointer, everything else by value.
func resultType(t *GoType) (string, jen.Code) {
	text, qual := typeText(t)
	if t.isStruct() {
		return "*" + text, qual
	}
	return text, qual
}

// clientLayout is client.go: the Client, its interface and constructor,
// then a method per operation.
func clientLayout(pkg *Package) layout {
	return layout{
		head:  func(f *goFile) { emitClientHead(f, pkg) },
		items: len(pkg.Ops),
		item:  func(f *goFile, i int) { emitClientMethod(f, pkg.Ops[i]) },
	}
}

func emitClientHead(f *goFile, pkg *Package) {
	f.Comment("Client calls the API. It is safe for concurrent use. Every method takes")
	f.Comment("RequestOptions after its arguments, which apply to that call over the")
	f.Comment("client's own (see NewClient).")
	if pkg.Envelope == nil {
		// Error bodies are described too loosely across specs (one schema for
		// every status, or none) to type them per status.
		f.Comment("")
		f.Comment("A method returns the 2xx response decoded as the spec's success schema;")
		f.Comment("any other status comes back as an *APIError carrying HTTPStatus and Body,")
		f.Comment("the response as received.")
	}
	f.Type().Id("Client").Struct(jen.Id("core").Op("*").Id("clientCore"))
	f.Line()
	f.Comment("ClientInterface is the methods of *Client, for code that takes a client")
	f.Comment("and tests that hand it a fake.")
	d := &declText{}
	var methods []string
	for _, o := range pkg.Ops {
		methods = append(methods, o.Name+d.signature(o, true))
		if o.Paging != nil {
			methods = append(methods, o.Paging.Method+d.iteratorSignature(o))
		}
	}
	d.interfaceDecl("ClientInterface", methods)
	d.emit(f)
	f.Line()
	f.Var().Id("_").Id("ClientInterface").Op("=").Parens(jen.Op("*").Id("Client")).Parens(jen.Nil())
	f.Line()
	emitNewClient(f, pkg)
}

func opComment(f *goFile, o *Operation, lead string) {
	f.Comment(fmt.Sprintf("%s %s: %s %s.", o.Name, lead, o.Method, o.Path))
	if o.Summary != "" {
		f.Comment(commentSafe(o.Summary))
	}
	if d := strings.TrimSpace(o.Doc); d != "" {
		f.Comment("")
		for _, line := range strings.Split(d, "\n") {
			f.Comment(line)
		}
	}
}

// emitClientMethod writes an operation's client method, verbatim after
// its doc comment.
func emitClientMethod(f *goFile, o *Operation) {
	opComment(f, o, "calls")
	d := &declText{}
	zero := "nil"
	if o.Result != nil && !(o.Result.isStruct()) {
		zero = zeroValue(o.Result)
	}
	ret := "\t\treturn err\n"
	if o.Result != nil {
		ret = "\t\treturn " + zero + ", err\n"
	}
	d.WriteString("func (c *Client) " + o.Name + d.signature(o, true) + " {\n")
	entries := []entry{{"method", goLit(o.Method)}, {"path", goLit(o.Path)}}
	var auth []entry
	for _, q := range o.Params {
		if q.Auth != "" {
			auth = append(auth, entry{goLit(q.Name), goLit(q.Auth)})
		}
	}
	if len(auth) > 0 {
		entries = append(entries, entry{"authParams", keyedLiteral("map[string]string", auth, 2)})
	}
	if o.Secured {
		entries = append(entries, entry{"signed", "true"})
	}
	if o.Idempotent {
		entries = append(entries, entry{"idempotent", "true"})
	}
	d.WriteString("\tcl := " + keyedLiteral("&call", entries, 1) + "\n")
	if o.Body != nil {
		body := "req"
		if o.Request != nil && o.Request.Wrapper {
			body = "req.Body"
		}
		switch o.BodyMedia {
		case "multipart/form-data":
			d.WriteString("\tbody, contentType, err := marshalMultipart(" + body + ")\n\tif err != nil {\n" + ret + "\t}\n\tcl.contentType = contentType\n")
		case "application/x-www-form-urlencoded":
			d.WriteString("\tbody, err := marshalForm(" + body + ")\n\tcl.contentType = " + goLit(o.BodyMedia) + "\n\tif err != nil {\n" + ret + "\t}\n")
		default:
			media := o.BodyMedia
			if media == "" {
				media = "application/json"
			}
			d.WriteString("\tbody, err := marshalBody(" + body + ")\n\tcl.contentType = " + goLit(media) + "\n\tif err != nil {\n" + ret + "\t}\n")
		}
		d.WriteString("\tcl.body = body\n")
	}
	for _, q := range o.Params {
		if q.Auth == "" {
			d.paramSet(o, q)
		}
	}
	switch {
	case o.Result == nil:
		d.WriteString("\treturn c.core.do(ctx, cl, nil, opts...)\n}")
	default:
		d.WriteString("\tvar out " + d.typeText(o.Result) + "\n\tif err := c.core.do(ctx, cl, &out, opts...); err != nil {\n" + ret + "\t}\n")
		d.WriteString(returnOut(o.Result))
	}
	d.emit(f)
}

// returnOut ends a method that decoded its result into out.
func returnOut(result *GoType) string {
	if result.isStruct() {
		return "\treturn &out, nil\n}"
	}
	return "\treturn out, nil\n}"
}

// signature is an operation's method signature after its name: the
// server's, or the client's, which takes the call's options last.
func (d *declText) signature(o *Operation, client bool) string {
	d.use("context", "Context")
	params := "ctx context.Context"
	if o.Request != nil {
		params += ", req *" + o.Request.Name
	} else if o.Body != nil {
		params += ", req " + d.typeText(o.Body)
	}
	if client {
		params += ", opts ...RequestOption"
	}
	if o.Result == nil {
		return "(" + params + ") error"
	}
	result, qual := resultType(o.Result)
	if qual != nil {
		d.uses = append(d.uses, qual)
	}
	return "(" + params + ") (" + result + ", error)"
}

// zeroValue is the zero value of a type, as Go source.
func zeroValue(t *GoType) string {
	switch t.Kind {
	case String, Decimal:
		return `""`
	case Int32, Int64, Float64:
		return "0"
	case Bool:
		return "false"
	case Named:
		if structBased(t) {
			// A struct, or a name for one (a one-alternative oneOf): its
			// composite literal is its zero value, and nil is not.
			return t.Named.Name + "{}"
		}
		return zeroValue(t.Named.Under)
	}
	return "nil"
}

// structBased reports whether a named type is a struct, or names one
// through other names.
func structBased(t *GoType) bool {
	for t != nil && t.Kind == Named {
		if t.Named.Kind == StructType {
			return true
		}
		t = t.Named.Under
	}
	return false
}

// paramSet copies one caller-set parameter into the call.
func (d *declText) paramSet(o *Operation, q *Param) {
	field := "req." + q.GoName
	var fl *Field
	for _, x := range o.Request.Fields {
		if x.Name == q.GoName {
			fl = x
		}
	}
	value := field
	cond := "" // always set
	switch {
	case fl != nil && fl.Pointer:
		cond, value = field+" != nil", "*"+field
	case q.Type.Kind == Slice:
		cond = "len(" + field + ") > 0"
	case q.Required:
	default:
		cond = field + " != " + zeroValue(q.Type)
	}
	text := "formatParam(" + value + ")"
	if q.Type.Kind == Slice && q.Delimiter != "" {
		text = "joinParam(" + value + ", " + goLit(q.Delimiter) + ")"
	}
	depth := 1
	if cond != "" {
		d.WriteString("\tif " + cond + " {\n")
		depth = 2
	}
	switch q.In {
	case "path":
		d.WriteString(tabs(depth) + "cl.setPath(" + goLit(q.Name) + ", " + text + ")\n")
	case "header":
		d.WriteString(tabs(depth) + "cl.setHeader(" + goLit(q.Name) + ", " + text + ")\n")
	default:
		if q.Type.Kind == Slice && q.Delimiter == "" {
			d.WriteString(tabs(depth) + "for _, v := range " + value + " {\n" + tabs(depth+1) + "cl.addQuery(" + goLit(q.Name) + ", formatParam(v))\n" + tabs(depth) + "}\n")
		} else {
			d.WriteString(tabs(depth) + "cl.addQuery(" + goLit(q.Name) + ", " + text + ")\n")
		}
	}
	if cond != "" {
		d.WriteString("\t}\n")
	}
}
