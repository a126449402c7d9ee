// Package e2etest drives a generated package end to end in tests: it reads
// every operation's documented examples from the package's spec, calls the
// generated client method for each with the request example, and compares
// the typed result with the documented data. Generated packages differ in
// their types, so the calls go through reflection; the packages themselves
// use none. It also makes the hostile requests that test a server's
// limits: bodies made on the fly, slow clients, and a heap meter.
package e2etest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// Op is one operation with its documented examples.
type Op struct {
	ID, Method, Path string
	GoName           string
	Request          json.RawMessage // the request body example, nil when none
	Response         json.RawMessage // the whole response example as documented
	Data             json.RawMessage // the envelope's data (decoded from a string when it is JSON in a string)
}

// Load reads the operations of a spec file.
func Load(t testing.TB, specPath string) (*openapi3.T, []Op) {
	t.Helper()
	doc, diags := oas.Load(specPath)
	if doc == nil {
		t.Fatalf("loading %s: %v", specPath, diags)
	}
	env, err := oas.Envelope(doc)
	if err != nil {
		t.Fatal(err)
	}
	var ops []Op
	for _, path := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(path).Operations() {
			goName, _ := op.Extensions[oas.ExtGoName].(string)
			if goName == "" {
				goName = ident.Exported(op.OperationID)
			}
			o := Op{ID: op.OperationID, Method: method, Path: path, GoName: goName}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Example != nil {
					o.Request, _ = json.Marshal(mt.Example)
				} else if mt != nil && mt.Schema != nil {
					// The doc shows no request example: send the least a
					// valid request holds.
					o.Request, _ = json.Marshal(Sample(mt.Schema.Value))
				}
			}
			if r := op.Responses.Value("200"); r != nil && r.Value != nil {
				if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Example != nil {
					o.Response, _ = json.Marshal(mt.Example)
				}
			}
			o.Data = dataOf(o.Response, env)
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID < ops[j].ID })
	return doc, ops
}

