package runtime

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"time"
)

// SortedSignVerifier checks what SortedSigner produces: the app key is
// known, the timestamp is in the layout and near now, the sign matches
// (in constant time), and the same signed request is not accepted twice.
type SortedSignVerifier struct {
	*SortedSign
	Secrets map[string]string // app secret by app key
	Window  time.Duration     // accepted clock skew either way; default 5 minutes
	Now     func() time.Time  // default time.Now
	// Replay remembers accepted requests; default a MemoryReplayStore of
	// DefaultReplayCapacity keys on this verifier's clock. Set it before
	// the first request.
	Replay ReplayStore

	replay replayGuard
}

// Verify implements Verifier.
func (v *SortedSignVerifier) Verify(ctx context.Context, r *VerifyRequest) error {
	q := r.HTTP.URL.Query()
	appKey, ts, sign := q.Get(v.AppKeyParam), q.Get(v.TimestampParam), q.Get(v.SignParam)
	if appKey == "" || ts == "" || sign == "" {
		return &AuthError{Reason: "missing " + v.AppKeyParam + ", " + v.TimestampParam + " or " + v.SignParam}
	}
	if v.SignMethodParam != "" && q.Get(v.SignMethodParam) != v.Method {
		return &AuthError{Reason: v.SignMethodParam + " is not " + v.Method}
	}
	at, ok := v.parseTimestamp(ts)
	if !ok {
		return &AuthError{Reason: v.TimestampParam + " is not in the layout " + v.TimestampLayout}
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	window := v.Window
	if window <= 0 {
		window = 5 * time.Minute
	}
	if d := now().Sub(at); d > window || d < -window {
		return &AuthError{Reason: "timestamp outside the accepted window"}
	}
	secret, known := v.Secrets[appKey]
	if !known {
		secret = unknownKeySecret
	}
	want := SortedSignature(v.Method, secret, signedParams(r.HTTP.URL.Query(), r.Body, r.HTTP.Header.Get("Content-Type"), v.SignParam))
	if subtle.ConstantTimeCompare([]byte(want), []byte(sign)) != 1 || !known {
		return &AuthError{Reason: "signature does not match"}
	}
	key := sha256.Sum256([]byte("sorted-sign replay\x00" + appKey + "\x00" + ts + "\x00" + want))
	return v.replay.check(ctx, v.Replay, now, window, key, at)
}
