package oas

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
)

// Reloaded is a spec written as YAML and read back.
type Reloaded struct {
	// Spec is the spec as a consumer of YAML reads it; nil when the YAML
	// does not load (the diagnostics say why).
	Spec *openapi3.T
	// YAML is the spec as Write prints it in YAML.
	YAML []byte
	// Lines are the lines the parts of Spec are written on in YAML.
	Lines *Lines
}

// Reload is Write followed by LoadDataLines on what it wrote: the spec as
// a consumer of the YAML file reads it, with the lines each part of it is
// written on. It copies the model as reading the YAML back would rebuild
// it (values as JSON decodes them, what Write leaves out left out,
// references resolved by kin-openapi's loader, property orders from the
// file), so a large spec is not parsed. A spec that holds what only a
// real reading reproduces (references with siblings, callbacks, links,
// 3.2 operations, ...) is read from the YAML. err is Write's error; diags
// are the reading's.
//
// Reload takes t apart as it copies it: each path item and component
// schema is let go of once copied, so that a large spec is not held twice
// at once. t must not be used afterwards.
func Reload(name string, t *openapi3.T) (out Reloaded, diags diag.List, err error) {
	// The YAML is written whole even though a copy needs only its lines:
	// it is the fallback when the copy fails half way through taking t
	// apart, and the spec file of whoever publishes it.
	var text bytes.Buffer
	rec := &recording{orders: map[string][]string{}}
	if err := writeSpec(&text, t, "yaml", rec); err != nil {
		return Reloaded{}, nil, err
	}
	out.YAML = text.Bytes()
	r := &reloader{consume: true}
	c := r.doc(t)
	if r.unsupported {
		out.Spec, out.Lines, diags = LoadDataLines(name, out.YAML)
		return out, diags, nil
	}
	at := diag.Pos{File: name}
	defer func() {
		// As in loadDataLines: kin-openapi can panic on some malformed
		// documents.
		if r := recover(); r != nil {
			out.Spec, out.Lines = nil, nil
			diags.Add(at, diag.InvalidSpec, "the spec could not be loaded: %v", r)
		}
	}()
	if err := openapi3.NewLoader().ResolveRefsIn(c, nil); err != nil {
		diags.Add(at, diag.InvalidSpec, "the spec could not be loaded: %v", err)
		return out, diags, nil
	}
	if c.OpenAPI == "" || !strings.HasPrefix(c.OpenAPI, "3.") {
		diags.Add(at, diag.InvalidSpec, "openapi version %q is not 3.x", c.OpenAPI)
		return out, diags, nil
	}
	if ref, ok := unresolvedRef(c); ok {
		diags.Add(at, diag.InvalidSpec, "the spec could not be loaded: $ref %q never reaches a schema (a cycle of references?)", ref)
		return out, diags, nil
	}
	restoreOrder(c, rec.orders)
	out.Spec, out.Lines = c, &rec.lines
	return out, diags, nil
}

// errUnsupported stops a copy that only a real reading can make.
var errUnsupported = errors.New("not copied")

// reloader copies a spec as kin-openapi decodes the JSON of what Write
// prints. Each object is copied as its UnmarshalJSON reads what its
// MarshalYAML writes: fields written only when set come back unset when
// empty; $refs come back without their value, for the loader to resolve.
type reloader struct {
	unsupported bool
	// consume has the copy let go of the original's path items and
	// component schemas as it copies them.
	consume bool
}

func (r *reloader) fail() { r.unsupported = true }

// ext copies an object's extensions as decoded JSON; nil when none.
// arranged objects lose x-apigen-order, which Write applies and drops
// (only Example objects, written as literals, keep it).
func (r *reloader) ext(m map[string]any, arranged bool) map[string]any {
	var out map[string]any
	for k, v := range m {
		if !strings.HasPrefix(k, "x-") {
			// A key kin-openapi would read as a field, or as an entry
			// of a map-like object.
			r.fail()
			continue
		}
		if arranged && k == ExtOrder {
			continue
		}
		if _, object := objectExtensions[k]; object {
			// Written as the objects they stand for.
			r.fail()
		}
		if out == nil {
			out = make(map[string]any, len(m))
		}
		out[validUTF8(k)] = r.value(v)
	}
	return out
}

