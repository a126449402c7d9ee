package runtime

import (
	"errors"
	"fmt"
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
	creds, err := WaiqinSigner{OpenID: exampleOpenID, AppKey: exampleAppKey}.Sign([]byte(exampleBody), now, "M1")
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
	creds, _ := WaiqinSigner{OpenID: exampleOpenID, AppKey: exampleAppKey}.Sign([]byte(body), t, msgID)
	return creds
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
		{name: "bad digest", signed: base, now: base, edit: func(c map[string]string) { c["digest"] = exampleDigest }, reason: "digest mismatch"},
		{name: "uppercase digest", signed: base, now: base, edit: upperDigest, reason: "digest mismatch"},
		{name: "body changed", signed: base, now: base, body: `{"code":"CX20191218874"}`, reason: "digest mismatch"},
		{name: "unknown openid", signed: base, now: base, edit: func(c map[string]string) { c["openid"] = "someone" }, reason: "unknown openid"},
		{name: "stale timestamp", signed: base, now: base.Add(5*time.Minute + time.Second), reason: "timestamp outside the accepted window"},
		{name: "future timestamp", signed: base.Add(5*time.Minute + time.Second), now: base, reason: "timestamp outside the accepted window"},
		{name: "timestamp in another layout", signed: base, now: base, edit: resign("2024-03-01 09:00:00"), reason: "timestamp is not yyyyMMddHHmmss"},
		{name: "empty msg_id", signed: base, now: base, edit: func(c map[string]string) { c["msg_id"] = "" }, reason: "msg_id is empty"},
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
			err := v.Verify([]byte(got), creds)
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
		AppKeys: map[string]string{exampleOpenID: exampleAppKey, "other": "k2"},
		Window:  time.Minute,
		Now:     func() time.Time { return now },
	}
	body := []byte(`{"a":1}`)
	first := signedAt(base, string(body), "M1")
	checkAuth(t, v.Verify(body, first), "")

	// The same request again, and the same msg_id on a new signature.
	now = base.Add(10 * time.Second)
	checkAuth(t, v.Verify(body, first), "msg_id was already used")
	checkAuth(t, v.Verify(body, signedAt(now, string(body), "M1")), "msg_id was already used")

	// Another tenant may use the same msg_id.
	other, _ := WaiqinSigner{OpenID: "other", AppKey: "k2"}.Sign(body, now, "M1")
	checkAuth(t, v.Verify(body, other), "")

	// A new msg_id is fine.
	checkAuth(t, v.Verify(body, signedAt(now, string(body), "M2")), "")

	// Within twice the window the id is remembered: a request signed a
	// window after the first is still inside its own window.
	now = base.Add(2 * time.Minute)
	checkAuth(t, v.Verify(body, signedAt(now.Add(-time.Minute), string(body), "M1")), "msg_id was already used")

	// After that a fresh signature with the old id is accepted; the old
	// signature is refused for its age.
	now = base.Add(2*time.Minute + time.Second)
	checkAuth(t, v.Verify(body, first), "timestamp outside the accepted window")
	checkAuth(t, v.Verify(body, signedAt(now, string(body), "M1")), "")
}

func TestReplayCacheSweeps(t *testing.T) {
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return base.Add(d) }
	c := replayCache{window: time.Minute}
	mustAdd := func(id string, d time.Duration, fresh bool) {
		t.Helper()
		if got := c.add(id, at(d)); got != fresh {
			t.Fatalf("add(%s, +%v) = %v, want %v", id, d, got, fresh)
		}
	}
	mustHold := func(ids ...string) {
		t.Helper()
		if len(c.seen) != len(ids) {
			t.Fatalf("seen = %v, want %v", c.seen, ids)
		}
		for _, id := range ids {
			if _, ok := c.seen[id]; !ok {
				t.Fatalf("seen = %v, want %v", c.seen, ids)
			}
		}
	}
	mustAdd("a", 0, true) // sweeps the empty cache; the next sweep is due at 1:00
	mustAdd("b", 30*time.Second, true)
	mustAdd("a", time.Minute, false) // a replay within the window
	mustAdd("c", time.Minute, true)
	mustHold("a", "b", "c")

	// Past 1:00 the sweep drops a (91s old) and b (61s old), keeps c.
	mustAdd("d", 91*time.Second, true)
	mustHold("c", "d")
	mustAdd("a", 92*time.Second, true)

	// c expires at 2:00 but the next sweep is due at 2:31: until then c is
	// still held, and yet fresh again.
	mustAdd("c", 150*time.Second, true)
	mustHold("a", "c", "d")

	// Long after, one add leaves only itself.
	mustAdd("e", time.Hour, true)
	mustHold("e")
}

func TestWaiqinVerifierConcurrent(t *testing.T) {
	base := time.Now()
	v := &WaiqinVerifier{AppKeys: map[string]string{exampleOpenID: exampleAppKey}, Now: func() time.Time { return base }}
	body := `{"a":1}`
	var wg sync.WaitGroup
	errs := make([]error, 64)
	for i := range errs {
		wg.Go(func() {
			// Every other goroutine replays its neighbour's msg_id.
			errs[i] = v.Verify([]byte(body), signedAt(base, body, fmt.Sprintf("M%d", i/2)))
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
		t.Fatalf("%d of %d accepted, want one per msg_id", accepted, len(errs))
	}
}
