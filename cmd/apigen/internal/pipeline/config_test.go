package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "apigen.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Each case's want lists the diagnostics, as "line: message part", that
// the config must produce, in order, and no others. A config's text starts
// with a newline, so its first key is on line 2.
func TestLoadConfigErrors(t *testing.T) {
	cases := []struct {
		name, config string
		want         []string
	}{
		{"unknown top-level key", `
apis:
  - {name: a, docs: [a.txt], out: a}
cahce: x
`, []string{`4: cahce: unknown key; did you mean "cache"? (known at the top level: apis, cache, fetch_timeout, redirect_hosts)`}},
		{"unknown key in an api", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    pakage: x
`, []string{`6: apis[0].pakage: unknown key; did you mean "package"?`}},
		{"unknown key in the second api", `
apis:
  - {name: a, docs: [a.txt], out: a}
  - name: b
    docs: [b.txt]
    out: b
    overides: {}
`, []string{`7: apis[1].overides: unknown key`}},
		{"unknown OpenAPI version", `
apis:
  - name: a
    docs: [a.txt]
    spec: a/openapi
    openapi: [3.1, "2.0"]
`, []string{`6: api "a": OpenAPI version "2.0" is not 3.1 or 3.0`}},
		{"an OpenAPI version twice", `
apis:
  - name: a
    docs: [a.txt]
    spec: a/openapi
    openapi: ["3.0", 3.0]
`, []string{`6: api "a": OpenAPI version "3.0" is listed twice`}},
		{"OpenAPI versions without a spec", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    openapi: "3.0"
`, []string{`6: api "a": openapi names the versions of the spec, but there is no spec to write`}},
		{"a mapping for the OpenAPI versions", `
apis:
  - name: a
    docs: [a.txt]
    spec: a/openapi
    openapi: {version: 3.0}
`, []string{`6: apis[0].openapi: want a list of strings, got a mapping`}},
		{"string for a list", `
apis:
  - name: a
    docs: a.txt
    out: a
`, []string{`4: apis[0].docs: want a list of strings, got a string ("a.txt")`}},
		{"list for a string", `
apis:
  - name: a
    docs: [a.txt]
    out: [a, b]
`, []string{`5: apis[0].out: want a string, got a list`}},
		{"mapping in a flow list", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    servers: [https://a.example, {url: x}]
`, []string{`6: apis[0].servers[1]: want a string, got a mapping`}},
		{"apis not a list", `
apis: {name: a}
`, []string{`2: apis: want a list of apis, got a mapping`}},
		{"duration as a number", `
fetch_timeout: 30
apis:
  - {name: a, docs: [a.txt], out: a}
`, []string{`2: fetch_timeout: want a duration such as 30s or 2m, got an integer ("30")`}},
		{"duration garbage", `
fetch_timeout: soon
apis:
  - {name: a, docs: [a.txt], out: a}
`, []string{`2: fetch_timeout: want a duration such as 30s or 2m, got a string ("soon")`}},
		{"negative duration", `
fetch_timeout: -1s
apis:
  - {name: a, docs: [a.txt], out: a}
`, []string{`2: fetch_timeout must be positive, not -1s`}},
		{"several errors at once", `
apis:
  - name: a
    docs: [a.txt]
    formats: yaml
    out: a
    extra: 1
top: 1
`, []string{"5: apis[0].formats: want a list of strings", "7: apis[0].extra: unknown key", "8: top: unknown key"}},
		{"syntax error", "apis:\n  - name: [a\n", []string{"error: did not find expected"}},
		{"empty file", "", []string{"1: the config is empty"}},
		{"no apis", "apis: []\n", []string{"1: the config lists no apis"}},
		{"two documents", "apis:\n  - {name: a, docs: [a.txt], out: a}\n---\napis: []\n", []string{"3: a second YAML document"}},
		{"missing values", `
apis:
  - docs: []
  - name: b
    docs: [b.txt]
`, []string{`3: api 1 has neither spec nor out`, `3: api 1 has no name`, `3: api 1 lists no docs`, `4: api "b" has neither spec nor out`}},
		{"duplicate names", `
apis:
  - {name: a, docs: [a.txt], out: a}
  - name: a
    docs: [b.txt]
    out: b
`, []string{`4: api "a": the name is already used by the api at line 3`}},
		{"bad values", `
apis:
  - name: a
    docs: [a.txt, ftp://host/doc.txt]
    from: pdf
    profile: nosuch
    formats: [yaml, xml]
    out: a
    package: My-Pkg
    parts: [client, sdk]
`, []string{
			`4: api "a": doc "ftp://host/doc.txt": only http and https URLs are fetched`,
			`5: api "a": unknown format "pdf"`,
			`6: api "a": unknown profile "nosuch" (known: `,
			`7: api "a": format "xml" is not yaml or json`,
			`9: api "a": "My-Pkg" is not a valid Go package name`,
			`10: api "a": unknown part "sdk"`,
		}},
		{"bad overrides", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    overrides:
      - {endpoint: 新增, method: FETCH}
      - {method: POST, path: /x}
      - {endpoint: 删除}
      - {endpoint: a.txt:12, name: 2nd}
      - {endpoint: 修改, pth: /y}
`, []string{
			`11: apis[0].overrides[4].pth: unknown key; did you mean "path"? (known in an override: endpoint, schema, method, path, name, idempotent)`,
		}},
		{"override values", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    overrides:
      - {endpoint: 新增, method: FETCH}
      - {method: POST, path: /x}
      - {endpoint: 删除}
      - {endpoint: a.txt:12, name: 2nd}
`, []string{
			`7: api "a": override for "新增": "FETCH" is not an HTTP method`,
			`8: api "a": override 2 names no endpoint`,
			`9: api "a": override for "删除" sets nothing`,
			`10: api "a": override for "a.txt:12": name "2nd" is not an identifier`,
		}},
		{"envelope values", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    envelope:
      message: msg
      data_in_string: true
  - name: b
    docs: [b.txt]
    out: b
    envelope: {code: code, success: [0, 1.5]}
`, []string{
			`7: api "a": envelope has data_in_string but no data member`,
			`7: api "a": envelope lists no success values`,
			`7: api "a": envelope names no code member`,
			`12: api "b": envelope success value 1.5 is not a string, an integer or a boolean`,
		}},
		{"envelope key", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    envelope:
      code: code
      sucess: [0]
`, []string{
			`8: apis[0].envelope.sucess: unknown key; did you mean "success"? (known in an envelope: code, message, data, msg_id, success, data_in_string, paging, busy)`,
		}},
		{"auth values", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    auth: {scheme: access-token, token: {id_param: corpid}}
  - name: b
    docs: [b.txt]
    out: b
    auth: {scheme: sorted-sign, sign: {method: sha1}}
  - name: c
    docs: [c.txt]
    out: c
    auth: {scheme: oauth}
  - name: d
    docs: [d.txt]
    out: d
    auth: {scheme: api-key}
  - name: e
    docs: [e.txt]
    out: e
    profile: wisecrm
    auth: {scheme: waiqin365-md5}
  - name: f
    docs: [f.txt]
    out: f
    auth: {scheme: sorted-sign, sign: {timezone: Mars/Olympus}}
`, []string{
			`6: api "a": auth: scheme access-token needs token.url, token.id_param, token.secret_param and token.token_field`,
			`10: api "b": auth: sign.method is "sha1"; want one of md5, hmac, hmac-sha256`,
			`14: api "c": auth: unknown scheme "oauth" (known: waiqin365-md5, access-token, sorted-sign, api-key)`,
			`18: api "d": auth: scheme api-key needs the name of the header parameter that carries the credential`,
			`23: api "e": auth: scheme waiqin365-md5 fills credential path parameters, which profile "wisecrm" has none of`,
			`27: api "f": auth: time zone "Mars/Olympus" is not Asia/Shanghai, UTC or an offset such as +08:00`,
		}},
		{"paging entries", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    paging:
      - {operation: listOrders, kind: pages}
      - operation: listItems
        end: last_page
        first_page: 2
        total: data.total
      - {kind: page}
      - {operation: listOrders, kind: none, end: total}
`, []string{
			`7: api "a": paging[0].kind: "pages" is not one of page, offset, cursor, none`,
			`9: api "a": paging[1].end: "last_page" is not one of cursor, has_more, last, short_page, total, total_pages`,
			`10: api "a": paging[1].first_page: 2; want 1, or 0 where pages count from 0`,
			`11: api "a": paging[1].total: "data.total" is not a JSON pointer into the answer (/data.total)`,
			`12: api "a": paging[2] names no operation (its operationId)`,
			`13: api "a": paging[3]: kind none says the operation is not paged; it takes no other key`,
			`13: api "a": paging[3]: operation "listOrders" has an entry already, at line 7`,
		}},
		{"unknown paging key", `
apis:
  - name: a
    docs: [a.txt]
    out: a
    paging:
      - {operation: listUsers, pgae: page}
`, []string{`7: apis[0].paging[0].pgae: unknown key; did you mean "page"? (known in a paging entry: operation, kind, page, size`}},
		{"default package name invalid", `
apis:
  - {name: a, docs: [a.txt], out: gen/my-api}
`, []string{`3: api "a": the package name defaults to "my-api"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeConfig(t, c.config)
			_, diags := Load(path)
			diags.Sort()
			if !diags.HasErrors() {
				t.Fatalf("no error for:\n%s", c.config)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				line, _, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got[i], path+":") || !strings.Contains(got[i], "[E007]") {
					t.Errorf("%q does not name %s:LINE or E007", got[i], path)
				}
				if strings.Contains(w, ": ") && !strings.HasPrefix(w, "error") && !strings.HasPrefix(got[i], path+":"+line+": ") {
					t.Errorf("%q is not at line %s", got[i], line)
				}
				if _, msg, _ := strings.Cut(w, ": "); !strings.Contains(got[i], msg) {
					t.Errorf("%q does not say %q", got[i], msg)
				}
			}
		})
	}
}

func TestLoadConfigValid(t *testing.T) {
	path := writeConfig(t, `
cache: .cache
fetch_timeout: 90s
apis:
  - name: shop
    title: Shop API
    version: 2.1.0
    docs: [docs/*.md, https://example.com/api.html]
    from: markdown
    profile: none
    servers: [https://api.example.com]
    spec: api/openapi.json
    formats: [json]
    out: shop
    parts: [client, validate]
`)
	c, diags := Load(path)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if c.FetchTimeout != 90*time.Second || c.Cache != ".cache" {
		t.Errorf("fetch_timeout %s, cache %q", c.FetchTimeout, c.Cache)
	}
	api := c.APIs[0]
	if api.Version != "2.1.0" || api.From != "markdown" || len(api.Parts) != 2 || api.Docs[1] != "https://example.com/api.html" {
		t.Errorf("api = %+v", api)
	}
	if got, want := c.Resolve(c.Cache), filepath.Join(filepath.Dir(path), ".cache"); got != want {
		t.Errorf("cache resolves to %s, want %s", got, want)
	}
}

// openapi takes one version or a list, quoted or not (an unquoted 3.0 is
// a YAML number).
func TestLoadConfigOpenAPIVersions(t *testing.T) {
	for text, want := range map[string][]string{
		`"3.0"`:          {"3.0"},
		`3.0`:            {"3.0"},
		`[3.1, 3.0]`:     {"3.1", "3.0"},
		`["3.0", "3.1"]`: {"3.0", "3.1"},
	} {
		c, diags := Load(writeConfig(t, "\napis:\n  - {name: a, docs: [a.txt], spec: a/openapi, openapi: "+text+"}\n"))
		if len(diags) > 0 {
			t.Fatalf("openapi: %s: %v", text, diags)
		}
		if got := []string(c.APIs[0].OpenAPI); !slices.Equal(got, want) {
			t.Errorf("openapi: %s read as %q, want %q", text, got, want)
		}
	}
}

// The repository's own config must stay valid: go generate runs on it.
func TestRepositoryConfig(t *testing.T) {
	for _, path := range []string{"../../../../apigen.yaml", "../../../../examples/downstream/apigen.yaml"} {
		if _, diags := Load(path); len(diags) > 0 {
			t.Errorf("%s: %v", path, diags)
		}
	}
}

// Every key the config accepts must be in the README's reference, and
// the reference must name no key the config does not accept.
func TestConfigKeysDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"Config", "APIConfig"} {
		for _, k := range yamlKeys(typ) {
			if !strings.Contains(string(readme), "`"+k+"`") {
				t.Errorf("README.md does not document the config key `%s`", k)
			}
		}
	}
}
