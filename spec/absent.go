package spec

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
)

// acceptAbsent makes a field's schema accept what the doc's own examples
// send for "not given": null, and "" for a field of any type. Vendors
// send both, and a spec their documented requests and responses break is
// wrong for every tool that validates with it. The field keeps its type;
// only the absent forms are added:
//
//   - null: "null" joins the types (and the enum, if any);
//   - "" for a text field: a pattern, format or enum that "" breaks
//     accepts it too;
//   - "" for a number, boolean, object or list: "string" joins the types,
//     held to the empty string by maxLength 0.
func acceptAbsent(s *openapi3.Schema, n *node) {
	if s.Type == nil {
		return // no type keyword: any JSON value, null and "" included
	}
	if n.sendsEmpty {
		acceptEmptyText(s, n.name)
	}
	if n.sendsNull && !s.Type.Includes(openapi3.TypeNull) {
		*s.Type = append(*s.Type, openapi3.TypeNull)
		if len(s.Enum) > 0 {
			addEnumValue(s, nil, n.name, "null", "null")
		}
	}
}

// acceptEmptyText makes s accept "".
func acceptEmptyText(s *openapi3.Schema, field string) {
	if !s.Type.Includes(openapi3.TypeString) {
		*s.Type = append(*s.Type, openapi3.TypeString)
		if s.MaxLength == nil {
			zero := uint64(0)
			s.MaxLength = &zero
		}
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, any("")) {
		addEnumValue(s, "", field, "empty", "empty: not given")
	}
	if p, ok := emptyFormats[s.Format]; ok {
		// A string format "" does not satisfy, written as the pattern it
		// stands for, which can accept "" too.
		s.Format = ""
		if s.Pattern == "" {
			s.Pattern = p
		}
	}
	if s.Pattern != "" && !matchesEmpty(s.Pattern) {
		s.Pattern = "^$|" + s.Pattern
	}
}

// emptyFormats are the string formats apigen writes, with the pattern
// each stands for.
var emptyFormats = map[string]string{
	"date":      `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`,
	"date-time": `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`,
}

func matchesEmpty(pattern string) bool {
	re, err := compile(pattern)
	return err == nil && re.MatchString("")
}

// addEnumValue appends v to the enum, with a constant name and a meaning
// when the enum has them, so x-enum-varnames and x-enum-descriptions stay
// aligned with the values.
func addEnumValue(s *openapi3.Schema, v any, field, code, meaning string) {
	before := len(s.Enum)
	s.Enum = append(s.Enum, v)
	if names, ok := s.Extensions[oas.ExtEnumVarNames].([]string); ok && len(names) == before {
		var u ident.Unique
		for _, n := range names {
			u.Claim(n)
		}
		s.Extensions[oas.ExtEnumVarNames] = append(names, u.Next(enumVarName(field, code)))
	}
	if meanings, ok := s.Extensions[oas.ExtEnumDescriptions].([]string); ok && len(meanings) == before {
		s.Extensions[oas.ExtEnumDescriptions] = append(meanings, meaning)
	}
}
