package generator

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
)

// operation plans one API call: its parameters, body, result and the
// method's argument type.
func (p *planner) operation(path, method string, item *openapi3.PathItem, op *openapi3.Operation) {
	o := p.planOperation(path, "#/paths/"+oas.EscapePointer(path), method, item, op, strings.ToLower(method)+"_"+path)
	p.pkg.Ops = append(p.pkg.Ops, o)
}

// webhook plans a call the API makes to the user's server: the request
// it sends is planned as an operation's, and the handler answers it.
func (p *planner) webhook(name, method string, item *openapi3.PathItem, op *openapi3.Operation) {
	o := p.planOperation("", "#/webhooks/"+oas.EscapePointer(name), method, item, op, name)
	o.Summary = name
	o.Secured = false // the vendor calls it: the API's credentials are the user's, not the vendor's
	o.Handler = p.names.Next("Handle" + o.Name)
	p.pkg.Webhooks = append(p.pkg.Webhooks, o)
}

// planOperation plans one operation of the path item at itemPointer (a
// path's, or a webhook's), its path being path; fallbackID names it when
// the spec gives no operationId.
func (p *planner) planOperation(path, itemPointer, method string, item *openapi3.PathItem, op *openapi3.Operation, fallbackID string) *Operation {
	id := op.OperationID
	if id == "" {
		id = fallbackID
	}
	pointer := itemPointer + "/" + strings.ToLower(method)
	given := p.givenName(pointer, op)
	name := or(given, or(ident.Exported(id), "Operation"))
	name = p.names.Next(name)
	if given != "" && name != given {
		p.warn(pointer, "x-go-name %q is taken; the method is %s", given, name)
	}
	// A #fragment never reaches the server: it only tells apart
	// operations the spec puts on one URL.
	wire, _, _ := strings.Cut(path, "#")
	o := &Operation{ID: id, Name: name, Method: method, Path: wire, Summary: op.Summary, Doc: op.Description, op: op, pointer: pointer, specPath: path}
	o.Idempotent = p.idempotent(pointer, method, op)

	type source struct {
		ref     *openapi3.ParameterRef
		pointer string
	}
	var params []source
	for i, pr := range item.Parameters {
		params = append(params, source{pr, itemPointer + "/parameters/" + itoa(i)})
	}
	for i, pr := range op.Parameters {
		params = append(params, source{pr, pointer + "/parameters/" + itoa(i)})
	}
	seen := map[string]bool{}
	used := ident.Unique{}
	used.Claim("Body")
	used.Claim("Validate")
	for i := len(params) - 1; i >= 0; i-- { // operation parameters override path-item ones
		pr, at := params[i].ref.Value, params[i].pointer
		if pr == nil || seen[pr.In+" "+pr.Name] {
			continue
		}
		seen[pr.In+" "+pr.Name] = true
		if pr.In == openapi3.ParameterInHeader && clientHeader(pr.Name) {
			continue
		}
		if pr.In == openapi3.ParameterInCookie {
			p.warn(at, "cookie parameter %q is not generated; set it with WithRequestEditor", pr.Name)
			continue
		}
		goName := ident.Exported(pr.Name)
		if goName == "" {
			goName = "Param"
		}
		q := &Param{Name: pr.Name, In: pr.In, Required: pr.Required || pr.In == openapi3.ParameterInPath, Auth: str(pr.Extensions[oas.ExtCredential])}
		q.GoName = used.Next(goName)
		q.Type = &GoType{Kind: String}
		if pr.Schema != nil && pr.Schema.Value != nil {
			q.Type = p.refType(name+goName, pr.Schema, at+"/schema")
			inner, innerAt, _ := unwrap(pr.Schema, at+"/schema")
			q.Rules = fitEnum(p.rulesOf(inner.Value, innerAt), q.Type)
			if !paramScalar(q.Type) {
				p.warn(at, "parameter %q is not a scalar or list of scalars; it is sent as JSON text", pr.Name)
				q.Type = &GoType{Kind: String}
			}
		} else if len(pr.Content) > 0 {
			p.warn(at, "parameter %q is described by content, not a schema; it is sent as text", pr.Name)
		}
		if q.Type.Kind == Slice {
			q.Delimiter = p.delimiter(pr, at)
		}
		o.Params = append([]*Param{q}, o.Params...)
	}

	if op.RequestBody != nil && op.RequestBody.Value != nil {
		p.requestBody(o, op.RequestBody.Value, pointer+"/requestBody")
	}
	o.Result, o.ResultExample, o.Status = p.result(name, op, pointer)
	for _, cb := range sortedKeys(op.Callbacks) {
		p.warn(pointer+"/callbacks/"+oas.EscapePointer(cb), "callback %q is not generated", cb)
	}
	o.Request = p.requestType(o)
	o.Secured = p.secured(o, op)
	return o
}

