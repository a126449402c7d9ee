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

// resultType is what a method returns for a result: structs by pointer,
// everything else by value.
func resultType(t *GoType) jen.Code {
	if t.Kind == Named && t.Named.Kind == StructType {
		return jen.Op("*").Id(t.Named.Name)
	}
	return typeCode(t)
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
	f.Type().Id("ClientInterface").InterfaceFunc(func(g *jen.Group) {
		for _, o := range pkg.Ops {
			g.Id(o.Name).Params(clientParams(o)...).Params(methodResults(o)...)
			if o.Paging != nil {
				g.Id(o.Paging.Method).Params(iteratorParams(o)...).Add(iteratorResult(o))
			}
		}
	})
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

// methodParams is the argument list of an operation's client and server
// methods.
func methodParams(o *Operation) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	if o.Request != nil {
		params = append(params, jen.Id("req").Op("*").Id(o.Request.Name))
	} else if o.Body != nil {
		params = append(params, jen.Id("req").Add(typeCode(o.Body)))
	}
	return params
}

// clientParams is the argument list of an operation's client method:
// the server's, then the call's options.
func clientParams(o *Operation) []jen.Code {
	return append(methodParams(o), jen.Id("opts").Op("...").Id("RequestOption"))
}

func methodResults(o *Operation) []jen.Code {
	if o.Result == nil {
		return []jen.Code{jen.Error()}
	}
	return []jen.Code{resultType(o.Result), jen.Error()}
}

// bodyExpr is how a method reaches the body of its argument.
func bodyExpr(o *Operation) *jen.Statement {
	if o.Request != nil && o.Request.Wrapper {
		return jen.Id("req").Dot("Body")
	}
	return jen.Id("req")
}

func emitClientMethod(f *goFile, o *Operation) {
	opComment(f, o, "calls")
	var zero jen.Code = jen.Nil()
	if o.Result != nil && !(o.Result.Kind == Named && o.Result.Named.Kind == StructType) {
		zero = zeroValue(o.Result)
	}
	f.Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.Name).Params(clientParams(o)...).Params(methodResults(o)...).BlockFunc(func(g *jen.Group) {
		ret := func(err jen.Code) jen.Code {
			if o.Result == nil {
				return jen.Return(err)
			}
			return jen.Return(zero, err)
		}
		dict := jen.Dict{jen.Id("method"): jen.Lit(o.Method), jen.Id("path"): jen.Lit(o.Path)}
		auth := jen.Dict{}
		for _, q := range o.Params {
			if q.Auth != "" {
				auth[jen.Lit(q.Name)] = jen.Lit(q.Auth)
			}
		}
		if len(auth) > 0 {
			dict[jen.Id("authParams")] = jen.Map(jen.String()).String().Values(auth)
		}
		if o.Secured {
			dict[jen.Id("signed")] = jen.True()
		}
		if o.Idempotent {
			dict[jen.Id("idempotent")] = jen.True()
		}
		g.Id("cl").Op(":=").Op("&").Id("call").Values(dict)
		if o.Body != nil {
			switch o.BodyMedia {
			case "multipart/form-data":
				g.List(jen.Id("body"), jen.Id("contentType"), jen.Err()).Op(":=").Id("marshalMultipart").Call(bodyExpr(o))
				g.If(jen.Err().Op("!=").Nil()).Block(ret(jen.Err()))
				g.Id("cl").Dot("contentType").Op("=").Id("contentType")
			case "application/x-www-form-urlencoded":
				g.List(jen.Id("body"), jen.Err()).Op(":=").Id("marshalForm").Call(bodyExpr(o))
				g.Id("cl").Dot("contentType").Op("=").Lit(o.BodyMedia)
				g.If(jen.Err().Op("!=").Nil()).Block(ret(jen.Err()))
			default:
				media := o.BodyMedia
				if media == "" {
					media = "application/json"
				}
				g.List(jen.Id("body"), jen.Err()).Op(":=").Id("marshalBody").Call(bodyExpr(o))
				g.Id("cl").Dot("contentType").Op("=").Lit(media)
				g.If(jen.Err().Op("!=").Nil()).Block(ret(jen.Err()))
			}
			g.Id("cl").Dot("body").Op("=").Id("body")
		}
		for _, q := range o.Params {
			if q.Auth != "" {
				continue
			}
			emitParamSet(g, o, q)
		}
		if o.Result == nil {
			g.Return(jen.Id("c").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("cl"), jen.Nil(), jen.Id("opts").Op("...")))
			return
		}
		g.Var().Id("out").Add(typeCode(o.Result))
		g.If(jen.Err().Op(":=").Id("c").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Id("cl"), jen.Op("&").Id("out"), jen.Id("opts").Op("...")), jen.Err().Op("!=").Nil()).Block(ret(jen.Err()))
		if o.Result.Kind == Named && o.Result.Named.Kind == StructType {
			g.Return(jen.Op("&").Id("out"), jen.Nil())
		} else {
			g.Return(jen.Id("out"), jen.Nil())
		}
	})
}

func zeroValue(t *GoType) jen.Code {
	switch t.Kind {
	case String, Decimal:
		return jen.Lit("")
	case Int32, Int64, Float64:
		return jen.Lit(0)
	case Bool:
		return jen.False()
	case Named:
		if structBased(t) {
			// A struct, or a name for one (a one-alternative oneOf): its
			// composite literal is its zero value, and nil is not.
			return jen.Id(t.Named.Name).Values()
		}
		return zeroValue(t.Named.Under)
	}
	return jen.Nil()
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

// emitParamSet copies one caller-set parameter into the call.
func emitParamSet(g *jen.Group, o *Operation, q *Param) {
	field := jen.Id("req").Dot(q.GoName)
	var fl *Field
	for _, x := range o.Request.Fields {
		if x.Name == q.GoName {
			fl = x
		}
	}
	value := field.Clone()
	var cond *jen.Statement // nil: always set
	switch {
	case fl != nil && fl.Pointer:
		cond = field.Clone().Op("!=").Nil()
		value = jen.Op("*").Add(field.Clone())
	case q.Type.Kind == Slice:
		cond = jen.Len(field.Clone()).Op(">").Lit(0)
	case q.Required:
	default:
		cond = field.Clone().Op("!=").Add(zeroValue(q.Type))
	}
	text := jen.Id("formatParam").Call(value)
	if q.Type.Kind == Slice && q.Delimiter != "" {
		text = jen.Id("joinParam").Call(value, jen.Lit(q.Delimiter))
	}
	var set jen.Code
	switch q.In {
	case "path":
		set = jen.Id("cl").Dot("setPath").Call(jen.Lit(q.Name), text)
	case "header":
		set = jen.Id("cl").Dot("setHeader").Call(jen.Lit(q.Name), text)
	default:
		if q.Type.Kind == Slice && q.Delimiter == "" {
			set = jen.For(jen.List(jen.Id("_"), jen.Id("v")).Op(":=").Range().Add(value)).Block(
				jen.Id("cl").Dot("addQuery").Call(jen.Lit(q.Name), jen.Id("formatParam").Call(jen.Id("v"))))
		} else {
			set = jen.Id("cl").Dot("addQuery").Call(jen.Lit(q.Name), text)
		}
	}
	if cond == nil {
		g.Add(set)
		return
	}
	g.If(cond).Block(set)
}
