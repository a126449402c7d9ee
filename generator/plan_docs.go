package generator

import (
	"fmt"
	"strings"
)

// dropUnusedEnvelopes removes the types of response envelopes that the
// client unwraps and nothing else refers to: the client and the server
// read and write the envelope through its x-apigen-envelope description,
// so such a type would be exported API that no code uses.
func (p *planner) dropUnusedEnvelopes() {
	used := map[*Type]bool{}
	var mark func(g *GoType)
	mark = func(g *GoType) {
		for ; g != nil; g = g.Elem {
			if g.Kind == Named && g.Named != nil && !used[g.Named] {
				used[g.Named] = true
				for _, f := range g.Named.Fields {
					mark(f.Type)
				}
				mark(g.Named.Under)
			}
		}
	}
	for _, o := range append(p.pkg.Ops, p.pkg.Webhooks...) {
		for _, q := range o.Params {
			mark(q.Type)
		}
		mark(o.Body)
		mark(o.Result)
		if o.Request != nil {
			mark(&GoType{Kind: Named, Named: o.Request})
		}
	}
	for _, t := range p.pkg.Types {
		if p.envelopes[t.schema] {
			continue
		}
		for _, f := range t.Fields {
			mark(f.Type)
		}
		mark(t.Under)
	}
	kept := p.pkg.Types[:0]
	for _, t := range p.pkg.Types {
		if p.envelopes[t.schema] && !used[t] {
			continue
		}
		kept = append(kept, t)
	}
	p.pkg.Types = kept
}

// describeTypes gives every type the spec leaves undescribed a doc comment
// that says what it is in the API's own terms: the request or the answer
// of an operation (named by the doc's title), or the value of a field.
func describeTypes(pkg *Package) {
	for _, o := range append(pkg.Ops, pkg.Webhooks...) {
		what := o.Name
		if o.Summary != "" {
			what += " (" + oneLine(o.Summary) + ")"
		}
		if o.Request != nil && o.Request.Doc == "" {
			o.Request.Doc = "is the request of " + what + "."
		}
		if t := named(o.Result); t != nil && t.Doc == "" {
			t.Doc = "is what " + what + " answers with."
			if o.Result.Kind != Named {
				t.Doc = "is an item of what " + what + " answers with."
			}
		}
		if t := named(o.Body); t != nil && t.Doc == "" && t != o.Request {
			t.Doc = "is the body of " + what + "."
		}
	}
	// Field types take their parent's description, so describe outward
	// in: a type's own comment first, then its fields' types.
	for changed := true; changed; {
		changed = false
		for _, t := range pkg.Types {
			for _, f := range t.Fields {
				ft := named(f.Type)
				if ft == nil || ft.Doc != "" || ft == t {
					continue
				}
				what := fmt.Sprintf("%s.%s", t.Name, f.Name)
				if f.Type.Kind != Named {
					ft.Doc = "is an item of " + what
				} else {
					ft.Doc = "is " + what
				}
				if f.Doc != "" {
					ft.Doc += ": " + oneLine(f.Doc)
				}
				ft.Doc += "."
				changed = true
			}
		}
	}
}

// named is the named type g is, or holds as its items or values.
func named(g *GoType) *Type {
	for ; g != nil; g = g.Elem {
		if g.Kind == Named {
			return g.Named
		}
	}
	return nil
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSuffix(strings.TrimSuffix(s, "."), "。")
}
