package generator

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/ident"
)

// namedType plans a component schema as a named type (once per schema).
func (p *planner) namedType(ref, name string, s *openapi3.Schema) *Type {
	if t := p.byRef[ref]; t != nil {
		return t
	}
	goName := ident.Exported(name)
	if goName == "" {
		goName = "Schema"
	}
	t := &Type{Name: p.names.Next(goName), Doc: s.Description, schema: s}
	p.byRef[ref] = t
	p.bySchema[s] = t
	p.fill(t, s, ref)
	p.pkg.Types = append(p.pkg.Types, t)
	return t
}

// fill decides a named type's kind and content.
func (p *planner) fill(t *Type, s *openapi3.Schema, pointer string) {
	switch {
	case isObject(s):
		t.Kind = StructType
		t.Fields = p.fields(t.Name, s, pointer)
	case len(s.Enum) > 0 && isScalar(s):
		t.Kind = EnumType
		t.Under = p.scalar(s)
		t.Enum = enumConsts(t.Name, s)
	default:
		// The alias's own schema must not resolve to the alias itself.
		t.Kind = AliasType
		delete(p.bySchema, s)
		t.Under = p.goType(t.Name+"Item", s, pointer)
		p.bySchema[s] = t
	}
}

func isObject(s *openapi3.Schema) bool {
	if s.Type != nil && s.Type.Is(openapi3.TypeObject) {
		// An object without declared properties is a map: a struct would
		// drop every member.
		return len(s.Properties) > 0 || len(s.AllOf) > 0
	}
	if s.Type == nil && (len(s.Properties) > 0 || len(s.AllOf) > 0) && len(s.OneOf) == 0 && len(s.AnyOf) == 0 {
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

// fields plans a struct's fields: properties in spec order, allOf members
// merged in.
func (p *planner) fields(owner string, s *openapi3.Schema, pointer string) []*Field {
	var out []*Field
	used := ident.Unique{}
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
		required := map[string]bool{}
		for _, r := range s.Required {
			required[r] = true
		}
		if len(s.Properties) == 0 && !isObject(s) {
			return
		}
		for _, name := range spec.PropertyOrder(s) {
			if seen[name] {
				continue
			}
			seen[name] = true
			prop := s.Properties[name]
			if prop == nil || prop.Value == nil {
				continue
			}
			goName := ident.Exported(name)
			if goName == "" {
				goName = "Field"
			}
			f := &Field{Name: used.Next(goName), JSON: name, Doc: prop.Value.Description, Required: required[name]}
			f.Type = p.refType(owner+ident.Exported(goName), prop, pointer+"/properties/"+escapePointer(name))
			f.Rules = rulesOf(prop.Value)
			f.AsString = sendsNumberAsString(prop.Value, f.Type)
			f.Pointer = !f.Required && (f.Type.Kind == Named && f.Type.Named.Kind == StructType ||
				f.Type.Kind == Int32 || f.Type.Kind == Int64 || f.Type.Kind == Float64 || f.Type.Kind == Bool)
			out = append(out, f)
		}
	}
	add(s, pointer)
	return out
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// refType plans the type of a schema reference: a component's named type,
// or an inline object named after where it sits.
func (p *planner) refType(name string, r *openapi3.SchemaRef, pointer string) *GoType {
	if r.Ref != "" && strings.HasPrefix(r.Ref, "#/components/schemas/") {
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
	switch {
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		p.warn(pointer, "oneOf/anyOf is generated as json.RawMessage; decode it with the alternative you expect")
		return &GoType{Kind: Raw}
	case isObject(s):
		t := &Type{Name: p.names.Next(name), Doc: s.Description, schema: s}
		p.bySchema[s] = t
		t.Kind = StructType
		p.pkg.Types = append(p.pkg.Types, t)
		t.Fields = p.fields(t.Name, s, pointer)
		return &GoType{Kind: Named, Named: t}
	case s.Type != nil && s.Type.Is(openapi3.TypeObject) || s.Type != nil && s.Type.Includes(openapi3.TypeObject) && s.AdditionalProperties.Schema != nil:
		if s.AdditionalProperties.Schema != nil {
			elem := p.refType(name+"Value", s.AdditionalProperties.Schema, pointer+"/additionalProperties")
			r := rulesOf(s.AdditionalProperties.Schema.Value)
			return &GoType{Kind: Map, Elem: elem, Rules: &r}
		}
		return &GoType{Kind: Map, Elem: &GoType{Kind: Any}}
	case s.Type != nil && s.Type.Includes(openapi3.TypeArray):
		if s.Items == nil {
			return &GoType{Kind: Slice, Elem: &GoType{Kind: Raw}}
		}
		elem := p.refType(strings.TrimSuffix(name, "List")+"Item", s.Items, pointer+"/items")
		r := rulesOf(s.Items.Value)
		return &GoType{Kind: Slice, Elem: elem, Rules: &r}
	case len(s.Enum) > 0 && isScalar(s) && s.Extensions[spec.ExtEnumVarNames] != nil:
		t := &Type{Name: p.names.Next(name), Doc: s.Description, schema: s, Kind: EnumType}
		p.bySchema[s] = t
		t.Under = p.scalar(s)
		t.Enum = enumConsts(t.Name, s)
		p.pkg.Types = append(p.pkg.Types, t)
		return &GoType{Kind: Named, Named: t}
	case isScalar(s):
		return p.scalar(s)
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
	types := openapi3.Types{}
	if s.Type != nil {
		types = *s.Type
	}
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

func enumConsts(typeName string, s *openapi3.Schema) []EnumConst {
	names, _ := s.Extensions[spec.ExtEnumVarNames].([]any)
	descs, _ := s.Extensions[spec.ExtEnumDescriptions].([]any)
	var out []EnumConst
	used := ident.Unique{}
	for i, v := range s.Enum {
		c := EnumConst{Value: v}
		if i < len(names) {
			c.Name = ident.Exported(str(names[i]))
		}
		if c.Name == "" {
			c.Name = ident.Exported(typeName + "_" + strings.Trim(strings.ReplaceAll(jsonText(v), " ", "_"), `"`))
		}
		if !strings.HasPrefix(c.Name, typeName) {
			c.Name = typeName + c.Name
		}
		c.Name = used.Next(c.Name)
		if i < len(descs) {
			c.Doc = str(descs[i])
		}
		out = append(out, c)
	}
	return out
}

// rulesOf reads a schema's constraints.
func rulesOf(s *openapi3.Schema) Rules {
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
	r.Enum = s.Enum
	switch {
	case s.Format == "decimal":
		r.DecimalPattern = s.Pattern
	case s.Format == "int64" || s.Format == "int32":
		// the Go type enforces the digits
	case s.Pattern != "":
		r.Pattern = s.Pattern
		r.PatternWhat = "does not match " + s.Pattern
		if l, ok := s.Extensions[spec.ExtLayout].(string); ok {
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
