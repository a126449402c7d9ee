package oas

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
)

// Version30 is the OpenAPI version To30 writes: the last of the 3.0 line,
// which every 3.0 tool reads.
const Version30 = "3.0.3"

// To30 returns the OpenAPI 3.0 form of a 3.1 spec, for the tools that read
// only 3.0 (oapi-codegen and ogen among them); t itself is not changed.
// Where 3.0 has a keyword that means the same, it is used: a type list
// becomes nullable or anyOf, const a one-value enum, examples example,
// a numeric exclusiveMinimum a minimum with exclusiveMinimum: true. Where
// it has none, the meaning goes into an x- extension and the description,
// which 3.0 tools show or ignore (I007): JSON carried in a string
// (contentSchema) and webhooks. A keyword with neither is dropped (W036).
// Every diagnostic names its JSON pointer; name is the spec file they are
// reported against.
func To30(t *openapi3.T, name string) (*openapi3.T, diag.List) {
	c := &converter{at: diag.Pos{File: name}}
	// A copy through JSON: the conversion rewrites schemas in place, and
	// the 3.1 spec is still written and generated from.
	raw, err := json.Marshal(t)
	if err != nil {
		c.diags.Add(c.at, diag.InvalidSpec, "the spec cannot be encoded: %v", err)
		return nil, c.diags
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	out, err := loader.LoadFromData(raw)
	if err != nil {
		c.diags.Add(c.at, diag.InvalidSpec, "the spec cannot be read back for conversion: %v", err)
		return nil, c.diags
	}
	out.OpenAPI = Version30
	keepExamples(out, t)
	c.document(out)
	return out, c.diags
}

type converter struct {
	at    diag.Pos
	diags diag.List
	// severalExamples counts the schemas whose examples list had more
	// than the one value 3.0's example holds; first is the first of them.
	severalExamples int
	firstExamples   string
}

func (c *converter) mapped(pointer, format string, args ...any) {
	c.diags.Add(c.at, diag.MappedIn30, "#%s: %s", pointer, fmt.Sprintf(format, args...))
}

func (c *converter) dropped(pointer, format string, args ...any) {
	c.diags.Add(c.at, diag.DroppedIn30, "#%s: %s", pointer, fmt.Sprintf(format, args...))
}

func (c *converter) document(t *openapi3.T) {
	if t.Paths == nil {
		t.Paths = openapi3.NewPaths() // required in 3.0
	}
	if t.JSONSchemaDialect != "" {
		c.dropped("/jsonSchemaDialect", "3.0 has no jsonSchemaDialect; its schemas are always 3.0's dialect")
		t.JSONSchemaDialect = ""
	}
	if info := t.Info; info != nil {
		if info.Summary != "" {
			// 3.0's info has no summary; the description's first
			// paragraph says the same to a reader.
			info.Description = joinParagraphs(info.Summary, info.Description)
			info.Summary = ""
		}
		if l := info.License; l != nil && l.Identifier != "" {
			switch {
			case l.URL != "":
			case !strings.ContainsAny(l.Identifier, " ()"):
				l.URL = "https://spdx.org/licenses/" + l.Identifier + ".html"
			default:
				c.dropped("/info/license/identifier", "3.0's license has no SPDX identifier and the expression %q has no page of its own to link to", l.Identifier)
			}
			l.Identifier = ""
		}
	}
	// Every schema is collected before any is changed: the walk reads a
	// schema's keywords after visiting it, and the conversion moves some
	// of them (into anyOf members, into extensions).
	type visit struct {
		pointer string
		ref     *openapi3.SchemaRef
	}
	var all []visit
	_ = t.WalkSchemas(func(pointer string, r *openapi3.SchemaRef) error {
		all = append(all, visit{pointer, r})
		return nil
	})
	for _, v := range all {
		c.schema(v.pointer, v.ref.Value)
	}
	if c.severalExamples > 0 {
		c.mapped(c.firstExamples, "%d schemas list several examples; 3.0's example holds one, so each keeps its first", c.severalExamples)
	}
	if len(t.Webhooks) > 0 {
		for _, name := range slices.Sorted(maps.Keys(t.Webhooks)) {
			c.mapped("/webhooks/"+EscapePointer(name), "3.0 has no webhooks; the call is kept in %s, which Redoc renders and code generators ignore", ExtWebhooks)
		}
		if t.Extensions == nil {
			t.Extensions = map[string]any{}
		}
		t.Extensions[ExtWebhooks] = t.Webhooks
		t.Webhooks = nil
	}
}

// schema rewrites one schema's 3.1 keywords; its subschemas are visited
// on their own.
func (c *converter) schema(pointer string, s *openapi3.Schema) {
	if s.Always != nil {
		// A boolean schema: true accepts anything, as {} does; false
		// accepts nothing, as {not: {}} does.
		if !*s.Always {
			s.Not = openapi3.NewSchemaRef("", &openapi3.Schema{})
		}
		s.Always = nil
	}
	if s.Const != nil {
		s.Enum = []any{s.Const}
		s.Const = nil
	}
	if len(s.Examples) > 0 {
		if s.Example == nil {
			s.Example = s.Examples[0]
		}
		if len(s.Examples) > 1 {
			if c.severalExamples == 0 {
				c.firstExamples = pointer + "/examples"
			}
			c.severalExamples++
		}
		s.Examples = nil
	}
	s.ExclusiveMin = exclusiveBound(s.ExclusiveMin, &s.Min, func(v, bound float64) bool { return v >= bound })
	s.ExclusiveMax = exclusiveBound(s.ExclusiveMax, &s.Max, func(v, bound float64) bool { return v <= bound })
	c.content(pointer, s)
	c.unsupported(pointer, s)
	c.types(s)
	ogenNames(s)
}

// exclusiveBound turns 3.1's exclusiveMinimum: n into 3.0's minimum: n
// with exclusiveMinimum: true (the same for the maximum), unless the
// inclusive bound already beside it is the tighter one.
func exclusiveBound(eb openapi3.ExclusiveBound, inclusive **float64, tighter func(v, bound float64) bool) openapi3.ExclusiveBound {
	if eb.Value == nil {
		return eb
	}
	if *inclusive != nil && !tighter(*eb.Value, **inclusive) {
		return openapi3.ExclusiveBound{}
	}
	v, yes := *eb.Value, true
	*inclusive = &v
	return openapi3.ExclusiveBound{Bool: &yes}
}

// content carries contentMediaType and contentSchema, JSON Schema's way
// of saying what a string holds, in extensions and the description: the
// value on the wire is still a string, which is what 3.0's type says.
func (c *converter) content(pointer string, s *openapi3.Schema) {
	switch s.ContentEncoding {
	case "":
	case "base64":
		if s.Format == "" {
			s.Format = "byte" // 3.0's name for base64 text
		}
	default:
		c.dropped(pointer+"/contentEncoding", "3.0 has no contentEncoding and no format for %q", s.ContentEncoding)
	}
	s.ContentEncoding = ""
	if s.ContentMediaType == "" && s.ContentSchema == nil {
		return
	}
	media := s.ContentMediaType
	if media == "" {
		media = "application/json" // contentSchema alone describes JSON
	}
	if s.Extensions == nil {
		s.Extensions = map[string]any{}
	}
	s.Extensions[ExtContentMediaType] = media
	note := "Carries " + media + " text."
	if s.ContentSchema != nil {
		s.Extensions[ExtContentSchema] = s.ContentSchema
		note = "Carries " + media + " text; " + ExtContentSchema + " gives its schema."
		c.mapped(pointer+"/contentSchema", "3.0 cannot give the schema of JSON carried in a string; it is kept in %s and the description says so", ExtContentSchema)
	}
	s.Description = joinParagraphs(s.Description, note)
	s.ContentMediaType, s.ContentSchema = "", nil
}

// unsupported drops the 3.1 keywords 3.0 has no form for, each with a
// warning.
func (c *converter) unsupported(pointer string, s *openapi3.Schema) {
	drop := func(keyword string, set bool, clear func()) {
		if set {
			c.dropped(pointer+"/"+keyword, "3.0 has no %s; the 3.0 spec does not check it", keyword)
			clear()
		}
	}
	drop("prefixItems", len(s.PrefixItems) > 0, func() { s.PrefixItems = nil })
	drop("contains", s.Contains != nil, func() { s.Contains = nil })
	drop("minContains", s.MinContains != nil, func() { s.MinContains = nil })
	drop("maxContains", s.MaxContains != nil, func() { s.MaxContains = nil })
	drop("patternProperties", len(s.PatternProperties) > 0, func() { s.PatternProperties = nil })
	drop("dependentSchemas", len(s.DependentSchemas) > 0, func() { s.DependentSchemas = nil })
	drop("dependentRequired", len(s.DependentRequired) > 0, func() { s.DependentRequired = nil })
	drop("propertyNames", s.PropertyNames != nil, func() { s.PropertyNames = nil })
	drop("unevaluatedItems", s.UnevaluatedItems != (openapi3.BoolSchema{}), func() { s.UnevaluatedItems = openapi3.BoolSchema{} })
	drop("unevaluatedProperties", s.UnevaluatedProperties != (openapi3.BoolSchema{}), func() { s.UnevaluatedProperties = openapi3.BoolSchema{} })
	drop("if", s.If != nil, func() { s.If = nil })
	drop("then", s.Then != nil, func() { s.Then = nil })
	drop("else", s.Else != nil, func() { s.Else = nil })
	drop("$defs", len(s.Defs) > 0, func() { s.Defs = nil })
	drop("$schema", s.SchemaDialect != "", func() { s.SchemaDialect = "" })
	drop("$id", s.SchemaID != "", func() { s.SchemaID = "" })
	drop("$anchor", s.Anchor != "", func() { s.Anchor = "" })
	drop("$dynamicRef", s.DynamicRef != "", func() { s.DynamicRef = "" })
	drop("$dynamicAnchor", s.DynamicAnchor != "", func() { s.DynamicAnchor = "" })
	s.Comment = "" // a comment for the spec's authors, not a constraint
}

// types turns a list of types into 3.0's forms: "null" among them into
// nullable, several others into anyOf with one member per type, each
// taking the keywords JSON Schema applies to that type only. anyOf says
// exactly what the list says (a value of any one of the types); oneOf
// would reject an integer where both integer and number are listed.
func (c *converter) types(s *openapi3.Schema) {
	if s.Type == nil {
		return
	}
	var kinds []string
	null := false
	for _, k := range *s.Type {
		if k == openapi3.TypeNull {
			null = true
		} else if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	switch {
	case len(kinds) == 0:
		// Only null: 3.0 has no null type, but nullable with a null enum
		// accepts null alone.
		s.Type, s.Nullable, s.Enum = nil, true, []any{nil}
		return
	case len(kinds) == 1:
		s.Type = &openapi3.Types{kinds[0]}
		s.Nullable = s.Nullable || null
		arrayItems(s)
		return
	}
	var members openapi3.SchemaRefs
	for _, k := range kinds {
		m := member(s, k)
		if m == nil {
			continue // the enum lists no value of this type
		}
		m.Nullable = null || s.Nullable
		members = append(members, openapi3.NewSchemaRef("", m))
	}
	clearTyped(s)
	s.Type, s.Nullable = nil, false
	if len(members) == 1 {
		// The enum leaves one type: the member is the schema.
		m := members[0].Value
		s.Type, s.Nullable, s.Enum, s.Format = m.Type, m.Nullable, m.Enum, m.Format
		copyTyped(s, m)
		return
	}
	s.Enum = nil
	// A default goes with the member of its type: generators give a
	// default to a value of one type, and ogen stops at one on a union.
	for _, m := range members {
		if s.Default != nil && valueOfType(s.Default, typesOf(m.Value)[0]) {
			m.Value.Default, s.Default = s.Default, nil
		}
	}
	s.AnyOf = append(members, s.AnyOf...)
}

// arrayItems gives an array without items the items 3.0 requires: any.
func arrayItems(s *openapi3.Schema) {
	if s.Type.Is(openapi3.TypeArray) && s.Items == nil {
		s.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
	}
}

// member is the anyOf member for one type of a type list: the type, the
// keywords that apply to it, the enum values of it and the format when
// the format is one of that type's. It is nil when an enum lists no value
// of the type.
func member(s *openapi3.Schema, kind string) *openapi3.Schema {
	m := &openapi3.Schema{Type: &openapi3.Types{kind}}
	copyTyped(m, s)
	clearOther(m, kind)
	if len(s.Enum) > 0 {
		for _, v := range s.Enum {
			if v == nil || valueOfType(v, kind) {
				m.Enum = append(m.Enum, v)
			}
		}
		if len(m.Enum) == 0 || len(m.Enum) == 1 && m.Enum[0] == nil {
			return nil
		}
	}
	if formatOfType(s.Format, kind, typesOf(s)) {
		m.Format = s.Format
	}
	arrayItems(m)
	return m
}

// copyTyped copies the keywords that constrain one type only.
func copyTyped(dst, src *openapi3.Schema) {
	// strings
	dst.MinLength, dst.MaxLength, dst.Pattern = src.MinLength, src.MaxLength, src.Pattern
	// numbers
	dst.Min, dst.Max, dst.ExclusiveMin, dst.ExclusiveMax, dst.MultipleOf = src.Min, src.Max, src.ExclusiveMin, src.ExclusiveMax, src.MultipleOf
	// arrays
	dst.Items, dst.MinItems, dst.MaxItems, dst.UniqueItems = src.Items, src.MinItems, src.MaxItems, src.UniqueItems
	// objects
	dst.Properties, dst.Required, dst.AdditionalProperties = src.Properties, src.Required, src.AdditionalProperties
	dst.MinProps, dst.MaxProps, dst.Discriminator = src.MinProps, src.MaxProps, src.Discriminator
	if order, ok := src.Extensions[ExtOrder]; ok {
		if dst.Extensions == nil {
			dst.Extensions = map[string]any{}
		}
		dst.Extensions[ExtOrder] = order
	}
}

// clearTyped removes what copyTyped copies.
func clearTyped(s *openapi3.Schema) {
	copyTyped(s, &openapi3.Schema{})
	delete(s.Extensions, ExtOrder)
	s.Format = ""
}

// clearOther removes from a one-type member the keywords of other types.
func clearOther(m *openapi3.Schema, kind string) {
	keep := &openapi3.Schema{}
	copyTyped(keep, m)
	clearTyped(m)
	switch kind {
	case openapi3.TypeString:
		m.MinLength, m.MaxLength, m.Pattern = keep.MinLength, keep.MaxLength, keep.Pattern
	case openapi3.TypeInteger, openapi3.TypeNumber:
		m.Min, m.Max, m.ExclusiveMin, m.ExclusiveMax, m.MultipleOf = keep.Min, keep.Max, keep.ExclusiveMin, keep.ExclusiveMax, keep.MultipleOf
	case openapi3.TypeArray:
		m.Items, m.MinItems, m.MaxItems, m.UniqueItems = keep.Items, keep.MinItems, keep.MaxItems, keep.UniqueItems
	case openapi3.TypeObject:
		m.Properties, m.Required, m.AdditionalProperties = keep.Properties, keep.Required, keep.AdditionalProperties
		m.MinProps, m.MaxProps, m.Discriminator = keep.MinProps, keep.MaxProps, keep.Discriminator
		if order, ok := keep.Extensions[ExtOrder]; ok {
			m.Extensions = map[string]any{ExtOrder: order}
		}
	}
}

func typesOf(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	return *s.Type
}

// formatOfType reports whether a format belongs on the member of one
// type: the integer and number formats on the numeric members, every
// other format on the string member (or, with no string among the types,
// on each member).
func formatOfType(format, kind string, kinds []string) bool {
	switch format {
	case "":
		return false
	case "int32", "int64":
		return kind == openapi3.TypeInteger || kind == openapi3.TypeNumber
	case "float", "double":
		return kind == openapi3.TypeNumber
	}
	return kind == openapi3.TypeString || !slices.Contains(kinds, openapi3.TypeString)
}

// valueOfType reports whether a JSON value (as decoded by encoding/json or
// written by the spec builder) is of a JSON Schema type.
func valueOfType(v any, kind string) bool {
	switch x := v.(type) {
	case string:
		return kind == openapi3.TypeString
	case bool:
		return kind == openapi3.TypeBoolean
	case float64:
		return kind == openapi3.TypeNumber || kind == openapi3.TypeInteger && x == math.Trunc(x)
	case float32:
		return kind == openapi3.TypeNumber || kind == openapi3.TypeInteger && float64(x) == math.Trunc(float64(x))
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return kind == openapi3.TypeNumber || kind == openapi3.TypeInteger
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return kind == openapi3.TypeNumber || kind == openapi3.TypeInteger
		}
		return kind == openapi3.TypeNumber
	case []any:
		return kind == openapi3.TypeArray
	case map[string]any:
		return kind == openapi3.TypeObject
	}
	return false
}

func joinParagraphs(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n\n" + b
}
