package runtime

import "net/http"

// Router is the router every generated server carries (router.go), for
// the tools that serve a spec without generating its package: apigen
// mock routes as NewHandler does. This file is not copied into generated
// packages, which keep their router unexported.
type Router struct{ rt router }

// NewRouter returns a router that answers a request no route matches
// with notFound, and one whose path routes match but not with its method
// with notAllowed, the Allow header set.
func NewRouter(notFound, notAllowed http.HandlerFunc) *Router {
	return &Router{rt: router{notFound: notFound, notAllowed: notAllowed}}
}

// Handle serves method requests on the path template: one that
// generator.RouteKey accepts, and whose key no route added before has.
func (r *Router) Handle(method, template string, serve http.HandlerFunc) {
	r.rt.handle(method, template, serve)
}

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.rt.ServeHTTP(w, req) }
