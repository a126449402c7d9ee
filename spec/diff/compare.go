package diff

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
)

// Compare reports every change from old to new. A nil document compares as
// an empty one. A $ref still without its target, as a document built in
// memory rather than loaded has them, is resolved in place with
// kin-openapi's loader first; one that cannot be resolved is reported
// where its target would have been compared.
func Compare(old, new *openapi3.T) *Report {
	for _, doc := range []*openapi3.T{old, new} {
		if doc != nil {
			_ = openapi3.NewLoader().ResolveRefsIn(doc, nil)
		}
	}
	c := &comparer{old: old, new: new}
	if c.old == nil {
		c.old = &openapi3.T{}
	}
	if c.new == nil {
		c.new = &openapi3.T{}
	}
	c.document()
	sortChanges(c.changes)
	return &Report{Changes: c.changes}
}

type comparer struct {
	old, new *openapi3.T
	changes  []Change
}

// endpoint is where a change is filed.
type endpoint struct {
	method, path string
}

func (c *comparer) add(class Class, at endpoint, pointer, message string) {
	c.changes = append(c.changes, Change{Class: class, Method: at.method, Path: at.path, Pointer: pointer, Message: message})
}

func (c *comparer) document() {
	o, n := c.old, c.new
	doc := endpoint{}
	oi, ni := o.Info, n.Info
	if oi == nil {
		oi = &openapi3.Info{}
	}
	if ni == nil {
		ni = &openapi3.Info{}
	}
	if oi.Title != ni.Title {
		c.add(Compatible, doc, "/info/title", "title changed from "+quote(oi.Title)+" to "+quote(ni.Title))
	}
	if oi.Version != ni.Version {
		c.add(Compatible, doc, "/info/version", "version changed from "+quote(oi.Version)+" to "+quote(ni.Version))
	}
	c.servers(doc, "", o.Servers, n.Servers)
	c.extensions(doc, "", "", "", o.Extensions, n.Extensions)
	c.paths()
}

// servers compares base URLs: a client configured with a removed one can
// no longer reach the API.
func (c *comparer) servers(at endpoint, base string, o, n openapi3.Servers) {
	urls := func(ss openapi3.Servers) map[string]int {
		m := map[string]int{}
		for i, s := range ss {
			if s != nil {
				m[s.URL] = i
			}
		}
		return m
	}
	om, nm := urls(o), urls(n)
	for _, u := range sortedKeys(om) {
		if _, ok := nm[u]; !ok {
			c.add(Breaking, at, base+"/servers/"+strconv.Itoa(om[u]), "server "+u+" removed")
		}
	}
	for _, u := range sortedKeys(nm) {
		if _, ok := om[u]; !ok {
			c.add(Compatible, at, base+"/servers/"+strconv.Itoa(nm[u]), "server "+u+" added")
		}
	}
}

// security is compared per operation, on the requirements in effect, so a
// document-wide change is reported where it bites.
func (c *comparer) security(at endpoint, pointer string, o, n openapi3.SecurityRequirements) {
	if len(o) == 0 && len(n) == 0 {
		return
	}
	if render(o) != render(n) {
		c.add(Breaking, at, pointer, "security requirements changed from "+show(o)+" to "+show(n))
	}
}

var templateParam = regexp.MustCompile(`\{[^}/]*\}`)

// pathShape blanks the names in a path template: /a/{id} and /a/{key}
// match the same requests, so renaming a path parameter is not a new
// endpoint.
func pathShape(p string) string {
	return templateParam.ReplaceAllString(p, "{}")
}

func pathItems(t *openapi3.T) map[string]*openapi3.PathItem {
	if t.Paths == nil {
		return map[string]*openapi3.PathItem{}
	}
	m := t.Paths.Map()
	if m == nil {
		m = map[string]*openapi3.PathItem{}
	}
	return m
}

// byShape indexes paths by their shape. Two paths of one shape in one
// document are invalid OpenAPI; they are then matched by their exact text.
func byShape(items map[string]*openapi3.PathItem) map[string]string {
	m := map[string]string{}
	dup := map[string]bool{}
	for p := range items {
		s := pathShape(p)
		if _, seen := m[s]; seen {
			dup[s] = true
		}
		m[s] = p
	}
	for s := range dup {
		delete(m, s)
	}
	for p := range items {
		if dup[pathShape(p)] {
			m[p] = p
		}
	}
	return m
}

func (c *comparer) paths() {
	op, np := pathItems(c.old), pathItems(c.new)
	os, ns := byShape(op), byShape(np)
	keys := map[string]bool{}
	for k := range os {
		keys[k] = true
	}
	for k := range ns {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		ok, nk := os[k], ns[k]
		switch {
		case nk == "":
			for _, m := range methods(op[ok]) {
				c.add(Breaking, endpoint{m, ok}, opPointer(ok, m), "endpoint removed")
			}
		case ok == "":
			for _, m := range methods(np[nk]) {
				c.add(Compatible, endpoint{m, nk}, opPointer(nk, m), "endpoint added")
			}
		default:
			c.pathItem(ok, nk, op[ok], np[nk])
		}
	}
}

