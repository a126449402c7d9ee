package waiqin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/generated/waiqin"
)

// envelope is the vendor's answer as it travels.
type envelope struct {
	ReturnCode   string  `json:"return_code"`
	ReturnMsg    string  `json:"return_msg"`
	MsgID        string  `json:"msg_id"`
	ResponseData *string `json:"response_data"`
}

// testServer serves impl behind the Waiqin verifier on 127.0.0.1; any
// panic in the handler fails the test instead of only closing the
// connection.
func testServer(t *testing.T, impl waiqin.Server, opts ...waiqin.ServerOption) *httptest.Server {
	t.Helper()
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}}
	h := waiqin.NewHandler(impl, append([]waiqin.ServerOption{waiqin.WithVerifier(verifier)}, opts...)...)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("%s %s panicked: %v", r.Method, r.URL.Path, p)
				panic(p)
			}
		}()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// msgIDs hands out fixed message ids so the test can check they are echoed.
func msgIDs(ids ...string) waiqin.Option {
	var n atomic.Int64
	return waiqin.WithMsgIDs(func() string { return ids[int(n.Add(1)-1)%len(ids)] })
}

// wantAPIError checks an error the client returns for a refused request.
func wantAPIError(t *testing.T, err error, status int, code, msg, msgID string) {
	t.Helper()
	var apiErr *waiqin.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.HTTPStatus != status || apiErr.Code != code || apiErr.Message != msg || apiErr.MsgID != msgID {
		t.Fatalf("APIError = {HTTP %d, code %q, %q, msg_id %q}, want {HTTP %d, code %q, %q, msg_id %q}",
			apiErr.HTTPStatus, apiErr.Code, apiErr.Message, apiErr.MsgID, status, code, msg, msgID)
	}
	var env envelope
	if err := json.Unmarshal(apiErr.Body, &env); err != nil {
		t.Fatalf("body %s: %v", apiErr.Body, err)
	}
	if env.ReturnCode != code || env.ReturnMsg != msg || env.MsgID != msgID || env.ResponseData != nil {
		t.Fatalf("envelope = %s", apiErr.Body)
	}
}

func validStartPlan() *waiqin.StartPlanRequest {
	return &waiqin.StartPlanRequest{Code: "CX20191218873", EndDate: "2099-12-25"}
}

func TestServerAcceptsSignedRequests(t *testing.T) {
	srv := testServer(t, waiqin.Mock{})
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()))
	if _, err := client.StartPlan(context.Background(), validStartPlan()); err != nil {
		t.Fatal(err)
	}
	res, err := client.QueryCustomerAmountExt(context.Background(), &waiqin.QueryCustomerAmountExtRequest{CmCode: "CUS030"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 || res[0].Name == "" {
		t.Fatalf("mock answered %+v, want the doc's example", res)
	}
}

func TestServerRefusesBadSignature(t *testing.T) {
	srv := testServer(t, waiqin.Mock{})
	client := waiqin.NewClient(srv.URL, openID, "not-the-app-key", waiqin.WithHTTPClient(srv.Client()), msgIDs("M-SIG"))
	_, err := client.StartPlan(context.Background(), validStartPlan())
	wantAPIError(t, err, http.StatusUnauthorized, "1", "authentication failed: signature does not match", "M-SIG")

	// An unknown openid gets the same answer: the server does not say
	// which openids exist.
	stranger := waiqin.NewClient(srv.URL, "9999", appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-WHO"))
	_, err = stranger.StartPlan(context.Background(), validStartPlan())
	wantAPIError(t, err, http.StatusUnauthorized, "1", "authentication failed: signature does not match", "M-WHO")
}

func TestServerRefusesStaleTimestamp(t *testing.T) {
	srv := testServer(t, waiqin.Mock{})
	for _, skew := range []time.Duration{-10 * time.Minute, 10 * time.Minute} {
		client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()),
			waiqin.WithClock(func() time.Time { return time.Now().Add(skew) }), msgIDs("M-CLOCK"))
		_, err := client.StartPlan(context.Background(), validStartPlan())
		wantAPIError(t, err, http.StatusUnauthorized, "1", "authentication failed: timestamp outside the accepted window", "M-CLOCK")
	}
}

