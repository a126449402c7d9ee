package waiqin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/apigen/apigen/generated/waiqin"
)

// benchOps are three operations of growing size: two strings, a list of
// lists, and forty-odd members with enums, decimals, dates and lists. The
// benchmarks of them, beside encoding/json, ogen and a hand-written
// handler, are in examples/bench (make bench); the test here keeps the
// generated validator and openapi3filter in agreement on them.
var benchOps = []string{"startPlan", "addCustomerAmountExt", "addRegularPlan"}

// benchCase is one operation's request body with both validators of it.
type benchCase struct {
	id      string
	path    string // the path with the credential templates filled
	body    []byte
	value   interface{ Validate() error } // body, decoded
	decode  func([]byte) (interface{ Validate() error }, error)
	input   *openapi3filter.RequestValidationInput
	request *http.Request
}

// loadBenchCases builds, for each benchmarked operation, the doc's
// request example (with its nulls dropped: the spec does not allow null
// where the doc's example shows it) and kin-openapi's route for it.
func loadBenchCases(t testing.TB) []*benchCase {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The addRegularPlan example shows null for amounts the schema types as
	// number or string; that example is left out of the check.
	if err := doc.Validate(loader.Context, openapi3.DisableExamplesValidation()); err != nil {
		t.Fatal(err)
	}
	examples := requestExamples(t)
	var out []*benchCase
	for _, id := range benchOps {
		c := &benchCase{id: id}
		var m map[string]any
		if err := json.Unmarshal(examples[id], &m); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		for k, v := range m {
			if v == nil {
				delete(m, k)
			}
		}
		if c.body, err = json.Marshal(m); err != nil {
			t.Fatal(err)
		}
		switch id {
		case "startPlan":
			c.decode = decodeAs[waiqin.StartPlanRequest]
		case "addCustomerAmountExt":
			c.decode = decodeAs[waiqin.AddCustomerAmountExtRequest]
		case "addRegularPlan":
			c.decode = decodeAs[waiqin.AddRegularPlanRequest]
		}
		if c.value, err = c.decode(c.body); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		for _, path := range doc.Paths.InMatchingOrder() {
			item := doc.Paths.Value(path)
			if item.Post == nil || item.Post.OperationID != id {
				continue
			}
			params := map[string]string{"openid": openID, "timestamp": "20240301090000", "digest": strings.Repeat("0", 32), "msg_id": "M1"}
			c.path = path
			for k, v := range params {
				c.path = strings.Replace(c.path, "{"+k+"}", v, 1)
			}
			c.request = httptest.NewRequest(http.MethodPost, c.path, bytes.NewReader(c.body))
			c.request.Header.Set("Content-Type", "application/json")
			c.input = &openapi3filter.RequestValidationInput{
				Request:    c.request,
				PathParams: params,
				Route:      &routers.Route{Spec: doc, Path: path, PathItem: item, Method: http.MethodPost, Operation: item.Post},
				Options:    &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
			}
		}
		if c.input == nil {
			t.Fatalf("no route for %s", id)
		}
		out = append(out, c)
	}
	return out
}

func decodeAs[T any, PT interface {
	*T
	json.Unmarshaler
	Validate() error
}](body []byte) (interface{ Validate() error }, error) {
	v := PT(new(T))
	return v, v.UnmarshalJSON(body)
}

// kinValidate runs openapi3filter on the case's request; the body reader
// it replaces after reading is re-read on the next call.
func (c *benchCase) kinValidate() error {
	return openapi3filter.ValidateRequest(context.Background(), c.input)
}

// The benchmarks compare equal work only if both validators accept the
// same body and refuse the same broken one.
func TestBenchCasesAgree(t *testing.T) {
	for _, c := range loadBenchCases(t) {
		if err := c.value.Validate(); err != nil {
			t.Errorf("%s: generated Validate: %v", c.id, err)
		}
		if err := c.kinValidate(); err != nil {
			t.Errorf("%s: openapi3filter: %v", c.id, err)
		}
		// Twice: the body must still be there for the next iteration.
		if err := c.kinValidate(); err != nil {
			t.Errorf("%s: openapi3filter, again: %v", c.id, err)
		}

		broken := bytes.Replace(c.body, []byte(`"CX`), []byte(`"`+strings.Repeat("长", 200)), 1)
		broken = bytes.Replace(broken, []byte(`"12.00"`), []byte(`"12元"`), 1)
		if bytes.Equal(broken, c.body) {
			t.Fatalf("%s: nothing to break in %s", c.id, c.body)
		}
		v, err := c.decode(broken)
		if err != nil {
			t.Fatal(err)
		}
		if v.Validate() == nil {
			t.Errorf("%s: generated Validate accepts %s", c.id, broken)
		}
		in := *c.input
		in.Request = httptest.NewRequest(http.MethodPost, c.path, bytes.NewReader(broken))
		in.Request.Header.Set("Content-Type", "application/json")
		if openapi3filter.ValidateRequest(context.Background(), &in) == nil {
			t.Errorf("%s: openapi3filter accepts %s", c.id, broken)
		}
	}
}
