package generator

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

// patterns names the package-level regular expressions validators use,
// one per distinct pattern, in order of first use.
type patterns struct {
	names map[string]string
	order []string
	// expanding holds the alias types being inlined, so a recursive alias
	// ends the expansion instead of recursing forever.
	expanding map[*Type]bool
}

func (p *patterns) name(re string) string {
	if p.names == nil {
		p.names = map[string]string{}
	}
	if n, ok := p.names[re]; ok {
		return n
	}
	n := fmt.Sprintf("pattern%d", len(p.order)+1)
	p.names[re] = n
	p.order = append(p.order, re)
	return n
}

// validateLayout is validate.go: Validate for every struct, each rule the
// schema states, every violation reported with its JSON path; then the
// patterns they match.
func validateLayout(pkg *Package) layout {
	var structs []*Type
	for _, t := range pkg.Types {
		if t.Kind == StructType {
			structs = append(structs, t)
		}
	}
	pats := patterns{expanding: map[*Type]bool{}}
	return layout{
		items: len(structs),
		item:  func(f *goFile, i int) { emitValidator(f, structs[i], &pats) },
		tail: func(f *goFile) {
			if len(pats.order) > 0 {
				f.Var().DefsFunc(func(g *jen.Group) {
					for _, re := range pats.order {
						g.Id(pats.names[re]).Op("=").Id("compilePattern").Call(jen.Lit(re))
					}
				})
			}
		},
	}
}

func emitValidator(f *goFile, t *Type, pats *patterns) {
	f.Comment("Validate reports the rules of the spec that x breaks, as a *ValidationError")
	f.Comment("naming each value's JSON path (the first 20, and how many more); nil when")
	f.Comment("x is valid.")
	emitVerbatim(f, "func (x *"+t.Name+") Validate() error {\n\tvar v validator\n\tx.validate(&v, nil)\n\treturn v.err()\n}")
	f.Line()
	f.Func().Params(jen.Id("x").Op("*").Id(t.Name)).Id("validate").Params(jen.Id("v").Op("*").Id("validator"), jen.Id("at").Op("*").Id("pathNode")).BlockFunc(func(g *jen.Group) {
		for _, fl := range t.Fields {
			validateField(g, fl, pats)
		}
	})
}

// pathVar names the variable holding a path: the *pathNode parameter, or
// a pathNode value declared for a member or list item.
type pathVar struct {
	name  string
	value bool
	depth int
}

func (p pathVar) ptr() jen.Code {
	if p.value {
		return jen.Op("&").Id(p.name)
	}
	return jen.Id(p.name)
}

// validateField writes the checks of one field.
func validateField(g *jen.Group, fl *Field, pats *patterns) {
	key := fl.JSON
	if key == "" {
		key = "body"
	}
	val := jen.Id("x").Dot(fl.Name)
	at := pathVar{name: "at"}
	if fl.Required && !fl.Nullable { // null, read as absent, is a valid value
		if present := presence(fl, val.Clone()); present != nil {
			g.Id("v").Dot("required").Call(at.ptr(), jen.Lit(key), present)
		}
	}
	checks := valueChecks(fl.Type, fl.Rules, at, key, pats, func() *jen.Statement {
		if fl.Pointer {
			return jen.Parens(jen.Op("*").Add(val.Clone()))
		}
		return val.Clone()
	})
	if len(checks) == 0 {
		return
	}
	if fl.Pointer {
		g.If(val.Clone().Op("!=").Nil()).Block(checks...)
		return
	}
	for _, c := range checks {
		g.Add(c)
	}
}

// presence is the expression telling whether a required field was given;
// nil when the Go type cannot tell (a plain number).
func presence(fl *Field, val *jen.Statement) jen.Code {
	if fl.Pointer {
		return val.Op("!=").Nil()
	}
	return given(fl.Type, val)
}

