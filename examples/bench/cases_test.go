package bench_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/go-faster/jx"

	"example.com/bench"
	"example.com/bench/ogenapi"
	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/generated/showdoc"
	"github.com/apigen/apigen/generated/waiqin"
)

const (
	openID = "5465103569540931532"
	appKey = "BFCO0PAgIUgd50c0l6"
)

type validatable interface{ Validate() error }

// A body is one operation's documented request body with every
// contender's way of reading it.
type body struct {
	api, op string // "waiqin", "startPlan"
	json    []byte
	// generated decodes with the generated type's UnmarshalJSON.
	generated func([]byte) (validatable, error)
	// plain decodes with encoding/json into the hand-written struct.
	plain func([]byte) (any, error)
	// ogen decodes as ogen's server does: Decode, then nothing may follow.
	ogen func([]byte) (validatable, error)
	// kin is openapi3filter's input for a request carrying the body.
	kin *openapi3filter.RequestValidationInput
	// route is the operation's path pattern, with {openid}... for waiqin.
	route string
	// serveHandWritten serves the operation the hand-written way.
	serveHandWritten http.HandlerFunc
}

// bodies are the benchmarked operations: three Waiqin operations of
// growing size (two strings; a list of lists; forty-odd members with
// enums, decimals, dates and lists) and ShowDoc's customer operation.
var bodies = []struct {
	api, op   string
	generated func([]byte) (validatable, error)
	plain     func([]byte) (any, error)
	ogen      func([]byte) (validatable, error)
	serve     http.HandlerFunc
}{
	{"waiqin", "startPlan", generatedDecode[waiqin.StartPlanRequest], plainDecode[bench.StartPlan], ogenDecode[ogenapi.StartPlanRequest], handWritten[bench.StartPlan]},
	{"waiqin", "addCustomerAmountExt", generatedDecode[waiqin.AddCustomerAmountExtRequest], plainDecode[bench.AddCustomerAmountExt], ogenDecode[ogenapi.AddCustomerAmountExtRequest], handWritten[bench.AddCustomerAmountExt]},
	{"waiqin", "addRegularPlan", generatedDecode[waiqin.AddRegularPlanRequest], plainDecode[bench.AddRegularPlan], ogenDecode[ogenapi.AddRegularPlanRequest], handWritten[bench.AddRegularPlan]},
	{"showdoc", "customerInfo", generatedDecode[showdoc.CustomerInfoRequest], plainDecode[bench.CustomerInfo], ogenDecode[ogenapi.CustomerInfoRequest], handWritten[bench.CustomerInfo]},
}

// loadBodies reads each operation's request example from its generated
// package's spec, with the example's top-level nulls dropped (the spec
// does not allow null where the doc's example shows it). ShowDoc's doc
// shows no request example: its body is the least a valid request holds.
func loadBodies(t testing.TB) []*body {
	t.Helper()
	type api struct {
		doc *openapi3.T
		ops map[string]e2etest.Op
	}
	apis := map[string]*api{}
	var out []*body
	for _, want := range bodies {
		a := apis[want.api]
		if a == nil {
			file := "../../generated/" + want.api + "/openapi.yaml"
			_, ops := e2etest.Load(t, file)
			a = &api{ops: map[string]e2etest.Op{}}
			for _, op := range ops {
				a.ops[op.ID] = op
			}
			loader := openapi3.NewLoader()
			var err error
			if a.doc, err = loader.LoadFromFile(file); err != nil {
				t.Fatal(err)
			}
			apis[want.api] = a
		}
		op, ok := a.ops[want.op]
		if !ok || op.Request == nil {
			t.Fatalf("%s: no operation %s with a request body", want.api, want.op)
		}
		var m map[string]any
		if err := json.Unmarshal(op.Request, &m); err != nil {
			t.Fatalf("%s: %v", want.op, err)
		}
		for k, v := range m {
			if v == nil {
				delete(m, k)
			}
		}
		js, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		b := &body{
			api: want.api, op: want.op, json: js,
			generated: want.generated, plain: want.plain, ogen: want.ogen,
			route: op.Path, serveHandWritten: want.serve,
		}
		b.kin = kinInput(t, a.doc, op.Path, js)
		out = append(out, b)
	}
	return out
}

