package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/apigen/apigen/generator"
	apiruntime "github.com/apigen/apigen/generator/runtime"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

func runMock(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("mock", "-spec FILE [-addr 127.0.0.1:8080] [-max-body BYTES] [-max-values N] [-read-timeout TIME] [-write-timeout TIME]", `Serve every operation of a spec from its examples: each request is validated
against the spec (kin-openapi) and answered with the operation's documented
response example, so integrators can run the vendor locally. Routes are
matched as the generated NewHandler matches them; a route it cannot serve is
reported and left out. Stop with Ctrl-C.
For the generated Go mock with signature checks, use the package's
NewHandler(Mock{}, WithVerifier(...)).

`+fmt.Sprintf(`Every request is bounded: a body over -max-body bytes, or a JSON or form
body of more than -max-values values, is answered 413; a request not
received within -read-timeout is cut off (408 for a body, the headers
have at most %v of it); headers may take %d KiB (431 beyond); an idle
connection is closed after %v. An error answer names at most %d problems,
quotes at most %d bytes of each value and is at most %d KiB.`,
		mockHeaderTimeout, mockMaxHeaderBytes>>10, mockIdleTimeout, mockMaxErrors, mockMaxQuoted, mockMaxAnswer>>10), stderr)
	specFile := fs.String("spec", "", "the OpenAPI `FILE`")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS`")
	var limits mockLimits
	limits.flags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *specFile == "" {
		return usageError(fs, "-spec is required")
	}
	if err := limits.check(); err != nil {
		return usageError(fs, "%v", err)
	}
	t, lines, diags := oas.LoadLines(*specFile)
	if t == nil {
		report(stderr, diags, false, false)
		return exitInput
	}
	handler, routeDiags := mockHandler(t, *specFile, lines, &limits)
	report(stderr, append(diags, routeDiags...), false, false)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "apigen mock: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "apigen mock: serving %s on http://%s\n", *specFile, ln.Addr())
	srv := limits.server(handler)
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

// mockHandler routes each operation of t to its example, on the router
// the generated servers use, so that every route NewHandler serves, the
// mock serves. A route that router cannot serve, or that matches the same
// requests as one before it, is left out with a warning naming its line
// in file.
func mockHandler(t *openapi3.T, file string, lines *oas.Lines, limits *mockLimits) (http.Handler, diag.List) {
	rt := apiruntime.NewRouter(http.NotFound, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	})
	var diags diag.List
	served := map[string]string{}
	for _, path := range slices.Sorted(maps.Keys(t.Paths.Map())) {
		item := t.Paths.Value(path)
		ops := item.Operations()
		for _, method := range slices.Sorted(maps.Keys(ops)) {
			pointer := "#/paths/" + oas.EscapePointer(path) + "/" + strings.ToLower(method)
			at := diag.Pos{File: file, Line: lines.Line(pointer)}
			key, err := generator.RouteKey(method, path)
			if err != nil {
				diags.Add(at, diag.Unsupported, "%s: the mock does not serve %s %s: %v", pointer, method, path, err)
				continue
			}
			if other, ok := served[key]; ok {
				diags.Add(at, diag.Unsupported, "%s: the mock does not serve %s %s: %s has the same route", pointer, method, path, other)
				continue
			}
			served[key] = method + " " + path
			route := &routers.Route{Spec: t, Path: path, PathItem: item, Method: method, Operation: ops[method]}
			wire, _, _ := strings.Cut(path, "#")
			rt.Handle(method, wire, mockOperation(route, limits))
		}
	}
	return rt, diags
}

func mockOperation(route *routers.Route, limits *mockLimits) http.HandlerFunc {
	status, example := responseExample(route.Operation)
	return func(w http.ResponseWriter, r *http.Request) {
		if !limits.readBody(w, r) {
			return
		}
		params := map[string]string{}
		for _, p := range route.Operation.Parameters {
			if p.Value != nil && p.Value.In == openapi3.ParameterInPath {
				params[p.Value.Name] = r.PathValue(p.Value.Name)
			}
		}
		opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
		opts.WithCustomSchemaErrorFunc(schemaMessage)
		in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route, Options: opts}
		if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
			mockFail(w, http.StatusBadRequest, boundedMessage(err.Error()))
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
