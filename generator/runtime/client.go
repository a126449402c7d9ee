package runtime

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// WithHTTPClient sets the *http.Client requests go through, for its
// transport and cookie jar; its Timeout bounds each try unless WithTimeout
// says otherwise. The client uses a copy whose redirects stay on the
// request's host (see ErrRedirectRefused).
func WithHTTPClient(c *http.Client) Option {
	return clientOption(func(cc *clientCore) { cc.given = c })
}

// WithClock sets the clock used for signing timestamps, and for reading a
// Retry-After date in an answer that carries no Date of its own.
func WithClock(now func() time.Time) Option {
	return clientOption(func(cc *clientCore) { cc.now = now })
}

// WithSigner replaces the vendor's signer.
func WithSigner(s Signer) Option { return clientOption(func(cc *clientCore) { cc.signer = s }) }

// WithMsgIDs sets how message ids are chosen (default: random 32 hex digits).
func WithMsgIDs(next func() string) Option {
	return clientOption(func(cc *clientCore) { cc.newMsgID = next })
}

// clientCore is what every generated operation method calls.
type clientCore struct {
	http     *http.Client // built from given and the redirect policy
	now      func() time.Time
	signer   Signer
	newMsgID func() string
	envelope *envelope

	given       *http.Client
	callOptions []RequestOption // the client's, applied to defaults
	defaults    requestConfig   // every call's configuration before its own options

	sleep  func(context.Context, time.Duration) error
	jitter func(n int64) int64 // a number in [0, n)
}

func newClientCore(baseURL string, env *envelope, signer Signer, opts []Option) *clientCore {
	c := &clientCore{
		now:      time.Now,
		signer:   signer,
		newMsgID: randomMsgID,
		envelope: env,
		sleep:    sleepContext,
		jitter:   jitterN,
	}
	for _, o := range opts {
		if o != nil {
			o.applyClient(c)
		}
	}
	c.http = httpClient(c.given)
	c.defaults = requestConfig{baseURL: strings.TrimRight(baseURL, "/"), timeout: DefaultTimeout}
	if c.given != nil {
		c.defaults.timeout = c.given.Timeout
	}
	for _, o := range c.callOptions {
		o(&c.defaults)
	}
	c.defaults.editors = slices.Clip(c.defaults.editors)
	c.defaults.middleware = slices.Clip(c.defaults.middleware)
	c.defaults.onResponse = slices.Clip(c.defaults.onResponse)
	if b, ok := c.signer.(interface{ bind(*clientCore) }); ok {
		// A signer that makes requests of its own (for tokens) makes them
		// through the client's transport and redirect policy.
		b.bind(c)
	}
	return c
}

func randomMsgID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// call is one request as a generated method describes it.
type call struct {
	method      string
	path        string            // with {name} templates
	pathParams  map[string]string // values of non-credential templates
	authParams  map[string]string // template name → credential role
	signed      bool              // the operation needs credentials
	query       url.Values
	header      http.Header
	body        []byte
	contentType string
	idempotent  bool // safe to send again: by its method, or marked x-apigen-idempotent
}

