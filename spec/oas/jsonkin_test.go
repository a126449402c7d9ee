package oas

import (
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// schemaJSON mirrors kin-openapi's Schema.MarshalYAML field by field: a
// field kin-openapi adds must be added there too.
func TestSchemaJSONKnowsEveryField(t *testing.T) {
	known := []string{"Extensions", "Origin", "Always",
		"OneOf", "AnyOf", "AllOf", "Not", "Type", "Title", "Format", "Description", "Enum", "Default", "Example", "ExternalDocs",
		"UniqueItems", "ExclusiveMin", "ExclusiveMax", "Nullable", "ReadOnly", "WriteOnly", "AllowEmptyValue", "Deprecated", "XML",
		"Min", "Max", "MultipleOf", "MinLength", "MaxLength", "Pattern", "MinItems", "MaxItems", "Items",
		"Required", "Properties", "MinProps", "MaxProps", "AdditionalProperties", "Discriminator",
		"Const", "Examples", "PrefixItems", "Contains", "MinContains", "MaxContains", "PatternProperties", "DependentSchemas",
		"PropertyNames", "UnevaluatedItems", "UnevaluatedProperties", "If", "Then", "Else", "DependentRequired",
		"Defs", "SchemaDialect", "Comment", "SchemaID", "Anchor", "DynamicRef", "DynamicAnchor",
		"ContentMediaType", "ContentEncoding", "ContentSchema"}
	for f := range reflect.TypeFor[openapi3.Schema]().Fields() {
		if f.IsExported() && !slices.Contains(known, f.Name) {
			t.Errorf("openapi3.Schema has a field %s that schemaJSON does not write", f.Name)
		}
	}
}

func TestYAMLStyleFloat(t *testing.T) {
	re := regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	for _, s := range append(trickyStrings(500, 4), "1", "-1", "+.5", ".5", "5.", "5.e3", "1e", "1e+", "1e+5", "1E-05", ".", "-", "+", "e5", "1.2.3", "0x1", "", "1_0", "12345678901234567890") {
		if got, want := yamlStyleFloat(s), re.MatchString(s); got != want {
			t.Errorf("yamlStyleFloat(%q) = %v, want %v", s, got, want)
		}
	}
	digits := []string{"0", "1", "9", ".", "e", "E", "+", "-", "x", "_"}
	for i := range 200000 {
		var s string
		for n := i; n > 0; n /= len(digits) {
			s += digits[n%len(digits)]
		}
		if got, want := yamlStyleFloat(s), re.MatchString(s); got != want {
			t.Fatalf("yamlStyleFloat(%q) = %v, want %v", s, got, want)
		}
	}
}
