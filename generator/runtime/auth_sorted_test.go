package runtime

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// topParams are the parameters of the TOP guide's example request
// (taobao.item.seller.get), with sign_method set to method.
func topParams(method string) url.Values {
	return url.Values{
		"method":      {"taobao.item.seller.get"},
		"app_key":     {"12345678"},
		"session":     {"test"},
		"timestamp":   {"2016-01-01 12:00:00"},
		"format":      {"json"},
		"v":           {"2.0"},
		"sign_method": {method},
		"fields":      {"num_iid,title,nick,price,num"},
		"num_iid":     {"11223344"},
	}
}

// refSortedSignature is the scheme written out from the vendors' guides,
// independently of SortedSignature: sort the names, write each name and
// its value, and digest with the secret.
func refSortedSignature(method, secret string, params url.Values) string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	s := ""
	for _, k := range names {
		for _, v := range params[k] {
			s += k + v
		}
	}
	var sum []byte
	switch method {
	case "md5":
		d := md5.Sum([]byte(secret + s + secret))
		sum = d[:]
	case "hmac":
		m := hmac.New(md5.New, []byte(secret))
		m.Write([]byte(s))
		sum = m.Sum(nil)
	case "hmac-sha256":
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(s))
		sum = m.Sum(nil)
	default:
		panic("unknown method " + method)
	}
	return strings.ToUpper(hex.EncodeToString(sum))
}

func TestSortedSignatureVectors(t *testing.T) {
	tests := []struct {
		name, method, secret string
		params               url.Values
		want                 string
	}{
		{
			// Taobao TOP, API调用方法详解 (open.taobao.com docId 101617);
			// asserted by github.com/gialib/aliqin-elixir
			// test/aliqin/util_test.exs (and github.com/jellyfrank/taobao_sdk
			// taobao/tests/test_sign.py).
			name: "taobao top md5", method: "md5", secret: "helloworld",
			params: topParams("md5"),
			want:   "66987CB115214E59E6EC978214934FB8",
		},
		{
			// Pinduoduo open platform, 签名规则 example with client_secret
			// testSecret (open.pinduoduo.com/application/document/browse?idStr=8EC06C399636041E):
			// UPPER_CASE(MD5(testSecret + access_token…type… + testSecret)).
			name: "pinduoduo md5", method: "md5", secret: "testSecret",
			params: url.Values{
				"access_token": {"asd78172s8ds9a921j9qqwda12312w1w21211"},
				"client_id":    {"1"},
				"data_type":    {"XML"},
				"order_status": {"1"},
				"page":         {"1"},
				"page_size":    {"10"},
				"timestamp":    {"1480411125"},
				"type":         {"pdd.order.number.list.get"},
			},
			want: "E4DE3ED21002510DED352819E7AE6775",
		},
		{
			// RFC 2202 section 2, HMAC-MD5 test case 1: key 0x0b×16,
			// data "Hi There" (the name "Hi" followed by its value " There").
			name: "rfc2202 hmac-md5", method: "hmac", secret: strings.Repeat("\x0b", 16),
			params: url.Values{"Hi": {" There"}},
			want:   "9294727A3638BB1C13F48EF8158BFC9D",
		},
		{
			// RFC 4231 section 4.2, HMAC-SHA-256 test case 1: key 0x0b×20,
			// data "Hi There".
			name: "rfc4231 hmac-sha256", method: "hmac-sha256", secret: strings.Repeat("\x0b", 20),
			params: url.Values{"Hi": {" There"}},
			want:   strings.ToUpper("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SortedSignature(tt.method, tt.secret, tt.params); got != tt.want {
				t.Errorf("SortedSignature = %s, want %s", got, tt.want)
			}
			if got := refSortedSignature(tt.method, tt.secret, tt.params); got != tt.want {
				t.Errorf("reference implementation = %s, want %s (the test's own reimplementation is wrong)", got, tt.want)
			}
		})
	}
}

