package runtime

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// router serves requests by the spec's path templates. At each segment a
// literal is tried before parameters with literal text around or between
// them ({id}.json, {page}.{format}), and those before a parameter alone:
// OpenAPI's rule that a concrete path wins over a templated one, applied
// where two routes first differ, so that every route of the spec is
// served (a ServeMux refuses /a/{x} beside /{y}/b). A route that matches the path but not
// the method leaves the request to a less specific one that matches
// both; a HEAD request goes to the GET route when no HEAD route matches.
// Segments are compared and parameters read unescaped, one by one, so a
// parameter may hold an escaped slash. Path values are set on the
// request, where r.PathValue reads them, and r.Pattern names the route
// ("POST /items/{id}"), as a ServeMux sets it, for middleware that
// labels requests by route.
type router struct {
	root     routeNode
	notFound http.HandlerFunc
	// notAllowed answers a request whose path routes serve but not with
	// its method; the router has set the Allow header to their methods.
	notAllowed http.HandlerFunc
}

// maxInlineParams is how many path parameters are gathered without an
// allocation.
const maxInlineParams = 8

type routeNode struct {
	literal map[string]*routeNode
	mixed   []*mixedNode // most literal text first
	param   *routeNode
	ends    map[string]*routeEnd // by method: the routes that end here
}

// mixedNode is a segment of parameters and literal text: lits are the
// texts before, between and after the parameters (one more than there
// are parameters). A parameter's value runs to the first occurrence of
// the text after it, so the texts between parameters are never empty.
type mixedNode struct {
	lits []string
	size int // the length of the literal text
	node routeNode
}

type routeEnd struct {
	pattern string
	names   []string // the parameters' names, in path order
	serve   http.HandlerFunc
}

// handle adds a route. The template is the spec's path: segments of
// literal text, {name} parameters, or both with text between any two
// parameters; the generator plans only such templates, and no two with
// the same method that match the same requests.
func (rt *router) handle(method, template string, serve http.HandlerFunc) {
	n := &rt.root
	var names []string
	for _, seg := range strings.Split(strings.TrimPrefix(template, "/"), "/") {
		open := strings.IndexByte(seg, '{')
		if open < 0 {
			if n.literal == nil {
				n.literal = map[string]*routeNode{}
			}
			child := n.literal[seg]
			if child == nil {
				child = &routeNode{}
				n.literal[seg] = child
			}
			n = child
			continue
		}
		if open == 0 && seg[len(seg)-1] == '}' && strings.Count(seg, "{") == 1 {
			names = append(names, seg[1:len(seg)-1])
			if n.param == nil {
				n.param = &routeNode{}
			}
			n = n.param
			continue
		}
		var lits []string
		for open >= 0 {
			end := strings.IndexByte(seg, '}')
			lits = append(lits, seg[:open])
			names = append(names, seg[open+1:end])
			seg = seg[end+1:]
			open = strings.IndexByte(seg, '{')
		}
		n = n.mix(append(lits, seg))
	}
	if n.ends == nil {
		n.ends = map[string]*routeEnd{}
	}
	n.ends[method] = &routeEnd{pattern: method + " " + template, names: names, serve: serve}
}

func (n *routeNode) mix(lits []string) *routeNode {
	for _, m := range n.mixed {
		if slices.Equal(m.lits, lits) {
			return &m.node
		}
	}
	m := &mixedNode{lits: lits}
	for _, l := range lits {
		m.size += len(l)
	}
	i := 0
	for i < len(n.mixed) && n.mixed[i].size >= m.size {
		i++
	}
	n.mixed = slices.Insert(n.mixed, i, m)
	return &m.node
}

// values appends the values of the parameters in seg to values; false
// when seg does not have the node's texts, or leaves a parameter empty.
func (m *mixedNode) values(seg string, values []string) ([]string, bool) {
	rest, ok := strings.CutPrefix(seg, m.lits[0])
	if !ok {
		return nil, false
	}
	last := len(m.lits) - 1
	for _, lit := range m.lits[1:last] {
		i := strings.Index(rest, lit)
		if i <= 0 {
			return nil, false
		}
		values = append(values, rest[:i])
		rest = rest[i+len(lit):]
	}
	v, ok := strings.CutSuffix(rest, m.lits[last])
	if !ok || v == "" {
		return nil, false
	}
	return append(values, v), true
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	if !strings.HasPrefix(path, "/") {
		rt.notFound(w, r)
		return
	}
	var inline [maxInlineParams]string
	end, values := rt.root.match(path[1:], r.Method, inline[:0])
	if end == nil {
		if allow := rt.root.methods(path[1:], nil); len(allow) > 0 {
			slices.Sort(allow)
			w.Header().Set("Allow", strings.Join(slices.Compact(allow), ", "))
			rt.notAllowed(w, r)
			return
		}
		rt.notFound(w, r)
		return
	}
	r.Pattern = end.pattern
	for i, name := range end.names {
		r.SetPathValue(name, values[i])
	}
	end.serve(w, r)
}

// match finds the route for the rest of a path below n, and the values of
// its parameters appended to values.
func (n *routeNode) match(rest, method string, values []string) (*routeEnd, []string) {
	raw, more, found := strings.Cut(rest, "/")
	seg := raw
	if strings.IndexByte(raw, '%') >= 0 {
		var err error
		if seg, err = url.PathUnescape(raw); err != nil {
			return nil, nil
		}
	}
	next := func(child *routeNode, values []string) (*routeEnd, []string) {
		if found {
			return child.match(more, method, values)
		}
		return child.end(method), values
	}
	if child := n.literal[seg]; child != nil {
		if end, v := next(child, values); end != nil {
			return end, v
		}
	}
	for _, m := range n.mixed {
		if v, ok := m.values(seg, values); ok {
			if end, v := next(&m.node, v); end != nil {
				return end, v
			}
		}
	}
	if n.param != nil && seg != "" {
		return next(n.param, append(values, seg))
	}
	return nil, nil
}

// methods appends to allow the methods of every route that serves the
// rest of a path below n, whatever the request's method: what a 405's
// Allow header lists (with HEAD where GET is).
func (n *routeNode) methods(rest string, allow []string) []string {
	raw, more, found := strings.Cut(rest, "/")
	seg, err := url.PathUnescape(raw)
	if err != nil {
		return allow
	}
	next := func(child *routeNode) {
		if found {
			allow = child.methods(more, allow)
			return
		}
		for method := range child.ends {
			allow = append(allow, method)
			if method == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	if child := n.literal[seg]; child != nil {
		next(child)
	}
	for _, m := range n.mixed {
		if _, ok := m.values(seg, nil); ok {
			next(&m.node)
		}
	}
	if n.param != nil && seg != "" {
		next(n.param)
	}
	return allow
}

func (n *routeNode) end(method string) *routeEnd {
	if e := n.ends[method]; e != nil {
		return e
	}
	if method == http.MethodHead {
		return n.ends[http.MethodGet]
	}
	return nil
}
