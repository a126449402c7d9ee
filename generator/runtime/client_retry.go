package runtime

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Retries happen here, around the whole try, and not in an
// http.RoundTripper: every try is signed again with a fresh timestamp and
// msg_id, and a transport that re-sent the same bytes would send a
// signature the server has already seen, which it refuses as a replay.

// RetryPolicy says which failed calls are sent again and how long the
// client waits first. A call is retried only when repeating it is safe:
// GET, HEAD, PUT, DELETE, OPTIONS and TRACE operations, those the spec
// marks x-apigen-idempotent, and calls made with a context from
// Idempotent. It is retried after no answer, 408, 429, a 5xx other than
// 501 and 505, or a vendor code in BusyCodes. Zero fields take the
// defaults.
type RetryPolicy struct {
	// MaxTries is the most times one call is sent, the first included;
	// 1 turns retries off. Default 3.
	MaxTries int
	// BaseDelay is the wait before the second try, doubled before each
	// later one; up to half of it is random, so that clients that failed
	// together do not come back together. Default 500 ms.
	BaseDelay time.Duration
	// MaxDelay bounds a wait. A Retry-After asking for longer ends the
	// call with the answer's error instead, since the server would refuse
	// a try before then. Default 30 s.
	MaxDelay time.Duration
	// BusyCodes are envelope codes with which the vendor says it is busy
	// and to try later. Default: the codes the spec's envelope lists.
	BusyCodes []string
}

const (
	defaultMaxTries  = 3
	defaultBaseDelay = 500 * time.Millisecond
	defaultMaxDelay  = 30 * time.Second
)

// WithRetryPolicy sets when and how calls are retried. Given to a method,
// it replaces the client's policy for that call: its zero fields take the
// defaults, not the client's values.
func WithRetryPolicy(p RetryPolicy) RequestOption {
	return func(rc *requestConfig) { rc.retry = p }
}

// WithMaxTries sets the most times one call is sent (RetryPolicy.MaxTries),
// keeping the rest of the policy; WithMaxTries(1) turns retries off.
func WithMaxTries(n int) RequestOption {
	return func(rc *requestConfig) { rc.retry.MaxTries = n }
}

// WithSleep sets how the client waits between tries; sleep returns ctx's
// error as soon as ctx ends. With WithClock, a test can go through the
// retries of a call without waiting for them.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return clientOption(func(cc *clientCore) { cc.sleep = sleep })
}

type idempotentKey struct{}

// Idempotent returns a context that marks the calls made with it as safe
// to repeat, so that they are retried like a GET: for an API that reads
// with POST, until its spec marks those operations x-apigen-idempotent.
func Idempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

// timestampResolution is a Signer whose timestamps count whole units of
// a duration. Within one unit it signs a body alike, and a server that
// refuses replays would take a retry for the try before it, so the client
// waits at least that long between tries of a signed call.
type timestampResolution interface {
	TimestampResolution() time.Duration
}

// outcome is one try's error and what it says about another.
type outcome struct {
	err        error
	transient  bool          // another try may succeed
	retryAfter time.Duration // the wait the server asked for; 0 when it named none
	stale      bool          // the signer's token was refused: try once more with a fresh one
}

// do sends a call and decodes its result into out (see send), again
// after a transient failure when the call is safe to repeat, until a try
// succeeds, fails for good, the tries run out or ctx ends.
func (c *clientCore) do(ctx context.Context, cl *call, out any, opts ...RequestOption) error {
	cfg := c.defaults.with(opts)
	tries := 1
	if cl.idempotent || ctx.Value(idempotentKey{}) != nil {
		tries = orDefault(cfg.retry.MaxTries, defaultMaxTries)
	}
	refreshed, sent := false, 0
	for try := 1; ; try++ {
		sent++
		o := c.send(ctx, cfg, cl, sent, out)
		if o.stale && !refreshed {
			// The call was refused before it did anything: sending it
			// again with a fresh token is safe whatever its method, and
			// is not one of its tries.
			refreshed = true
			try--
			continue
		}
		if o.err == nil || !o.transient || try >= tries {
			return o.err
		}
		wait, ok := cfg.retry.wait(try, o.retryAfter, c.jitter)
		if !ok {
			return o.err
		}
		if r, ok := c.signer.(timestampResolution); ok && cl.signed {
			wait = max(wait, r.TimestampResolution())
		}
		// A wait that outlasts the call's deadline only delays the error.
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return o.err
		}
		if err := c.sleep(ctx, wait); err != nil {
			return fmt.Errorf("%w; the last try: %w", err, o.err)
		}
	}
}

// wait is how long to wait after the try-th try, or false when the server
// asks for longer than MaxDelay.
func (p RetryPolicy) wait(try int, retryAfter time.Duration, jitter func(int64) int64) (time.Duration, bool) {
	limit := orDefault(p.MaxDelay, defaultMaxDelay)
	if retryAfter > limit {
		return 0, false
	}
	d := orDefault(p.BaseDelay, defaultBaseDelay)
	for i := 1; i < try && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	fixed := d - d/2
	d = fixed + time.Duration(jitter(int64(d/2)+1))
	return max(d, retryAfter), true
}

// orDefault is v, or def when v is not positive.
func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// jitterN is the random part of a wait: a number in [0, n).
func jitterN(n int64) int64 { return rand.Int64N(n) }

// sleepContext waits for d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// transportOutcome classes an error that left no answer: worth another
// try unless the call was cancelled or a redirect was refused.
func transportOutcome(ctx context.Context, err error) outcome {
	return outcome{err: err, transient: ctx.Err() == nil && !errors.Is(err, ErrRedirectRefused)}
}

// answerOutcome classes a failed answer by its status and vendor code.
func (c *clientCore) answerOutcome(resp *http.Response, err error, sr *SignRequest, cfg *requestConfig) outcome {
	o := outcome{err: err, transient: transientStatus(resp.StatusCode)}
	var apiErr *APIError
	busy := cfg.retry.BusyCodes
	if busy == nil && c.envelope != nil {
		busy = c.envelope.busy
	}
	if errors.As(err, &apiErr) && apiErr.Code != "" && slices.Contains(busy, apiErr.Code) {
		o.transient = true
	}
	if r, ok := c.signer.(refreshingSigner); ok && apiErr != nil && sr.Token != "" && r.Rejected(sr, apiErr) {
		o.stale = true
	}
	if o.transient {
		o.retryAfter = retryAfter(resp.Header, c.now())
	}
	return o
}

// transientStatus reports a status that a later try may not get: 501 and
// 505 say the request will never be served, and other 4xx that it is
// wrong.
func transientStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooManyRequests:
		return true
	case http.StatusNotImplemented, http.StatusHTTPVersionNotSupported:
		return false
	}
	return status >= 500 && status <= 599
}

// retryAfter reads a Retry-After header, in seconds or as an HTTP date.
// A date is read against the answer's own Date when it has one, so that
// the two clocks need not agree; else against now.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	// ParseUint answers a number too large with the largest it has.
	if n, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return time.Duration(min(n, math.MaxInt64/uint64(time.Second))) * time.Second
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		now = date
	}
	return max(at.Sub(now), 0)
}
