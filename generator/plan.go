// Package generator turns an OpenAPI 3.0/3.1 document into a Go package:
// models with lenient decoding, validators, a client, a server interface
// with its handler, and a mock. It first plans what to generate (names,
// fields, methods) in plain data, then writes the plan with jennifer.
package generator

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// Package is the plan of one generated package.
type Package struct {
	Name     string
	Title    string
	Types    []*Type
	Ops      []*Operation
	Webhooks []*Operation // calls the API makes to the user's server
	Envelope *Envelope
	Auth     *profile.Auth // how requests are authenticated; nil when the client does not
}

// Envelope is the response wrapper from x-apigen-envelope.
type Envelope struct {
	Code, Message, MsgID, Data string
	Success                    []string
	Failure                    string
	FailureIsText              bool
	DataInString               bool
	Busy                       []string // codes meaning "busy, try later"
}

// TypeKind says what a named type is.
type TypeKind int

const (
	StructType TypeKind = iota
	EnumType            // a named scalar with constants
	AliasType           // a named slice, map or raw JSON
)

// Type is one named Go type.
type Type struct {
	Name   string
	Doc    string
	Kind   TypeKind
	Fields []*Field // StructType
	Under  *GoType  // EnumType and AliasType
	Enum   []EnumConst
	// Wrapper marks a method argument made of parameters and a body: it is
	// not a JSON model.
	Wrapper bool
	schema  *openapi3.Schema
}

// EnumConst is one constant of an enum type.
type EnumConst struct {
	Name, Doc string
	Value     any // string or int64
}

// Field is one struct field.
type Field struct {
	Name     string // Go name
	JSON     string // wire name
	Doc      string
	Type     *GoType
	Required bool
	// Nullable: the spec allows null (3.0 nullable, 3.1 type [X, "null"]);
	// such a field is held by pointer when its type has no empty value of
	// its own, and a required one may be null.
	Nullable bool
	Pointer  bool // optional or nullable scalar or struct held by pointer
	AsString bool // a number the vendor sends as a JSON string
	Rules    Rules
	prop     *openapi3.SchemaRef // the property the field is planned from
}

// Kind of a Go type.
type Kind int

const (
	String Kind = iota
	Int32
	Int64
	Float64
	Bool
	Decimal // fixed-point text
	Named   // a planned type
	Slice
	Map
	Raw // json.RawMessage
	Any // any
)

// GoType is a Go type expression.
type GoType struct {
	Kind  Kind
	Named *Type
	Elem  *GoType // Slice and Map
	Rules *Rules  // item rules for Slice and Map elements
}

// isStruct reports whether a value of t is a model struct: a method
// returns it by pointer, and nil is not its zero value.
func (t *GoType) isStruct() bool { return t.Kind == Named && t.Named.Kind == StructType }

// Rules are the validation constraints of a value.
type Rules struct {
	MaxLength, MinLength *int
	Pattern              string
	PatternWhat          string
	Min, Max             *float64
	MinItems, MaxItems   *int
	Enum                 []any
	DecimalPattern       string
}

// Operation is one API call.
type Operation struct {
	ID, Name string // operationId and Go method name
	Method   string
	// Path is the URL path template as sent: the spec's path without the
	// #fragment some specs add to tell operations on one URL apart.
	Path string
	// Route is the path NewHandler's router serves the operation on, its
	// parameters named by their Wildcard; "" when the router cannot serve
	// it (see routes), and the handler skips it.
	Route          string
	Summary, Doc   string
	Params         []*Param
	Body           *GoType // nil when no body
	BodyMedia      string  // application/json, application/x-www-form-urlencoded or multipart/form-data
	BodyRequired   bool
	Request        *Type   // the method's argument type: the body type, or a struct of params and body
	Result         *GoType // the decoded data; nil when the doc shows none
	Status         int     // the documented success status; 0 when none is given (default, 2XX)
	ResultExample  json.RawMessage
	RequestExample json.RawMessage
	Handler        string  // a webhook's handler constructor (HandlePayNotify)
	Idempotent     bool    // safe to send again, so the client retries it
	Secured        bool    // its requests carry credentials
	Paging         *Paging // the iterator over its pages; nil when it is not paged
	op             *openapi3.Operation
	pointer        string // JSON pointer of the operation, for diagnostics
	specPath       string // the path as the spec writes it
}

// wire reports whether the client and the server need the support code
// for form bodies, delimited list parameters and documented success
// statuses.
func (pkg *Package) wire() (client, server bool) {
	for _, o := range pkg.Ops {
		if o.Body != nil && o.FormBody() {
			client, server = true, true
		}
		for _, q := range o.Params {
			if q.Delimiter != "" {
				client, server = true, true
			}
		}
		if o.replyStatus() != 0 {
			server = true
		}
	}
	// A webhook's handler is server code: it reads forms and lists and
	// answers statuses as an operation's does.
	for _, o := range pkg.Webhooks {
		if o.Body != nil && o.FormBody() || o.replyStatus() != 0 || slices.ContainsFunc(o.Params, func(q *Param) bool { return q.Delimiter != "" }) {
			server = true
		}
	}
	return client, server
}

