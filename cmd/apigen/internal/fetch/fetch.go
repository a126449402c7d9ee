// Package fetch downloads doc pages given as http(s) URLs, with a time
// limit, a size limit and an on-disk cache revalidated with ETag and
// Last-Modified, so that regenerating from unchanged docs costs one
// conditional request per page and no download.
package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apigen/apigen/cmd/apigen/internal/outdir"
)

// DefaultTimeout bounds one download when Fetcher.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// IsURL reports whether a doc argument names an http(s) URL rather than a
// file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Fetcher downloads doc pages. The zero value works: no cache, the default
// timeout, no size limit.
type Fetcher struct {
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
	// Timeout bounds one page's download, redirects and body included.
	Timeout time.Duration
	// MaxSize is the largest body accepted, in bytes; 0 means no limit.
	MaxSize int64
	// CacheDir keeps the last copy of each page with its validators, and
	// the last copy the caller accepted (Keep); "" disables the cache.
	CacheDir string
	// RedirectHosts are the hosts, besides the URL's own, that a redirect
	// may lead to. A doc URL that starts redirecting elsewhere is more
	// likely a login wall or a moved site than the docs, so by default
	// redirects stay on the URL's host.
	RedirectHosts []string
}

// Result is a downloaded page.
type Result struct {
	Body []byte
	// NotModified is true when the server confirmed the cached copy.
	NotModified bool
}

// StatusError is an answer other than 200 OK (or 304 to a revalidation).
type StatusError struct {
	Code   int
	Status string // as the server sent it, e.g. "404 Not Found"
}

func (e *StatusError) Error() string { return "the server answered " + e.Status }

// TimeoutError is a download that did not finish in time.
type TimeoutError struct{ After time.Duration }

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("no complete answer within %s (raise fetch_timeout or -fetch-timeout)", e.After)
}

// TooLargeError is a body over the size limit.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the page is larger than %s, too large for a doc page", size(e.Limit))
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Get downloads rawURL, or confirms the cached copy is current.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (Result, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return Result{}, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return Result{}, fmt.Errorf("unsupported URL scheme %q: only http and https are fetched", u.Scheme)
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	cached := f.load(rawURL)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("User-Agent", "apigen (+https://github.com/apigen/apigen)")
	if cached != nil {
		if cached.ETag != "" {
			req.Header.Set("If-None-Match", cached.ETag)
		}
		if cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.LastModified)
		}
	}
	resp, err := f.client(u.Hostname()).Do(req)
	if err != nil {
		return Result{}, f.explain(ctx, err, timeout)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && cached != nil:
		return Result{Body: cached.body, NotModified: true}, nil
	case resp.StatusCode != http.StatusOK:
		return Result{}, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	if f.MaxSize > 0 && resp.ContentLength > f.MaxSize {
		return Result{}, &TooLargeError{Limit: f.MaxSize}
	}
	var r io.Reader = resp.Body
	if f.MaxSize > 0 {
		r = io.LimitReader(resp.Body, f.MaxSize+1)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return Result{}, f.explain(ctx, err, timeout)
	}
	if f.MaxSize > 0 && int64(len(body)) > f.MaxSize {
		return Result{}, &TooLargeError{Limit: f.MaxSize}
	}
	// A cache that cannot be written only costs a download next time.
	_ = f.store(rawURL, resp.Header, body)
	return Result{Body: body}, nil
}

// RedirectError is a redirect to a host the fetcher may not follow.
type RedirectError struct{ To string }

func (e *RedirectError) Error() string {
	return "redirected to " + e.To + ", another host (list it in the config's redirect_hosts to follow it)"
}

// client returns the HTTP client with the redirect policy for a URL on
// host: at most 10 hops, each to host or one of RedirectHosts.
func (f *Fetcher) client(host string) *http.Client {
	c := http.Client{}
	if f.Client != nil {
		c = *f.Client
	}
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		to := req.URL.Hostname()
		if !strings.EqualFold(to, host) && !slices.ContainsFunc(f.RedirectHosts, func(h string) bool { return strings.EqualFold(h, to) }) {
			return &RedirectError{To: req.URL.Redacted()}
		}
		return nil
	}
	return &c
}

// explain turns transport errors into messages that say what happened
// without repeating the URL, which the caller's position already names.
func (f *Fetcher) explain(ctx context.Context, err error, timeout time.Duration) error {
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return &TimeoutError{After: timeout}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// entry is a cached page: its validators in a JSON file beside the body.
type entry struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	SHA256       string `json:"sha256"`
	body         []byte
}

func (f *Fetcher) paths(rawURL string) (meta, body string) {
	sum := sha256.Sum256([]byte(rawURL))
	base := filepath.Join(f.CacheDir, "docs", hex.EncodeToString(sum[:16]))
	return base + ".json", base + ".body"
}

// load returns the cached copy of a page, or nil when there is none or it
// does not match its recorded hash.
func (f *Fetcher) load(rawURL string) *entry {
	if f.CacheDir == "" {
		return nil
	}
	metaPath, bodyPath := f.paths(rawURL)
	data, err := os.ReadFile(metaPath)
	if err != nil {
		return nil
	}
	var e entry
	if json.Unmarshal(data, &e) != nil || e.URL != rawURL || e.ETag == "" && e.LastModified == "" {
		return nil
	}
	if e.body, err = os.ReadFile(bodyPath); err != nil {
		return nil
	}
	if sum := sha256.Sum256(e.body); hex.EncodeToString(sum[:]) != e.SHA256 {
		return nil
	}
	return &e
}

// store keeps a page that carries validators; one without them cannot be
// revalidated, so caching it would save nothing.
func (f *Fetcher) store(rawURL string, h http.Header, body []byte) error {
	if f.CacheDir == "" {
		return nil
	}
	metaPath, bodyPath := f.paths(rawURL)
	e := entry{URL: rawURL, ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")}
	if e.ETag == "" && e.LastModified == "" {
		os.Remove(metaPath)
		return nil
	}
	sum := sha256.Sum256(body)
	e.SHA256 = hex.EncodeToString(sum[:])
	meta, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(metaPath), 0o755); err != nil {
		return err
	}
	// A crash between the two writes leaves old validators beside a new
	// body; the recorded hash then makes load discard the entry.
	if _, err := outdir.WriteFile(bodyPath, body); err != nil {
		return err
	}
	_, err = outdir.WriteFile(metaPath, meta)
	return err
}

// Keep records body as the last good copy of rawURL: the caller found
// what it expected in it. LastGood returns it when a later download of the
// same URL turns out not to be the docs.
func (f *Fetcher) Keep(rawURL string, body []byte) error {
	if f.CacheDir == "" {
		return nil
	}
	path := f.goodPath(rawURL)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	_, err := outdir.WriteFile(path, body)
	return err
}

// LastGood returns the copy of rawURL last passed to Keep and when it was
// kept.
func (f *Fetcher) LastGood(rawURL string) ([]byte, time.Time, bool) {
	if f.CacheDir == "" {
		return nil, time.Time{}, false
	}
	path := f.goodPath(rawURL)
	info, err := os.Stat(path)
	if err != nil {
		return nil, time.Time{}, false
	}
	body, err := os.ReadFile(path)
	if err != nil {
		return nil, time.Time{}, false
	}
	return body, info.ModTime(), true
}

func (f *Fetcher) goodPath(rawURL string) string {
	meta, _ := f.paths(rawURL)
	return strings.TrimSuffix(meta, ".json") + ".good"
}
