package oas

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// validChecker answers, for the plain schemas apigen writes, whether an
// example is valid without kin-openapi: VisitJSON compiles a JSON Schema
// validator for every call (and may then validate with its 3.0 validator
// instead), which costs a millisecond an example. It says valid only when
// both of kin-openapi's validators accept the value; any keyword or shape
// it does not know leaves the answer, and the message, to kin-openapi.
type validChecker struct {
	plain    map[*openapi3.Schema]bool // the subtree of the schema is one validChecker reads
	patterns map[string]*regexp.Regexp
	walk     plainWalk
}

func newValidChecker() *validChecker {
	c := &validChecker{plain: map[*openapi3.Schema]bool{}, patterns: map[string]*regexp.Regexp{}}
	c.walk = plainWalk{c: c, index: map[*openapi3.Schema]int{}, low: map[*openapi3.Schema]int{},
		onStack: map[*openapi3.Schema]bool{}, own: map[*openapi3.Schema]bool{}}
	return c
}

// valid reports whether v, a decoded JSON value, certainly matches s.
func (c *validChecker) valid(s *openapi3.Schema, v any) bool {
	return c.plainTree(s) && c.matches(s, v, 0)
}

// jsonTypes are the type names JSON Schema knows.
var jsonTypes = []string{"null", "boolean", "object", "array", "number", "string", "integer"}

// plainTree reports whether s and every schema below it use only the
// keywords matches checks, and reach other schemas only through resolved
// references to components (which both validators follow alike). Schemas
// that reach each other are answered together (Tarjan's strongly
// connected components), so each schema is looked at once per spec.
func (c *validChecker) plainTree(s *openapi3.Schema) bool {
	if ok, seen := c.plain[s]; seen {
		return ok
	}
	c.walk.visit(s)
	return c.plain[s]
}

// plainWalk is Tarjan's walk over schemas; every schema it finishes has
// its answer in c.plain, so one walk serves the whole spec.
type plainWalk struct {
	c          *validChecker
	index, low map[*openapi3.Schema]int
	stack      []*openapi3.Schema
	onStack    map[*openapi3.Schema]bool
	own        map[*openapi3.Schema]bool // before the component is decided
}

// visit reports whether s, its keywords and its edges to schemas outside
// its component, are plain; a component's root records the answer for
// all its members.
func (w *plainWalk) visit(s *openapi3.Schema) bool {
	w.index[s], w.low[s] = len(w.index), len(w.index)
	w.stack = append(w.stack, s)
	w.onStack[s] = true
	ok := w.c.plainSchema(s)
	for _, r := range schemaEdges(s) {
		if r.Value == nil || r.Ref != "" && !componentRef(r.Ref) {
			ok = false
			continue
		}
		t := r.Value
		switch _, visited := w.index[t]; {
		case visited && w.onStack[t]:
			w.low[s] = min(w.low[s], w.index[t])
		case visited:
			ok = ok && w.c.plain[t]
		default:
			if done, known := w.c.plain[t]; known {
				ok = ok && done
				continue
			}
			ok = w.visit(t) && ok
			w.low[s] = min(w.low[s], w.low[t])
		}
	}
	w.own[s] = ok
	if w.low[s] != w.index[s] {
		return ok
	}
	i := len(w.stack) - 1
	for w.stack[i] != s {
		i--
	}
	members := w.stack[i:]
	for _, m := range members {
		ok = ok && w.own[m]
	}
	for _, m := range members {
		w.c.plain[m] = ok
		w.onStack[m] = false
	}
	w.stack = w.stack[:i]
	return ok
}

// schemaEdges are the schemas matches (and plainSchema) go on to.
func schemaEdges(s *openapi3.Schema) []*openapi3.SchemaRef {
	var refs []*openapi3.SchemaRef
	for _, r := range []*openapi3.SchemaRef{s.Items, s.AdditionalProperties.Schema, s.ContentSchema} {
		if r != nil {
			refs = append(refs, r)
		}
	}
	for _, r := range s.Properties {
		refs = append(refs, r)
	}
	return refs
}

// componentRef reports whether ref names a component schema.
func componentRef(ref string) bool {
	name, ok := strings.CutPrefix(ref, "#/components/schemas/")
	return ok && name != "" && !strings.ContainsAny(name, "/~")
}

