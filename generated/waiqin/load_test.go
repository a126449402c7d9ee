package waiqin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigen/apigen/generated/waiqin"
)

// The load tests run on 127.0.0.1 only (httptest servers), send a fixed
// number of requests and stop by themselves, within loadDeadline at most.
const (
	loadWorkers  = 64
	loadDeadline = 2 * time.Minute
)

var cst = time.FixedZone("CST", 8*3600)

// loadRequest is one request of a load test and the answer it must get.
type loadRequest struct {
	kind                string
	openid, ts, digest  string
	msgID               string
	body                []byte
	status              int
	code, msg, echoedID string
	msgPrefix           bool // msg is a prefix of the answer's message
}

func signedRequest(kind, code, msgID string, at time.Time, key string) loadRequest {
	body := []byte(`{"code":"` + code + `","end_date":"2099-12-25"}`)
	ts := at.In(cst).Format("20060102150405")
	return loadRequest{kind: kind, openid: openID, ts: ts, digest: waiqin.WaiqinDigest(body, key, ts), msgID: msgID, body: body}
}

func (r loadRequest) want(status int, code, msg string) loadRequest {
	r.status, r.code, r.msg, r.echoedID = status, code, msg, r.msgID
	return r
}

const (
	msgReplayed  = "authentication failed: replayed request: this signature was already accepted"
	msgSignature = "authentication failed: signature does not match"
)

// loadRound is what one worker sends in one round, in order: two
// accepted requests (the second reusing the first's msg_id, which is not
// a replay) and every way of being refused, replays of the first request
// among them, as the same bytes and with a fresh msg_id.
func loadRound(worker, round int, now time.Time) []loadRequest {
	id := fmt.Sprintf("W%dR%d", worker, round)
	valid := signedRequest("valid", id, id+"-0", now, appKey).want(http.StatusOK, "0", "ok")

	replay := valid.want(http.StatusUnauthorized, "1", msgReplayed)
	replay.kind = "replay"
	fresh := replay
	fresh.kind, fresh.msgID, fresh.echoedID = "replay with a fresh msg_id", id+"-2", id+"-2"

	badDigest := signedRequest("bad digest", id+"x", id+"-3", now, "not-the-app-key").want(http.StatusUnauthorized, "1", msgSignature)
	stranger := signedRequest("unknown openid", id+"y", id+"-4", now, appKey).want(http.StatusUnauthorized, "1", msgSignature)
	stranger.openid = "1000000000000000000"
	stale := signedRequest("stale timestamp", id+"z", id+"-5", now.Add(-10*time.Minute), appKey).
		want(http.StatusUnauthorized, "1", "authentication failed: timestamp outside the accepted window")
	badTS := signedRequest("malformed timestamp", id+"t", id+"-6", now, appKey)
	badTS.ts += "0"
	badTS.digest = waiqin.WaiqinDigest(badTS.body, appKey, badTS.ts)
	badTS = badTS.want(http.StatusUnauthorized, "1", "authentication failed: timestamp is not yyyyMMddHHmmss")
	longID := signedRequest("over-long msg_id", id+"m", strings.Repeat("M", 200), now, appKey).
		want(http.StatusUnauthorized, "1", "authentication failed: msg_id is longer than 128 bytes")
	longID.echoedID = ""
	invalid := signedRequest("invalid body", id+strings.Repeat("c", 101), id+"-8", now, appKey).
		want(http.StatusBadRequest, "1", "invalid request: ")
	invalid.msgPrefix = true
	again := signedRequest("valid, msg_id reused", id+"v", id+"-0", now, appKey).want(http.StatusOK, "0", "ok")

	return []loadRequest{valid, replay, fresh, badDigest, stranger, stale, badTS, longID, invalid, again}
}

// loadClient keeps a connection per worker, so a hundred thousand
// requests do not use up the loopback's ephemeral ports.
func loadClient() *http.Client {
	return &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: loadWorkers, MaxConnsPerHost: loadWorkers},
	}
}

// send posts r to startPlan and returns the status, the envelope and how
// long the answer took.
func send(ctx context.Context, c *http.Client, base string, r loadRequest) (int, envelope, time.Duration, error) {
	u := base + "/api/cuxiao/v1/startPlan/" + r.openid + "/" + r.ts + "/" + r.digest + "/" + r.msgID
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(r.body))
	if err != nil {
		return 0, envelope{}, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, envelope{}, 0, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, envelope{}, 0, err
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return resp.StatusCode, env, took, fmt.Errorf("answer %d %q is not an envelope", resp.StatusCode, raw)
	}
	return resp.StatusCode, env, took, nil
}

