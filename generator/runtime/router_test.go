package runtime

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRouter(t *testing.T) {
	rt := &router{
		notFound:   func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("404")) },
		notAllowed: func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("405 Allow: " + w.Header().Get("Allow"))) },
	}
	route := func(method, template string, params ...string) {
		rt.handle(method, template, func(w http.ResponseWriter, r *http.Request) {
			out := r.Pattern
			for _, p := range params {
				out += " " + p + "=" + r.PathValue(p)
			}
			w.Write([]byte(out))
		})
	}
	route("GET", "/a/{x}", "x")
	route("GET", "/{y}/b", "y")
	route("POST", "/a/b")
	route("GET", "/things/{id}", "id")
	route("GET", "/things/{id}.json", "id")
	route("GET", "/things/v{id}.json", "id")
	route("GET", "/files/{f}/versions/{v}", "f", "v")
	route("GET", "/pages/{page}.{format}", "page", "format")
	route("GET", "/pages/{page}t.{format}", "page", "format")
	route("GET", "/n/{foo}1234{bar}-{baz}!{kek}", "foo", "bar", "baz", "kek")
	route("GET", "/files/uploads/{u}/parts", "u")
	route("HEAD", "/h")
	route("GET", "/h")
	route("GET", "/g")
	route("GET", "/")
	route("GET", "/dir/")
	for _, c := range []struct{ method, path, want string }{
		{"GET", "/a/b", "GET /a/{x} x=b"},             // a literal first, where the routes first differ
		{"GET", "/z/b", "GET /{y}/b y=z"},             // then the parameter
		{"POST", "/a/b", "POST /a/b"},                 // the method decides between equal paths
		{"POST", "/a/c", "405 Allow: GET, HEAD"},      // the path is served, not the method
		{"PUT", "/a/b", "405 Allow: GET, HEAD, POST"}, // every route that serves the path
		{"DELETE", "/h", "405 Allow: GET, HEAD"},      //
		{"PUT", "/things/7.json", "405 Allow: GET, HEAD"},
		{"PUT", "/nothing/here", "404"},
		{"GET", "/things/7", "GET /things/{id} id=7"}, //
		{"GET", "/things/7.json", "GET /things/{id}.json id=7"},
		{"GET", "/things/v7.json", "GET /things/v{id}.json id=7"}, // the most literal text first
		{"GET", "/things/.json", "GET /things/{id} id=.json"},     // a parameter is never empty
		{"GET", "/things/a%2Fb", "GET /things/{id} id=a/b"},       // unescaped segment by segment
		{"GET", "/th%69ngs/x", "GET /things/{id} id=x"},
		{"GET", "/things/", "404"},
		{"GET", "/things", "404"},
		{"GET", "/files/uploads/versions/3", "GET /files/{f}/versions/{v} f=uploads v=3"}, // back from a literal that leads nowhere
		{"GET", "/files/uploads/u1/parts", "GET /files/uploads/{u}/parts u=u1"},
		{"GET", "/pages/12.png", "GET /pages/{page}.{format} page=12 format=png"},
		{"GET", "/pages/12t.png", "GET /pages/{page}t.{format} page=12 format=png"}, // more literal text first
		{"GET", "/pages/1.2.png", "GET /pages/{page}.{format} page=1 format=2.png"}, // a value runs to the next text
		{"GET", "/pages/.png", "404"},
		{"GET", "/pages/12.", "404"},
		{"GET", "/n/a1234b-c!d", "GET /n/{foo}1234{bar}-{baz}!{kek} foo=a bar=b baz=c kek=d"},
		{"GET", "/n/a1234b-c", "404"},
		{"HEAD", "/h", "HEAD /h"},
		{"HEAD", "/g", "GET /g"}, // the GET route serves HEAD
		{"GET", "/", "GET /"},
		{"GET", "/dir/", "GET /dir/"},
		{"GET", "/dir", "404"},
		{"GET", "/a/b/c", "404"},
	} {
		r := httptest.NewRequest(c.method, "http://x"+c.path, nil)
		w := httptest.NewRecorder()
		rt.ServeHTTP(w, r)
		if got := w.Body.String(); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.method, c.path, got, c.want)
		}
	}
}

// TestRouterManyParams reads more parameters than are gathered inline.
func TestRouterManyParams(t *testing.T) {
	var names []string
	for i := range maxInlineParams + 3 {
		names = append(names, "p"+string(rune('a'+i)))
	}
	rt := &router{notFound: http.NotFound, notAllowed: http.NotFound}
	rt.handle("GET", "/{"+strings.Join(names, "}/{")+"}", func(w http.ResponseWriter, r *http.Request) {
		for _, n := range names {
			w.Write([]byte(r.PathValue(n)))
		}
	})
	w := httptest.NewRecorder()
	rt.ServeHTTP(w, httptest.NewRequest("GET", "/"+strings.Join(names, "/"), nil))
	if got := w.Body.String(); got != strings.Join(names, "") {
		t.Errorf("got %q", got)
	}
}

func BenchmarkRouter(b *testing.B) {
	rt := &router{notFound: http.NotFound, notAllowed: http.NotFound}
	mux := http.NewServeMux()
	for _, op := range []string{"addPlan", "startPlan", "stopPlan", "modifyPlan", "removeCus", "addSupplier", "queryEndRecords"} {
		template := "/api/cuxiao/v1/" + op + "/{openid}/{timestamp}/{digest}/{msg_id}"
		serve := func(w http.ResponseWriter, r *http.Request) { _ = r.PathValue("digest") }
		rt.handle("POST", template, serve)
		mux.HandleFunc("POST "+template, serve)
	}
	r := httptest.NewRequest("POST", "/api/cuxiao/v1/startPlan/o1/20240301090000/0123456789abcdef0123456789abcdef/M1", nil)
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"router", rt}, {"servemux", mux}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.h.ServeHTTP(nil, r)
			}
		})
	}
}
