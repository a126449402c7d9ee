package spec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/profile"
	"github.com/getkin/kin-openapi/openapi3"
)

// authPlan is how an API's requests are authenticated: the scheme and
// the request rows the client fills from credentials instead of asking
// the caller for them.
type authPlan struct {
	auth        *profile.Auth
	credentials []profile.Credential // by name; In of each is in roleIn
	roleIn      map[string]string    // credential name → query, header or path
	tokenPath   string               // the token endpoint's path, served without credentials
}

// credential is the credential a request row of that name is, nil when it
// is the caller's.
func (p *authPlan) credential(name string) *profile.Credential {
	if p == nil {
		return nil
	}
	for i := range p.credentials {
		if p.credentials[i].Name == name {
			return &p.credentials[i]
		}
	}
	return nil
}

// signsQuery reports a scheme whose signature covers the parameters but
// not a JSON body (the sorted-sign gateways'): a request's top-level rows travel as
// parameters, so that the signature covers them.
func (p *authPlan) signsQuery() bool {
	return p != nil && p.auth.Scheme == profile.SchemeSortedSign
}

// planAuth decides the auth of an API: the configuration's, else the
// vendor's, else what the doc's parameters show.
func planAuth(docs []*parser.Document, vendor *Profile, given *profile.Auth, diags *diag.List) *authPlan {
	var auth *profile.Auth
	var tokenPath string
	switch {
	case given != nil:
		auth = given
	case vendor != nil && vendor.Auth != nil:
		auth = vendor.Auth
	default:
		auth, tokenPath = detectAuth(docs, diags)
	}
	if auth == nil {
		return nil
	}
	if auth.Token != nil && tokenPath == "" {
		_, tokenPath, _ = splitURL(auth.Token.URL)
	}
	plan := &authPlan{auth: auth, roleIn: map[string]string{}, tokenPath: tokenPath}
	add := func(name, in, role, desc string) {
		if name != "" {
			plan.credentials = append(plan.credentials, profile.Credential{Name: name, Role: role, Description: desc})
			plan.roleIn[name] = in
		}
	}
	switch auth.Scheme {
	case profile.SchemeWaiqin:
		if vendor != nil {
			for _, c := range vendor.Credentials {
				add(c.Name, openapi3.ParameterInPath, c.Role, c.Description)
			}
		}
	case profile.SchemeAccessToken:
		add(auth.Name, auth.In, "token", fmt.Sprintf("Access token from %s, which the client fetches with its id and secret, caches until it expires and fetches again when an answer says it is no longer valid.", auth.Token.URL))
	case profile.SchemeAPIKey:
		add(auth.Name, auth.In, "key", "The caller's key, which the client sends on every call.")
	case profile.SchemeSortedSign:
		s := auth.Sign
		add(s.AppKeyParam, openapi3.ParameterInQuery, "app_key", "The app key the client was made with.")
		add(s.TimestampParam, openapi3.ParameterInQuery, "timestamp", "The time of the call, written "+s.TimestampLayout+" in "+s.Timezone+".")
		add(s.SignMethodParam, openapi3.ParameterInQuery, "sign_method", "The sign method: "+s.Method+".")
		add(s.SignParam, openapi3.ParameterInQuery, "sign", "The signature over every other parameter, sorted by name, with the app secret ("+s.Method+", uppercase hex).")
	}
	return plan
}

