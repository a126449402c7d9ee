package oas

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
)

// Merge makes one spec of the groups a spec viewer serves (Swagger UI's and
// springdoc's groups of one service): the first's info and servers, every
// group's operations, tags and components. Groups of one service share
// their schemas; a name two groups give different schemas, or an
// operation two groups both have, keeps the first and is reported.
func Merge(specs []*openapi3.T, names []string) (*openapi3.T, diag.List) {
	var diags diag.List
	if len(specs) == 0 {
		return nil, diags
	}
	out := specs[0]
	if out.Paths == nil {
		out.Paths = openapi3.NewPaths()
	}
	if out.Components == nil {
		out.Components = &openapi3.Components{}
	}
	for i, t := range specs[1:] {
		at := diag.Pos{File: names[i+1]}
		if t.Paths != nil {
			for _, path := range t.Paths.InMatchingOrder() {
				item := t.Paths.Value(path)
				have := out.Paths.Value(path)
				if have == nil {
					out.Paths.Set(path, item)
					continue
				}
				for method, op := range item.Operations() {
					if have.GetOperation(method) != nil {
						if !sameJSON(have.GetOperation(method), op) {
							diags.Add(at, diag.GroupConflict, "%s %s is in two groups with different definitions; the first group's is kept", method, path)
						}
						continue
					}
					have.SetOperation(method, op)
				}
			}
		}
		for _, tag := range t.Tags {
			if out.Tags.Get(tag.Name) == nil {
				out.Tags = append(out.Tags, tag)
			}
		}
		if t.Components == nil {
			continue
		}
		if out.Components.Schemas == nil {
			out.Components.Schemas = openapi3.Schemas{}
		}
		for _, name := range slices.Sorted(maps.Keys(t.Components.Schemas)) {
			s := t.Components.Schemas[name]
			have, ok := out.Components.Schemas[name]
			switch {
			case !ok:
				out.Components.Schemas[name] = s
			case !sameJSON(have, s):
				diags.Add(at, diag.GroupConflict, "schema %s differs between groups; the first group's is kept, and this group's operations that use it are described by it", name)
			}
		}
		if out.Components.SecuritySchemes == nil && t.Components.SecuritySchemes != nil {
			out.Components.SecuritySchemes = t.Components.SecuritySchemes
		}
	}
	return out, diags
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}
