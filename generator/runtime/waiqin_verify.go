package runtime

import (
	"crypto/subtle"
	"sync"
	"time"
)

// WaiqinVerifier checks what WaiqinSigner produces: the openid, the digest
// (in constant time), the timestamp's distance from now and that no
// msg_id is used twice within the window.
type WaiqinVerifier struct {
	AppKeys map[string]string // app key by openid
	Window  time.Duration     // accepted clock skew either way; default 5 minutes
	Now     func() time.Time  // default time.Now

	mu     sync.Mutex
	replay replayCache
}

// Verify implements Verifier.
func (v *WaiqinVerifier) Verify(body []byte, creds map[string]string) error {
	key, ok := v.AppKeys[creds["openid"]]
	if !ok {
		return &AuthError{Reason: "unknown openid"}
	}
	want := WaiqinDigest(body, key, creds["timestamp"])
	if subtle.ConstantTimeCompare([]byte(want), []byte(creds["digest"])) != 1 {
		return &AuthError{Reason: "digest mismatch"}
	}
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	window := v.Window
	if window <= 0 {
		window = 5 * time.Minute
	}
	at, err := time.ParseInLocation(waiqinTimestampLayout, creds["timestamp"], waiqinZone)
	if err != nil {
		return &AuthError{Reason: "timestamp is not yyyyMMddHHmmss"}
	}
	t := now()
	if d := t.Sub(at); d > window || d < -window {
		return &AuthError{Reason: "timestamp outside the accepted window"}
	}
	if creds["msg_id"] == "" {
		return &AuthError{Reason: "msg_id is empty"}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.replay.window = 2 * window
	if !v.replay.add(creds["openid"]+"\x00"+creds["msg_id"], t) {
		return &AuthError{Reason: "msg_id was already used"}
	}
	return nil
}