// value is v as JSON decodes it, after YAML: objects as map[string]any,
// numbers as float64.
func (r *reloader) value(v any) any {
	n, err := jsonOf(v)
	if err != nil {
		r.fail()
		return nil
	}
	switch n.kind {
	case jsonNull:
		return nil
	case jsonBool:
		return n.text == "true"
	case jsonString:
		return n.text
	case jsonNumber:
		return decodedNumber(n.text)
	case jsonObject:
		m := make(map[string]any, len(n.pairs))
		for _, p := range n.pairs {
			m[p.key] = r.value(p.val)
		}
		return m
	}
	items := make([]any, len(n.items))
	for i, it := range n.items {
		items[i] = r.value(it)
	}
	return items
}

// decodedNumber is a number as kin-openapi reads it from the YAML that
// printed its JSON text: an integer or a float (an integer zero has no
// sign), or a string when YAML reads the text as one (1e999).
func decodedNumber(text string) any {
	if resolvesToString(text) {
		return text
	}
	f, _ := strconv.ParseFloat(text, 64)
	if f == 0 && !strings.ContainsAny(text, ".eE") {
		return 0.0
	}
	return f
}

func (r *reloader) float(f *float64) *float64 {
	if f == nil {
		return nil
	}
	n, err := floatNode(*f, 64)
	if err != nil {
		r.fail()
		return nil
	}
	v, _ := decodedNumber(n.text).(float64)
	return &v
}

func str(s string) string { return validUTF8(s) }

func strs(s []string) []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = str(x)
	}
	return out
}

func ptr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// refOnly reports whether a reference object's encoding is its $ref alone:
// one with siblings (summary, description, extensions, 3.1 keywords) is
// left to a real reading.
func (r *reloader) refOnly(m interface{ MarshalYAML() (any, error) }) bool {
	out, err := m.MarshalYAML()
	if mm, ok := out.(map[string]any); !ok || err != nil || len(mm) != 1 {
		r.fail()
		return false
	}
	return true
}

func (r *reloader) doc(t *openapi3.T) *openapi3.T {
	c := &openapi3.T{
		Extensions:        r.ext(t.Extensions, true),
		OpenAPI:           str(t.OpenAPI),
		JSONSchemaDialect: str(t.JSONSchemaDialect),
		ExternalDocs:      r.externalDocs(t.ExternalDocs),
	}
	if t.Info != nil {
		c.Info = r.info(t.Info)
	}
	if t.Paths != nil {
		c.Paths = openapi3.NewPathsWithCapacity(t.Paths.Len())
		c.Paths.Extensions = r.ext(t.Paths.Extensions, true)
		if c.Paths.Extensions == nil {
			c.Paths.Extensions = map[string]any{}
		}
		for k, item := range t.Paths.Map() {
			if strings.HasPrefix(k, "x-") {
				// Read back as an extension.
				r.fail()
			}
			c.Paths.Set(str(k), r.pathItem(k, item))
			if r.consume {
				t.Paths.Delete(k)
			}
		}
	}
	if len(t.Security) != 0 {
		c.Security = r.security(t.Security)
	}
	if len(t.Servers) != 0 {
		c.Servers = r.servers(t.Servers)
	}
	if len(t.Tags) != 0 {
		c.Tags = make(openapi3.Tags, len(t.Tags))
		for i, tag := range t.Tags {
			if tag == nil {
				continue
			}
			c.Tags[i] = &openapi3.Tag{Extensions: r.ext(tag.Extensions, true), Name: str(tag.Name), Description: str(tag.Description), ExternalDocs: r.externalDocs(tag.ExternalDocs)}
		}
	}
	if len(t.Webhooks) != 0 {
		c.Webhooks = make(map[string]*openapi3.PathItem, len(t.Webhooks))
		for k, item := range t.Webhooks {
			c.Webhooks[str(k)] = r.pathItem(k, item)
			if r.consume {
				delete(t.Webhooks, k)
			}
		}
	}
	// After the paths and webhooks: a component schema is let go of once
	// nothing refers to it.
	if t.Components != nil {
		c.Components = r.components(t.Components)
	}
	return c
}

