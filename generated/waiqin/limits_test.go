package waiqin_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/generated/waiqin"
)

// Requests an attacker would send, against the handler run the way the
// README says: an http.Server with timeouts and a header limit, the
// handler with its body limit. Each answer must be small, each request
// cheap in memory, and a slow client cut off by the server's timeouts.
// The timeouts are shorter than the README's, so the tests run fast.

const (
	heapBound   = 64 << 20 // what one hostile request may cost the server
	answerBound = 4 << 10  // the largest answer a hostile request may get
)

// limitedServer serves the mock on 127.0.0.1 as the README's http.Server
// serves a handler.
func limitedServer(t *testing.T, opts ...waiqin.ServerOption) *httptest.Server {
	t.Helper()
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}}
	srv := httptest.NewUnstartedServer(waiqin.NewHandler(waiqin.Mock{}, append([]waiqin.ServerOption{waiqin.WithVerifier(verifier)}, opts...)...))
	srv.Config.ReadHeaderTimeout = 300 * time.Millisecond
	srv.Config.ReadTimeout = time.Second
	srv.Config.WriteTimeout = 10 * time.Second
	srv.Config.IdleTimeout = 10 * time.Second
	srv.Config.MaxHeaderBytes = 64 << 10
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// signedPost sends body to an operation, signed, and returns the answer,
// with how much the heap grew while the server handled it.
func signedPost(t *testing.T, srv *httptest.Server, prefix, body, msgID string) (env envelope, status, size int, grew uint64) {
	t.Helper()
	var raw []byte
	grew = e2etest.HeapGrowth(func() {
		ts := time.Now().In(time.FixedZone("CST", 8*3600)).Format("20060102150405")
		resp := rawPost(t, srv, prefix, []byte(body), openID, ts, waiqin.WaiqinDigest([]byte(body), appKey, ts), msgID)
		defer resp.Body.Close()
		var err error
		if raw, err = io.ReadAll(resp.Body); err != nil {
			t.Fatal(err)
		}
		status = resp.StatusCode
	})
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("answer %d %.200q is not an envelope: %v", status, raw, err)
	}
	return env, status, len(raw), grew
}

func checkBounds(t *testing.T, what string, bodySize, size int, grew uint64) {
	t.Helper()
	t.Logf("%s: body %d bytes, answer %d bytes, heap grew %.1f MiB", what, bodySize, size, float64(grew)/(1<<20))
	if size > answerBound {
		t.Errorf("%s: answer of %d bytes, want at most %d", what, size, answerBound)
	}
	if grew > heapBound {
		t.Errorf("%s: heap grew %d MiB, want at most %d", what, grew>>20, heapBound>>20)
	}
}

// 300 MiB, never held in memory by the client, is refused after the first
// MiB, declared or not.
func TestHostileOversizeBody(t *testing.T) {
	srv := limitedServer(t)
	for _, declared := range []bool{true, false} {
		t.Run(fmt.Sprintf("declared=%v", declared), func(t *testing.T) {
			flood := &e2etest.Flood{Head: `{"code":"`, Item: "C", N: 300 << 20}
			var status int
			var answer []byte
			start := time.Now()
			grew := e2etest.HeapGrowth(func() {
				req, err := http.NewRequest("POST", srv.URL+"/api/cuxiao/v1/startPlan/"+openID+"/20240101000000/d/M-FLOOD", flood)
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/json")
				if declared {
					req.ContentLength = flood.N
				}
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Fatalf("after %d bytes sent: %v", flood.Sent(), err)
				}
				defer resp.Body.Close()
				status = resp.StatusCode
				answer, _ = io.ReadAll(resp.Body)
			})
			t.Logf("refused after %v, %d bytes sent", time.Since(start), flood.Sent())
			checkBounds(t, "300 MiB body", int(flood.N), len(answer), grew)
			if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(answer), "request body is larger than 1048576 bytes") {
				t.Errorf("answer %d %s", status, answer)
			}
		})
	}
}

// A client that sends its body a byte every 20ms is cut off by the
// server's ReadTimeout; one that sends its headers so is cut off by
// ReadHeaderTimeout.
func TestHostileSlowClient(t *testing.T) {
	srv := limitedServer(t)
	addr := srv.Listener.Addr().String()
	path := "/api/cuxiao/v1/startPlan/" + openID + "/20240101000000/d/M-SLOW"
	tests := []struct {
		name, head string
		timeout    time.Duration
		statuses   []int // what the server may answer; 0: it closes the connection
	}{
		{"body", "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"code\":\"",
			srv.Config.ReadTimeout, []int{http.StatusRequestTimeout, 0}},
		{"headers", "POST " + path + " HTTP/1.1\r\nHost: x\r\nX-Slow: ",
			srv.Config.ReadHeaderTimeout, []int{http.StatusRequestTimeout, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slow := &e2etest.Flood{Item: "C", N: 1 << 20}
			status, answer, after, err := e2etest.Trickle(addr, tt.head, slow, 20*time.Millisecond, 10*time.Second)
			if err != nil {
				t.Fatalf("after %v: %v", after, err)
			}
			t.Logf("slow %s: cut off after %v (timeout %v), %d bytes trickled, answer %d %q", tt.name, after, tt.timeout, slow.Sent(), status, answer)
			if after > tt.timeout+time.Second {
				t.Errorf("the server held a slow client for %v", after)
			}
			if !contains(tt.statuses, status) {
				t.Errorf("answer %d %s, want one of %v", status, answer, tt.statuses)
			}
			if len(answer) > answerBound {
				t.Errorf("answer of %d bytes", len(answer))
			}
		})
	}
}

