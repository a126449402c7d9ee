package pipeline

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/cmd/apigen/internal/source"
	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// Config is an apigen.yaml: the APIs a repository generates. The README's
// configuration reference documents every key; keep the two in step.
type Config struct {
	APIs []APIConfig `yaml:"apis"`
	// Cache holds downloaded docs and build stamps; default: the user
	// cache directory's apigen folder.
	Cache string `yaml:"cache"`
	// FetchTimeout bounds the download of one doc URL; default 30s.
	FetchTimeout time.Duration `yaml:"fetch_timeout"`
	// RedirectHosts are hosts a doc URL may redirect to besides its own.
	RedirectHosts []string `yaml:"redirect_hosts"`

	dir  string // the config file's directory; paths are relative to it
	path string
}

// APIConfig is one API: its docs, how to read them and what to write.
type APIConfig struct {
	Name    string   `yaml:"name"`    // selects the API with -api; names it in messages
	Docs    []string `yaml:"docs"`    // files, globs or http(s) URLs
	From    string   `yaml:"from"`    // doc format; detected when empty
	Profile string   `yaml:"profile"` // vendor profile; detected when empty
	Title   string   `yaml:"title"`
	Version string   `yaml:"version"` // info.version; default 1.0.0
	Servers []string `yaml:"servers"`
	Spec    string   `yaml:"spec"`    // spec output path without extension, or with .yaml/.json
	Formats []string `yaml:"formats"` // yaml, json (default yaml)
	// OpenAPI lists the OpenAPI versions the spec is written in (default
	// 3.1); the first is written at spec, each other beside it.
	OpenAPI Versions `yaml:"openapi"`
	Out     string   `yaml:"out"`     // Go package directory; no Go output when empty
	Package string   `yaml:"package"` // default: base name of out
	Parts   []string `yaml:"parts"`   // default: all
	// AllowRemovals lets a build drop operations and schemas that the
	// checked-in spec has; without it such a build writes nothing.
	AllowRemovals bool `yaml:"allow_removals"`
	// Overrides give endpoints what their page does not say (a URL, the
	// right method) or another operation name.
	Overrides []OverrideConfig `yaml:"overrides"`

	// Envelope names the response wrapper, replacing the one the docs'
	// examples or the profile give.
	Envelope *EnvelopeConfig `yaml:"envelope"`
	// Auth says how requests are authenticated, replacing what the
	// profile or the docs' parameters give.
	Auth *AuthConfig `yaml:"auth"`
	// Paging declares or corrects how operations' lists are paged, by
	// operationId.
	Paging []PagingConfig `yaml:"paging"`

	// Platform names the doc platform behind the docs' URLs instead of
	// detecting it; Group picks one group of a spec viewer; MaxPages and
	// MaxDepth bound a site crawl; TokenEnv names the environment
	// variable holding a private project's token.
	Platform string `yaml:"platform"`
	Group    string `yaml:"group"`
	MaxPages int    `yaml:"max_pages"`
	MaxDepth int    `yaml:"max_depth"`
	TokenEnv string `yaml:"token_env"`

	overridePos []diag.Pos // where each override is written
	pagingPos   []diag.Pos // where each paging entry is written
}

// EnvelopeConfig is an api's envelope: the members of the wrapper every
// response comes in and the code values that mean success.
type EnvelopeConfig struct {
	Code         string   `yaml:"code"`
	Message      string   `yaml:"message"`
	Data         string   `yaml:"data"` // empty: the result's members sit beside the code
	MsgID        string   `yaml:"msg_id"`
	Success      []any    `yaml:"success"`
	DataInString bool     `yaml:"data_in_string"`
	Paging       []string `yaml:"paging"`
	Busy         []any    `yaml:"busy"`
}

// sourceOptions is how the api's doc URLs are read.
func (api APIConfig) sourceOptions() source.Options {
	return source.Options{Platform: api.Platform, Group: api.Group, MaxPages: api.MaxPages, MaxDepth: api.MaxDepth, TokenEnv: api.TokenEnv}
}

