package oas

import (
	"context"
	"fmt"
	"maps"
	"runtime/debug"
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
	// The examples are checked while kin-openapi validates the spec, on
	// the other CPU: both only read it. On a spec that does not
	// validate, only the validation's error counts, even if a check
	// panicked on what the validation refuses.
	examples := make(chan checked, 1)
	go func() {
		var c checked
		defer func() {
			if v := recover(); v != nil {
				c.panicked = fmt.Sprintf("%v\n%s", v, debug.Stack())
			}
			examples <- c
		}()
		c.diags = checkExamples(t)
	}()
	err := t.Validate(context.Background(), openapi3.DisableExamplesValidation())
	c := <-examples
	if err != nil {
		diags.Add(diag.Pos{}, diag.InvalidSpec, "the spec is not valid OpenAPI: %v", err)
		return diags
	}
	if c.panicked != "" {
		panic("checking the examples: " + c.panicked)
	}
	return c.diags
}

// checked is what checking a spec's examples found.
type checked struct {
	diags    diag.List
	panicked string // the panic and its stack, when checking panicked
}

// checkExamples checks the request and answer example of every
// operation against its schema.
func checkExamples(t *openapi3.T) diag.List {
	var diags diag.List
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