// 100000 '[' are refused by their depth, wherever they start.
func TestHostileDeepNesting(t *testing.T) {
	srv := limitedServer(t)
	for i, body := range []string{
		strings.Repeat("[", 100000),
		`{"reqInfo":` + strings.Repeat("[", 100000),
		`{"reqInfo":[{"data":` + strings.Repeat(`[{"key":`, 50000),
	} {
		env, status, size, grew := signedPost(t, srv, "/api/customer_amount/v1/addCustomerAmountExt", body, fmt.Sprintf("M-DEEP-%d", i))
		checkBounds(t, "deep nesting", len(body), size, grew)
		if status != http.StatusBadRequest || !strings.HasPrefix(env.ReturnMsg, "malformed request: ") {
			t.Errorf("answer %d %+v", status, env)
		}
	}
}

// Long lists cost the server a heap bounded by the body limit: a million
// items whose first is wrong (the limit raised to let them in), and as
// many valid items as the default limit lets in, each decoded.
func TestHostileHugeArray(t *testing.T) {
	const prefix = "/api/customer_amount/v1/addCustomerAmountExt"
	wrong := `{"reqInfo":[{"data":[` + strings.Repeat(`1,`, 1000000-1) + `1]}]}`
	env, status, size, grew := signedPost(t, limitedServer(t, waiqin.WithMaxBodyBytes(4<<20)), prefix, wrong, "M-HUGE-1")
	checkBounds(t, "a million numbers where objects belong", len(wrong), size, grew)
	if status != http.StatusBadRequest || env.ReturnMsg != "malformed request: reqInfo[0].data[0]: not an object: 1" {
		t.Errorf("answer %d %+v", status, env)
	}

	const n = (1<<20 - 64) / len(`{},`)
	fine := `{"reqInfo":[{"data":[` + strings.Repeat(`{},`, n-1) + `{}]}]}`
	env, status, size, grew = signedPost(t, limitedServer(t), prefix, fine, "M-HUGE-2")
	checkBounds(t, fmt.Sprintf("%d empty objects", n), len(fine), size, grew)
	if status != http.StatusOK || env.ReturnCode != "0" {
		t.Errorf("answer %d %+v", status, env)
	}
}

// A body breaking a rule in every one of its 70000 items is answered with
// the first 20 violations and a count.
func TestHostileManyViolations(t *testing.T) {
	srv := limitedServer(t)
	const n = 70000
	body := `{"reqInfo":[{"data":[` + strings.Repeat(`{"value":"x"},`, n-1) + `{"value":"x"}]}]}`
	env, status, size, grew := signedPost(t, srv, "/api/customer_amount/v1/addCustomerAmountExt", body, "M-MANY")
	checkBounds(t, "70000 violations", len(body), size, grew)
	want := fmt.Sprintf(`reqInfo[0].data[19].value: does not match ^-?[0-9]+(\.[0-9]+)?$; and %d more`, n-20)
	if status != http.StatusBadRequest || !strings.HasPrefix(env.ReturnMsg, `invalid request: reqInfo[0].data[0].value: does not match`) || !strings.HasSuffix(env.ReturnMsg, want) {
		t.Errorf("answer %d %.300q", status, env.ReturnMsg)
	}
}

// A URL no operation serves is named in the answer only in part; one
// longer than MaxHeaderBytes is refused before the handler runs.
func TestHostileLongURL(t *testing.T) {
	srv := limitedServer(t)
	for _, n := range []int{60 << 10, 1 << 20} {
		resp, err := srv.Client().Get(srv.URL + "/" + strings.Repeat("x", n))
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Logf("URL of %d bytes: answer %d, %d bytes", n, resp.StatusCode, len(answer))
		want := http.StatusNotFound
		if n > srv.Config.MaxHeaderBytes {
			want = http.StatusRequestHeaderFieldsTooLarge
		}
		if resp.StatusCode != want || len(answer) > answerBound {
			t.Errorf("URL of %d bytes: answer %d %.200q", n, resp.StatusCode, answer)
		}
	}
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
