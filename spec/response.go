package spec

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/oas"
)

// responses adds the 200 response: the data the doc's field tables and
// data example describe, wrapped in the profile's envelope.
func (b *operationBuilder) responses(op *openapi3.Operation, ep *parser.Endpoint, names componentNames) {
	env := b.envelope
	if env != nil && env.Data == "" {
		// A flat envelope (errcode and errmsg beside the result's own
		// members): the response is the result, code and message included.
		env = nil
	}
	dataRows, envRows := b.splitResponseRows(ep, env)
	dataEx := b.dataExample(ep, env)
	data := b.dataSchema(dataRows, dataEx, names.Result)
	if p := resultProse(env, data, b.components); p != "" {
		op.Description = strings.TrimSpace(op.Description + "\n\n" + p)
	}

	resp := openapi3.NewResponse().WithDescription("OK")
	resp.Headers = b.responseHeaders(ep)
	var schema *openapi3.SchemaRef
	if env == nil {
		schema = data
	} else {
		b.components[names.Response] = openapi3.NewSchemaRef("", envelopeSchema(env, envRows, data, ep.ResponseExample))
		schema = componentRef(names.Response)
	}
	if schema == nil {
		schema = openapi3.NewSchemaRef("", &openapi3.Schema{})
	}
	mt := openapi3.NewMediaType().WithSchemaRef(schema)
	if raw := responseExample(ep, env, dataEx); raw != nil {
		mt.Example = raw
	}
	resp.Content = openapi3.Content{"application/json": mt}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: resp})
}

// responseHeaders are the headers the response tables list, or nil.
func (b *operationBuilder) responseHeaders(ep *parser.Endpoint) openapi3.Headers {
	var hs openapi3.Headers
	for _, t := range ep.Response {
		for _, f := range t.Fields {
			if f.In != "header" {
				continue
			}
			if hs == nil {
				hs = openapi3.Headers{}
			}
			h := &openapi3.Header{Parameter: openapi3.Parameter{Description: f.Description, Schema: openapi3.NewSchemaRef("", b.paramSchema(f))}}
			hs[f.Name] = &openapi3.HeaderRef{Value: h}
		}
	}
	return hs
}

// splitResponseRows separates data rows from envelope rows. A row naming
// the envelope's data field (data.list.id) is a data row without that
// prefix.
func (b *operationBuilder) splitResponseRows(ep *parser.Endpoint, env *Envelope) (data, envelope []*parser.Field) {
	var seen []*parser.Field
	for _, t := range ep.Response {
		rows := expandTypes(restated(t, seen, exampleValue(ep.ResponseExample)), b.types)
		seen = append(seen, rows...)
		for _, f := range rows {
			segs := splitName(f.Name)
			switch {
			case f.In == "header":
				// A response header, not a member of the body.
			case env == nil || len(segs) == 0:
				data = append(data, f)
			case len(segs) == 1 && f.Depth == 0 && env.IsMember(segs[0].name):
				envelope = append(envelope, f)
			case segs[0].name == env.Data && len(segs) > 1:
				g := *f
				g.Name = strings.TrimPrefix(strings.TrimSpace(f.Name), segs[0].name)
				g.Name = strings.TrimLeft(g.Name, ".[]>")
				data = append(data, &g)
			case t.Role == parser.RoleEnvelope:
				envelope = append(envelope, f)
			default:
				data = append(data, f)
			}
		}
	}
	return data, envelope
}

// dataExample finds the example of the data alone: the doc's data example,
// else the data field of the response example (parsed when it is JSON
// carried in a string).
func (b *operationBuilder) dataExample(ep *parser.Endpoint, env *Envelope) *ljson.Value {
	if v := exampleValue(ep.DataExample); v != nil {
		return v
	}
	v := exampleValue(ep.ResponseExample)
	if v == nil || env == nil {
		return v
	}
	d := v.Get(env.Data)
	switch {
	case d == nil || d.Kind == ljson.Null || isPlaceholder(d):
		return nil
	case d.Kind == ljson.String && d.Embedded != nil:
		return d.Embedded
	}
	return d
}

