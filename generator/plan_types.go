package generator

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
)

// namedType plans a component schema as a named type (once per schema).
func (p *planner) namedType(ref, name string, s *openapi3.Schema) *Type {
	if t := p.byRef[ref]; t != nil {
		return t
	}
	goName := p.compNames[ref]
	if goName == "" {
		goName = ident.Exported(name)
		if goName == "" {
			goName = "Schema"
		}
		goName = p.names.Next(goName)
	}
	t := &Type{Name: goName, Doc: s.Description, schema: s}
	p.byRef[ref] = t
	p.bySchema[s] = t
	p.fill(t, s, ref)
	p.pkg.Types = append(p.pkg.Types, t)
	return t
}

// fill decides a named type's kind and content.
func (p *planner) fill(t *Type, s *openapi3.Schema, pointer string) {
	if inner, at, _ := unwrap(&openapi3.SchemaRef{Value: s}, pointer); inner.Value != s && inner.Value != nil && !isObject(inner.Value) {
		// A wrapper that only annotates a scalar, list, map or union
		// names that type; a struct merged from it would have no fields.
		t.Kind = AliasType
		t.Under = p.refType(t.Name+"Item", inner, at)
		if aliasLoop(t) {
			p.warn(pointer, "the schema only wraps itself (through other wrappers); it is generated as json.RawMessage")
			t.Under = &GoType{Kind: Raw}
		}
		return
	}
	switch {
	case isObject(s):
		t.Kind = StructType
		p.filling[t] = true
		t.Fields = p.fields(t.Name, s, pointer)
		delete(p.filling, t)
	case len(s.Enum) > 0 && enumScalar(p.scalar(s)):
		t.Kind = EnumType
		t.Under = p.scalar(s)
		t.Enum = p.enumConsts(t.Name, s, t.Under)
	default:
		// The alias's own schema must not resolve to the alias itself.
		t.Kind = AliasType
		delete(p.bySchema, s)
		t.Under = p.goType(t.Name+"Item", s, pointer)
		p.bySchema[s] = t
	}
}

// aliasLoop reports whether following t's aliases of named types leads
// back to t: Go has no type that is only itself.
func aliasLoop(t *Type) bool {
	seen := map[*Type]bool{}
	for u := t.Under; u != nil && u.Kind == Named; u = u.Named.Under {
		if u.Named == t {
			return true
		}
		if seen[u.Named] || u.Named.Kind != AliasType {
			return false
		}
		seen[u.Named] = true
	}
	return false
}

// enumScalar reports the Go types that enum constants are written in; a
// boolean enum stays a bool.
func enumScalar(t *GoType) bool {
	switch t.Kind {
	case String, Decimal, Int32, Int64, Float64:
		return true
	}
	return false
}

// typesOf is a schema's types without "null", which decides nullability
// rather than the Go type, and without a "string" held to the empty
// string (maxLength 0) beside other types: that is how a spec says a
// number or an object may arrive as "", which decoding reads as absent,
// like null.
func typesOf(s *openapi3.Schema) []string {
	if s.Type == nil {
		return nil
	}
	var out []string
	for _, t := range *s.Type {
		if t != openapi3.TypeNull && !(t == openapi3.TypeString && emptyTextOnly(s)) {
			out = append(out, t)
		}
	}
	return out
}

// emptyTextOnly reports a schema whose only string is "" beside values of
// other types.
func emptyTextOnly(s *openapi3.Schema) bool {
	if s.MaxLength == nil || *s.MaxLength != 0 || s.Type == nil {
		return false
	}
	for _, t := range *s.Type {
		if t != openapi3.TypeString && t != openapi3.TypeNull {
			return true
		}
	}
	return false
}

func onlyType(s *openapi3.Schema, want string) bool {
	ts := typesOf(s)
	return len(ts) == 1 && ts[0] == want
}

func isObject(s *openapi3.Schema) bool {
	ts := typesOf(s)
	if len(ts) == 1 && ts[0] == openapi3.TypeObject {
		// An object without declared properties is a map: a struct would
		// drop every member.
		return len(s.Properties) > 0 || len(s.AllOf) > 0
	}
	if len(ts) == 0 && (len(s.Properties) > 0 || len(s.AllOf) > 0) && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
		return true
	}
	return false
}

func isScalar(s *openapi3.Schema) bool {
	if s.Type == nil {
		return false
	}
	for _, t := range *s.Type {
		switch t {
		case openapi3.TypeString, openapi3.TypeInteger, openapi3.TypeNumber, openapi3.TypeBoolean, openapi3.TypeNull:
		default:
			return false
		}
	}
	return true
}

