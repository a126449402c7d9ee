package source

import (
	"strings"
	"testing"
)

const swagger2Doc = `{"swagger":"2.0","info":{"title":"Pets","version":"1"},"basePath":"/","paths":{"/pets":{"get":{"operationId":"listPets","responses":{"200":{"description":"ok"}}}}}}`

const openapi3Doc = `{"openapi":"3.0.1","info":{"title":"Orders","version":"1"},"paths":{"/orders":{"get":{"operationId":"listOrders","responses":{"200":{"description":"ok"}}}}}}`

// Each spec viewer names its spec its own way; every way leads to it.
func TestSpecViewers(t *testing.T) {
	for _, tt := range []struct {
		name  string
		page  string // the URL path given
		pages map[string]string
		opts  Options
		want  string // the path of the spec found
	}{
		{"knife4j swagger-resources", "/doc.html", map[string]string{
			"/doc.html":                  `<!DOCTYPE html><html><head><title>Knife4j</title><script src="webjars/js/app.js"></script></head><body><div id="app"></div></body></html>`,
			"/swagger-resources":         `[{"name":"default","url":"/v2/api-docs?group=default","swaggerVersion":"2.0","location":"/v2/api-docs?group=default"}]`,
			"/v2/api-docs?group=default": swagger2Doc,
		}, Options{}, "/v2/api-docs?group=default"},
		{"knife4j groups, one chosen", "/doc.html", map[string]string{
			"/doc.html":                `<html><head><title>knife4j</title></head><body><div id="app"></div><script src="x.js"></script></body></html>`,
			"/swagger-resources":       `[{"name":"用户","url":"/v2/api-docs?group=user"},{"name":"订单","url":"/v2/api-docs?group=order"}]`,
			"/v2/api-docs?group=order": swagger2Doc,
		}, Options{Group: "订单"}, "/v2/api-docs?group=order"},
		{"springdoc swagger-config", "/swagger-ui/index.html", map[string]string{
			"/swagger-ui/index.html":      `<html><body><div id="swagger-ui"></div><script src="./swagger-initializer.js"></script></body></html>`,
			"/v3/api-docs/swagger-config": `{"configUrl":"/v3/api-docs/swagger-config","oauth2RedirectUrl":"x","url":"/v3/api-docs","validatorUrl":""}`,
			"/v3/api-docs":                openapi3Doc,
		}, Options{}, "/v3/api-docs"},
		{"swagger-initializer.js", "/docs/index.html", map[string]string{
			"/docs/index.html":             `<html><body><div id="swagger-ui"></div><script src="./swagger-initializer.js"></script></body></html>`,
			"/docs/swagger-initializer.js": `window.onload = function() { window.ui = SwaggerUIBundle({ url: "openapi/orders.json", dom_id: '#swagger-ui' }); };`,
			"/docs/openapi/orders.json":    openapi3Doc,
		}, Options{}, "/docs/openapi/orders.json"},
		{"inline urls", "/ui/", map[string]string{
			"/ui/":          `<html><body><script>const ui = SwaggerUIBundle({urls: [{url: "/specs/a.json", name: "A"}], dom_id: "#x"})</script></body></html>`,
			"/specs/a.json": openapi3Doc,
		}, Options{}, "/specs/a.json"},
		{"redoc", "/redoc", map[string]string{
			"/redoc":        `<html><body><redoc spec-url="/openapi.yaml"></redoc><script src="https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js"></script></body></html>`,
			"/openapi.yaml": "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n",
		}, Options{}, "/openapi.yaml"},
		{"rapidoc", "/rapidoc.html", map[string]string{
			"/rapidoc.html": `<html><body><rapi-doc spec-url="api.json"></rapi-doc><script src="rapidoc-min.js"></script></body></html>`,
			"/api.json":     openapi3Doc,
		}, Options{}, "/api.json"},
		{"stoplight elements", "/elements", map[string]string{
			"/elements":    `<html><body><elements-api apiDescriptionUrl="/v2/api-docs" router="hash"></elements-api></body></html>`,
			"/v2/api-docs": swagger2Doc,
		}, Options{}, "/v2/api-docs"},
		{"the spec itself", "/v2/api-docs", map[string]string{"/v2/api-docs": swagger2Doc}, Options{}, "/v2/api-docs"},
		{"the usual place", "/swagger-ui.html", map[string]string{
			"/swagger-ui.html": `<html><body><div id="swagger-ui"></div><script src="springfox.js"></script></body></html>`,
			"/v2/api-docs":     swagger2Doc,
		}, Options{}, "/v2/api-docs"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := serve(t, tt.pages)
			docs, err := resolve(t, srv.URL+tt.page, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || docs[0].Origin != srv.URL+tt.want {
				t.Fatalf("found %v, want %s", originsOf(docs), srv.URL+tt.want)
			}
		})
	}
}

func TestSpecViewerErrors(t *testing.T) {
	srv, _ := serve(t, map[string]string{
		"/doc.html":          `<html><head><title>knife4j</title></head><body><script src="x.js"></script></body></html>`,
		"/swagger-resources": `[{"name":"user","url":"/v2/api-docs?group=user"},{"name":"order","url":"/v2/api-docs?group=order"}]`,
		"/empty/doc.html":    `<html><head><title>knife4j</title></head><body><script src="x.js"></script></body></html>`,
	})
	_, err := resolve(t, srv.URL+"/doc.html", Options{})
	if err == nil || !strings.Contains(err.Error(), `2 groups ("user", "order")`) || !strings.Contains(err.Error(), "group:") {
		t.Errorf("several groups: %v", err)
	}
	_, err = resolve(t, srv.URL+"/empty/doc.html", Options{})
	if err == nil || !strings.Contains(err.Error(), "found no spec behind it") || !strings.Contains(err.Error(), "/empty/v2/api-docs") {
		t.Errorf("no spec: %v", err)
	}
}

func originsOf(docs []Doc) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Origin)
	}
	return out
}
