package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// counts are the tallies one page contributes to the totals.
type counts struct {
	Pages, Failed, Silent int

	ExpectedEndpoints, FoundEndpoints, MatchedEndpoints int

	ExpectedParams, FoundParams, MatchedParams int
	StrictMatched                              int // matched, and required agrees
	LocStated, LocRight                        int // where the page states the location
	TypeRight                                  int // of the matched params
	ResponseAsRequest                          int // request params that are the page's response fields

	ExpectedResponse, MatchedResponse int
	Invented                          int // names the spec gives that are nowhere on the page
}

func (c *counts) add(o counts) {
	c.Pages += o.Pages
	c.Failed += o.Failed
	c.Silent += o.Silent
	c.ExpectedEndpoints += o.ExpectedEndpoints
	c.FoundEndpoints += o.FoundEndpoints
	c.MatchedEndpoints += o.MatchedEndpoints
	c.ExpectedParams += o.ExpectedParams
	c.FoundParams += o.FoundParams
	c.MatchedParams += o.MatchedParams
	c.StrictMatched += o.StrictMatched
	c.LocStated += o.LocStated
	c.LocRight += o.LocRight
	c.TypeRight += o.TypeRight
	c.ResponseAsRequest += o.ResponseAsRequest
	c.ExpectedResponse += o.ExpectedResponse
	c.MatchedResponse += o.MatchedResponse
	c.Invented += o.Invented
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// metrics are the totals' figures, each in [0, 1] but for the two counts.
type metrics struct {
	EndpointF1       float64 `json:"endpoint_f1"`
	RequestPrecision float64 `json:"request_precision"`
	RequestRecall    float64 `json:"request_recall"`
	StrictF1         float64 `json:"strict_f1"`
	Location         float64 `json:"location"`
	Types            float64 `json:"types"`
	ResponseRecall   float64 `json:"response_recall"`
	Invented         int     `json:"invented"`
	SilentPages      int     `json:"silent_pages"`
}

func (c counts) metrics() metrics {
	return metrics{
		EndpointF1:       f1(ratio(c.MatchedEndpoints, c.FoundEndpoints), ratio(c.MatchedEndpoints, c.ExpectedEndpoints)),
		RequestPrecision: ratio(c.MatchedParams, c.FoundParams),
		RequestRecall:    ratio(c.MatchedParams, c.ExpectedParams),
		StrictF1:         f1(ratio(c.StrictMatched, c.FoundParams), ratio(c.StrictMatched, c.ExpectedParams)),
		Location:         ratio(c.LocRight, c.LocStated),
		Types:            ratio(c.TypeRight, c.MatchedParams),
		ResponseRecall:   ratio(c.MatchedResponse, c.ExpectedResponse),
		Invented:         c.Invented,
		SilentPages:      c.Silent,
	}
}

// scorePage compares what apigen made of a page with its ground truth.
// misses lists every difference, for -v.
func scorePage(want *expectFile, got *pageRun) (c counts, misses []string) {
	miss := func(format string, args ...any) { misses = append(misses, fmt.Sprintf(format, args...)) }
	c.Pages = 1
	if got.failed {
		c.Failed = 1
	}
	c.ExpectedEndpoints = len(want.Endpoints)
	c.FoundEndpoints = len(got.endpoints)
	pairs := matchEndpoints(want.Endpoints, got.endpoints)
	for i, we := range want.Endpoints {
		j, ok := pairs[i]
		if !ok {
			miss("endpoint not found: %s", describeExpected(&we))
			c.ExpectedParams += len(we.RequestParams)
			c.ExpectedResponse += len(we.responsePaths())
			for _, p := range we.RequestParams {
				if p.In != nil {
					c.LocStated++
				}
			}
			continue
		}
		c.MatchedEndpoints++
		ge := &got.endpoints[j]
		c.add(scoreEndpoint(&we, ge, func(format string, args ...any) {
			miss("%s: "+format, append([]any{describeExpected(&we)}, args...)...)
		}))
	}
	matched := map[int]bool{}
	for _, j := range pairs {
		matched[j] = true
	}
	for j, ge := range got.endpoints {
		if !matched[j] {
			miss("endpoint not on the page: %s %s %q", ge.method, orDash(ge.path), ge.title)
			c.FoundParams += len(ge.request)
		}
	}
	if c.MatchedEndpoints < c.ExpectedEndpoints && !got.failed {
		c.Silent = 1
		miss("endpoints lost while apigen exits 0")
	}
	for _, ge := range got.endpoints {
		for _, n := range specNames(&ge) {
			if !strings.Contains(got.text, n) {
				c.Invented++
				miss("name %q is not on the page", n)
			}
		}
	}
	return c, misses
}

func scoreEndpoint(we *expectEndpoint, ge *endpoint, miss func(string, ...any)) counts {
	var c counts
	wantPaths := we.requestPaths()
	c.ExpectedParams = len(wantPaths)
	found := make([]param, 0, len(ge.request))
	for _, p := range ge.request {
		switch {
		case p.fromURL && !anyHas(wantPaths, p.path):
			continue // a URL template names it; the page's tables need not
		case p.in == "body" && containerOf(wantPaths, p.path):
			continue // the object a dotted name (a.b) implies
		case p.fromExample && !anyHas(wantPaths, p.path):
			continue // a key of the request example; ground truth lists table rows
		}
		found = append(found, p)
	}
	// Rows the page's tables give are matched before keys only its example
	// shows: a key of the example is a parameter only where no row is.
	slices.SortStableFunc(found, func(a, b param) int {
		switch {
		case a.fromExample == b.fromExample:
			return 0
		case a.fromExample:
			return 1
		}
		return -1
	})
	used := make([]bool, len(found))
	for i, alts := range wantPaths {
		exp := we.RequestParams[i]
		if exp.In != nil {
			c.LocStated++
		}
		k := -1
		for j, p := range found {
			if !used[j] && containsPath(alts, p.path) {
				k = j
				break
			}
		}
		name := strings.Join(alts[0], ".")
		if k < 0 {
			miss("request %s not found", name)
			continue
		}
		used[k] = true
		p := found[k]
		c.MatchedParams++
		wantReq := exp.Required != nil && *exp.Required
		switch {
		case p.required == wantReq, p.in == "path":
			// OpenAPI makes every path parameter required, whatever the page says.
			c.StrictMatched++
		default:
			miss("request %s required=%v, want %v", name, p.required, wantReq)
		}
		if exp.In != nil {
			if p.in == *exp.In {
				c.LocRight++
			} else {
				miss("request %s in %s, want %s", name, p.in, *exp.In)
			}
		}
		if sameType(p.docType, exp.Type) {
			c.TypeRight++
		} else {
			miss("request %s type %q, want %q", name, p.docType, deref(exp.Type))
		}
	}
	c.FoundParams = len(found)
	respPaths := we.responsePaths()
	for j, p := range found {
		if used[j] {
			continue
		}
		if p.fromExample {
			c.FoundParams-- // an example key the rows already account for
			continue
		}
		if anyHas(respPaths, p.path) {
			c.ResponseAsRequest++
			miss("request %s is a response field", strings.Join(p.path, "."))
		} else {
			miss("request %s is not on the page's request side", strings.Join(p.path, "."))
		}
	}
	c.ExpectedResponse = len(respPaths)
	usedResp := make([]bool, len(ge.response))
	floating := undeclaredRoots(respPaths)
	for _, alts := range respPaths {
		k := -1
		for j, p := range ge.response {
			if usedResp[j] {
				continue
			}
			if containsPath(alts, p) || ge.dataKey != "" && len(p) > 1 && p[0] == ge.dataKey && containsPath(alts, p[1:]) ||
				floating[alts[0][0]] && endsWith(p, alts[0]) {
				k = j
				break
			}
		}
		if k < 0 {
			miss("response %s not found", strings.Join(alts[0], "."))
			continue
		}
		usedResp[k] = true
		c.MatchedResponse++
	}
	return c
}

// anyHas reports whether p is one of the possible paths of any field.
func anyHas(fields [][][]string, p []string) bool {
	for _, alts := range fields {
		if containsPath(alts, p) {
			return true
		}
	}
	return false
}

// containerOf reports whether p is the object above an expected field
// that is not itself on the page: data for data.id when no data row is.
func containerOf(fields [][][]string, p []string) bool {
	if anyHas(fields, p) {
		return false
	}
	for _, alts := range fields {
		for _, q := range alts {
			if len(q) > len(p) && slices.Equal(q[:len(p)], p) {
				return true
			}
		}
	}
	return false
}

// matchEndpoints pairs expected endpoints with found ones: by method and
// path with scheme, host, query and placeholders dropped, or by title
// where the page gives no path or only a placeholder for one. The title breaks ties between endpoints
// sharing a path.
func matchEndpoints(want []expectEndpoint, got []endpoint) map[int]int {
	pairs := map[int]int{}
	taken := map[int]bool{}
	for pass := 0; pass < 2; pass++ {
		for i, we := range want {
			if _, done := pairs[i]; done {
				continue
			}
			for j, ge := range got {
				if taken[j] || !sameEndpoint(&we, &ge) {
					continue
				}
				if pass == 0 && we.Title != nil && normTitle(*we.Title) != normTitle(ge.title) {
					continue // first pass: only exact titles, so ties go right
				}
				pairs[i], taken[j] = j, true
				break
			}
		}
	}
	return pairs
}

func sameEndpoint(we *expectEndpoint, ge *endpoint) bool {
	if we.Method != nil && !strings.EqualFold(*we.Method, ge.method) {
		return false
	}
	switch {
	case we.Path != nil && !(we.Title != nil && normPath(*we.Path) == "" && placeholder.MatchString(*we.Path)):
		return ge.path != "" && normPath(*we.Path) == normPath(ge.path)
	case we.Title != nil:
		// No path, or one that is a placeholder alone (<your_callback_url>,
		// the user's own address): the title names it.
		return ge.path == "" && normTitle(*we.Title) == normTitle(ge.title)
	}
	// A page that names its endpoint neither by title nor by path: the
	// endpoint without a path is it.
	return ge.path == ""
}

var (
	schemeHost  = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9+.-]*|[A-Za-z]+\([a-z]\)|[A-Za-z]+(?:\|[A-Za-z]+)+|\{[^}]*\})://[^/]*`)
	leadHost    = regexp.MustCompile(`^(?:\{\{[^}]*\}\}|\{[^}]*\}|<[^>]*>|\$\{[^}]*\}|【[^】]*】|[^/\s]*\.(?:com|cn|net|org|io|cc|me|local|top|xyz)(?::\d+)?)`)
	placeholder = regexp.MustCompile(`\{\{[^}]*\}\}|\{[^}]*\}|<[^>]*>|\[[^\]]*\]|:[A-Za-z_][A-Za-z0-9_]*`)
)