// nullableSelf reports whether a schema itself allows null: 3.0's
// nullable, 3.1's "null" among its types, or null among its enum values.
func nullableSelf(s *openapi3.Schema) bool {
	if s.Nullable || s.Type != nil && s.Type.Includes(openapi3.TypeNull) {
		return true
	}
	return slices.Contains(s.Enum, nil)
}

// annotationOnly reports a schema that says nothing about a value's
// shape: only a description, an example, nullable, limits and the like.
func annotationOnly(s *openapi3.Schema) bool {
	return s.Type == nil && len(s.Properties) == 0 && s.Items == nil && len(s.AllOf) == 0 && len(s.OneOf) == 0 &&
		len(s.AnyOf) == 0 && len(s.Enum) == 0 && s.Not == nil && s.Const == nil && s.Format == "" &&
		s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil
}

// onlyNull reports the {type: "null"} alternative 3.1 specs put beside a
// schema to make it nullable.
func onlyNull(s *openapi3.Schema) bool {
	return s.Type != nil && len(*s.Type) == 1 && (*s.Type)[0] == openapi3.TypeNull && len(s.Properties) == 0
}

// unwrap sees through the wrappers specs put around a single schema to
// annotate it: allOf with one member that gives the shape (the others add
// only a description or nullable), and oneOf/anyOf of one schema and
// null. It stops at a component reference, whose named type stands for
// it. It returns the schema meant, the JSON pointer where it is written,
// and whether any wrapper on the way allows null.
func unwrap(r *openapi3.SchemaRef, pointer string) (*openapi3.SchemaRef, string, bool) {
	null := false
	seen := map[*openapi3.Schema]bool{}
	orig, origPointer := r, pointer
	for r != nil && r.Value != nil {
		s := r.Value
		if seen[s] {
			// A cycle of wrappers means nothing; plan the schema as written.
			return orig, origPointer, null
		}
		seen[s] = true
		null = null || nullableSelf(s)
		if isComponentRef(r.Ref) {
			break
		}
		if len(s.Properties) > 0 || s.Items != nil || len(s.Enum) > 0 || s.AdditionalProperties.Schema != nil {
			break
		}
		next, at := -1, ""
		switch {
		case len(s.AllOf) > 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0:
			for i, m := range s.AllOf {
				if m == nil || m.Value == nil {
					continue
				}
				if annotationOnly(m.Value) {
					null = null || m.Value.Nullable
					continue
				}
				if next >= 0 {
					next = -2 // two members give a shape: merged as an object
					break
				}
				next, at = i, "/allOf/"+itoa(i)
			}
			if next >= 0 {
				r, pointer = s.AllOf[next], pointer+at
				continue
			}
		case len(s.AllOf) == 0 && (len(s.OneOf) > 0) != (len(s.AnyOf) > 0):
			alts, kw := s.OneOf, "/oneOf/"
			if len(s.AnyOf) > 0 {
				alts, kw = s.AnyOf, "/anyOf/"
			}
			for i, m := range alts {
				if m == nil || m.Value == nil {
					continue
				}
				if onlyNull(m.Value) {
					null = true
					continue
				}
				if next >= 0 {
					next = -2
					break
				}
				next, at = i, kw+itoa(i)
			}
			if next >= 0 {
				r, pointer = alts[next], pointer+at
				continue
			}
		}
		break
	}
	if r == nil || r.Value == nil {
		return orig, origPointer, null
	}
	return r, pointer, null
}

func isComponentRef(ref string) bool {
	name, ok := strings.CutPrefix(ref, "#/components/schemas/")
	return ok && name != "" && !strings.Contains(name, "/")
}

