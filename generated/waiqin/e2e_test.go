package waiqin_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/generated/waiqin"
)

const (
	openID = "5465103569540931532"
	appKey = "BFCO0PAgIUgd50c0l6"
)

// The vendor guide's worked example: the generated signer must reproduce it.
func TestDigestMatchesVendorExample(t *testing.T) {
	body := `{"org_id":"ORG001","org_name":"南京掌控网络","org_parent_id":"","org_sequence":001}`
	if got := waiqin.WaiqinDigest([]byte(body), appKey, "20150806142836"); got != "74267bf0cae0998a719879ec9b3c7780" {
		t.Fatalf("digest = %s", got)
	}
}

// docServer answers every operation with the doc's own response example
// after recomputing the signature independently of the generated code.
func docServer(t *testing.T, ops []e2etest.Op) *httptest.Server {
	byPath := map[string]e2etest.Op{}
	for _, op := range ops {
		byPath[strings.TrimSuffix(op.Path, "/{openid}/{timestamp}/{digest}/{msg_id}")] = op
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		segs := strings.Split(r.URL.Path, "/")
		if len(segs) < 5 {
			http.Error(w, "short path", http.StatusNotFound)
			return
		}
		n := len(segs)
		prefix, gotOpenID, ts, digest, msgID := strings.Join(segs[:n-4], "/"), segs[n-4], segs[n-3], segs[n-2], segs[n-1]
		op, ok := byPath[prefix]
		if !ok || r.Method != op.Method {
			http.Error(w, "no such operation", http.StatusNotFound)
			return
		}
		body, _ := io.ReadAll(r.Body)
		sum := md5.Sum([]byte(string(body) + "|" + appKey + "|" + ts))
		if gotOpenID != openID || digest != hex.EncodeToString(sum[:]) || msgID == "" {
			t.Errorf("%s: bad signature: openid %s digest %s", op.ID, gotOpenID, digest)
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if _, err := time.ParseInLocation("20060102150405", ts, time.FixedZone("CST", 8*3600)); err != nil {
			t.Errorf("%s: timestamp %q: %v", op.ID, ts, err)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(op.Response)
	}))
}

func TestClientAgainstDocExamples(t *testing.T) {
	_, ops := e2etest.Load(t, "openapi.yaml")
	if len(ops) != 43 {
		t.Fatalf("spec has %d operations, want the seeds' 43", len(ops))
	}
	srv := docServer(t, ops)
	defer srv.Close()
	// Operations whose examples share a body would be one signed request
	// if signed in the same second (the signature covers neither the path
	// nor the msg_id): the client signs each a second after the last.
	start, calls := time.Now(), 0
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()),
		waiqin.WithClock(func() time.Time { calls++; return start.Add(time.Duration(calls) * time.Second) }))
	for _, op := range ops {
		t.Run(op.ID, func(t *testing.T) {
			res, err := e2etest.Call(context.Background(), client, op)
			if err != nil {
				t.Fatal(err)
			}
			if op.Data != nil {
				if err := e2etest.Equivalent(op.Data, res); err != nil {
					t.Fatalf("decoded result differs from the doc's data: %v", err)
				}
			}
		})
	}
}

func TestClientAgainstGeneratedServer(t *testing.T) {
	_, ops := e2etest.Load(t, "openapi.yaml")
	verifier := &waiqin.WaiqinVerifier{AppKeys: map[string]string{openID: appKey}}
	srv := httptest.NewServer(waiqin.NewHandler(waiqin.Mock{}, waiqin.WithVerifier(verifier), waiqin.WithErrorLog(func(r *http.Request, err error) { t.Errorf("%s: %v", r.URL.Path, err) })))
	defer srv.Close()
	// Operations whose examples share a body would be one signed request
	// if signed in the same second (the signature covers neither the path
	// nor the msg_id): the client signs each a second after the last.
	start, calls := time.Now(), 0
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()),
		waiqin.WithClock(func() time.Time { calls++; return start.Add(time.Duration(calls) * time.Second) }))
	for _, op := range ops {
		t.Run(op.ID, func(t *testing.T) {
			res, err := e2etest.Call(context.Background(), client, op)
			if err != nil {
				t.Fatal(err)
			}
			if op.Data != nil {
				if err := e2etest.Equivalent(op.Data, res); err != nil {
					t.Fatalf("mock result differs from the doc's data: %v", err)
				}
			}
		})
	}
}

func TestVendorErrorIsTyped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"return_code":1,"return_msg":"客户不存在","msg_id":"M1","response_data":null}`)
	}))
	defer srv.Close()
	client := waiqin.NewClient(srv.URL, openID, appKey, waiqin.WithHTTPClient(srv.Client()))
	_, err := client.QueryCustomerAmountExt(context.Background(), &waiqin.QueryCustomerAmountExtRequest{})
	var apiErr *waiqin.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.Code != "1" || apiErr.Message != "客户不存在" || apiErr.MsgID != "M1" {
		t.Fatalf("APIError = %+v", apiErr)
	}
}

// A route no operation serves answers in the envelope, not ServeMux's text.
func TestUnknownRouteAnswersInEnvelope(t *testing.T) {
	srv := httptest.NewServer(waiqin.NewHandler(waiqin.Mock{}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/api/nothing/v1/here")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"return_code":"1"`) || !strings.Contains(string(body), "no operation GET /api/nothing/v1/here") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
}

// A route served with another method answers 405 in the envelope, with
// the route's methods in Allow, as a ServeMux would.
func TestWrongMethodAnswers405(t *testing.T) {
	srv := httptest.NewServer(waiqin.NewHandler(waiqin.Mock{}))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/api/cuxiao/v1/startPlan/o1/20240301090000/d/M1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" || !strings.Contains(string(body), `"return_code":"1"`) ||
		!strings.Contains(string(body), "no operation GET /api/cuxiao/v1/startPlan/") || !strings.Contains(string(body), "; its methods are POST") {
		t.Fatalf("%d Allow %q %s", resp.StatusCode, resp.Header.Get("Allow"), body)
	}
}
