// Package spec turns parsed doc pages into an OpenAPI 3.1 document: it maps
// the doc's types through one vocabulary, nests fields, reconciles tables
// with examples, infers constraints from prose, names operations and
// components, and applies the vendor profile. It also loads, validates and
// writes specs.
package spec

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// Options steer Build where the docs are silent.
type Options struct {
	Title   string   // info.title; default: the profile or first doc's title
	Version string   // info.version; default 1.0.0
	Profile string   // a profile name, "none", or "" to detect from the docs
	Servers []string // base URLs; default: the hosts the docs call

	// Overrides supply or correct endpoints' URLs, methods and names.
	Overrides []Override
	// Envelope, when set, is the response wrapper, in place of the one
	// the profile or the docs' responses give.
	Envelope *profile.Envelope
	// Auth, when set, is how requests are authenticated, in place of the
	// profile's or what the docs' parameters show.
	Auth *profile.Auth
	// Paging declares or corrects operations' paging, by operationId.
	Paging []PagingOverride
}

// Build makes one spec from the docs of one API. Diagnostics name the doc
// positions; the spec is returned even when some endpoints had problems.
func Build(docs []*parser.Document, opts Options) (*openapi3.T, diag.List) {
	var diags diag.List
	var vendor *Profile
	switch opts.Profile {
	case "":
		vendor = detectProfile(docs)
	case "none":
	default:
		if vendor = profile.Named(opts.Profile); vendor == nil {
			diags.Add(diag.Pos{}, diag.BadConfig, "unknown profile %q (known: %s)", opts.Profile, strings.Join(ProfileNames(), ", "))
		}
	}
	t := &openapi3.T{
		OpenAPI:    "3.1.0",
		Info:       &openapi3.Info{Title: title(docs, opts, vendor), Version: or(opts.Version, "1.0.0")},
		Paths:      openapi3.NewPaths(),
		Components: &openapi3.Components{Schemas: openapi3.Schemas{}},
	}
	var env *Envelope
	switch {
	case opts.Envelope != nil:
		env = opts.Envelope.Complete()
	case vendor != nil && vendor.Envelope != nil:
		env = vendor.Envelope
	case opts.Profile == "" || vendor != nil:
		env = detectEnvelope(docs, &diags)
	}
	if busy := busyCodes(docs); env != nil && len(busy) > 0 {
		withBusy := *env
		for _, code := range busy {
			if !slices.Contains(withBusy.Busy, code) {
				withBusy.Busy = append(slices.Clip(withBusy.Busy), code)
			}
		}
		env = &withBusy
	}
	auth := planAuth(docs, vendor, opts.Auth, &diags)
	b := &operationBuilder{profile: vendor, envelope: env, auth: auth, components: t.Components.Schemas, diags: &diags}
	var ids ident.Unique
	tags := map[string]bool{}
	hosts := map[string]string{} // server URL → an address the page wrote with it
	var hostOrder []string
	type placed struct{ method, path string }
	seen := map[placed]*parser.Endpoint{}
	docs, opNames := applyOverrides(docs, opts.Overrides, &diags)
	addTag := func(op *openapi3.Operation, tag string) {
		if tag == "" {
			return
		}
		op.Tags = []string{tag}
		if !tags[tag] {
			tags[tag] = true
			t.Tags = append(t.Tags, &openapi3.Tag{Name: tag})
		}
	}
	// Every route is placed first and named from the whole set, so that a
	// name depends on the routes alone, never on where a page puts them.
	var routes []*route
	var hooks []*route
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			if ep.Webhook {
				hooks = append(hooks, &route{doc: d, ep: ep, fixed: opNames[ep].name})
				continue
			}
			if strings.TrimSpace(ep.URL) == "" {
				diags.Add(ep.Pos, diag.MissingURL, "endpoint %q names no request URL; give it one in apigen.yaml: %s",
					orUntitled(ep.Title), overrideHint(ep))
				continue
			}
			_, path, _ := splitURL(ep.URL)
			method := strings.ToUpper(or(ep.Method, "POST"))
			r := &route{doc: d, ep: ep, method: method, path: path, fixed: opNames[ep].name}
			if first, dup := seen[placed{method, path}]; dup {
				// One URL serving several operations, told apart by a
				// parameter (action=verify), is kept: the operations go
				// on the URL with a #fragment, which never reaches the
				// server. The same operation documented twice is not.
				frag := multiplexKey(ep)
				if frag == "" || first.Title == ep.Title || seen[placed{method, path + "#" + frag}] != nil {
					diags.Add(ep.Pos, diag.DuplicateRoute, "%s %s is documented twice; this endpoint was dropped", method, path).Related = []diag.Pos{first.Pos}
					continue
				}
				diags.Add(ep.Pos, diag.SharedURL, "%q and %q share %s %s; this one is told apart as %s#%s", first.Title, ep.Title, method, path, path, frag).Related = []diag.Pos{first.Pos}
				r.path += "#" + frag
			}
			seen[placed{method, r.path}] = ep
			routes = append(routes, r)
		}
	}
	nameRoutes(routes, &ids, &diags)
	var types *parser.Document
	useTypes := func(d *parser.Document) {
		if d == types {
			return
		}
		types = d
		b.types = map[string]*parser.Table{}
		for _, t := range d.Types {
			b.types[t.Name] = t
		}
	}
	var paged []pagedOp
	for _, r := range routes {
		useTypes(r.doc)
		op := b.build(r.ep, r.name)
		op.Path = r.path
		paged = append(paged, pagedOp{op: op.Op, ep: r.ep, found: detectPaging(op.Op, env, t.Components.Schemas)})
		if idem := opNames[r.ep].idempotent; idem != nil {
			if op.Op.Extensions == nil {
				op.Op.Extensions = map[string]any{}
			}
			op.Op.Extensions[oas.ExtIdempotent] = *idem
		}
		if _, seen := hosts[op.Server]; op.Server != "" && !seen {
			hosts[op.Server] = r.ep.URL
			hostOrder = append(hostOrder, op.Server)
		}
		addTag(op.Op, or(r.ep.Group, moduleOf(op.Path)))
		t.AddOperation(op.Path, op.Method, op.Op)
	}
	applyPaging(paged, opts.Paging, t.Components.Schemas, &diags)
	for _, h := range hooks {
		useTypes(h.doc)
		ep := h.ep
		name, op := b.webhook(ep, &ids, h.fixed)
		addTag(op, ep.Group)
		if t.Webhooks == nil {
			t.Webhooks = map[string]*openapi3.PathItem{}
		}
		item := &openapi3.PathItem{}
		item.SetOperation(or(strings.ToUpper(ep.Method), "POST"), op)
		t.Webhooks[uniqueKey(t.Webhooks, name)] = item
	}
	shareObjects(t.Components.Schemas)
	renameSchemas(t.Components.Schemas, opts.Overrides, &diags)
	servers := opts.Servers
	if len(servers) == 0 {
		servers = hostOrder
	}
	for _, s := range servers {
		t.Servers = append(t.Servers, serverOf(s, hosts[s]))
	}
	if len(t.Servers) == 0 && len(docs) > 0 {
		diags.Add(diag.Pos{File: docs[0].File, Line: 1}, diag.NoHost, "the doc gives no host; the spec's server is \"/\" until the config names one")
		t.Servers = openapi3.Servers{{URL: "/", Description: "The doc gives no host: pass the base URL to the client."}}
	}
	applySecurity(t, auth)
	if env != nil || auth != nil {
		// For readers of rendered docs, which show no x- extensions.
		t.Info.Description = profileProse(env, auth)
	}
	if vendor != nil {
		t.Extensions = map[string]any{oas.ExtProfile: vendor.Name}
	}
	if env != nil {
		oas.SetEnvelope(t, env)
	}
	if auth != nil {
		oas.SetAuth(t, auth.auth)
	}
	diags = append(diags, oas.Validate(t)...)
	return t, diags
}

