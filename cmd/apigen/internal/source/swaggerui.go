package source

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/apigen/apigen/spec/oas"
)

// Swagger UI, Knife4j (doc.html), springdoc, Redoc, RapiDoc and Stoplight
// Elements are pages that render a spec they load: the docs are that
// spec. Where each says which:
//
//   - Swagger UI: SwaggerUIBundle({url: …} or {urls: [{url, name}]}),
//     inline or, since v4, in swagger-initializer.js beside the page;
//     configUrl names a JSON with the same members.
//   - springdoc: /v3/api-docs/swagger-config ({url} or {urls: [{url, name}]}).
//   - springfox and Knife4j: /swagger-resources ([{name, url, location}]),
//     the groups of /v2/api-docs?group=….
//   - Redoc: <redoc spec-url="…"> or Redoc.init("…"); RapiDoc: <rapi-doc
//     spec-url="…">; Stoplight Elements: <elements-api apiDescriptionUrl="…">.
//   - else the usual places: /v3/api-docs, /v2/api-docs, /openapi.json.
func init() {
	register(&platform{name: "swagger-ui", detect: isSpecUI, read: readSpecUI})
}

// specUIMarkers are what the pages' HTML or scripts carry.
var specUIMarkers = regexp.MustCompile(`(?i)swagger-ui|SwaggerUIBundle|knife4j|<redoc|Redoc\.init|<rapi-doc|<elements-api|springdoc`)

// uiPages are the page names the UIs are served under; the app's root is
// the path before them.
var uiPages = []string{"swagger-ui/index.html", "swagger-ui.html", "swagger-ui/", "doc.html", "index.html", "redoc.html", "redoc"}

func isSpecUI(u *url.URL, page []byte) bool {
	if oas.IsSpec(page) {
		return true
	}
	for _, p := range uiPages[:4] {
		if strings.HasSuffix(u.Path, "/"+p) || strings.HasSuffix(u.Path, "/"+strings.TrimSuffix(p, "/")) {
			return true
		}
	}
	return specUIMarkers.Match(page)
}

// A group is one spec a UI offers.
type group struct{ name, url string }

// Where the pages name their spec.
var (
	specURLAttr = regexp.MustCompile(`(?i)(?:spec-url|apiDescriptionUrl)\s*=\s*["']([^"']+)["']`)
	redocInit   = regexp.MustCompile(`Redoc\.init\(\s*["']([^"']+)["']`)
	uiURL       = regexp.MustCompile(`(?:^|[{,\s])url\s*:\s*["']([^"']+)["']`)
	uiURLs      = regexp.MustCompile(`urls\s*:\s*\[([^\]]*)\]`)
	uiURLsEntry = regexp.MustCompile(`\{[^}]*?url\s*:\s*["']([^"']+)["'][^}]*?name\s*:\s*["']([^"']+)["']|\{[^}]*?name\s*:\s*["']([^"']+)["'][^}]*?url\s*:\s*["']([^"']+)["']`)
	uiConfigURL = regexp.MustCompile(`configUrl\s*:\s*["']([^"']+)["']`)
)

