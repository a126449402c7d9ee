package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen/apigen/spec/oas"
)

// apigen mock answers each operation with its documented example and
// refuses requests the spec rejects.
func TestMockServesExamples(t *testing.T) {
	doc, diags := oas.Load("../../generated/wisecrm/openapi.yaml")
	if doc == nil {
		t.Fatal(diags)
	}
	h, routeDiags := mockHandler(doc, "openapi.yaml", nil, &mockLimits{maxBody: 1 << 20, maxValues: 10000})
	if len(routeDiags) != 0 {
		t.Fatal(routeDiags)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	get := func(url string) (int, string) {
		resp, err := srv.Client().Get(srv.URL + url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, body := get("/returnmoneyrecord/get?op_user=u1&returnmoneyrecord_id=r1&fields=a")
	if code != http.StatusOK || !strings.Contains(body, `"error_code":0`) || !strings.Contains(body, `"receivedDate":"2017-01-01"`) {
		t.Errorf("documented example: %d %s", code, body)
	}
	code, body = get("/returnmoneyrecord/get?fields=a")
	if code != http.StatusBadRequest || !strings.Contains(body, "op_user") {
		t.Errorf("missing required parameter: %d %s", code, body)
	}
}

// routesSpec has routes a ServeMux refuses together: overlapping ones
// with neither more specific, and a parameter inside a segment. The mock
// serves them all as NewHandler does, and leaves out, with a warning on
// its line, a route that matches the same requests as one before it (in
// path order, as NewHandler takes them) and one whose template the router
// cannot read.
const routesSpec = `openapi: 3.1.0
info: {title: routes, version: "1"}
paths:
  /projects/columns/{column_id}:
    get:
      parameters: [{name: column_id, in: path, required: true, schema: {type: integer}}]
      responses: {"200": {description: ok, content: {application/json: {example: {route: column}}}}}
  /projects/{project_id}/columns:
    get:
      parameters: [{name: project_id, in: path, required: true, schema: {type: integer}}]
      responses: {"200": {description: ok, content: {application/json: {example: {route: columns}}}}}
  /files/{name}.json:
    get:
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok, content: {application/json: {example: {route: file}}}}}
  /projects/{id}/columns:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses: {"200": {description: ok, content: {application/json: {example: {route: same}}}}}
  /pairs/{a}{b}:
    get:
      parameters:
        - {name: a, in: path, required: true, schema: {type: string}}
        - {name: b, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
`

func TestMockServesEveryRoute(t *testing.T) {
	doc, lines, diags := oas.LoadDataLines("routes.yaml", []byte(routesSpec))
	if doc == nil {
		t.Fatal(diags)
	}
	h, routeDiags := mockHandler(doc, "routes.yaml", lines, &mockLimits{maxBody: 1 << 20, maxValues: 10000})
	srv := httptest.NewServer(h)
	defer srv.Close()
	for path, want := range map[string]string{
		"/projects/columns/7":  `{"route":"column"}`,
		"/projects/7/columns":  `{"route":"same"}`, // {id} sorts before {project_id}, as NewHandler orders them
		"/files/report.json":   `{"route":"file"}`,
		"/projects/columns/x":  "", // column_id is an integer: 400
		"/files/report.yaml":   "", // no route: 404
		"/projects/7/columns/": "",
	} {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want == "" {
			if resp.StatusCode == http.StatusOK {
				t.Errorf("%s: 200 %s", path, body)
			}
			continue
		}
		if resp.StatusCode != http.StatusOK || string(body) != want {
			t.Errorf("%s: %d %s, want %s", path, resp.StatusCode, body, want)
		}
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/projects/7/columns", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST on a GET route: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	var got []string
	for _, d := range routeDiags {
		got = append(got, d.String())
	}
	want := []string{
		`routes.yaml:21: warning: #/paths/~1pairs~1{a}{b}/get: the mock does not serve GET /pairs/{a}{b}: the segment "{a}{b}" has two parameters with no text between them [W021]`,
		`routes.yaml:9: warning: #/paths/~1projects~1{project_id}~1columns/get: the mock does not serve GET /projects/{project_id}/columns: GET /projects/{id}/columns has the same route [W021]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
