package generator_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/spec/oas"
)

// A spec written by hand or by another tool says how requests are
// authenticated with a standard security scheme: the client applies an
// API key or a bearer token it is given, on the operations that require
// it, and reports the schemes it cannot apply.
func TestStandardSecuritySchemes(t *testing.T) {
	for _, tt := range []struct {
		name, scheme, placement string
		applied                 bool
	}{
		{"apiKey header", "{type: apiKey, in: header, name: X-Token}", `In:     "header",
	Name:   "X-Token",`, true},
		{"apiKey query", "{type: apiKey, in: query, name: key}", `In:     "query",
	Name:   "key",`, true},
		{"bearer", "{type: http, scheme: bearer}", `Name:   "Authorization",
	Prefix: "Bearer ",`, true},
		{"oauth2", "{type: oauth2, flows: {clientCredentials: {tokenUrl: /token, scopes: {}}}}", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spec := `openapi: 3.1.0
info: {title: t, version: "1"}
security: [{main: []}]
components:
  securitySchemes:
    main: ` + tt.scheme + `
paths:
  /a:
    get: {operationId: readA, responses: {"200": {description: ok}}}
  /health:
    get: {operationId: health, security: [], responses: {"200": {description: ok}}}
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
			warned := strings.Contains(fmt.Sprint(diags), `security scheme "main"`)
			if !tt.applied {
				if !strings.Contains(client, "func NewClient(baseURL string, opts ...Option)") || !warned {
					t.Fatalf("an oauth2 scheme is not applied and says so; warned %v:\n%s", warned, client)
				}
				return
			}
			if !strings.Contains(client, "func NewClient(baseURL, key string, opts ...Option) *Client") || warned {
				t.Fatalf("NewClient does not take the key, or the scheme is reported (%v):\n%s", warned, client)
			}
			if types := string(files["types.go"]); !strings.Contains(types, tt.placement) {
				t.Errorf("types.go lacks the placement %q:\n%s", tt.placement, types)
			}
			readA, _, _ := strings.Cut(strings.SplitN(client, "func (c *Client) ReadA(", 2)[1], "\n}\n")
			health, _, _ := strings.Cut(strings.SplitN(client, "func (c *Client) Health(", 2)[1], "\n}\n")
			if !strings.Contains(readA, "signed:") || strings.Contains(health, "signed:") {
				t.Errorf("readA signed %v, health signed %v; want true and false", strings.Contains(readA, "signed:"), strings.Contains(health, "signed:"))
			}
		})
	}
}