func (r *reloader) info(i *openapi3.Info) *openapi3.Info {
	c := &openapi3.Info{Extensions: r.ext(i.Extensions, true), Title: str(i.Title), Summary: str(i.Summary),
		Description: str(i.Description), TermsOfService: str(i.TermsOfService), Version: str(i.Version)}
	if x := i.Contact; x != nil {
		c.Contact = &openapi3.Contact{Extensions: r.ext(x.Extensions, true), Name: str(x.Name), URL: str(x.URL), Email: str(x.Email)}
	}
	if x := i.License; x != nil {
		c.License = &openapi3.License{Extensions: r.ext(x.Extensions, true), Name: str(x.Name), URL: str(x.URL), Identifier: str(x.Identifier)}
	}
	return c
}

func (r *reloader) externalDocs(d *openapi3.ExternalDocs) *openapi3.ExternalDocs {
	if d == nil {
		return nil
	}
	return &openapi3.ExternalDocs{Extensions: r.ext(d.Extensions, true), Description: str(d.Description), URL: str(d.URL)}
}

func (r *reloader) security(s openapi3.SecurityRequirements) openapi3.SecurityRequirements {
	out := make(openapi3.SecurityRequirements, len(s))
	for i, req := range s {
		if req == nil {
			continue
		}
		out[i] = make(openapi3.SecurityRequirement, len(req))
		for k, scopes := range req {
			out[i][str(k)] = strs(scopes)
		}
	}
	return out
}

func (r *reloader) servers(s openapi3.Servers) openapi3.Servers {
	out := make(openapi3.Servers, len(s))
	for i, srv := range s {
		if srv == nil {
			continue
		}
		c := &openapi3.Server{Extensions: r.ext(srv.Extensions, true), URL: str(srv.URL), Description: str(srv.Description)}
		if len(srv.Variables) != 0 {
			c.Variables = make(openapi3.ServerVariables, len(srv.Variables))
			for k, v := range srv.Variables {
				if v == nil || k == ExtOrder {
					r.fail()
					continue
				}
				cv := &openapi3.ServerVariable{Extensions: r.ext(v.Extensions, true), Default: str(v.Default), Description: str(v.Description)}
				if len(v.Enum) != 0 {
					cv.Enum = strs(v.Enum)
				}
				c.Variables[str(k)] = cv
			}
		}
		out[i] = c
	}
	return out
}

func (r *reloader) pathItem(key string, p *openapi3.PathItem) *openapi3.PathItem {
	if p == nil || p.Ref != "" || len(p.AdditionalOperations) != 0 || key == ExtOrder {
		r.fail()
		return nil
	}
	c := &openapi3.PathItem{Extensions: r.ext(p.Extensions, true), Summary: str(p.Summary), Description: str(p.Description),
		Connect: r.operation(p.Connect), Delete: r.operation(p.Delete), Get: r.operation(p.Get), Head: r.operation(p.Head),
		Options: r.operation(p.Options), Patch: r.operation(p.Patch), Post: r.operation(p.Post), Put: r.operation(p.Put),
		Trace: r.operation(p.Trace), Query: r.operation(p.Query)}
	if len(p.Servers) != 0 {
		c.Servers = r.servers(p.Servers)
	}
	if len(p.Parameters) != 0 {
		c.Parameters = r.parameters(p.Parameters)
	}
	return c
}

func (r *reloader) operation(o *openapi3.Operation) *openapi3.Operation {
	if o == nil {
		return nil
	}
	c := &openapi3.Operation{Extensions: r.ext(o.Extensions, true), Summary: str(o.Summary), Description: str(o.Description),
		OperationID: str(o.OperationID), Deprecated: o.Deprecated, ExternalDocs: r.externalDocs(o.ExternalDocs)}
	if len(o.Tags) != 0 {
		c.Tags = strs(o.Tags)
	}
	if len(o.Parameters) != 0 {
		c.Parameters = r.parameters(o.Parameters)
	}
	if x := o.RequestBody; x != nil {
		c.RequestBody = r.requestBody(x)
	}
	if x := o.Responses; x != nil {
		c.Responses = r.responses(x)
	}
	if len(o.Callbacks) != 0 {
		r.fail()
	}
	if x := o.Security; x != nil && *x != nil {
		s := r.security(*x)
		c.Security = &s
	}
	if x := o.Servers; x != nil && *x != nil {
		s := r.servers(*x)
		c.Servers = &s
	}
	return c
}

func (r *reloader) parameters(ps openapi3.Parameters) openapi3.Parameters {
	out := make(openapi3.Parameters, len(ps))
	for i, p := range ps {
		out[i] = r.parameterRef(p)
	}
	return out
}

