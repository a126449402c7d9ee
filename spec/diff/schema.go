package diff

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
)

// direction says which way values flow through a schema, and so which way
// a change hurts: a request schema must keep accepting what callers send,
// a response schema must not send what readers cannot take.
type direction int

const (
	request direction = iota
	response
)

// walker compares the schemas under one label (a body, a parameter, a
// header) of one operation.
type walker struct {
	c     *comparer
	at    endpoint
	dir   direction
	label string
	// active holds the pairs being compared on the current path, so that a
	// schema containing itself (a tree of categories) stops at its second
	// visit, while a schema reached by two separate routes is still
	// compared on each.
	active map[[2]*openapi3.Schema]bool
}

func (c *comparer) walker(at endpoint, dir direction, label string) *walker {
	return &walker{c: c, at: at, dir: dir, label: label, active: map[[2]*openapi3.Schema]bool{}}
}

// node is a schema with the pointer to where it is written. Below a $ref
// to another file a pointer can only name the place in this document that
// leads there, so foreign stops local $refs from re-anchoring it: they are
// relative to the other file.
type node struct {
	s       *openapi3.Schema
	ref     string
	ptr     string
	foreign bool
}

// root starts a walk at the schema written at ptr.
func root(ref *openapi3.SchemaRef, ptr string) node {
	return node{}.child(ref, ptr)
}

// child is the schema ref found at n's pointer plus sub.
func (n node) child(ref *openapi3.SchemaRef, sub string) node {
	c := node{ptr: n.ptr + sub, foreign: n.foreign}
	if ref == nil {
		return c
	}
	c.s, c.ref = ref.Value, ref.Ref
	switch {
	case ref.Ref == "" || c.foreign:
	case strings.HasPrefix(ref.Ref, "#/"):
		c.ptr = ref.Ref[1:]
	default:
		c.foreign = true
	}
	return c
}

// goTypeChange explains why a change that alters a field's generated Go
// type is breaking where the wire would tolerate it: code written against
// the old Go type no longer compiles. Where the wire breaks too, that is
// reason enough and nothing is added.
func goTypeChange(wire Class) string {
	if wire == Breaking {
		return ""
	}
	return " (compatible on the wire, but the Go type changes)"
}

// narrowed is the class of a change that lets fewer values through: a
// request then rejects what callers used to send, a response only sends
// less than readers were ready for.
func (w *walker) narrowed() Class {
	if w.dir == request {
		return Breaking
	}
	return Compatible
}

// widened is the class of a change that lets more values through, which
// hurts the other side: readers of a response meet values they never saw.
func (w *walker) widened() Class {
	if w.dir == request {
		return Compatible
	}
	return Breaking
}

func (w *walker) prefix(field string) string {
	if field == "" {
		return w.label + ": "
	}
	return w.label + ": field " + field + " "
}

func (w *walker) emit(class Class, field, ptr, what string) {
	w.c.add(class, w.at, ptr, w.prefix(field)+what)
}

func join(field, name string) string {
	if field == "" {
		return name
	}
	return field + "." + name
}

func (w *walker) schema(field string, o, n node) {
	if (o.s == nil || n.s == nil) && o.ref != n.ref {
		w.emit(Breaking, field, n.ptr, "$ref changed from "+quote(o.ref)+" to "+quote(n.ref)+" and could not be resolved to compare")
	}
	if o.s == nil || n.s == nil || o.s == n.s {
		return
	}
	key := [2]*openapi3.Schema{o.s, n.s}
	if w.active[key] {
		return
	}
	w.active[key] = true
	defer delete(w.active, key)

	if !w.types(field, o, n) {
		return
	}
	w.enum(field, o, n)
	w.constant(field, o, n)
	w.bounds(field, o, n)
	w.annotations(field, o, n)
	w.content(field, o, n)
	w.object(field, o, n)
	w.array(field, o, n)
	w.composition(field, o, n)
}

// typeSet splits a schema's types into the non-null ones and whether null
// is allowed, reading both the 3.1 type array and the 3.0 nullable flag.
// No type at all allows anything, null included.
func typeSet(s *openapi3.Schema) (types []string, null bool) {
	if s.Type != nil {
		for _, t := range *s.Type {
			if t == openapi3.TypeNull {
				null = true
			} else {
				types = append(types, t)
			}
		}
	}
	return types, null || s.Nullable || len(types) == 0
}

