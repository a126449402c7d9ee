package parser

import (
	"regexp"
	"strings"
)

var (
	httpURL = regexp.MustCompile(`(?i)^https?://\S+$`)
	// pathURL is a path of at least two segments, or one after a slash:
	// crm/customer/info, /api/user/id/, openapi/v1/metadata/apps.
	pathURL = regexp.MustCompile(`^(?:/[A-Za-z0-9_.~{}$:@!*+,;=%-]+|[A-Za-z0-9_.~{}$@!*+,;=%-]+(?:/[A-Za-z0-9_.~{}$:@!*+,;=%-]*)+)(?:/[A-Za-z0-9_.~{}$:@!*+,;=%-]*)*$`)
	// bareURL is a single word a URL label may give (user.login).
	bareURL = regexp.MustCompile(`^[A-Za-z_{][A-Za-z0-9_.~{}$:-]*$`)
	// methodPath is an HTTP request line, "POST /api/user/add", which
	// Apifox and other exports write under the heading.
	methodPath = regexp.MustCompile(`(?i)^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(\S+)$`)
)

// looksLikeURL reports whether a token is a URL or an API path.
func looksLikeURL(tok string) bool {
	return httpURL.MatchString(tok) || pathURL.MatchString(tok)
}

// urlToken trims what surrounds a URL in prose: quotes, code marks and
// brackets, and a trailing full stop or comma.
func urlToken(tok string) string {
	tok = strings.Trim(tok, "`'\"<>「」“”")
	return strings.TrimRight(tok, ",，.。;；")
}

func isMethodWord(tok string) bool {
	switch strings.ToUpper(tok) {
	case "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// endpointLine is what a URL line says: the URL, a method written beside
// it (`path` `POST`), and any other words.
type endpointLine struct {
	url, method string
	urlAt       int // byte index of the URL in the line
	rest        []string
}

// readEndpointLine reads a URL line. labelled says a URL label names the
// line, so that a single bare word is taken as the URL too.
func readEndpointLine(text string, labelled bool) endpointLine {
	var el endpointLine
	text = urlTemplate.ReplaceAllString(text, "{$1}")
	at := 0
	for _, f := range strings.Fields(text) {
		i := at + strings.Index(text[at:], f)
		at = i + len(f)
		tok := urlToken(f)
		switch {
		case tok == "" || tok == "-" || urlArtifacts[tok]:
		case el.url == "" && (looksLikeURL(tok) || labelled && len(el.rest) == 0 && bareURL.MatchString(tok) && !isMethodWord(tok)):
			el.url, el.urlAt = tok, i+strings.Index(f, tok)
		case el.method == "" && isMethodWord(tok):
			el.method = strings.ToUpper(tok)
		default:
			el.rest = append(el.rest, tok)
		}
	}
	return el
}

// readMethodPath reads an HTTP request line such as "POST /api/user/add".
func readMethodPath(text string) (method, url string, ok bool) {
	m := methodPath.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return "", "", false
	}
	url = urlToken(m[2])
	if !strings.HasPrefix(url, "/") && !httpURL.MatchString(url) {
		return "", "", false
	}
	return strings.ToUpper(m[1]), url, true
}

// sameEndpoint reports whether a request line repeats the endpoint: the
// same method and the same path, possibly without the host.
func sameEndpoint(ep *Endpoint, method, url string) bool {
	return ep.URL != "" && strings.EqualFold(ep.Method, method) && sameURL(ep.URL, url)
}

// sameURL reports whether two URLs name one path: equal, or one absolute
// and the other the path at its end (/qw-nbd-api/… under https://host/szmc/qw-nbd-api/…).
func sameURL(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	return httpURL.MatchString(a) && !httpURL.MatchString(b) &&
		strings.HasSuffix(a, "/"+strings.TrimPrefix(b, "/"))
}
