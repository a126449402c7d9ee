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

// A body offered as several JSON media types is sent as one, preferably a
// merge patch (its body is the schema's value; a JSON patch's is a list of
// operations), and the others are reported. A response that may come as a
// stream (server-sent events, Kubernetes' watch) is reported: the client
// reads one value. Other encodings of a response (YAML, protobuf) are
// declined by the client's Accept and not reported.
func TestMediaChoices(t *testing.T) {
	const spec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pods/{name}:
    parameters:
      - {name: name, in: path, required: true, schema: {type: string}}
    patch:
      operationId: patchPod
      requestBody:
        required: true
        content:
          application/apply-patch+yaml: {schema: {$ref: "#/components/schemas/Patch"}}
          application/json-patch+json: {schema: {$ref: "#/components/schemas/Patch"}}
          application/merge-patch+json: {schema: {$ref: "#/components/schemas/Patch"}}
          application/strategic-merge-patch+json: {schema: {$ref: "#/components/schemas/Patch"}}
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {$ref: "#/components/schemas/Pod"}}
            application/yaml: {schema: {$ref: "#/components/schemas/Pod"}}
  /pods:
    get:
      operationId: listPods
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {$ref: "#/components/schemas/Pod"}}
            application/json;stream=watch: {schema: {$ref: "#/components/schemas/Pod"}}
  /chat:
    post:
      operationId: chat
      requestBody:
        content:
          application/json: {schema: {$ref: "#/components/schemas/Pod"}}
          application/xml: {schema: {$ref: "#/components/schemas/Pod"}}
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {$ref: "#/components/schemas/Pod"}}
            text/event-stream: {schema: {type: string}}
components:
  schemas:
    Patch: {type: object}
    Pod:
      type: object
      properties:
        name: {type: string}
`
	doc, lines, ld := oas.LoadDataLines("api.yaml", []byte(spec))
	if doc == nil {
		t.Fatal(ld)
	}
	files, diags := generator.Generate(doc, generator.Options{Package: "api", Source: "api.yaml", Lines: lines})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	client := string(files["client.go"])
	if !strings.Contains(client, `"application/merge-patch+json"`) || strings.Contains(client, `"application/json-patch+json"`) {
		t.Errorf("PatchPod does not send a merge patch:\n%s", client)
	}
	want := map[string]int{
		"#/paths/~1pods~1{name}/patch/requestBody: the body is sent as application/merge-patch+json; application/apply-patch+yaml, application/json-patch+json, application/strategic-merge-patch+json are not generated": 9,
		"#/paths/~1pods/get/responses/200: the 200 response may be a stream (application/json;stream=watch); the client method reads one application/json value, not a stream":                                            26,
		"#/paths/~1chat/post/responses/200: the 200 response may be a stream (text/event-stream); the client method reads one application/json value, not a stream":                                                       39,
	}
	for _, d := range diags {
		if d.Code != diag.Unsupported {
			continue
		}
		line, ok := want[d.Message]
		if !ok {
			t.Errorf("unexpected warning: %s", d)
			continue
		}
		if d.Pos.Line != line {
			t.Errorf("line %d, want %d: %s", d.Pos.Line, line, d)
		}
		delete(want, d.Message)
	}
	for m := range want {
		t.Errorf("no warning: %s", m)
	}
}
