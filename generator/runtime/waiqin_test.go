package runtime

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	exampleBody      = `{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}`
	exampleAppKey    = "BFCO0PAgIUgd50c0l6"
	exampleTimestamp = "20150806142836"
	exampleDigest    = "74267bf0cae0998a719879ec9b3c7780"
	exampleOpenID    = "5465103569540931532"
)

// The vendor guide's worked example (URL参数说明).
func TestWaiqinDigestVendorExample(t *testing.T) {
	if got := WaiqinDigest([]byte(exampleBody), exampleAppKey, exampleTimestamp); got != exampleDigest {
		t.Fatalf("digest = %s, want %s", got, exampleDigest)
	}
	// Every input is part of the digest.
	for _, d := range []string{
		WaiqinDigest([]byte(exampleBody+" "), exampleAppKey, exampleTimestamp),
		WaiqinDigest([]byte(exampleBody), exampleAppKey+"x", exampleTimestamp),
		WaiqinDigest([]byte(exampleBody), exampleAppKey, "20150806142837"),
	} {
		if d == exampleDigest {
			t.Fatal("a changed input kept the digest")
		}
	}
}

func TestWaiqinSignerUsesChinaTime(t *testing.T) {
	// 14:28:36 in Beijing is 06:28:36 UTC; the signer must not use the
	// caller's zone.
	now := time.Date(2015, 8, 6, 6, 28, 36, 0, time.UTC)
	creds, err := WaiqinSigner{OpenID: exampleOpenID, AppKey: exampleAppKey}.Credentials([]byte(exampleBody), now, "M1"), error(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"openid": exampleOpenID, "timestamp": exampleTimestamp, "digest": exampleDigest, "msg_id": "M1"}
	if fmt.Sprint(creds) != fmt.Sprint(want) {
		t.Fatalf("creds = %v, want %v", creds, want)
	}
}

// signedAt returns the credentials a client signing body at t would send.
func signedAt(t time.Time, body, msgID string) map[string]string {
	creds := WaiqinSigner{OpenID: exampleOpenID, AppKey: exampleAppKey}.Credentials([]byte(body), t, msgID)
	return creds
}

// parseWaiqinTimestamp reads the digits itself; it must accept exactly
// what the time package reads in the layout and formats back the same.
func TestParseWaiqinTimestampAgreesWithTime(t *testing.T) {
	inputs := []string{
		"20240301090000", "20240229235959", "20230229000000", "20240230090000",
		"20240301240000", "20240301096000", "20240301090060", "20241301090000",
		"20240001090000", "20240100090000", "00000101000000", "99991231235959",
		"19000229000000", "20000229000000", "2024030109000a", "+2024030109000", "2024-03-01 09:", "", "2024030109000",
	}
	for day := range 400 {
		at := time.Date(2023, 12, 1, day%24, day%60, day%61, 0, waiqinZone).AddDate(0, 0, day)
		inputs = append(inputs, at.Format(waiqinTimestampLayout))
	}
	for _, ts := range inputs {
		want, err := time.ParseInLocation(waiqinTimestampLayout, ts, waiqinZone)
		wantOK := err == nil && len(ts) == len(waiqinTimestampLayout) && want.Format(waiqinTimestampLayout) == ts
		got, ok := parseWaiqinTimestamp(ts)
		if ok != wantOK || (ok && !got.Equal(want)) {
			t.Errorf("parseWaiqinTimestamp(%q) = %v, %v; want %v, %v", ts, got, ok, want, wantOK)
		}
	}
}

