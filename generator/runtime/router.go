package runtime

import (
	"net/http"
	"net/url"
	"strings"
)

// router serves requests by the spec's path templates. At each segment a
// literal is tried before a parameter with literal text around it
// ({id}.json), and that before a parameter alone: OpenAPI's rule that a
// concrete path wins over a templated one, applied where two routes
// first differ, so that every route of the spec is served (a ServeMux
// refuses /a/{x} beside /{y}/b). A route that matches the path but not
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
}

// maxInlineParams is how many path parameters are gathered without an
// allocation.
const maxInlineParams = 8

type routeNode struct {
	literal map[string]*routeNode
	affixed []*affixNode // most literal text first
	param   *routeNode
	ends    map[string]*routeEnd // by method: the routes that end here
}

// affixNode is a segment that is a parameter with literal text before or
// after it.
type affixNode struct {
	prefix, suffix string
	node           routeNode
}

type routeEnd struct {
	pattern string
	names   []string // the parameters' names, in path order
	serve   http.HandlerFunc
}

// handle adds a route. The template is the spec's path: segments that
// are literal text, or hold one {name} with literal text around it or
// not; the generator plans only such templates, and no two of them with
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
		end := strings.IndexByte(seg, '}')
		names = append(names, seg[open+1:end])
		prefix, suffix := seg[:open], seg[end+1:]
		if prefix == "" && suffix == "" {
			if n.param == nil {
				n.param = &routeNode{}
			}
			n = n.param
			continue
		}
		n = n.affix(prefix, suffix)
	}
	if n.ends == nil {
		n.ends = map[string]*routeEnd{}
	}
	n.ends[method] = &routeEnd{pattern: method + " " + template, names: names, serve: serve}
}

func (n *routeNode) affix(prefix, suffix string) *routeNode {
	for _, a := range n.affixed {
		if a.prefix == prefix && a.suffix == suffix {
			return &a.node
		}
	}
	a := &affixNode{prefix: prefix, suffix: suffix}
	i := 0
	for i < len(n.affixed) && len(n.affixed[i].prefix)+len(n.affixed[i].suffix) >= len(prefix)+len(suffix) {
		i++
	}
	n.affixed = append(n.affixed[:i], append([]*affixNode{a}, n.affixed[i:]...)...)
	return &a.node
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
	for _, a := range n.affixed {
		if len(seg) > len(a.prefix)+len(a.suffix) && strings.HasPrefix(seg, a.prefix) && strings.HasSuffix(seg, a.suffix) {
			if end, v := next(&a.node, append(values, seg[len(a.prefix):len(seg)-len(a.suffix)])); end != nil {
				return end, v
			}
		}
	}
	if n.param != nil && seg != "" {
		return next(n.param, append(values, seg))
	}
	return nil, nil
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
