package main

import (
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
)

// endpoint is what the built spec says about one operation or webhook,
// reduced to what the ground truth records.
type endpoint struct {
	title, method string
	path          string // "" when the page gave no URL
	request       []param
	response      [][]string
	dataKey       string // the envelope's data member, whose fields a page may list without it
}

type param struct {
	fromExample bool // only the page's example shows it, and ground truth lists table rows
	path        []string
	required    bool
	in          string // query, header, path, cookie, or body
	docType     string // the type cell as written, from x-apigen-doc-type
	fromURL     bool   // a path parameter the URL template declares
}

// extract lists the operations and webhooks of a spec. unaddressed holds
// the paths the scorer gave to endpoints the page gave no URL for.
func extract(t *openapi3.T, unaddressed map[string]bool) []endpoint {
	dataKey := ""
	if env, _ := oas.Envelope(t); env != nil {
		dataKey = env.Data
	}
	var out []endpoint
	add := func(path string, item *openapi3.PathItem, webhook string) {
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			op := item.Operations()[method]
			ep := endpoint{title: op.Summary, method: method, path: path, dataKey: dataKey}
			if webhook != "" {
				ep.title, ep.path = webhook, ""
			}
			if unaddressed[path] {
				ep.path = ""
			}
			ep.request = requestParams(path, op)
			ep.response = responseFields(op)
			out = append(out, ep)
		}
	}
	for _, path := range t.Paths.InMatchingOrder() {
		add(path, t.Paths.Value(path), "")
	}
	for _, name := range slices.Sorted(maps.Keys(t.Webhooks)) {
		add("", t.Webhooks[name], name)
	}
	return out
}

func requestParams(path string, op *openapi3.Operation) []param {
	var out []param
	for _, p := range op.Parameters {
		if p.Value == nil {
			continue
		}
		v := p.Value
		out = append(out, param{
			path: splitPath(v.Name), required: v.Required, in: v.In, docType: docType(v.Schema),
			fromURL: v.In == openapi3.ParameterInPath && strings.Contains(path, "{"+v.Name+"}"),
		})
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return out
	}
	for _, mt := range sortedContent(op.RequestBody.Value.Content) {
		if s := mt.Schema; s != nil && s.Value != nil && s.Value.Extensions[oas.ExtBodyStream] != nil {
			// The whole body is one documented row (POST流).
			name, _ := s.Value.Extensions[oas.ExtBodyStream].(string)
			out = append(out, param{path: splitPath(name), required: op.RequestBody.Value.Required, in: "body", docType: docType(s)})
			break
		}
		walk(mt.Schema, nil, 0, func(path []string, s *openapi3.SchemaRef, required bool) {
			out = append(out, param{path: path, required: required, in: "body", docType: docType(s), fromExample: fromExample(s)})
		})
		break
	}
	return out
}

func responseFields(op *openapi3.Operation) [][]string {
	if op.Responses == nil {
		return nil
	}
	var r *openapi3.ResponseRef
	for _, code := range []string{"200", "201", "2XX", "default"} {
		if r = op.Responses.Value(code); r != nil {
			break
		}
	}
	if r == nil || r.Value == nil {
		return nil
	}
	var out [][]string
	for _, mt := range sortedContent(r.Value.Content) {
		walk(mt.Schema, nil, 0, func(path []string, _ *openapi3.SchemaRef, _ bool) {
			out = append(out, path)
		})
		break
	}
	// A page lists response headers among the response's fields.
	for _, name := range slices.Sorted(maps.Keys(r.Value.Headers)) {
		out = append(out, []string{name})
	}
	return out
}

func sortedContent(c openapi3.Content) []*openapi3.MediaType {
	var out []*openapi3.MediaType
	for _, k := range slices.Sorted(maps.Keys(c)) {
		out = append(out, c[k])
	}
	return out
}

// maxDepth bounds the walk through recursive schemas.
const maxDepth = 24

// walk visits every property below s with its path from the top; array
// items and JSON carried in a string are transparent, as they are in the
// ground truth's names.
func walk(s *openapi3.SchemaRef, prefix []string, depth int, visit func([]string, *openapi3.SchemaRef, bool)) {
	if s == nil || s.Value == nil || depth > maxDepth {
		return
	}
	v := s.Value
	for _, name := range slices.Sorted(maps.Keys(v.Properties)) {
		p := concat(prefix, []string{name})
		visit(p, v.Properties[name], slices.Contains(v.Required, name))
		walk(v.Properties[name], p, depth+1, visit)
	}
	walk(v.Items, prefix, depth+1, visit)
	walk(v.ContentSchema, prefix, depth+1, visit)
	for _, group := range []openapi3.SchemaRefs{v.AllOf, v.OneOf, v.AnyOf} {
		for _, sub := range group {
			walk(sub, prefix, depth+1, visit)
		}
	}
}

func docType(s *openapi3.SchemaRef) string {
	if s == nil || s.Value == nil {
		return ""
	}
	t, _ := s.Value.Extensions[oas.ExtDocType].(string)
	return t
}

func fromExample(s *openapi3.SchemaRef) bool {
	return s != nil && s.Value != nil && s.Value.Extensions[oas.ExtFromExample] == true
}
