package runtime

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"crypto/subtle"
	"strconv"
	"time"
)

// WaiqinVerifier checks what WaiqinSigner produces: the credentials'
// sizes, the timestamp's layout and distance from now, the digest (in
// constant time) and that the same signed request is not accepted twice.
//
// The digest signs the body, the app key and the timestamp, not the
// msg_id: a request replayed with a fresh msg_id is the same signed
// request, so replays are told apart by what is signed (openid, timestamp
// and digest). Two identical bodies signed in the same second are one
// request; a client sending the same body twice waits a second.
type WaiqinVerifier struct {
	AppKeys map[string]string // app key by openid
	Window  time.Duration     // accepted clock skew either way; default 5 minutes
	Now     func() time.Time  // default time.Now

	// Replay remembers accepted requests. Default: a MemoryReplayStore of
	// DefaultReplayCapacity keys on this verifier's clock, which protects
	// one process; instances that share traffic need one shared store.
	// Set it before the first request: the verifier keeps the store it
	// starts with.
	Replay ReplayStore

	replay replayGuard
}

// The largest openid and msg_id accepted. The vendor's msg_id is
// VARCHAR(32) and its openids are 19-digit numbers; twice that leaves room
// for other clients while keeping what is hashed and echoed small.
const (
	waiqinMaxOpenID = 64
	waiqinMaxMsgID  = 64
)

// Verify implements Verifier: ctx bounds the wait on the replay store.
func (v *WaiqinVerifier) Verify(ctx context.Context, r *VerifyRequest) error {
	return v.verify(ctx, r.Body, r.Creds)
}

func (v *WaiqinVerifier) verify(ctx context.Context, body []byte, creds map[string]string) error {
	openID, ts, digest, msgID := creds["openid"], creds["timestamp"], creds["digest"], creds["msg_id"]
	switch {
	case len(openID) > waiqinMaxOpenID:
		return &AuthError{Reason: "openid is longer than " + strconv.Itoa(waiqinMaxOpenID) + " bytes"}
	case len(msgID) > waiqinMaxMsgID:
		return &AuthError{Reason: "msg_id is longer than " + strconv.Itoa(waiqinMaxMsgID) + " bytes"}
	case msgID == "":
		return &AuthError{Reason: "msg_id is empty"}
	}
	at, ok := parseWaiqinTimestamp(ts)
	if !ok {
		return &AuthError{Reason: "timestamp is not yyyyMMddHHmmss"}
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
	appKey, known := v.AppKeys[openID]
	if !known {
		appKey = unknownKeySecret
	}
	want := waiqinDigest(body, appKey, ts)
	if subtle.ConstantTimeCompare(want[:], []byte(digest)) != 1 || !known {
		// One answer for both, so a caller cannot probe for openids.
		return &AuthError{Reason: "signature does not match"}
	}
	return v.replay.check(ctx, v.Replay, now, window, waiqinReplayKey(openID, ts, want[:]), at)
}

// waiqinReplayKey is the replay key of a verified request: a hash of what
// the client signed, so its size is fixed whatever the caller sends. The
// timestamp and digest have fixed lengths, so the openid before them needs
// no separator to be unambiguous.
func waiqinReplayKey(openID, ts string, digest []byte) [32]byte {
	// Built on the stack: the verifier has bounded the openid, and the
	// timestamp and digest have fixed lengths.
	var buf [len(waiqinReplayPrefix) + waiqinMaxOpenID + len(waiqinTimestampLayout) + 2*md5.Size]byte
	return sha256.Sum256(append(append(append(append(buf[:0], waiqinReplayPrefix...), openID...), ts...), digest...))
}

// waiqinReplayPrefix sets the replay keys apart from other SHA-256 hashes.
const waiqinReplayPrefix = "waiqin365 replay\x00"

// parseWaiqinTimestamp reads a timestamp in exactly the documented layout:
// fourteen digits that are a valid time, nothing before or after. It reads
// the digits itself rather than with time.Parse, whose layout matching
// and the formatting back it needs (it accepts what the layout does not
// say) cost more than the rest of a signature check.
func parseWaiqinTimestamp(ts string) (time.Time, bool) {
	if len(ts) != len(waiqinTimestampLayout) {
		return time.Time{}, false
	}
	for i := range len(ts) {
		if ts[i] < '0' || ts[i] > '9' {
			return time.Time{}, false
		}
	}
	num := func(from, to int) int {
		n := 0
		for _, c := range []byte(ts[from:to]) {
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, month, day := num(0, 4), num(4, 6), num(6, 8)
	hour, minute, sec := num(8, 10), num(10, 12), num(12, 14)
	// A timestamp out of range (February 30th, hour 24) names no time:
	// time.Date would move it on to a valid one.
	if month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	at := time.Date(year, time.Month(month), day, hour, minute, sec, 0, waiqinZone)
	return at, true
}

// daysIn is the number of days in month of year.
func daysIn(month time.Month, year int) int {
	if month == time.February && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 29
	}
	return [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
}