func TestWaiqinVerifier(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, waiqinZone)
	body := `{"code":"CX20191218873"}`
	tests := []struct {
		name   string
		signed time.Time // when the client signed
		now    time.Time // the server's clock
		edit   func(map[string]string)
		body   string // the body that arrives; "" for the signed one
		reason string // "" when accepted
	}{
		{name: "accepted", signed: base, now: base},
		{name: "accepted at the window's edge", signed: base, now: base.Add(5 * time.Minute)},
		{name: "accepted from a fast client clock", signed: base.Add(5 * time.Minute), now: base},
		{name: "bad digest", signed: base, now: base, edit: func(c map[string]string) { c["digest"] = exampleDigest }, reason: "signature does not match"},
		{name: "uppercase digest", signed: base, now: base, edit: upperDigest, reason: "signature does not match"},
		{name: "body changed", signed: base, now: base, body: `{"code":"CX20191218874"}`, reason: "signature does not match"},
		// An unknown openid gets the same answer as a wrong digest, even
		// signed with the key the verifier uses in its place.
		{name: "unknown openid", signed: base, now: base, edit: func(c map[string]string) { c["openid"] = "someone" }, reason: "signature does not match"},
		{name: "unknown openid, placeholder key", signed: base, now: base, edit: func(c map[string]string) {
			c["openid"] = "someone"
			c["digest"] = WaiqinDigest([]byte(`{"code":"CX20191218873"}`), unknownKeySecret, c["timestamp"])
		}, reason: "signature does not match"},
		{name: "stale timestamp", signed: base, now: base.Add(5*time.Minute + time.Second), reason: "timestamp outside the accepted window"},
		{name: "future timestamp", signed: base.Add(5*time.Minute + time.Second), now: base, reason: "timestamp outside the accepted window"},
		{name: "timestamp in another layout", signed: base, now: base, edit: resign("2024-03-01 09:00:00"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp with a character more", signed: base, now: base, edit: resign("20240301090000 "), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp with a digit more", signed: base, now: base, edit: resign("202403010900000"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp with a digit less", signed: base, now: base, edit: resign("2024030109000"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp with a sign", signed: base, now: base, edit: resign("+2024030109000"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp with a space for a digit", signed: base, now: base, edit: resign("2024030109 000"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp of no such day", signed: base, now: base, edit: resign("20240230090000"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp at hour 24", signed: base, now: base, edit: resign("20240301240000"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "timestamp with fractions", signed: base, now: base, edit: resign("20240301090000.0"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "empty timestamp", signed: base, now: base, edit: resign(""), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "empty msg_id", signed: base, now: base, edit: func(c map[string]string) { c["msg_id"] = "" }, reason: "msg_id is empty"},
		{name: "msg_id at its limit", signed: base, now: base, edit: func(c map[string]string) { c["msg_id"] = strings.Repeat("m", 64) }},
		{name: "long msg_id", signed: base, now: base, edit: func(c map[string]string) { c["msg_id"] = strings.Repeat("m", 65) }, reason: "msg_id is longer than 64 bytes"},
		{name: "long openid", signed: base, now: base, edit: func(c map[string]string) { c["openid"] = strings.Repeat("1", 65) }, reason: "openid is longer than 64 bytes"},
		{name: "long digest", signed: base, now: base, edit: func(c map[string]string) { c["digest"] += c["digest"] }, reason: "signature does not match"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &WaiqinVerifier{AppKeys: map[string]string{exampleOpenID: exampleAppKey}, Now: func() time.Time { return tt.now }}
			creds := signedAt(tt.signed, body, fmt.Sprintf("M%d", i))
			if tt.edit != nil {
				tt.edit(creds)
			}
			got := body
			if tt.body != "" {
				got = tt.body
			}
			err := v.verify(context.Background(), []byte(got), creds)
			checkAuth(t, err, tt.reason)
		})
	}
}

func upperDigest(c map[string]string) {
	b := []byte(c["digest"])
	for i, ch := range b {
		if 'a' <= ch && ch <= 'f' {
			b[i] = ch - 'a' + 'A'
		}
	}
	c["digest"] = string(b)
}

// resign replaces the timestamp and signs again, so that only the
// timestamp's layout is wrong.
func resign(ts string) func(map[string]string) {
	return func(c map[string]string) {
		c["timestamp"] = ts
		c["digest"] = WaiqinDigest([]byte(`{"code":"CX20191218873"}`), exampleAppKey, ts)
	}
}

func checkAuth(t *testing.T, err error, reason string) {
	t.Helper()
	if reason == "" {
		if err != nil {
			t.Fatalf("err = %v, want accepted", err)
		}
		return
	}
	var authErr *AuthError
	if !errors.As(err, &authErr) {
		t.Fatalf("err = %v, want *AuthError %q", err, reason)
	}
	if authErr.Reason != reason {
		t.Fatalf("reason = %q, want %q", authErr.Reason, reason)
	}
	if err.Error() != "authentication failed: "+reason {
		t.Fatalf("Error() = %q", err.Error())
	}
}

func TestWaiqinVerifierReplay(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, waiqinZone)
	now := base
	v := &WaiqinVerifier{
		AppKeys: map[string]string{exampleOpenID: exampleAppKey, "other": exampleAppKey},
		Window:  time.Minute,
		Now:     func() time.Time { return now },
	}
	body := []byte(`{"a":1}`)
	first := signedAt(base, string(body), "M1")
	checkAuth(t, v.verify(context.Background(), body, first), "")

	// The same request again, and again with a fresh msg_id: the msg_id
	// is not signed, so changing it makes no new request.
	now = base.Add(10 * time.Second)
	const replayed = "replayed request: this signature was already accepted"
	checkAuth(t, v.verify(context.Background(), body, first), replayed)
	fresh := maps.Clone(first)
	fresh["msg_id"] = "M2"
	checkAuth(t, v.verify(context.Background(), body, fresh), replayed)

	// The msg_id alone protects nothing, so a new signature may reuse it;
	// so may another tenant the same body and second.
	checkAuth(t, v.verify(context.Background(), body, signedAt(now, string(body), "M1")), "")
	other := WaiqinSigner{OpenID: "other", AppKey: exampleAppKey}.Credentials(body, base, "M1")
	checkAuth(t, v.verify(context.Background(), body, other), "")

	// Until the timestamp leaves the window the request is remembered;
	// after that the window refuses it.
	now = base.Add(time.Minute)
	checkAuth(t, v.verify(context.Background(), body, fresh), replayed)
	now = base.Add(time.Minute + time.Second)
	checkAuth(t, v.verify(context.Background(), body, fresh), "timestamp outside the accepted window")
}

// A request signed a window ahead of the server's clock is remembered for
// as long as it is inside the window: the default store's horizon covers
// it.
func TestWaiqinVerifierRemembersFutureTimestamps(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, waiqinZone)
	now := base
	v := &WaiqinVerifier{AppKeys: map[string]string{exampleOpenID: exampleAppKey}, Now: func() time.Time { return now }}
	body := `{"a":1}`
	ahead := signedAt(base.Add(5*time.Minute), body, "M1")
	checkAuth(t, v.verify(context.Background(), []byte(body), ahead), "")
	for _, d := range []time.Duration{time.Minute, 5 * time.Minute, 10 * time.Minute} {
		now = base.Add(d)
		checkAuth(t, v.verify(context.Background(), []byte(body), ahead), "replayed request: this signature was already accepted")
	}
}

// keyStore is a ReplayStore that records what it is asked and answers
// with err.
type keyStore struct {
	keys    map[[32]byte]time.Time
	ctx     context.Context
	err     error
	calls   int
	lastKey [32]byte
}

func (s *keyStore) Seen(ctx context.Context, key [32]byte, expires time.Time) (bool, error) {
	s.calls++
	s.ctx, s.lastKey = ctx, key
	if s.err != nil {
		return false, s.err
	}
	if _, ok := s.keys[key]; ok {
		return true, nil
	}
	s.keys[key] = expires
	return false, nil
}

func TestWaiqinVerifierUsesItsReplayStore(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, waiqinZone)
	store := &keyStore{keys: map[[32]byte]time.Time{}}
	v := &WaiqinVerifier{AppKeys: map[string]string{exampleOpenID: exampleAppKey}, Now: func() time.Time { return base }, Replay: store}
	body := []byte(`{"a":1}`)
	ctx := context.WithValue(context.Background(), storeCtxKey{}, "request")
	checkAuth(t, v.Verify(ctx, &VerifyRequest{Body: body, Creds: signedAt(base, string(body), "M1")}), "")
	if store.ctx.Value(storeCtxKey{}) != "request" {
		t.Fatal("the store did not get the request's context")
	}
	// The key is a hash of openid, timestamp and digest, held until the
	// timestamp leaves the window, plus the grace.
	creds := signedAt(base, string(body), "M1")
	want := sha256.Sum256([]byte("waiqin365 replay\x00" + exampleOpenID + creds["timestamp"] + creds["digest"]))
	if exp, ok := store.keys[want]; !ok || !exp.Equal(base.Add(5*time.Minute+replayGrace)) {
		t.Fatalf("store holds %v, want the signed material's hash until +6m", store.keys)
	}

	// Requests that fail earlier checks never reach the store.
	calls := store.calls
	checkAuth(t, v.verify(context.Background(), body, signedAt(base.Add(time.Hour), string(body), "M2")), "timestamp outside the accepted window")
	bad := signedAt(base, `{"a":2}`, "M3")
	checkAuth(t, v.verify(context.Background(), body, bad), "signature does not match")
	if store.calls != calls {
		t.Fatalf("store called %d times for refused requests", store.calls-calls)
	}

	// A store that cannot decide refuses the request as unavailable.
	for _, tt := range []struct {
		err    error
		reason string
	}{
		{ErrReplayStoreFull, "too many requests to check for replays; retry later"},
		{fmt.Errorf("dial tcp 127.0.0.1:6379: connection refused"), "replay check unavailable; retry later"},
		{context.Canceled, "replay check unavailable; retry later"},
	} {
		store.err = tt.err
		err := v.verify(context.Background(), body, signedAt(base.Add(time.Second), string(body), "M4"))
		var unavailable *UnavailableError
		if !errors.As(err, &unavailable) || unavailable.Reason != tt.reason || !errors.Is(err, tt.err) {
			t.Fatalf("store error %v: err = %v, want *UnavailableError %q", tt.err, err, tt.reason)
		}
	}
}