func TestServerRefusesReplay(t *testing.T) {
	srv := testServer(t, waiqin.Mock{})
	const replayed = "authentication failed: replayed request: this signature was already accepted"
	// The very same bytes again, as an attacker would replay them, and
	// again with a fresh msg_id, which the signature does not cover.
	body := []byte(`{"code":"CX1"}`)
	ts := time.Now().In(time.FixedZone("CST", 8*3600)).Format("20060102150405")
	digest := waiqin.WaiqinDigest(body, appKey, ts)
	first := rawPost(t, srv, "/api/cuxiao/v1/startPlan", body, openID, ts, digest, "M-RAW")
	again := rawPost(t, srv, "/api/cuxiao/v1/startPlan", body, openID, ts, digest, "M-RAW")
	fresh := rawPost(t, srv, "/api/cuxiao/v1/startPlan", body, openID, ts, digest, "M-FRESH")
	wantRaw(t, first, http.StatusOK, "0", "ok", "M-RAW")
	wantRaw(t, again, http.StatusUnauthorized, "1", replayed, "M-RAW")
	wantRaw(t, fresh, http.StatusUnauthorized, "1", replayed, "M-FRESH")

	// A client reusing a msg_id on new requests is not replaying: the
	// msg_id protects nothing, so only the signature counts.
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-ONCE"))
	if _, err := client.StartPlan(context.Background(), validStartPlan()); err != nil {
		t.Fatal(err)
	}
	if _, err := client.StopPlan(context.Background(), &waiqin.StopPlanRequest{Code: "CX20191218873"}); err != nil {
		t.Fatal(err)
	}
}

// A full replay store refuses new requests with 503 in the envelope
// instead of growing; requests it holds are still recognised as replays.
func TestServerAnswersFullReplayStoreWith503(t *testing.T) {
	verifier := &waiqin.WaiqinVerifier{
		AppKeys: map[string]string{openID: appKey},
		Replay:  waiqin.NewMemoryReplayStore(1, 11*time.Minute, nil),
	}
	h := waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(verifier))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-FULL"))
	if _, err := client.StartPlan(context.Background(), validStartPlan()); err != nil {
		t.Fatal(err)
	}
	_, err := client.StopPlan(context.Background(), &waiqin.StopPlanRequest{Code: "CX20191218873"})
	wantAPIError(t, err, http.StatusServiceUnavailable, "1", "service unavailable: too many requests to check for replays; retry later", "M-FULL")
}

func TestServerRefusesOversizedBody(t *testing.T) {
	srv := testServer(t, waiqin.Mock{}, waiqin.WithMaxBodyBytes(64))
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-BIG"))
	req := &waiqin.StartPlanRequest{Code: strings.Repeat("C", 60), EndDate: "2099-12-25"}
	_, err := client.StartPlan(context.Background(), req)
	wantAPIError(t, err, http.StatusRequestEntityTooLarge, "1", "request body is larger than 64 bytes", "M-BIG")

	// At the limit it passes.
	req.Code = strings.Repeat("C", 64-len(`{"code":"","end_date":"2099-12-25"}`))
	if _, err := client.StartPlan(context.Background(), req); err != nil {
		t.Fatalf("a body of exactly 64 bytes: %v", err)
	}
}

// An over-long credential is refused before the body is read: a 401, not
// the 413 the body alone would earn; a long msg_id is not echoed.
func TestServerRefusesLongCredentials(t *testing.T) {
	srv := testServer(t, waiqin.Mock{}, waiqin.WithMaxBodyBytes(64))
	body := bytes.Repeat([]byte("x"), 1<<10)
	long := strings.Repeat("9", 129)
	ts := time.Now().In(time.FixedZone("CST", 8*3600)).Format("20060102150405")
	digest := waiqin.WaiqinDigest(body, appKey, ts)
	resp := rawPost(t, srv, "/api/cuxiao/v1/startPlan", body, long, ts, digest, "M-LONG")
	wantRaw(t, resp, http.StatusUnauthorized, "1", "authentication failed: openid is longer than 128 bytes", "M-LONG")
	resp = rawPost(t, srv, "/api/cuxiao/v1/startPlan", body, openID, ts, digest, strings.Repeat("M", 1<<16))
	wantRaw(t, resp, http.StatusUnauthorized, "1", "authentication failed: msg_id is longer than 128 bytes", "")
}

// undecided is a verifier whose shared state cannot be reached.
type undecided struct{}

func (undecided) Verify(context.Context, *waiqin.VerifyRequest) error {
	return &waiqin.UnavailableError{Reason: "replay store is unreachable; retry later"}
}

func TestServerAnswersUndecidedVerifierWith503(t *testing.T) {
	h := waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(undecided{}))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-503"))
	_, err := client.StartPlan(context.Background(), validStartPlan())
	wantAPIError(t, err, http.StatusServiceUnavailable, "1", "service unavailable: replay store is unreachable; retry later", "M-503")
}