// fields plans a struct's fields: properties in spec order, allOf members
// merged in.
func (p *planner) fields(owner string, s *openapi3.Schema, pointer string) []*Field {
	var out []*Field
	used := ident.Unique{}
	// Methods every generated struct has, and its JSON field (Members).
	for _, m := range []string{"Validate", "UnmarshalJSON", "MarshalJSON", "JSON"} {
		used.Claim(m)
	}
	// required may name a property an allOf member declares.
	required := map[string]bool{}
	var collect func(s *openapi3.Schema, seen map[*openapi3.Schema]bool)
	collect = func(s *openapi3.Schema, seen map[*openapi3.Schema]bool) {
		if seen[s] {
			return
		}
		seen[s] = true
		for _, r := range s.Required {
			required[r] = true
		}
		for _, part := range s.AllOf {
			if part.Value != nil {
				collect(part.Value, seen)
			}
		}
	}
	collect(s, map[*openapi3.Schema]bool{})
	seen := map[string]bool{}
	merged := map[*openapi3.Schema]bool{}
	var add func(s *openapi3.Schema, pointer string)
	add = func(s *openapi3.Schema, pointer string) {
		if merged[s] {
			return // allOf cycles back to a schema already merged
		}
		merged[s] = true
		for i, part := range s.AllOf {
			if part.Value != nil {
				add(part.Value, pointer+"/allOf/"+itoa(i))
			}
		}
		if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
			p.warn(pointer, "oneOf/anyOf inside an object: its alternatives' fields are not generated; the object keeps the fields it declares itself")
		}
		if s.AdditionalProperties.Schema != nil {
			p.warn(pointer+"/additionalProperties", "additionalProperties beside declared properties: members other than the declared properties are not kept")
		}
		if len(s.Properties) == 0 && !isObject(s) {
			return
		}
		for _, name := range oas.PropertyOrder(s) {
			if seen[name] {
				continue
			}
			seen[name] = true
			prop := s.Properties[name]
			if prop == nil || prop.Value == nil {
				continue
			}
			at := pointer + "/properties/" + oas.EscapePointer(name)
			derived := or(ident.Exported(name), "Field")
			goName := derived
			if prop.Ref == "" {
				goName = or(p.givenName(at, prop.Value), goName)
			}
			f := &Field{Name: used.Next(goName), JSON: name, Doc: prop.Value.Description, Required: required[name], prop: prop}
			// An inline type is named after the wire name, not the field:
			// the field's name may be pinned by x-go-name, and the type's
			// must not move when it is.
			f.Type = p.refType(owner+derived, prop, at)
			inner, innerAt, null := unwrap(prop, at)
			f.Nullable = null
			f.Rules = fitEnum(p.rulesOf(inner.Value, innerAt), f.Type)
			f.AsString = sendsNumberAsString(inner.Value, f.Type)
			k := f.Type.Kind
			isStruct := k == Named && f.Type.Named.Kind == StructType
			// Absent and null need a pointer where the zero value is a
			// real value (0, false) or where there is none (a struct).
			// Required ones stay values, as Go clients expect; Validate
			// then cannot tell a missing number from 0.
			f.Pointer = (!f.Required || f.Nullable) && (isStruct || k == Int32 || k == Int64 || k == Float64 || k == Bool)
			if isStruct && p.filling[f.Type.Named] {
				f.Pointer = true // a struct that contains itself does so by pointer
			}
			if !validTagName(name) {
				p.warn(at, "property name %q cannot be a Go json tag; the field is decoded but not sent", name)
			}
			out = append(out, f)
		}
	}
	add(s, pointer)
	return out
}

// validTagName reports whether encoding/json accepts name as a tag's
// name; it ignores the tag (and uses the Go field name) otherwise.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case unicode.IsLetter(c) || unicode.IsDigit(c):
		default:
			return false
		}
	}
	return true
}

// refType plans the type of a schema reference: a component's named type,
// or an inline object named after where it sits.
func (p *planner) refType(name string, r *openapi3.SchemaRef, pointer string) *GoType {
	r, pointer, _ = unwrap(r, pointer)
	if isComponentRef(r.Ref) {
		t := p.namedType(r.Ref, strings.TrimPrefix(r.Ref, "#/components/schemas/"), r.Value)
		return namedOrUnder(t)
	}
	return p.goType(name, r.Value, pointer)
}

// namedOrUnder refers to a named type, except aliases of raw JSON, which
// read better as their underlying type.
func namedOrUnder(t *Type) *GoType {
	return &GoType{Kind: Named, Named: t}
}

