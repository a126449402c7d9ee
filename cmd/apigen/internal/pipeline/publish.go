package pipeline

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// Publish turns a spec fresh from spec.Build into the one apigen
// publishes: with the Go names the generator chooses written in
// (x-go-name), then as every consumer reads it: written and loaded back
// (oas.Reload).
// The names go into the built spec itself, not into a loaded copy,
// because loading loses what only the built spec holds, such as the
// doc's key order inside examples. It returns nil when the spec cannot
// be written or read back, with diagnostics saying why; source names the
// spec in them.
func Publish(t *openapi3.T, source string) (*openapi3.T, *oas.Lines, diag.List) {
	var diags diag.List
	// The generator plans from resolved references; a built spec's point
	// at components that have no value attached yet.
	if err := openapi3.NewLoader().ResolveRefsIn(t, nil); err != nil {
		diags.Add(diag.Pos{File: source}, diag.InvalidSpec, "spec references do not resolve: %v", err)
		return nil, nil, diags
	}
	// The generator reports its own warnings when it generates; here only
	// its names are wanted.
	_ = generator.Annotate(t)
	loaded, lines, ld, err := oas.Reload(source, t)
	if err != nil {
		diags.Add(diag.Pos{File: source}, diag.InvalidSpec, "%v", err)
		return nil, nil, diags
	}
	return loaded, lines, append(diags, ld...)
}