func TestServerRefusesMalformedJSON(t *testing.T) {
	srv := testServer(t, waiqin.Mock{})
	tests := []struct {
		body, msg string
	}{
		{`{"code":`, `malformed request: code: malformed JSON: unexpected end`},
		{`[1,2,3]`, `malformed request: not an object: [1,2,3]`},
		{`{"reqInfo":[{"cm_id":"CUS030"}]}`, `malformed request: reqInfo[0].cm_id: not an integer: "CUS030"`},
		{`{"reqInfo":[{"data":[{"key":"k"},"12.00"]}]}`, `malformed request: reqInfo[0].data[1]: not an object: "12.00"`},
	}
	for i, tt := range tests {
		body := []byte(tt.body)
		ts := time.Now().In(time.FixedZone("CST", 8*3600)).Format("20060102150405")
		msgID := fmt.Sprintf("M-BAD-%d", i)
		resp := rawPost(t, srv, "/api/customer_amount/v1/addCustomerAmountExt", body, openID, ts, waiqin.WaiqinDigest(body, appKey, ts), msgID)
		wantRaw(t, resp, http.StatusBadRequest, "1", tt.msg, msgID)
	}
}

func TestServerRefusesInvalidFields(t *testing.T) {
	srv := testServer(t, waiqin.Mock{})
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-INVALID-1", "M-INVALID-2"))
	req := &waiqin.AddCustomerAmountExtRequest{ReqInfo: []waiqin.AddCustomerAmountExtRequestReqInfoItem{
		{CmCode: "CUS030", Data: []waiqin.AddCustomerAmountExtRequestReqInfoItemDataItem{{Key: "客户应收", Value: "12.00"}}},
		{CmCode: "CUS031", Data: []waiqin.AddCustomerAmountExtRequestReqInfoItemDataItem{{Key: "客户应收", Value: "十二元"}}},
	}}
	_, err := client.AddCustomerAmountExt(context.Background(), req)
	wantAPIError(t, err, http.StatusBadRequest, "1",
		`invalid request: reqInfo[1].data[0].value: does not match ^-?[0-9]+(\.[0-9]+)?$`, "M-INVALID-1")

	// Every violation is named.
	_, err = client.AddRegularPlan(context.Background(), &waiqin.AddRegularPlanRequest{StartDate: "2024/01/01", PlanItemMode: "2"})
	wantAPIError(t, err, http.StatusBadRequest, "1",
		"invalid request: startDate: not a date (yyyy-MM-dd); planItemMode: not one of 1, 3", "M-INVALID-2")
}

// failing answers startPlan with a vendor error and stopPlan with a plain one.
type failing struct{ waiqin.Mock }

func (failing) StartPlan(context.Context, *waiqin.StartPlanRequest) (json.RawMessage, error) {
	return nil, fmt.Errorf("starting: %w", &waiqin.APIError{Code: "E42", Message: "方案不存在"})
}

func (failing) StopPlan(context.Context, *waiqin.StopPlanRequest) (json.RawMessage, error) {
	return nil, errors.New("database is down")
}

func TestServerImplementationErrors(t *testing.T) {
	var mu sync.Mutex
	var logged []string
	srv := testServer(t, failing{}, waiqin.WithErrorLog(func(r *http.Request, err error) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, err.Error())
	}))
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()), msgIDs("M-E42", "M-500"))

	_, err := client.StartPlan(context.Background(), validStartPlan())
	wantAPIError(t, err, http.StatusOK, "E42", "方案不存在", "M-E42")

	// Other errors do not leak their text to the caller.
	_, err = client.StopPlan(context.Background(), &waiqin.StopPlanRequest{Code: "CX1"})
	wantAPIError(t, err, http.StatusInternalServerError, "1", "internal error", "M-500")

	mu.Lock()
	defer mu.Unlock()
	if strings.Join(logged, "|") != "starting: api error E42: 方案不存在|database is down" {
		t.Fatalf("logged %q", logged)
	}
}