// pathParams are the values of the Waiqin credential templates in a path.
var pathParams = map[string]string{"openid": openID, "timestamp": "20240301090000", "digest": strings.Repeat("0", 32), "msg_id": "M1"}

// path fills route's templates from pathParams.
func path(route string) string {
	for k, v := range pathParams {
		route = strings.Replace(route, "{"+k+"}", v, 1)
	}
	return route
}

// kinInput is openapi3filter's input for a POST of js to route. The
// filter reads the request's body and puts back a reader of what it read,
// so one input serves every iteration.
func kinInput(t testing.TB, doc *openapi3.T, route string, js []byte) *openapi3filter.RequestValidationInput {
	t.Helper()
	item := doc.Paths.Value(route)
	if item == nil || item.Post == nil {
		t.Fatalf("no POST %s", route)
	}
	req := httptest.NewRequest(http.MethodPost, path(route), bytes.NewReader(js))
	req.Header.Set("Content-Type", "application/json")
	params := map[string]string{}
	for k, v := range pathParams {
		if strings.Contains(route, "{"+k+"}") {
			params[k] = v
		}
	}
	return &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      &routers.Route{Spec: doc, Path: route, PathItem: item, Method: http.MethodPost, Operation: item.Post},
		Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
}

func generatedDecode[T any, PT interface {
	*T
	json.Unmarshaler
	validatable
}](data []byte) (validatable, error) {
	v := PT(new(T))
	return v, v.UnmarshalJSON(data)
}

func plainDecode[T any](data []byte) (any, error) {
	v := new(T)
	return v, json.Unmarshal(data, v)
}

// ogenDecode is the body part of the request decoder ogen's server
// generates (decodeXRequest in ogenapi/oas_request_decoders_gen.go):
// jx.DecodeBytes, the type's Decode, and a Skip that must find the end.
// The server validates next, as the callers here do; ogen generates no
// Validate for a type with no rules beyond its JSON types (showdoc's
// required cid is checked by Decode), and its server calls none.
func ogenDecode[T any, PT interface {
	*T
	Decode(*jx.Decoder) error
}](data []byte) (validatable, error) {
	v := PT(new(T))
	d := jx.DecodeBytes(data)
	if err := v.Decode(d); err != nil {
		return nil, err
	}
	if err := d.Skip(); err != io.EOF {
		return nil, errTrailing
	}
	if r, ok := any(v).(validatable); ok {
		return r, nil
	}
	return noRules[T]{v}, nil
}

// noRules is a value with nothing to validate. Of one pointer, it is
// made an interface value without an allocation.
type noRules[T any] struct{ v *T }

func (noRules[T]) Validate() error { return nil }

func (n noRules[T]) MarshalJSON() ([]byte, error) { return json.Marshal(n.v) }

var errTrailing = errors.New("unexpected trailing data")

// envelope is the hand-written handler's answer, in Waiqin's shape.
type envelope struct {
	ReturnCode   string          `json:"return_code"`
	ReturnMsg    string          `json:"return_msg"`
	MsgID        string          `json:"msg_id"`
	ResponseData json.RawMessage `json:"response_data"`
}

// handWritten is an operation served the way a service might do it by
// hand: read the body (with a limit), decode it with encoding/json into
// the plain struct, answer a small JSON envelope.
func handWritten[T any](w http.ResponseWriter, r *http.Request) {
	msgID := r.PathValue("msg_id")
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		return
	}
	var req T
	w.Header().Set("Content-Type", "application/json")
	if err := json.Unmarshal(data, &req); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(envelope{ReturnCode: "1", ReturnMsg: err.Error(), MsgID: msgID})
		return
	}
	_ = json.NewEncoder(w).Encode(envelope{ReturnCode: "0", ReturnMsg: "ok", MsgID: msgID, ResponseData: json.RawMessage("null")})
}