// specEnvelope returns the api's envelope for spec.Build, nil for none.
func (api APIConfig) specEnvelope() *profile.Envelope {
	e := api.Envelope
	if e == nil {
		return nil
	}
	out := &profile.Envelope{Code: e.Code, Message: e.Message, Data: e.Data, MsgID: e.MsgID,
		Success: e.Success, Paging: e.Paging}
	if e.DataInString {
		out.DataEncoding = profile.DataJSONString
	}
	for _, b := range e.Busy {
		out.Busy = append(out.Busy, fmt.Sprint(b))
	}
	return out
}

// configKeyNames writes the spec's names of auth keys (x-apigen-auth's)
// as apigen.yaml spells them.
var configKeyNames = strings.NewReplacer("idParam", "id_param", "secretParam", "secret_param", "tokenField", "token_field",
	"appKeyParam", "app_key_param", "timestampParam", "timestamp_param", "timestampLayout", "timestamp_layout", "signParam", "sign_param")

// AuthConfig is an api's auth scheme (see profile.Auth): the scheme and
// what it needs, with the usual values where a key is left out.
type AuthConfig struct {
	Scheme string            `yaml:"scheme"`
	In     string            `yaml:"in"`
	Name   string            `yaml:"name"`
	Prefix string            `yaml:"prefix"`
	Token  *TokenConfig      `yaml:"token"`
	Sign   *SortedSignConfig `yaml:"sign"`
}

// TokenConfig is where an access-token scheme gets its tokens.
type TokenConfig struct {
	URL          string `yaml:"url"`
	Method       string `yaml:"method"`
	IDParam      string `yaml:"id_param"`
	SecretParam  string `yaml:"secret_param"`
	TokenField   string `yaml:"token_field"`
	ExpiresField string `yaml:"expires_field"`
	ExpiredCodes []any  `yaml:"expired_codes"`
}

// SortedSignConfig is how a sorted-sign scheme signs; every key defaults
// to Taobao TOP's.
type SortedSignConfig struct {
	Method          string  `yaml:"method"`
	AppKeyParam     string  `yaml:"app_key_param"`
	TimestampParam  string  `yaml:"timestamp_param"`
	TimestampLayout string  `yaml:"timestamp_layout"`
	Timezone        string  `yaml:"timezone"`
	SignMethodParam *string `yaml:"sign_method_param"` // "" when the method is not sent
	SignParam       string  `yaml:"sign_param"`
}

// specAuth returns the api's auth for spec.Build, with defaults filled in;
// nil for none.
func (api APIConfig) specAuth() *profile.Auth {
	c := api.Auth
	if c == nil {
		return nil
	}
	a := &profile.Auth{Scheme: c.Scheme, In: c.In, Name: c.Name, Prefix: c.Prefix, Source: "apigen.yaml"}
	switch c.Scheme {
	case profile.SchemeAccessToken:
		a.In, a.Name = cmp.Or(a.In, "query"), cmp.Or(a.Name, "access_token")
		t := c.Token
		if t == nil {
			t = &TokenConfig{}
		}
		a.Token = &profile.TokenEndpoint{URL: t.URL, Method: strings.ToUpper(cmp.Or(t.Method, "GET")), IDParam: t.IDParam, SecretParam: t.SecretParam,
			TokenField: cmp.Or(t.TokenField, "access_token"), ExpiresField: cmp.Or(t.ExpiresField, "expires_in")}
		for _, code := range t.ExpiredCodes {
			a.Token.ExpiredCodes = append(a.Token.ExpiredCodes, fmt.Sprint(code))
		}
	case profile.SchemeAPIKey:
		a.In = cmp.Or(a.In, "header")
	case profile.SchemeSortedSign:
		sc := c.Sign
		if sc == nil {
			sc = &SortedSignConfig{}
		}
		s := profile.TopSign(cmp.Or(sc.Method, profile.SignMD5))
		s.AppKeyParam = cmp.Or(sc.AppKeyParam, s.AppKeyParam)
		s.TimestampParam = cmp.Or(sc.TimestampParam, s.TimestampParam)
		s.TimestampLayout = cmp.Or(sc.TimestampLayout, s.TimestampLayout)
		s.Timezone = cmp.Or(sc.Timezone, s.Timezone)
		if sc.SignMethodParam != nil {
			s.SignMethodParam = *sc.SignMethodParam
		}
		s.SignParam = cmp.Or(sc.SignParam, s.SignParam)
		a.Sign = s
	case profile.SchemeWaiqin:
		a.Source = profile.SourceWaiqin
	}
	return a
}