type storeCtxKey struct{}

// The default store fails closed when full.
func TestWaiqinVerifierDefaultStoreFull(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, waiqinZone)
	v := &WaiqinVerifier{
		AppKeys: map[string]string{exampleOpenID: exampleAppKey},
		Now:     func() time.Time { return base },
		Replay:  NewMemoryReplayStore(2, 11*time.Minute, func() time.Time { return base }),
	}
	for i := range 3 {
		body := fmt.Sprintf(`{"a":%d}`, i)
		err := v.verify(context.Background(), []byte(body), signedAt(base, body, "M"))
		if i < 2 {
			checkAuth(t, err, "")
		} else if !errors.Is(err, ErrReplayStoreFull) {
			t.Fatalf("third request: err = %v, want the store full", err)
		}
	}
}

func TestWaiqinVerifierConcurrent(t *testing.T) {
	base := time.Now()
	v := &WaiqinVerifier{AppKeys: map[string]string{exampleOpenID: exampleAppKey}, Now: func() time.Time { return base }}
	var wg sync.WaitGroup
	errs := make([]error, 64)
	for i := range errs {
		wg.Go(func() {
			// Every other goroutine replays its neighbour's request with a
			// msg_id of its own.
			body := fmt.Sprintf(`{"a":%d}`, i/2)
			errs[i] = v.verify(context.Background(), []byte(body), signedAt(base, body, fmt.Sprintf("M%d", i)))
		})
	}
	wg.Wait()
	accepted := 0
	for _, err := range errs {
		if err == nil {
			accepted++
		}
	}
	if accepted != len(errs)/2 {
		t.Fatalf("%d of %d accepted, want one per signed request", accepted, len(errs))
	}
}
