package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gatewayDoc documents two calls through one gateway page without their
// URLs, and a callback: the kind of page an override completes.
const gatewayDoc = `# 订单接口

## 查询订单

请求方式: POST

| 参数 | 类型 | 必填 | 说明 |
| --- | --- | --- | --- |
| order_id | string | 是 | 订单号 |

## 关闭订单

| 参数 | 类型 | 必填 | 说明 |
| --- | --- | --- | --- |
| order_id | string | 是 | 订单号 |

## 支付结果通知

| 参数 | 类型 | 必填 | 说明 |
| --- | --- | --- | --- |
| trade_no | string | 是 | 交易号 |
`

func writeOverrideProject(t *testing.T, overrides string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "orders.md"), []byte(gatewayDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := "apis:\n  - name: orders\n    docs: [orders.md]\n    spec: out/openapi\n" + overrides
	path := filepath.Join(dir, "apigen.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBuildMissingURL: an endpoint without a URL fails the build, names
// the endpoint and shows the override that fixes it; nothing is written.
func TestBuildMissingURL(t *testing.T) {
	cfg := writeOverrideProject(t, "")
	code, _, stderr := runCLI(t, "build", "-config", cfg)
	if code != exitInput {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInput, stderr)
	}
	for _, want := range []string{
		`orders.md:3:4: error: endpoint "查询订单" names no request URL; give it one in apigen.yaml: overrides: [{endpoint: "查询订单", method: POST, path: /…}] [E009]`,
		`orders.md:11:4: error: endpoint "关闭订单" names no request URL`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, `"支付结果通知" names no request URL`) {
		t.Errorf("the callback needs no URL of the vendor's:\n%s", stderr)
	}
}

// TestBuildOverrides: overrides by title and by file:line give the URLs,
// a method and a name; the callback is a webhook.
func TestBuildOverrides(t *testing.T) {
	cfg := writeOverrideProject(t, `    out: out
    overrides:
      - {endpoint: 查询订单, path: "https://api.example.com/order/query", name: queryOrder, idempotent: true}
      - {endpoint: "orders.md:11", method: put, path: /order/close}
`)
	code, _, stderr := runCLI(t, "build", "-config", cfg)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(cfg), "out", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec := string(raw)
	for _, want := range []string{"/order/query:", "operationId: queryOrder", "x-apigen-idempotent: true", "/order/close:", "    put:", "webhooks:", "支付结果通知:", "- url: https://api.example.com"} {
		if !strings.Contains(spec, want) {
			t.Errorf("spec lacks %q:\n%s", want, spec)
		}
	}
	// The POST marked idempotent is retried; the PUT is by its method.
	client, _ := os.ReadFile(filepath.Join(filepath.Dir(cfg), "out", "client.go"))
	if n := strings.Count(string(client), "idempotent: true"); n != 2 {
		t.Errorf("%d calls marked idempotent in client.go, want 2", n)
	}
}

// TestBuildUnusedOverride: an override that names no endpoint is an error
// at its line in apigen.yaml.
func TestBuildUnusedOverride(t *testing.T) {
	cfg := writeOverrideProject(t, `    overrides:
      - {endpoint: 查询订单, path: /order/query}
      - {endpoint: 关闭订单, path: /order/close}
      - {endpoint: 退款, path: /order/refund}
`)
	code, _, stderr := runCLI(t, "build", "-config", cfg)
	if code != exitInput || !strings.Contains(stderr, `apigen.yaml:8: error: override for "退款" names no endpoint of this API`) {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
}

// TestBuildRenamesSchema: an override renames a component's Go type; the
// published spec pins it as x-go-name, and `gen -spec` on the published
// spec gives the same package as build.
func TestBuildRenamesSchema(t *testing.T) {
	cfg := writeOverrideProject(t, `    out: out
    overrides:
      - {endpoint: 查询订单, path: /order/query}
      - {endpoint: 关闭订单, path: /order/close}
      - {schema: OrderQueryRequest, name: QueryInput}
      - {schema: NoSuchSchema, name: Whatever}
`)
	code, _, stderr := runCLI(t, "build", "-config", cfg)
	if code != exitInput || !strings.Contains(stderr, `override for schema "NoSuchSchema": the spec has no component schema of that name`) {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	text, _ := os.ReadFile(cfg)
	if err := os.WriteFile(cfg, []byte(strings.Replace(string(text), "      - {schema: NoSuchSchema, name: Whatever}\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "build", "-config", cfg); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	dir := filepath.Dir(cfg)
	spec, _ := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	types, _ := os.ReadFile(filepath.Join(dir, "out", "types.go"))
	for text, want := range map[string]string{string(spec): "x-go-name: QueryInput", string(types): "type QueryInput struct"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	regen := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "gen", "-spec", filepath.Join(dir, "out", "openapi.yaml"), "-o", regen); code != exitOK {
		t.Fatalf("gen -spec: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"types.go", "client.go", "server.go", "validate.go"} {
		a, _ := os.ReadFile(filepath.Join(dir, "out", f))
		b, _ := os.ReadFile(filepath.Join(regen, f))
		if string(a) != string(b) {
			t.Errorf("gen -spec on the published spec gives another %s", f)
		}
	}
}

// TestBuildAuthFromConfig: an auth key in apigen.yaml gives a vendor
// apigen does not know its scheme: the spec carries it, with its security
// scheme, and NewClient takes the scheme's credentials.
func TestBuildAuthFromConfig(t *testing.T) {
	cfg := writeOverrideProject(t, `    out: out
    overrides:
      - {endpoint: 查询订单, path: "https://api.example.com/order/query"}
      - {endpoint: 关闭订单, path: "https://api.example.com/order/close"}
    auth:
      scheme: access-token
      in: header
      name: Authorization
      prefix: "Bearer "
      token: {url: /oauth/token, method: POST, id_param: client_id, secret_param: client_secret, expired_codes: [401001]}
`)
	code, _, stderr := runCLI(t, "build", "-config", cfg)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	dir := filepath.Dir(cfg)
	raw, err := os.ReadFile(filepath.Join(dir, "out", "openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec := string(raw)
	for _, want := range []string{"x-apigen-auth:", "scheme: access-token", "url: /oauth/token", "- \"401001\"", "securitySchemes:", "scheme: bearer", "- access-token: []"} {
		if !strings.Contains(spec, want) {
			t.Errorf("spec lacks %q:\n%s", want, spec)
		}
	}
	client, _ := os.ReadFile(filepath.Join(dir, "out", "client.go"))
	if !strings.Contains(string(client), "func NewClient(baseURL, id, secret string, opts ...Option) *Client") {
		t.Errorf("NewClient does not take the token endpoint's credentials:\n%s", client)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "runtime_auth_token.go")); err != nil {
		t.Errorf("no token support code: %v", err)
	}
}
