package runtime

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// What the client shows of a try, in its debug log and in its errors,
// leaves out the credentials: whatever the signer set (path segments by
// role, query values and headers, but for those it says are plain, such
// as a timestamp), and any parameter, header or JSON member named like a
// secret. Those values are shown as redacted; the values the signer set
// are also replaced wherever else they turn up (a vendor's message that
// repeats the token).

// redacted stands for a credential.
const redacted = "REDACTED"

// logBodyBytes is how much of each body a log record shows.
const logBodyBytes = 2 << 10

// minSecretLen is the shortest credential replaced wherever it turns up:
// shorter values would match ordinary text. Those are still redacted
// where they are sent.
const minSecretLen = 6

// plainCredentials is a Signer that names the parameters it sets that
// are no secret (a timestamp, the sign method), which logs then show.
type plainCredentials interface {
	plainParams() []string
}

// plainRole is a credential path segment's role that is no secret.
func plainRole(role string) bool {
	switch role {
	case "timestamp", "msg_id", "sign_method":
		return true
	}
	return false
}

// sensitiveName reports a parameter, header or JSON member named like a
// secret.
func sensitiveName(name string) bool {
	n := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '-' || c == '_' || c == '.':
		case 'A' <= c && c <= 'Z':
			n = append(n, c+'a'-'A')
		default:
			n = append(n, c)
		}
	}
	switch string(n) {
	case "sign", "signature", "digest", "key", "pwd", "authorization", "proxyauthorization", "cookie", "setcookie":
		return true
	}
	for _, part := range [...]string{"secret", "token", "password", "passwd", "signature", "apikey", "appkey", "accesskey", "privatekey", "sessionkey", "credential"} {
		if bytes.Contains(n, []byte(part)) {
			return true
		}
	}
	return false
}

// sentTry is one try as the client built it, for the log and errors.
type sentTry struct {
	cl     *call
	cfg    *requestConfig
	sr     *SignRequest
	signer Signer
	req    *http.Request // after the editors, before the middleware

	ready   bool
	names   map[string]bool // lower-cased query and header names the signer set
	secrets []string        // values the signer set, longest first
	shown   string          // the URL, redacted
}

// prepare finds what the signer set: what differs from the call's
// values and the options' before signing.
func (t *sentTry) prepare() {
	if t.ready {
		return
	}
	t.ready = true
	t.names = map[string]bool{}
	plain := map[string]bool{}
	if p, ok := t.signer.(plainCredentials); ok {
		for _, n := range p.plainParams() {
			plain[strings.ToLower(n)] = true
		}
	}
	var secrets []string
	set := func(name string, now, before []string) {
		if !slices.Equal(now, before) && !plain[strings.ToLower(name)] {
			t.names[strings.ToLower(name)] = true
			secrets = append(secrets, now...)
		}
	}
	for k, vs := range t.sr.Query {
		before, ok := t.cfg.query[k]
		if !ok {
			before = t.cl.query[k]
		}
		set(k, vs, before)
	}
	for k, vs := range t.sr.Header {
		before, ok := t.cfg.header[k]
		if !ok {
			before = t.cl.header[k]
		}
		set(k, vs, before)
	}
	for role, v := range t.sr.Creds {
		if !plainRole(role) {
			secrets = append(secrets, v)
		}
	}
	if t.sr.Token != "" {
		secrets = append(secrets, t.sr.Token)
	}
	seen := map[string]bool{}
	for _, s := range secrets {
		for _, v := range [...]string{s, url.QueryEscape(s), url.PathEscape(s)} {
			if len(v) >= minSecretLen && !seen[v] {
				seen[v] = true
				t.secrets = append(t.secrets, v)
			}
		}
	}
	// Longest first, so that a secret inside another is not replaced
	// before the one that holds it.
	slices.SortFunc(t.secrets, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
}

// secret reports a query parameter, form field or header to redact.
func (t *sentTry) secret(name string) bool {
	t.prepare()
	return sensitiveName(name) || t.names[strings.ToLower(name)]
}

// text replaces the credentials the signer set wherever they occur in s.
func (t *sentTry) text(s string) string {
	t.prepare()
	for _, v := range t.secrets {
		s = strings.ReplaceAll(s, v, redacted)
	}
	return s
}

// values is a copy of v with its secrets redacted.
func (t *sentTry) values(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		if t.secret(k) {
			vs = []string{redacted}
		}
		out[k] = vs
	}
	return out
}

// url is the try's URL as shown: credential path segments, secret query
// values and a password in the base URL redacted.
func (t *sentTry) url() string {
	if t.shown != "" {
		return t.shown
	}
	base := t.cfg.baseURL
	if u, err := url.Parse(base); err == nil && u.User != nil {
		base = u.Redacted()
	}
	values := map[string]string{}
	for k, v := range t.cl.pathParams {
		if sensitiveName(k) {
			v = redacted
		}
		values[k] = v
	}
	for name, role := range t.cl.authParams {
		v := t.sr.Creds[role]
		if !plainRole(role) {
			v = redacted
		}
		values[name] = v
	}
	s := base + expandPath(t.cl.path, values)
	if len(t.sr.Query) > 0 {
		s += "?" + t.values(t.sr.Query).Encode()
	}
	t.shown = t.text(s)
	return t.shown
}

// redactURLError shows a transport error's URL, which net/http writes
// whole (the signed path, the query with its token), as the try's,
// redacted. The error stays a *url.Error wrapping the same cause.
func (t *sentTry) redactURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return &url.Error{Op: ue.Op, URL: t.url(), Err: ue.Err}
	}
	return err
}