func (c *comparer) pathItem(ok, nk string, o, n *openapi3.PathItem) {
	om, nm := o.Operations(), n.Operations()
	all := map[string]bool{}
	for m := range om {
		all[m] = true
	}
	for m := range nm {
		all[m] = true
	}
	ms := sortedKeys(all)
	sort.SliceStable(ms, func(i, j int) bool { return methodRank(ms[i]) < methodRank(ms[j]) })
	for _, m := range ms {
		switch {
		case nm[m] == nil:
			c.add(Breaking, endpoint{m, ok}, opPointer(ok, m), "operation removed")
		case om[m] == nil:
			c.add(Compatible, endpoint{m, nk}, opPointer(nk, m), "operation added")
		default:
			c.operation(endpoint{m, nk}, ok, nk, o, n, om[m], nm[m])
		}
	}
}

func methods(item *openapi3.PathItem) []string {
	if item == nil {
		return nil
	}
	var ms []string
	for m, op := range item.Operations() {
		if op != nil {
			ms = append(ms, m)
		}
	}
	sort.Slice(ms, func(i, j int) bool { return methodRank(ms[i]) < methodRank(ms[j]) })
	return ms
}

var fixedMethods = map[string]bool{"GET": true, "PUT": true, "POST": true, "DELETE": true, "OPTIONS": true, "HEAD": true, "PATCH": true, "TRACE": true, "QUERY": true, "CONNECT": true}

func opPointer(path, method string) string {
	p := "/paths/" + oas.EscapePointer(path)
	if fixedMethods[method] {
		return p + "/" + strings.ToLower(method)
	}
	return p + "/additionalOperations/" + oas.EscapePointer(method)
}

func (c *comparer) operation(at endpoint, oPath, nPath string, oItem, nItem *openapi3.PathItem, o, n *openapi3.Operation) {
	optr, nptr := opPointer(oPath, at.method), opPointer(nPath, at.method)
	if o.OperationID != n.OperationID {
		// The operationId names the generated Go method: code calling
		// the old name no longer compiles.
		c.add(Breaking, at, nptr+"/operationId", "operationId changed from "+quote(o.OperationID)+" to "+quote(n.OperationID)+" (the Go method is renamed)")
	}
	if o.Summary != n.Summary {
		c.add(Compatible, at, nptr+"/summary", "summary changed from "+quote(o.Summary)+" to "+quote(n.Summary))
	}
	if o.Description != n.Description {
		c.add(Compatible, at, nptr+"/description", "description changed from "+quote(o.Description)+" to "+quote(n.Description))
	}
	if o.Deprecated != n.Deprecated {
		c.add(Compatible, at, nptr+"/deprecated", deprecation(n.Deprecated))
	}
	c.extensions(at, optr, nptr, "", o.Extensions, n.Extensions)
	if o.Servers != nil || n.Servers != nil {
		c.servers(at, nptr, derefServers(o.Servers), derefServers(n.Servers))
	}
	c.security(at, nptr+"/security", effectiveSecurity(c.old, o), effectiveSecurity(c.new, n))
	c.parameters(at, params(oPath, optr, oItem, o), params(nPath, nptr, nItem, n))
	c.requestBody(at, optr, nptr, o.RequestBody, n.RequestBody)
	c.responses(at, optr, nptr, o.Responses, n.Responses)
}

func deprecation(deprecated bool) string {
	if deprecated {
		return "deprecated"
	}
	return "no longer deprecated"
}

func derefServers(s *openapi3.Servers) openapi3.Servers {
	if s == nil {
		return nil
	}
	return *s
}

func effectiveSecurity(t *openapi3.T, op *openapi3.Operation) openapi3.SecurityRequirements {
	if op.Security != nil {
		return *op.Security
	}
	return t.Security
}

func (c *comparer) requestBody(at endpoint, optr, nptr string, o, n *openapi3.RequestBodyRef) {
	oval, nval := requestBodyValue(o), requestBodyValue(n)
	optr, nptr = refPointer(refOf(o), optr+"/requestBody"), refPointer(refOf(n), nptr+"/requestBody")
	switch {
	case oval == nil && nval == nil:
		return
	case nval == nil:
		c.add(Breaking, at, optr, "request body removed")
		return
	case oval == nil:
		if nval.Required {
			c.add(Breaking, at, nptr, "request body added (required)")
		} else {
			c.add(Compatible, at, nptr, "request body added (optional)")
		}
		return
	}
	if oval.Required != nval.Required {
		if nval.Required {
			c.add(Breaking, at, nptr+"/required", "request body became required")
		} else {
			c.add(Compatible, at, nptr+"/required", "request body became optional")
		}
	}
	if oval.Description != nval.Description {
		c.add(Compatible, at, nptr+"/description", "request body: description changed from "+quote(oval.Description)+" to "+quote(nval.Description))
	}
	c.extensions(at, optr, nptr, "request body: ", oval.Extensions, nval.Extensions)
	c.content(at, request, "request body", optr, nptr, oval.Content, nval.Content)
}

