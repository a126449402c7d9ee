// Package oas is the kin-openapi side that the spec builder and the
// generator share: loading a spec (YAML or JSON, with each schema's
// property order restored), writing it in a stable key order, validating
// it, and the x-apigen-* extensions apigen writes and reads. It is a leaf
// below both stages, so the generator reads any OpenAPI document without
// depending on the doc parser.
package oas