// Versions are OpenAPI versions, written in the config as one version
// (openapi: "3.0") or a list of them (openapi: ["3.1", "3.0"]).
type Versions []string

// UnmarshalYAML reads one version or a list. An unquoted 3.0 is a YAML
// number; its text is the version all the same.
func (v *Versions) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*v = Versions{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*v = list
	return nil
}

// OverrideConfig is one entry of an api's overrides.
type OverrideConfig struct {
	Endpoint string `yaml:"endpoint"` // the endpoint's title as the page writes it, or file:line
	Schema   string `yaml:"schema"`   // a component schema, instead of an endpoint: name is its Go type name
	Method   string `yaml:"method"`
	Path     string `yaml:"path"`
	Name     string `yaml:"name"` // the operationId, and so the Go method name
	// Idempotent marks an endpoint safe to send twice, so the client
	// retries it (a POST is not retried otherwise).
	Idempotent *bool `yaml:"idempotent"`
}

// specOverrides returns the api's overrides for spec.Build, each with the
// config position it is written at.
func (api APIConfig) specOverrides() []spec.Override {
	var out []spec.Override
	for i, o := range api.Overrides {
		so := spec.Override{Endpoint: o.Endpoint, Schema: o.Schema, Method: o.Method, Path: o.Path, Name: o.Name, Idempotent: o.Idempotent}
		if i < len(api.overridePos) {
			so.Pos = api.overridePos[i]
		}
		out = append(out, so)
	}
	return out
}

