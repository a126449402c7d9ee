package oas

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// keepExamples puts the original's example values back into its copy:
// the copy through JSON decodes an example object into a map, which is
// written with its keys sorted, while the doc's examples keep the order
// the doc wrote them in. The conversion never changes an example, so the
// two specs can share the values.
func keepExamples(dst, src *openapi3.T) {
	if dst.Paths != nil && src.Paths != nil {
		for path, item := range src.Paths.Map() {
			keepPathItem(dst.Paths.Value(path), item)
		}
	}
	for name, item := range src.Webhooks {
		keepPathItem(dst.Webhooks[name], item)
	}
	if dst.Components == nil || src.Components == nil {
		return
	}
	for name, p := range src.Components.Parameters {
		keepParameter(dst.Components.Parameters[name], p)
	}
	for name, h := range src.Components.Headers {
		keepHeader(dst.Components.Headers[name], h)
	}
	for name, rb := range src.Components.RequestBodies {
		if d := dst.Components.RequestBodies[name]; d != nil && d.Value != nil && rb.Value != nil {
			keepContent(d.Value.Content, rb.Value.Content)
		}
	}
	for name, r := range src.Components.Responses {
		keepResponse(dst.Components.Responses[name], r)
	}
	for name, ex := range src.Components.Examples {
		keepExample(dst.Components.Examples[name], ex)
	}
}

func keepPathItem(dst, src *openapi3.PathItem) {
	if dst == nil || src == nil {
		return
	}
	keepParameters(dst.Parameters, src.Parameters)
	for method, op := range src.Operations() {
		d := dst.GetOperation(method)
		if d == nil || op == nil {
			continue
		}
		keepParameters(d.Parameters, op.Parameters)
		if d.RequestBody != nil && d.RequestBody.Value != nil && op.RequestBody != nil && op.RequestBody.Value != nil {
			keepContent(d.RequestBody.Value.Content, op.RequestBody.Value.Content)
		}
		if d.Responses != nil && op.Responses != nil {
			for code, r := range op.Responses.Map() {
				keepResponse(d.Responses.Value(code), r)
			}
		}
	}
}

func keepParameters(dst, src openapi3.Parameters) {
	for i := range min(len(dst), len(src)) {
		keepParameter(dst[i], src[i])
	}
}

func keepParameter(dst, src *openapi3.ParameterRef) {
	if dst == nil || dst.Value == nil || src == nil || src.Value == nil {
		return
	}
	dst.Value.Example = src.Value.Example
	keepExamplesMap(dst.Value.Examples, src.Value.Examples)
	keepContent(dst.Value.Content, src.Value.Content)
}

func keepHeader(dst, src *openapi3.HeaderRef) {
	if dst == nil || dst.Value == nil || src == nil || src.Value == nil {
		return
	}
	dst.Value.Example = src.Value.Example
	keepExamplesMap(dst.Value.Examples, src.Value.Examples)
	keepContent(dst.Value.Content, src.Value.Content)
}

func keepResponse(dst, src *openapi3.ResponseRef) {
	if dst == nil || dst.Value == nil || src == nil || src.Value == nil {
		return
	}
	keepContent(dst.Value.Content, src.Value.Content)
	for name, h := range src.Value.Headers {
		keepHeader(dst.Value.Headers[name], h)
	}
}

func keepContent(dst, src openapi3.Content) {
	for media, mt := range src {
		d := dst[media]
		if d == nil || mt == nil {
			continue
		}
		d.Example = mt.Example
		keepExamplesMap(d.Examples, mt.Examples)
	}
}

func keepExamplesMap(dst, src openapi3.Examples) {
	for name, ex := range src {
		keepExample(dst[name], ex)
	}
}

func keepExample(dst, src *openapi3.ExampleRef) {
	if dst != nil && dst.Value != nil && src != nil && src.Value != nil {
		dst.Value.Value = src.Value.Value
	}
}