// fill completes an answer's *APIError with the request and response it
// came from.
func (t *sentTry) fill(e *APIError, resp *http.Response) {
	e.Method, e.URL = t.cl.method, t.url()
	e.Request = resp.Request
	if e.Request == nil {
		e.Request = t.req
	}
	e.Response = resp
	if e.RequestID == "" {
		e.RequestID = requestID(resp.Header)
	}
	e.Message = t.text(e.Message)
}

// requestIDHeaders are the headers in which servers name a request for
// their logs and their support desks.
var requestIDHeaders = [...]string{"X-Request-Id", "Request-Id", "X-Tt-Logid", "X-Acs-Request-Id", "X-Amz-Request-Id", "X-Amzn-Requestid", "X-Trace-Id"}

// requestID is the request id an answer carries, "" when none.
func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// log writes one Debug record for the try; resp is nil when no answer
// came.
func (t *sentTry) log(ctx context.Context, try int, resp *http.Response, data []byte, d time.Duration, err error) {
	attrs := make([]slog.Attr, 0, 10)
	attrs = append(attrs, slog.String("method", t.cl.method), slog.String("url", t.url()), slog.Int("try", try))
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
	}
	attrs = append(attrs, slog.Duration("duration", d))
	if resp != nil {
		if id := requestID(resp.Header); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if t.req != nil {
		header := make([]slog.Attr, 0, len(t.req.Header))
		for _, k := range slices.Sorted(maps.Keys(t.req.Header)) {
			v := strings.Join(t.req.Header[k], ", ")
			if t.secret(k) {
				v = redacted
			}
			header = append(header, slog.String(k, t.text(v)))
		}
		attrs = append(attrs, slog.Attr{Key: "request_header", Value: slog.GroupValue(header...)})
	}
	if len(t.cl.body) > 0 {
		attrs = append(attrs, slog.String("request_body", t.body(t.cl.body, t.cl.contentType)))
	}
	if resp != nil && len(data) > 0 {
		attrs = append(attrs, slog.String("response_body", t.body(data, resp.Header.Get("Content-Type"))))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", t.text(err.Error())))
	}
	t.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "api request", attrs...)
}

// body shows the start of a body with its secrets redacted: a form's
// fields and a JSON document's members by name, and the signer's
// values wherever they are.
func (t *sentTry) body(b []byte, contentType string) string {
	media, _, _ := mime.ParseMediaType(contentType)
	trimmed := bytes.TrimSpace(b)
	var s string
	switch {
	case media == "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(b))
		if err != nil {
			return fmt.Sprintf("(%d bytes of a form that does not parse)", len(b))
		}
		s = t.values(form).Encode()
	case strings.HasPrefix(media, "multipart/"):
		return fmt.Sprintf("(%d bytes of %s)", len(b), media)
	case len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '['):
		out, complete := redactJSON(trimmed, logBodyBytes, t.secret)
		s = string(out)
		if !complete && len(s) <= logBodyBytes {
			s += "…(not valid JSON)"
		}
	default:
		// A credential that starts within the shown part ends within
		// this much more, and is replaced whole.
		s = string(b[:min(len(b), logBodyBytes+256)])
	}
	s = t.text(s)
	if len(s) > logBodyBytes {
		s = s[:runeStart(s, logBodyBytes)] + "…(" + strconv.Itoa(len(b)) + " bytes)"
	}
	return s
}

// redactJSON rewrites a JSON document compactly with the value of every
// member secret names replaced, until the output passes limit bytes. It
// reports whether the document was read to its end without an error.
func redactJSON(data []byte, limit int, secret func(string) bool) ([]byte, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct{ object, first, key bool }
	var stack []frame
	var b []byte
	hide := false
	for len(b) <= limit {
		tok, err := dec.Token()
		if err == io.EOF {
			return b, len(stack) == 0
		}
		if err != nil {
			return b, false
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			b = append(b, byte(d))
			continue
		}
		if n := len(stack); n > 0 {
			f := &stack[n-1]
			if !f.first && (!f.object || f.key) {
				b = append(b, ',')
			}
			f.first = false
			if f.object && f.key {
				k, _ := tok.(string)
				b = appendJSONText(b, k)
				b = append(b, ':')
				f.key, hide = false, secret(k)
				continue
			}
			f.key = f.object
		}
		if hide {
			hide = false
			b = appendJSONText(b, redacted)
			if _, ok := tok.(json.Delim); ok {
				// Skip the whole object or list.
				for depth := 1; depth > 0; {
					tok, err := dec.Token()
					if err != nil {
						return b, false
					}
					switch tok {
					case json.Delim('{'), json.Delim('['):
						depth++
					case json.Delim('}'), json.Delim(']'):
						depth--
					}
				}
			}
			continue
		}
		switch v := tok.(type) {
		case json.Delim:
			b = append(b, byte(v))
			stack = append(stack, frame{object: v == '{', first: true, key: v == '{'})
		case string:
			b = appendJSONText(b, v)
		case json.Number:
			b = append(b, v...)
		case bool:
			b = strconv.AppendBool(b, v)
		case nil:
			b = append(b, "null"...)
		}
	}
	return b, false
}

// appendJSONText writes s as a JSON string.
func appendJSONText(b []byte, s string) []byte {
	q, err := json.Marshal(s)
	if err != nil {
		return append(b, `""`...)
	}
	return append(b, q...)
}

// errNoAnswer is what a call returns when its middleware returns neither
// a response nor an error.
var errNoAnswer = errors.New("middleware returned neither a response nor an error")
