// Package profile is what apigen knows about vendors, as data: how a
// vendor is recognised (the hosts its docs call), the envelope its
// responses come in and how its requests are authenticated, plus the
// envelope shapes and auth schemes recognised in any doc. The parser,
// the spec stage and the generator all read it from here, so a new
// vendor is one more table entry.
package profile

import (
	"slices"
	"strings"
)

// Vendor is one vendor's wire conventions.
type Vendor struct {
	Name     string
	Aliases  []string  // names a config may still use
	Hosts    []string  // hosts that identify the vendor in request URLs
	Envelope *Envelope // nil when responses are not wrapped
	Auth     *Auth     // nil when the docs say how
	// Credentials are the path parameters the client fills from
	// credentials (Waiqin's openid, timestamp, digest, msg_id).
	Credentials []Credential
	// BodyStream names the request row that stands for the whole JSON body
	// (WiseCRM's `POST流 json(map)`); the other rows of such a request are
	// query parameters.
	BodyStream string
	// QueryOnPost lists rows that travel in the query string even on POST
	// (WiseCRM's op_user).
	QueryOnPost []string
}

// Credential is a parameter the client fills from credentials, by role.
type Credential struct {
	Name        string
	Role        string // openid, timestamp, digest, msg_id, token, key, app_key, sign_method, sign
	Description string
}

// Vendors are the vendors apigen knows by name.
var Vendors = []*Vendor{
	{
		Name:  "waiqin365",
		Hosts: []string{"openapi.waiqin365.com"},
		Envelope: &Envelope{
			Code: "return_code", Message: "return_msg", MsgID: "msg_id", Data: "response_data",
			Success:      []any{"0", 0},
			CodeTypes:    []string{"string", "integer"},
			DataEncoding: DataJSONString,
			FailureCode:  "1",
		},
		Credentials: []Credential{
			{"openid", "openid", "Tenant identifier issued with the app key (the app key itself is never sent)."},
			{"timestamp", "timestamp", "Request time as yyyyMMddHHmmss in China Standard Time (UTC+8)."},
			{"digest", "digest", "Lowercase hex MD5 of body + \"|\" + appkey + \"|\" + timestamp."},
			{"msg_id", "msg_id", "Caller-chosen unique message id, echoed back in the response."},
		},
		Auth: &Auth{
			Scheme:          SchemeWaiqin,
			Digest:          "md5_hex(body + '|' + appkey + '|' + timestamp)",
			TimestampLayout: "yyyyMMddHHmmss",
			Timezone:        "Asia/Shanghai",
			Source:          SourceWaiqin,
		},
	},
	{
		// errCode, errMsg and data with success 1000 (ShowDoc partner CRM
		// pages); "errcode", its first name, is WeChat's member and read as
		// this one still.
		Name:    "errCode-1000",
		Aliases: []string{"errcode"},
		Envelope: &Envelope{
			Code: "errCode", Message: "errMsg", Data: "data",
			Success:     []any{1000, "1000"},
			CodeTypes:   []string{"integer", "string"},
			FailureCode: 1001,
		},
	},
	{
		Name: "wisecrm",
		Envelope: &Envelope{
			Code: "error_code", Message: "error_msg", Data: "data",
			Success:     []any{0, "0"},
			CodeTypes:   []string{"integer", "string"},
			Paging:      []string{"total_size", "page_size", "page_no"},
			FailureCode: 1,
		},
		BodyStream:  "POST流",
		QueryOnPost: []string{"op_user"},
	},
	{
		Name:     "wecom",
		Hosts:    []string{"qyapi.weixin.qq.com"},
		Envelope: flatErrcode,
		Auth: &Auth{
			Scheme: SchemeAccessToken, In: "query", Name: "access_token",
			Token: &TokenEndpoint{URL: "/cgi-bin/gettoken", Method: "GET",
				IDParam: "corpid", SecretParam: "corpsecret", TokenField: "access_token", ExpiresField: "expires_in",
				ExpiredCodes: []string{"40014", "42001"}},
			Source: SourceWeCom,
		},
	},
	{
		Name:     "dingtalk",
		Hosts:    []string{"oapi.dingtalk.com"},
		Envelope: flatErrcode,
		Auth: &Auth{
			Scheme: SchemeAccessToken, In: "query", Name: "access_token",
			Token: &TokenEndpoint{URL: "/gettoken", Method: "GET",
				IDParam: "appkey", SecretParam: "appsecret", TokenField: "access_token", ExpiresField: "expires_in",
				// 40001 is also a wrong secret, which a fresh token does
				// not cure; one more try then fails for good.
				ExpiredCodes: []string{"40001", "40014", "42001"}},
			Source: SourceDing,
		},
	},
	{
		Name:  "feishu",
		Hosts: []string{"open.feishu.cn", "open.larksuite.com"},
		Envelope: &Envelope{Code: "code", Message: "msg", Data: "data",
			Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: 1},
		Auth: &Auth{
			Scheme: SchemeAccessToken, In: "header", Name: "Authorization", Prefix: "Bearer ",
			Token: &TokenEndpoint{URL: "/open-apis/auth/v3/tenant_access_token/internal", Method: "POST",
				IDParam: "app_id", SecretParam: "app_secret", TokenField: "tenant_access_token", ExpiresField: "expire",
				ExpiredCodes: []string{"99991663"}},
			Source: SourceFeishu,
		},
	},
	{
		Name:  "taobao",
		Hosts: []string{"gw.api.taobao.com", "eco.taobao.com"},
		Auth:  &Auth{Scheme: SchemeSortedSign, Sign: TopSign(SignMD5), Source: SourceTop},
	},
}

// flatErrcode is WeChat's and DingTalk's errcode and errmsg beside the
// result's members.
// Both answer -1 when the system is busy (系统繁忙，此时请开发者稍候再试).
var flatErrcode = &Envelope{Code: "errcode", Message: "errmsg",
	Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: -1, Busy: []string{"-1"}}

// Names lists the vendors' names, for -h and config validation.
func Names() []string {
	names := make([]string, len(Vendors))
	for i, v := range Vendors {
		names[i] = v.Name
	}
	return names
}

// Named is the vendor of that name or alias, nil when there is none.
func Named(name string) *Vendor {
	for _, v := range Vendors {
		if v.Name == name || slices.Contains(v.Aliases, name) {
			return v
		}
	}
	return nil
}

// ForURL is the vendor whose host an address calls, nil when none is
// known. The address may lack a scheme, as docs write them.
func ForURL(addr string) *Vendor {
	host := strings.TrimSpace(addr)
	if _, rest, ok := strings.Cut(host, "://"); ok {
		host = rest
	}
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	host = strings.ToLower(host)
	for _, v := range Vendors {
		if slices.Contains(v.Hosts, host) {
			return v
		}
	}
	return nil
}
