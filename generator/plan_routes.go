package generator

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// routes decides each operation's ServeMux pattern. Not every OpenAPI
// path is a Go 1.22 pattern: a parameter may sit inside a segment
// ({name}.json), two paths may overlap with neither more specific
// (/a/{x} and /{y}/b), and operations that differ only in a #fragment
// share one route. http.ServeMux panics on such a registration, so the
// patterns are tried here, on ServeMuxes like the one NewHandler builds,
// and the routes that cannot all be registered together are left out of
// the handler and reported; their client methods are still generated.
//
// Of conflicting routes, the one conflicting with the most others is
// left out first, so that as few as possible are; on a tie, the later in
// path order, which keeps literal segments over parameters ('{' sorts
// after letters and digits) and a path over its #fragment variants.
func (p *planner) routes() {
	ops := slices.Clone(p.pkg.Ops)
	slices.SortStableFunc(ops, func(a, b *Operation) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(slices.Index(methodOrder, a.Method), slices.Index(methodOrder, b.Method)),
			strings.Compare(a.specPath, b.specPath))
	})
	var live []*Operation
	patterns := map[*Operation]string{}
	for _, o := range ops {
		patterns[o] = o.Method + " " + muxPath(o)
		if err := register(http.NewServeMux(), patterns[o]); err != nil {
			msg, _, _ := strings.Cut(err.Error(), "\n")
			p.warn(o.pointer, "NewHandler does not serve %s %s: a Go 1.22 ServeMux refuses the route: %s", o.Method, o.Path, msg)
			continue
		}
		live = append(live, o)
	}
	type conflict struct {
		other *Operation
		same  bool // the two routes match the same requests
	}
	conflicts := map[*Operation][]conflict{}
	for _, pair := range candidatePairs(live, patterns) {
		a, b := pair[0], pair[1]
		mux := http.NewServeMux()
		_ = register(mux, patterns[a])
		if err := register(mux, patterns[b]); err != nil {
			same := strings.Contains(err.Error(), "matches the same requests as")
			conflicts[a] = append(conflicts[a], conflict{b, same})
			conflicts[b] = append(conflicts[b], conflict{a, same})
		}
	}
	skipped := map[*Operation]bool{}
	degree := func(o *Operation) int {
		n := 0
		for _, c := range conflicts[o] {
			if !skipped[c.other] {
				n++
			}
		}
		return n
	}
	for {
		var worst *Operation
		most := 0
		for _, o := range live {
			if d := degree(o); !skipped[o] && d >= most && d > 0 {
				worst, most = o, d
			}
		}
		if worst == nil {
			break
		}
		skipped[worst] = true
	}
	for _, o := range live {
		if !skipped[o] {
			o.Pattern = patterns[o]
			continue
		}
		c := conflicts[o][0]
		for _, x := range conflicts[o] {
			if !skipped[x.other] {
				c = x
				break
			}
		}
		if c.same {
			p.warn(o.pointer, "NewHandler does not serve %s %s: %s (%s) has the same route", o.Method, o.Path, c.other.Name, c.other.specPath)
		} else {
			p.warn(o.pointer, "NewHandler does not serve %s %s: the route overlaps that of %s (%s %s) and neither is more specific, which a Go 1.22 ServeMux refuses",
				o.Method, o.Path, c.other.Name, c.other.Method, c.other.Path)
		}
	}
}

// muxPath is an operation's path as a ServeMux pattern: parameter names
// made Go identifiers, as wildcards must be, and a trailing slash made
// exact, since on its own it would match the whole subtree.
func muxPath(o *Operation) string {
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
	path := templateRE.ReplaceAllStringFunc(o.Path, func(m string) string {
		name := m[1 : len(m)-1]
		if w, ok := wildcards[name]; ok {
			return "{" + w + "}"
		}
		return m
	})
	if strings.HasSuffix(path, "/") {
		path += "{$}"
	}
	return path
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

// register adds a pattern to mux, returning the error it panics with.
func register(mux *http.ServeMux, pattern string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	mux.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	return nil
}

// candidatePairs are the pairs of routes a ServeMux might refuse to hold
// together, in live order: only those could, and asking the mux about
// every pair made planning quadratic in operations. Two routes without
// wildcards conflict only when they are the same route; a route with
// wildcards is set against the others whose literal segments do not
// already tell the two apart. Only GET also matches another method, HEAD.
func candidatePairs(live []*Operation, patterns map[*Operation]string) [][2]*Operation {
	family := func(o *Operation) string {
		if o.Method == http.MethodHead {
			return http.MethodGet
		}
		return o.Method
	}
	index := map[*Operation]int{}
	var wild []*Operation
	literal := map[string][]*Operation{} // family + path → routes
	for i, o := range live {
		index[o] = i
		path := strings.TrimPrefix(patterns[o], o.Method+" ")
		if strings.Contains(path, "{") {
			wild = append(wild, o)
			continue
		}
		literal[family(o)+" "+path] = append(literal[family(o)+" "+path], o)
	}
	var pairs [][2]*Operation
	add := func(a, b *Operation) {
		if index[a] > index[b] {
			a, b = b, a
		}
		pairs = append(pairs, [2]*Operation{a, b})
	}
	for _, key := range slices.Sorted(maps.Keys(literal)) {
		same := literal[key]
		for i, a := range same {
			for _, b := range same[i+1:] {
				add(a, b)
			}
		}
	}
	wildAt := map[*Operation]int{}
	for i, o := range wild {
		wildAt[o] = i
	}
	for i, a := range wild {
		for _, b := range live {
			if k, ok := wildAt[b]; ok && k <= i {
				continue // itself, or a pair already added from b's side
			}
			if family(a) == family(b) && mayOverlap(patterns[a], patterns[b]) {
				add(a, b)
			}
		}
	}
	slices.SortFunc(pairs, func(x, y [2]*Operation) int {
		return cmp.Or(cmp.Compare(index[x[0]], index[y[0]]), cmp.Compare(index[x[1]], index[y[1]]))
	})
	return pairs
}

// mayOverlap reports whether two mux patterns could match one request:
// not when a position holds two different literal segments, nor when
// their lengths differ and neither ends in a {name...} wildcard or a
// slash, which match longer paths.
func mayOverlap(a, b string) bool {
	_, pa, _ := strings.Cut(a, " ")
	_, pb, _ := strings.Cut(b, " ")
	sa, sb := strings.Split(pa, "/"), strings.Split(pb, "/")
	open := func(s []string) bool {
		last := s[len(s)-1]
		return last == "" || strings.HasSuffix(last, "...}")
	}
	if len(sa) != len(sb) && !open(sa) && !open(sb) {
		return false
	}
	for i := range min(len(sa), len(sb)) {
		x, y := sa[i], sb[i]
		if x != y && !strings.HasPrefix(x, "{") && !strings.HasPrefix(y, "{") && x != "" && y != "" {
			return false
		}
	}
	return true
}
