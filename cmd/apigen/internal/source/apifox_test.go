package source

import (
	"net/url"
	"strings"
	"testing"
)

func TestApifoxAndEasyDocAreErrorsWithTheRemedy(t *testing.T) {
	for _, c := range []struct{ url, platform, says string }{
		{"https://apifox.com/apidoc/shared-5e0b2f4c-1b2a-4c1e-9d7a-0a1b2c3d4e5f", "Apifox", "Project Settings → Export"},
		{"https://apifox.com/apidoc/shared-5e0b2f4c-1b2a-4c1e-9d7a-0a1b2c3d4e5f/api-123456", "Apifox", "OpenAPI/Swagger"},
		{"https://www.apifox.cn/apidoc/project-1234567", "Apifox", "list the file"},
		{"https://vendor-open.apifox.cn/doc-4296599", "Apifox", "Export"},
		{"https://www.easydoc.net/doc/45500656/ZIPrEyNM/Jx4ErYW1", "EasyDoc", "export the project from EasyDoc"},
		{"https://easydoc.xyz/s/82693174", "EasyDoc", "list the file"},
	} {
		_, err := resolve(t, c.url, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), c.platform+" shared docs") || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v", c.url, err)
		}
	}
}

func TestApifoxAndEasyDocClaimOnlyTheirShares(t *testing.T) {
	for _, raw := range []string{
		"https://api.apifox.com/v1/projects/1/export-openapi",
		"https://docs.apifox.com/help",
		"https://app.apifox.com/project/1",
		"https://apifox.com/",
		"https://example.com/apidoc/shared-123",
		"https://notapifox.com/apidoc/shared-123",
		"https://easydoc.net/",
		"https://easydoc.net.example.com/doc/1/2/3",
		"https://example.com/doc/1/2/3",
	} {
		u, _ := url.Parse(raw)
		if apifoxByURL(u) || easydocByURL(u) {
			t.Errorf("%s was claimed", raw)
		}
	}
	// A page that only mentions the platforms is not theirs; one that loads
	// Apifox's scripts is.
	srv, _ := serve(t, map[string]string{
		"/mention.html": `<html><body><h1>接口</h1><p>GET /v1/user, exported from Apifox and EasyDoc.</p></body></html>`,
		"/site/":        `<!doctype html><html><head><title>Vendor API</title><script src="https://cdn.apifox.com/www/assets/js/index.js"></script></head><body><div id="root"></div></body></html>`,
	})
	if docs, err := resolve(t, srv.URL+"/mention.html", Options{}); err != nil || len(docs) != 1 {
		t.Fatalf("a page mentioning Apifox: %v", err)
	}
	if _, err := resolve(t, srv.URL+"/site/", Options{}); err == nil || !strings.HasPrefix(err.Error(), "Apifox shared docs") {
		t.Fatalf("a doc site on its own domain: %v", err)
	}
}
