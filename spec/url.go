package spec

import (
	"regexp"
	"strings"
)

// splitURL separates a doc's request address into its server (scheme and
// host, "" when the doc gives a bare path) and an OpenAPI path. A query
// string is dropped from the path and returned apart.
func splitURL(raw string) (server, path, query string) {
	u := strings.TrimSpace(raw)
	if i := strings.IndexAny(u, " \t"); i >= 0 {
		u = u[:i]
	}
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return u, "/", ""
		}
		server, u = u[:i+3+j], rest[j:]
	}
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u, query = u[:i], u[i+1:]
	}
	u = "/" + strings.TrimLeft(u, "/")
	u = strings.TrimRight(u, "/")
	if u == "" {
		u = "/"
	}
	u = templateParams.ReplaceAllStringFunc(u, func(m string) string {
		return "{" + strings.Trim(m, "{}: \t") + "}"
	})
	return server, u, query
}

// templateParams matches {name}, {{name}} and :name path templates.
var templateParams = regexp.MustCompile(`\{+\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}+|:([A-Za-z_][A-Za-z0-9_]*)`)

// pathParams lists the template names of a path in order.
func pathParams(path string) []string {
	var out []string
	for _, m := range pathTemplate.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

var pathTemplate = regexp.MustCompile(`\{([^}]+)\}`)
