package runtime

import (
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Options come in two kinds. An Option configures a Client as a whole:
// how it connects, signs and waits. A RequestOption configures calls:
// given to a method it applies to that call; given to NewClient, to every
// call, before the call's own, which override it.

// Option configures a Client: one of the client's own options
// (WithHTTPClient, WithClock, WithSigner, WithMsgIDs, WithSleep) or any
// RequestOption, which then applies to every call.
type Option interface {
	applyClient(*clientCore)
}

// clientOption is an Option only a client takes.
type clientOption func(*clientCore)

func (o clientOption) applyClient(c *clientCore) { o(c) }

// RequestOption configures a call (given to a method) or every call of a
// client (given to NewClient). A call's own options apply after the
// client's: a header, query value, timeout or retry policy it sets
// replaces the client's; its middleware, editors and response hooks run
// inside the client's.
type RequestOption func(*requestConfig)

// applyClient makes a RequestOption a default of every call.
func (o RequestOption) applyClient(c *clientCore) { c.callOptions = append(c.callOptions, o) }

// requestConfig is what the options of a call say, the client's first.
type requestConfig struct {
	baseURL    string
	timeout    time.Duration // each try's; 0: no limit
	retry      RetryPolicy
	header     http.Header // set on each try before it is signed
	query      url.Values  // set on each try before it is signed
	editors    []func(*http.Request) error
	middleware []Middleware
	onResponse []func(*http.Response)
	logger     *slog.Logger
}

// with is the configuration of a call made with opts: a copy of c's with
// opts applied, or c itself when there are none.
func (c *requestConfig) with(opts []RequestOption) *requestConfig {
	if len(opts) == 0 {
		return c
	}
	cfg := *c
	// The maps are copied and the lists clipped, so that a call's options
	// change neither the client's defaults nor another call's.
	cfg.header, cfg.query = c.header.Clone(), cloneValues(c.query)
	cfg.editors, cfg.middleware, cfg.onResponse = slices.Clip(c.editors), slices.Clip(c.middleware), slices.Clip(c.onResponse)
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return &cfg
}

// WithBaseURL sends calls to another base URL than the one NewClient was
// given: a sandbox, a regional host, a test server.
func WithBaseURL(baseURL string) RequestOption {
	return func(rc *requestConfig) { rc.baseURL = strings.TrimRight(baseURL, "/") }
}

// WithHeader sets a header on every try, over any value the request
// gives it. It is set before the try is signed: the signer's own headers
// (an Authorization, an API key) replace one of the same name.
func WithHeader(name, value string) RequestOption {
	return func(rc *requestConfig) {
		if rc.header == nil {
			rc.header = http.Header{}
		}
		rc.header.Set(name, value)
	}
}

// WithQuery sets a query parameter on every try, over any value the
// request gives it. It is set before the try is signed, so a signature
// over the query (sorted-sign) covers it.
func WithQuery(name, value string) RequestOption {
	return func(rc *requestConfig) {
		if rc.query == nil {
			rc.query = url.Values{}
		}
		rc.query.Set(name, value)
	}
}

// WithRequestEditor runs fn on every try's request after it is signed
// and before the middleware sees it, for headers or credentials the doc
// leaves to the caller. An error from fn ends the call.
func WithRequestEditor(fn func(*http.Request) error) RequestOption {
	return func(rc *requestConfig) { rc.editors = append(rc.editors, fn) }
}

// WithResponseHook calls fn with the answer of every try, retried ones
// included, so the last call is with the final answer; a try that got no
// answer (a transport error) does not call it. fn runs after the body is
// read: resp.Body reads it again from the start (what a client reads is
// bounded, 64 MiB), and resp.Request is the request as sent, credentials
// included.
func WithResponseHook(fn func(resp *http.Response)) RequestOption {
	return func(rc *requestConfig) { rc.onResponse = append(rc.onResponse, fn) }
}

// Next sends a request on: to the next middleware or, after the last, to
// the server.
type Next func(*http.Request) (*http.Response, error)

// Middleware wraps every try of a call. It sees the request after it is
// signed (its URL, headers and body are what the server gets,
// credentials included) and the answer or the transport error; it may
// change either, or answer without calling next. The client reads and
// closes the body of the response it returns. Errors it returns are the
// call's as they are: leave credentials out of them.
type Middleware func(req *http.Request, next Next) (*http.Response, error)

// WithMiddleware adds middleware around every try, in the order given:
// the first is the outermost, seeing the request first and the answer
// last. A client's middleware is outside a call's.
func WithMiddleware(mw ...Middleware) RequestOption {
	return func(rc *requestConfig) { rc.middleware = append(rc.middleware, mw...) }
}

// WithLogger logs every try at Debug level to l: method, URL, try,
// status, duration, the request id the server sent back, the request's
// headers and both bodies (the first 2 KiB of each), or the error. What
// the auth scheme sends as credentials, and any parameter, header or JSON
// member named like a secret (token, secret, password, sign, signature,
// digest, app key, API key, Authorization, Cookie), is logged as
// REDACTED. A nil l turns logging off.
func WithLogger(l *slog.Logger) RequestOption {
	return func(rc *requestConfig) { rc.logger = l }
}