func (r loadRequest) check(status int, env envelope) error {
	msgOK := env.ReturnMsg == r.msg || (r.msgPrefix && strings.HasPrefix(env.ReturnMsg, r.msg))
	if status != r.status || env.ReturnCode != r.code || !msgOK || env.MsgID != r.echoedID {
		return fmt.Errorf("%s: answered %d {%s %q %s}, want %d {%s %q %s}",
			r.kind, status, env.ReturnCode, env.ReturnMsg, env.MsgID, r.status, r.code, r.msg, r.echoedID)
	}
	return nil
}

// latencies gathers the workers' timings.
type latencies struct {
	mu   sync.Mutex
	durs []time.Duration
}

func (l *latencies) add(d []time.Duration) {
	l.mu.Lock()
	l.durs = append(l.durs, d...)
	l.mu.Unlock()
}

func (l *latencies) quantile(q float64) time.Duration {
	slices.Sort(l.durs)
	if len(l.durs) == 0 {
		return 0
	}
	return l.durs[int(q*float64(len(l.durs)-1))]
}

// A hundred thousand requests from 64 workers, a fifth of them accepted
// and the rest every kind of refusal, replays with fresh msg_ids among
// them: every answer is exactly the one expected, and none is a 5xx.
func TestLoadMixedRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 102,400 requests")
	}
	rounds := 160 // per worker; 10 requests a round
	if raceEnabled {
		rounds = 16 // the race detector slows every request several times
	}
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}}
	srv := httptest.NewServer(waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(verifier)))
	defer srv.Close()
	client := loadClient()
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline)
	defer cancel()

	var (
		sent, mismatched, fivexx atomic.Int64
		byStatus                 sync.Map // status → *atomic.Int64
		firstErrs                = make(chan error, 10)
		lat                      latencies
		wg                       sync.WaitGroup
	)
	start := time.Now()
	for w := range loadWorkers {
		wg.Go(func() {
			durs := make([]time.Duration, 0, rounds*10)
			defer func() { lat.add(durs) }()
			for i := range rounds {
				for _, r := range loadRound(w, i, time.Now()) {
					status, env, took, err := send(ctx, client, srv.URL, r)
					if err == nil {
						err = r.check(status, env)
					}
					sent.Add(1)
					n, _ := byStatus.LoadOrStore(status, new(atomic.Int64))
					n.(*atomic.Int64).Add(1)
					if status >= 500 {
						fivexx.Add(1)
					}
					if err != nil {
						mismatched.Add(1)
						select {
						case firstErrs <- err:
						default:
						}
						if ctx.Err() != nil {
							return
						}
					}
					durs = append(durs, took)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(firstErrs)
	for err := range firstErrs {
		t.Error(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("stopped at the %v deadline after %d requests", loadDeadline, sent.Load())
	}
	counts := map[int]int64{}
	byStatus.Range(func(k, v any) bool { counts[k.(int)] = v.(*atomic.Int64).Load(); return true })
	perKind := int64(loadWorkers * rounds)
	want := map[int]int64{
		http.StatusOK:           2 * perKind,
		http.StatusUnauthorized: 7 * perKind,
		http.StatusBadRequest:   1 * perKind,
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) || mismatched.Load() != 0 || fivexx.Load() != 0 {
		t.Fatalf("statuses %v (%d answers not as expected, %d 5xx), want %v", counts, mismatched.Load(), fivexx.Load(), want)
	}
	t.Logf("%d requests from %d workers in %v: %.0f req/s, p50 %v, p99 %v; statuses %v",
		sent.Load(), loadWorkers, elapsed.Round(time.Millisecond), float64(sent.Load())/elapsed.Seconds(),
		lat.quantile(0.50), lat.quantile(0.99), counts)
}

// A million distinct signed requests fill a store of a million keys
// within its memory cap, and the next request is refused as unavailable
// instead of growing the store.
func TestReplayStoreMemoryAtAMillionRequests(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("verifies a million requests")
	}
	const keys = 1 << 20
	const maxBytesPerKey = 48 // the bound MemoryReplayStore documents
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, cst)
	clock := func() time.Time { return now }
	before := heapAlloc()
	store := waiqin.NewMemoryReplayStore(keys, 11*time.Minute, clock)
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}, Now: clock, Replay: store}
	ts := now.Format("20060102150405")
	creds := map[string]string{"openid": openID, "timestamp": ts, "msg_id": "M"}
	body := make([]byte, 0, 64)
	for i := range keys + 1 {
		body = fmt.Appendf(body[:0], `{"code":"C%d"}`, i)
		creds["digest"] = waiqin.WaiqinDigest(body, appKey, ts)
		err := verifier.Verify(context.Background(), &waiqin.VerifyRequest{Body: body, Creds: creds})
		if i < keys && err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if i == keys {
			var unavailable *waiqin.UnavailableError
			if !errors.As(err, &unavailable) || !errors.Is(err, waiqin.ErrReplayStoreFull) {
				t.Fatalf("request past capacity: err = %v, want the store full", err)
			}
		}
	}
	used := heapAlloc() - before
	if store.Len() != keys {
		t.Fatalf("store holds %d keys, want %d", store.Len(), keys)
	}
	limit := uint64(maxBytesPerKey * keys)
	t.Logf("%d requests held in %.1f MiB (%.1f bytes each); cap %d MiB", keys, float64(used)/(1<<20), float64(used)/keys, limit>>20)
	runtime.KeepAlive(store)
	if used > limit {
		t.Fatalf("the store uses %d bytes, over its cap of %d", used, limit)
	}
}

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// plainHandler is what a hand-written endpoint with only net/http and
// encoding/json would do: route, decode the body into a struct, answer in
// the envelope. It checks no signature and validates nothing.
func plainHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/cuxiao/v1/startPlan/{openid}/{timestamp}/{digest}/{msg_id}", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Code    string `json:"code"`
			EndDate string `json:"end_date"`
		}
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]any{"return_code": "1", "return_msg": err.Error(), "msg_id": r.PathValue("msg_id")})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"return_code": "0", "return_msg": "ok", "msg_id": r.PathValue("msg_id"), "response_data": nil})
	})
	return mux
}