// given tells whether a value of type t was given: it is not the type's
// zero value, for types whose zero value is no value a sender means (""
// for text, nil for a list). A named type tells as its underlying type
// does, so a component that names a string is compared with "", never
// with nil; nil when the zero value is also a value (0, false, a struct).
func given(t *GoType, val *jen.Statement) jen.Code {
	switch t.Kind {
	case String, Decimal:
		return val.Op("!=").Lit("")
	case Slice, Map, Any:
		return val.Op("!=").Nil()
	case Raw:
		return jen.Len(val).Op(">").Lit(0)
	case Named:
		if k := t.Named.Kind; k == EnumType || k == AliasType {
			return given(t.Named.Under, val)
		}
	}
	return nil
}

// valueChecks writes the rules of one value: the member key of the
// object at names, or ("" key) the list item at names.
func valueChecks(t *GoType, r Rules, at pathVar, key string, pats *patterns, val func() *jen.Statement) []jen.Code {
	var out []jen.Code
	call := func(method string, args ...jen.Code) jen.Code {
		return jen.Id("v").Dot(method).Call(append([]jen.Code{at.ptr(), jen.Lit(key)}, args...)...)
	}
	kind := t.Kind
	if kind == Named && t.Named.Kind == EnumType {
		names := make([]string, len(t.Named.Enum))
		for i, c := range t.Named.Enum {
			names[i] = fmt.Sprint(enumLiteral(c.Value, t.Named.Under))
		}
		out = append(out, call("oneOf", val().Dot("valid").Call(), jen.Lit(strings.Join(names, ", "))))
		under, enumVal := t.Named.Under, val
		kind = under.Kind
		val = func() *jen.Statement { return typeCode(under).(*jen.Statement).Clone().Call(enumVal()) }
	}
	if kind == Named && t.Named.Kind == AliasType {
		if pats.expanding[t.Named] {
			return nil // a recursive alias: its items are checked one level deep
		}
		pats.expanding[t.Named] = true
		defer delete(pats.expanding, t.Named)
		under, aliasVal := t.Named.Under, val
		return valueChecks(under, r, at, key, pats, func() *jen.Statement { return typeCode(under).(*jen.Statement).Clone().Call(aliasVal()) })
	}
	switch kind {
	case String:
		if r.MaxLength != nil {
			out = append(out, call("maxLength", val(), jen.Lit(*r.MaxLength)))
		}
		if r.MinLength != nil {
			out = append(out, call("minLength", val(), jen.Lit(*r.MinLength)))
		}
		if r.Pattern != "" {
			out = append(out, call("pattern", val(), jen.Id(pats.name(r.Pattern)), jen.Lit(r.PatternWhat)))
		}
		if len(r.Enum) > 0 && t.Kind != Named {
			out = append(out, enumCheck(r.Enum, true, call, val()))
		}
	case Decimal:
		pat := jen.Nil()
		if r.DecimalPattern != "" {
			pat = jen.Id(pats.name(r.DecimalPattern))
		}
		out = append(out, call("decimal", val(), pat))
	case Int32, Int64, Float64:
		if r.Max != nil {
			out = append(out, call("maximum", jen.Float64().Call(val()), jen.Lit(*r.Max)))
		}
		if r.Min != nil {
			out = append(out, call("minimum", jen.Float64().Call(val()), jen.Lit(*r.Min)))
		}
		if len(r.Enum) > 0 && t.Kind != Named {
			out = append(out, enumCheck(r.Enum, false, call, val()))
		}
	case Named:
		if t.Named.Kind != StructType {
			break
		}
		if key == "" {
			out = append(out, val().Dot("validate").Call(jen.Id("v"), at.ptr()))
			break
		}
		m := pathVar{name: fmt.Sprintf("m%d", at.depth+1), value: true, depth: at.depth + 1}
		out = append(out, jen.Block(
			jen.Id(m.name).Op(":=").Id(at.name).Dot("member").Call(jen.Lit(key)),
			val().Dot("validate").Call(jen.Id("v"), m.ptr()),
		))
	case Slice:
		if r.MaxItems != nil {
			out = append(out, call("maxItems", jen.Len(val()), jen.Lit(*r.MaxItems)))
		}
		if r.MinItems != nil {
			// Absent (nil) is for required to report; minItems holds for a
			// list that was sent.
			out = append(out, jen.If(val().Op("!=").Nil()).Block(call("minItems", jen.Len(val()), jen.Lit(*r.MinItems))))
		}
		var itemRules Rules
		if t.Rules != nil {
			itemRules = *t.Rules
		}
		list := at
		var prelude []jen.Code
		if key != "" {
			list = pathVar{name: fmt.Sprintf("l%d", at.depth+1), value: true, depth: at.depth + 1}
			prelude = append(prelude, jen.Id(list.name).Op(":=").Id(at.name).Dot("member").Call(jen.Lit(key)))
		}
		idx := fmt.Sprintf("i%d", list.depth+1)
		item := pathVar{name: fmt.Sprintf("e%d", list.depth+1), value: true, depth: list.depth + 1}
		inner := valueChecks(t.Elem, itemRules, item, "", pats, func() *jen.Statement { return val().Index(jen.Id(idx)) })
		if len(inner) > 0 {
			loop := jen.For(jen.Id(idx).Op(":=").Range().Add(val())).Block(
				append([]jen.Code{jen.Id(item.name).Op(":=").Id(list.name).Dot("item").Call(jen.Id(idx))}, inner...)...,
			)
			out = append(out, jen.Block(append(prelude, loop)...))
		}
	case Map:
		var itemRules Rules
		if t.Rules != nil {
			itemRules = *t.Rules
		}
		obj := at
		var prelude []jen.Code
		if key != "" {
			obj = pathVar{name: fmt.Sprintf("o%d", at.depth+1), value: true, depth: at.depth + 1}
			prelude = append(prelude, jen.Id(obj.name).Op(":=").Id(at.name).Dot("member").Call(jen.Lit(key)))
		}
		// Members come in map order: violations in several members are
		// listed in an order that varies between calls; sorting the keys
		// would cost an allocation on every valid value.
		k, elem := fmt.Sprintf("k%d", obj.depth+1), fmt.Sprintf("x%d", obj.depth+1)
		item := pathVar{name: fmt.Sprintf("e%d", obj.depth+1), value: true, depth: obj.depth + 1}
		inner := valueChecks(t.Elem, itemRules, item, "", pats, func() *jen.Statement { return jen.Id(elem) })
		if len(inner) > 0 {
			loop := jen.For(jen.List(jen.Id(k), jen.Id(elem)).Op(":=").Range().Add(val())).Block(
				append([]jen.Code{jen.Id(item.name).Op(":=").Id(obj.name).Dot("entry").Call(jen.Id(k))}, inner...)...,
			)
			out = append(out, jen.Block(append(prelude, loop)...))
		}
	}
	return out
}

// enumCheck checks a value against an enum that has no named type; ""
// stands for absent text.
func enumCheck(enum []any, text bool, call func(string, ...jen.Code) jen.Code, val jen.Code) jen.Code {
	var cases []jen.Code
	if text {
		cases = append(cases, jen.Lit(""))
	}
	var names []string
	for _, e := range enum {
		if text && fmt.Sprint(e) == "" {
			names = append(names, `""`)
			continue // already a case: a duplicate would not compile
		}
		if text {
			cases = append(cases, jen.Lit(fmt.Sprint(e)))
		} else {
			cases = append(cases, jen.Lit(e))
		}
		names = append(names, fmt.Sprint(e))
	}
	return jen.Switch(val).Block(
		jen.Case(cases...),
		jen.Default().Block(call("oneOf", jen.False(), jen.Lit(strings.Join(names, ", ")))),
	)
}
