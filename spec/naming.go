package spec

import (
	"cmp"
	"slices"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/ident"
)

// genericVerbs are last path segments that name an action but not the
// thing acted on (returnmoneyrecord/add): the operationId then joins the
// previous segment.
var genericVerbs = map[string]bool{
	"add": true, "get": true, "list": true, "update": true, "delete": true, "del": true, "info": true,
	"detail": true, "query": true, "create": true, "remove": true, "save": true, "edit": true,
	"search": true, "page": true, "set": true, "new": true,
}

// route is one endpoint placed at its method and path, waiting for its
// operationId.
type route struct {
	doc          *parser.Document
	ep           *parser.Endpoint
	method, path string
	fixed        string // the name an override gives it
	name         string
}

// nameRoutes gives every route its operationId from its method and path
// alone, so that moving a section of a page, or adding one, never changes
// which endpoint a name calls (a Go method name is an API users compile
// against). A route is named by the last segment of its path, joined to
// the one before when it is a generic verb (returnmoneyrecord/add). Routes
// that would share a name take in more of their paths, all of them at
// once, until they differ; routes whose paths are spent are told apart by
// their path parameters, then by their methods. Only routes that nothing
// tells apart (none do, once duplicates are dropped) fall back to a
// counter, in path order. Names set by overrides are kept as given.
func nameRoutes(routes []*route, ids *ident.Unique, diags *diag.List) {
	type candidate struct {
		r        *route
		segs     []string // the path's words, last first
		take     int      // how many segs the name uses
		byParams bool     // the name ends in the path's parameters
		byMethod bool     // the name starts with the method
	}
	var open []*candidate
	fixed := map[string]bool{}
	for _, r := range routes {
		if r.fixed != "" {
			fixed[r.fixed] = true
			continue
		}
		c := &candidate{r: r, segs: nameSegments(r.path), take: 1}
		if len(c.segs) > 1 && genericVerbs[strings.ToLower(c.segs[0])] {
			c.take = 2
		}
		open = append(open, c)
	}
	name := func(c *candidate) string {
		var parts []string
		if c.byMethod {
			parts = append(parts, strings.ToLower(c.r.method))
		}
		for i := min(c.take, len(c.segs)) - 1; i >= 0; i-- {
			parts = append(parts, c.segs[i])
		}
		if len(c.segs) == 0 {
			parts = append(parts, "root")
		}
		if c.byParams {
			parts = append(parts, paramSuffix(c.r.path))
		}
		n := strings.TrimSuffix(ident.Unexported(strings.Join(parts, "_")), "_")
		if n == "" {
			n = "operation"
		}
		return n
	}
	for changed := true; changed; {
		changed = false
		groups := map[string][]*candidate{}
		for _, c := range open {
			groups[name(c)] = append(groups[name(c)], c)
		}
		for n, g := range groups {
			if len(g) < 2 && !fixed[n] {
				continue
			}
			// More of the path tells apart routes whose paths differ;
			// routes on the same words differ in parameters or method.
			extended := false
			if !sameWords(g, func(c *candidate) []string { return c.segs }) || fixed[n] {
				for _, c := range g {
					if c.take < len(c.segs) {
						c.take++
						extended = true
					}
				}
			}
			if extended {
				changed = true
				continue
			}
			for _, c := range g {
				switch {
				case !c.byParams && paramSuffix(c.r.path) != "":
					c.byParams, changed = true, true
				case !c.byMethod:
					c.byMethod, changed = true, true
				}
			}
		}
	}
	// Overrides first, then the derived names in path order, so that a
	// counter, if one is ever needed, does not follow the page's order.
	for _, r := range routes {
		if r.fixed != "" {
			r.name = claimID(ids, r.fixed, r.ep.Pos, diags)
		}
	}
	slices.SortStableFunc(open, func(a, b *candidate) int {
		return cmp.Or(strings.Compare(a.r.path, b.r.path), strings.Compare(a.r.method, b.r.method))
	})
	for _, c := range open {
		c.r.name = claimID(ids, name(c), c.r.ep.Pos, diags)
	}
}

// sameWords reports whether every member of g has the same words.
func sameWords[T any](g []T, words func(T) []string) bool {
	for _, c := range g[1:] {
		if !slices.Equal(words(c), words(g[0])) {
			return false
		}
	}
	return true
}

// nameSegments returns the words a path names its operation with, last
// first: its literal segments and, for a path several operations share,
// the #fragment that tells this one apart.
func nameSegments(path string) []string {
	path, frag, _ := strings.Cut(path, "#")
	var segs []string
	if frag != "" {
		segs = append(segs, frag)
	}
	parts := strings.Split(path, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if s := parts[i]; s != "" && !strings.HasPrefix(s, "{") {
			segs = append(segs, s)
		}
	}
	return segs
}

// paramSuffix is "by_id_and_name" for a path with {id} and {name}.
func paramSuffix(path string) string {
	var names []string
	for _, s := range strings.Split(path, "/") {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			names = append(names, strings.Trim(s, "{}"))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "by_" + strings.Join(names, "_and_")
}

// operationName derives an operationId from a path on its own, as
// nameRoutes does for a route that shares its name with no other.
func operationName(path string) string {
	r := &route{path: path, ep: &parser.Endpoint{}}
	var ids ident.Unique
	nameRoutes([]*route{r}, &ids, &diag.List{})
	return r.name
}

// moduleOf names the module a Waiqin-style path belongs to
// (/api/<module>/v1/<op>), used as the tag when the doc has no group.
func moduleOf(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range segs {
		if i > 0 && len(s) > 1 && s[0] == 'v' && isDigits(s[1:]) {
			return segs[i-1]
		}
	}
	if len(segs) > 1 {
		return segs[0]
	}
	return ""
}

// componentNames are the schema names one operation's types take.
type componentNames struct {
	Request, Body, Result, Response string
}

func namesFor(operationID string) componentNames {
	base := ident.Exported(operationID)
	return componentNames{
		Request:  base + "Request",
		Body:     base + "Body",
		Result:   base + "Result",
		Response: base + "Response",
	}
}
