package spec

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// splitURL separates a doc's request address into its server (scheme and
// host, "" when the doc gives a bare path) and an OpenAPI path. A query
// string is dropped from the path and returned apart. A host the page
// writes as a placeholder ({交易服务根地址}/pay, <gateway>?app=x,
// http://机器人IP:端口号/robot) becomes a server variable, never a path
// parameter.
func splitURL(raw string) (server, path, query string) {
	u := strings.TrimSpace(raw)
	if i := strings.IndexAny(u, " \t"); i >= 0 {
		u = u[:i]
	}
	if m := schemeAlternatives.FindString(u); m != "" {
		u = "https://" + u[len(m):] // either scheme: the secure one
	}
	switch {
	case strings.Contains(u, "://"):
		i := strings.Index(u, "://")
		rest := u[i+3:]
		j := strings.IndexAny(rest, "/?")
		if j < 0 {
			return u[:i+3] + hostTemplate(rest), "/", ""
		}
		server, u = u[:i+3]+hostTemplate(rest[:j]), rest[j:]
	case hostPlaceholder.MatchString(u):
		m := hostPlaceholder.FindStringSubmatch(u)
		server, u = hostTemplate(m[1]), u[len(m[1]):]
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
		return "{" + strings.Trim(m, "{}[]<>: \t") + "}"
	})
	return server, u, query
}

var (
	// schemeAlternatives is a scheme that names both, http(s):// or
	// http|https://.
	schemeAlternatives = regexp.MustCompile(`^(?i:https?(?:\(s\)|\|https?))://`)
	// hostPlaceholder is a placeholder standing for the host at the start
	// of an address without a scheme: {api_domain}/x, <gateway>?a=b.
	hostPlaceholder = regexp.MustCompile(`^(\{\{[^{}/]+\}\}|\{[^{}/]+\}|<[^<>/]+>|\$\{[^{}/]+\}|\[[^\]/]+\]|【[^【】/]+】)(?:[/?]|$)`)
	// hostVar is a placeholder inside a host.
	hostVar = regexp.MustCompile(`\$?\{\{?([^{}]+)\}?\}|<([^<>]+)>|\[([^\]]+)\]|【([^【】]+)】`)
	// plainHost is a host apigen writes as it is: a name or address, a port.
	plainHost = regexp.MustCompile(`^[A-Za-z0-9.-]*[A-Za-z0-9](:[0-9]+)?$`)
)

// hostTemplate writes a host as a server URL template: as it is when it is
// a plain host name, else with the part a reader must fill in as a
// variable ({api_domain}, and {host} for what is not a name: 机器人IP:端口号).
func hostTemplate(host string) string {
	if plainHost.MatchString(host) {
		return host
	}
	if m := hostVar.FindStringSubmatch(host); m != nil && m[0] == host && varName(m[1]+m[2]+m[3]+m[4]) != "host" {
		return "{" + varName(m[1]+m[2]+m[3]+m[4]) + "}"
	}
	return "{host}"
}

// varName is a server variable's name for a placeholder: its own name
// when that is an identifier, else host.
func varName(placeholder string) string {
	if identifier.MatchString(placeholder) {
		return placeholder
	}
	return "host"
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// serverOf builds the server entry for a server URL splitURL returned,
// with a variable for each placeholder, defaulting to the text the page
// wrote for it.
func serverOf(url, pageURL string) *openapi3.Server {
	s := &openapi3.Server{URL: url}
	for _, m := range serverVar.FindAllStringSubmatch(url, -1) {
		if s.Variables == nil {
			s.Variables = map[string]*openapi3.ServerVariable{}
		}
		def := pageHost(pageURL)
		if def == "" || !utf8.ValidString(def) {
			def = m[1]
		}
		s.Variables[m[1]] = &openapi3.ServerVariable{
			Default:     def,
			Description: "the page writes the host as " + def + "; give the real one",
		}
	}
	return s
}

var serverVar = regexp.MustCompile(`\{([^{}]+)\}`)

// pageHost is the host part of an address as the page wrote it.
func pageHost(raw string) string {
	u := strings.TrimSpace(raw)
	if m := schemeAlternatives.FindString(u); m != "" {
		u = u[len(m):]
	} else if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?"); i >= 0 {
		u = u[:i]
	}
	return strings.Trim(u, "{}<>[]$")
}

// templateParams matches {name}, {{name}}, [name], <name> and :name path
// templates.
var templateParams = regexp.MustCompile(`\{+\s*([^{}/\s]+)\s*\}+|\[([A-Za-z_][A-Za-z0-9_]*)\]|<([A-Za-z_][A-Za-z0-9_]*)>|:([A-Za-z_][A-Za-z0-9_]*)`)

// pathParams lists the template names of a path in order.
func pathParams(path string) []string {
	var out []string
	for _, m := range pathTemplate.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

var pathTemplate = regexp.MustCompile(`\{([^}]+)\}`)
