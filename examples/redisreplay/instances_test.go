package redisreplay_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"example.com/redisreplay"
	"github.com/apigen/apigen/generated/waiqin"
)

const (
	openID = "5465103569540931532"
	appKey = "BFCO0PAgIUgd50c0l6"
)

var cst = time.FixedZone("CST", 8*3600)

// instance serves the generated Waiqin handler with its own verifier on
// the shared store, as one of several processes behind a load balancer.
func instance(t *testing.T, store waiqin.ReplayStore) *httptest.Server {
	t.Helper()
	v := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}, Replay: store}
	srv := httptest.NewServer(waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(v)))
	t.Cleanup(srv.Close)
	return srv
}

type signed struct {
	body       []byte
	ts, digest string
}

func sign(body string, at time.Time) signed {
	ts := at.In(cst).Format("20060102150405")
	return signed{[]byte(body), ts, waiqin.WaiqinDigest([]byte(body), appKey, ts)}
}

// post sends a signed startPlan request with msgID and returns the status
// and the envelope's message.
func post(t *testing.T, srv *httptest.Server, req signed, msgID string) (int, string) {
	t.Helper()
	u := fmt.Sprintf("%s/api/cuxiao/v1/startPlan/%s/%s/%s/%s", srv.URL, openID, req.ts, req.digest, msgID)
	resp, err := srv.Client().Post(u, "application/json", bytes.NewReader(req.body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var env struct {
		ReturnMsg string `json:"return_msg"`
		MsgID     string `json:"msg_id"`
	}
	if err := json.Unmarshal(raw, &env); err != nil || env.MsgID != msgID {
		t.Fatalf("answer %d %s is not an envelope for %s", resp.StatusCode, raw, msgID)
	}
	return resp.StatusCode, env.ReturnMsg
}

const replayed = "authentication failed: replayed request: this signature was already accepted"

// A request one instance accepted is a replay on every other, whatever
// msg_id it comes with.
func TestInstancesShareTheStore(t *testing.T) {
	rdb, _ := startRedis(t)
	store := redisreplay.New(rdb, "waiqin:replay:")
	a, b := instance(t, store), instance(t, store)
	req := sign(`{"code":"CX20191218873","end_date":"2099-12-25"}`, time.Now())
	if status, msg := post(t, a, req, "M1"); status != http.StatusOK {
		t.Fatalf("first request: %d %s", status, msg)
	}
	for _, try := range []struct {
		srv   *httptest.Server
		msgID string
	}{{b, "M1"}, {b, "M2"}, {a, "M3"}} {
		if status, msg := post(t, try.srv, req, try.msgID); status != http.StatusUnauthorized || msg != replayed {
			t.Fatalf("replay with msg_id %s: %d %s", try.msgID, status, msg)
		}
	}
	// A new signature is a new request, on either instance.
	if status, msg := post(t, b, sign(`{"code":"CX20191218874","end_date":"2099-12-25"}`, time.Now()), "M4"); status != http.StatusOK {
		t.Fatalf("new request: %d %s", status, msg)
	}
}

// Without Redis no request is accepted unchecked: the handler answers 503.
func TestUnreachableRedisFailsClosed(t *testing.T) {
	rdb, stop := startRedis(t)
	srv := instance(t, redisreplay.New(rdb, ""))
	stop()
	status, msg := post(t, srv, sign(`{"code":"CX1","end_date":"2099-12-25"}`, time.Now()), "M1")
	if status != http.StatusServiceUnavailable || msg != "service unavailable: replay check unavailable; retry later" {
		t.Fatalf("with Redis down: %d %s", status, msg)
	}
}

// A Redis at its maxmemory with noeviction refuses new keys rather than
// forgetting old ones: the handler answers 503 from then on, and never
// accepts a replay.
func TestFullRedisFailsClosed(t *testing.T) {
	rdb, _ := startRedis(t)
	ctx := context.Background()
	info, err := rdb.InfoMap(ctx, "memory").Result()
	if err != nil {
		t.Fatal(err)
	}
	var inUse int64
	fmt.Sscan(info["Memory"]["used_memory"], &inUse)
	if err := rdb.ConfigSet(ctx, "maxmemory", fmt.Sprint(inUse+256<<10)).Err(); err != nil {
		t.Fatal(err)
	}
	srv := instance(t, redisreplay.New(rdb, ""))
	accepted, refused := 0, 0
	for i := range 8000 {
		req := sign(fmt.Sprintf(`{"code":"CX%d","end_date":"2099-12-25"}`, i), time.Now())
		status, msg := post(t, srv, req, fmt.Sprint("M", i))
		switch {
		case status == http.StatusOK && refused == 0:
			accepted++
		case status == http.StatusServiceUnavailable && msg == "service unavailable: replay check unavailable; retry later":
			refused++
		default:
			t.Fatalf("request %d after %d accepted, %d refused: %d %s", i, accepted, refused, status, msg)
		}
		if refused >= 10 {
			break
		}
	}
	if accepted == 0 || refused < 10 {
		t.Fatalf("%d accepted, %d refused; want Redis to fill and refuse", accepted, refused)
	}
	t.Logf("Redis with 256 KiB to spare held %d requests, then refused", accepted)
}
