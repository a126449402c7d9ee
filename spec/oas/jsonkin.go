package oas

import (
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// schemaRefJSON and schemaJSON are kin-openapi's MarshalYAML of a schema
// without the map of 61 slots it allocates for every schema: specs hold
// more schemas than anything else.
func schemaRefJSON(r *openapi3.SchemaRef) (jsonNode, error) {
	if r.Ref != "" || r.Value == nil {
		out, err := r.MarshalYAML()
		if err != nil {
			return jsonNode{}, &encodeError{err}
		}
		return jsonOf(out)
	}
	return schemaJSON(r.Value)
}

func schemaJSON(s *openapi3.Schema) (jsonNode, error) {
	if s.Always != nil {
		return boolNode(*s.Always), nil
	}
	pairs := make([]jsonPair, 0, len(s.Extensions)+8)
	add := func(k string, v any) { pairs = append(pairs, jsonPair{k, v}) }
	if x := s.OneOf; len(x) != 0 {
		add("oneOf", x)
	}
	if x := s.AnyOf; len(x) != 0 {
		add("anyOf", x)
	}
	if x := s.AllOf; len(x) != 0 {
		add("allOf", x)
	}
	if x := s.Not; x != nil {
		add("not", x)
	}
	if x := s.Type; !x.IsEmpty() {
		add("type", x)
	}
	if x := s.Title; len(x) != 0 {
		add("title", x)
	}
	if x := s.Format; len(x) != 0 {
		add("format", x)
	}
	if x := s.Description; len(x) != 0 {
		add("description", x)
	}
	if x := s.Enum; len(x) != 0 {
		add("enum", x)
	}
	if x := s.Default; x != nil {
		add("default", x)
	}
	if x := s.Example; x != nil {
		add("example", x)
	}
	if x := s.ExternalDocs; x != nil {
		add("externalDocs", x)
	}
	if s.UniqueItems {
		add("uniqueItems", true)
	}
	if x := s.ExclusiveMin; x.IsSet() {
		add("exclusiveMinimum", x)
	}
	if x := s.ExclusiveMax; x.IsSet() {
		add("exclusiveMaximum", x)
	}
	if s.Nullable {
		add("nullable", true)
	}
	if s.ReadOnly {
		add("readOnly", true)
	}
	if s.WriteOnly {
		add("writeOnly", true)
	}
	if s.AllowEmptyValue {
		add("allowEmptyValue", true)
	}
	if s.Deprecated {
		add("deprecated", true)
	}
	if x := s.XML; x != nil {
		add("xml", x)
	}
	if x := s.Min; x != nil {
		add("minimum", x)
	}
	if x := s.Max; x != nil {
		add("maximum", x)
	}
	if x := s.MultipleOf; x != nil {
		add("multipleOf", x)
	}
	if x := s.MinLength; x != 0 {
		add("minLength", x)
	}
	if x := s.MaxLength; x != nil {
		add("maxLength", x)
	}
	if x := s.Pattern; x != "" {
		add("pattern", x)
	}
	if x := s.MinItems; x != 0 {
		add("minItems", x)
	}
	if x := s.MaxItems; x != nil {
		add("maxItems", x)
	}
	if x := s.Items; x != nil {
		add("items", x)
	}
	if x := s.Required; len(x) != 0 {
		add("required", x)
	}
	if x := s.Properties; len(x) != 0 {
		add("properties", x)
	}
	if x := s.MinProps; x != 0 {
		add("minProperties", x)
	}
	if x := s.MaxProps; x != nil {
		add("maxProperties", x)
	}
	if x := s.AdditionalProperties; x.Has != nil || x.Schema != nil {
		add("additionalProperties", x)
	}
	if x := s.Discriminator; x != nil {
		add("discriminator", x)
	}
	if x := s.Const; x != nil {
		add("const", x)
	}
	if x := s.Examples; len(x) != 0 {
		add("examples", x)
	}
	if x := s.PrefixItems; len(x) != 0 {
		add("prefixItems", x)
	}
	if x := s.Contains; x != nil {
		add("contains", x)
	}
	if x := s.MinContains; x != nil {
		add("minContains", x)
	}
	if x := s.MaxContains; x != nil {
		add("maxContains", x)
	}
	if x := s.PatternProperties; len(x) != 0 {
		add("patternProperties", x)
	}
	if x := s.DependentSchemas; len(x) != 0 {
		add("dependentSchemas", x)
	}
	if x := s.PropertyNames; x != nil {
		add("propertyNames", x)
	}
	if x := s.UnevaluatedItems; x.Has != nil || x.Schema != nil {
		add("unevaluatedItems", x)
	}
	if x := s.UnevaluatedProperties; x.Has != nil || x.Schema != nil {
		add("unevaluatedProperties", x)
	}
	if x := s.If; x != nil {
		add("if", x)
	}
	if x := s.Then; x != nil {
		add("then", x)
	}
	if x := s.Else; x != nil {
		add("else", x)
	}
	if x := s.DependentRequired; len(x) != 0 {
		add("dependentRequired", x)
	}
	if x := s.Defs; len(x) != 0 {
		add("$defs", x)
	}
	if x := s.SchemaDialect; x != "" {
		add("$schema", x)
	}
	if x := s.Comment; x != "" {
		add("$comment", x)
	}
	if x := s.SchemaID; x != "" {
		add("$id", x)
	}
	if x := s.Anchor; x != "" {
		add("$anchor", x)
	}
	if x := s.DynamicRef; x != "" {
		add("$dynamicRef", x)
	}
	if x := s.DynamicAnchor; x != "" {
		add("$dynamicAnchor", x)
	}
	if x := s.ContentMediaType; x != "" {
		add("contentMediaType", x)
	}
	if x := s.ContentEncoding; x != "" {
		add("contentEncoding", x)
	}
	if x := s.ContentSchema; x != nil {
		add("contentSchema", x)
	}
	// An extension named as a field the schema sets is overwritten by it,
	// as in MarshalYAML's map.
	fields := len(pairs)
	for k, v := range s.Extensions {
		if strings.HasPrefix(k, "x-") || !slices.ContainsFunc(pairs[:fields], func(p jsonPair) bool { return p.key == k }) {
			add(k, v)
		}
	}
	slices.SortFunc(pairs, func(a, b jsonPair) int { return strings.Compare(a.key, b.key) })
	for i := range pairs {
		pairs[i].key = validUTF8(pairs[i].key)
	}
	return jsonNode{kind: jsonObject, pairs: pairs}, nil
}