// dataSchema builds the response data: the Result component when it is an
// object (or a list of objects), an inline schema for scalars, nil when the
// doc shows nothing of it.
func (b *operationBuilder) dataSchema(rows []*parser.Field, ex *ljson.Value, name string) *openapi3.SchemaRef {
	if len(rows) == 0 && ex == nil {
		return nil
	}
	if len(rows) == 0 && ex.Kind != ljson.Object && ex.Kind != ljson.Array {
		n := &node{name: "data"}
		reconcile(n, ex, b.diags)
		return openapi3.NewSchemaRef("", scalarField(n, kindFromWire(n), b.diags))
	}
	ns := newNester(b.diags)
	ns.addRows(rows)
	reconcile(ns.root, ex, b.diags)
	if ex != nil && ex.Kind == ljson.Array && len(ns.root.children) == 0 {
		item := itemScalar(ns.root, b.diags)
		return openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeArray}, Items: openapi3.NewSchemaRef("", item)})
	}
	s := schemaOf(ns.root, b.diags)
	if s.Type.Is(openapi3.TypeArray) {
		b.components[name] = s.Items
		s.Items = componentRef(name)
		return openapi3.NewSchemaRef("", s)
	}
	b.components[name] = openapi3.NewSchemaRef("", s)
	return componentRef(name)
}

// envelopeSchema wraps data in the vendor's envelope.
func envelopeSchema(env *Envelope, rows []*parser.Field, data *openapi3.SchemaRef, ex *parser.Example) *openapi3.Schema {
	desc := map[string]string{}
	for _, f := range rows {
		desc[strings.TrimSpace(f.Name)] = f.Description
	}
	s := &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeObject}, Properties: openapi3.Schemas{}, Required: []string{env.Code}}
	var order []string
	addRef := func(name string, p *openapi3.SchemaRef) {
		if name == "" {
			return
		}
		if d := desc[name]; d != "" && p.Value != nil && p.Value.Description == "" {
			p.Value.Description = d
		}
		s.Properties[name] = p
		order = append(order, name)
	}
	add := func(name string, p *openapi3.Schema) { addRef(name, openapi3.NewSchemaRef("", p)) }
	codeTypes := openapi3.Types(env.CodeTypes)
	add(env.Code, &openapi3.Schema{Type: &codeTypes})
	add(env.Message, openapi3.NewStringSchema())
	add(env.MsgID, openapi3.NewStringSchema())
	exv := exampleValue(ex)
	for _, p := range env.Paging {
		if desc[p] != "" || (exv != nil && exv.Get(p) != nil) {
			add(p, &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeInteger, openapi3.TypeString}, Format: "int64", Pattern: `^-?[0-9]+$`})
		}
	}
	if env.Data != "" {
		switch {
		case env.DataInString():
			d := &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString, openapi3.TypeNull}, ContentMediaType: "application/json"}
			d.ContentSchema = data
			add(env.Data, d)
		case data != nil:
			addRef(env.Data, data)
		default:
			add(env.Data, &openapi3.Schema{})
		}
	}
	s.Extensions = map[string]any{oas.ExtOrder: order}
	return s
}

// responseExample is the doc's response example with the data example put
// where the doc wrote a placeholder (<<DATA>>), as the wire carries it.
func responseExample(ep *parser.Endpoint, env *Envelope, data *ljson.Value) json.RawMessage {
	v := exampleValue(ep.ResponseExample)
	if v == nil {
		if data != nil && env == nil {
			return rawJSON(data)
		}
		return nil
	}
	raw := rawJSON(v)
	if env == nil || v.Kind != ljson.Object {
		return raw
	}
	d := v.Get(env.Data)
	if d == nil || !(d.Kind == ljson.Null || isPlaceholder(d)) {
		return raw
	}
	var obj []orderedMember
	for _, m := range v.Members {
		val := rawJSON(m.Value)
		if m.Key == env.Data {
			switch {
			case data == nil:
				// A placeholder with no data example: the doc shows no data.
				val = json.RawMessage("null")
			case env.DataInString():
				s, _ := json.Marshal(string(rawJSON(data)))
				val = s
			default:
				val = rawJSON(data)
			}
		}
		obj = append(obj, orderedMember{m.Key, val})
	}
	return marshalOrdered(obj)
}

type orderedMember struct {
	Key   string
	Value json.RawMessage
}

func marshalOrdered(ms []orderedMember) json.RawMessage {
	var b strings.Builder
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.Key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.Value)
	}
	b.WriteByte('}')
	return json.RawMessage(b.String())
}