// Load reads and checks a config file. Every problem names
// file:line, so that a typo in a downstream repo's config is found from
// the go generate output alone.
func Load(path string) (*Config, diag.List) {
	var diags diag.List
	data, err := os.ReadFile(path)
	if err != nil {
		diags.Add(diag.Pos{File: path}, diag.ReadFailed, "%v", err)
		return nil, diags
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		for _, msg := range yamlErrors(err) {
			diags.Add(diag.Pos{File: path, Line: msg.line}, diag.BadConfig, "%s", msg.text)
		}
		return nil, diags
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	switch err := dec.Decode(&c); {
	case errors.Is(err, io.EOF):
		diags.Add(diag.Pos{File: path, Line: 1}, diag.BadConfig, "the config is empty; it needs an apis list")
		return nil, diags
	case err != nil:
		for _, msg := range yamlErrors(err) {
			diags.Add(diag.Pos{File: path, Line: msg.line}, diag.BadConfig, "%s", explainYAML(&root, msg))
		}
		return nil, diags
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		diags.Add(diag.Pos{File: path, Line: extra.Line}, diag.BadConfig, "a second YAML document; the config is one document")
	}
	c.dir = filepath.Dir(path)
	c.path = path
	c.check(&root, &diags)
	return &c, diags
}

// check reports values the YAML types cannot rule out.
func (c *Config) check(root *yaml.Node, diags *diag.List) {
	top := mappingOf(root)
	at := func(n *yaml.Node) diag.Pos {
		if n == nil {
			return diag.Pos{File: c.path, Line: 1}
		}
		return diag.Pos{File: c.path, Line: n.Line}
	}
	if len(c.APIs) == 0 {
		diags.Add(at(valueOf(top, "apis")), diag.BadConfig, "the config lists no apis")
	}
	if c.FetchTimeout < 0 {
		diags.Add(at(valueOf(top, "fetch_timeout")), diag.BadConfig, "fetch_timeout must be positive, not %s", c.FetchTimeout)
	}
	var apiNodes []*yaml.Node
	if n := valueOf(top, "apis"); n != nil {
		apiNodes = n.Content
	}
	seen := map[string]int{}
	for i, api := range c.APIs {
		var node *yaml.Node
		if i < len(apiNodes) {
			node = apiNodes[i]
		}
		key := func(k string) diag.Pos {
			if v := valueOf(node, k); v != nil {
				return at(v)
			}
			return at(node)
		}
		who := api.label(i)
		switch {
		case api.Name == "":
			diags.Add(at(node), diag.BadConfig, "%s has no name; -api and messages need one", who)
		case seen[api.Name] > 0:
			diags.Add(key("name"), diag.BadConfig, "%s: the name is already used by the api at line %d", who, seen[api.Name])
		default:
			seen[api.Name] = at(node).Line
		}
		if len(api.Docs) == 0 {
			diags.Add(key("docs"), diag.BadConfig, "%s lists no docs", who)
		}
		for j, d := range api.Docs {
			if strings.Contains(d, "://") && !fetch.IsURL(d) {
				p := key("docs")
				if v := valueOf(node, "docs"); v != nil && j < len(v.Content) {
					p = at(v.Content[j])
				}
				diags.Add(p, diag.BadConfig, "%s: doc %q: only http and https URLs are fetched", who, d)
			}
		}
		if api.Spec == "" && api.Out == "" {
			diags.Add(at(node), diag.BadConfig, "%s has neither spec nor out: nothing to write", who)
		}
		for _, f := range api.Formats {
			if f != "yaml" && f != "json" {
				diags.Add(key("formats"), diag.BadConfig, "%s: format %q is not yaml or json", who, f)
			}
		}
		for j, v := range api.OpenAPI {
			switch {
			case !oas.ValidVersion(v):
				diags.Add(key("openapi"), diag.BadConfig, "%s: OpenAPI version %q is not %s", who, v, strings.Join(oas.Versions, " or "))
			case slices.Contains(api.OpenAPI[:j], v):
				diags.Add(key("openapi"), diag.BadConfig, "%s: OpenAPI version %q is listed twice", who, v)
			}
		}
		if len(api.OpenAPI) > 0 && api.Spec == "" {
			diags.Add(key("openapi"), diag.BadConfig, "%s: openapi names the versions of the spec, but there is no spec to write", who)
		}
		if api.From != "" {
			if _, err := parser.ParseFormat(api.From); err != nil {
				diags.Add(key("from"), diag.BadConfig, "%s: %v", who, err)
			}
		}
		if api.Profile != "" && api.Profile != "none" && profile.Named(api.Profile) == nil {
			diags.Add(key("profile"), diag.BadConfig, "%s: unknown profile %q (known: %s, none)", who, api.Profile, strings.Join(spec.ProfileNames(), ", "))
		}
		if api.Package != "" && !ValidPackageName(api.Package) {
			diags.Add(key("package"), diag.BadConfig, "%s: %q is not a valid Go package name", who, api.Package)
		} else if api.Package == "" && api.Out != "" && !ValidPackageName(filepath.Base(api.Out)) {
			diags.Add(key("out"), diag.BadConfig, "%s: the package name defaults to %q, which is not a valid Go package name; set package", who, filepath.Base(api.Out))
		}
		if _, err := generator.ParseParts(strings.Join(api.Parts, ",")); err != nil {
			diags.Add(key("parts"), diag.BadConfig, "%s: %v", who, err)
		}
		if e := api.Envelope; e != nil {
			p := key("envelope")
			if strings.TrimSpace(e.Code) == "" {
				diags.Add(p, diag.BadConfig, "%s: envelope names no code member", who)
			}
			if len(e.Success) == 0 {
				diags.Add(p, diag.BadConfig, "%s: envelope lists no success values (the codes that mean success, such as 0 or \"0\")", who)
			}
			for _, v := range e.Success {
				switch v.(type) {
				case string, int, bool:
				default:
					diags.Add(p, diag.BadConfig, "%s: envelope success value %v is not a string, an integer or a boolean", who, v)
				}
			}
			if e.DataInString && e.Data == "" {
				diags.Add(p, diag.BadConfig, "%s: envelope has data_in_string but no data member", who)
			}
		}
		if api.Platform != "" && !slices.Contains(source.Platforms(), api.Platform) {
			diags.Add(key("platform"), diag.BadConfig, "%s: unknown platform %q (known: %s)", who, api.Platform, strings.Join(source.Platforms(), ", "))
		}
		if api.MaxPages < 0 || api.MaxDepth < 0 {
			diags.Add(key("max_pages"), diag.BadConfig, "%s: max_pages and max_depth cannot be negative", who)
		}
		if api.Auth != nil {
			if err := api.specAuth().Check(); err != nil {
				diags.Add(key("auth"), diag.BadConfig, "%s: auth: %s", who, configKeyNames.Replace(err.Error()))
			} else if v := profile.Named(api.Profile); api.Auth.Scheme == profile.SchemeWaiqin && api.Profile != "" && (v == nil || len(v.Credentials) == 0) {
				diags.Add(key("auth"), diag.BadConfig, "%s: auth: scheme %s fills credential path parameters, which profile %q has none of", who, profile.SchemeWaiqin, api.Profile)
			}
		}
		c.APIs[i].overridePos = c.checkOverrides(api, who, valueOf(node, "overrides"), key("overrides"), diags)
		c.APIs[i].pagingPos = c.checkPaging(api, who, valueOf(node, "paging"), key("paging"), diags)
	}
}

// checkOverrides checks an api's overrides and returns the position of each.
func (c *Config) checkOverrides(api APIConfig, who string, list *yaml.Node, at diag.Pos, diags *diag.List) []diag.Pos {
	var out []diag.Pos
	for j, o := range api.Overrides {
		p := at
		if list != nil && j < len(list.Content) {
			p = diag.Pos{File: c.path, Line: list.Content[j].Line}
		}
		out = append(out, p)
		switch {
		case o.Schema != "" && o.Endpoint != "":
			diags.Add(p, diag.BadConfig, "%s: override %d names both an endpoint and a schema; give one", who, j+1)
		case o.Schema != "":
			if o.Method != "" || o.Path != "" || o.Idempotent != nil {
				diags.Add(p, diag.BadConfig, "%s: override for schema %q: method, path and idempotent are for endpoints", who, o.Schema)
			}
			if !token.IsIdentifier(o.Name) || !token.IsExported(o.Name) {
				diags.Add(p, diag.BadConfig, "%s: override for schema %q: name %q is not an exported Go identifier (a capital letter, then letters, digits, _)", who, o.Schema, o.Name)
			}
			continue
		case strings.TrimSpace(o.Endpoint) == "":
			diags.Add(p, diag.BadConfig, "%s: override %d names no endpoint or schema (give an endpoint's title or file:line, or a schema's name)", who, j+1)
		case o.Method == "" && o.Path == "" && o.Name == "" && o.Idempotent == nil:
			diags.Add(p, diag.BadConfig, "%s: override for %q sets nothing (method, path, name or idempotent)", who, o.Endpoint)
		}
		if o.Method != "" && !slices.Contains(httpMethods, strings.ToUpper(o.Method)) {
			diags.Add(p, diag.BadConfig, "%s: override for %q: %q is not an HTTP method (%s)", who, o.Endpoint, o.Method, strings.Join(httpMethods, ", "))
		}
		if o.Name != "" && !identifier.MatchString(o.Name) {
			diags.Add(p, diag.BadConfig, "%s: override for %q: name %q is not an identifier (letters, digits, _)", who, o.Endpoint, o.Name)
		}
	}
	return out
}

var (
	httpMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}
	identifier  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func (api APIConfig) label(i int) string {
	if api.Name != "" {
		return fmt.Sprintf("api %q", api.Name)
	}
	return fmt.Sprintf("api %d", i+1)
}

// mappingOf returns the top-level mapping of a parsed document.
func mappingOf(doc *yaml.Node) *yaml.Node {
	if doc != nil && doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return doc.Content[0]
	}
	return nil
}

