package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// The benchmarks compare equal work only if every contender reads each
// body to the same values, the validating ones accept it, and they refuse
// the same broken body.
func TestContendersAgree(t *testing.T) {
	for _, c := range loadBodies(t) {
		t.Run(c.op, func(t *testing.T) {
			want := normalised(t, c.json)

			gen, err := c.generated(c.json)
			if err != nil {
				t.Fatalf("generated: %v", err)
			}
			if err := gen.Validate(); err != nil {
				t.Errorf("generated Validate: %v", err)
			}
			plain, err := c.plain(c.json)
			if err != nil {
				t.Fatalf("plain: %v", err)
			}
			var m map[string]any
			if err := json.Unmarshal(c.json, &m); err != nil {
				t.Fatalf("map: %v", err)
			}
			og, err := c.ogen(c.json)
			if err != nil {
				t.Fatalf("ogen: %v", err)
			}
			if err := og.Validate(); err != nil {
				t.Errorf("ogen Validate: %v", err)
			}
			for _, v := range []struct {
				name  string
				value any
			}{{"generated", gen}, {"plain", plain}, {"map", m}, {"ogen", og}} {
				js, err := json.Marshal(v.value)
				if err != nil {
					t.Fatalf("%s: marshal: %v", v.name, err)
				}
				if got := normalised(t, js); !reflect.DeepEqual(got, want) {
					t.Errorf("%s reads\n%s\nwhich is not the body\n%s", v.name, js, c.json)
				}
			}
			// Twice: the body must still be there for the next iteration.
			for range 2 {
				if err := openapi3filter.ValidateRequest(context.Background(), c.kin); err != nil {
					t.Errorf("openapi3filter: %v", err)
				}
			}

			broken := breakBody(t, c.json)
			if v, err := c.generated(broken); err == nil && v.Validate() == nil {
				t.Errorf("generated accepts %s", broken)
			}
			if v, err := c.ogen(broken); err == nil && v.Validate() == nil {
				t.Errorf("ogen accepts %s", broken)
			}
			in := *c.kin
			in.Request = httptest.NewRequest(http.MethodPost, path(c.route), bytes.NewReader(broken))
			in.Request.Header.Set("Content-Type", "application/json")
			if openapi3filter.ValidateRequest(context.Background(), &in) == nil {
				t.Errorf("openapi3filter accepts %s", broken)
			}
		})
	}
}

// Both handlers answer 200 to the benchmarked request, and the
// hand-written one answers in the envelope's shape.
func TestHandWrittenHandler(t *testing.T) {
	for _, c := range loadBodies(t) {
		mux := http.NewServeMux()
		mux.HandleFunc("POST "+c.route, c.serveHandWritten)
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodPost, path(c.route), bytes.NewReader(c.json)))
		var env envelope
		if err := json.Unmarshal(w.Body.Bytes(), &env); w.Code != http.StatusOK || err != nil || env.ReturnCode != "0" {
			t.Errorf("%s: %d %s", c.op, w.Code, w.Body)
		}
		if strings.Contains(c.route, "{msg_id}") && env.MsgID != "M1" {
			t.Errorf("%s: msg_id %q", c.op, env.MsgID)
		}
		w = httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodPost, path(c.route), strings.NewReader(`{"x":`)))
		if w.Code != http.StatusBadRequest {
			t.Errorf("%s: broken JSON: %d %s", c.op, w.Code, w.Body)
		}
	}
}

// breakBody makes a body every validating contender must refuse: a code
// longer than its maxLength, an amount that is not a number, or (with
// neither) no required cid.
func breakBody(t *testing.T, body []byte) []byte {
	t.Helper()
	broken := bytes.Replace(body, []byte(`"CX`), []byte(`"`+strings.Repeat("长", 200)), 1)
	broken = bytes.Replace(broken, []byte(`"12.00"`), []byte(`"12元"`), 1)
	if bytes.Equal(broken, body) {
		broken = []byte(`{}`)
	}
	if bytes.Equal(broken, body) {
		t.Fatalf("nothing to break in %s", body)
	}
	return broken
}

// normalised is JSON read for comparing what the contenders decoded:
// every scalar as its text (a number and a string of the same digits are
// equal, as the lenient types read them), and members that are null or ""
// left out (they read as absent, and omitempty leaves them out).
func normalised(t *testing.T, js []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(js))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%v: %s", err, js)
	}
	if _, err := d.Token(); err != io.EOF {
		t.Fatalf("trailing data in %s", js)
	}
	return normalise(v)
}

func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if e = normalise(e); e != nil && e != "" {
				out[k] = e
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalise(e)
		}
		return out
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	}
	return v
}