// loadRun sends reqs from the workers to base and returns the wall time
// and every request's latency; every answer must be a 200.
func loadRun(t *testing.T, base string, reqs [][]loadRequest) (time.Duration, []time.Duration) {
	t.Helper()
	client := loadClient()
	defer client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), loadDeadline)
	defer cancel()
	var lat latencies
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for _, mine := range reqs {
		wg.Go(func() {
			durs := make([]time.Duration, 0, len(mine))
			for _, r := range mine {
				status, _, took, err := send(ctx, client, base, r)
				if err != nil || status != http.StatusOK {
					if failed.Add(1) == 1 {
						t.Errorf("%s: %d %v", base, status, err)
					}
					return
				}
				durs = append(durs, took)
			}
			lat.add(durs)
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if failed.Load() > 0 {
		t.FailNow()
	}
	return elapsed, lat.durs
}

// The generated handler's throughput and p99 latency against a plain
// net/http + encoding/json handler, measured in the same run on the same
// requests, alternating so both see the same machine. The figures are
// logged, not asserted: they depend on the machine.
func TestLoadAgainstPlainHandler(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 51,200 requests")
	}
	if raceEnabled {
		t.Skip("timings under the race detector say nothing of the handler")
	}
	const perWorker, passes = 100, 4
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}}
	generated := httptest.NewServer(waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(verifier)))
	defer generated.Close()
	plain := httptest.NewServer(plainHandler())
	defer plain.Close()

	var genTime, plainTime time.Duration
	var genLat, plainLat latencies
	for pass := range passes {
		// Signed in advance, so signing costs neither side anything.
		reqs := make([][]loadRequest, loadWorkers)
		now := time.Now()
		for w := range reqs {
			for i := range perWorker {
				id := fmt.Sprintf("P%dW%dR%d", pass, w, i)
				reqs[w] = append(reqs[w], signedRequest("valid", id, id, now, appKey))
			}
		}
		d, l := loadRun(t, plain.URL, reqs)
		plainTime += d
		plainLat.add(l)
		d, l = loadRun(t, generated.URL, reqs)
		genTime += d
		genLat.add(l)
	}
	n := float64(passes * loadWorkers * perWorker)
	genRate, plainRate := n/genTime.Seconds(), n/plainTime.Seconds()
	genP99, plainP99 := genLat.quantile(0.99), plainLat.quantile(0.99)
	t.Logf("%d requests each from %d workers; generated handler (signature, replay store, lenient decoding, validation, envelope): %.0f req/s, p99 %v; plain net/http + encoding/json: %.0f req/s, p99 %v",
		int(n), loadWorkers, genRate, genP99, plainRate, plainP99)
	t.Logf("generated/plain: throughput ×%.2f, p99 latency ×%.2f", genRate/plainRate, float64(genP99)/float64(plainP99))
}
