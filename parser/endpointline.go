package parser

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// The shapes of a URL as pages write it. A placeholder, {name}, <name>,
// ${name}, [name] or 【name】, may stand for a path segment or for the host, and
// hold any text ({交易服务根地址}); the scheme may be written http(s) or
// http|https for either.
const (
	// urlScheme matches the schemes a page writes: http, https, and
	// either written as http(s) or http|https.
	urlScheme      = `(?i:https?(?:\(s\)|\|https?)?)`
	urlPlaceholder = `(?:\{\{[^{}\s]+\}\}|\{[^{}\s]+\}|<[^<>\s]+>|\$\{[^{}\s]+\}|\[[^\]\s]+\]|【[^【】\s]+】)`
	urlSegment     = `(?:[A-Za-z0-9_.~$:@!*+,;=%-]|` + urlPlaceholder + `)+`
	urlQuery       = `(?:\?\S*)?`
)

var (
	httpURL = regexp.MustCompile(`^(?:` + urlScheme + `|` + urlPlaceholder + `)://\S+$`)
	// pathURL is a path of at least two segments, or one after a slash,
	// with a query or not, perhaps after a host placeholder:
	// crm/customer/info, /api/user/id/, {host}/pay/refundQuery,
	// <gateway>?app=page, index.php?app=kaoqin.
	pathURL = regexp.MustCompile(`^(?:` + urlPlaceholder + `?(?:/` + urlSegment + `)+/?` + urlQuery +
		`|` + urlSegment + `(?:/` + urlSegment + `?)+` + urlQuery +
		`|` + urlPlaceholder + `\?\S+` +
		`|[A-Za-z0-9_.-]+\.(?i:php|jsp|do|action|aspx?|html?|cgi)` + urlQuery + `)$`)
	// bareURL is a single word a URL label may give (user.login).
	bareURL = regexp.MustCompile(`^[A-Za-z_{][A-Za-z0-9_.~{}$:-]*$`)
	// methodPath is an HTTP request line, "POST /api/user/add" as Apifox
	// and other exports write it, or "GET /?prefix=a HTTP/1.1" as RFC 9112
	// does, or with the method glued to the path where a page set them in
	// two styles ("POST/api/flows").
	methodPath = regexp.MustCompile(`(?i)^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)(?:\s+(\S+)|(/\S*))(?:\s+HTTP/\d(?:\.\d)?)?$`)
	// pathMethod is a path followed by its method and nothing else.
	pathMethod = regexp.MustCompile(`^(\S*/\S*)\s+(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$`)
	// methodOnly is a value that is an HTTP method and nothing else.
	methodOnly = regexp.MustCompile(`(?i)^[\s"'“”` + "`" + `]*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)[\s"'“”` + "`" + `]*$`)
	// statedMethod is "label: METHOD" with any label: **Type:** GET,
	// 请求类型：POST, 访问方式: get.
	statedMethod = regexp.MustCompile(`^([^:：]{1,24})[:：]\s*(.+)$`)
	// titledMethod is a title led by its method as a badge: "GET 获取用户列表",
	// "[POST] 创建用户", "【DELETE】删除". Only upper case counts: "Get user"
	// is English prose.
	titledMethod = regexp.MustCompile(`^(?:[\[【(（]\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s*[\]】)）]\s*|(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+)(\S.*)$`)
)

// urlTemplate matches a path template written with spaces, "{ openid }".
var urlTemplate = regexp.MustCompile(`\{\s*([A-Za-z_][A-Za-z0-9_\-]*)\s*\}`)

var httpMethod = regexp.MustCompile(`(?i)\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b`)

// readMethod finds the HTTP method in a label value such as "POST(HTTPS".
func readMethod(value string) string {
	if m := httpMethod.FindStringSubmatch(value); m != nil {
		return strings.ToUpper(m[1])
	}
	return ""
}