// replyStatus is the success status the handler must answer with when
// it is not the one a plain reply writes (200 with data, 204 without);
// 0 otherwise.
func (o *Operation) replyStatus() int {
	plain := 200
	if o.Result == nil {
		plain = 204
	}
	if o.Status == 0 || o.Status == plain {
		return 0
	}
	return o.Status
}

// FormBody reports whether the body is sent as form fields rather than
// JSON.
func (o *Operation) FormBody() bool {
	return o.BodyMedia == "application/x-www-form-urlencoded" || o.BodyMedia == "multipart/form-data"
}

// Param is one parameter.
type Param struct {
	Name, GoName, In string
	// Wildcard is the name of a path parameter in the route, a Go
	// identifier, under which r.PathValue reads it; Name is as the spec
	// writes it.
	Wildcard string
	Type     *GoType
	Required bool
	Auth     string // credential role the client fills; "" for caller-set params
	Rules    Rules
	// Delimiter joins the items of a list parameter into one value (path
	// and header lists, query lists with explode: false); "" sends a
	// query list as repeated parameters.
	Delimiter string
}

// planner holds the state of planning one spec.
type planner struct {
	t   *openapi3.T
	pkg *Package
	// securityScheme is the standard scheme the client applies, "" for
	// none; the others are reported as left to the caller.
	securityScheme string
	names          ident.Unique
	byRef          map[string]*Type
	bySchema       map[*openapi3.Schema]*Type
	// compNames are the Go names of component schemas, chosen before any
	// inline type is named so that a component keeps its own name.
	compNames map[string]string
	// filling holds the structs whose fields are being planned: a field
	// back to one of them closes a cycle and must be a pointer.
	filling map[*Type]bool
	// envelopes are the response schemas whose data the client unwraps.
	envelopes map[*openapi3.Schema]bool
	diags     diag.List
	file      string
	lines     *oas.Lines // where the spec writes each pointer; may be nil
	// patternErrs are Go's errors compiling each pattern met (nil when
	// it compiles): specs repeat a few patterns thousands of times.
	patternErrs map[string]error
}

// releaseSpec lets go of the spec's model once planning is done: the
// emitters read the plan only, and the model of ten thousand operations
// is a third of what writing their package holds.
func (pkg *Package) releaseSpec() {
	for _, t := range pkg.Types {
		t.schema = nil
		for _, f := range t.Fields {
			f.prop = nil
		}
	}
	for _, o := range slices.Concat(pkg.Ops, pkg.Webhooks) {
		o.op = nil
	}
}

// Plan decides what to generate for a spec.
func Plan(t *openapi3.T, pkgName, file string) (*Package, diag.List) {
	return plan(t, pkgName, file, nil)
}

func plan(t *openapi3.T, pkgName, file string, lines *oas.Lines) (*Package, diag.List) {
	p := &planner{t: t, pkg: &Package{Name: pkgName}, byRef: map[string]*Type{}, bySchema: map[*openapi3.Schema]*Type{},
		compNames: map[string]string{}, filling: map[*Type]bool{}, envelopes: map[*openapi3.Schema]bool{}, file: file, lines: lines, patternErrs: map[string]error{}}
	if t.Info != nil {
		p.pkg.Title = t.Info.Title
	}
	for _, reserved := range reservedNames {
		p.names.Claim(reserved)
	}
	for _, reserved := range runtimeNames() {
		p.names.Claim(reserved)
	}
	p.readExtensions()
	if t.Components != nil {
		names := slices.Sorted(maps.Keys(t.Components.Schemas))
		for _, name := range names {
			ref := "#/components/schemas/" + name
			goName := p.givenName(ref, t.Components.Schemas[name].Value)
			if goName == "" {
				goName = or(ident.Exported(name), "Schema")
			}
			p.compNames[ref] = p.names.Next(goName)
			if given := p.givenName(ref, t.Components.Schemas[name].Value); given != "" && p.compNames[ref] != given {
				p.warn(ref, "x-go-name %q is taken; the type is %s", given, p.compNames[ref])
			}
		}
		for _, name := range names {
			p.namedType("#/components/schemas/"+name, name, t.Components.Schemas[name].Value)
		}
	}
	if t.Paths != nil {
		for _, path := range t.Paths.InMatchingOrder() {
			item := t.Paths.Value(path)
			for _, method := range methodOrder {
				if op := item.GetOperation(method); op != nil {
					p.operation(path, method, item, op)
				}
			}
		}
	}
	for _, name := range sortedKeys(t.Webhooks) {
		item := t.Webhooks[name]
		for _, method := range methodOrder {
			if op := item.GetOperation(method); op != nil {
				p.webhook(name, method, item, op)
			}
		}
	}
	p.routes()
	p.dropUnusedEnvelopes()
	describeTypes(p.pkg)
	p.unsupportedTopLevel()
	slices.SortStableFunc(p.pkg.Ops, func(a, b *Operation) int { return strings.Compare(a.Name, b.Name) })
	p.planPaging()
	return p.pkg, p.diags
}

