package source

import (
	"strings"
	"testing"
)

const docsifyShell = `<!DOCTYPE html><html><head><title>API</title></head><body><div id="app"></div>
<script>window.$docsify = { name: 'API', loadSidebar: true, basePath: '/docs/' }</script>
<script src="//cdn.jsdelivr.net/npm/docsify@4/lib/docsify.min.js"></script></body></html>`

func TestDocsify(t *testing.T) {
	srv, s := serve(t, map[string]string{
		"/":                     docsifyShell,
		"/docs/_sidebar.md":     "- [首页](/)\n- 用户\n  - [获取用户](user/get.md)\n  - [新增用户](user/add)\n- [订单](#/order/ \"订单\")\n- [外链](https://example.org/x.md)\n",
		"/docs/README.md":       "# 首页\n",
		"/docs/user/get.md":     "# 获取用户\n\nGET /v1/user\n",
		"/docs/user/add.md":     "# 新增用户\n\nPOST /v1/user\n",
		"/docs/order/README.md": "# 订单\n\nGET /v1/order\n",
	})
	docs, err := resolve(t, srv.URL+"/", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/docs/README.md", "/docs/user/get.md", "/docs/user/add.md", "/docs/order/README.md"}
	if got := originsOf(docs); len(got) != len(want) {
		t.Fatalf("pages %v, want %v", got, want)
	}
	for i, w := range want {
		if docs[i].Origin != srv.URL+w {
			t.Errorf("page %d is %s, want %s", i, docs[i].Origin, w)
		}
	}
	for _, a := range s.asked {
		if strings.Contains(a, "example.org") {
			t.Errorf("fetched another site: %s", a)
		}
	}
	one, err := resolve(t, srv.URL+"/#/user/get", Options{})
	if err != nil || len(one) != 1 || one[0].Origin != srv.URL+"/docs/user/get.md" || !strings.Contains(string(one[0].Body), "GET /v1/user") {
		t.Fatalf("one route: %v, %v", originsOf(one), err)
	}
}