// send sends one try of a call and decodes the result (the envelope's
// data, or the body when there is no envelope) into out, which may be nil.
func (c *clientCore) send(ctx context.Context, cfg *requestConfig, cl *call, try int, out any) outcome {
	fail := func(err error) outcome { return outcome{err: err} }
	// The try's own deadline bounds signing (a token fetch), sending and
	// reading the answer; ctx bounds the call.
	tctx := ctx
	if cfg.timeout > 0 {
		var cancel context.CancelFunc
		tctx, cancel = context.WithTimeout(ctx, cfg.timeout)
		defer cancel()
	}
	values := map[string]string{}
	for k, v := range cl.pathParams {
		values[k] = v
	}
	query, header := cloneValues(cl.query), cl.header.Clone()
	if header == nil {
		header = http.Header{}
	}
	for k, vs := range cfg.query {
		query[k] = append([]string(nil), vs...)
	}
	for k, vs := range cfg.header {
		header[k] = append([]string(nil), vs...)
	}
	sr := &SignRequest{Method: cl.method, Path: cl.path, Query: query, Header: header, Body: cl.body, ContentType: cl.contentType}
	t := &sentTry{cl: cl, cfg: cfg, sr: sr, signer: c.signer}
	if cl.signed {
		if c.signer == nil {
			return fail(fmt.Errorf("%s %s needs credentials but the client has no signer", cl.method, cl.path))
		}
		sr.Now, sr.MsgID, sr.Creds = c.now(), c.newMsgID(), map[string]string{}
		if err := c.signer.Sign(tctx, sr); err != nil {
			return fail(fmt.Errorf("signing %s: %w", cl.path, err))
		}
		for name, role := range cl.authParams {
			values[name] = sr.Creds[role]
		}
	}
	u := cfg.baseURL + expandPath(cl.path, values)
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(tctx, cl.method, u, body)
	if err != nil {
		return fail(t.redactURLError(err))
	}
	if cl.body != nil {
		req.Header.Set("Content-Type", cl.contentType)
	}
	req.Header.Set("Accept", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	for _, edit := range cfg.editors {
		if err := edit(req); err != nil {
			return fail(err)
		}
	}
	t.req = req
	log := cfg.logger != nil && cfg.logger.Enabled(ctx, slog.LevelDebug)
	start := time.Now()
	resp, err := c.chain(cfg.middleware, t)(req)
	if err == nil && resp == nil {
		err = errNoAnswer
	}
	if err != nil {
		if log {
			t.log(ctx, try, nil, nil, time.Since(start), err)
		}
		return transportOutcome(ctx, err)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	resp.Body.Close()
	if err != nil {
		err = fmt.Errorf("reading response of %s: %w", cl.path, err)
		if log {
			t.log(ctx, try, resp, data, time.Since(start), err)
		}
		return transportOutcome(ctx, err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	for _, hook := range cfg.onResponse {
		hook(resp)
		resp.Body = io.NopCloser(bytes.NewReader(data))
	}
	o := c.answer(resp, data, sr, cfg, out)
	if o.err != nil {
		var apiErr *APIError
		if errors.As(o.err, &apiErr) {
			t.fill(apiErr, resp)
		}
	}
	if log {
		t.log(ctx, try, resp, data, time.Since(start), o.err)
	}
	return o
}

// answer judges an answer and decodes its data into out.
func (c *clientCore) answer(resp *http.Response, data []byte, sr *SignRequest, cfg *requestConfig, out any) outcome {
	fail := func(err error) outcome { return outcome{err: err} }
	path := sr.Path
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := &APIError{HTTPStatus: resp.StatusCode, Message: http.StatusText(resp.StatusCode), Body: data}
		if c.envelope != nil {
			if _, err := c.envelope.unwrap(resp.StatusCode, data); err != nil {
				if e, ok := err.(*APIError); ok && e.Code != "" {
					apiErr = e
				}
			}
		}
		return c.answerOutcome(resp, apiErr, sr, cfg)
	}
	if c.envelope != nil {
		var err error
		if data, err = c.envelope.unwrap(resp.StatusCode, data); err != nil {
			return c.answerOutcome(resp, err, sr, cfg)
		}
	}
	if out == nil || isAbsent(data) {
		return outcome{}
	}
	if u, ok := out.(json.Unmarshaler); ok {
		// A model reads itself in one pass; encoding/json would first
		// scan the whole answer to check it, which the reader does too.
		if err := u.UnmarshalJSON(data); err != nil {
			return fail(fmt.Errorf("decoding response of %s: %w", path, err))
		}
		return outcome{}
	}
	if err := json.Unmarshal(data, out); err != nil {
		// Lists inside models read one object as a list of one; a list
		// result gets the same leniency here.
		var typeErr *json.UnmarshalTypeError
		if data = bytes.TrimSpace(data); errors.As(err, &typeErr) && typeErr.Value == "object" && typeErr.Field == "" && data[0] == '{' {
			list := append(append([]byte{'['}, data...), ']')
			if json.Unmarshal(list, out) == nil {
				return outcome{}
			}
		}
		return fail(fmt.Errorf("decoding response of %s: %w", path, err))
	}
	return outcome{}
}

// chain is the middleware around one try, the first given outermost,
// with the HTTP client at its centre. A transport error's URL is the
// try's with its credentials redacted, before any middleware sees it.
func (c *clientCore) chain(mw []Middleware, t *sentTry) Next {
	next := Next(func(req *http.Request) (*http.Response, error) {
		resp, err := c.http.Do(req)
		if err != nil {
			return nil, t.redactURLError(err)
		}
		return resp, nil
	})
	for i := len(mw) - 1; i >= 0; i-- {
		m, inner := mw[i], next
		next = func(req *http.Request) (*http.Response, error) { return m(req, inner) }
	}
	return next
}

// maxResponseBytes bounds what a client reads from one response.
const maxResponseBytes = 64 << 20

func expandPath(path string, values map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			b.WriteString(path)
			return b.String()
		}
		b.WriteString(path[:i])
		b.WriteString(url.PathEscape(values[path[i+1:i+j]]))
		path = path[i+j+1:]
	}
}

// marshalBody encodes a JSON request body.
func marshalBody(v any) ([]byte, error) {
	return appendBody(make([]byte, 0, 256), v)
}

// appendBody writes v as JSON after b: generated models and raw JSON
// without reflection, anything else with encoding/json.
func appendBody(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case jsonAppender:
		return x.appendJSON(b)
	case json.RawMessage:
		return appendRaw(&x, b)
	}
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// cloneValues copies v, so that a signer's additions stay with one try.
func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+4)
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func (cl *call) setPath(name, value string) {
	if cl.pathParams == nil {
		cl.pathParams = map[string]string{}
	}
	cl.pathParams[name] = value
}

func (cl *call) setHeader(name, value string) {
	if cl.header == nil {
		cl.header = http.Header{}
	}
	cl.header.Set(name, value)
}

func (cl *call) addQuery(name, value string) {
	if cl.query == nil {
		cl.query = url.Values{}
	}
	cl.query.Add(name, value)
}

// formatParam writes a parameter value as text.
func formatParam(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	case float64:
		// Sprint writes 11223344 as 1.1223344e+07, which a server reading
		// an id or an integer refuses.
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	}
	return fmt.Sprint(v)
}

// marshalForm encodes a flat struct as a form: its JSON members become
// form fields.
func marshalForm(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("form body must be an object: %w", err)
	}
	form := url.Values{}
	for k, r := range m {
		s, err := textOf(r)
		if err != nil {
			return nil, err
		}
		form.Set(k, s)
	}
	return []byte(form.Encode()), nil
}
