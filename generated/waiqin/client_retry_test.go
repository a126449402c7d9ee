package waiqin_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigen/apigen/generated/waiqin"
)

// clock is the time of a test, shared by the client and the verifier,
// that moves only when the client waits between tries.
type clock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return nil
}

// try is one request as it reached the server, and what the generated
// handler answered it before the test replaced the answer.
type try struct {
	prefix, openID, ts, digest, msgID string
	body                              []byte
	handled                           int
}

// lossyServer runs the generated handler behind the Waiqin verifier (on
// the test's clock, replays refused) for every request, and answers the
// i-th with fail[i] in place of what the handler said, as a gateway that
// lost the answer would. The verifier has remembered those requests all
// the same: a retry that sent one again would be refused as a replay.
func lossyServer(t *testing.T, now func() time.Time, fail ...func(http.ResponseWriter)) (*httptest.Server, func() []try) {
	t.Helper()
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}, Now: now}
	h := waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(verifier))
	var mu sync.Mutex
	var tries []try
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		segs := strings.Split(r.URL.Path, "/")
		n := len(segs)
		rec := httptest.NewRecorder()
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		h.ServeHTTP(rec, r)
		mu.Lock()
		i := len(tries)
		tries = append(tries, try{strings.Join(segs[:n-4], "/"), segs[n-4], segs[n-3], segs[n-2], segs[n-1], body, rec.Code})
		mu.Unlock()
		if i < len(fail) {
			fail[i](w)
			return
		}
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv, func() []try {
		mu.Lock()
		defer mu.Unlock()
		return append([]try(nil), tries...)
	}
}

func unavailable(code int, header ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		_, _ = io.WriteString(w, "try later\n")
	}
}

// A call the caller vouches for is tried again after 503 and 429, each try
// signed afresh, after the waits the server asked for; it succeeds though
// the server remembered and refuses every earlier try.
func TestClientRetriesSignedAfresh(t *testing.T) {
	clk := &clock{now: time.Now()}
	later := clk.Now().Add(time.Hour)
	srv, tries := lossyServer(t, clk.Now,
		unavailable(http.StatusServiceUnavailable, "Retry-After", "2"),
		unavailable(http.StatusTooManyRequests, "Retry-After", later.UTC().Format(http.TimeFormat), "Date", later.Add(-3*time.Second).UTC().Format(http.TimeFormat)))
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), waiqin.WithClock(clk.Now), waiqin.WithSleep(clk.Sleep))

	res, err := client.QueryCustomerAmountExt(waiqin.Idempotent(context.Background()), &waiqin.QueryCustomerAmountExtRequest{CmCode: "CUS030"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Name == "" {
		t.Fatalf("answer %+v, want the mock's", res)
	}
	got := tries()
	if len(got) != 3 {
		t.Fatalf("%d tries, want 3", len(got))
	}
	seen := map[string]int{}
	for i, tr := range got {
		if tr.handled != http.StatusOK {
			t.Fatalf("try %d: the handler answered %d, want it accepted and remembered", i+1, tr.handled)
		}
		for _, v := range []string{tr.ts, tr.digest, tr.msgID} {
			if j, dup := seen[v]; dup {
				t.Fatalf("tries %d and %d both carry %s", j+1, i+1, v)
			}
			seen[v] = i
		}
	}
	if len(clk.waits) != 2 || clk.waits[0] != 2*time.Second || clk.waits[1] != 3*time.Second {
		t.Fatalf("waits = %v, want the Retry-Afters [2s 3s]", clk.waits)
	}
	// Sent again as it was, the first try is a replay.
	first := got[0]
	wantRaw(t, rawPost(t, srv, first.prefix, first.body, first.openID, first.ts, first.digest, first.msgID),
		http.StatusUnauthorized, "1", "authentication failed: replayed request: this signature was already accepted", first.msgID)
}

// A POST nobody marked safe to repeat is sent once, whatever the answer.
func TestClientSendsUnsafeCallsOnce(t *testing.T) {
	clk := &clock{now: time.Now()}
	srv, tries := lossyServer(t, clk.Now, unavailable(http.StatusServiceUnavailable, "Retry-After", "1"))
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), waiqin.WithClock(clk.Now), waiqin.WithSleep(clk.Sleep))
	_, err := client.StartPlan(context.Background(), validStartPlan())
	var apiErr *waiqin.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want the 503", err)
	}
	if n := len(tries()); n != 1 || len(clk.waits) != 0 {
		t.Fatalf("%d requests after waits %v, want 1 and none", n, clk.waits)
	}
}

// Redirected to another host, the client stops: the signed URL and the
// body go nowhere else.
func TestClientRefusesRedirectElsewhere(t *testing.T) {
	var reached atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer other.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	defer srv.Close()
	client := waiqin.NewClient(srv.URL, openID, appKey)
	_, err := client.StartPlan(context.Background(), validStartPlan())
	if !errors.Is(err, waiqin.ErrRedirectRefused) {
		t.Fatalf("err = %v, want ErrRedirectRefused", err)
	}
	_, err = client.QueryCustomerAmountExt(waiqin.Idempotent(context.Background()), &waiqin.QueryCustomerAmountExtRequest{CmCode: "CUS030"})
	if !errors.Is(err, waiqin.ErrRedirectRefused) {
		t.Fatalf("err = %v, want ErrRedirectRefused, not retried", err)
	}
	if n := reached.Load(); n != 0 {
		t.Fatalf("the other host got %d requests", n)
	}
}

// A server that never answers costs a try its timeout.
func TestClientGivesUpAfterTimeout(t *testing.T) {
	if waiqin.DefaultTimeout != 30*time.Second {
		t.Fatalf("DefaultTimeout = %v", waiqin.DefaultTimeout)
	}
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithTimeout(50*time.Millisecond))
	_, err := client.StartPlan(context.Background(), validStartPlan())
	var urlErr *url.Error
	if !errors.As(err, &urlErr) || !urlErr.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
}