func (r *reloader) parameterRef(p *openapi3.ParameterRef) *openapi3.ParameterRef {
	switch {
	case p == nil:
		r.fail()
		return nil
	case p.Ref != "":
		r.refOnly(p)
		return &openapi3.ParameterRef{Ref: str(p.Ref)}
	case p.Value == nil:
		r.fail()
		return nil
	}
	return &openapi3.ParameterRef{Value: r.parameter(p.Value)}
}

func (r *reloader) parameter(p *openapi3.Parameter) *openapi3.Parameter {
	c := &openapi3.Parameter{Extensions: r.ext(p.Extensions, true), Name: str(p.Name), In: str(p.In), Description: str(p.Description),
		Style: str(p.Style), Explode: ptr(p.Explode), AllowEmptyValue: p.AllowEmptyValue, AllowReserved: p.AllowReserved,
		Deprecated: p.Deprecated, Required: p.Required}
	if x := p.Schema; x != nil {
		c.Schema = r.schemaRef(x)
	}
	if x := p.Example; x != nil {
		c.Example = r.value(x)
	}
	if len(p.Examples) != 0 {
		c.Examples = r.examples(p.Examples)
	}
	if len(p.Content) != 0 {
		c.Content = r.content(p.Content)
	}
	return c
}

func (r *reloader) headers(hs openapi3.Headers) openapi3.Headers {
	out := make(openapi3.Headers, len(hs))
	for k, h := range hs {
		if k == ExtOrder {
			r.fail()
		}
		switch {
		case h == nil:
			r.fail()
		case h.Ref != "":
			r.refOnly(h)
			out[str(k)] = &openapi3.HeaderRef{Ref: str(h.Ref)}
		case h.Value == nil:
			r.fail()
		default:
			out[str(k)] = &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: *r.parameter(&h.Value.Parameter)}}
		}
	}
	return out
}

func (r *reloader) requestBody(b *openapi3.RequestBodyRef) *openapi3.RequestBodyRef {
	switch {
	case b.Ref != "":
		r.refOnly(b)
		return &openapi3.RequestBodyRef{Ref: str(b.Ref)}
	case b.Value == nil:
		r.fail()
		return nil
	}
	v := b.Value
	c := &openapi3.RequestBody{Extensions: r.ext(v.Extensions, true), Description: str(v.Description), Required: v.Required}
	if v.Content != nil {
		c.Content = r.content(v.Content)
	}
	return &openapi3.RequestBodyRef{Value: c}
}

func (r *reloader) responses(rs *openapi3.Responses) *openapi3.Responses {
	if rs.Len() == 0 && len(rs.Extensions) == 0 {
		// An explicit null is kin-openapi's to tell.
		if out, _ := rs.MarshalYAML(); out == nil {
			r.fail()
			return nil
		}
	}
	c := openapi3.NewResponsesWithCapacity(rs.Len())
	c.Extensions = r.ext(rs.Extensions, true)
	if c.Extensions == nil {
		c.Extensions = map[string]any{}
	}
	for k, v := range rs.Map() {
		if !strings.HasPrefix(k, "x-") {
			c.Set(str(k), r.responseRef(v))
		} else {
			r.fail()
		}
	}
	return c
}

func (r *reloader) responseRef(v *openapi3.ResponseRef) *openapi3.ResponseRef {
	switch {
	case v == nil:
		r.fail()
		return nil
	case v.Ref != "":
		r.refOnly(v)
		return &openapi3.ResponseRef{Ref: str(v.Ref)}
	case v.Value == nil:
		r.fail()
		return nil
	}
	resp := v.Value
	c := &openapi3.Response{Extensions: r.ext(resp.Extensions, true)}
	if resp.Description != nil {
		d := str(*resp.Description)
		c.Description = &d
	}
	if len(resp.Headers) != 0 {
		c.Headers = r.headers(resp.Headers)
	}
	if len(resp.Content) != 0 {
		c.Content = r.content(resp.Content)
	}
	if len(resp.Links) != 0 {
		r.fail()
	}
	return &openapi3.ResponseRef{Value: c}
}

