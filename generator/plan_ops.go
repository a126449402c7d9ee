package generator

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/ident"
)

// operation plans one API call: its parameters, body, result and the
// method's argument type.
func (p *planner) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation) {
	id := op.OperationID
	if id == "" {
		id = strings.ToLower(method) + "_" + path
	}
	name := ident.Exported(id)
	if name == "" {
		name = "Operation"
	}
	name = p.names.Next(name)
	pointer := "#/paths/" + escapePointer(path) + "/" + strings.ToLower(method)
	o := &Operation{ID: id, Name: name, Method: method, Path: path, Summary: op.Summary, Doc: op.Description}

	params := append(openapi3.Parameters{}, item.Parameters...)
	params = append(params, op.Parameters...)
	seen := map[string]bool{}
	used := ident.Unique{}
	used.Claim("Body")
	for i := len(params) - 1; i >= 0; i-- { // operation parameters override path-item ones
		pr := params[i].Value
		if pr == nil || seen[pr.In+" "+pr.Name] {
			continue
		}
		seen[pr.In+" "+pr.Name] = true
		if pr.In == openapi3.ParameterInCookie {
			p.warn(pointer, "cookie parameter %q is not generated; set it with WithRequestEditor", pr.Name)
			continue
		}
		goName := ident.Exported(pr.Name)
		if goName == "" {
			goName = "Param"
		}
		q := &Param{Name: pr.Name, In: pr.In, Required: pr.Required || pr.In == openapi3.ParameterInPath, Auth: str(pr.Extensions[spec.ExtAuth])}
		q.GoName = used.Next(goName)
		q.Type = &GoType{Kind: String}
		if pr.Schema != nil && pr.Schema.Value != nil {
			q.Type = p.refType(name+goName, pr.Schema, pointer+"/parameters/"+pr.Name)
			q.Rules = rulesOf(pr.Schema.Value)
			if !paramScalar(q.Type) {
				p.warn(pointer, "parameter %q is not a scalar or list of scalars; it is sent as JSON text", pr.Name)
				q.Type = &GoType{Kind: String}
			}
		}
		o.Params = append([]*Param{q}, o.Params...)
	}

	if op.RequestBody != nil && op.RequestBody.Value != nil {
		rb := op.RequestBody.Value
		media, mt := pickMedia(rb.Content)
		if mt != nil && mt.Schema != nil {
			o.BodyMedia = media
			o.BodyRequired = rb.Required
			o.Body = p.refType(name+"Body", mt.Schema, pointer+"/requestBody")
			o.RequestExample = exampleOf(mt)
		} else if len(rb.Content) > 0 {
			p.warn(pointer+"/requestBody", "no JSON or form media type; the body is not generated")
		}
	}
	o.Result, o.ResultExample = p.result(name, op, pointer)
	o.Request = p.requestType(o)
	p.pkg.Ops = append(p.pkg.Ops, o)
}

func paramScalar(t *GoType) bool {
	switch t.Kind {
	case String, Int32, Int64, Float64, Bool, Decimal:
		return true
	case Named:
		return t.Named.Kind == EnumType
	case Slice:
		return paramScalar(t.Elem)
	}
	return false
}

