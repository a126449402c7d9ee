// Package bench holds side-by-side benchmarks of decoding and validating
// request bodies: the types apigen generates (generated/waiqin and
// generated/showdoc) beside encoding/json into a map and into a plain
// struct, kin-openapi's openapi3filter, and the types ogen generates from
// openapi.yaml (in ogenapi), on the documented request examples; and the
// generated handler beside a hand-written net/http one. `make bench` at
// the repository root runs them and prints cmd/benchtable's ratios.
//
// It is a module of its own so that ogen, pinned below, stays out of the
// main module's requirements. ogenapi is committed; regenerate it with
// `go generate` in this directory.
package bench

//go:generate go run github.com/ogen-go/ogen/cmd/ogen@v1.24.0 -config ogen.yml -target ogenapi -package ogenapi -clean -loglevel warn openapi.yaml
