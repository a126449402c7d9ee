package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
)

// param is one effective parameter of an operation with where it is
// written.
type param struct {
	p   *openapi3.Parameter
	ptr string
}

// inRank leads each key so that sorted keys list parameters in the order a
// request is written: path, query, headers, cookies.
var inRank = map[string]string{"path": "0", "query": "1", "header": "2", "cookie": "3"}

// params merges path-level and operation-level parameters the way OpenAPI
// does (the operation's win) and keys them by what identifies them on the
// wire: a path parameter by its place in the template, since its name
// never travels; a header by its name in lower case, since header names
// are case-insensitive.
func params(path, opPtr string, item *openapi3.PathItem, op *openapi3.Operation) map[string]param {
	m := map[string]param{}
	positions := map[string]int{}
	for i, t := range templateParam.FindAllString(path, -1) {
		positions[strings.TrimSpace(t[1:len(t)-1])] = i
	}
	put := func(list openapi3.Parameters, base string) {
		for i, ref := range list {
			if ref == nil || ref.Value == nil {
				continue
			}
			p := ref.Value
			m[paramKey(p, positions)] = param{p, refPointer(ref.Ref, base+"/parameters/"+strconv.Itoa(i))}
		}
	}
	if item != nil {
		put(item.Parameters, "/paths/"+oas.EscapePointer(path))
	}
	put(op.Parameters, opPtr)
	return m
}

func paramKey(p *openapi3.Parameter, positions map[string]int) string {
	rank := inRank[p.In]
	if rank == "" {
		rank = "4"
	}
	switch p.In {
	case "path":
		if i, ok := positions[p.Name]; ok {
			return rank + "path#" + strconv.Itoa(1000+i) // fixed width sorts by position
		}
	case "header":
		return rank + "header:" + strings.ToLower(p.Name)
	}
	return rank + p.In + ":" + p.Name
}

func paramLabel(p *openapi3.Parameter) string {
	return "parameter " + p.Name + " (" + p.In + ")"
}

func (c *comparer) parameters(at endpoint, o, n map[string]param) {
	var gone, fresh []string
	for _, k := range sortedKeys(o) {
		if _, ok := n[k]; ok {
			c.parameter(at, o[k], n[k])
		} else {
			gone = append(gone, k)
		}
	}
	for _, k := range sortedKeys(n) {
		if _, ok := o[k]; !ok {
			fresh = append(fresh, k)
		}
	}
	// A parameter that left one location and appeared in another under the
	// same name moved: one breaking change, not a removal and an addition.
	moved := map[string]bool{}
	for _, gk := range gone {
		op := o[gk]
		for _, fk := range fresh {
			np := n[fk]
			if moved[fk] || !strings.EqualFold(op.p.Name, np.p.Name) || op.p.In == np.p.In {
				continue
			}
			moved[gk], moved[fk] = true, true
			c.add(Breaking, at, np.ptr+"/in", "parameter "+np.p.Name+" moved from "+op.p.In+" to "+np.p.In)
			c.parameter(at, op, np)
			break
		}
	}
	for _, k := range gone {
		if !moved[k] {
			c.add(Breaking, at, o[k].ptr, paramLabel(o[k].p)+" removed")
		}
	}
	for _, k := range fresh {
		if moved[k] {
			continue
		}
		p := n[k]
		if p.p.Required {
			c.add(Breaking, at, p.ptr, paramLabel(p.p)+" added (required)")
		} else {
			c.add(Compatible, at, p.ptr, paramLabel(p.p)+" added (optional)")
		}
	}
}

func (c *comparer) parameter(at endpoint, o, n param) {
	op, np := o.p, n.p
	label := paramLabel(np)
	if op.In == "path" && np.In == "path" && op.Name != np.Name {
		c.add(Compatible, at, n.ptr+"/name", "path parameter {"+op.Name+"} renamed to {"+np.Name+"}")
	}
	if op.Required != np.Required {
		if np.Required {
			c.add(Breaking, at, n.ptr+"/required", label+" became required")
		} else {
			c.add(Compatible, at, n.ptr+"/required", label+" became optional")
		}
	}
	if op.Style != np.Style || boolOr(op.Explode, false) != boolOr(np.Explode, false) {
		c.add(Breaking, at, n.ptr, label+" serialization changed (style "+quote(op.Style)+", explode "+strconv.FormatBool(boolOr(op.Explode, false))+
			" to style "+quote(np.Style)+", explode "+strconv.FormatBool(boolOr(np.Explode, false))+")")
	}
	if op.Description != np.Description {
		c.add(Compatible, at, n.ptr+"/description", label+": description changed from "+quote(op.Description)+" to "+quote(np.Description))
	}
	if op.Deprecated != np.Deprecated {
		c.add(Compatible, at, n.ptr+"/deprecated", label+" "+deprecation(np.Deprecated))
	}
	c.extensions(at, o.ptr, n.ptr, label+": ", op.Extensions, np.Extensions)
	c.paramSchemas(at, request, label, o.ptr, n.ptr, op, np)
}

func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

// paramSchemas compares the schema of a parameter or header.
func (c *comparer) paramSchemas(at endpoint, dir direction, label, optr, nptr string, o, n *openapi3.Parameter) {
	w := c.walker(at, dir, label)
	on, nn := paramSchema(o, optr), paramSchema(n, nptr)
	switch {
	case on.s == nil && nn.s == nil:
	case on.s == nil:
		w.emit(w.narrowed(), "", nn.ptr, "schema added")
	case nn.s == nil:
		w.emit(w.widened(), "", on.ptr, "schema removed")
	default:
		w.schema("", on, nn)
	}
}

// paramSchema finds a parameter's schema, which OpenAPI lets sit under
// schema or under the one media type of content.
func paramSchema(p *openapi3.Parameter, ptr string) node {
	if p.Schema != nil {
		return root(p.Schema, ptr+"/schema")
	}
	mts := make([]string, 0, len(p.Content))
	for mt := range p.Content {
		mts = append(mts, mt)
	}
	sort.Strings(mts)
	if len(mts) > 0 && p.Content[mts[0]] != nil {
		return root(p.Content[mts[0]].Schema, ptr+"/content/"+oas.EscapePointer(mts[0])+"/schema")
	}
	return node{ptr: ptr}
}