// Names of parameters that carry an access token or key, as docs write
// them; case does not matter.
var (
	tokenParamNames  = []string{"access_token", "accesstoken", "access-token"}
	apiKeyParamNames = []string{"x-api-key", "api-key", "apikey", "api_key", "x-token", "token", "x-auth-token", "authorization"}
	appKeyNames      = []string{"app_key", "appkey", "appKey", "app_id", "appid", "appId", "partner_id", "client_id"}
	signNames        = []string{"sign", "signature"}
	timestampNames   = []string{"timestamp", "ts", "time_stamp"}
	signMethodNames  = []string{"sign_method", "signMethod", "sign_type", "signType"}
	expiresNames     = []string{"expires_in", "expire", "expires", "expire_in", "expiresIn"}
	bearerWord       = regexp.MustCompile(`(?i)\bbearer\b`)
	dateTimeExample  = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`)
	millisExample    = regexp.MustCompile(`\b1\d{12}\b`)
	secondsExample   = regexp.MustCompile(`\b1\d{9}\b`)
)

// detectAuth reads the auth scheme from the doc's parameters: a token
// endpoint (an endpoint that answers an access token and its lifetime,
// asked for with an id and a secret) with an access_token on the other
// endpoints; app_key, timestamp and sign on most endpoints; or a key
// header. What the doc leaves unsaid gets the family's usual value and a
// W038 naming it.
func detectAuth(docs []*parser.Document, diags *diag.List) (*profile.Auth, string) {
	token, tokenEP := detectTokenEndpoint(docs)
	rows := credentialRows(docs, tokenEP)
	if token != nil {
		token.URL = onAPIHost(docs, tokenEP)
	}
	at := func(f *parser.Field) diag.Pos { return f.Pos }
	if f := rows.first(tokenParamNames); f != nil || token != nil && rows.first([]string{"authorization"}) != nil {
		auth := &profile.Auth{In: orIn(f), Name: ""}
		if f != nil {
			auth.Name = strings.TrimSpace(f.Name)
		} else {
			f = rows.first([]string{"authorization"})
			auth.In, auth.Name = openapi3.ParameterInHeader, strings.TrimSpace(f.Name)
		}
		if strings.EqualFold(auth.Name, "authorization") && bearerWord.MatchString(f.Description+" "+f.Example) {
			auth.Prefix = "Bearer "
		}
		if token == nil {
			auth.Scheme = profile.SchemeAPIKey
			diags.Add(at(f), diag.AssumedAuth, "requests carry %s but the doc has no endpoint that answers a token and its lifetime; the client sends the token it is given (auth.token in apigen.yaml makes it fetch one)", auth.Name)
			return auth, ""
		}
		auth.Scheme, auth.Token = profile.SchemeAccessToken, token
		_, path, _ := splitURL(tokenEP.URL)
		if token.ExpiredCodes = expiredTokenCodes(docs); len(token.ExpiredCodes) == 0 {
			diags.Add(tokenEP.Pos, diag.AssumedAuth, "requests carry %s, fetched from %s %s with %s and %s; the doc names no code for an expired token, so the client fetches a new one only after HTTP 401 (auth.token.expired_codes in apigen.yaml adds the vendor's codes)",
				auth.Name, token.Method, token.URL, token.IDParam, token.SecretParam)
		}
		return auth, path
	}
	appKey, sign, ts := rows.first(appKeyNames), rows.first(signNames), rows.first(timestampNames)
	if appKey != nil && sign != nil && ts != nil && signedWithKeyPair(rows) {
		// An RSA sign over "k=v&k=v": a private key signs, not a shared
		// secret, which none of the schemes is.
		diags.Add(at(sign), diag.AssumedAuth, "requests carry %s, %s and %s signed with RSA, a key pair that none of apigen's schemes signs with; the client sends no signature until WithSigner gives it one",
			strings.TrimSpace(appKey.Name), strings.TrimSpace(ts.Name), strings.TrimSpace(sign.Name))
		return nil, ""
	}
	if appKey != nil && sign != nil && ts != nil {
		s := profile.TopSign(profile.SignMD5)
		s.AppKeyParam, s.SignParam, s.TimestampParam = strings.TrimSpace(appKey.Name), strings.TrimSpace(sign.Name), strings.TrimSpace(ts.Name)
		s.SignMethodParam = ""
		if m := rows.first(signMethodNames); m != nil {
			s.SignMethodParam = strings.TrimSpace(m.Name)
			if strings.Contains(strings.ToLower(m.Description+" "+m.Example), "hmac-sha256") && !strings.Contains(strings.ToLower(m.Description+" "+m.Example), "md5") {
				s.Method = profile.SignHMACSHA256
			}
		}
		s.TimestampLayout = timestampLayout(ts)
		diags.Add(at(sign), diag.AssumedAuth, "requests carry %s, %s and %s: they are signed with the sorted-parameter recipe (%s over every other parameter sorted by name, uppercase hex), timestamp written %s in %s; check it against the doc's prose and set auth.sign in apigen.yaml if it differs",
			s.AppKeyParam, s.TimestampParam, s.SignParam, s.Method, s.TimestampLayout, s.Timezone)
		return &profile.Auth{Scheme: profile.SchemeSortedSign, Sign: s, Source: profile.SourceTop}, ""
	}
	if f := rows.first(apiKeyParamNames); f != nil {
		auth := &profile.Auth{Scheme: profile.SchemeAPIKey, In: orIn(f), Name: strings.TrimSpace(f.Name)}
		if strings.EqualFold(auth.Name, "authorization") {
			auth.In = openapi3.ParameterInHeader
			if bearerWord.MatchString(f.Description + " " + f.Example) {
				auth.Prefix = "Bearer "
			}
		}
		return auth, ""
	}
	return nil, ""
}

// signedWithKeyPair reports a sign whose method row names RSA (sign_type
// RSA2): the signature of a private key, not of a shared secret.
func signedWithKeyPair(rows rowSet) bool {
	f := rows.first(signMethodNames)
	return f != nil && strings.Contains(strings.ToUpper(f.Description+" "+f.Example), "RSA")
}

// orIn is where a credential row travels: the doc's word, else the query.
func orIn(f *parser.Field) string {
	if f != nil && (f.In == openapi3.ParameterInHeader || f.In == openapi3.ParameterInQuery) {
		return f.In
	}
	return openapi3.ParameterInQuery
}

// timestampLayout reads how a timestamp row says it is written: a date
// layout or example, or seconds or milliseconds since 1970.
func timestampLayout(f *parser.Field) string {
	text := f.Description + " " + f.Example + " " + f.Type
	lower := strings.ToLower(text)
	switch {
	case strings.Contains(lower, "yyyy-mm-dd hh:mm:ss") || dateTimeExample.MatchString(text):
		return "yyyy-MM-dd HH:mm:ss"
	case strings.Contains(text, "毫秒") || strings.Contains(lower, "millis") || strings.Contains(text, "13位") || millisExample.MatchString(text):
		return "unix-ms"
	case strings.Contains(lower, "unix") || strings.Contains(text, "10位") || strings.Contains(text, "秒") || secondsExample.MatchString(text):
		return "unix"
	}
	return "yyyy-MM-dd HH:mm:ss"
}

// credentialRows are the top-level request rows of every endpoint but the
// token endpoint, and the docs' common parameter tables.
type rowSet []*parser.Field

func credentialRows(docs []*parser.Document, skip *parser.Endpoint) rowSet {
	var rows rowSet
	for _, d := range docs {
		for _, t := range d.Common {
			rows = append(rows, t.Fields...)
		}
		for _, ep := range d.Endpoints {
			if ep == skip {
				continue
			}
			for _, t := range ep.Request {
				rows = append(rows, t.Fields...)
			}
		}
	}
	return rows
}

// first is the first top-level row with one of the names, compared
// without regard to case.
func (rows rowSet) first(names []string) *parser.Field {
	for _, f := range rows {
		name := strings.TrimSpace(f.Name)
		if f.Depth > 0 || strings.ContainsAny(name, ".[") {
			continue
		}
		if slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) }) {
			return f
		}
	}
	return nil
}

// detectTokenEndpoint finds the endpoint that answers an access token and
// its lifetime (access_token or tenant_access_token with expires_in or
// expire), asked for with an id and a secret.
func detectTokenEndpoint(docs []*parser.Document) (*profile.TokenEndpoint, *parser.Endpoint) {
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			names := responseNames(ep)
			tokenField := ""
			for _, n := range names {
				if n == "access_token" || strings.HasSuffix(n, "_access_token") {
					tokenField = n
					break
				}
			}
			if tokenField == "" {
				continue
			}
			expires := ""
			for _, n := range names {
				if slices.Contains(expiresNames, n) {
					expires = n
				}
			}
			if expires == "" {
				continue
			}
			var id, secret string
			for _, t := range ep.Request {
				for _, f := range t.Fields {
					name := strings.TrimSpace(f.Name)
					switch {
					case strings.Contains(strings.ToLower(name), "secret"):
						secret = or(secret, name)
					case f.Required != parser.RequiredNo && !strings.EqualFold(name, "grant_type"):
						id = or(id, name)
					}
				}
			}
			if id == "" || secret == "" {
				continue
			}
			method := strings.ToUpper(or(ep.Method, "GET"))
			if method != "POST" {
				method = "GET"
			}
			return &profile.TokenEndpoint{URL: ep.URL, Method: method, IDParam: id, SecretParam: secret,
				TokenField: tokenField, ExpiresField: expires}, ep
		}
	}
	return nil, nil
}

// responseNames are the top-level member names of an endpoint's response
// example (and of its data member) and of its response tables.
func responseNames(ep *parser.Endpoint) []string {
	var names []string
	if ex := ep.ResponseExample; ex != nil && ex.Value != nil && ex.Value.Kind == ljson.Object {
		for _, m := range ex.Value.Members {
			names = append(names, m.Key)
			if m.Value != nil && m.Value.Kind == ljson.Object {
				for _, inner := range m.Value.Members {
					names = append(names, inner.Key)
				}
			}
		}
	}
	for _, t := range ep.Response {
		for _, f := range t.Fields {
			if segs := splitName(f.Name); len(segs) > 0 {
				names = append(names, segs[len(segs)-1].name)
			}
		}
	}
	return names
}

// securityScheme is the standard OpenAPI form of an auth, for tools that
// read no x- extension: the credential the caller holds, with the rest
// of the recipe in its description. Waiqin's credentials are path
// segments, which no OpenAPI scheme can be: it has none.
func securityScheme(a *profile.Auth) *openapi3.SecurityScheme {
	switch a.Scheme {
	case profile.SchemeAccessToken, profile.SchemeAPIKey:
		desc := "A key the caller holds."
		if a.Token != nil {
			desc = fmt.Sprintf("An access token from %s %s (%s and %s), member %s; it expires after the seconds in %s.",
				a.Token.Method, a.Token.URL, a.Token.IDParam, a.Token.SecretParam, a.Token.TokenField, or(a.Token.ExpiresField, "an unnamed member"))
		}
		if a.In == openapi3.ParameterInHeader && strings.EqualFold(a.Name, "authorization") && a.Prefix == "Bearer " {
			return &openapi3.SecurityScheme{Type: "http", Scheme: "bearer", Description: desc}
		}
		return &openapi3.SecurityScheme{Type: "apiKey", In: a.In, Name: a.Name, Description: desc}
	case profile.SchemeSortedSign:
		s := a.Sign
		return &openapi3.SecurityScheme{Type: "apiKey", In: openapi3.ParameterInQuery, Name: s.AppKeyParam,
			Description: fmt.Sprintf("The app key; every request also carries %s and %s, signed over all parameters sorted by name with the app secret (%s, uppercase hex).", s.TimestampParam, s.SignParam, s.Method)}
	}
	return nil
}

// applySecurity writes the auth as standard OpenAPI: a security scheme
// required by every operation but the token endpoint. Where no scheme
// applies (no auth, or Waiqin's path credentials) the empty requirement
// says that none is needed, where a spec without one reads as if security
// had been forgotten (redocly's security-defined).
func applySecurity(t *openapi3.T, p *authPlan) {
	var scheme *openapi3.SecurityScheme
	if p != nil {
		scheme = securityScheme(p.auth)
	}
	if scheme == nil {
		t.Security = openapi3.SecurityRequirements{{}}
		return
	}
	name := p.auth.Scheme
	if t.Components.SecuritySchemes == nil {
		t.Components.SecuritySchemes = openapi3.SecuritySchemes{}
	}
	t.Components.SecuritySchemes[name] = &openapi3.SecuritySchemeRef{Value: scheme}
	t.Security = openapi3.SecurityRequirements{{name: []string{}}}
	if p.tokenPath == "" {
		return
	}
	for path, item := range t.Paths.Map() {
		if path != p.tokenPath {
			continue
		}
		for _, op := range item.Operations() {
			op.Security = &openapi3.SecurityRequirements{}
		}
	}
}

// onAPIHost is the token endpoint's address as the client calls it: its
// path, taken on the client's base URL, when the other endpoints call its
// host; its whole URL when they call another.
func onAPIHost(docs []*parser.Document, tokenEP *parser.Endpoint) string {
	server, path, _ := splitURL(tokenEP.URL)
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			if other, _, _ := splitURL(ep.URL); ep != tokenEP && other != "" && other != server {
				return tokenEP.URL
			}
		}
	}
	return path
}
