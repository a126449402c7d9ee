package profile

import (
	"fmt"
	"slices"
	"strings"
)

// Auth is how a vendor's requests are authenticated: a scheme the
// generated runtime implements as a Signer (and a Verifier for the
// generated server), with what the scheme needs to know. The spec carries
// it as x-apigen-auth, with the public source of the recipe.
type Auth struct {
	Scheme string `json:"scheme"`
	// In and Name place the credential a token or key scheme sends:
	// "query" or "header", and the parameter or header name. Prefix goes
	// before the value ("Bearer ").
	In     string `json:"in,omitempty"`
	Name   string `json:"name,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	// Token is where an access-token scheme gets its tokens.
	Token *TokenEndpoint `json:"token,omitempty"`
	// Sign is how a sorted-sign scheme signs.
	Sign *SortedSign `json:"sign,omitempty"`
	// Digest, TimestampLayout and Timezone describe the Waiqin digest.
	Digest          string `json:"digest,omitempty"`
	TimestampLayout string `json:"timestampLayout,omitempty"`
	Timezone        string `json:"timezone,omitempty"`
	// Source cites the vendor's published recipe.
	Source string `json:"source,omitempty"`
}

// The schemes the generated runtime implements.
const (
	// SchemeWaiqin: openid, timestamp, digest and msg_id as path
	// segments, digest = md5(body|appkey|timestamp).
	SchemeWaiqin = "waiqin365-md5"
	// SchemeAccessToken: a token from the vendor's token endpoint,
	// cached until it expires and fetched again once when an answer
	// says it is no longer valid, sent as a query parameter or header.
	SchemeAccessToken = "access-token"
	// SchemeSortedSign: app key and timestamp as parameters, and a sign
	// over all parameters sorted by name (Taobao TOP and its followers).
	SchemeSortedSign = "sorted-sign"
	// SchemeAPIKey: a fixed key or token the caller holds, sent as a
	// query parameter or header.
	SchemeAPIKey = "api-key"
)

// Schemes lists the schemes, for -h and config validation.
var Schemes = []string{SchemeWaiqin, SchemeAccessToken, SchemeSortedSign, SchemeAPIKey}

// TokenEndpoint is where an access-token scheme gets its tokens, and how
// the answer says a token went stale.
type TokenEndpoint struct {
	// URL is absolute, or a path on the API's base URL.
	URL string `json:"url"`
	// Method is GET (the id and secret in the query) or POST (in a JSON
	// body).
	Method      string `json:"method"`
	IDParam     string `json:"idParam"`     // corpid, appkey, app_id
	SecretParam string `json:"secretParam"` // corpsecret, appsecret, app_secret
	// TokenField and ExpiresField are the answer's members holding the
	// token and its lifetime in seconds.
	TokenField   string `json:"tokenField"`
	ExpiresField string `json:"expiresField,omitempty"`
	// ExpiredCodes are the envelope codes with which an API answer says
	// the token is invalid or expired: the client fetches a new one and
	// tries once more.
	ExpiredCodes []string `json:"expiredCodes,omitempty"`
}

// SortedSign is the "sorted parameters" signature: every parameter but
// the sign, sorted by name, written name then value with nothing
// between, then
//
//	md5:         upper(hex(md5(secret + pairs + secret)))
//	hmac:        upper(hex(hmac_md5(secret, pairs)))
//	hmac-sha256: upper(hex(hmac_sha256(secret, pairs)))
//
// The client adds the app key, timestamp and sign method parameters
// before it signs, so they are signed too.
type SortedSign struct {
	Method          string `json:"method"` // md5, hmac or hmac-sha256
	AppKeyParam     string `json:"appKeyParam"`
	TimestampParam  string `json:"timestampParam"`
	TimestampLayout string `json:"timestampLayout"` // Java style: yyyy-MM-dd HH:mm:ss
	Timezone        string `json:"timezone"`
	SignMethodParam string `json:"signMethodParam,omitempty"` // "" when the method is not sent
	SignParam       string `json:"signParam"`
}

// Sign methods of SortedSign.
const (
	SignMD5        = "md5"
	SignHMACMD5    = "hmac"
	SignHMACSHA256 = "hmac-sha256"
)

// SignMethods lists the sign methods, for config validation.
var SignMethods = []string{SignMD5, SignHMACMD5, SignHMACSHA256}

// TopSign is Taobao TOP's signature, which many Chinese open platforms
// follow (Pinduoduo, JD's JOS with its 360buy_param_json).
func TopSign(method string) *SortedSign {
	return &SortedSign{
		Method:          method,
		AppKeyParam:     "app_key",
		TimestampParam:  "timestamp",
		TimestampLayout: "yyyy-MM-dd HH:mm:ss",
		Timezone:        "Asia/Shanghai",
		SignMethodParam: "sign_method",
		SignParam:       "sign",
	}
}

// Sources of the recipes, cited in the spec and beside the signers.
const (
	SourceWaiqin = "Waiqin365 open platform guide, URL参数说明: digest = md5(消息体|appkey|timestamp), lowercase hex; worked example appkey BFCO0PAgIUgd50c0l6, timestamp 20150806142836 -> 74267bf0cae0998a719879ec9b3c7780; same recipe in github.com/panying1990/python waiqinAPI.py"
	SourceTop    = "Taobao Open Platform, API调用方法详解 (open.taobao.com docId 101617): sort all parameters but sign by name, md5(secret+k1v1k2v2+secret) or hmac_md5(k1v1k2v2) keyed by secret, uppercase hex; example secret helloworld -> 66987CB115214E59E6EC978214934FB8, asserted by github.com/gialib/aliqin-elixir test/aliqin/util_test.exs"
	SourceWeCom  = "WeCom developer docs, 获取access_token (developer.work.weixin.qq.com/document/path/91039): GET /cgi-bin/gettoken?corpid&corpsecret -> {errcode, errmsg, access_token, expires_in}; global error codes 40014 不合法的access_token, 42001 access_token已过期"
	SourceDing   = "DingTalk open platform, 获取企业内部应用的access_token (open.dingtalk.com/document/orgapp/obtain-orgapp-token): GET /gettoken?appkey&appsecret -> {errcode, errmsg, access_token, expires_in}; access_token as a query parameter"
	SourceFeishu = "Feishu open platform, tenant_access_token internal (open.feishu.cn …/auth-v3/auth/tenant_access_token_internal): POST {app_id, app_secret} -> {code, msg, tenant_access_token, expire}; Authorization: Bearer; generic error code 99991663 invalid access token"
)

// Check reports what a scheme lacks: an auth read from a spec or written
// in a config is complete, or an error says what to add.
func (a *Auth) Check() error {
	switch a.Scheme {
	case SchemeWaiqin:
	case SchemeAccessToken:
		if a.Token == nil || a.Token.URL == "" || a.Token.TokenField == "" || a.Token.IDParam == "" || a.Token.SecretParam == "" {
			return fmt.Errorf("scheme %s needs token.url, token.idParam, token.secretParam and token.tokenField", a.Scheme)
		}
		if m := a.Token.Method; m != "GET" && m != "POST" {
			return fmt.Errorf("token.method is %q; want GET or POST", m)
		}
		return a.checkPlacement()
	case SchemeAPIKey:
		return a.checkPlacement()
	case SchemeSortedSign:
		s := a.Sign
		if s == nil || s.AppKeyParam == "" || s.TimestampParam == "" || s.SignParam == "" || s.TimestampLayout == "" {
			return fmt.Errorf("scheme %s needs sign.appKeyParam, sign.timestampParam, sign.timestampLayout and sign.signParam", a.Scheme)
		}
		if !slices.Contains(SignMethods, s.Method) {
			return fmt.Errorf("sign.method is %q; want one of %s", s.Method, strings.Join(SignMethods, ", "))
		}
		if _, err := GoLayout(s.TimestampLayout); err != nil {
			return err
		}
		if _, err := ZoneOffset(s.Timezone); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown scheme %q (known: %s)", a.Scheme, strings.Join(Schemes, ", "))
	}
	return nil
}

func (a *Auth) checkPlacement() error {
	if a.In != "query" && a.In != "header" {
		return fmt.Errorf("scheme %s sends its credential in %q; want query or header", a.Scheme, a.In)
	}
	if a.Name == "" {
		return fmt.Errorf("scheme %s needs the name of the %s parameter that carries the credential", a.Scheme, a.In)
	}
	return nil
}
