package generator

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// How the generated package authenticates requests: the scheme of the
// spec's x-apigen-auth, or a standard security scheme the runtime can
// apply (an API key in a header or the query, an HTTP bearer token). Each
// scheme is a row of authKinds: its support code, its NewClient
// credentials and signer, and the verifier a server builds.

// authKind is what the generator writes for one scheme.
type authKind struct {
	// clientFiles and serverFiles are the support code each side needs.
	clientFiles, serverFiles []string
	// credentials are NewClient's credential parameters, after baseURL,
	// and what its comment says of them.
	credentials []string
	doc         func(a *profile.Auth) string
	// signer builds the Signer from the credentials.
	signer func() jen.Code
	// verifier writes the server's verifier constructor; nil for none.
	verifier func(f *goFile)
}

var authKinds = map[string]authKind{
	profile.SchemeWaiqin: {
		clientFiles: []string{"waiqin_sign.go"},
		serverFiles: []string{"waiqin_sign.go", "waiqin_verify.go", "replay_store.go", "replay_memory.go"},
		credentials: []string{"openID", "appKey"},
		doc: func(*profile.Auth) string {
			return "signs every request with openID and appKey as the vendor specifies (see WaiqinDigest)"
		},
		signer: func() jen.Code {
			return jen.Id("WaiqinSigner").Values(jen.Dict{jen.Id("OpenID"): jen.Id("openID"), jen.Id("AppKey"): jen.Id("appKey")})
		},
	},
	profile.SchemeAccessToken: {
		clientFiles: []string{"auth_key.go", "auth_token.go"},
		serverFiles: []string{"auth_key.go"},
		credentials: []string{"id", "secret"},
		doc: func(a *profile.Auth) string {
			return fmt.Sprintf("sends an access token in %s %q, fetched from %s with id as %s and secret as %s, cached until it expires and fetched again when an answer says it is no longer valid",
				a.In, a.Name, a.Token.URL, a.Token.IDParam, a.Token.SecretParam)
		},
		signer: func() jen.Code {
			return jen.Id("NewTokenSigner").Call(jen.Id("apiPlacement"), jen.Id("apiTokenEndpoint"), jen.Id("id"), jen.Id("secret"))
		},
		verifier: emitKeyVerifier,
	},
	profile.SchemeAPIKey: {
		clientFiles: []string{"auth_key.go"},
		serverFiles: []string{"auth_key.go"},
		credentials: []string{"key"},
		doc: func(a *profile.Auth) string {
			return fmt.Sprintf("sends key in %s %q on every call", a.In, a.Name)
		},
		signer: func() jen.Code {
			return jen.Id("KeySigner").Values(jen.Dict{jen.Id("Placement"): jen.Id("apiPlacement"), jen.Id("Key"): jen.Id("key")})
		},
		verifier: emitKeyVerifier,
	},
	profile.SchemeSortedSign: {
		clientFiles: []string{"auth_sorted.go"},
		serverFiles: []string{"auth_sorted.go", "auth_sorted_verify.go", "replay_store.go", "replay_memory.go"},
		credentials: []string{"appKey", "secret"},
		doc: func(a *profile.Auth) string {
			return fmt.Sprintf("signs every request with appKey and secret: %s, %s and %s are added and every parameter is signed, sorted by name (%s)",
				a.Sign.AppKeyParam, a.Sign.TimestampParam, a.Sign.SignParam, a.Sign.Method)
		},
		signer: func() jen.Code {
			return jen.Id("SortedSigner").Values(jen.Dict{jen.Id("SortedSign"): jen.Id("apiSign"), jen.Id("AppKey"): jen.Id("appKey"), jen.Id("Secret"): jen.Id("secret")})
		},
		verifier: func(f *goFile) {
			f.Comment("NewSignVerifier returns a verifier of the API's signature, with the app")
			f.Comment("secret of each app key; pass it to NewHandler with WithVerifier.")
			f.Func().Id("NewSignVerifier").Params(jen.Id("secrets").Map(jen.String()).String()).Op("*").Id("SortedSignVerifier").Block(
				jen.Return(jen.Op("&").Id("SortedSignVerifier").Values(jen.Dict{jen.Id("SortedSign"): jen.Id("apiSign"), jen.Id("Secrets"): jen.Id("secrets")})))
		},
	},
}

