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

// emitValidator writes Validate and validate for a struct, verbatim.
func emitValidator(f *goFile, t *Type, pats *patterns) {
	f.Comment("Validate reports the rules of the spec that x breaks, as a *ValidationError")
	f.Comment("naming each value's JSON path (the first 20, and how many more); nil when")
	f.Comment("x is valid.")
	d := &declText{}
	d.WriteString("func (x *" + t.Name + ") Validate() error {\n\tvar v validator\n\tx.validate(&v, nil)\n\treturn v.err()\n}\n\n")
	header := "func (x *" + t.Name + ") validate(v *validator, at *pathNode)"
	var body []check
	for _, fl := range t.Fields {
		body = append(body, d.fieldChecks(fl, pats)...)
	}
	switch {
	case len(body) > 0:
		d.WriteString(header + " {\n")
		writeChecks(&d.Builder, body, 1)
		d.WriteString("}")
	case len(header)+len(" ") <= maxOneLineFunc:
		d.WriteString(header + " {}")
	default:
		d.WriteString(header + " {\n}")
	}
	d.emit(f)
}

// maxOneLineFunc is the most bytes a function's header and the blank
// after it take when gofmt writes its empty body on the same line
// (go/printer's funcBody).
const maxOneLineFunc = 100

// A check is a statement of a validator as gofmt prints it: a line, and
// the statements of the block the line opens, when it opens one (a bare
// block has no line). A case line sits at its switch's depth.
type check struct {
	line    string
	block   []check
	outdent bool
}

func writeChecks(b *strings.Builder, checks []check, depth int) {
	for _, c := range checks {
		switch {
		case c.block == nil && c.outdent:
			b.WriteString(tabs(depth-1) + c.line + "\n")
		case c.block == nil:
			b.WriteString(tabs(depth) + c.line + "\n")
		default:
			b.WriteString(tabs(depth))
			if c.line != "" {
				b.WriteString(c.line + " ")
			}
			b.WriteString("{\n")
			writeChecks(b, c.block, depth+1)
			b.WriteString(tabs(depth) + "}\n")
		}
	}
}

// pathVar names the variable holding a path: the *pathNode parameter, or
// a pathNode value declared for a member or list item.
type pathVar struct {
	name  string
	value bool
	depth int
}

func (p pathVar) ptr() string {
	if p.value {
		return "&" + p.name
	}
	return p.name
}

// fieldChecks is the checks of one field.
func (d *declText) fieldChecks(fl *Field, pats *patterns) []check {
	key := fl.JSON
	if key == "" {
		key = "body"
	}
	val := "x." + fl.Name
	at := pathVar{name: "at"}
	var out []check
	if fl.Required && !fl.Nullable { // null, read as absent, is a valid value
		if present := presence(fl, val); present != "" {
			out = append(out, check{line: "v.required(" + at.ptr() + ", " + goLit(key) + ", " + present + ")"})
		}
	}
	value := val
	if fl.Pointer {
		value = "(*" + val + ")"
	}
	checks := d.valueChecks(fl.Type, fl.Rules, at, key, pats, value)
	if len(checks) == 0 {
		return out
	}
	if fl.Pointer {
		return append(out, check{line: "if " + val + " != nil", block: checks})
	}
	return append(out, checks...)
}

// presence is the expression telling whether a required field was given;
// "" when the Go type cannot tell (a plain number).
func presence(fl *Field, val string) string {
	if fl.Pointer {
		return val + " != nil"
	}
	return given(fl.Type, val)
}

// given tells whether a value of type t was given: it is not the type's
// zero value, for types whose zero value is no value a sender means (""
// for text, nil for a list). A named type tells as its underlying type
// does, so a component that names a string is compared with "", never
// with nil; "" when the zero value is also a value (0, false, a struct).
func given(t *GoType, val string) string {
	switch t.Kind {
	case String, Decimal:
		return val + ` != ""`
	case Slice, Map, Any:
		return val + " != nil"
	case Raw:
		return "len(" + val + ") > 0"
	case Named:
		if k := t.Named.Kind; k == EnumType || k == AliasType {
			return given(t.Named.Under, val)
		}
	}
	return ""
}

