package spec

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
)

// shareObjects turns inline objects that several places of the spec
// describe identically (a doc copies its `extColumns` table into every
// operation) into one component each, named after the field that holds
// them, so clients in every language get one type instead of one per
// operation. Examples do not count as a difference.
func shareObjects(components openapi3.Schemas) {
	type site struct {
		ref  *openapi3.SchemaRef
		hint string
	}
	groups := map[string][]site{}
	prints := fingerprints{}
	var order []string
	var walk func(r *openapi3.SchemaRef, hint string, depth int)
	walk = func(r *openapi3.SchemaRef, hint string, depth int) {
		// Each candidate's fingerprint encodes its whole subtree; past a
		// depth no real doc reaches, hostile nesting would make that
		// quadratic.
		if r == nil || r.Ref != "" || r.Value == nil || depth > maxShareDepth {
			return
		}
		s := r.Value
		if depth > 0 && len(s.Properties) > 0 {
			key := prints.of(s)
			if _, seen := groups[key]; !seen {
				order = append(order, key)
			}
			groups[key] = append(groups[key], site{r, hint})
		}
		for _, name := range oas.PropertyOrder(s) {
			walk(s.Properties[name], ident.Exported(name), depth+1)
		}
		walk(s.Items, hint+"Item", depth+1)
		walk(s.ContentSchema, hint, depth+1)
	}
	if countSchemas(components, maxShareSchemas+1) > maxShareSchemas {
		return // far beyond any real doc: not worth fingerprinting
	}
	for _, name := range slices.Sorted(maps.Keys(components)) {
		walk(components[name], name, 0)
	}
	var names ident.Unique
	for name := range components {
		names.Claim(name)
	}
	for _, key := range order {
		sites := groups[key]
		if len(sites) < 2 || sites[0].hint == "" {
			continue
		}
		name := names.Next(sites[0].hint)
		components[name] = openapi3.NewSchemaRef("", sites[0].ref.Value)
		for _, s := range sites {
			s.ref.Ref = "#/components/schemas/" + name
		}
	}
}

const (
	maxShareDepth   = 16
	maxShareSchemas = 20000
)

// countSchemas counts the inline schemas below components, stopping at
// limit.
func countSchemas(components openapi3.Schemas, limit int) int {
	n := 0
	seen := map[*openapi3.Schema]bool{}
	var count func(r *openapi3.SchemaRef)
	count = func(r *openapi3.SchemaRef) {
		if n >= limit || r == nil || r.Ref != "" || r.Value == nil || seen[r.Value] {
			return
		}
		seen[r.Value] = true
		n++
		for _, p := range r.Value.Properties {
			count(p)
		}
		count(r.Value.Items)
		count(r.Value.ContentSchema)
	}
	for _, c := range components {
		count(c)
	}
	return n
}

// fingerprints identifies schemas by content, examples aside. Each
// schema's fingerprint is built from its own keywords and its children's
// fingerprints, once per schema, so deep trees cost linear time.
type fingerprints map[*openapi3.Schema]string

func (f fingerprints) of(s *openapi3.Schema) string {
	if s == nil {
		return "-"
	}
	if fp, ok := f[s]; ok {
		return fp
	}
	f[s] = "cycle" // a schema reached again inside itself
	shallow := *s
	shallow.Properties, shallow.Items, shallow.ContentSchema = nil, nil, nil
	shallow.Examples, shallow.Example = nil, nil
	own, _ := json.Marshal(&shallow)
	h := sha256.New()
	h.Write(own)
	for _, name := range oas.PropertyOrder(s) {
		fmt.Fprintf(h, "|%s=%s", name, f.ofRef(s.Properties[name]))
	}
	fmt.Fprintf(h, "|items=%s|content=%s", f.ofRef(s.Items), f.ofRef(s.ContentSchema))
	fp := hex.EncodeToString(h.Sum(nil))
	f[s] = fp
	return fp
}

func (f fingerprints) ofRef(r *openapi3.SchemaRef) string {
	switch {
	case r == nil:
		return "-"
	case r.Ref != "":
		return r.Ref
	}
	return f.of(r.Value)
}
