package generator

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
)

// Annotate writes the Go names Plan chooses into t as x-go-name: on every
// operation and webhook, on every component schema, and on each inline
// property whose Go name is not the one its JSON name gives on its own (a
// collision, or a name set by x-go-name already). A spec written after
// Annotate pins the names generated code is compiled against: `gen
// -spec` on it gives the same package, and other generators that read
// x-go-name give the same names. A $ref property takes no annotation, as
// it would land on the shared component.
func Annotate(t *openapi3.T) diag.List {
	pkg, diags := Plan(t, "annotate", "")
	for _, o := range append(pkg.Ops, pkg.Webhooks...) {
		if o.op != nil {
			o.op.Extensions = withExt(o.op.Extensions, oas.ExtGoName, o.Name)
		}
	}
	bySchema := map[*openapi3.Schema]*Type{}
	for _, ty := range pkg.Types {
		bySchema[ty.schema] = ty
	}
	if t.Components != nil {
		for _, ref := range t.Components.Schemas {
			if ref.Value == nil {
				continue
			}
			if ty := bySchema[ref.Value]; ty != nil {
				ref.Value.Extensions = withExt(ref.Value.Extensions, oas.ExtGoName, ty.Name)
			}
		}
	}
	for _, ty := range pkg.Types {
		for _, f := range ty.Fields {
			if f.prop == nil || f.prop.Ref != "" || f.prop.Value == nil {
				continue
			}
			if f.Name != or(ident.Exported(f.JSON), "Field") {
				f.prop.Value.Extensions = withExt(f.prop.Value.Extensions, oas.ExtGoName, f.Name)
			}
		}
	}
	return diags
}

func withExt(m map[string]any, key string, v any) map[string]any {
	if m == nil {
		m = map[string]any{}
	}
	m[key] = v
	return m
}
