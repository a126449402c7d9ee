package generator_test

import (
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// The client retries an operation when its method is idempotent, unless
// x-apigen-idempotent says otherwise either way.
func TestIdempotentOperations(t *testing.T) {
	const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get: {operationId: readA, responses: {"200": {description: ok}}}
    put: {operationId: putA, responses: {"200": {description: ok}}}
    delete: {operationId: deleteA, responses: {"200": {description: ok}}}
    post: {operationId: addA, responses: {"200": {description: ok}}}
    patch: {operationId: patchA, responses: {"200": {description: ok}}}
  /query:
    post: {operationId: query, x-apigen-idempotent: true, responses: {"200": {description: ok}}}
  /touch:
    get: {operationId: touch, x-apigen-idempotent: false, responses: {"200": {description: ok}}}
  /odd:
    post:
      operationId: odd
      x-apigen-idempotent: "yes"
      responses: {"200": {description: ok}}
`
	doc, lines, ld := oas.LoadDataLines("api.yaml", []byte(spec))
	if doc == nil {
		t.Fatal(ld)
	}
	files, diags := generator.Generate(doc, generator.Options{Package: "api", Source: "api.yaml", Lines: lines})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := map[string]bool{"ReadA": true, "PutA": true, "DeleteA": true, "AddA": false, "PatchA": false, "Query": true, "Touch": false, "Odd": false}
	methods := strings.Split(string(files["client.go"]), "\nfunc (c *Client) ")[1:]
	if len(methods) != len(want) {
		t.Fatalf("%d client methods, want %d", len(methods), len(want))
	}
	for _, m := range methods {
		name, _, _ := strings.Cut(m, "(")
		if got := strings.Contains(m, "idempotent: true"); got != want[name] {
			t.Errorf("%s: retried %t, want %t", name, got, want[name])
		}
	}
	var found bool
	for _, d := range diags {
		if d.Code == diag.Unsupported && d.Message == `#/paths/~1odd/post/x-apigen-idempotent: "yes" is not true or false; the method decides` {
			found = d.Pos.Line == 17
		}
	}
	if !found {
		t.Errorf("no warning on line 17 for the string value: %v", diags)
	}
}