func readSpecUI(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error) {
	if oas.IsSpec(page) {
		return []Doc{{Origin: u.String(), Body: page}}, nil
	}
	root := appRoot(u)
	var tried []string
	var groups []group
	fromScript := func(base *url.URL, text []byte) {
		for _, m := range specURLAttr.FindAllSubmatch(text, -1) {
			groups = append(groups, group{url: resolveRef(base, string(m[1]))})
		}
		if m := redocInit.FindSubmatch(text); m != nil {
			groups = append(groups, group{url: resolveRef(base, string(m[1]))})
		}
		if m := uiURLs.FindSubmatch(text); m != nil {
			for _, e := range uiURLsEntry.FindAllSubmatch(m[1], -1) {
				if len(e[1]) > 0 {
					groups = append(groups, group{name: string(e[2]), url: resolveRef(base, string(e[1]))})
				} else {
					groups = append(groups, group{name: string(e[3]), url: resolveRef(base, string(e[4]))})
				}
			}
		}
		if len(groups) == 0 {
			if m := uiURL.FindSubmatch(text); m != nil && !strings.Contains(string(m[1]), "petstore.swagger.io") {
				groups = append(groups, group{url: resolveRef(base, string(m[1]))})
			}
		}
		if m := uiConfigURL.FindSubmatch(text); m != nil && len(groups) == 0 {
			groups = append(groups, r.configGroups(ctx, resolveRef(base, string(m[1])))...)
		}
	}
	fromScript(u, page)
	if len(groups) == 0 {
		initializer := resolveRef(u, "swagger-initializer.js")
		tried = append(tried, initializer)
		if js, err := r.fetch(ctx, initializer); err == nil {
			fromScript(u, js)
		}
	}
	for _, path := range []string{"v3/api-docs/swagger-config", "swagger-resources"} {
		if len(groups) > 0 {
			break
		}
		at := resolveRef(root, path)
		tried = append(tried, at)
		groups = append(groups, r.configGroups(ctx, at)...)
	}
	for _, path := range []string{"v3/api-docs", "v2/api-docs", "openapi.json", "swagger.json"} {
		if len(groups) > 0 {
			break
		}
		at := resolveRef(root, path)
		tried = append(tried, at)
		if body, err := r.fetch(ctx, at); err == nil && oas.IsSpec(body) {
			return []Doc{{Origin: at, Body: body}}, nil
		}
	}
	if len(groups) == 0 {
		return nil, fmt.Errorf("the page is a spec viewer (Swagger UI, Knife4j, Redoc or the like) but apigen found no spec behind it (tried %s); give the spec's URL (often …/v3/api-docs or …/v2/api-docs) in docs instead", strings.Join(tried, ", "))
	}
	chosen := groups
	if len(groups) > 1 && r.opts.Group != "*" {
		var names []string
		chosen = nil
		for _, g := range groups {
			names = append(names, fmt.Sprintf("%q", g.name))
			if g.name == r.opts.Group {
				chosen = []group{g}
			}
		}
		if len(chosen) == 0 {
			return nil, fmt.Errorf("the spec viewer offers %d groups (%s); name one with group: in apigen.yaml (one API entry per group), or group: \"*\" for all of them as one API", len(groups), strings.Join(names, ", "))
		}
	}
	// group: "*" reads every group; the pipeline merges them.
	var docs []Doc
	for _, g := range chosen {
		body, err := r.fetch(ctx, g.url)
		if err != nil {
			return nil, fmt.Errorf("the spec behind the page, %s: %w", g.url, err)
		}
		if !oas.IsSpec(body) {
			return nil, fmt.Errorf("the spec viewer names %s as its spec, but that is not an OpenAPI or Swagger document", g.url)
		}
		docs = append(docs, Doc{Origin: g.url, Body: body, Tag: g.name})
	}
	return docs, nil
}

// configGroups reads a UI configuration (springdoc's swagger-config, a
// configUrl) or springfox's swagger-resources: the groups it lists.
func (r *reader) configGroups(ctx context.Context, at string) []group {
	body, err := r.fetch(ctx, at)
	if err != nil {
		return nil
	}
	base, _ := url.Parse(at)
	type entry struct {
		Name     string `json:"name"`
		URL      string `json:"url"`
		Location string `json:"location"`
	}
	var config struct {
		URL  string  `json:"url"`
		URLs []entry `json:"urls"`
	}
	var resources []entry
	var out []group
	switch {
	case json.Unmarshal(body, &resources) == nil:
		for _, e := range resources {
			out = append(out, group{name: e.Name, url: resolveRef(base, cmp.Or(e.URL, e.Location))})
		}
	case json.Unmarshal(body, &config) == nil:
		for _, e := range config.URLs {
			out = append(out, group{name: e.Name, url: resolveRef(base, e.URL)})
		}
		if len(out) == 0 && config.URL != "" {
			out = append(out, group{url: resolveRef(base, config.URL)})
		}
	}
	return out
}

// appRoot is the directory the UI page is served from, with the UI's own
// path (swagger-ui/index.html, doc.html) taken off: where the app's
// /v3/api-docs and /swagger-resources are.
func appRoot(u *url.URL) *url.URL {
	root := *u
	root.RawQuery, root.Fragment = "", ""
	for _, p := range uiPages {
		if strings.HasSuffix(root.Path, "/"+p) {
			root.Path = strings.TrimSuffix(root.Path, p)
			return &root
		}
	}
	if i := strings.LastIndexByte(root.Path, '/'); i >= 0 {
		root.Path = root.Path[:i+1]
	}
	return &root
}
