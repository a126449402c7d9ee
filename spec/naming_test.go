package spec

import (
	"math/rand/v2"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/ident"
)

// Names come from the routes alone: every order of the same routes gives
// every route the same name, and routes that would share one are told
// apart by their paths, parameters and methods rather than by a counter.
func TestNameRoutesIgnoresOrder(t *testing.T) {
	routes := []struct{ method, path, fixed, want string }{
		{"POST", "/api/cm/v1/cancel", "", "cmV1Cancel"},
		{"POST", "/api/order/v1/cancel", "", "orderV1Cancel"},
		{"POST", "/returnmoneyrecord/add", "", "returnmoneyrecordAdd"},
		{"GET", "/users", "", "getUsers"},
		{"POST", "/users", "", "postUsers"},
		{"GET", "/users/{id}", "", "usersByID"},
		{"POST", "/gateway#user.login", "", "userLogin"},
		{"POST", "/gateway#user.logout", "", "userLogout"},
		{"POST", "/v1/query", "", "v1Query"},
		{"POST", "/v1/renamed", "v2List", "v2List"},
		{"POST", "/v2/list", "", "postV2List"}, // an override took v2List,
	}
	for trial := range 20 {
		order := rand.Perm(len(routes))
		var rs []*route
		for _, i := range order {
			r := routes[i]
			rs = append(rs, &route{ep: &parser.Endpoint{Title: r.path}, method: r.method, path: r.path, fixed: r.fixed})
		}
		var ids ident.Unique
		var diags diag.List
		nameRoutes(rs, &ids, &diags)
		for j, i := range order {
			if got := rs[j].name; got != routes[i].want {
				t.Errorf("order %d: %s %s is %q, want %q", trial, routes[i].method, routes[i].path, got, routes[i].want)
			}
		}
		if len(diags) > 0 {
			t.Errorf("order %d: %v", trial, diags)
		}
	}
}