// readMethods finds every method a value lists: "get/post", "GET, POST".
func readMethods(value string) []string {
	var out []string
	for _, m := range httpMethod.FindAllStringSubmatch(value, 4) {
		if u := strings.ToUpper(m[1]); !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// looksLikeURL reports whether a token is a URL or an API path.
func looksLikeURL(tok string) bool {
	return httpURL.MatchString(tok) || pathURL.MatchString(tok)
}

// urlToken trims what surrounds a URL in prose: quotes, code marks and
// brackets, and a trailing full stop or comma.
func urlToken(tok string) string {
	tok = strings.Trim(tok, "`'\"“”*")
	for _, pair := range []string{"<>", "「」", "()", "（）"} {
		open, close := string([]rune(pair)[0]), string([]rune(pair)[1])
		if strings.HasPrefix(tok, open) && strings.HasSuffix(tok, close) && strings.Count(tok, open) == 1 {
			tok = tok[len(open) : len(tok)-len(close)]
		}
	}
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
	restAt      int // byte index of the first of rest
}

// readEndpointLine reads a URL line. labelled says a URL label names the
// line, so that a single bare word is taken as the URL too.
func readEndpointLine(text string, labelled bool) endpointLine {
	var el endpointLine
	for _, sp := range urlFields(text) {
		f := text[sp.start:sp.end]
		tok := urlToken(urlTemplate.ReplaceAllString(f, "{$1}"))
		if el.url == "" {
			tok = cutGluedArtifact(tok)
			if i := gluedURL(tok); i > 0 {
				// "生产环境：http://host/x": a caption glued to the URL.
				if len(el.rest) == 0 {
					el.restAt = sp.start
				}
				el.rest = append(el.rest, strings.TrimRight(tok[:i], ":："))
				tok = tok[i:]
				if k := strings.Index(f, tok); k > 0 {
					f, sp.start = f[k:], sp.start+k
				}
			}
		}
		switch {
		case tok == "" || tok == "-" || urlArtifacts[tok]:
		case el.url == "" && (looksLikeURL(tok) || labelled && len(el.rest) == 0 && bareURL.MatchString(tok) && !isMethodWord(tok)):
			el.url, el.urlAt = tok, sp.start+max(0, strings.Index(f, strings.TrimLeft(f, "`'\"<>「」“”")[:1]))
		case el.method == "" && isMethodWord(tok):
			el.method = strings.ToUpper(tok)
		default:
			if len(el.rest) == 0 {
				el.restAt = sp.start
			}
			el.rest = append(el.rest, tok)
		}
	}
	return el
}

// urlFields splits a line at white space outside braces, so that a path
// template written with spaces ("{ openid }") stays one field.
func urlFields(s string) []span {
	var out []span
	start, depth := -1, 0
	for i, c := range s {
		switch {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		}
		switch {
		case isSpace(c) && depth == 0 && start >= 0:
			out = append(out, span{start, i})
			start = -1
		case !isSpace(c) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// gluedURL returns where a URL starts inside a token that a caption and a
// colon run into ("正式环境：https://…", "URL:/api/x"), or 0.
func gluedURL(tok string) int {
	if looksLikeURL(tok) {
		return 0
	}
	if i := strings.Index(tok, "://"); i > 0 {
		j := i
		for j > 0 && isASCIILetter(tok[j-1]) {
			j--
		}
		if j > 0 && looksLikeURL(tok[j:]) {
			return j
		}
	}
	for _, colon := range []string{"：", ":"} {
		if i := strings.Index(tok, colon); i > 0 && looksLikeURL(tok[i+len(colon):]) && strings.HasPrefix(tok[i+len(colon):], "/") {
			return i + len(colon)
		}
	}
	return 0
}

// cutGluedArtifact removes a button caption copied onto the end of a URL.
func cutGluedArtifact(tok string) string {
	for _, a := range gluedArtifacts {
		if u, ok := strings.CutSuffix(tok, a); ok && u != "" {
			return u
		}
	}
	return tok
}

// readMethodPath reads an HTTP request line such as "POST /api/user/add".
func readMethodPath(text string) (method, url string, ok bool) {
	m := methodPath.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		// "/api/user/{id} DELETE": the method written after the path, as a
		// badge beside it.
		if m = pathMethod.FindStringSubmatch(strings.TrimSpace(text)); m == nil {
			return "", "", false
		}
		m = []string{m[0], m[2], m[1], ""}
	}
	if raw := strings.Trim(m[2]+m[3], "`'\"“”*"); callbackAddress(raw) {
		return strings.ToUpper(m[1]), urlToken(raw), true
	}
	url = urlToken(m[2] + m[3])
	if !strings.HasPrefix(url, "/") && !httpURL.MatchString(url) {
		return "", "", false
	}
	return strings.ToUpper(m[1]), url, true
}

// placeholderAddress is an address that is a placeholder alone:
// <your_callback_url>, {notify_url}, ${callback}.
var placeholderAddress = regexp.MustCompile(`^(?:<[^<>/\s]+>|\{\{?[^{}/\s]+\}?\}|\$\{[^{}/\s]+\})$`)

// callbackAddress reports an address that is the user's own, named as a
// callback's (POST <your_callback_url>): a callback section's request line.
func callbackAddress(url string) bool {
	return placeholderAddress.MatchString(url) && containsAny(strings.ToLower(url), callbackWords)
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

// readMethodOnly returns the method a value consists of, or "".
func readMethodOnly(value string) string {
	if m := methodOnly.FindStringSubmatch(value); m != nil {
		return strings.ToUpper(m[1])
	}
	return ""
}

// readTitledMethod splits a title led by its method into the method, the
// byte index of the method and the title.
func readTitledMethod(text string) (method string, at int, title string, ok bool) {
	m := titledMethod.FindStringSubmatchIndex(text)
	if m == nil || looksLikeURL(strings.Fields(text[m[6]:])[0]) {
		return "", 0, "", false
	}
	if m[2] >= 0 {
		return text[m[2]:m[3]], m[2], text[m[6]:m[7]], true
	}
	return text[m[4]:m[5]], m[4], text[m[6]:m[7]], true
}

// readStatedMethod reads "label: METHOD", a line whose value is an HTTP
// method alone, whatever its label says: a page that writes 请求类型 or
// Type for the method says as much as one that writes 请求方式.
func readStatedMethod(text string) (method string, valueAt int, ok bool) {
	m := statedMethod.FindStringSubmatchIndex(text)
	if m == nil {
		return "", 0, false
	}
	method = readMethodOnly(text[m[4]:m[5]])
	return method, m[4], method != ""
}

// curlCall is what a curl command line says of a request: its method
// (-X, --request; POST when it sends data) and its URL.
var (
	curlMethod = regexp.MustCompile(`(?:^|\s)(?:-X|--request)\s*['"]?([A-Za-z]+)`)
	curlData   = regexp.MustCompile(`(?:^|\s)(?:-d|--data\S*|-F|--form)\b`)
	curlURL    = regexp.MustCompile(`['"]?(https?://[^\s'"]+|<[^>\s]+>[^\s'"]*)`)
)

func readCurl(text string) (method, url string, ok bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "curl ") {
		return "", "", false
	}
	t = strings.ReplaceAll(t, "\\\n", " ")
	if m := curlURL.FindStringSubmatch(t); m != nil {
		url = m[1]
	}
	switch m := curlMethod.FindStringSubmatch(t); {
	case m != nil:
		method = readMethodOnly(m[1])
	case curlData.MatchString(t):
		method = "POST"
	default:
		method = "GET"
	}
	return method, url, url != ""
}

// leadingURL finds a URL at the start of a line, where a page may glue
// the next label to it (/im/v2/teams请求参数): the URL ends at white space
// or at the first Chinese character. It returns the URL and the byte
// index where the rest of the line starts.
func leadingURL(text string) (url string, end int) {
	t := strings.TrimLeft(text, " \t")
	lead := len(text) - len(t)
	n := strings.IndexFunc(t, func(r rune) bool { return isSpace(r) || unicode.Is(unicode.Han, r) })
	if n < 0 {
		n = len(t)
	}
	tok := urlToken(t[:n])
	if !(strings.HasPrefix(tok, "/") || httpURL.MatchString(tok)) || !looksLikeURL(tok) {
		return "", 0
	}
	return tok, lead + n
}