// goType plans an inline schema.
func (p *planner) goType(name string, s *openapi3.Schema, pointer string) *GoType {
	if s == nil {
		return &GoType{Kind: Raw}
	}
	if t := p.bySchema[s]; t != nil {
		return &GoType{Kind: Named, Named: t}
	}
	if inner, at, _ := unwrap(&openapi3.SchemaRef{Value: s}, pointer); inner.Value != s {
		return p.refType(name, inner, at)
	}
	switch {
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		p.warn(pointer, "oneOf/anyOf is generated as json.RawMessage; decode it with the alternative you expect")
		return &GoType{Kind: Raw}
	case isObject(s):
		t := &Type{Name: p.names.Next(name), Doc: s.Description, schema: s}
		p.bySchema[s] = t
		t.Kind = StructType
		p.pkg.Types = append(p.pkg.Types, t)
		p.filling[t] = true
		t.Fields = p.fields(t.Name, s, pointer)
		delete(p.filling, t)
		return &GoType{Kind: Named, Named: t}
	case onlyType(s, openapi3.TypeObject) || len(typesOf(s)) == 0 && s.AdditionalProperties.Schema != nil:
		if s.AdditionalProperties.Schema != nil {
			elem := p.refType(name+"Value", s.AdditionalProperties.Schema, pointer+"/additionalProperties")
			r := fitEnum(p.rulesOf(s.AdditionalProperties.Schema.Value, pointer+"/additionalProperties"), elem)
			return &GoType{Kind: Map, Elem: elem, Rules: &r}
		}
		return &GoType{Kind: Map, Elem: &GoType{Kind: Any}}
	case slices.Contains(typesOf(s), openapi3.TypeArray):
		if s.Items == nil {
			return &GoType{Kind: Slice, Elem: &GoType{Kind: Raw}}
		}
		elem := p.refType(strings.TrimSuffix(name, "List")+"Item", s.Items, pointer+"/items")
		r := fitEnum(p.rulesOf(s.Items.Value, pointer+"/items"), elem)
		return &GoType{Kind: Slice, Elem: elem, Rules: &r}
	case len(s.Enum) > 0 && isScalar(s) && s.Extensions[oas.ExtEnumVarNames] != nil && enumScalar(p.scalar(s)):
		t := &Type{Name: p.names.Next(name), Doc: s.Description, schema: s, Kind: EnumType}
		p.bySchema[s] = t
		t.Under = p.scalar(s)
		t.Enum = p.enumConsts(t.Name, s, t.Under)
		p.pkg.Types = append(p.pkg.Types, t)
		return &GoType{Kind: Named, Named: t}
	case isScalar(s):
		return p.scalar(s)
	}
	if ts := typesOf(s); len(ts) > 0 {
		// A schema with no type accepts any JSON by design; a type list no
		// Go type covers (bignum, [object, array, string]) deserves a word.
		p.warn(pointer, "type %v has no Go type; generated as json.RawMessage", ts)
	}
	return &GoType{Kind: Raw}
}

// scalar maps a scalar schema to a Go type. The format decides for
// multi-type schemas (int64 ids sent as strings stay int64); otherwise
// text wins, since a string holds whatever the vendor sends.
func (p *planner) scalar(s *openapi3.Schema) *GoType {
	switch s.Format {
	case "int64":
		return &GoType{Kind: Int64}
	case "int32":
		return &GoType{Kind: Int32}
	case "decimal":
		return &GoType{Kind: Decimal}
	}
	types := openapi3.Types(typesOf(s))
	switch {
	case types.Includes(openapi3.TypeString):
		return &GoType{Kind: String}
	case types.Includes(openapi3.TypeInteger):
		if s.Format == "int32" {
			return &GoType{Kind: Int32}
		}
		return &GoType{Kind: Int64}
	case types.Includes(openapi3.TypeNumber):
		return &GoType{Kind: Float64}
	case types.Includes(openapi3.TypeBoolean):
		return &GoType{Kind: Bool}
	}
	return &GoType{Kind: Raw}
}

// sendsNumberAsString reports a number whose spec lists string first: the
// vendor's examples send it quoted, so the client does too.
func sendsNumberAsString(s *openapi3.Schema, t *GoType) bool {
	if s.Type == nil || len(*s.Type) < 2 || (*s.Type)[0] != openapi3.TypeString {
		return false
	}
	k := t.Kind
	if k == Named && t.Named.Kind == EnumType {
		k = t.Named.Under.Kind
	}
	return k == Int32 || k == Int64 || k == Float64 || k == Bool
}

