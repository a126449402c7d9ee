package spec

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/oas"
)

// operationBuilder turns one endpoint into an operation and the component
// schemas it names.
type operationBuilder struct {
	types      map[string]*parser.Table // the types the doc being built defines
	profile    *Profile
	envelope   *Envelope // the profile's or the detected one; nil for none
	auth       *authPlan // nil when requests carry no credentials
	components openapi3.Schemas
	diags      *diag.List
}

// built is one endpoint's operation with where it goes.
type built struct {
	Method, Path, Server string
	Op                   *openapi3.Operation
}

func (b *operationBuilder) build(ep *parser.Endpoint, opID string) built {
	server, path, _ := splitURL(ep.URL)
	method := strings.ToUpper(ep.Method)
	if method == "" {
		method = "POST"
		b.diags.Add(ep.Pos, diag.NoMethod, "endpoint %q names no HTTP method; POST was assumed", ep.Title)
	}
	op := &openapi3.Operation{
		OperationID: opID,
		Summary:     ep.Title,
		Description: ep.Description,
		Responses:   openapi3.NewResponses(),
		Extensions:  map[string]any{oas.ExtSource: fmt.Sprintf("%s:%d", filepath.Base(ep.Pos.File), ep.Pos.Line)},
	}
	if op.Summary == "" {
		op.Summary = opID
	}
	names := namesFor(opID)
	params, body, stream := b.splitRequest(ep, method, path)
	op.Parameters = b.parameters(server, path, params)
	// A GET sends no body: its request example shows the query.
	exampleQuery := (method == "GET" || method == "HEAD") && len(body) == 0 && stream == nil
	if exampleQuery {
		op.Parameters = append(op.Parameters, b.queryFromExample(ep.RequestExample, op.Parameters)...)
	}
	visible := 0
	for _, p := range op.Parameters {
		if _, cred := p.Value.Extensions[oas.ExtCredential]; !cred {
			visible++
		}
	}
	bodyName := names.Request
	if visible > 0 {
		bodyName = names.Body
	}
	if !exampleQuery {
		op.RequestBody = b.requestBody(ep, body, stream, bodyName)
	}
	setBodyMedia(op.RequestBody, requestMedia(ep))
	b.responses(op, ep, names)
	if errs := docErrors(ep); errs != nil {
		op.Extensions[oas.ExtErrors] = errs
	}
	return built{Method: method, Path: path, Server: server, Op: op}
}