// valueOf returns the value under key in a mapping node, or nil.
func valueOf(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return m.Content[k+1]
		}
	}
	return nil
}

type yamlMsg struct {
	line int
	text string
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// yamlErrors splits yaml.v3's error into one message per line it names.
func yamlErrors(err error) []yamlMsg {
	var out []yamlMsg
	for _, l := range strings.Split(err.Error(), "\n") {
		if m := yamlLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			out = append(out, yamlMsg{n, m[2]})
		}
	}
	if len(out) == 0 {
		out = append(out, yamlMsg{0, strings.TrimPrefix(err.Error(), "yaml: ")})
	}
	return out
}

var (
	yamlUnknownKey = regexp.MustCompile(`^field (\S+) not found in type pipeline\.(\w+)$`)
	yamlWrongType  = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
)

// explainYAML rewrites yaml.v3's decoding errors, which speak of Go types,
// in the config's own terms: the key, what it takes, what it got.
func explainYAML(root *yaml.Node, msg yamlMsg) string {
	if m := yamlUnknownKey.FindStringSubmatch(msg.text); m != nil {
		known := yamlKeys(m[2])
		text := fmt.Sprintf("unknown key %q", m[1])
		if key := pathAt(root, msg.line, func(n *yaml.Node) bool { return false }, m[1]); key != "" {
			text = key + ": unknown key"
		}
		if s := closest(m[1], known); s != "" {
			text += fmt.Sprintf("; did you mean %q?", s)
		}
		where := "at the top level"
		switch m[2] {
		case "APIConfig":
			where = "in an api"
		case "OverrideConfig":
			where = "in an override"
		case "EnvelopeConfig":
			where = "in an envelope"
		case "PagingConfig":
			where = "in a paging entry"
		}
		return fmt.Sprintf("%s (known %s: %s)", text, where, strings.Join(known, ", "))
	}
	if m := yamlWrongType.FindStringSubmatch(msg.text); m != nil {
		got := yamlKinds[m[1]]
		if got == "" {
			got = "!!" + m[1]
		}
		if m[2] != "" {
			got += " (" + strconv.Quote(m[2]) + ")"
		}
		want := goKinds[m[3]]
		if want == "" {
			want = m[3]
		}
		text := fmt.Sprintf("want %s, got %s", want, got)
		if key := pathAt(root, msg.line, func(n *yaml.Node) bool { return nodeKind(n) == m[1] }, ""); key != "" {
			text = key + ": " + text
		}
		return text
	}
	return msg.text
}