// fixedValue finds the value a row says is to be sent as is (填写：verify,
// 固定值 user.login, 固定为 1): the parameter that selects the operation on
// a URL several operations share.
var fixedValue = regexp.MustCompile(`(?:填写|固定值|固定为|值为|传入?|取值)\s*[:：]?\s*["'“]?([A-Za-z][A-Za-z0-9_.\-]*)`)

// multiplexKey tells an operation apart from the others on its URL: the
// fixed value of a request row. Without one the page gives no evidence of
// a shared gateway, and two endpoints on one route are a mistake to
// report, not to keep.
func multiplexKey(ep *parser.Endpoint) string {
	for _, t := range ep.Request {
		for _, f := range t.Fields {
			if m := fixedValue.FindStringSubmatch(f.Description); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// webhook builds the operation of a call the vendor makes to the user's
// server, named by its title.
func (b *operationBuilder) webhook(ep *parser.Endpoint, ids *ident.Unique, name string) (string, *openapi3.Operation) {
	if name == "" {
		name = webhookName(ep)
	}
	id := claimID(ids, name, ep.Pos, b.diags)
	return orUntitled(ep.Title), b.build(ep, id).Op
}

// webhookName derives an operationId for a callback: from the path it is
// posted to when the page gives one, else from the ASCII words of its
// title, else "webhook".
func webhookName(ep *parser.Endpoint) string {
	if _, path, _ := splitURL(ep.URL); path != "/" && strings.TrimSpace(ep.URL) != "" {
		return operationName(path)
	}
	if n := ident.Unexported(ep.Title); n != "" {
		return n
	}
	return "webhook"
}

func uniqueKey[V any](m map[string]V, key string) string {
	if _, taken := m[key]; !taken {
		return key
	}
	for i := 2; ; i++ {
		k := key + " (" + strconv.Itoa(i) + ")"
		if _, taken := m[k]; !taken {
			return k
		}
	}
}

func orUntitled(title string) string { return or(title, "(untitled)") }

func title(docs []*parser.Document, opts Options, p *Profile) string {
	if opts.Title != "" {
		return opts.Title
	}
	for _, d := range docs {
		if d.Title != "" {
			return d.Title
		}
	}
	if p != nil {
		return p.Name + " API"
	}
	return "API"
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// claimID hands out an operationId, renaming a repeat with a diagnostic.
func claimID(ids *ident.Unique, id string, at diag.Pos, diags *diag.List) string {
	out := ids.Next(id)
	if out != id {
		diags.Add(at, diag.RenamedOperation, "operationId %q is taken; this endpoint is %q", id, out)
	}
	return out
}

// Operations calls fn for every operation and webhook of t, in a stable
// order: paths in matching order, then webhooks by name.
func Operations(t *openapi3.T, fn func(op *openapi3.Operation)) {
	if t == nil {
		return
	}
	if t.Paths != nil {
		for _, path := range t.Paths.InMatchingOrder() {
			item := t.Paths.Value(path)
			for _, m := range slices.Sorted(maps.Keys(item.Operations())) {
				fn(item.Operations()[m])
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(t.Webhooks)) {
		item := t.Webhooks[name]
		for _, m := range slices.Sorted(maps.Keys(item.Operations())) {
			fn(item.Operations()[m])
		}
	}
}