func (r *reloader) content(ct openapi3.Content) openapi3.Content {
	out := make(openapi3.Content, len(ct))
	for k, mt := range ct {
		if mt == nil || k == ExtOrder {
			r.fail()
			continue
		}
		c := &openapi3.MediaType{Extensions: r.ext(mt.Extensions, true)}
		if x := mt.Schema; x != nil {
			c.Schema = r.schemaRef(x)
		}
		if x := mt.ItemSchema; x != nil {
			c.ItemSchema = r.schemaRef(x)
		}
		if x := mt.Example; x != nil {
			c.Example = r.value(x)
		}
		if len(mt.Examples) != 0 {
			c.Examples = r.examples(mt.Examples)
		}
		if len(mt.Encoding) != 0 {
			c.Encoding = make(map[string]*openapi3.Encoding, len(mt.Encoding))
			for ek, e := range mt.Encoding {
				if e == nil || ek == ExtOrder {
					r.fail()
					continue
				}
				ce := &openapi3.Encoding{Extensions: r.ext(e.Extensions, true), ContentType: str(e.ContentType), Style: str(e.Style),
					Explode: ptr(e.Explode), AllowReserved: e.AllowReserved}
				if len(e.Headers) != 0 {
					ce.Headers = r.headers(e.Headers)
				}
				c.Encoding[str(ek)] = ce
			}
		}
		out[str(k)] = c
	}
	return out
}

// examples are written as literals: their keys as encoding/json orders
// them, x-apigen-order kept.
func (r *reloader) examples(ex openapi3.Examples) openapi3.Examples {
	out := make(openapi3.Examples, len(ex))
	for k, e := range ex {
		switch {
		case e == nil:
			r.fail()
		case e.Ref != "":
			r.refOnly(e)
			out[str(k)] = &openapi3.ExampleRef{Ref: str(e.Ref)}
		case e.Value == nil:
			r.fail()
		default:
			v := e.Value
			c := &openapi3.Example{Extensions: r.ext(v.Extensions, false), Summary: str(v.Summary), Description: str(v.Description), ExternalValue: str(v.ExternalValue)}
			if v.Value != nil {
				c.Value = r.value(v.Value)
			}
			out[str(k)] = &openapi3.ExampleRef{Value: c}
		}
	}
	return out
}

func (r *reloader) components(cs *openapi3.Components) *openapi3.Components {
	c := &openapi3.Components{Extensions: r.ext(cs.Extensions, true)}
	if len(cs.Schemas) != 0 {
		c.Schemas = r.schemas(cs.Schemas, r.consume)
	}
	if len(cs.Parameters) != 0 {
		c.Parameters = make(openapi3.ParametersMap, len(cs.Parameters))
		for k, p := range cs.Parameters {
			if k == ExtOrder {
				r.fail()
			}
			c.Parameters[str(k)] = r.parameterRef(p)
		}
	}
	if len(cs.Headers) != 0 {
		c.Headers = r.headers(cs.Headers)
	}
	if len(cs.RequestBodies) != 0 {
		c.RequestBodies = make(openapi3.RequestBodies, len(cs.RequestBodies))
		for k, b := range cs.RequestBodies {
			if b == nil || k == ExtOrder {
				r.fail()
				continue
			}
			c.RequestBodies[str(k)] = r.requestBody(b)
		}
	}
	if len(cs.Responses) != 0 {
		c.Responses = make(openapi3.ResponseBodies, len(cs.Responses))
		for k, v := range cs.Responses {
			if k == ExtOrder {
				r.fail()
			}
			c.Responses[str(k)] = r.responseRef(v)
		}
	}
	if len(cs.SecuritySchemes) != 0 {
		c.SecuritySchemes = make(openapi3.SecuritySchemes, len(cs.SecuritySchemes))
		for k, s := range cs.SecuritySchemes {
			if k == ExtOrder {
				r.fail()
			}
			c.SecuritySchemes[str(k)] = r.securityScheme(s)
		}
	}
	if len(cs.Examples) != 0 {
		c.Examples = r.examples(cs.Examples)
	}
	if len(cs.Links) != 0 || len(cs.Callbacks) != 0 {
		r.fail()
	}
	return c
}

