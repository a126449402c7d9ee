package oas

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/parser/diag"
)

// Swagger 2.0 is what Java doc generators serve at /v2/api-docs and what
// doc platforms export: the doc UIs of most Spring Boot services in China.
// It is converted to OpenAPI 3.0 with kin-openapi's openapi2conv, then
// read as any 3.0 spec.

// swaggerVersion is the document's top-level swagger member, "" when it
// has none.
func swaggerVersion(doc *yaml.Node) string {
	if doc == nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return ""
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "swagger" {
			return m.Content[i+1].Value
		}
	}
	return ""
}

// fromSwagger2 converts a Swagger 2.0 document to OpenAPI 3.0 JSON, with
// diagnostics for what the conversion does not carry.
func fromSwagger2(name string, doc *yaml.Node) ([]byte, diag.List) {
	var diags diag.List
	at := diag.Pos{File: name}
	var plain any
	if err := doc.Decode(&plain); err != nil {
		diags.Add(at, diag.InvalidSpec, "the Swagger 2.0 document could not be read: %v", err)
		return nil, diags
	}
	raw, err := json.Marshal(jsonSafe(plain))
	if err != nil {
		diags.Add(at, diag.InvalidSpec, "the Swagger 2.0 document could not be read: %v", err)
		return nil, diags
	}
	var v2 openapi2.T
	if err := json.Unmarshal(raw, &v2); err != nil {
		diags.Add(at, diag.InvalidSpec, "the Swagger 2.0 document could not be read: %v", err)
		return nil, diags
	}
	diags = append(diags, swagger2Losses(name, &v2)...)
	v3, err := openapi2conv.ToV3(&v2)
	if err != nil {
		diags.Add(at, diag.InvalidSpec, "the Swagger 2.0 document could not be converted to OpenAPI 3: %v", err)
		return nil, diags
	}
	out, err := json.Marshal(v3)
	if err != nil {
		diags.Add(at, diag.InvalidSpec, "the converted spec could not be written: %v", err)
		return nil, diags
	}
	diags.Add(at, diag.ConvertedSwagger2, "%s is Swagger 2.0; it was converted to OpenAPI 3.0 (kin-openapi openapi2conv), and positions below are of the converted spec", name)
	return out, diags
}

// swagger2Losses reports what a Swagger 2.0 document says that OpenAPI 3
// has no place for, or that the conversion drops.
func swagger2Losses(name string, v2 *openapi2.T) diag.List {
	var diags diag.List
	at := diag.Pos{File: name}
	for _, path := range sortedPaths(v2.Paths) {
		for method, op := range v2.Paths[path].Operations() {
			if op == nil {
				continue
			}
			for _, p := range op.Parameters {
				if p == nil {
					continue
				}
				if p.CollectionFormat == "tsv" {
					diags.Add(at, diag.DroppedIn30, "%s %s: parameter %q is tab-separated (collectionFormat tsv), which OpenAPI 3 cannot say; it is read as comma-separated", strings.ToUpper(method), path, p.Name)
				}
				if p.AllowEmptyValue && p.In == "formData" {
					diags.Add(at, diag.DroppedIn30, "%s %s: form field %q allows an empty value, which an OpenAPI 3 request body cannot say", strings.ToUpper(method), path, p.Name)
				}
			}
		}
	}
	return diags
}

func sortedPaths(paths map[string]*openapi2.PathItem) []string {
	return slices.Sorted(maps.Keys(paths))
}

// jsonSafe turns what YAML decodes into what JSON encodes: maps with
// non-string keys (200: in responses) get their keys as text.
func jsonSafe(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonSafe(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonSafe(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonSafe(e)
		}
		return x
	}
	return v
}

// IsSpec reports whether data is an OpenAPI or Swagger document (YAML or
// JSON with a top-level openapi or swagger member) rather than a doc page.
func IsSpec(data []byte) bool {
	// A doc page of megabytes is not decoded as YAML to find out: a spec
	// names its version near the top.
	if !specMarker.Match(data[:min(len(data), 64<<10)]) {
		return false
	}
	doc, err := parseDoc(data)
	var top map[string]any
	if err != nil || len(doc.Content) == 0 || doc.Decode(&top) != nil {
		return false
	}
	_, openapi := top["openapi"].(string)
	_, swagger := top["swagger"].(string)
	return (openapi || swagger) && top["paths"] != nil || openapi && top["webhooks"] != nil
}

// specMarker is the version member of a spec, as YAML or JSON writes it.
var specMarker = regexp.MustCompile(`(?m)(^(openapi|swagger)\s*:|"(openapi|swagger)"\s*:)`)