func accepts(set []string, t string) bool {
	return len(set) == 0 || slices.Contains(set, t) || t == openapi3.TypeInteger && slices.Contains(set, openapi3.TypeNumber)
}

// covers reports whether every value of type set b is a value of a.
func covers(a, b []string) bool {
	if len(b) == 0 {
		return len(a) == 0
	}
	for _, t := range b {
		if !accepts(a, t) {
			return false
		}
	}
	return true
}

func overlap(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, t := range a {
		if accepts(b, t) {
			return true
		}
	}
	for _, t := range b {
		if accepts(a, t) {
			return true
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	return covers(a, b) && covers(b, a) && len(a) == len(b)
}

func typeText(types []string, format string) string {
	var s string
	switch len(types) {
	case 0:
		s = "any"
	case 1:
		s = types[0]
	default:
		s = "[" + strings.Join(types, ", ") + "]"
	}
	if format != "" {
		s += "/" + format
	}
	return s
}

// docType is the vendor's own type text, kept by the spec stage; showing
// it beside the OpenAPI type lets a reader match the change to the doc.
func docType(s *openapi3.Schema) string {
	if v, ok := s.Extensions["x-apigen-doc-type"]; ok && v != nil {
		return fmt.Sprint(v)
	}
	return ""
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// types reports type, format and nullability changes. It returns false when
// the old and new types share no value, since comparing the rest would
// only restate the same change field by field.
func (w *walker) types(field string, o, n node) bool {
	ot, onull := typeSet(o.s)
	nt, nnull := typeSet(n.s)
	od, nd := docType(o.s), docType(n.s)
	docNote := ""
	if od != nd {
		docNote = " (doc type " + orNone(od) + " → " + orNone(nd) + ")"
	}
	goOn := true
	if !sameSet(ot, nt) {
		verb, wire := "changed", Breaking
		switch {
		case covers(nt, ot):
			verb, wire = "widened", w.widened()
		case covers(ot, nt):
			verb, wire = "narrowed", w.narrowed()
		default:
			goOn = overlap(ot, nt)
		}
		w.emit(Breaking, field, n.ptr+"/type", "type "+verb+" from "+typeText(ot, o.s.Format)+" to "+typeText(nt, n.s.Format)+docNote+goTypeChange(wire))
	} else {
		w.format(field, o, n, docNote)
		if o.s.Format == n.s.Format && docNote != "" {
			w.emit(Compatible, field, n.ptr, "doc type changed from "+orNone(od)+" to "+orNone(nd))
		}
	}
	if onull != nnull {
		if nnull {
			w.emit(Breaking, field, n.ptr, "became nullable"+goTypeChange(w.widened()))
		} else {
			w.emit(Breaking, field, n.ptr, "no longer nullable"+goTypeChange(w.narrowed()))
		}
	}
	return goOn
}

// formatWidth orders the formats that only differ in range, so that
// int32 → int64 reads as a widening rather than an arbitrary change.
var formatWidth = map[string]int{"int32": 1, "int64": 2, "float": 1, "double": 2}

func (w *walker) format(field string, o, n node, docNote string) {
	of, nf := o.s.Format, n.s.Format
	if of == nf {
		return
	}
	ptr := n.ptr + "/format"
	switch {
	case of == "":
		w.emit(w.narrowed(), field, ptr, "format set to "+nf+docNote)
	case nf == "":
		w.emit(w.widened(), field, n.ptr, "format removed (was "+of+")"+docNote)
	case formatWidth[of] > 0 && formatWidth[nf] > 0:
		verb, wire := "narrowed", w.narrowed()
		if formatWidth[nf] > formatWidth[of] {
			verb, wire = "widened", w.widened()
		}
		w.emit(Breaking, field, ptr, "format "+verb+" from "+of+" to "+nf+docNote+goTypeChange(wire))
	default:
		w.emit(Breaking, field, ptr, "format changed from "+of+" to "+nf+docNote)
	}
}

func (w *walker) enum(field string, o, n node) {
	oe, ne := rendered(o.s.Enum), rendered(n.s.Enum)
	switch {
	case len(oe) == 0 && len(ne) == 0:
	case len(oe) == 0:
		w.emit(w.narrowed(), field, n.ptr+"/enum", "restricted to enum ["+strings.Join(ne, ", ")+"]")
	case len(ne) == 0:
		w.emit(Compatible, field, n.ptr, "no longer restricted to enum ["+strings.Join(oe, ", ")+"]")
	default:
		for i, v := range oe {
			if !slices.Contains(ne, v) {
				// Its Go constant goes with it.
				w.emit(Breaking, field, o.ptr+"/enum/"+strconv.Itoa(i), "enum value "+v+" removed")
			}
		}
		for i, v := range ne {
			if !slices.Contains(oe, v) {
				w.emit(Compatible, field, n.ptr+"/enum/"+strconv.Itoa(i), "enum value "+v+" added")
			}
		}
	}
}

func rendered(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = render(v)
	}
	return out
}

func (w *walker) constant(field string, o, n node) {
	oc, nc := o.s.Const, n.s.Const
	switch {
	case oc == nil && nc == nil:
	case oc == nil:
		w.emit(w.narrowed(), field, n.ptr+"/const", "const set to "+show(nc))
	case nc == nil:
		w.emit(w.widened(), field, n.ptr, "const removed (was "+show(oc)+")")
	case render(oc) != render(nc):
		w.emit(Breaking, field, n.ptr+"/const", "const changed from "+show(oc)+" to "+show(nc))
	}
}

func u64(p *uint64) *float64 {
	if p == nil {
		return nil
	}
	f := float64(*p)
	return &f
}

// minimum turns a lower bound whose zero means "none" into an optional one.
func minimum(v uint64) *float64 {
	if v == 0 {
		return nil
	}
	f := float64(v)
	return &f
}

func num(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// bounds reports constraint changes. Tightening one narrows what is
// allowed; relaxing one is compatible on both sides (see the package doc
// for why response bounds never break).
func (w *walker) bounds(field string, o, n node) {
	os, ns := o.s, n.s
	w.upper(field, n.ptr, "maxLength", u64(os.MaxLength), u64(ns.MaxLength))
	w.lower(field, n.ptr, "minLength", minimum(os.MinLength), minimum(ns.MinLength))
	w.upper(field, n.ptr, "maximum", os.Max, ns.Max)
	w.lower(field, n.ptr, "minimum", os.Min, ns.Min)
	w.upper(field, n.ptr, "exclusiveMaximum", os.ExclusiveMax.Value, ns.ExclusiveMax.Value)
	w.lower(field, n.ptr, "exclusiveMinimum", os.ExclusiveMin.Value, ns.ExclusiveMin.Value)
	w.flag(field, n.ptr, "exclusiveMaximum", os.ExclusiveMax.Bool != nil && *os.ExclusiveMax.Bool, ns.ExclusiveMax.Bool != nil && *ns.ExclusiveMax.Bool)
	w.flag(field, n.ptr, "exclusiveMinimum", os.ExclusiveMin.Bool != nil && *os.ExclusiveMin.Bool, ns.ExclusiveMin.Bool != nil && *ns.ExclusiveMin.Bool)
	w.upper(field, n.ptr, "maxItems", u64(os.MaxItems), u64(ns.MaxItems))
	w.lower(field, n.ptr, "minItems", minimum(os.MinItems), minimum(ns.MinItems))
	w.upper(field, n.ptr, "maxProperties", u64(os.MaxProps), u64(ns.MaxProps))
	w.lower(field, n.ptr, "minProperties", minimum(os.MinProps), minimum(ns.MinProps))
	w.flag(field, n.ptr, "uniqueItems", os.UniqueItems, ns.UniqueItems)
	switch om, nm := os.MultipleOf, ns.MultipleOf; {
	case om == nil && nm == nil:
	case om == nil:
		w.emit(w.narrowed(), field, n.ptr+"/multipleOf", "multipleOf set to "+num(*nm))
	case nm == nil:
		w.emit(Compatible, field, n.ptr, "multipleOf removed (was "+num(*om)+")")
	case *om != *nm:
		class := w.narrowed()
		if *nm != 0 && math.Mod(*om, *nm) == 0 {
			class = Compatible // every multiple of the old step is one of the new
		}
		w.emit(class, field, n.ptr+"/multipleOf", "multipleOf changed from "+num(*om)+" to "+num(*nm))
	}
	switch op, np := os.Pattern, ns.Pattern; {
	case op == np:
	case op == "":
		w.emit(w.narrowed(), field, n.ptr+"/pattern", "pattern set to "+quote(np))
	case np == "":
		w.emit(Compatible, field, n.ptr, "pattern removed (was "+quote(op)+")")
	default:
		w.emit(w.narrowed(), field, n.ptr+"/pattern", "pattern changed from "+quote(op)+" to "+quote(np))
	}
}

func (w *walker) upper(field, ptr, name string, o, n *float64) {
	switch {
	case o == nil && n == nil:
	case o == nil:
		w.emit(w.narrowed(), field, ptr+"/"+name, name+" set to "+num(*n))
	case n == nil:
		w.emit(Compatible, field, ptr, name+" removed (was "+num(*o)+")")
	case *n < *o:
		w.emit(w.narrowed(), field, ptr+"/"+name, name+" lowered from "+num(*o)+" to "+num(*n))
	case *n > *o:
		w.emit(Compatible, field, ptr+"/"+name, name+" raised from "+num(*o)+" to "+num(*n))
	}
}

func (w *walker) lower(field, ptr, name string, o, n *float64) {
	switch {
	case o == nil && n == nil:
	case o == nil:
		w.emit(w.narrowed(), field, ptr+"/"+name, name+" set to "+num(*n))
	case n == nil:
		w.emit(Compatible, field, ptr, name+" removed (was "+num(*o)+")")
	case *n > *o:
		w.emit(w.narrowed(), field, ptr+"/"+name, name+" raised from "+num(*o)+" to "+num(*n))
	case *n < *o:
		w.emit(Compatible, field, ptr+"/"+name, name+" lowered from "+num(*o)+" to "+num(*n))
	}
}

// flag reports a boolean constraint switched on (narrowing) or off.
func (w *walker) flag(field, ptr, name string, o, n bool) {
	switch {
	case !o && n:
		w.emit(w.narrowed(), field, ptr+"/"+name, name+" set")
	case o && !n:
		w.emit(Compatible, field, ptr, name+" removed")
	}
}

func (w *walker) annotations(field string, o, n node) {
	os, ns := o.s, n.s
	if os.Title != ns.Title {
		w.emit(Compatible, field, n.ptr+"/title", "title changed from "+quote(os.Title)+" to "+quote(ns.Title))
	}
	if os.Description != ns.Description {
		w.emit(Compatible, field, n.ptr+"/description", "description changed from "+quote(os.Description)+" to "+quote(ns.Description))
	}
	switch od, nd := os.Default, ns.Default; {
	case od == nil && nd == nil:
	case od == nil:
		w.emit(Compatible, field, n.ptr+"/default", "default set to "+show(nd))
	case nd == nil:
		w.emit(Compatible, field, n.ptr, "default removed (was "+show(od)+")")
	case render(od) != render(nd):
		w.emit(Compatible, field, n.ptr+"/default", "default changed from "+show(od)+" to "+show(nd))
	}
	if os.Deprecated != ns.Deprecated {
		w.emit(Compatible, field, n.ptr+"/deprecated", deprecation(ns.Deprecated))
	}
	w.c.extensions(w.at, o.ptr, n.ptr, w.prefix(field), os.Extensions, ns.Extensions)
}

// content compares JSON (or other data) carried inside a string: its media
// type, its encoding, and the schema of the decoded value.
func (w *walker) content(field string, o, n node) {
	w.text(field, n.ptr, "contentMediaType", o.s.ContentMediaType, n.s.ContentMediaType)
	w.text(field, n.ptr, "contentEncoding", o.s.ContentEncoding, n.s.ContentEncoding)
	oc, nc := o.child(o.s.ContentSchema, "/contentSchema"), n.child(n.s.ContentSchema, "/contentSchema")
	switch {
	case oc.s == nil && nc.s == nil:
	case oc.s == nil:
		w.emit(w.narrowed(), field, nc.ptr, "contentSchema added")
	case nc.s == nil:
		w.emit(w.widened(), field, oc.ptr, "contentSchema removed")
	default:
		w.schema(field+"(json)", oc, nc)
	}
}

func (w *walker) text(field, ptr, name, o, n string) {
	switch {
	case o == n:
	case o == "":
		w.emit(w.narrowed(), field, ptr+"/"+name, name+" set to "+n)
	case n == "":
		w.emit(w.widened(), field, ptr, name+" removed (was "+o+")")
	default:
		w.emit(Breaking, field, ptr+"/"+name, name+" changed from "+o+" to "+n)
	}
}

func (w *walker) object(field string, o, n node) {
	names := map[string]bool{}
	for k := range o.s.Properties {
		names[k] = true
	}
	for k := range n.s.Properties {
		names[k] = true
	}
	for _, name := range sortedKeys(names) {
		op, np := o.s.Properties[name], n.s.Properties[name]
		f := join(field, name)
		sub := "/properties/" + oas.EscapePointer(name)
		oslot, nslot := o.ptr+sub, n.ptr+sub
		nreq := slices.Contains(n.s.Required, name)
		switch {
		case np == nil:
			w.emit(Breaking, f, oslot, "removed")
		case op == nil && w.dir == response:
			w.emit(Compatible, f, nslot, "added")
		case op == nil && nreq:
			w.emit(Breaking, f, nslot, "added (required)")
		case op == nil:
			w.emit(Compatible, f, nslot, "added (optional)")
		default:
			if oreq := slices.Contains(o.s.Required, name); oreq != nreq {
				// An optional field is a pointer in Go, a required one a
				// value: either way the field's Go type changes.
				if nreq {
					w.emit(Breaking, f, nslot, "became required"+goTypeChange(w.narrowed()))
				} else {
					w.emit(Breaking, f, nslot, "became optional"+goTypeChange(w.widened()))
				}
			}
			w.schema(f, o.child(op, sub), n.child(np, sub))
		}
	}

	oa, na := o.s.AdditionalProperties, n.s.AdditionalProperties
	oclosed, nclosed := oa.Has != nil && !*oa.Has, na.Has != nil && !*na.Has
	switch {
	case !oclosed && nclosed:
		w.emit(w.narrowed(), field, n.ptr+"/additionalProperties", "no longer allows undeclared fields")
	case oclosed && !nclosed:
		w.emit(Compatible, field, n.ptr, "allows undeclared fields")
	}
	om, nm := o.child(oa.Schema, "/additionalProperties"), n.child(na.Schema, "/additionalProperties")
	switch {
	case om.s == nil && nm.s == nil:
	case om.s == nil:
		w.emit(w.narrowed(), field, nm.ptr, "additionalProperties schema added")
	case nm.s == nil:
		w.emit(w.widened(), field, om.ptr, "additionalProperties schema removed")
	default:
		w.schema(field+"{}", om, nm)
	}
}

func (w *walker) array(field string, o, n node) {
	oi, ni := o.child(o.s.Items, "/items"), n.child(n.s.Items, "/items")
	switch {
	case oi.s == nil && ni.s == nil:
	case oi.s == nil:
		w.emit(w.narrowed(), field, ni.ptr, "items schema added")
	case ni.s == nil:
		w.emit(w.widened(), field, oi.ptr, "items schema removed")
	default:
		w.schema(field+"[]", oi, ni)
	}
}

// composition pairs alternatives by position: specs written from docs
// rarely reorder them, and a reordering still shows up as changes.
func (w *walker) composition(field string, o, n node) {
	kinds := []struct {
		name        string
		o, n        openapi3.SchemaRefs
		more, fewer Class
		noun        string
	}{
		{"oneOf", o.s.OneOf, n.s.OneOf, w.widened(), w.narrowed(), "alternative"},
		{"anyOf", o.s.AnyOf, n.s.AnyOf, w.widened(), w.narrowed(), "alternative"},
		{"allOf", o.s.AllOf, n.s.AllOf, w.narrowed(), w.widened(), "member"},
	}
	for _, k := range kinds {
		for i := 0; i < max(len(k.o), len(k.n)); i++ {
			sub := k.name + "/" + strconv.Itoa(i)
			switch {
			case i >= len(k.o):
				w.emit(k.more, field, n.ptr+"/"+sub, k.name+" "+k.noun+" "+strconv.Itoa(i)+" added")
			case i >= len(k.n):
				w.emit(k.fewer, field, o.ptr+"/"+sub, k.name+" "+k.noun+" "+strconv.Itoa(i)+" removed")
			default:
				w.schema(field+"("+k.name+" "+strconv.Itoa(i)+")", o.child(k.o[i], "/"+sub), n.child(k.n[i], "/"+sub))
			}
		}
	}
}