func (c *validChecker) plainSchema(s *openapi3.Schema) bool {
	if s.Always != nil || len(s.OneOf)+len(s.AnyOf)+len(s.AllOf)+len(s.PrefixItems) != 0 || s.Not != nil ||
		s.Const != nil || s.Contains != nil || s.MinContains != nil || s.MaxContains != nil ||
		len(s.PatternProperties)+len(s.DependentSchemas)+len(s.DependentRequired)+len(s.Defs) != 0 ||
		s.PropertyNames != nil || s.UnevaluatedItems.Has != nil || s.UnevaluatedItems.Schema != nil ||
		s.UnevaluatedProperties.Has != nil || s.UnevaluatedProperties.Schema != nil ||
		s.If != nil || s.Then != nil || s.Else != nil || s.Discriminator != nil ||
		s.UniqueItems || s.MultipleOf != nil || s.MinProps != 0 || s.MaxProps != nil ||
		s.ExclusiveMin.IsSet() || s.ExclusiveMax.IsSet() || s.AllowEmptyValue ||
		s.SchemaDialect != "" || s.SchemaID != "" || s.Anchor != "" || s.DynamicRef != "" || s.DynamicAnchor != "" ||
		s.ContentEncoding != "" {
		return false
	}
	if s.Type != nil {
		if len(*s.Type) == 0 {
			return false
		}
		for _, t := range *s.Type {
			if !slices.Contains(jsonTypes, t) {
				return false
			}
		}
	}
	if s.Pattern != "" && c.pattern(s.Pattern) == nil {
		return false
	}
	for k := range s.Extensions {
		if !strings.HasPrefix(k, "x-") {
			return false
		}
	}
	return true
}

// pattern compiles a pattern as both validators do; nil when they may
// not agree on it (kin-openapi rewrites \uXXXX) or Go cannot compile it.
func (c *validChecker) pattern(p string) *regexp.Regexp {
	if re, ok := c.patterns[p]; ok {
		return re
	}
	var re *regexp.Regexp
	if !strings.Contains(p, `\u`) {
		re, _ = regexp.Compile(p)
	}
	c.patterns[p] = re
	return re
}

func (c *validChecker) matches(s *openapi3.Schema, v any, depth int) bool {
	if depth > maxContentDepth {
		return false
	}
	if len(s.Enum) != 0 && !slices.ContainsFunc(s.Enum, func(e any) bool { return equalJSON(e, v) }) {
		return false
	}
	types := s.Type
	switch x := v.(type) {
	case nil:
		return types.Includes("null")
	case bool:
		return types.Permits("boolean")
	case float64:
		integral := x == math.Trunc(x) && !math.IsInf(x, 0)
		requireInteger := types.Permits("integer") && !types.Permits("number")
		if !types.Permits("number") && !(types.Permits("integer") && integral) {
			return false
		}
		if s.Min != nil && x < *s.Min || s.Max != nil && x > *s.Max {
			return false
		}
		return numberFormatValid(s.Format, x, integral, requireInteger)
	case string:
		if !types.Permits("string") {
			return false
		}
		if s.MinLength != 0 || s.MaxLength != nil {
			n := uint64(utf8.RuneCountInString(x))
			if n < s.MinLength || s.MaxLength != nil && n > *s.MaxLength {
				return false
			}
		}
		if s.Pattern != "" && !c.pattern(s.Pattern).MatchString(x) {
			return false
		}
		if f, ok := openapi3.SchemaStringFormats[s.Format]; ok && s.Format != "" && f.Validate(x) != nil {
			return false
		}
		return true
	case []any:
		if !types.Permits("array") {
			return false
		}
		if n := uint64(len(x)); n < s.MinItems || s.MaxItems != nil && n > *s.MaxItems {
			return false
		}
		if s.Items != nil {
			for _, it := range x {
				if !c.matches(s.Items.Value, it, depth+1) {
					return false
				}
			}
		}
		return true
	case map[string]any:
		if !types.Permits("object") {
			return false
		}
		for _, k := range s.Required {
			if _, ok := x[k]; !ok {
				return false
			}
		}
		for k, val := range x {
			if p := s.Properties[k]; p != nil {
				if !c.matches(p.Value, val, depth+1) {
					return false
				}
				continue
			}
			if has := s.AdditionalProperties.Has; has != nil && !*has {
				return false
			}
			if ap := s.AdditionalProperties.Schema; ap != nil && !c.matches(ap.Value, val, depth+1) {
				return false
			}
		}
		return true
	}
	return false
}

// numberFormatValid applies a format's registered validators to a number
// as both validators do: the JSON Schema one by the value (an integral
// value by the integer formats), the 3.0 one by the type.
func numberFormatValid(format string, x float64, integral, requireInteger bool) bool {
	if format == "" {
		return true
	}
	intF, hasInt := openapi3.SchemaIntegerFormats[format]
	numF, hasNum := openapi3.SchemaNumberFormats[format]
	inRange := x >= math.MinInt64 && x < math.MaxInt64
	if hasInt && (integral || requireInteger) && (!inRange || intF.Validate(int64(x)) != nil) {
		return false
	}
	if hasNum && (!integral || !hasInt || !requireInteger) && numF.Validate(x) != nil {
		return false
	}
	return true
}

// equalJSON is JSON equality of decoded values, numbers by value.
func equalJSON(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	switch a := a.(type) {
	case string:
		b, ok := b.(string)
		return ok && a == b
	case bool:
		b, ok := b.(bool)
		return ok && a == b
	case nil:
		return b == nil
	case []any:
		b, ok := b.([]any)
		return ok && slices.EqualFunc(a, b, equalJSON)
	case map[string]any:
		b, ok := b.(map[string]any)
		return ok && maps.EqualFunc(a, b, equalJSON)
	}
	return false
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	}
	return 0, false
}
