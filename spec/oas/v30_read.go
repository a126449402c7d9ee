package oas

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Read30 turns, in place, the forms To30 writes back into the 3.1
// constructs they stand for, so that a 3.0 spec is generated from as its
// 3.1 original is: an anyOf of one-type members is a type list, the
// x-apigen-content-* extensions are contentMediaType and contentSchema,
// x-webhooks are webhooks. An anyOf another tool wrote in that shape means
// what the type list means, so every 3.0 spec gains from the first. A 3.1
// spec is left as it is.
func Read30(t *openapi3.T) error {
	if t.IsOpenAPI31OrLater() {
		return nil
	}
	if raw, ok := t.Extensions[ExtWebhooks]; ok && len(t.Webhooks) == 0 {
		var hooks map[string]*openapi3.PathItem
		if err := reread(raw, &hooks); err != nil {
			return fmt.Errorf("%s: %w", ExtWebhooks, err)
		}
		t.Webhooks = hooks
		delete(t.Extensions, ExtWebhooks)
	}
	var all []*openapi3.Schema
	_ = t.WalkSchemas(func(_ string, r *openapi3.SchemaRef) error {
		all = append(all, r.Value)
		return nil
	})
	for _, s := range all {
		if err := readContent(s); err != nil {
			return err
		}
		readTypeList(s)
		readNullable(s)
	}
	// The schemas just read from extensions refer to components by $ref.
	return openapi3.NewLoader().ResolveRefsIn(t, nil)
}

// reread decodes an extension's value, as loaded, into an OpenAPI object.
func reread(raw, into any) error {
	b, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, into)
}

// readContent undoes To30's content mapping.
func readContent(s *openapi3.Schema) error {
	media, _ := s.Extensions[ExtContentMediaType].(string)
	raw, hasSchema := s.Extensions[ExtContentSchema]
	if media == "" && !hasSchema {
		return nil
	}
	if hasSchema {
		var r openapi3.SchemaRef
		if err := reread(raw, &r); err != nil {
			return fmt.Errorf("%s: %w", ExtContentSchema, err)
		}
		s.ContentSchema = &r
	}
	s.ContentMediaType = media
	s.Description = strings.TrimSuffix(strings.TrimSuffix(s.Description, contentNote(media, hasSchema)), "\n\n")
	delete(s.Extensions, ExtContentMediaType)
	delete(s.Extensions, ExtContentSchema)
	return nil
}

// contentNote is what To30 adds to the description of a string carrying
// another media type.
func contentNote(media string, withSchema bool) string {
	if withSchema {
		return "Carries " + media + " text; " + ExtContentSchema + " gives its schema."
	}
	return "Carries " + media + " text."
}

// readTypeList makes an anyOf of scalar members, each of one type of its
// own and holding only the keywords of that type, the type list it
// stands for. Anything else in the members (a $ref, a description, a
// second format) means more than a type list says, and the anyOf stays.
func readTypeList(s *openapi3.Schema) {
	if s.Type != nil || len(s.AnyOf) < 2 || len(s.OneOf) > 0 || len(s.AllOf) > 0 || s.Format != "" || len(s.Enum) > 0 {
		return
	}
	var kinds []string
	nullable, withEnum := false, 0
	merged := &openapi3.Schema{}
	for _, r := range s.AnyOf {
		m := r.Value
		if r.Ref != "" || m == nil || m.Type == nil || len(*m.Type) != 1 {
			return
		}
		kind := (*m.Type)[0]
		if slices.Contains(kinds, kind) || !onlyKeywordsOf(m, kind) {
			return
		}
		kinds = append(kinds, kind)
		// A member that takes null lets the anyOf take it.
		nullable = nullable || m.Nullable
		if m.Format != "" {
			if merged.Format != "" {
				return
			}
			merged.Format = m.Format
		}
		if m.Default != nil {
			if merged.Default != nil {
				return
			}
			merged.Default = m.Default
		}
		if len(m.Enum) > 0 {
			withEnum++
			merged.Enum = append(merged.Enum, m.Enum...)
		}
		copyKeywordsOf(merged, m, kind)
	}
	if withEnum > 0 && withEnum < len(kinds) {
		return // the members without an enum take any value of their type
	}
	if nullable {
		kinds = append(kinds, openapi3.TypeNull)
	}
	s.Type = &openapi3.Types{}
	*s.Type = kinds
	s.AnyOf = nil
	s.Format, s.Enum = merged.Format, merged.Enum
	if merged.Default != nil && s.Default == nil {
		s.Default = merged.Default
	}
	copyKeywordsOf(s, merged, openapi3.TypeString)
	copyKeywordsOf(s, merged, openapi3.TypeNumber)
}

// readNullable writes 3.0's nullable as 3.1 does, with "null" among the
// types.
func readNullable(s *openapi3.Schema) {
	if s.Nullable && s.Type != nil && len(*s.Type) == 1 {
		s.Type = &openapi3.Types{(*s.Type)[0], openapi3.TypeNull}
		s.Nullable = false
	}
}

// onlyKeywordsOf reports whether a member says nothing beyond its type, a
// format, an enum, a default, nullable and the keywords of its type.
func onlyKeywordsOf(m *openapi3.Schema, kind string) bool {
	bare := *m
	bare.Extensions, bare.Origin = nil, nil
	bare.Type, bare.Format, bare.Enum, bare.Default, bare.Nullable = nil, "", nil, nil, false
	switch kind {
	case openapi3.TypeString:
		bare.MinLength, bare.MaxLength, bare.Pattern = 0, nil, ""
	case openapi3.TypeInteger, openapi3.TypeNumber:
		bare.Min, bare.Max, bare.MultipleOf = nil, nil, nil
		bare.ExclusiveMin, bare.ExclusiveMax = openapi3.ExclusiveBound{}, openapi3.ExclusiveBound{}
	case openapi3.TypeBoolean:
	default:
		return false
	}
	return len(m.Extensions) == 0 && isEmptySchema(&bare)
}

func isEmptySchema(s *openapi3.Schema) bool {
	b, err := json.Marshal(s)
	return err == nil && string(b) == "{}"
}

// copyKeywordsOf copies the keywords of one type.
func copyKeywordsOf(dst, src *openapi3.Schema, kind string) {
	switch kind {
	case openapi3.TypeString:
		dst.MinLength, dst.MaxLength, dst.Pattern = src.MinLength, src.MaxLength, src.Pattern
	case openapi3.TypeInteger, openapi3.TypeNumber:
		dst.Min, dst.Max, dst.MultipleOf = src.Min, src.Max, src.MultipleOf
		dst.ExclusiveMin, dst.ExclusiveMax = src.ExclusiveMin, src.ExclusiveMax
	}
}