// The HMAC methods agree with the reference on the TOP example's
// parameters, and each method gives a different sign.
func TestSortedSignatureMatchesReference(t *testing.T) {
	seen := map[string]string{}
	for _, method := range []string{"md5", "hmac", "hmac-sha256"} {
		params := topParams(method)
		got := SortedSignature(method, "helloworld", params)
		if want := refSortedSignature(method, "helloworld", params); got != want {
			t.Errorf("%s: SortedSignature = %s, want %s", method, got, want)
		}
		wantLen := 32
		if method == "hmac-sha256" {
			wantLen = 64
		}
		if len(got) != wantLen || strings.ToUpper(got) != got {
			t.Errorf("%s: sign %q is not %d uppercase hex digits", method, got, wantLen)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("%s signs like %s: %s", method, other, got)
		}
		seen[got] = method
	}
	// A repeated parameter signs each value in order.
	multi := url.Values{"a": {"1", "2"}, "b": {"3"}}
	if got, want := SortedSignature("md5", "s", multi), refSortedSignature("md5", "s", multi); got != want {
		t.Errorf("repeated parameter: %s, want %s", got, want)
	}
}

func TestSignedParams(t *testing.T) {
	query := url.Values{"a": {"1"}, "sign": {"XYZ"}}
	tests := []struct {
		name        string
		body        string
		contentType string
		want        url.Values
	}{
		{"no body", "", "", url.Values{"a": {"1"}}},
		{
			"form body", "b=2&c=3&a=4&sign=FORMSIGN", "application/x-www-form-urlencoded; charset=utf-8",
			url.Values{"a": {"1", "4"}, "b": {"2"}, "c": {"3"}},
		},
		{"form body, upper-case media type", "b=2", "Application/X-WWW-Form-Urlencoded", url.Values{"a": {"1"}, "b": {"2"}}},
		{"json body", `{"b":2}`, "application/json; charset=utf-8", url.Values{"a": {"1"}}},
		{"form-looking json body", `b=2`, "application/json", url.Values{"a": {"1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := signedParams(query, []byte(tt.body), tt.contentType, "sign")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("signedParams = %v, want %v", got, tt.want)
			}
		})
	}
	// The caller's query is left as it was.
	if !reflect.DeepEqual(query, url.Values{"a": {"1"}, "sign": {"XYZ"}}) {
		t.Errorf("query changed: %v", query)
	}
}

var sortedCST = time.FixedZone("CST", 8*3600)

func topSortedSign() SortedSign {
	return SortedSign{
		Method: "md5", AppKeyParam: "app_key", TimestampParam: "timestamp",
		TimestampLayout: "2006-01-02 15:04:05", Zone: sortedCST,
		SignMethodParam: "sign_method", SignParam: "sign",
	}
}