func (r *reloader) securityScheme(s *openapi3.SecuritySchemeRef) *openapi3.SecuritySchemeRef {
	switch {
	case s == nil:
		r.fail()
		return nil
	case s.Ref != "":
		r.refOnly(s)
		return &openapi3.SecuritySchemeRef{Ref: str(s.Ref)}
	case s.Value == nil:
		r.fail()
		return nil
	}
	v := s.Value
	c := &openapi3.SecurityScheme{Extensions: r.ext(v.Extensions, true), Type: str(v.Type), Description: str(v.Description),
		Name: str(v.Name), In: str(v.In), Scheme: str(v.Scheme), BearerFormat: str(v.BearerFormat), OpenIdConnectUrl: str(v.OpenIdConnectUrl)}
	if f := v.Flows; f != nil {
		c.Flows = &openapi3.OAuthFlows{Extensions: r.ext(f.Extensions, true), Implicit: r.flow(f.Implicit), Password: r.flow(f.Password),
			ClientCredentials: r.flow(f.ClientCredentials), AuthorizationCode: r.flow(f.AuthorizationCode)}
	}
	return &openapi3.SecuritySchemeRef{Value: c}
}

func (r *reloader) flow(f *openapi3.OAuthFlow) *openapi3.OAuthFlow {
	if f == nil {
		return nil
	}
	c := &openapi3.OAuthFlow{Extensions: r.ext(f.Extensions, true), AuthorizationURL: str(f.AuthorizationURL), TokenURL: str(f.TokenURL), RefreshURL: str(f.RefreshURL)}
	if f.Scopes != nil {
		c.Scopes = make(map[string]string, len(f.Scopes))
		for k, v := range f.Scopes {
			c.Scopes[str(k)] = str(v)
		}
	}
	return c
}

// schemas copies ss; consume empties ss as it goes.
func (r *reloader) schemas(ss openapi3.Schemas, consume bool) openapi3.Schemas {
	out := make(openapi3.Schemas, len(ss))
	for k, s := range ss {
		if k == ExtOrder {
			r.fail()
		}
		out[str(k)] = r.schemaRef(s)
		if consume {
			delete(ss, k)
		}
	}
	return out
}

func (r *reloader) schemaRefs(rs openapi3.SchemaRefs) openapi3.SchemaRefs {
	out := make(openapi3.SchemaRefs, len(rs))
	for i, s := range rs {
		out[i] = r.schemaRef(s)
	}
	return out
}

func (r *reloader) schemaRef(s *openapi3.SchemaRef) *openapi3.SchemaRef {
	switch {
	case s == nil:
		r.fail()
		return nil
	case s.Ref != "":
		r.refOnly(s)
		return &openapi3.SchemaRef{Ref: str(s.Ref)}
	case s.Value == nil:
		r.fail()
		return nil
	}
	return &openapi3.SchemaRef{Value: r.schema(s.Value)}
}

func (r *reloader) boolSchema(b openapi3.BoolSchema) openapi3.BoolSchema {
	switch {
	case b.Has != nil:
		return openapi3.BoolSchema{Has: ptr(b.Has)}
	case b.Schema != nil:
		return openapi3.BoolSchema{Schema: r.schemaRef(b.Schema)}
	}
	return openapi3.BoolSchema{}
}

func (r *reloader) bound(b openapi3.ExclusiveBound) openapi3.ExclusiveBound {
	switch {
	case b.Value != nil:
		return openapi3.ExclusiveBound{Value: r.float(b.Value)}
	case b.Bool != nil:
		return openapi3.ExclusiveBound{Bool: ptr(b.Bool)}
	}
	return openapi3.ExclusiveBound{}
}

func (r *reloader) values(vs []any) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = r.value(v)
	}
	return out
}