func requestBodyValue(r *openapi3.RequestBodyRef) *openapi3.RequestBody {
	if r == nil {
		return nil
	}
	return r.Value
}

// refOf reads the $ref of any of kin-openapi's reference wrappers, nil
// included.
func refOf[R any, P interface {
	*R
	RefString() string
}](p P) string {
	if p == nil {
		return ""
	}
	return p.RefString()
}

// content compares the media types of a body. A body with one media type
// (the usual application/json) is named by its label alone.
func (c *comparer) content(at endpoint, dir direction, label, optr, nptr string, o, n openapi3.Content) {
	all := map[string]bool{}
	for k := range o {
		all[k] = true
	}
	for k := range n {
		all[k] = true
	}
	for _, mt := range sortedKeys(all) {
		om, nm := o[mt], n[mt]
		mtl := label
		if len(o) > 1 || len(n) > 1 {
			mtl = label + " (" + mt + ")"
		}
		switch {
		case nm == nil:
			c.add(Breaking, at, optr+"/content/"+oas.EscapePointer(mt), label+": media type "+mt+" removed")
		case om == nil:
			c.add(Compatible, at, nptr+"/content/"+oas.EscapePointer(mt), label+": media type "+mt+" added")
		default:
			w := c.walker(at, dir, mtl)
			os := root(om.Schema, optr+"/content/"+oas.EscapePointer(mt)+"/schema")
			ns := root(nm.Schema, nptr+"/content/"+oas.EscapePointer(mt)+"/schema")
			switch {
			case os.s == nil && ns.s != nil:
				w.emit(w.narrowed(), "", ns.ptr, "schema added")
			case os.s != nil && ns.s == nil:
				w.emit(w.widened(), "", os.ptr, "schema removed")
			default:
				w.schema("", os, ns)
			}
		}
	}
}

func (c *comparer) responses(at endpoint, optr, nptr string, o, n *openapi3.Responses) {
	om, nm := responseMap(o), responseMap(n)
	all := map[string]bool{}
	for k := range om {
		all[k] = true
	}
	for k := range nm {
		all[k] = true
	}
	for _, code := range sortedKeys(all) {
		or, nr := om[code], nm[code]
		label := "response " + code
		op, np := refPointer(refOf(or), optr+"/responses/"+oas.EscapePointer(code)), refPointer(refOf(nr), nptr+"/responses/"+oas.EscapePointer(code))
		switch {
		case nr == nil || nr.Value == nil:
			class := Compatible
			if success(code) {
				class = Breaking
			}
			c.add(class, at, op, label+" removed")
		case or == nil || or.Value == nil:
			c.add(Compatible, at, np, label+" added")
		default:
			c.response(at, label, op, np, or.Value, nr.Value)
		}
	}
}

func responseMap(r *openapi3.Responses) map[string]*openapi3.ResponseRef {
	if r == nil {
		return nil
	}
	return r.Map()
}

// success reports whether a status is one a client reads data from; losing
// an error status only loses a description of a failure.
func success(code string) bool {
	return code == "default" || strings.HasPrefix(code, "2")
}

func (c *comparer) response(at endpoint, label, optr, nptr string, o, n *openapi3.Response) {
	od, nd := "", ""
	if o.Description != nil {
		od = *o.Description
	}
	if n.Description != nil {
		nd = *n.Description
	}
	if od != nd {
		c.add(Compatible, at, nptr+"/description", label+": description changed from "+quote(od)+" to "+quote(nd))
	}
	c.extensions(at, optr, nptr, label+": ", o.Extensions, n.Extensions)
	all := map[string]bool{}
	for k := range o.Headers {
		all[k] = true
	}
	for k := range n.Headers {
		all[k] = true
	}
	for _, h := range sortedKeys(all) {
		oh, nh := o.Headers[h], n.Headers[h]
		hl := label + " header " + h
		op, np := refPointer(refOf(oh), optr+"/headers/"+oas.EscapePointer(h)), refPointer(refOf(nh), nptr+"/headers/"+oas.EscapePointer(h))
		switch {
		case nh == nil || nh.Value == nil:
			c.add(Breaking, at, op, hl+" removed")
		case oh == nil || oh.Value == nil:
			c.add(Compatible, at, np, hl+" added")
		default:
			ohv, nhv := oh.Value, nh.Value
			if ohv.Required != nhv.Required {
				if nhv.Required {
					c.add(Compatible, at, np+"/required", hl+" became required")
				} else {
					c.add(Breaking, at, np+"/required", hl+" became optional")
				}
			}
			c.paramSchemas(at, response, hl, op, np, &ohv.Parameter, &nhv.Parameter)
		}
	}
	c.content(at, response, label, optr, nptr, o.Content, n.Content)
}

// refPointer is where a possibly referenced object really lives: a local
// $ref names its target, anything else stays where it was found.
func refPointer(ref, here string) string {
	if strings.HasPrefix(ref, "#/") {
		return ref[1:]
	}
	return here
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func quote(s string) string {
	return strconv.Quote(clip(s))
}

// clip keeps messages one readable line: descriptions can run to
// paragraphs, and the pointer leads to the full text.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	const max = 60
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
