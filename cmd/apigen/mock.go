package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/apigen/apigen/spec/oas"
)

func runMock(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("mock", "-spec FILE [-addr 127.0.0.1:8080]", `Serve every operation of a spec from its examples: each request is validated
against the spec (kin-openapi) and answered with the operation's documented
response example, so integrators can run the vendor locally. Stop with Ctrl-C.
For the generated Go mock with signature checks, use the package's
NewHandler(Mock{}, WithVerifier(...)).`, stderr)
	specFile := fs.String("spec", "", "the OpenAPI `FILE`")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS`")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *specFile == "" {
		return usageError(fs, "-spec is required")
	}
	t, diags := oas.Load(*specFile)
	if t == nil {
		report(stderr, diags, false, false)
		return exitInput
	}
	handler, err := mockHandler(t)
	if err != nil {
		fmt.Fprintf(stderr, "apigen mock: %v\n", err)
		return exitInput
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "apigen mock: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "apigen mock: serving %s on http://%s\n", *specFile, ln.Addr())
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintf(stderr, "apigen mock: %v\n", err)
		return exitInput
	}
	return exitOK
}

// mockHandler routes each operation of t to its example.
func mockHandler(t *openapi3.T) (http.Handler, error) {
	mux := http.NewServeMux()
	for _, path := range t.Paths.InMatchingOrder() {
		item := t.Paths.Value(path)
		for method, op := range item.Operations() {
			route := &routers.Route{Spec: t, Path: path, PathItem: item, Method: method, Operation: op}
			pattern := method + " " + path
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil { // ServeMux panics on conflicting patterns
						err = fmt.Errorf("cannot route %s: %v", pattern, r)
					}
				}()
				mux.HandleFunc(pattern, mockOperation(route))
			}()
			if err != nil {
				return nil, err
			}
		}
	}
	return mux, nil
}

func mockOperation(route *routers.Route) http.HandlerFunc {
	status, example := responseExample(route.Operation)
	return func(w http.ResponseWriter, r *http.Request) {
		params := map[string]string{}
		for _, p := range route.Operation.Parameters {
			if p.Value != nil && p.Value.In == openapi3.ParameterInPath {
				params[p.Value.Name] = r.PathValue(p.Value.Name)
			}
		}
		in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
		if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			out, _ := json.Marshal(map[string]string{"error": strings.TrimSpace(err.Error())})
			_, _ = w.Write(out)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(example)
	}
}

// responseExample picks the first 2xx response's example.
func responseExample(op *openapi3.Operation) (int, []byte) {
	for _, code := range []string{"200", "201", "202", "204"} {
		r := op.Responses.Value(code)
		if r == nil || r.Value == nil {
			continue
		}
		status := 200
		fmt.Sscan(code, &status)
		if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Example != nil {
			b, _ := json.Marshal(mt.Example)
			return status, b
		}
		return status, []byte("{}")
	}
	return http.StatusOK, []byte("{}")
}
