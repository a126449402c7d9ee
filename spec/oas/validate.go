package oas

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
)

// Validate checks a spec with kin-openapi, reporting failures as E004, and
// checks every media-type example against its schema as written (see
// CheckExample), reporting a mismatch as W027: the doc's own example
// disagreeing with the spec is worth knowing but does not make the spec
// wrong.
func Validate(t *openapi3.T) diag.List {
	var diags diag.List
	loader := openapi3.NewLoader()
	if err := loader.ResolveRefsIn(t, nil); err != nil {
		diags.Add(diag.Pos{}, diag.InvalidSpec, "spec references do not resolve: %v", err)
		return diags
	}
	if err := t.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		diags.Add(diag.Pos{}, diag.InvalidSpec, "the spec is not valid OpenAPI: %v", err)
		return diags
	}
	examples := newValidChecker()
	checkOps := func(name string, item *openapi3.PathItem) {
		for _, method := range slices.Sorted(maps.Keys(item.Operations())) {
			op := item.Operations()[method]
			check := func(where string, mt *openapi3.MediaType) {
				if mt == nil || mt.Example == nil || mt.Schema == nil || mt.Schema.Value == nil {
					return
				}
				if err := examples.check(mt.Schema.Value, mt.Example); err != nil {
					diags.Add(SourcePos(op), diag.ExampleMismatch, "%s %s: the %s example does not match the schema: %v", method, name, where, firstLine(err.Error()))
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				check("request", op.RequestBody.Value.Content.Get("application/json"))
			}
			if r := op.Responses.Value("200"); r != nil && r.Value != nil {
				check("response", r.Value.Content.Get("application/json"))
			}
		}
	}
	for _, path := range t.Paths.InMatchingOrder() {
		checkOps(path, t.Paths.Value(path))
	}
	for _, name := range slices.Sorted(maps.Keys(t.Webhooks)) {
		checkOps(name, t.Webhooks[name])
	}
	return diags
}

// SourcePos reads back the doc position an operation was built from: the
// base name of its doc and the line.
func SourcePos(op *openapi3.Operation) diag.Pos {
	src, _ := op.Extensions[ExtSource].(string)
	i := strings.LastIndexByte(src, ':')
	if i < 0 {
		return diag.Pos{File: src}
	}
	line, _ := strconv.Atoi(src[i+1:])
	return diag.Pos{File: src[:i], Line: line}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