// normPath reduces a URL to what the scorer compares: no scheme, host,
// query or fragment, no placeholders, no trailing slash.
func normPath(u string) string {
	u = strings.TrimSpace(u)
	u = schemeHost.ReplaceAllString(u, "")
	u = leadHost.ReplaceAllString(u, "")
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = placeholder.ReplaceAllString(u, "")
	u = "/" + strings.Trim(u, "/")
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	return strings.TrimSuffix(u, "/")
}

func normTitle(s string) string { return strings.Join(strings.Fields(s), "") }

func sameType(got string, want *string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	return norm(got) == norm(deref(want))
}

func containsPath(paths [][]string, p []string) bool {
	return slices.ContainsFunc(paths, func(q []string) bool { return slices.Equal(q, p) })
}

// undeclaredRoots are the first segments of expected paths that no
// expected field declares: a parent the ground truth names (list, for
// rows under a caption "list") without saying where it sits in the body.
func undeclaredRoots(paths [][][]string) map[string]bool {
	declared := map[string]bool{}
	for _, alts := range paths {
		for _, p := range alts {
			declared[strings.Join(p, ".")] = true
		}
	}
	out := map[string]bool{}
	for _, alts := range paths {
		if p := alts[0]; len(p) > 1 && !declared[p[0]] {
			out[p[0]] = true
		}
	}
	return out
}

// endsWith reports whether path ends with the segments of tail.
func endsWith(path, tail []string) bool {
	return len(path) >= len(tail) && slices.Equal(path[len(path)-len(tail):], tail)
}

// specNames are the field names the spec gives an endpoint.
func specNames(ge *endpoint) []string {
	seen := map[string]bool{}
	var out []string
	add := func(path []string) {
		if len(path) == 0 {
			return
		}
		n := path[len(path)-1]
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, p := range ge.request {
		add(p.path)
	}
	for _, p := range ge.response {
		add(p)
	}
	return out
}

func describeExpected(e *expectEndpoint) string {
	return fmt.Sprintf("%s %s %q", orDash(deref(e.Method)), orDash(deref(e.Path)), deref(e.Title))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