func dataOf(resp json.RawMessage, env *profile.Envelope) json.RawMessage {
	if resp == nil || env == nil {
		return resp
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(resp, &m) != nil {
		return nil
	}
	data := m[env.Data]
	if env.DataInString() && len(data) > 0 && data[0] == '"' {
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

// Sample makes the smallest value a schema accepts: an object with its
// required properties, a list of one item, the first enum value, a date
// for date formats.
func Sample(s *openapi3.Schema) any {
	if s == nil {
		return nil
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	types := openapi3.Types{}
	if s.Type != nil {
		types = *s.Type
	}
	switch {
	case types.Includes(openapi3.TypeObject) || len(s.Properties) > 0:
		out := map[string]any{}
		for _, name := range s.Required {
			if p := s.Properties[name]; p != nil {
				out[name] = Sample(p.Value)
			}
		}
		return out
	case types.Includes(openapi3.TypeArray):
		if s.Items == nil {
			return []any{}
		}
		return []any{Sample(s.Items.Value)}
	case s.Format == "date":
		return "2024-01-02"
	case types.Includes(openapi3.TypeString):
		return "1"
	case types.Includes(openapi3.TypeInteger), types.Includes(openapi3.TypeNumber):
		return 1
	case types.Includes(openapi3.TypeBoolean):
		return true
	}
	return nil
}

// Call invokes client.<GoName>(ctx, req), with no options, with req decoded from the
// operation's request example, and returns the result (nil when the
// method returns only an error).
func Call(ctx context.Context, client any, op Op) (any, error) {
	m := reflect.ValueOf(client).MethodByName(op.GoName)
	if !m.IsValid() {
		return nil, fmt.Errorf("client has no method %s", op.GoName)
	}
	args := []reflect.Value{reflect.ValueOf(ctx)}
	fixed := m.Type().NumIn()
	if m.Type().IsVariadic() {
		fixed-- // the call's options, none given
	}
	if fixed == 2 {
		in := m.Type().In(1)
		req := reflect.New(in.Elem())
		if in.Kind() != reflect.Pointer {
			req = reflect.New(in)
		}
		if err := fillRequest(req, op.Request); err != nil {
			return nil, err
		}
		if in.Kind() == reflect.Pointer {
			args = append(args, req)
		} else {
			args = append(args, req.Elem())
		}
	}
	out := m.Call(args)
	errV := out[len(out)-1]
	if !errV.IsNil() {
		return nil, errV.Interface().(error)
	}
	if len(out) == 1 {
		return nil, nil
	}
	return out[0].Interface(), nil
}

// fillRequest decodes the request example into the method's argument
// (into its Body when the argument also carries parameters) and gives
// every empty text parameter a sample value, since docs show no examples
// for parameters.
func fillRequest(req reflect.Value, example json.RawMessage) error {
	v := req.Elem()
	target := req.Interface()
	if v.Kind() == reflect.Struct {
		if f, ok := v.Type().FieldByName("Body"); ok && f.Tag.Get("json") == "-" {
			body := v.FieldByIndex(f.Index)
			if body.Kind() == reflect.Pointer {
				body.Set(reflect.New(body.Type().Elem()))
				target = body.Interface()
			} else {
				target = body.Addr().Interface()
			}
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.Tag.Get("param") != "" && f.Type.Kind() == reflect.String && v.Field(i).String() == "" {
				v.Field(i).SetString("sample-" + f.Tag.Get("param"))
			}
		}
	}
	if example == nil {
		return nil
	}
	if err := json.Unmarshal(example, target); err != nil {
		return fmt.Errorf("decoding the request example: %w", err)
	}
	return nil
}

// Equivalent compares a typed result with the documented JSON the way a
// lenient reader sees it: numbers and numeric strings match by value,
// "" and null match an absent member, and every documented member must
// come back.
func Equivalent(want json.RawMessage, got any) error {
	raw, err := json.Marshal(got)
	if err != nil {
		return err
	}
	var w, g any
	if err := json.Unmarshal(want, &w); err != nil {
		return fmt.Errorf("documented data is not JSON: %w", err)
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return err
	}
	return compare("", w, g)
}

func compare(path string, want, got any) error {
	if absent(want) {
		if absent(got) {
			return nil
		}
		if s, ok := got.(string); ok && s == "" {
			return nil
		}
		return nil // a documented null may decode to a zero value
	}
	switch w := want.(type) {
	case map[string]any:
		if s, ok := want.(map[string]any); ok && len(s) == 0 && absent(got) {
			return nil
		}
		if ws, ok := got.(string); ok {
			// JSON kept as text by a string field
			var inner any
			if json.Unmarshal([]byte(ws), &inner) == nil {
				got = inner
			}
		}
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %v", path, got)
		}
		for k, v := range w {
			if err := compare(path+"."+k, v, g[k]); err != nil {
				return err
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok {
			if len(w) == 1 {
				return compare(path+"[0]", w[0], got)
			}
			return fmt.Errorf("%s: want a list, got %v", path, got)
		}
		if len(g) != len(w) {
			return fmt.Errorf("%s: want %d items, got %d", path, len(w), len(g))
		}
		for i := range w {
			if err := compare(path+"["+strconv.Itoa(i)+"]", w[i], g[i]); err != nil {
				return err
			}
		}
		return nil
	}
	if scalarText(want) != scalarText(got) {
		wf, werr := strconv.ParseFloat(scalarText(want), 64)
		gf, gerr := strconv.ParseFloat(scalarText(got), 64)
		if werr == nil && gerr == nil && wf == gf {
			return nil
		}
		return fmt.Errorf("%s: want %v, got %v", strings.TrimPrefix(path, "."), want, got)
	}
	return nil
}

func absent(v any) bool { return v == nil }

func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}