// clientHeader reports the headers the client sets itself: Content-Type
// from the body it sends, Accept from the answer it reads. OpenAPI says
// header parameters so named are ignored; docs list them anyway, and a
// field for them would let a caller send a body under a type it is not
// in.
func clientHeader(name string) bool {
	switch strings.ToLower(name) {
	case "content-type", "accept":
		return true
	}
	return false
}

// delimiter is how a list parameter's items travel: repeated query
// parameters for the default exploded form style, else one value joined
// as its style says.
func (p *planner) delimiter(pr *openapi3.Parameter, pointer string) string {
	explode := pr.Explode == nil || *pr.Explode
	switch pr.In {
	case openapi3.ParameterInQuery:
		switch pr.Style {
		case "", openapi3.SerializationForm:
			if explode {
				return ""
			}
			return ","
		case openapi3.SerializationSpaceDelimited:
			return " "
		case openapi3.SerializationPipeDelimited:
			return "|"
		}
	case openapi3.ParameterInPath, openapi3.ParameterInHeader:
		if pr.Style == "" || pr.Style == openapi3.SerializationSimple {
			return ","
		}
	}
	p.warn(pointer, "parameter %q has style %q, which is not generated; its items are sent comma-separated", pr.Name, pr.Style)
	return ","
}

// requestBody plans the body: JSON, a form, or (without files) a
// multipart form. Other media types are reported and not generated.
func (p *planner) requestBody(o *Operation, rb *openapi3.RequestBody, pointer string) {
	media, mt := pickMedia(rb.Content)
	if mt == nil || mt.Schema == nil {
		if len(rb.Content) > 0 {
			p.warn(pointer, "no JSON or form media type (%s); the body is not generated", strings.Join(sortedKeys(rb.Content), ", "))
		}
		return
	}
	// Two JSON media types are two meanings (Kubernetes' PATCH takes a
	// JSON patch, a merge patch or a strategic merge patch), not two
	// encodings of one value: the client sends one.
	if others := otherMedia(rb.Content, media); strings.Contains(media, "json") && slices.ContainsFunc(others, isJSONMedia) {
		p.warn(pointer, "the body is sent as %s; %s are not generated", media, strings.Join(others, ", "))
	}
	at := pointer + "/content/" + oas.EscapePointer(media) + "/schema"
	isForm := media == "application/x-www-form-urlencoded" || media == "multipart/form-data"
	if isForm {
		inner, innerAt, _ := unwrap(mt.Schema, at)
		if !p.formFields(media, inner, innerAt) {
			return
		}
	}
	o.BodyMedia = media
	o.BodyRequired = rb.Required
	o.Body = p.refType(o.Name+"Body", mt.Schema, at)
	o.RequestExample = exampleOf(mt)
}

// formFields checks that a form body is an object of fields the client
// can encode: a list or object is sent as its JSON text, and a multipart
// form with a file is not generated.
func (p *planner) formFields(media string, r *openapi3.SchemaRef, pointer string) bool {
	s := r.Value
	if !isObject(s) && !onlyType(s, openapi3.TypeObject) {
		p.warn(pointer, "a %s body that is not an object is not generated", media)
		return false
	}
	props := map[string]*openapi3.SchemaRef{}
	var collect func(s *openapi3.Schema, at string, seen map[*openapi3.Schema]bool)
	order := []string{}
	where := map[string]string{}
	collect = func(s *openapi3.Schema, at string, seen map[*openapi3.Schema]bool) {
		if seen[s] {
			return
		}
		seen[s] = true
		for i, part := range s.AllOf {
			if part.Value != nil {
				collect(part.Value, at+"/allOf/"+itoa(i), seen)
			}
		}
		for _, name := range oas.PropertyOrder(s) {
			if _, dup := props[name]; !dup {
				props[name] = s.Properties[name]
				where[name] = at + "/properties/" + oas.EscapePointer(name)
				order = append(order, name)
			}
		}
	}
	collect(s, pointer, map[*openapi3.Schema]bool{})
	fields := map[string]*openapi3.Schema{}
	for _, name := range order {
		if prop, _, _ := unwrap(props[name], where[name]); prop.Value != nil {
			fields[name] = prop.Value
		}
	}
	for _, name := range order {
		if v := fields[name]; v != nil && media == "multipart/form-data" && isFile(v) {
			p.warn(where[name], "multipart/form-data with a file (%q) is not generated; the operation has no body argument", name)
			return false
		}
	}
	for _, name := range order {
		if v := fields[name]; v != nil && !isScalar(v) {
			p.warn(where[name], "form field %q is not a scalar; it is sent as JSON text", name)
		}
	}
	return true
}