// docError is a row of a failure table as the doc writes it.
type docError struct {
	Name        string `json:"name"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// docErrors keeps what the doc says of failures (错误响应 tables, 失败返回
// examples): no schema models it, and dropping it would lose it.
func docErrors(ep *parser.Endpoint) map[string]any {
	var rows []docError
	for _, t := range ep.ErrorTables {
		for _, f := range t.Fields {
			rows = append(rows, docError{f.Name, f.Type, f.Description})
		}
	}
	var examples []json.RawMessage
	for _, ex := range ep.ErrorExamples {
		if raw := rawJSON(exampleValue(ex)); raw != nil {
			examples = append(examples, raw)
		}
	}
	if len(rows) == 0 && len(examples) == 0 {
		return nil
	}
	out := map[string]any{}
	if len(rows) > 0 {
		out["fields"] = rows
	}
	if len(examples) > 0 {
		out["examples"] = examples
	}
	return out
}

// queryFromExample reads the request example of a GET as its query: each
// top-level member no parameter declares is one, typed by its value as a
// body member the example alone shows is. A member whose value is an
// object or an array cannot go in a query as it is, and is reported.
func (b *operationBuilder) queryFromExample(ex *parser.Example, have openapi3.Parameters) openapi3.Parameters {
	v := exampleValue(ex)
	if v == nil || v.Kind != ljson.Object {
		return nil
	}
	ns := newNester(b.diags)
	reconcile(ns.root, v, b.diags)
	var out openapi3.Parameters
	for _, n := range ns.root.children {
		if have.GetByInAndName(openapi3.ParameterInQuery, n.name) != nil || have.GetByInAndName(openapi3.ParameterInPath, n.name) != nil {
			continue
		}
		at := v.Pos
		if n.exMember != nil {
			at = n.exMember.KeyPos
		}
		switch {
		case !parser.IsFieldName(n.name):
			// What an example read from code that is not JSON yields
			// (a=1&b=2) is no name.
			b.diags.Add(at, diag.IgnoredText, "the GET request example's member %q is not written as a parameter's name; it is no parameter", n.name)
			continue
		case n.object || n.array || len(n.children) > 0:
			b.diags.Add(at, diag.IgnoredText, "the GET request example's member %q is an object or an array, which a query cannot carry as it is; it is no parameter", n.name)
			continue
		}
		s := fieldSchema(n, b.diags)
		p := openapi3.NewQueryParameter(n.name).WithSchema(s)
		p.Description, s.Description = s.Description, ""
		out = append(out, &openapi3.ParameterRef{Value: p})
	}
	return out
}

// splitRequest sorts request rows into parameters and body fields. A row
// the doc places (In) goes there; GET-like methods send top-level rows in
// the query; a profile's body-stream row stands for the whole body and
// pushes the other rows into the query.
func (b *operationBuilder) splitRequest(ep *parser.Endpoint, method, path string) (params, body []*parser.Field, stream *parser.Field) {
	rows := expandTypes(tableRows(ep.Request, exampleValue(ep.RequestExample)), b.types)
	templates := map[string]bool{}
	for _, p := range pathParams(path) {
		templates[p] = true
	}
	noBody := method == "GET" || method == "DELETE" || method == "HEAD"
	if b.profile != nil && b.profile.BodyStream != "" {
		for _, f := range rows {
			if strings.HasPrefix(strings.TrimSpace(f.Name), b.profile.BodyStream) {
				stream = f
			}
		}
	}
	for _, f := range rows {
		topLevel := len(splitName(f.Name)) == 1 && f.Depth == 0
		switch {
		case f == stream:
		case f.In != "" && f.In != "body" && f.In != "formData":
			params = append(params, f)
		case topLevel && templates[strings.TrimSpace(f.Name)]:
			// A member named like a path parameter (newEmployee.id under
			// /employees/{id}) stays in the body.
			params = append(params, f)
		case (f.In == "body" || f.In == "formData") && !noBody && f != stream && b.auth.credential(strings.TrimSpace(f.Name)) == nil:
			// The page places it in the body: a signed query does not
			// move it.
			body = append(body, f)
		case topLevel && (noBody || stream != nil || b.queryOnPost(f.Name) || b.auth.signsQuery() || b.auth.credential(strings.TrimSpace(f.Name)) != nil):
			params = append(params, f)
		default:
			body = append(body, f)
		}
	}
	return params, body, stream
}

func (b *operationBuilder) queryOnPost(name string) bool {
	if b.profile == nil {
		return false
	}
	for _, q := range b.profile.QueryOnPost {
		if q == strings.TrimSpace(name) {
			return true
		}
	}
	return false
}

// parameters makes the path parameters (auth ones marked for the client to
// fill) and the rows placed in query, header or path. A row placed in the
// path that the host names instead ({host}, {region}) is the server's
// variable, which the server entry carries; it is no parameter.
func (b *operationBuilder) parameters(server, path string, rows []*parser.Field) openapi3.Parameters {
	var out openapi3.Parameters
	byName := map[string]*parser.Field{}
	for _, f := range rows {
		byName[strings.TrimSpace(f.Name)] = f
	}
	inPath := pathParams(path)
	for _, name := range pathParams(server) {
		if f := byName[name]; f != nil && f.In == "path" && !slices.Contains(inPath, name) {
			delete(byName, name)
		}
	}
	for _, name := range inPath {
		p := openapi3.NewPathParameter(name).WithSchema(openapi3.NewStringSchema())
		if f := byName[name]; f != nil {
			p.Description = f.Description
			p.Schema = openapi3.NewSchemaRef("", b.paramSchema(f))
			delete(byName, name)
		}
		if c := b.auth.credential(name); c != nil && b.auth.roleIn[name] == openapi3.ParameterInPath {
			p.Description = c.Description
			p.Extensions = map[string]any{oas.ExtCredential: c.Role}
		}
		out = append(out, &openapi3.ParameterRef{Value: p})
	}
	for _, f := range rows {
		name := strings.TrimSpace(f.Name)
		if byName[name] == nil {
			continue
		}
		delete(byName, name)
		in := f.In
		if in == "" || in == "body" {
			in = openapi3.ParameterInQuery
		}
		c := b.auth.credential(name)
		if c != nil && f.In == "" {
			in = b.auth.roleIn[name]
		}
		p := &openapi3.Parameter{Name: name, In: in, Description: f.Description, Required: f.Required == parser.RequiredYes}
		if in == openapi3.ParameterInPath {
			p.Required = true
		}
		if c != nil && in == b.auth.roleIn[name] {
			// The doc's own words stay; the client fills it.
			p.Description = strings.TrimSpace(p.Description + "\n\n" + c.Description)
			p.Extensions = map[string]any{oas.ExtCredential: c.Role}
		}
		p.Schema = openapi3.NewSchemaRef("", b.paramSchema(f))
		out = append(out, &openapi3.ParameterRef{Value: p})
	}
	return out
}

// paramSchema types one parameter row as a field without nesting.
func (b *operationBuilder) paramSchema(f *parser.Field) *openapi3.Schema {
	ns := newNester(b.diags)
	ns.addRow(f)
	n := ns.root.children[0]
	s := fieldSchema(n, b.diags)
	s.Description = "" // the parameter carries it
	return s
}

// requestBody builds the JSON body from the body rows and the request
// example, as the component name.
func (b *operationBuilder) requestBody(ep *parser.Endpoint, rows []*parser.Field, stream *parser.Field, name string) *openapi3.RequestBodyRef {
	ex := exampleValue(ep.RequestExample)
	if stream != nil {
		s := &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeObject}, Description: stream.Description}
		yes := true
		s.AdditionalProperties = openapi3.AdditionalProperties{Has: &yes}
		s.Extensions = map[string]any{oas.ExtBodyStream: stream.Name, oas.ExtDocType: stream.Type}
		b.components[name] = openapi3.NewSchemaRef("", s)
		return jsonBody(name, ex, stream.Required == parser.RequiredYes)
	}
	if len(rows) == 0 && (ex == nil || ex.Kind != ljson.Object && ex.Kind != ljson.Array) {
		return nil
	}
	ns := newNester(b.diags)
	ns.addRows(rows)
	reconcile(ns.root, ex, b.diags)
	b.components[name] = openapi3.NewSchemaRef("", schemaOf(ns.root, b.diags))
	return jsonBody(name, ex, true)
}

func jsonBody(component string, ex *ljson.Value, required bool) *openapi3.RequestBodyRef {
	mt := openapi3.NewMediaType().WithSchemaRef(componentRef(component))
	if raw := rawJSON(ex); raw != nil {
		mt.Example = raw
	}
	body := openapi3.NewRequestBody().WithContent(openapi3.Content{"application/json": mt}).WithRequired(required)
	return &openapi3.RequestBodyRef{Value: body}
}

func componentRef(name string) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("#/components/schemas/"+name, nil)
}

func exampleValue(ex *parser.Example) *ljson.Value {
	if ex == nil {
		return nil
	}
	return ex.Value
}

// rawJSON renders an example value as ordered JSON.
func rawJSON(v *ljson.Value) json.RawMessage {
	if v == nil {
		return nil
	}
	raw, err := v.MarshalJSON()
	if err != nil {
		return nil
	}
	return raw
}
