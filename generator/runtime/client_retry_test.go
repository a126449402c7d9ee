package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeTime is a clock that only the client's waits move.
type fakeTime struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newFakeTime() *fakeTime { return &fakeTime{now: time.Now()} }

func (f *fakeTime) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeTime) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, d)
	f.now = f.now.Add(d)
	return nil
}

func (f *fakeTime) Waits() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.waits...)
}

// options makes a client sign on the fake clock, wait on it, and take
// the longest wait the backoff allows, so that waits can be compared.
func (f *fakeTime) options(more ...Option) []Option {
	return append([]Option{WithClock(f.Now), WithSleep(f.Sleep), clientOption(func(cc *clientCore) { cc.jitter = func(n int64) int64 { return n - 1 } })}, more...)
}

type signedTry struct{ ts, digest, msgID string }

// flaky verifies every request as the generated server does, replays
// refused, records its credentials, and answers the i-th verified one with
// answers[i] (the last answer from then on). Verification comes before the
// answer, so a try that was refused had been remembered all the same.
func flaky(t *testing.T, clock *fakeTime, answers ...func(http.ResponseWriter)) (*httptest.Server, func() []signedTry) {
	t.Helper()
	v := &WaiqinVerifier{AppKeys: map[string]string{"o": "k"}, Now: clock.Now}
	var mu sync.Mutex
	var tries []signedTry
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		segs := strings.Split(r.URL.Path, "/")
		n := len(segs)
		body, _ := io.ReadAll(r.Body)
		creds := map[string]string{"openid": segs[n-4], "timestamp": segs[n-3], "digest": segs[n-2], "msg_id": segs[n-1]}
		mu.Lock()
		tries = append(tries, signedTry{creds["timestamp"], creds["digest"], creds["msg_id"]})
		i := len(tries) - 1
		mu.Unlock()
		if err := v.verify(context.Background(), body, creds); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"return_code":"1","return_msg":"`+err.Error()+`"}`)
			return
		}
		answers[min(i, len(answers)-1)](w)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []signedTry {
		mu.Lock()
		defer mu.Unlock()
		return append([]signedTry(nil), tries...)
	}
}

func status(code int, header ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, `<html>busy</html>`)
	}
}

func ok(w http.ResponseWriter) {
	_, _ = io.WriteString(w, `{"return_code":"0","response_data":"{\"id\":\"7\"}"}`)
}

func safeCall(body string) *call {
	cl := waiqinCall(body)
	cl.idempotent = true
	return cl
}

// Each try is signed afresh: a retry of the same signed bytes would be
// refused by the verifier as a replay, since it remembered the tries it
// answered with 503 and 429.
func TestClientRetriesWithFreshSignatures(t *testing.T) {
	clock := newFakeTime()
	retryAt := clock.Now().Add(time.Hour)
	srv, tries := flaky(t, clock,
		status(http.StatusServiceUnavailable, "Retry-After", "2"),
		// The date is read against the answer's Date: 3 s, whatever the
		// client's clock says.
		status(http.StatusTooManyRequests, "Retry-After", retryAt.UTC().Format(http.TimeFormat), "Date", retryAt.Add(-3*time.Second).UTC().Format(http.TimeFormat)),
		ok)
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, clock.options())
	var out map[string]string
	if err := c.do(context.Background(), safeCall(`{"q":1}`), &out); err != nil {
		t.Fatal(err)
	}
	if out["id"] != "7" {
		t.Fatalf("out = %v", out)
	}
	got := tries()
	if len(got) != 3 {
		t.Fatalf("%d tries, want 3", len(got))
	}
	seen := map[string]bool{}
	for _, try := range got {
		for _, v := range []string{try.ts, try.digest, try.msgID} {
			if seen[v] {
				t.Fatalf("tries %+v share %s", got, v)
			}
			seen[v] = true
		}
	}
	if waits := clock.Waits(); len(waits) != 2 || waits[0] != 2*time.Second || waits[1] != 3*time.Second {
		t.Fatalf("waits = %v, want the Retry-Afters [2s 3s]", waits)
	}
}

// A POST nobody marked safe is sent once: the server may have acted on it.
func TestClientDoesNotRetryUnsafeCalls(t *testing.T) {
	clock := newFakeTime()
	srv, tries := flaky(t, clock, status(http.StatusServiceUnavailable))
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, clock.options())
	err := c.do(context.Background(), waiqinCall(`{}`), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusServiceUnavailable {
		t.Fatalf("err = %v", err)
	}
	if n := len(tries()); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
	// The caller may vouch for it, and then it gets the default three
	// tries. (Another body: the same one signed in the same second would
	// be a replay of the first call.)
	if err := c.do(Idempotent(context.Background()), waiqinCall(`{"n":2}`), nil); !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if n := len(tries()); n != 1+3 {
		t.Fatalf("%d requests, want 1+3", n)
	}
	// Waiqin's timestamps count seconds: a retry sooner would sign alike
	// and be refused as a replay, so the backoff's 500 ms becomes 1 s.
	if waits := clock.Waits(); len(waits) != 2 || waits[0] != time.Second || waits[1] != time.Second {
		t.Fatalf("waits = %v, want [1s 1s]", waits)
	}
}

func TestClientRetriesWhatMayPass(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	tests := []struct {
		name   string
		answer func(http.ResponseWriter)
		busy   []string
		tries  int
	}{
		{"408", status(http.StatusRequestTimeout), nil, 2},
		{"429", status(http.StatusTooManyRequests), nil, 2},
		{"500", status(http.StatusInternalServerError), nil, 2},
		{"502", status(http.StatusBadGateway), nil, 2},
		{"503 in the envelope", func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, `{"return_code":"1","return_msg":"replay check unavailable"}`)
		}, nil, 2},
		{"504", status(http.StatusGatewayTimeout), nil, 2},
		{"400", status(http.StatusBadRequest), nil, 1},
		{"404", status(http.StatusNotFound), nil, 1},
		{"501", status(http.StatusNotImplemented), nil, 1},
		{"505", status(http.StatusHTTPVersionNotSupported), nil, 1},
		{"vendor failure", func(w http.ResponseWriter) { _, _ = io.WriteString(w, `{"return_code":"9","return_msg":"no"}`) }, nil, 1},
		{"busy code", func(w http.ResponseWriter) { _, _ = io.WriteString(w, `{"return_code":"9","return_msg":"busy"}`) }, []string{"9"}, 2},
		{"Retry-After beyond MaxDelay", status(http.StatusTooManyRequests, "Retry-After", "31"), nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeTime()
			srv, tries := flaky(t, clock, tt.answer)
			c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"},
				clock.options(WithRetryPolicy(RetryPolicy{MaxTries: 2, BusyCodes: tt.busy})))
			err := c.do(context.Background(), safeCall(`{}`), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want the last answer's *APIError", err)
			}
			if n := len(tries()); n != tt.tries {
				t.Fatalf("%d tries, want %d", n, tt.tries)
			}
		})
	}
	t.Run("no answer", func(t *testing.T) {
		clock := newFakeTime()
		c := newClientCore(closed.URL, nil, nil, clock.options(WithMaxTries(3)))
		err := c.do(context.Background(), &call{method: http.MethodGet, path: "/", idempotent: true}, nil)
		// Unsigned, the call waits as the backoff says.
		if waits := clock.Waits(); err == nil || len(waits) != 2 || waits[0] != 500*time.Millisecond || waits[1] != time.Second {
			t.Fatalf("err = %v after waits %v, want an error after [500ms 1s]", err, waits)
		}
	})
}

// The wait between tries ends with the call's context, and a wait past
// its deadline is not begun.
func TestClientRetryStopsWithContext(t *testing.T) {
	clock := newFakeTime()
	srv, tries := flaky(t, clock, status(http.StatusServiceUnavailable))
	long := WithRetryPolicy(RetryPolicy{BaseDelay: time.Hour, MaxDelay: 2 * time.Hour})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, []Option{WithClock(clock.Now), long,
		WithSleep(func(ctx context.Context, d time.Duration) error {
			time.AfterFunc(10*time.Millisecond, cancel)
			return sleepContext(ctx, d)
		})})
	start := time.Now()
	err := c.do(ctx, safeCall(`{}`), nil)
	var apiErr *APIError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want context.Canceled and the last try's 503", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("the call took %v", d)
	}
	if n := len(tries()); n != 1 {
		t.Fatalf("%d tries, want 1", n)
	}

	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c = newClientCore(srv.URL, waiqinEnvelope, WaiqinSigner{OpenID: "o", AppKey: "k"}, clock.options(long))
	if err := c.do(ctx, safeCall(`{}`), nil); !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if waits := clock.Waits(); len(waits) != 0 {
		t.Fatalf("waited %v past the deadline", waits)
	}
}

func TestRetryWait(t *testing.T) {
	least := func(int64) int64 { return 0 }
	most := func(n int64) int64 { return n - 1 }
	tests := []struct {
		name       string
		p          RetryPolicy
		try        int
		retryAfter time.Duration
		jitter     func(int64) int64
		want       time.Duration
		ok         bool
	}{
		{"default, first wait, least", RetryPolicy{}, 1, 0, least, 250 * time.Millisecond, true},
		{"default, first wait, most", RetryPolicy{}, 1, 0, most, 500 * time.Millisecond, true},
		{"doubled", RetryPolicy{}, 3, 0, most, 2 * time.Second, true},
		{"capped", RetryPolicy{MaxDelay: 3 * time.Second}, 30, 0, most, 3 * time.Second, true},
		{"capped, least", RetryPolicy{MaxDelay: 3 * time.Second}, 30, 0, least, 1500 * time.Millisecond, true},
		{"no overflow", RetryPolicy{BaseDelay: time.Hour, MaxDelay: 1 << 62}, 200, 0, most, 1 << 62, true},
		{"Retry-After above the backoff", RetryPolicy{}, 1, 5 * time.Second, least, 5 * time.Second, true},
		{"Retry-After below the backoff", RetryPolicy{BaseDelay: 10 * time.Second}, 1, time.Second, least, 5 * time.Second, true},
		{"Retry-After beyond MaxDelay", RetryPolicy{MaxDelay: time.Minute}, 1, 61 * time.Second, least, 0, false},
	}
	for _, tt := range tests {
		got, ok := tt.p.wait(tt.try, tt.retryAfter, tt.jitter)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: wait = %v, %t; want %v, %t", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value, date string
		want        time.Duration
	}{
		{"", "", 0},
		{"120", "", 2 * time.Minute},
		{" 7 ", "", 7 * time.Second},
		{"-1", "", 0},
		{"soon", "", 0},
		{"99999999999999999999", "", time.Duration(1<<63-1) / time.Second * time.Second},
		{"Wed, 01 May 2024 12:00:30 GMT", "", 30 * time.Second},
		{"Wed, 01 May 2024 12:00:30 GMT", "Wed, 01 May 2024 11:00:00 GMT", time.Hour + 30*time.Second},
		{"Wednesday, 01-May-24 12:01:00 GMT", "", time.Minute},
		{"Wed, 01 May 2024 11:00:00 GMT", "", 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.value != "" {
			h.Set("Retry-After", tt.value)
		}
		if tt.date != "" {
			h.Set("Date", tt.date)
		}
		if got := retryAfter(h, now); got != tt.want {
			t.Errorf("Retry-After %q, Date %q: %v, want %v", tt.value, tt.date, got, tt.want)
		}
	}
}

func TestSleepContextEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(10*time.Millisecond, cancel)
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("slept %v", d)
	}
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Fatal(err)
	}
}
