package profile

import (
	"slices"
	"strings"
	"testing"
)

func TestForURL(t *testing.T) {
	for _, tt := range []struct{ url, vendor string }{
		{"https://openapi.waiqin365.com/api/customer/v1/queryCustomer/{openid}", "waiqin365"},
		{"openapi.waiqin365.com/api/x", "waiqin365"},
		{"https://qyapi.weixin.qq.com/cgi-bin/user/get?access_token=ACCESS_TOKEN", "wecom"},
		{"HTTPS://OAPI.DINGTALK.COM:443/user/get", "dingtalk"},
		{"https://open.feishu.cn/open-apis/im/v1/chats", "feishu"},
		{"http://gw.api.taobao.com/router/rest", "taobao"},
		// A host that only contains a vendor's is another host.
		{"https://openapi.waiqin365.com.example.org/x", ""},
		{"https://user@qyapi.weixin.qq.com/x", "wecom"},
		{"/relative/path", ""},
		{"", ""},
	} {
		got := ""
		if v := ForURL(tt.url); v != nil {
			got = v.Name
		}
		if got != tt.vendor {
			t.Errorf("ForURL(%q) = %q, want %q", tt.url, got, tt.vendor)
		}
	}
}

// Every vendor's data is complete: its auth passes Check, its envelope
// has a code and success values, and names are unique.
func TestVendorsAreComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range Vendors {
		if seen[v.Name] {
			t.Errorf("vendor %s listed twice", v.Name)
		}
		seen[v.Name] = true
		if v.Auth != nil {
			if err := v.Auth.Check(); err != nil {
				t.Errorf("%s: %v", v.Name, err)
			}
			if v.Auth.Source == "" {
				t.Errorf("%s: auth cites no source", v.Name)
			}
		}
		if e := v.Envelope; e != nil && (e.Code == "" || len(e.Success) == 0 || len(e.CodeTypes) == 0) {
			t.Errorf("%s: envelope %+v", v.Name, e)
		}
		if Named(v.Name) != v {
			t.Errorf("Named(%q) is not the vendor", v.Name)
		}
	}
	if !slices.Equal(Names(), func() []string {
		var n []string
		for _, v := range Vendors {
			n = append(n, v.Name)
		}
		return n
	}()) {
		t.Error("Names is not the vendors' names in order")
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		auth Auth
		want string // "" for none
	}{
		{Auth{Scheme: SchemeAPIKey, In: "header", Name: "X-Key"}, ""},
		{Auth{Scheme: SchemeAPIKey, In: "cookie", Name: "k"}, `sends its credential in "cookie"`},
		{Auth{Scheme: SchemeAPIKey, In: "query"}, "needs the name"},
		{Auth{Scheme: SchemeAccessToken, In: "query", Name: "access_token", Token: &TokenEndpoint{URL: "/t", Method: "GET", IDParam: "a", SecretParam: "b", TokenField: "access_token"}}, ""},
		{Auth{Scheme: SchemeAccessToken, In: "query", Name: "access_token", Token: &TokenEndpoint{URL: "/t", Method: "PUT", IDParam: "a", SecretParam: "b", TokenField: "access_token"}}, `token.method is "PUT"`},
		{Auth{Scheme: SchemeAccessToken, In: "query", Name: "access_token"}, "needs token.url"},
		{Auth{Scheme: SchemeSortedSign, Sign: TopSign(SignHMACSHA256)}, ""},
		{Auth{Scheme: SchemeSortedSign, Sign: &SortedSign{Method: "md5", AppKeyParam: "k", TimestampParam: "t", TimestampLayout: "yyyy-MM-dd QQ", Timezone: "UTC", SignParam: "s"}}, `"Q" is not one of`},
		{Auth{Scheme: SchemeSortedSign}, "needs sign.appKeyParam"},
		{Auth{Scheme: "oauth1"}, `unknown scheme "oauth1"`},
		{Auth{Scheme: SchemeWaiqin}, ""},
	} {
		err := tt.auth.Check()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%+v: %v", tt.auth, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%+v: error %v, want one saying %q", tt.auth, err, tt.want)
		}
	}
}

func TestGoLayoutAndZone(t *testing.T) {
	for _, tt := range []struct{ java, goLayout string }{
		{"yyyy-MM-dd HH:mm:ss", "2006-01-02 15:04:05"},
		{"yyyyMMddHHmmss", "20060102150405"},
		{"yyyy-MM-dd HH:mm:ss.SSS", "2006-01-02 15:04:05.000"},
		{"unix", "unix"},
		{"unix-ms", "unix-ms"},
	} {
		if got, err := GoLayout(tt.java); err != nil || got != tt.goLayout {
			t.Errorf("GoLayout(%q) = %q, %v; want %q", tt.java, got, err, tt.goLayout)
		}
	}
	for _, tt := range []struct {
		zone string
		off  int
		ok   bool
	}{
		{"Asia/Shanghai", 8 * 3600, true}, {"UTC", 0, true}, {"+08:00", 8 * 3600, true},
		{"UTC-05:30", -(5*3600 + 30*60), true}, {"+25:00", 0, false}, {"Europe/Paris", 0, false},
	} {
		off, err := ZoneOffset(tt.zone)
		if (err == nil) != tt.ok || tt.ok && off != tt.off {
			t.Errorf("ZoneOffset(%q) = %d, %v; want %d, ok %v", tt.zone, off, err, tt.off, tt.ok)
		}
	}
}

// The wrapper keys the parser tells responses by are the envelopes' own
// names, never the generic code, message or data.
func TestWrapperKeys(t *testing.T) {
	for _, k := range []string{"return_code", "errCode", "errcode", "error_code", "ret_code"} {
		if !IsCodeKey(k) || !IsWrapperKey(k) {
			t.Errorf("%s is a code key", k)
		}
	}
	for _, k := range []string{"return_msg", "msg_id", "response_data", "errMsg", "errmsg", "error_msg", "ret_msg"} {
		if IsCodeKey(k) || !IsWrapperKey(k) {
			t.Errorf("%s is a wrapper key, not a code", k)
		}
	}
	for _, k := range []string{"code", "msg", "message", "data", "status", "success", "info", "total_size"} {
		if IsCodeKey(k) || IsWrapperKey(k) {
			t.Errorf("%s is generic", k)
		}
	}
}

func TestEnvelopeComplete(t *testing.T) {
	for _, tt := range []struct {
		success []any
		types   string
		failure any
	}{
		{[]any{0, "0"}, "integer string", -1},
		{[]any{true}, "boolean", false},
		{[]any{"OK"}, "string", "-1"},
	} {
		e := (&Envelope{Code: "c", Success: tt.success}).Complete()
		if strings.Join(e.CodeTypes, " ") != tt.types || e.FailureCode != tt.failure {
			t.Errorf("%v: types %v, failure %#v", tt.success, e.CodeTypes, e.FailureCode)
		}
	}
	if e := (&Envelope{Code: "c", Success: []any{0}, FailureCode: 7}).Complete(); e.FailureCode != 7 {
		t.Errorf("a given failure code was replaced: %v", e.FailureCode)
	}
}
