package generator

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// routes decides each operation's route for NewHandler's router (see
// runtime's router): the spec's path with each parameter named as the
// handler reads it. The router tells overlapping routes apart segment by
// segment, literal text first, as OpenAPI says a concrete path wins over
// a templated one. Only routes with one method that match the same
// requests cannot all be served (operations that differ only in a
// #fragment, or in their parameters' names): the first in path order is,
// which keeps a path over its #fragment variants, and the others are
// reported. Their client methods are still generated.
func (p *planner) routes() {
	ops := slices.Clone(p.pkg.Ops)
	slices.SortStableFunc(ops, func(a, b *Operation) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(slices.Index(methodOrder, a.Method), slices.Index(methodOrder, b.Method)),
			strings.Compare(a.specPath, b.specPath))
	})
	served := map[string]*Operation{}
	for _, o := range ops {
		route := routePath(o)
		key, err := RouteKey(o.Method, route)
		if err != nil {
			p.warn(o.pointer, "NewHandler does not serve %s %s: %v", o.Method, o.Path, err)
			continue
		}
		if other := served[key]; other != nil {
			p.warn(o.pointer, "NewHandler does not serve %s %s: %s (%s) has the same route", o.Method, o.Path, other.Name, other.specPath)
			continue
		}
		served[key] = o
		o.Route = route
	}
}

// RouteKey is what NewHandler's router tells a route by: the method and
// the path (its #fragment cut off) with the parameters' names left out,
// the same for two routes that match the same requests. An error says why
// the router cannot serve the path. apigen mock serves a spec on the same
// router (runtime.Router), by the same rule.
func RouteKey(method, path string) (string, error) {
	wire, _, _ := strings.Cut(path, "#")
	shape, err := routeShape(wire)
	if err != nil {
		return "", err
	}
	return method + " " + shape, nil
}

// routeShape is a route with its parameters' names left out, the same
// for two routes that match the same requests; an error says why the
// router cannot serve the route.
func routeShape(route string) (string, error) {
	if !strings.HasPrefix(route, "/") {
		return "", fmt.Errorf("the path does not start with /")
	}
	segs := strings.Split(route[1:], "/")
	names := map[string]bool{}
	for i, seg := range segs {
		params := templateRE.FindAllStringIndex(seg, -1)
		if n := strings.Count(seg, "{"); n != strings.Count(seg, "}") || n != len(params) {
			return "", fmt.Errorf("the segment %q has an unpaired brace", seg)
		}
		for _, m := range params {
			name := seg[m[0]+1 : m[1]-1]
			if names[name] {
				return "", fmt.Errorf("the parameter {%s} appears twice", name)
			}
			names[name] = true
		}
		if strings.Contains(seg, "}{") {
			// A value runs to the text after it: with none, where the
			// first ends is anyone's guess.
			return "", fmt.Errorf("the segment %q has two parameters with no text between them", seg)
		}
		segs[i] = templateRE.ReplaceAllString(seg, "{}")
	}
	return "/" + strings.Join(segs, "/"), nil
}

// routePath is an operation's path with its parameters named as the
// handler reads them: Go identifiers (wildcardName), distinct.
func routePath(o *Operation) string {
	wildcards := map[string]string{}
	used := map[string]bool{}
	for _, q := range o.Params {
		if q.In != "path" {
			continue
		}
		w := wildcardName(q.Name)
		for i := 2; used[w]; i++ {
			w = fmt.Sprintf("%s%d", wildcardName(q.Name), i)
		}
		used[w] = true
		q.Wildcard = w
		wildcards[q.Name] = w
	}
	return templateRE.ReplaceAllStringFunc(o.Path, func(m string) string {
		name := m[1 : len(m)-1]
		if w, ok := wildcards[name]; ok {
			return "{" + w + "}"
		}
		return m
	})
}

var templateRE = regexp.MustCompile(`\{[^{}/]*\}`)

// wildcardName turns a path parameter's name into a Go identifier.
func wildcardName(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r):
			b.WriteRune(r)
		case i == 0 && unicode.IsDigit(r):
			b.WriteString("_")
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}