func emitKeyVerifier(f *goFile) {
	f.Comment("NewKeyVerifier returns a verifier that accepts the given keys (or tokens)")
	f.Comment("where the API sends them; set Valid to accept others. Pass it to NewHandler")
	f.Comment("with WithVerifier.")
	f.Func().Id("NewKeyVerifier").Params(jen.Id("keys").Op("...").String()).Op("*").Id("KeyVerifier").Block(
		jen.Return(jen.Op("&").Id("KeyVerifier").Values(jen.Dict{jen.Id("Placement"): jen.Id("apiPlacement"), jen.Id("Keys"): jen.Id("keys")})))
}

// readAuth reads how requests are authenticated: x-apigen-auth, else a
// standard security scheme the whole API requires.
func (p *planner) readAuth() {
	auth, err := oas.Auth(p.t)
	if err != nil {
		p.warn("#/"+oas.ExtAuth, "%v; requests are not authenticated by the client", err)
		return
	}
	if auth == nil {
		auth = p.standardAuth()
	}
	if auth == nil {
		return
	}
	if _, ok := authKinds[auth.Scheme]; !ok {
		p.warn("#/"+oas.ExtAuth, "scheme %q has no support code; requests are not authenticated by the client", auth.Scheme)
		return
	}
	p.pkg.Auth = auth
}

// standardAuth is the auth of the one security scheme every operation
// requires, when it is one the runtime applies: an apiKey in a header or
// the query, or an HTTP bearer token.
func (p *planner) standardAuth() *profile.Auth {
	if len(p.t.Security) != 1 || len(p.t.Security[0]) != 1 || p.t.Components == nil {
		return nil
	}
	for name := range p.t.Security[0] {
		ref := p.t.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			return nil
		}
		s := ref.Value
		switch {
		case s.Type == "apiKey" && (s.In == openapi3.ParameterInHeader || s.In == openapi3.ParameterInQuery) && s.Name != "":
			p.securityScheme = name
			return &profile.Auth{Scheme: profile.SchemeAPIKey, In: s.In, Name: s.Name}
		case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
			p.securityScheme = name
			return &profile.Auth{Scheme: profile.SchemeAPIKey, In: openapi3.ParameterInHeader, Name: "Authorization", Prefix: "Bearer "}
		}
	}
	return nil
}

// secured reports whether an operation's requests carry credentials: it
// has credential parameters, or it requires the API's security scheme
// (an operation with an empty security list, such as the token endpoint,
// does not).
func (p *planner) secured(o *Operation, op *openapi3.Operation) bool {
	if slices.ContainsFunc(o.Params, func(q *Param) bool { return q.Auth != "" }) {
		return true
	}
	if p.pkg.Auth == nil || p.pkg.Auth.Scheme == profile.SchemeWaiqin {
		return false
	}
	reqs := p.t.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	for _, r := range reqs {
		if len(r) > 0 {
			return true
		}
	}
	return false
}

// authFiles is the support code the package's auth needs.
func authFiles(pkg *Package, client, server bool) []string {
	if pkg.Auth == nil {
		return nil
	}
	k := authKinds[pkg.Auth.Scheme]
	var out []string
	if client {
		out = append(out, k.clientFiles...)
	}
	if server {
		out = append(out, k.serverFiles...)
	}
	return out
}

