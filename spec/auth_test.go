package spec_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/golden"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// authSchemes is, per doc of testdata/auth, the auth its spec must carry
// (scheme, in, name, prefix), the detail that shows the rest was read
// (the token endpoint, or the signed parameters), the OpenAPI security
// scheme, and whether W038 says something was assumed.
var authSchemes = map[string]struct {
	scheme, in, name, prefix string
	detail                   string
	security                 string
	assumed                  bool
}{
	"access_token_query": {profile.SchemeAccessToken, "query", "access_token", "",
		"GET /cgi-bin/gettoken corpid corpsecret access_token expires_in [40014 42001]", "apiKey query access_token", false},
	"bearer_token": {profile.SchemeAccessToken, "header", "Authorization", "Bearer ",
		"POST /open-apis/auth/v3/tenant_access_token/internal app_id app_secret tenant_access_token expire [99991663]", "http bearer", false},
	"sorted_sign": {profile.SchemeSortedSign, "", "", "",
		"md5 app_key timestamp yyyy-MM-dd HH:mm:ss Asia/Shanghai sign_method sign", "apiKey query app_key", true},
	"api_key": {profile.SchemeAPIKey, "header", "X-API-Key", "", "", "apiKey header X-API-Key", false},
}

// TestAuthSchemes builds one small doc per auth family and checks the
// detected x-apigen-auth, the parameters marked for the client to fill,
// the security scheme, W038, and the golden spec.
func TestAuthSchemes(t *testing.T) {
	docs, _ := filepath.Glob("../testdata/auth/*.md")
	if len(docs) != len(authSchemes) {
		t.Fatalf("found %d auth docs, want %d", len(docs), len(authSchemes))
	}
	for _, path := range docs {
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		t.Run(name, func(t *testing.T) {
			want, ok := authSchemes[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			doc := parser.ParseFile(path, parser.Options{})
			s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
			a, err := oas.Auth(s)
			if err != nil || a == nil {
				t.Fatalf("no auth: %v", err)
			}
			if a.Scheme != want.scheme || a.In != want.in || a.Name != want.name || a.Prefix != want.prefix {
				t.Errorf("auth %s %s %s %q, want %+v", a.Scheme, a.In, a.Name, a.Prefix, want)
			}
			var detail string
			switch {
			case a.Token != nil:
				k := a.Token
				detail = fmt.Sprint(k.Method, " ", k.URL, " ", k.IDParam, " ", k.SecretParam, " ", k.TokenField, " ", k.ExpiresField, " ", k.ExpiredCodes)
			case a.Sign != nil:
				k := a.Sign
				detail = strings.Join([]string{k.Method, k.AppKeyParam, k.TimestampParam, k.TimestampLayout, k.Timezone, k.SignMethodParam, k.SignParam}, " ")
			}
			if detail != want.detail {
				t.Errorf("detail %q, want %q", detail, want.detail)
			}
			ref := s.Components.SecuritySchemes[a.Scheme]
			if ref == nil {
				t.Fatalf("no security scheme %s", a.Scheme)
			}
			got := strings.TrimSpace(strings.Join([]string{ref.Value.Type, ref.Value.In, ref.Value.Name, ref.Value.Scheme}, " "))
			if got = strings.Join(strings.Fields(got), " "); got != want.security {
				t.Errorf("security scheme %q, want %q", got, want.security)
			}
			if len(s.Security) != 1 || s.Security[0][a.Scheme] == nil {
				t.Errorf("security %v does not require %s", s.Security, a.Scheme)
			}
			// Every operation but the token endpoint requires the scheme;
			// every credential row is marked for the client to fill.
			credentials := 0
			for path, item := range s.Paths.Map() {
				for _, op := range item.Operations() {
					token := a.Token != nil && path == a.Token.URL
					if exempt := op.Security != nil && len(*op.Security) == 0; exempt != token {
						t.Errorf("%s: security %v", path, op.Security)
					}
					for _, p := range op.Parameters {
						if p.Value.Extensions[oas.ExtCredential] != nil {
							credentials++
						}
					}
				}
			}
			if credentials == 0 {
				t.Error("no parameter is marked x-apigen-credential")
			}
			var assumed bool
			for _, d := range diags {
				assumed = assumed || d.Code == diag.AssumedAuth
			}
			if assumed != want.assumed {
				t.Errorf("W038 %v, want %v: %v", assumed, want.assumed, diags)
			}
			out, _ := specOf(t, path, func(d diag.Diagnostic) bool { return d.Code.String()[0] == 'W' })
			golden.Check(t, filepath.Join("../testdata/auth", name+".golden.yaml"), out)
		})
	}
}

// TestAuthOverride: an auth from the configuration replaces the detected
// one, and a vendor's host brings the vendor's.
func TestAuthOverride(t *testing.T) {
	doc := parser.ParseFile("../testdata/auth/api_key.md", parser.Options{})
	given := &profile.Auth{Scheme: profile.SchemeAPIKey, In: "query", Name: "key"}
	s, _ := spec.Build([]*parser.Document{doc}, spec.Options{Auth: given})
	a, err := oas.Auth(s)
	if err != nil || a == nil || a.In != "query" || a.Name != "key" {
		t.Fatalf("auth %+v, %v; want the configured one", a, err)
	}
	vendor := parser.ParseFile("../testdata/auth/access_token_query.md", parser.Options{})
	for _, ep := range vendor.Endpoints {
		ep.URL = strings.Replace(ep.URL, "api.example.com", "qyapi.weixin.qq.com", 1)
	}
	s, _ = spec.Build([]*parser.Document{vendor}, spec.Options{})
	if a, _ := oas.Auth(s); a == nil || a.Source != profile.SourceWeCom || s.Extensions[oas.ExtProfile] != "wecom" {
		t.Fatalf("auth %+v, profile %v; want WeCom's", a, s.Extensions[oas.ExtProfile])
	}
}

// TestAuthKeyPairNotSigned: a sign made with RSA (Alipay's sign_type
// RSA2) is no shared-secret scheme: no auth, and W038 says why.
func TestAuthKeyPairNotSigned(t *testing.T) {
	doc := parser.ParseFile("../testdata/auth/quirks/rsa_sign.md", parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	if a, _ := oas.Auth(s); a != nil {
		t.Fatalf("auth %+v for an RSA sign", a)
	}
	var said bool
	for _, d := range diags {
		said = said || d.Code == diag.AssumedAuth && strings.Contains(d.Message, "RSA")
	}
	if !said {
		t.Errorf("no W038 on RSA: %v", diags)
	}
}
