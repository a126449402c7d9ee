package spec

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/oas"
)

// Override supplies or corrects what a page says about one endpoint: the
// URL a page does not give (a gateway "see the other page", a callback
// address the user chooses), a wrong method, an operation name. It is
// written in apigen.yaml under an API's overrides.
type Override struct {
	// Endpoint names the endpoint: its title as the page writes it, or
	// the file:line where apigen reports it (file may be the base name).
	Endpoint string
	Method   string // an HTTP method, upper or lower case
	Path     string // the request URL or path, as a page would write it
	Name     string // the operationId, and so the Go method name
	// Idempotent, when set, says whether the endpoint is safe to send
	// twice (x-apigen-idempotent): the generated client retries only
	// calls that are, and a POST is not unless this says so.
	Idempotent *bool
	// Schema names a component schema instead of an endpoint; Name is
	// then the Go name of its type (x-go-name).
	Schema string
	Pos    diag.Pos
}

// matches reports whether o names ep.
func (o *Override) matches(ep *parser.Endpoint) bool {
	want := strings.TrimSpace(o.Endpoint)
	if want == "" {
		return false
	}
	if collapse(ep.Title) == collapse(want) {
		return true
	}
	file, line, ok := splitFileLine(want)
	if !ok || line != ep.Pos.Line {
		return false
	}
	return file == ep.Pos.File || filepath.Base(file) == filepath.Base(ep.Pos.File)
}

// splitFileLine reads "docs/a.md:12" or "docs/a.md:12:3".
func splitFileLine(s string) (file string, line int, ok bool) {
	parts := strings.Split(s, ":")
	for len(parts) > 2 {
		if _, err := strconv.Atoi(parts[len(parts)-1]); err != nil {
			break
		}
		if _, err := strconv.Atoi(parts[len(parts)-2]); err != nil {
			break
		}
		parts = parts[:len(parts)-1] // a column
	}
	if len(parts) < 2 {
		return "", 0, false
	}
	n, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil || n <= 0 {
		return "", 0, false
	}
	return strings.Join(parts[:len(parts)-1], ":"), n, true
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// applyOverrides returns the docs with the overrides applied to copies of
// the endpoints they name, so that Build never changes its input, and the
// operation names they give. An
// override that names no endpoint, or a title that several endpoints
// share, is an error: a fix that silently applies nowhere, or to the wrong
// operation, is worse than none.
func applyOverrides(docs []*parser.Document, overrides []Override, diags *diag.List) ([]*parser.Document, map[*parser.Endpoint]applied) {
	names := map[*parser.Endpoint]applied{}
	if len(overrides) == 0 {
		return docs, names
	}
	out := make([]*parser.Document, len(docs))
	used := make([]int, len(overrides))
	for i, d := range docs {
		dc := *d
		dc.Endpoints = make([]*parser.Endpoint, len(d.Endpoints))
		for j, ep := range d.Endpoints {
			dc.Endpoints[j] = ep
			for k := range overrides {
				o := &overrides[k]
				if o.Schema != "" || !o.matches(ep) {
					continue
				}
				used[k]++
				c := *ep
				if o.Method != "" {
					c.Method, c.MethodPos = strings.ToUpper(o.Method), o.Pos
				}
				if o.Path != "" {
					c.URL, c.URLPos = o.Path, o.Pos
				}
				a := names[ep]
				delete(names, ep)
				if o.Name != "" {
					a.name = o.Name
				}
				if o.Idempotent != nil {
					a.idempotent = o.Idempotent
				}
				names[&c] = a
				dc.Endpoints[j] = &c
				ep = &c
			}
		}
		out[i] = &dc
	}
	for k, o := range overrides {
		switch {
		case o.Schema != "":
		case used[k] == 0:
			diags.Add(o.Pos, diag.UnusedOverride, "override for %q names no endpoint of this API (give its title as the page writes it, or file:line)", o.Endpoint)
		case used[k] > 1 && !strings.Contains(o.Endpoint, ":"):
			diags.Add(o.Pos, diag.UnusedOverride, "override for %q names %d endpoints; name one by file:line", o.Endpoint, used[k])
		}
	}
	return out, names
}

// applied is what overrides set for one endpoint beyond its URL and
// method.
type applied struct {
	name       string
	idempotent *bool
}

// renameSchemas gives component schemas the Go names overrides set for
// them. A name for a schema the spec does not have is an error, like an
// override that names no endpoint.
func renameSchemas(schemas openapi3.Schemas, overrides []Override, diags *diag.List) {
	for _, o := range overrides {
		if o.Schema == "" {
			continue
		}
		ref := schemas[o.Schema]
		if ref == nil || ref.Value == nil {
			diags.Add(o.Pos, diag.UnusedOverride, "override for schema %q: the spec has no component schema of that name", o.Schema)
			continue
		}
		if ref.Value.Extensions == nil {
			ref.Value.Extensions = map[string]any{}
		}
		ref.Value.Extensions[oas.ExtGoName] = o.Name
	}
}

// overrideHint is the line of apigen.yaml that would give ep a URL.
func overrideHint(ep *parser.Endpoint) string {
	name := ep.Title
	if name == "" || strings.ContainsAny(name, `"\`) {
		name = fmt.Sprintf("%s:%d", filepath.Base(ep.Pos.File), ep.Pos.Line)
	}
	return fmt.Sprintf(`overrides: [{endpoint: %q, method: %s, path: /…}]`, name, or(ep.Method, "POST"))
}