var methodOrder = []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodOptions, http.MethodHead, http.MethodPatch, http.MethodTrace}

// reservedNames are the generated package's own identifiers; the
// support code's come from runtimeNames.
var reservedNames = []string{"Client", "NewClient", "Option", "APIError", "Server", "NewHandler", "Mock", "NewMock",
	"ValidationError", "Violation", "Signer", "Verifier", "ServerOption", "AuthError", "DecodeError",
	"WithHTTPClient", "WithClock", "WithSigner", "WithMsgIDs", "WithRequestEditor", "WithVerifier", "WithMaxBodyBytes", "WithErrorLog",
	"WaiqinSigner", "WaiqinVerifier", "WaiqinDigest"}

var (
	runtimeNamesOnce sync.Once
	runtimeNamesList []string
)

// runtimeNames are the type names the support code copied into every
// package would clash with: its exported identifiers, and X for each of
// its readX functions, since a type X gets a reader named readX. They are
// read from the embedded sources, so new support code is covered without
// a list to keep in step.
func runtimeNames() []string {
	runtimeNamesOnce.Do(func() {
		entries, _ := runtimeFiles.ReadDir("runtime")
		seen := map[string]bool{}
		for _, e := range entries {
			src, err := runtimeFiles.ReadFile("runtime/" + e.Name())
			if err != nil {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), e.Name(), src, parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				for _, name := range declNames(d) {
					if rest, ok := strings.CutPrefix(name, "read"); ok && rest != "" && ast.IsExported(rest) {
						seen[rest] = true
					}
					if ast.IsExported(name) {
						seen[name] = true
					}
				}
			}
		}
		runtimeNamesList = slices.Sorted(maps.Keys(seen))
	})
	return runtimeNamesList
}

// declNames lists the package-level names a declaration introduces.
func declNames(d ast.Decl) []string {
	var out []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			out = append(out, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				out = append(out, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					out = append(out, n.Name)
				}
			}
		}
	}
	return out
}

func (p *planner) readExtensions() {
	env, err := oas.Envelope(p.t)
	if err != nil {
		p.warn("#/"+oas.ExtEnvelope, "%v; responses are not unwrapped", err)
	}
	if env != nil {
		e := &Envelope{Code: env.Code, Message: env.Message, MsgID: env.MsgID, Data: env.Data, DataInString: env.DataInString(), Busy: env.Busy}
		for _, s := range env.Success {
			if code := fmt.Sprint(s); !slices.Contains(e.Success, code) {
				e.Success = append(e.Success, code)
			}
		}
		if env.FailureCode != nil {
			_, e.FailureIsText = env.FailureCode.(string)
			e.Failure = fmt.Sprint(env.FailureCode)
		}
		if e.Code != "" && len(e.Success) > 0 {
			p.pkg.Envelope = e
		}
	}
	p.readAuth()
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// unsupportedTopLevel reports the parts of a spec the generated package
// leaves to the caller: security schemes (credentials go in through
// WithRequestEditor or WithSigner) and webhooks.
func (p *planner) unsupportedTopLevel() {
	if p.t.Components != nil {
		for _, name := range sortedKeys(p.t.Components.SecuritySchemes) {
			if p.pkg.Auth != nil && (name == p.securityScheme || name == p.pkg.Auth.Scheme) {
				continue // the client applies it
			}
			kind := ""
			if s := p.t.Components.SecuritySchemes[name]; s != nil && s.Value != nil {
				kind = s.Value.Type
				if s.Value.Scheme != "" {
					kind += " " + s.Value.Scheme
				}
			}
			p.warn("#/components/securitySchemes/"+oas.EscapePointer(name), "security scheme %q (%s) is not applied by the client; set credentials with WithRequestEditor", name, kind)
		}
	}
}

// warn reports a construct the generator cannot express exactly.
// givenName is the Go name a schema or operation's x-go-name sets, or ""
// when it sets none or one that is not an exported Go identifier (which
// is reported).
func (p *planner) givenName(pointer string, ext any) string {
	var m map[string]any
	switch x := ext.(type) {
	case *openapi3.Schema:
		if x != nil {
			m = x.Extensions
		}
	case *openapi3.Operation:
		if x != nil {
			m = x.Extensions
		}
	}
	v, ok := m[oas.ExtGoName]
	if !ok {
		return ""
	}
	name, _ := v.(string)
	if !token.IsIdentifier(name) || !token.IsExported(name) {
		p.warn(pointer+"/"+oas.ExtGoName, "x-go-name %q is not an exported Go identifier; the name is derived instead", fmt.Sprint(v))
		return ""
	}
	return name
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (p *planner) warn(pointer, format string, args ...any) {
	p.diags.Add(diag.Pos{File: p.file, Line: p.lines.Line(pointer)}, diag.Unsupported, "%s: %s", pointer, fmt.Sprintf(format, args...))
}