// valueChecks is the rules of one value, val: the member key of the
// object at names, or ("" key) the list item at names.
func (d *declText) valueChecks(t *GoType, r Rules, at pathVar, key string, pats *patterns, val string) (out []check) {
	call := func(method string, args ...string) check {
		return check{line: "v." + method + "(" + strings.Join(append([]string{at.ptr(), goLit(key)}, args...), ", ") + ")"}
	}
	// An enum's or alias's value is checked as its underlying type, by
	// a conversion whose package is imported only when a check uses it.
	var conversion jen.Code
	kind := t.Kind
	if kind == Named && t.Named.Kind == EnumType {
		names := make([]string, len(t.Named.Enum))
		for i, c := range t.Named.Enum {
			names[i] = fmt.Sprint(enumLiteral(c.Value, t.Named.Under))
		}
		out = append(out, call("oneOf", val+".valid()", goLit(strings.Join(names, ", "))))
		kind = t.Named.Under.Kind
		var under string
		under, conversion = typeText(t.Named.Under)
		val = under + "(" + val + ")"
		defer func() {
			if len(out) > 1 && conversion != nil {
				d.uses = append(d.uses, conversion)
			}
		}()
	}
	if kind == Named && t.Named.Kind == AliasType {
		if pats.expanding[t.Named] {
			return nil // a recursive alias: its items are checked one level deep
		}
		pats.expanding[t.Named] = true
		defer delete(pats.expanding, t.Named)
		under, conversion := typeText(t.Named.Under)
		checks := d.valueChecks(t.Named.Under, r, at, key, pats, under+"("+val+")")
		if len(checks) > 0 && conversion != nil {
			d.uses = append(d.uses, conversion)
		}
		return checks
	}
	switch kind {
	case String:
		if r.MaxLength != nil {
			out = append(out, call("maxLength", val, goLit(*r.MaxLength)))
		}
		if r.MinLength != nil {
			out = append(out, call("minLength", val, goLit(*r.MinLength)))
		}
		if r.Pattern != "" {
			out = append(out, call("pattern", val, pats.name(r.Pattern), goLit(r.PatternWhat)))
		}
		if len(r.Enum) > 0 && t.Kind != Named {
			out = append(out, enumCheck(r.Enum, true, call, val))
		}
	case Decimal:
		pat := "nil"
		if r.DecimalPattern != "" {
			pat = pats.name(r.DecimalPattern)
		}
		out = append(out, call("decimal", val, pat))
	case Int32, Int64, Float64:
		if r.Max != nil {
			out = append(out, call("maximum", "float64("+val+")", goLit(*r.Max)))
		}
		if r.Min != nil {
			out = append(out, call("minimum", "float64("+val+")", goLit(*r.Min)))
		}
		if len(r.Enum) > 0 && t.Kind != Named {
			out = append(out, enumCheck(r.Enum, false, call, val))
		}
	case Named:
		if t.Named.Kind != StructType {
			break
		}
		if key == "" {
			out = append(out, check{line: val + ".validate(v, " + at.ptr() + ")"})
			break
		}
		m := pathVar{name: fmt.Sprintf("m%d", at.depth+1), value: true, depth: at.depth + 1}
		out = append(out, check{block: []check{
			{line: m.name + " := " + at.name + ".member(" + goLit(key) + ")"},
			{line: val + ".validate(v, " + m.ptr() + ")"},
		}})
	case Slice:
		if r.MaxItems != nil {
			out = append(out, call("maxItems", "len("+val+")", goLit(*r.MaxItems)))
		}
		if r.MinItems != nil {
			// Absent (nil) is for required to report; minItems holds for a
			// list that was sent.
			out = append(out, check{line: "if " + val + " != nil", block: []check{call("minItems", "len("+val+")", goLit(*r.MinItems))}})
		}
		var itemRules Rules
		if t.Rules != nil {
			itemRules = *t.Rules
		}
		list := at
		var block []check
		if key != "" {
			list = pathVar{name: fmt.Sprintf("l%d", at.depth+1), value: true, depth: at.depth + 1}
			block = append(block, check{line: list.name + " := " + at.name + ".member(" + goLit(key) + ")"})
		}
		idx := fmt.Sprintf("i%d", list.depth+1)
		item := pathVar{name: fmt.Sprintf("e%d", list.depth+1), value: true, depth: list.depth + 1}
		inner := d.valueChecks(t.Elem, itemRules, item, "", pats, val+"["+idx+"]")
		if len(inner) > 0 {
			loop := append([]check{{line: item.name + " := " + list.name + ".item(" + idx + ")"}}, inner...)
			block = append(block, check{line: "for " + idx + " := range " + clause(val), block: loop})
			out = append(out, check{block: block})
		}
	case Map:
		var itemRules Rules
		if t.Rules != nil {
			itemRules = *t.Rules
		}
		obj := at
		var block []check
		if key != "" {
			obj = pathVar{name: fmt.Sprintf("o%d", at.depth+1), value: true, depth: at.depth + 1}
			block = append(block, check{line: obj.name + " := " + at.name + ".member(" + goLit(key) + ")"})
		}
		// Members come in map order: violations in several members are
		// listed in an order that varies between calls; sorting the keys
		// would cost an allocation on every valid value.
		k, elem := fmt.Sprintf("k%d", obj.depth+1), fmt.Sprintf("x%d", obj.depth+1)
		item := pathVar{name: fmt.Sprintf("e%d", obj.depth+1), value: true, depth: obj.depth + 1}
		inner := d.valueChecks(t.Elem, itemRules, item, "", pats, elem)
		if len(inner) > 0 {
			loop := append([]check{{line: item.name + " := " + obj.name + ".entry(" + k + ")"}}, inner...)
			block = append(block, check{line: "for " + k + ", " + elem + " := range " + clause(val), block: loop})
			out = append(out, check{block: block})
		}
	}
	return out
}

// clause is an expression as gofmt prints it in the header of a switch
// or a range: without the parentheses around it.
func clause(expr string) string {
	for len(expr) > 2 && expr[0] == '(' && closingParen(expr) == len(expr)-1 {
		expr = expr[1 : len(expr)-1]
	}
	return expr
}

// closingParen is the offset of the parenthesis that closes the one that
// opens expr (which holds no string with a parenthesis in it).
func closingParen(expr string) int {
	depth := 0
	for i := range len(expr) {
		switch expr[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// enumCheck checks a value against an enum that has no named type; ""
// stands for absent text.
func enumCheck(enum []any, text bool, call func(string, ...string) check, val string) check {
	var cases []string
	if text {
		cases = append(cases, `""`)
	}
	var names []string
	for _, e := range enum {
		if text && fmt.Sprint(e) == "" {
			names = append(names, `""`)
			continue // already a case: a duplicate would not compile
		}
		if text {
			cases = append(cases, goLit(fmt.Sprint(e)))
		} else {
			cases = append(cases, goLit(e))
		}
		names = append(names, fmt.Sprint(e))
	}
	return check{line: "switch " + clause(val), block: []check{
		{line: "case " + strings.Join(cases, ", ") + ":", outdent: true},
		{line: "default:", outdent: true},
		call("oneOf", "false", goLit(strings.Join(names, ", "))),
	}}
}