// pickMedia prefers JSON, then form encoding.
func pickMedia(content openapi3.Content) (string, *openapi3.MediaType) {
	keys := make([]string, 0, len(content))
	for k := range content {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, want := range []string{"application/json", "+json", "application/x-www-form-urlencoded", "multipart/form-data"} {
		for _, k := range keys {
			if k == want || strings.HasSuffix(k, want) || strings.HasPrefix(k, "application/json") && want == "application/json" {
				return k, content[k]
			}
		}
	}
	return "", nil
}

func exampleOf(mt *openapi3.MediaType) json.RawMessage {
	var v any = mt.Example
	if v == nil {
		for _, name := range sortedKeys(mt.Examples) {
			if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
				v = ex.Value.Value
				break
			}
		}
	}
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return raw
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// result plans what a successful call returns: with an envelope, the
// schema of its data (read through contentSchema when the data is JSON
// in a string); without, the first 2xx JSON response.
func (p *planner) result(name string, op *openapi3.Operation, pointer string) (*GoType, json.RawMessage) {
	if op.Responses == nil {
		return nil, nil
	}
	var codes []string
	for code := range op.Responses.Map() {
		if strings.HasPrefix(code, "2") {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	for _, code := range codes {
		r := op.Responses.Value(code)
		if r == nil || r.Value == nil {
			continue
		}
		media, mt := pickMedia(r.Value.Content)
		if mt == nil || mt.Schema == nil || !strings.Contains(media, "json") {
			continue
		}
		ex := exampleOf(mt)
		if env := p.pkg.Envelope; env != nil {
			s := mt.Schema.Value
			if s == nil || s.Properties[env.Code] == nil {
				return p.refType(name+"Result", mt.Schema, pointer), ex
			}
			data := s.Properties[env.Data]
			ex = envelopeData(ex, env)
			switch {
			case data == nil || data.Value == nil:
				return nil, ex
			case env.DataInString && data.Value.ContentSchema != nil:
				return p.refType(name+"Result", data.Value.ContentSchema, pointer+"/contentSchema"), ex
			case env.DataInString:
				return &GoType{Kind: Raw}, ex
			case len(data.Value.AllOf) == 1:
				return p.refType(name+"Result", data.Value.AllOf[0], pointer), ex
			case data.Value.Type == nil && len(data.Value.Properties) == 0 && data.Ref == "":
				return &GoType{Kind: Raw}, ex
			}
			return p.refType(name+"Result", data, pointer), ex
		}
		return p.refType(name+"Result", mt.Schema, pointer+"/responses/"+code), ex
	}
	return nil, nil
}

// envelopeData takes the data out of an enveloped response example.
func envelopeData(ex json.RawMessage, env *Envelope) json.RawMessage {
	if ex == nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(ex, &m) != nil {
		return nil
	}
	data := m[env.Data]
	if env.DataInString && len(data) > 0 && data[0] == '"' {
		var inner string
		if json.Unmarshal(data, &inner) == nil {
			return json.RawMessage(inner)
		}
	}
	if string(data) == "null" {
		return nil
	}
	return data
}

// requestType decides the method's argument: the body type itself when
// the caller sets no parameters, else a struct of the parameters and the
// body.
func (p *planner) requestType(o *Operation) *Type {
	var visible []*Param
	for _, q := range o.Params {
		if q.Auth == "" {
			visible = append(visible, q)
		}
	}
	if len(visible) == 0 {
		if o.Body != nil && o.Body.Kind == Named && o.Body.Named.Kind == StructType {
			return o.Body.Named
		}
		if o.Body == nil {
			return nil
		}
	}
	t := &Type{Name: p.names.Next(o.Name + "Request"), Kind: StructType, Wrapper: true, Doc: "the parameters and body of " + o.Name}
	for _, q := range visible {
		k := q.Type.Kind
		t.Fields = append(t.Fields, &Field{Name: q.GoName, JSON: q.Name, Type: q.Type, Required: q.Required, Rules: q.Rules,
			Pointer: !q.Required && (k == Int32 || k == Int64 || k == Float64 || k == Bool),
			Doc:     q.In + " parameter " + q.Name})
	}
	if o.Body != nil {
		t.Fields = append(t.Fields, &Field{Name: "Body", JSON: "", Type: o.Body, Required: o.BodyRequired,
			Pointer: o.Body.Kind == Named && o.Body.Named.Kind == StructType, Doc: "the request body"})
	}
	p.pkg.Types = append(p.pkg.Types, t)
	return t
}

func itoa(i int) string { return strconv.Itoa(i) }

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