// isFile reports a form field that carries a file's bytes.
func isFile(s *openapi3.Schema) bool {
	if s.Format == "binary" || s.ContentMediaType != "" && !strings.Contains(s.ContentMediaType, "json") {
		return true
	}
	return s.Items != nil && s.Items.Value != nil && s.Items.Value.Format == "binary"
}

func paramScalar(t *GoType) bool {
	switch t.Kind {
	case String, Int32, Int64, Float64, Bool, Decimal:
		return true
	case Named:
		return t.Named.Kind == EnumType || t.Named.Kind == AliasType && t.Named.Under.Kind != Slice && paramScalar(t.Named.Under)
	case Slice:
		return paramScalar(t.Elem)
	}
	return false
}

// pickMedia prefers JSON, then form encoding. Of the JSON media types
// other than application/json it prefers a JSON merge patch (RFC 7396),
// whose body is the value the schema describes, to a JSON patch (RFC
// 6902), whose body is a list of operations whatever the schema says.
func pickMedia(content openapi3.Content) (string, *openapi3.MediaType) {
	keys := make([]string, 0, len(content))
	for k := range content {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, want := range []string{"application/json", "application/merge-patch+json", "+json", "application/x-www-form-urlencoded", "multipart/form-data"} {
		for _, k := range keys {
			if k == want || strings.HasSuffix(k, want) || want == "application/json" && mediaBase(k) == want {
				return k, content[k]
			}
		}
	}
	if anything := content["*/*"]; anything != nil && anything.Schema != nil {
		// Any media type, with a schema (springfox's "produces: */*",
		// Kubernetes' request bodies): JSON is one, and the one a schema
		// describes.
		return "application/json", anything
	}
	return "", nil
}

// otherMedia lists content's media types but chosen, sorted.
func otherMedia(content openapi3.Content, chosen string) []string {
	var others []string
	for _, k := range sortedKeys(content) {
		if k != chosen {
			others = append(others, k)
		}
	}
	return others
}

// mediaBase is a media type without its parameters, in lower case.
func mediaBase(media string) string {
	base, _, _ := strings.Cut(media, ";")
	return strings.ToLower(strings.TrimSpace(base))
}

// isJSONMedia reports application/json and the +json media types.
func isJSONMedia(media string) bool {
	base := mediaBase(media)
	return base == "application/json" || strings.HasSuffix(base, "+json")
}

// isStreamMedia reports a media type whose body is a stream of values
// rather than one: server-sent events, JSON lines and JSON text sequences,
// and a stream parameter (Kubernetes' application/json;stream=watch).
func isStreamMedia(media string) bool {
	switch mediaBase(media) {
	case "text/event-stream", "application/x-ndjson", "application/ndjson", "application/jsonl",
		"application/x-jsonlines", "application/json-seq", "application/stream+json":
		return true
	}
	_, params, _ := strings.Cut(strings.ToLower(media), ";")
	for p := range strings.SplitSeq(params, ";") {
		if k, _, _ := strings.Cut(p, "="); strings.TrimSpace(k) == "stream" {
			return true
		}
	}
	return false
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
// in a string); without, the first 2xx JSON response, or the default
// response when the spec lists no 2xx one. Other responses are not
// decoded: the client returns them as *APIError with the status and the
// body as received.
func (p *planner) result(name string, op *openapi3.Operation, pointer string) (*GoType, json.RawMessage, int) {
	if op.Responses == nil {
		return nil, nil, 0
	}
	var codes []string
	for code := range op.Responses.Map() {
		if strings.HasPrefix(code, "2") {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	if len(codes) == 0 && op.Responses.Value("default") != nil {
		codes = []string{"default"}
	}
	var chosen *openapi3.SchemaRef
	var chosenCode string
	var out *GoType
	var example json.RawMessage
	status := 0
	if len(codes) > 0 {
		status, _ = strconv.Atoi(codes[0])
	}
	for _, code := range codes {
		r := op.Responses.Value(code)
		if r == nil || r.Value == nil {
			continue
		}
		at := pointer + "/responses/" + oas.EscapePointer(code)
		media, mt := pickMedia(r.Value.Content)
		if mt == nil || mt.Schema == nil || !strings.Contains(media, "json") {
			if other := sortedKeys(r.Value.Content); len(other) > 0 && out == nil {
				p.warn(at, "the %s response is %s, not JSON; the client method does not return its body", code, strings.Join(other, ", "))
			}
			continue
		}
		at += "/content/" + oas.EscapePointer(media) + "/schema"
		if chosen != nil {
			if !sameSchema(chosen, mt.Schema) {
				p.warn(at, "the %s response's schema differs from the %s response's; the client decodes both as the %s schema", code, chosenCode, chosenCode)
			}
			continue
		}
		chosen, chosenCode = mt.Schema, code
		status, _ = strconv.Atoi(code)
		// The response's other media types are the same value in other
		// encodings, which the client's Accept: application/json declines;
		// a stream is not, and comes whatever the Accept (with "stream":
		// true in the body, or watch=true in the query).
		if streams := slices.DeleteFunc(sortedKeys(r.Value.Content), func(m string) bool { return !isStreamMedia(m) }); len(streams) > 0 {
			p.warn(pointer+"/responses/"+oas.EscapePointer(code), "the %s response may be a stream (%s); the client method reads one %s value, not a stream", code, strings.Join(streams, ", "), media)
		}
		out, example = p.resultOf(name, mt, at)
		for _, h := range sortedKeys(r.Value.Headers) {
			p.warn(pointer+"/responses/"+oas.EscapePointer(code)+"/headers/"+oas.EscapePointer(h), "response header %q is not returned by the client method", h)
		}
	}
	return out, example, status
}

// sameSchema reports whether two responses share their schema.
func sameSchema(a, b *openapi3.SchemaRef) bool {
	if a.Ref != "" || b.Ref != "" {
		return a.Ref == b.Ref
	}
	return a.Value == b.Value
}

// resultOf plans the result type of one JSON response.
func (p *planner) resultOf(name string, mt *openapi3.MediaType, pointer string) (*GoType, json.RawMessage) {
	ex := exampleOf(mt)
	env := p.pkg.Envelope
	if env == nil {
		return p.refType(name+"Result", mt.Schema, pointer), ex
	}
	s := mt.Schema.Value
	if s == nil || s.Properties[env.Code] == nil {
		return p.refType(name+"Result", mt.Schema, pointer), ex
	}
	if env.Data == "" {
		// A flat envelope: the result is the whole response.
		return p.refType(name+"Result", mt.Schema, pointer), ex
	}
	// The client unwraps the envelope: its own type is only needed if
	// something else refers to it (see dropUnusedEnvelopes).
	p.envelopes[s] = true
	data := s.Properties[env.Data]
	ex = envelopeData(ex, env)
	dataAt := pointer + "/properties/" + oas.EscapePointer(env.Data)
	switch {
	case data == nil || data.Value == nil:
		return nil, ex
	case env.DataInString && data.Value.ContentSchema != nil:
		return p.refType(name+"Result", data.Value.ContentSchema, dataAt+"/contentSchema"), ex
	case env.DataInString:
		return &GoType{Kind: Raw}, ex
	case len(data.Value.AllOf) == 1:
		return p.refType(name+"Result", data.Value.AllOf[0], dataAt+"/allOf/0"), ex
	case data.Value.Type == nil && len(data.Value.Properties) == 0 && data.Ref == "":
		return &GoType{Kind: Raw}, ex
	}
	return p.refType(name+"Result", data, dataAt), ex
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
		if o.Body != nil && o.Body.isStruct() {
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
			Pointer: o.Body.isStruct(), Doc: "the request body"})
	}
	p.pkg.Types = append(p.pkg.Types, t)
	return t
}

func itoa(i int) string { return strconv.Itoa(i) }

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// idempotent reports whether an operation is safe to send again: by its
// method (RFC 9110 §9.2.2), unless x-apigen-idempotent says otherwise, as
// for a POST that only reads or a GET that changes something.
func (p *planner) idempotent(pointer, method string, op *openapi3.Operation) bool {
	switch v := op.Extensions[oas.ExtIdempotent].(type) {
	case bool:
		return v
	case nil:
	default:
		p.warn(pointer+"/"+oas.ExtIdempotent, "%#v is not true or false; the method decides", v)
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}
