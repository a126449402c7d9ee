package pipeline

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// Pin readies a spec fresh from spec.Build to be published: its
// references resolved and the Go names the generator chooses written in
// (x-go-name). The pinned spec is the one apigen writes: spec files in
// any version or format are written from it, because loading loses what
// only the built spec holds, such as the doc's key order inside
// examples. It returns false, with diagnostics saying why, when the
// spec's references do not resolve; source names the spec in them.
func Pin(t *openapi3.T, source string) (diag.List, bool) {
	var diags diag.List
	// The generator plans from resolved references; a built spec's point
	// at components that have no value attached yet.
	if err := openapi3.NewLoader().ResolveRefsIn(t, nil); err != nil {
		diags.Add(diag.Pos{File: source}, diag.InvalidSpec, "spec references do not resolve: %v", err)
		return diags, false
	}
	// The generator reports its own warnings when it generates; here only
	// its names are wanted.
	_ = generator.Annotate(t)
	return diags, true
}

// Publish turns a pinned spec (Pin) into the one apigen publishes: as
// every consumer reads it, written as YAML and loaded back (oas.Reload).
// It takes t apart: whatever else is wanted of the spec is written from
// it before. Its Spec is nil when the spec cannot be written or read
// back, with diagnostics saying why.
func Publish(t *openapi3.T, source string) (oas.Reloaded, diag.List) {
	published, diags, err := oas.Reload(source, t)
	if err != nil {
		diags.Add(diag.Pos{File: source}, diag.InvalidSpec, "%v", err)
		return oas.Reloaded{}, diags
	}
	return published, diags
}