// enumConsts names an enum's constants. The names are package-level, so
// they are unique among every name in the package, not only the enum's.
func (p *planner) enumConsts(typeName string, s *openapi3.Schema, under *GoType) []EnumConst {
	names, _ := s.Extensions[oas.ExtEnumVarNames].([]any)
	descs, _ := s.Extensions[oas.ExtEnumDescriptions].([]any)
	var out []EnumConst
	seen := map[string]bool{}
	for i, v := range s.Enum {
		if v == nil {
			continue // null makes the value nullable; it is no constant
		}
		if v == "" {
			continue // "" reads as absent, like null, and valid() accepts it
		}
		lit := fmt.Sprint(enumLiteral(v, under))
		if seen[lit] {
			continue
		}
		seen[lit] = true
		c := EnumConst{Value: v}
		if i < len(names) {
			c.Name = ident.Exported(str(names[i]))
		}
		if c.Name == "" {
			text := strings.Trim(strings.ReplaceAll(jsonText(v), " ", "_"), `"`)
			if ident.Exported(text) == "" {
				text = "Empty"
				if lit != "" {
					text = "Value" + itoa(i+1)
				}
			}
			c.Name = ident.Exported(typeName + "_" + text)
		}
		if !strings.HasPrefix(c.Name, typeName) {
			c.Name = joinOverlap(typeName, c.Name)
		}
		c.Name = p.names.Next(c.Name)
		if i < len(descs) {
			c.Doc = str(descs[i])
		}
		out = append(out, c)
	}
	return out
}

// joinOverlap joins a type name and a constant name the spec gave, writing
// once what the one ends and the other starts with: type
// AddPlanRequestStatus and varname Status0 give AddPlanRequestStatus0.
func joinOverlap(typeName, name string) string {
	for n := min(len(typeName), len(name)); n > 0; n-- {
		if strings.HasSuffix(typeName, name[:n]) {
			return typeName + name[n:]
		}
	}
	return typeName + name
}

// fitEnum keeps the enum values a Go value of type t can equal: a
// number for a number, a whole number for an integer. A value of another
// kind would be a case that does not compile; no value of t can match it.
func fitEnum(r Rules, t *GoType) Rules {
	var whole, number bool
	limit := float64(1 << 53) // exact in a float64, which the spec's numbers are read as
	switch t.Kind {
	case Int32:
		whole, limit = true, 1<<31
	case Int64:
		whole = true
	case Float64:
		number = true
	default:
		return r
	}
	var keep []any
	for _, v := range r.Enum {
		f, ok := v.(float64)
		if !ok {
			if n, isInt := v.(int); isInt {
				f, ok = float64(n), true
			}
		}
		if ok && (number || whole && f == math.Trunc(f) && f >= -limit && f < limit) {
			keep = append(keep, v)
		}
	}
	r.Enum = keep
	return r
}

// rulesOf reads a schema's constraints. A pattern Go's regexp cannot
// compile (JSON Schema patterns are ECMA-262, with lookarounds and
// backreferences) is left out and reported.
func (p *planner) rulesOf(s *openapi3.Schema, pointer string) Rules {
	var r Rules
	if s == nil {
		return r
	}
	if s.MaxLength != nil {
		n := int(*s.MaxLength)
		r.MaxLength = &n
	}
	if s.MinLength > 0 {
		n := int(s.MinLength)
		r.MinLength = &n
	}
	r.Min, r.Max = s.Min, s.Max
	if s.MaxItems != nil {
		n := int(*s.MaxItems)
		r.MaxItems = &n
	}
	if s.MinItems > 0 {
		n := int(s.MinItems)
		r.MinItems = &n
	}
	seen := map[string]bool{}
	for _, v := range s.Enum {
		if text := jsonText(v); v != nil && v != "" && !seen[text] {
			seen[text] = true
			r.Enum = append(r.Enum, v)
		}
	}
	// The validators skip "" (absent) before any check: the alternative a
	// spec adds to let "" through needs no checking.
	pattern := strings.TrimPrefix(s.Pattern, "^$|")
	err, known := p.patternErrs[pattern]
	if !known {
		_, err = regexp.Compile(pattern)
		p.patternErrs[pattern] = err
	}
	if err != nil {
		p.warn(pointer+"/pattern", "pattern %q is not checked: Go's regexp cannot compile it (%v)", pattern, err)
		pattern = ""
	}
	switch {
	case s.Format == "decimal":
		r.DecimalPattern = pattern
	case s.Format == "int64" || s.Format == "int32":
		// the Go type enforces the digits
	case pattern != "":
		r.Pattern = pattern
		r.PatternWhat = "does not match " + pattern
		if l, ok := s.Extensions[oas.ExtLayout].(string); ok {
			r.PatternWhat = "not in the layout " + l
		}
	case s.Format == "date":
		r.Pattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`
		r.PatternWhat = "not a date (yyyy-MM-dd)"
	case s.Format == "date-time":
		r.Pattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$`
		r.PatternWhat = "not an RFC 3339 date-time"
	}
	return r
}
