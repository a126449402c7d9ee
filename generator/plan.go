// Package generator turns an OpenAPI 3.0/3.1 document into a Go package:
// models with lenient decoding, validators, a client, a server interface
// with its handler, and a mock. It first plans what to generate (names,
// fields, methods) in plain data, then writes the plan with jennifer.
package generator

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/ident"
)

// Package is the plan of one generated package.
type Package struct {
	Name     string
	Title    string
	Types    []*Type
	Ops      []*Operation
	Envelope *Envelope
	Signing  string // signing scheme, "" for none
}

// Envelope is the response wrapper from x-apigen-envelope.
type Envelope struct {
	Code, Message, MsgID, Data string
	Success                    []string
	Failure                    string
	FailureIsText              bool
	DataInString               bool
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
	Pointer  bool // optional scalar or struct held by pointer
	AsString bool // a number the vendor sends as a JSON string
	Rules    Rules
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

func (r Rules) empty() bool {
	return r.MaxLength == nil && r.MinLength == nil && r.Pattern == "" && r.Min == nil && r.Max == nil &&
		r.MinItems == nil && r.MaxItems == nil && len(r.Enum) == 0 && r.DecimalPattern == ""
}

// Operation is one API call.
type Operation struct {
	ID, Name      string // operationId and Go method name
	Method, Path  string
	Summary, Doc  string
	Params        []*Param
	Body          *GoType // nil when no body
	BodyMedia     string  // application/json or application/x-www-form-urlencoded
	BodyRequired  bool
	Request       *Type   // the method's argument type: the body type, or a struct of params and body
	Result        *GoType // the decoded data; nil when the doc shows none
	ResultExample json.RawMessage
	RequestExample json.RawMessage
}

// Param is one parameter.
type Param struct {
	Name, GoName, In string
	Type             *GoType
	Required         bool
	Auth             string // credential role the client fills; "" for caller-set params
	Rules            Rules
}

// planner holds the state of planning one spec.
type planner struct {
	t      *openapi3.T
	pkg    *Package
	names  ident.Unique
	byRef  map[string]*Type
	bySchema map[*openapi3.Schema]*Type
	diags  diag.List
	file   string
}

// Plan decides what to generate for a spec.
func Plan(t *openapi3.T, pkgName, file string) (*Package, diag.List) {
	p := &planner{t: t, pkg: &Package{Name: pkgName}, byRef: map[string]*Type{}, bySchema: map[*openapi3.Schema]*Type{}, file: file}
	if t.Info != nil {
		p.pkg.Title = t.Info.Title
	}
	for _, reserved := range reservedNames {
		p.names.Claim(reserved)
	}
	p.readExtensions()
	if t.Components != nil {
		for _, name := range slices.Sorted(maps.Keys(t.Components.Schemas)) {
			p.namedType("#/components/schemas/"+name, name, t.Components.Schemas[name].Value)
		}
	}
	for _, path := range t.Paths.InMatchingOrder() {
		item := t.Paths.Value(path)
		for _, method := range methodOrder {
			if op := item.GetOperation(method); op != nil {
				p.operation(path, method, item, op)
			}
		}
	}
	slices.SortStableFunc(p.pkg.Ops, func(a, b *Operation) int { return strings.Compare(a.Name, b.Name) })
	return p.pkg, p.diags
}

var methodOrder = []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodOptions, http.MethodHead, http.MethodPatch, http.MethodTrace}

// reservedNames are the generated package's own identifiers.
var reservedNames = []string{"Client", "NewClient", "Option", "APIError", "Server", "NewHandler", "Mock", "NewMock",
	"ValidationError", "Violation", "Signer", "Verifier", "ServerOption", "AuthError", "DecodeError",
	"WithHTTPClient", "WithClock", "WithSigner", "WithMsgIDs", "WithRequestEditor", "WithVerifier", "WithMaxBodyBytes", "WithErrorLog",
	"WaiqinSigner", "WaiqinVerifier", "WaiqinDigest"}

func (p *planner) readExtensions() {
	ext := p.t.Extensions
	if env, ok := ext[spec.ExtEnvelope].(map[string]any); ok {
		e := &Envelope{
			Code: str(env["code"]), Message: str(env["message"]), MsgID: str(env["msgId"]), Data: str(env["data"]),
			DataInString: str(env["dataEncoding"]) == "json-string",
		}
		if list, ok := env["success"].([]any); ok {
			for _, s := range list {
				if code := fmt.Sprint(s); !slices.Contains(e.Success, code) {
					e.Success = append(e.Success, code)
				}
			}
		}
		if f, ok := env["failureCode"]; ok {
			_, e.FailureIsText = f.(string)
			e.Failure = fmt.Sprint(f)
		}
		if e.Code != "" && len(e.Success) > 0 {
			p.pkg.Envelope = e
		}
	}
	if sig, ok := ext[spec.ExtSigning].(map[string]any); ok {
		p.pkg.Signing = str(sig["scheme"])
	}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// warn reports a construct the generator cannot express exactly.
func (p *planner) warn(pointer, format string, args ...any) {
	p.diags.Add(diag.Pos{File: p.file}, "W021", "%s: %s", pointer, fmt.Sprintf(format, args...))
}
