package oas

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
)

// Versions are the OpenAPI versions a spec can be written in: 3.1, which
// apigen builds and generates from, and 3.0 for the tools that read
// nothing newer.
var Versions = []string{"3.1", "3.0"}

// ValidVersion reports whether v names one of Versions.
func ValidVersion(v string) bool {
	for _, w := range Versions {
		if v == w {
			return true
		}
	}
	return false
}

// AsVersion returns t (a 3.1 spec) as the given version names it: t itself
// for 3.1, To30's conversion for 3.0. name is the file diagnostics are
// reported against.
func AsVersion(t *openapi3.T, version, name string) (*openapi3.T, diag.List, error) {
	switch version {
	case "3.1", "":
		return t, nil, nil
	case "3.0":
		out, diags := To30(t, name)
		return out, diags, nil
	}
	return nil, nil, fmt.Errorf("unknown OpenAPI version %q (want %s)", version, strings.Join(Versions, " or "))
}
