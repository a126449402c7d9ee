package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// peerRegressions are the shapes of public specs (ogen's test suite,
// GitHub's, Kubernetes' and OpenAI's) whose generated code did not
// compile or vet: each must now.
var peerRegressions = map[string]string{
	// A required property whose schema is a $ref to a named scalar: its
	// unset value is the scalar's, never nil.
	"namedscalar": `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /alert:
    post:
      operationId: postAlert
      requestBody: {required: true, content: {application/json: {schema: {$ref: "#/components/schemas/Alert"}}}}
      responses: {"200": {description: ok}}
components:
  schemas:
    AlertURL: {type: string, format: uri}
    AlertNumber: {type: integer}
    Quantity: {oneOf: [{type: string}, {type: number}]}
    Tags: {type: array, items: {type: string}}
    Level: {type: string, enum: [low, high]}
    Alert:
      type: object
      required: [url, number, quantity, tags, level]
      properties:
        url: {$ref: "#/components/schemas/AlertURL"}
        number: {$ref: "#/components/schemas/AlertNumber"}
        quantity: {$ref: "#/components/schemas/Quantity"}
        tags: {$ref: "#/components/schemas/Tags"}
        level: {$ref: "#/components/schemas/Level"}
`,
	// A one-alternative oneOf answer, returned by value.
	"onealternative": `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /b:
    get:
      operationId: getB
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/ObjB"}}}}
components:
  schemas:
    ObjA: {type: object, properties: {a: {type: string}}}
    ObjB: {oneOf: [{$ref: "#/components/schemas/ObjA"}]}
`,
	// Names that are format verbs.
	"formatnames": `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /p:
    get:
      operationId: getP
      parameters:
        - {name: "percent%", in: query, schema: {type: string}}
        - {name: "%w", in: query, schema: {type: integer}}
      responses: {"200": {description: ok}}
`,
	// A webhook whose handler answers a status of its own.
	"webhookstatus": `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
webhooks:
  created:
    post:
      operationId: created
      requestBody: {content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
      responses: {"202": {description: accepted}}
`,
	// A body and an answer of any media type, with a schema: JSON.
	"anymedia": `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /scale:
    put:
      operationId: replaceScale
      requestBody: {required: true, content: {"*/*": {schema: {$ref: "#/components/schemas/Scale"}}}}
      responses:
        "200": {description: ok, content: {"*/*": {schema: {$ref: "#/components/schemas/Scale"}}}}
components:
  schemas:
    Scale: {type: object, properties: {replicas: {type: integer}}}
`,
	// The tuple form of items, and a 3.2 operation beyond the eight
	// methods: read and reported, the rest of the spec generated.
	"tupleitems": `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /pair:
    get:
      operationId: getPair
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Pair"}}}}
    additionalOperations:
      link: {operationId: linkPair, responses: {"200": {description: ok}}}
components:
  schemas:
    Pair: {type: array, items: [{type: integer}, {type: string}]}
`,
}

// TestPeerRegressions generates each spec and runs go vet on the package.
func TestPeerRegressions(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module peers\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, src := range peerRegressions {
		doc, lines, ld := oas.LoadDataLines(name+".yaml", []byte(src))
		if doc == nil {
			t.Fatalf("%s does not load: %v", name, ld)
		}
		files, gd := generator.Generate(doc, generator.Options{Package: name, Source: name + ".yaml", Lines: lines})
		if gd.HasErrors() {
			t.Fatalf("%s: %v", name, gd)
		}
		if name == "anymedia" && !strings.Contains(string(files["client.go"]), "func (c *Client) ReplaceScale(ctx context.Context, req *Scale, opts ...RequestOption) (*Scale, error)") {
			t.Errorf("a */* body and answer are not JSON:\n%s", files["client.go"])
		}
		if name == "tupleitems" {
			all := append(ld, gd...)
			var tuple, link bool
			for _, d := range all {
				tuple = tuple || d.Code == diag.Unsupported && strings.Contains(d.Message, "#/components/schemas/Pair/items: items is a list of schemas") && d.Pos.Line == 13
				link = link || d.Code == diag.Unsupported && strings.Contains(d.Message, "#/paths/~1pair/additionalOperations/link: the LINK operation") && d.Pos.Line == 10
			}
			if !tuple || !link {
				t.Errorf("tuple items reported %v, LINK reported %v: %v", tuple, link, all)
			}
		}
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for f, b := range files {
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
}