var yamlKinds = map[string]string{
	"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean",
	"seq": "a list", "map": "a mapping", "null": "nothing", "timestamp": "a date", "binary": "binary data",
}

var goKinds = map[string]string{
	"string":                    "a string",
	"[]string":                  "a list of strings",
	"time.Duration":             "a duration such as 30s or 2m",
	"[]pipeline.APIConfig":      "a list of apis",
	"pipeline.APIConfig":        "a mapping of api keys (name, docs, ...)",
	"pipeline.Config":           "a mapping with an apis key",
	"[]pipeline.OverrideConfig": "a list of overrides",
	"pipeline.OverrideConfig":   "a mapping of override keys (endpoint, schema, method, path, name, idempotent)",
	"pipeline.EnvelopeConfig":   "a mapping of envelope keys (code, message, data, msg_id, success, data_in_string, paging)",
	"*pipeline.EnvelopeConfig":  "a mapping of envelope keys (code, message, data, msg_id, success, data_in_string, paging)",
	"[]pipeline.PagingConfig":   "a list of paging entries",
	"pipeline.PagingConfig":     "a mapping of paging keys (operation, kind, page, size, offset, limit, cursor, first_page, items, total, total_pages, has_more, last, next_cursor, end)",
	"*int":                      "an integer",
	"[]interface {}":            "a list of values",
	"bool":                      "true or false",
	"*bool":                     "true or false",
	"map[string]string":         "a mapping of strings to strings",
	"pipeline.Versions":         "an OpenAPI version (3.1, 3.0) or a list of them",
}