// Random bodies, signed and unsigned, on every route: every answer is an
// envelope and nothing panics.
func TestServerSurvivesRandomBodies(t *testing.T) {
	_, ops := e2etest.Load(t, "openapi.yaml")
	// Each request is signed a second after the last on the server's
	// clock: the same body sent twice in one second is one request.
	var clock atomic.Int64
	clock.Store(time.Now().Unix())
	now := func() time.Time { return time.Unix(clock.Load(), 0) }
	srv := testServer(t, waiqin.Mock{}, waiqin.WithVerifier(&waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}, Now: now}))
	rng := rand.New(rand.NewPCG(1, 2))
	cst := time.FixedZone("CST", 8*3600)
	n := 0
	for _, op := range ops {
		prefix := strings.TrimSuffix(op.Path, "/{openid}/{timestamp}/{digest}/{msg_id}")
		for _, body := range randomBodies(rng, op.Request) {
			n++
			clock.Add(1)
			ts := now().In(cst).Format("20060102150405")
			msgID := fmt.Sprintf("F%d", n)
			digest := waiqin.WaiqinDigest(body, appKey, ts)
			signed := rng.IntN(4) != 0
			if !signed {
				digest = waiqin.WaiqinDigest(body, "wrong", ts)
			}
			resp := rawPost(t, srv, prefix, body, openID, ts, digest, msgID)
			env, status := readEnvelope(t, resp)
			switch {
			case !signed && status != http.StatusUnauthorized:
				t.Fatalf("%s: unsigned %q answered %d", op.ID, body, status)
			case signed && status != http.StatusOK && status != http.StatusBadRequest:
				t.Fatalf("%s: %q answered %d %+v", op.ID, body, status, env)
			}
			if env.MsgID != msgID || (status == http.StatusOK) != (env.ReturnCode == "0") {
				t.Fatalf("%s: %q answered %d %+v", op.ID, body, status, env)
			}
		}
	}
}

// randomBodies returns bytes a careless or hostile caller might send:
// noise, broken and mutated versions of the doc's example, and deep or
// odd JSON.
func randomBodies(rng *rand.Rand, example []byte) [][]byte {
	if example == nil {
		example = []byte(`{}`)
	}
	out := [][]byte{
		nil,
		[]byte("null"),
		[]byte(`""`),
		[]byte(`"{\"reqInfo\":\"[1]\"}"`),
		[]byte(strings.Repeat("[", 20000)),
		[]byte(strings.Repeat(`{"a":`, 5000)),
		[]byte(`{"code":"\xff\xfe","end_date":1e999,"reqInfo":[[[[]]]]}`),
		[]byte(`{"page_length":99999999999999999999999,"cm_id":-1e400}`),
		example[:len(example)/2],
	}
	for range 6 {
		noise := make([]byte, rng.IntN(256))
		for i := range noise {
			noise[i] = byte(rng.UintN(256))
		}
		out = append(out, noise)
	}
	// Structural characters and quotes flipped in the example.
	const alphabet = `{}[]":,0-9. "x\`
	for range 6 {
		b := bytes.Clone(example)
		for range 1 + rng.IntN(4) {
			if len(b) > 0 {
				b[rng.IntN(len(b))] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		out = append(out, b)
	}
	// Every member of the example replaced by a value of another kind.
	var m map[string]any
	if json.Unmarshal(example, &m) == nil {
		kinds := []any{nil, "", "x", 0, -1.5, true, []any{}, []any{"a", 1}, map[string]any{}, map[string]any{"k": []any{nil}}, "[1,2]", `{"a":1}`, strings.Repeat("长", 5000)}
		for range 6 {
			c := map[string]any{}
			for k, v := range m {
				c[k] = v
				if rng.IntN(2) == 0 {
					c[k] = kinds[rng.IntN(len(kinds))]
				}
			}
			b, _ := json.Marshal(c)
			out = append(out, b)
		}
	}
	return out
}

func rawPost(t *testing.T, srv *httptest.Server, prefix string, body []byte, openid, ts, digest, msgID string) *http.Response {
	t.Helper()
	u := srv.URL + prefix + "/" + openid + "/" + ts + "/" + digest + "/" + msgID
	resp, err := srv.Client().Post(u, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", prefix, err)
	}
	return resp
}

func readEnvelope(t *testing.T, resp *http.Response) (envelope, int) {
	t.Helper()
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("answer %d %q is not an envelope: %v", resp.StatusCode, raw, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q", ct)
	}
	return env, resp.StatusCode
}

func wantRaw(t *testing.T, resp *http.Response, status int, code, msg, msgID string) {
	t.Helper()
	env, got := readEnvelope(t, resp)
	if got != status || env.ReturnCode != code || env.ReturnMsg != msg || env.MsgID != msgID {
		t.Fatalf("answer %d %+v, want %d {%s %q %s}", got, env, status, code, msg, msgID)
	}
}
