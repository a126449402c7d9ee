package runtime

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The *http.Client a Client sends through. Requests carry credentials in
// their URL (Waiqin signs into the path) and in headers a WithRequestEditor
// adds, so where they may go and how long they may take are decided here,
// whichever *http.Client the caller brings.

// DefaultTimeout bounds each try of a call when neither WithTimeout nor a
// client given with WithHTTPClient says otherwise: http.DefaultClient
// waits forever for a server that accepts the connection and never
// answers.
const DefaultTimeout = 30 * time.Second

// WithTimeout bounds each try of a call: signing it (fetching a token
// when one is needed), connecting, sending the request and reading the
// whole answer. Zero means no limit, leaving only the call's context to
// end a try (a token fetch still ends after DefaultTimeout). It overrides the Timeout of a client given with
// WithHTTPClient; given to a method, it overrides the client's. The
// context bounds the call, retries included.
func WithTimeout(d time.Duration) RequestOption {
	return func(rc *requestConfig) { rc.timeout = d }
}

// ErrRedirectRefused is what a call returns (wrapped in a *url.Error) when
// the server redirects it to another host, scheme or port: the request's
// URL and headers carry credentials, and a 307 or 308 would send its body
// on too.
var ErrRedirectRefused = errors.New("redirect to another host refused")

// maxRedirects is where http.Client's own policy stops.
const maxRedirects = 10

// httpClient is the client requests go through: the given one (or a new
// one), copied so the caller's is left as it was, with redirects kept on
// the request's origin. Its Timeout is cleared: each try's deadline is
// its context's, which a call's WithTimeout can set longer than the
// client's.
func httpClient(given *http.Client) *http.Client {
	var hc http.Client
	if given != nil {
		hc = *given
	}
	hc.Timeout = 0
	hc.CheckRedirect = sameOriginRedirects(hc.CheckRedirect)
	return &hc
}

// sameOriginRedirects refuses a redirect that leaves the first request's
// origin before next, the caller's own policy (or http.Client's default),
// sees it. net/http sets Referer to the URL redirected from, which is a
// signed URL here; it is dropped even on the same host, where it would
// only end up in logs.
func sameOriginRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		req.Header.Del("Referer")
		if from := via[0].URL; origin(req.URL) != origin(from) {
			return fmt.Errorf("%w: %s redirected to %s", ErrRedirectRefused, origin(from), origin(req.URL))
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		return nil
	}
}

// origin is a URL's scheme, host and port, the port spelled out when it
// is the scheme's default so that https://h and https://h:443 are one.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}