func (r *reloader) schema(s *openapi3.Schema) *openapi3.Schema {
	if s.Always != nil {
		return &openapi3.Schema{Always: ptr(s.Always)}
	}
	c := &openapi3.Schema{
		Extensions:            r.ext(s.Extensions, true),
		Title:                 str(s.Title),
		Format:                str(s.Format),
		Description:           str(s.Description),
		ExternalDocs:          r.externalDocs(s.ExternalDocs),
		UniqueItems:           s.UniqueItems,
		ExclusiveMin:          r.bound(s.ExclusiveMin),
		ExclusiveMax:          r.bound(s.ExclusiveMax),
		Nullable:              s.Nullable,
		ReadOnly:              s.ReadOnly,
		WriteOnly:             s.WriteOnly,
		AllowEmptyValue:       s.AllowEmptyValue,
		Deprecated:            s.Deprecated,
		Min:                   r.float(s.Min),
		Max:                   r.float(s.Max),
		MultipleOf:            r.float(s.MultipleOf),
		MinLength:             s.MinLength,
		MaxLength:             ptr(s.MaxLength),
		Pattern:               str(s.Pattern),
		MinItems:              s.MinItems,
		MaxItems:              ptr(s.MaxItems),
		MinProps:              s.MinProps,
		MaxProps:              ptr(s.MaxProps),
		MinContains:           ptr(s.MinContains),
		MaxContains:           ptr(s.MaxContains),
		AdditionalProperties:  r.boolSchema(s.AdditionalProperties),
		UnevaluatedItems:      r.boolSchema(s.UnevaluatedItems),
		UnevaluatedProperties: r.boolSchema(s.UnevaluatedProperties),
		SchemaDialect:         str(s.SchemaDialect),
		Comment:               str(s.Comment),
		SchemaID:              str(s.SchemaID),
		Anchor:                str(s.Anchor),
		DynamicRef:            str(s.DynamicRef),
		DynamicAnchor:         str(s.DynamicAnchor),
		ContentMediaType:      str(s.ContentMediaType),
		ContentEncoding:       str(s.ContentEncoding),
	}
	if len(s.OneOf) != 0 {
		c.OneOf = r.schemaRefs(s.OneOf)
	}
	if len(s.AnyOf) != 0 {
		c.AnyOf = r.schemaRefs(s.AnyOf)
	}
	if len(s.AllOf) != 0 {
		c.AllOf = r.schemaRefs(s.AllOf)
	}
	if len(s.PrefixItems) != 0 {
		c.PrefixItems = r.schemaRefs(s.PrefixItems)
	}
	for _, p := range []struct{ dst, src **openapi3.SchemaRef }{{&c.Not, &s.Not}, {&c.Items, &s.Items}, {&c.Contains, &s.Contains},
		{&c.PropertyNames, &s.PropertyNames}, {&c.If, &s.If}, {&c.Then, &s.Then}, {&c.Else, &s.Else}, {&c.ContentSchema, &s.ContentSchema}} {
		if *p.src != nil {
			*p.dst = r.schemaRef(*p.src)
		}
	}
	if !s.Type.IsEmpty() {
		t := openapi3.Types(strs(*s.Type))
		c.Type = &t
	}
	if len(s.Enum) != 0 {
		c.Enum = r.values(s.Enum)
	}
	if s.Default != nil {
		c.Default = r.value(s.Default)
	}
	if s.Example != nil {
		c.Example = r.value(s.Example)
	}
	if s.Const != nil {
		c.Const = r.value(s.Const)
	}
	if len(s.Examples) != 0 {
		c.Examples = r.values(s.Examples)
	}
	if x := s.XML; x != nil {
		c.XML = &openapi3.XML{Extensions: r.ext(x.Extensions, true), Name: str(x.Name), Namespace: str(x.Namespace), Prefix: str(x.Prefix), Attribute: x.Attribute, Wrapped: x.Wrapped}
	}
	if len(s.Required) != 0 {
		c.Required = strs(s.Required)
	}
	if len(s.Properties) != 0 {
		c.Properties = r.schemas(s.Properties, false)
	}
	if len(s.PatternProperties) != 0 {
		c.PatternProperties = r.schemas(s.PatternProperties, false)
	}
	if len(s.DependentSchemas) != 0 {
		c.DependentSchemas = r.schemas(s.DependentSchemas, false)
	}
	if len(s.Defs) != 0 {
		c.Defs = r.schemas(s.Defs, false)
	}
	if d := s.Discriminator; d != nil {
		c.Discriminator = &openapi3.Discriminator{Extensions: r.ext(d.Extensions, true), PropertyName: str(d.PropertyName)}
		if len(d.Mapping) != 0 {
			c.Discriminator.Mapping = make(map[string]openapi3.MappingRef, len(d.Mapping))
			for k, m := range d.Mapping {
				c.Discriminator.Mapping[str(k)] = openapi3.MappingRef{Ref: str(m.Ref)}
			}
		}
	}
	if len(s.DependentRequired) != 0 {
		c.DependentRequired = make(map[string][]string, len(s.DependentRequired))
		for k, v := range s.DependentRequired {
			c.DependentRequired[str(k)] = strs(v)
		}
	}
	return c
}