// yamlKeys lists the keys a config struct accepts, in declaration order.
func yamlKeys(typeName string) []string {
	var t reflect.Type
	switch typeName {
	case "Config":
		t = reflect.TypeFor[Config]()
	case "APIConfig":
		t = reflect.TypeFor[APIConfig]()
	case "OverrideConfig":
		t = reflect.TypeFor[OverrideConfig]()
	case "EnvelopeConfig":
		t = reflect.TypeFor[EnvelopeConfig]()
	case "PagingConfig":
		t = reflect.TypeFor[PagingConfig]()
	default:
		return nil
	}
	var keys []string
	for f := range t.Fields() {
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return keys
}

// closest returns the known key within two edits of s, for typos.
func closest(s string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editDistance(s, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// pathAt names the config entry on line whose value matches, or whose key
// is keyName: "apis[1].formats", "fetch_timeout". yaml.v3 reports only the
// line, and a flow list puts several values on one, so the deepest match
// wins.
func pathAt(root *yaml.Node, line int, match func(*yaml.Node) bool, keyName string) string {
	best, bestDepth := "", -1
	var walk func(n *yaml.Node, path string, depth int)
	walk = func(n *yaml.Node, path string, depth int) {
		if n.Line == line && depth > bestDepth && path != "" && match(n) {
			best, bestDepth = path, depth
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path, depth)
			}
		case yaml.MappingNode:
			for k := 0; k+1 < len(n.Content); k += 2 {
				key := n.Content[k]
				p := key.Value
				if path != "" {
					p = path + "." + p
				}
				if keyName != "" && key.Value == keyName && key.Line == line && depth+1 > bestDepth {
					best, bestDepth = p, depth+1
				}
				walk(n.Content[k+1], p, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i), depth+1)
			}
		}
	}
	walk(root, "", 0)
	return best
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "map"
	case yaml.SequenceNode:
		return "seq"
	case yaml.ScalarNode:
		return strings.TrimPrefix(n.ShortTag(), "!!")
	}
	return ""
}

// resolve makes a config-relative path usable from the working directory.
func (c *Config) Resolve(p string) string {
	if p == "" || filepath.IsAbs(p) || strings.Contains(p, "://") {
		return p
	}
	return filepath.Join(c.dir, p)
}

// DocPaths expands globs; URLs and plain paths pass through.
func (c *Config) DocPaths(api APIConfig) ([]string, error) {
	var out []string
	for _, d := range api.Docs {
		if strings.Contains(d, "://") {
			out = append(out, d)
			continue
		}
		p := c.Resolve(d)
		if strings.ContainsAny(p, "*?[") {
			matches, err := filepath.Glob(p)
			if err != nil {
				return nil, fmt.Errorf("bad glob %q: %w", d, err)
			}
			if len(matches) == 0 {
				return nil, fmt.Errorf("glob %q matches no file", d)
			}
			out = append(out, matches...)
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// ValidPackageName reports whether s can name a generated Go package:
// lower-case letters, digits and underscores, not starting with a digit.
func ValidPackageName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