// signSorted signs a request with query and an optional body at now and
// returns its query.
func signSorted(t *testing.T, s SortedSigner, now time.Time, query url.Values, body, contentType string) url.Values {
	t.Helper()
	r := &SignRequest{Method: http.MethodGet, Path: "/router", Query: query, Header: http.Header{}, Now: now}
	if body != "" {
		r.Method, r.Body, r.ContentType = http.MethodPost, []byte(body), contentType
	}
	if err := s.Sign(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r.Query
}

// verifySorted verifies a request with query and body as a server gets it.
func verifySorted(v *SortedSignVerifier, query url.Values, body, contentType string) error {
	method := http.MethodGet
	if body != "" {
		method = http.MethodPost
	}
	req := httptest.NewRequest(method, "/router?"+query.Encode(), strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return v.Verify(context.Background(), &VerifyRequest{HTTP: req, Body: []byte(body)})
}

func wantAuthError(t *testing.T, err error, reason string) {
	t.Helper()
	var ae *AuthError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v (%T), want an *AuthError about %q", err, err, reason)
	}
	if !strings.Contains(ae.Reason, reason) {
		t.Fatalf("reason = %q, want it to contain %q", ae.Reason, reason)
	}
}

func TestSortedSignerVerifierRoundTrip(t *testing.T) {
	ss := topSortedSign()
	now := time.Date(2024, 3, 1, 4, 0, 0, 0, time.UTC)
	signer := SortedSigner{SortedSign: &ss, AppKey: "k1", Secret: "s1"}
	q := signSorted(t, signer, now, url.Values{"method": {"taobao.item.get"}}, "", "")

	for name, want := range map[string]string{
		"method": "taobao.item.get", "app_key": "k1", "timestamp": "2024-03-01 12:00:00", "sign_method": "md5",
	} {
		if got := q.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	unsigned := url.Values{}
	for k, vs := range q {
		if k != "sign" {
			unsigned[k] = vs
		}
	}
	if got, want := q.Get("sign"), refSortedSignature("md5", "s1", unsigned); got != want {
		t.Errorf("sign = %q, want %q", got, want)
	}
	if len(q) != 5 {
		t.Errorf("query = %v, want 5 parameters", q)
	}
	if got := signer.TimestampResolution(); got != time.Second {
		t.Errorf("TimestampResolution = %v, want 1s", got)
	}

	v := &SortedSignVerifier{SortedSign: &ss, Secrets: map[string]string{"k1": "s1"}, Now: func() time.Time { return now }}
	if err := verifySorted(v, q, "", ""); err != nil {
		t.Fatalf("signed request refused: %v", err)
	}
	wantAuthError(t, verifySorted(v, q, "", ""), "replayed")

	t.Run("tampered", func(t *testing.T) {
		q := signSorted(t, signer, now, url.Values{"method": {"taobao.item.get"}, "num_iid": {"1"}}, "", "")
		q.Set("num_iid", "2")
		wantAuthError(t, verifySorted(v, q, "", ""), "signature does not match")
	})
	t.Run("added parameter", func(t *testing.T) {
		q := signSorted(t, signer, now, url.Values{"method": {"taobao.item.get"}, "num_iid": {"1"}}, "", "")
		q.Set("extra", "x")
		wantAuthError(t, verifySorted(v, q, "", ""), "signature does not match")
	})
	t.Run("unknown app key", func(t *testing.T) {
		q := signSorted(t, SortedSigner{SortedSign: &ss, AppKey: "k2", Secret: "s1"}, now, url.Values{"method": {"x"}}, "", "")
		wantAuthError(t, verifySorted(v, q, "", ""), "signature does not match")
	})
	t.Run("unknown app key signed with the stand-in secret", func(t *testing.T) {
		// The verifier signs for an unknown key with a fixed stand-in
		// secret; a caller who knows it must not get in.
		q := signSorted(t, SortedSigner{SortedSign: &ss, AppKey: "k2", Secret: unknownKeySecret}, now, url.Values{"method": {"x"}}, "", "")
		wantAuthError(t, verifySorted(v, q, "", ""), "signature does not match")
	})
	t.Run("wrong secret", func(t *testing.T) {
		q := signSorted(t, SortedSigner{SortedSign: &ss, AppKey: "k1", Secret: "s2"}, now, url.Values{"method": {"x"}}, "", "")
		wantAuthError(t, verifySorted(v, q, "", ""), "signature does not match")
	})
	for _, off := range []time.Duration{10 * time.Minute, -10 * time.Minute} {
		t.Run("timestamp off by "+off.String(), func(t *testing.T) {
			q := signSorted(t, signer, now.Add(off), url.Values{"method": {"x"}}, "", "")
			wantAuthError(t, verifySorted(v, q, "", ""), "outside the accepted window")
		})
	}
	t.Run("timestamp within the window", func(t *testing.T) {
		q := signSorted(t, signer, now.Add(-4*time.Minute), url.Values{"method": {"within"}}, "", "")
		if err := verifySorted(v, q, "", ""); err != nil {
			t.Fatalf("refused: %v", err)
		}
	})
	t.Run("timestamp not in the layout", func(t *testing.T) {
		q := signSorted(t, signer, now, url.Values{"method": {"layout"}}, "", "")
		q.Set("timestamp", now.Format(time.RFC3339))
		q.Set("sign", SortedSignature("md5", "s1", signedParams(q, nil, "", "sign")))
		wantAuthError(t, verifySorted(v, q, "", ""), "is not in the layout")
	})
	t.Run("wrong sign_method", func(t *testing.T) {
		hm := ss
		hm.Method = "hmac"
		q := signSorted(t, SortedSigner{SortedSign: &hm, AppKey: "k1", Secret: "s1"}, now, url.Values{"method": {"x"}}, "", "")
		if q.Get("sign_method") != "hmac" {
			t.Fatalf("sign_method = %q", q.Get("sign_method"))
		}
		wantAuthError(t, verifySorted(v, q, "", ""), "sign_method is not md5")
	})
	t.Run("missing sign", func(t *testing.T) {
		q := signSorted(t, signer, now, url.Values{"method": {"nosign"}}, "", "")
		q.Del("sign")
		wantAuthError(t, verifySorted(v, q, "", ""), "missing")
	})
	t.Run("form body", func(t *testing.T) {
		const ct = "application/x-www-form-urlencoded; charset=utf-8"
		q := signSorted(t, signer, now, url.Values{"method": {"form"}}, "num_iid=7&title=a+b", ct)
		want := signedParams(q, []byte("num_iid=7&title=a+b"), ct, "sign")
		if got := q.Get("sign"); got != refSortedSignature("md5", "s1", want) {
			t.Fatalf("sign %q does not cover the form's fields %v", got, want)
		}
		wantAuthError(t, verifySorted(v, q, "num_iid=8&title=a+b", ct), "signature does not match")
		if err := verifySorted(v, q, "num_iid=7&title=a+b", ct); err != nil {
			t.Fatalf("form request refused: %v", err)
		}
	})
	t.Run("json body is not signed", func(t *testing.T) {
		q := signSorted(t, signer, now, url.Values{"method": {"json"}}, `{"num_iid":7}`, "application/json")
		// The body does not count: another body verifies alike.
		if err := verifySorted(v, q, `{"num_iid":8}`, "application/json"); err != nil {
			t.Fatalf("json request refused: %v", err)
		}
	})
}

func TestSortedSignTimestamps(t *testing.T) {
	at := time.Date(2016, 11, 29, 9, 18, 45, 123_000_000, time.UTC)
	tests := []struct {
		layout string
		want   string
		back   time.Time // what parsing want gives
		res    time.Duration
	}{
		{"unix", "1480411125", at.Truncate(time.Second), time.Second},
		{"unix-ms", "1480411125123", at, time.Millisecond},
		{"2006-01-02 15:04:05", "2016-11-29 17:18:45", at.Truncate(time.Second), time.Second},
		{"2006-01-02 15:04:05.000", "2016-11-29 17:18:45.123", at, time.Millisecond},
		{"20060102150405", "20161129171845", at.Truncate(time.Second), time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			s := &SortedSign{TimestampLayout: tt.layout, Zone: sortedCST}
			if got := s.formatTimestamp(at); got != tt.want {
				t.Errorf("formatTimestamp = %q, want %q", got, tt.want)
			}
			back, ok := s.parseTimestamp(tt.want)
			if !ok || !back.Equal(tt.back) {
				t.Errorf("parseTimestamp(%q) = %v, %v; want %v", tt.want, back, ok, tt.back)
			}
			if got := s.resolution(); got != tt.res {
				t.Errorf("resolution = %v, want %v", got, tt.res)
			}
		})
	}
	for _, tt := range []struct{ layout, ts string }{
		{"unix", "abc"},
		{"unix", "-5"},
		{"unix", ""},
		{"unix-ms", "1.5"},
		{"2006-01-02 15:04:05", "2016-1-1 12:00:00"},   // not as the layout writes it
		{"2006-01-02 15:04:05", "2016-01-01T12:00:00"}, // another layout
		{"2006-01-02 15:04:05", "2016-02-30 12:00:00"}, // no such day
	} {
		s := &SortedSign{TimestampLayout: tt.layout, Zone: sortedCST}
		if got, ok := s.parseTimestamp(tt.ts); ok {
			t.Errorf("%s: parseTimestamp(%q) = %v, want refused", tt.layout, tt.ts, got)
		}
	}
}
