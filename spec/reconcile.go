package spec

import (
	"strings"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

// reconcile matches a field tree with example values. The example decides
// the wire shape where the table is silent or wrong; every disagreement is
// a diagnostic naming both the row and the example.
func reconcile(root *node, ex *ljson.Value, diags *diag.List) {
	if ex == nil {
		return
	}
	rc := reconciler{diags: diags}
	rc.node(root, []*ljson.Value{ex})
}

type reconciler struct {
	diags *diag.List
}

// node reconciles n with the values the examples give for it.
func (rc reconciler) node(n *node, vals []*ljson.Value) {
	var objects []*ljson.Value
	for _, v := range vals {
		switch {
		case v == nil || isPlaceholder(v):
			continue
		case v.Kind == ljson.Null:
			n.sendsNull = true
			continue
		case v.Kind == ljson.String && v.Text == "" && v.Embedded == nil:
			// "" stands for "not given": it says nothing of the type
			// (an INT field sent as "" is still an integer), only that
			// the field may be empty.
			n.sendsEmpty = true
			continue
		}
		n.examples = append(n.examples, v)
		switch v.Kind {
		case ljson.Array:
			n.wireKinds = appendKind(n.wireKinds, ljson.Array)
			for _, it := range v.Items {
				if it.Kind == ljson.Object {
					objects = append(objects, it)
				} else if it.Kind != ljson.Null {
					n.wireKinds = appendKind(n.wireKinds, it.Kind)
				}
			}
		case ljson.Object:
			n.wireKinds = appendKind(n.wireKinds, ljson.Object)
			objects = append(objects, v)
		case ljson.String:
			n.wireKinds = appendKind(n.wireKinds, ljson.String)
			if v.Embedded != nil {
				// JSON carried inside a string: the children describe it.
				objects = append(objects, embeddedObjects(v.Embedded)...)
			}
		default:
			n.wireKinds = appendKind(n.wireKinds, v.Kind)
		}
	}
	if len(objects) == 0 {
		return
	}
	keys, members := memberIndex(objects)
	rc.relocate(n, keys, members)
	rc.addExampleOnly(n, keys, members)
	for _, c := range n.children {
		ms := members[c.name]
		if len(ms) > 0 && c.exMember == nil {
			c.exMember = ms[0]
		}
		if len(ms) == 0 && c.row != nil && !c.fromEx {
			rc.diags.Add(c.row.Pos, diag.UnsentField, "%q is in the table but not in the example", c.path()).Related = []diag.Pos{objects[0].Pos}
		}
		vs := make([]*ljson.Value, len(ms))
		for i, m := range ms {
			vs[i] = m.Value
		}
		rc.node(c, vs)
	}
}

func embeddedObjects(v *ljson.Value) []*ljson.Value {
	switch v.Kind {
	case ljson.Object:
		return []*ljson.Value{v}
	case ljson.Array:
		var out []*ljson.Value
		for _, it := range v.Items {
			if it.Kind == ljson.Object {
				out = append(out, it)
			}
		}
		return out
	}
	return nil
}

// memberIndex lists the keys of several example objects in first-seen
// order, with every member under each key.
func memberIndex(objects []*ljson.Value) ([]string, map[string][]*ljson.Member) {
	var keys []string
	members := map[string][]*ljson.Member{}
	for _, o := range objects {
		for _, m := range o.Members {
			if _, seen := members[m.Key]; !seen {
				keys = append(keys, m.Key)
			}
			members[m.Key] = append(members[m.Key], m)
		}
	}
	return keys, members
}

// relocate moves rows a table nests under the wrong parent to the sibling
// the example puts them under: the table declares cmList.extColumns.dimName
// while the example sends dimName inside cmList[].dimColumns[].
func (rc reconciler) relocate(n *node, keys []string, members map[string][]*ljson.Member) {
	for _, c := range append([]*node(nil), n.children...) {
		childKeys := nestedKeys(members[c.name])
		if len(childKeys) == 0 {
			continue
		}
		for _, g := range append([]*node(nil), c.children...) {
			if childKeys[g.name] || g.row == nil {
				continue
			}
			target, at := rc.siblingHolding(n, c, g.name, keys, members)
			if target == "" {
				continue
			}
			dst := n.child(target)
			if dst == nil {
				dst = n.add(&node{name: target, fromEx: true, exMember: members[target][0]})
			}
			if dst.child(g.name) != nil {
				continue
			}
			c.remove(g)
			dst.add(g)
			rc.diags.Add(g.row.Pos, diag.MovedRow, "%q is declared under %q but the example sends it under %q; moved there",
				g.row.Name, c.path(), dst.path()).Related = []diag.Pos{at}
		}
	}
}

// nestedKeys returns the keys of the objects (or arrays of objects) that
// members hold.
func nestedKeys(ms []*ljson.Member) map[string]bool {
	keys := map[string]bool{}
	for _, m := range ms {
		for _, o := range embeddedObjects(m.Value) {
			for _, om := range o.Members {
				keys[om.Key] = true
			}
		}
	}
	return keys
}

// siblingHolding finds the one sibling of c whose example objects hold key.
func (rc reconciler) siblingHolding(n, c *node, key string, keys []string, members map[string][]*ljson.Member) (string, diag.Pos) {
	found, at := "", diag.Pos{}
	for _, k := range keys {
		if k == c.name {
			continue
		}
		for _, m := range members[k] {
			for _, o := range embeddedObjects(m.Value) {
				if om := o.Member(key); om != nil {
					if found != "" && found != k {
						return "", diag.Pos{} // ambiguous: leave the table as written
					}
					found, at = k, om.KeyPos
				}
			}
		}
	}
	return found, at
}

// addExampleOnly adds the fields only the example sends. A map the table
// declares without fields (json(map), Object) stays free-form: its example
// keys are illustrations, not fields.
func (rc reconciler) addExampleOnly(n *node, keys []string, members map[string][]*ljson.Member) {
	freeForm := n.row != nil && len(n.children) == 0
	if freeForm {
		return
	}
	tableHasFields := false
	for _, c := range n.children {
		if c.row != nil {
			tableHasFields = true
			break
		}
	}
	for _, k := range keys {
		if n.child(k) != nil {
			continue
		}
		m := members[k][0]
		if !plausibleKey(k) {
			// What an unbalanced quote leaves behind (`": "`), not a field.
			rc.diags.Add(m.KeyPos, diag.SkippedToken, "example key %q is not a field name; it was skipped", k)
			continue
		}
		n.add(&node{name: k, fromEx: true, exMember: m})
		if tableHasFields {
			rc.diags.Add(m.KeyPos, diag.UndeclaredField, "the example sends %q, which the table does not declare; added from the example",
				joinPath(n.path(), k)).Related = []diag.Pos{n.children[0].pos()}
		}
	}
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func appendKind(kinds []ljson.Kind, k ljson.Kind) []ljson.Kind {
	for _, x := range kinds {
		if x == k {
			return kinds
		}
	}
	return append(kinds, k)
}

// isPlaceholder reports example strings that stand for a value rather than
// being one: "<<DATA>>", "{ msg_id }".
func isPlaceholder(v *ljson.Value) bool {
	if v.Kind != ljson.String {
		return false
	}
	t := strings.TrimSpace(v.Text)
	return (strings.HasPrefix(t, "<<") && strings.HasSuffix(t, ">>")) ||
		(strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") && v.Embedded == nil && !strings.Contains(t, ":"))
}

// plausibleKey rejects example keys no API would name a field: blank, or
// holding quotes, line breaks or other control characters.
func plausibleKey(k string) bool {
	if strings.TrimSpace(k) == "" {
		return false
	}
	for _, r := range k {
		if r == '"' || r < ' ' || r == 0x7f {
			return false
		}
	}
	return true
}