// emitAuthSettings declares what the client's signer and the server's
// verifier share: where a key or token travels, the token endpoint, the
// signature's settings.
func emitAuthSettings(f *goFile, pkg *Package, client bool) {
	a := pkg.Auth
	if a == nil {
		return
	}
	switch a.Scheme {
	case profile.SchemeAccessToken, profile.SchemeAPIKey:
		f.Comment("apiPlacement is where requests carry their credential (x-apigen-auth).")
		f.Var().Id("apiPlacement").Op("=").Id("Placement").Values(jen.Dict{
			jen.Id("In"): jen.Lit(a.In), jen.Id("Name"): jen.Lit(a.Name), jen.Id("Prefix"): jen.Lit(a.Prefix)})
	case profile.SchemeSortedSign:
		s := a.Sign
		layout, _ := profile.GoLayout(s.TimestampLayout)
		offset, _ := profile.ZoneOffset(s.Timezone)
		f.Comment("apiSign is how requests are signed (x-apigen-auth).")
		f.Var().Id("apiSign").Op("=").Op("&").Id("SortedSign").Values(jen.Dict{
			jen.Id("Method"):          jen.Lit(s.Method),
			jen.Id("AppKeyParam"):     jen.Lit(s.AppKeyParam),
			jen.Id("TimestampParam"):  jen.Lit(s.TimestampParam),
			jen.Id("TimestampLayout"): jen.Lit(layout),
			jen.Id("Zone"):            jen.Qual("time", "FixedZone").Call(jen.Lit(s.Timezone), jen.Lit(offset)),
			jen.Id("SignMethodParam"): jen.Lit(s.SignMethodParam),
			jen.Id("SignParam"):       jen.Lit(s.SignParam),
		})
	}
	if t := a.Token; t != nil && client {
		codes := make([]jen.Code, len(t.ExpiredCodes))
		for i, c := range t.ExpiredCodes {
			codes[i] = jen.Lit(c)
		}
		dict := jen.Dict{
			jen.Id("URL"): jen.Lit(t.URL), jen.Id("Method"): jen.Lit(t.Method),
			jen.Id("IDParam"): jen.Lit(t.IDParam), jen.Id("SecretParam"): jen.Lit(t.SecretParam),
			jen.Id("TokenField"): jen.Lit(t.TokenField), jen.Id("ExpiresField"): jen.Lit(t.ExpiresField),
		}
		if len(codes) > 0 {
			dict[jen.Id("ExpiredCodes")] = jen.Index().String().Values(codes...)
		}
		f.Comment("apiTokenEndpoint is where the client gets access tokens (x-apigen-auth).")
		f.Var().Id("apiTokenEndpoint").Op("=").Id("TokenEndpoint").Values(dict)
	}
}

// emitNewClient writes NewClient: with the scheme's credentials and
// signer, or with none.
func emitNewClient(f *goFile, pkg *Package) {
	k, ok := authKinds[""], false
	if pkg.Auth != nil {
		k, ok = authKinds[pkg.Auth.Scheme]
	}
	if !ok {
		f.Comment("NewClient returns a client for the API at baseURL. Credentials the doc leaves")
		f.Comment("to the caller go in through WithRequestEditor or WithSigner.")
		f.Func().Id("NewClient").Params(jen.Id("baseURL").String(), jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").Block(
			jen.Return(jen.Op("&").Id("Client").Values(jen.Id("core").Op(":").Id("newClientCore").Call(
				jen.Id("baseURL"), jen.Id("apiEnvelope"), jen.Nil(), jen.Id("opts")))),
		)
		return
	}
	for _, line := range wrapComment("NewClient returns a client for the API at baseURL that "+k.doc(pkg.Auth)+".", 76) {
		f.Comment(line)
	}
	params := []jen.Code{jen.Id("baseURL")}
	for _, c := range k.credentials {
		params = append(params, jen.Id(c))
	}
	f.Func().Id("NewClient").Params(jen.List(params...).String(), jen.Id("opts").Op("...").Id("Option")).Op("*").Id("Client").Block(
		jen.Return(jen.Op("&").Id("Client").Values(jen.Id("core").Op(":").Id("newClientCore").Call(
			jen.Id("baseURL"), jen.Id("apiEnvelope"), k.signer(), jen.Id("opts")))),
	)
}

// wrapComment breaks text into lines of at most width bytes, at spaces.
func wrapComment(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
