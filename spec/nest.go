package spec

import (
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

// node is one field of a request or response while its shape is decided:
// rows are nested by name, then reconciled with the examples.
type node struct {
	name      string
	row       *parser.Field   // the declaring row; nil when implicit or from the example
	merged    []*parser.Field // duplicate rows folded into this one
	typ       parser.TypeText
	array     bool // an array (of objects when it has children)
	object    bool // an object even without children (Object, json(map))
	children  []*node
	byName    map[string]*node // the first child of each name: tables run to thousands of rows
	parent    *node
	implicit  bool // created from a nested name that no row declares
	fromEx    bool // created from the example alone
	examples  []*ljson.Value
	exMember  *ljson.Member // the first example member naming this field
	wireKinds []ljson.Kind  // kinds the examples send, in order seen; null and "" aside
	// sendsNull and sendsEmpty: an example sends null, or "", for the
	// field. Neither says what type the field is; both say the vendor's
	// traffic carries it, so the schema must accept it (see absent.go).
	sendsNull, sendsEmpty bool
}

// maxNesting is how many levels deep fields are modelled; deeper fields
// are cut (W035). Real pages nest a handful of levels. Every level repeats
// its parents' names in the spec's indentation, the generated type names
// and the validators' paths, so without a limit a page of one long dotted
// name would make output grow with the square of its length.
const maxNesting = 32

// level is how deep n sits in its tree: the root's fields are at 1.
func (n *node) level() int {
	l := 0
	for p := n.parent; p != nil; p = p.parent {
		l++
	}
	return l
}

func (n *node) pos() diag.Pos {
	switch {
	case n.row != nil:
		return n.row.Pos
	case n.exMember != nil:
		return n.exMember.KeyPos
	}
	return diag.Pos{}
}

func (n *node) child(name string) *node { return n.byName[name] }

func (n *node) add(c *node) *node {
	c.parent = n
	n.children = append(n.children, c)
	if n.byName == nil {
		n.byName = map[string]*node{}
	}
	if _, dup := n.byName[c.name]; !dup {
		n.byName[c.name] = c
	}
	return c
}

func (n *node) remove(c *node) {
	for i, x := range n.children {
		if x == c {
			n.children = append(n.children[:i], n.children[i+1:]...)
			break
		}
	}
	if n.byName[c.name] != c {
		return
	}
	delete(n.byName, c.name)
	for _, x := range n.children {
		if x.name == c.name {
			n.byName[c.name] = x
			return
		}
	}
}

func (n *node) path() string {
	if n.parent == nil || n.parent.name == "" {
		return n.name
	}
	return n.parent.path() + "." + n.name
}

// segment is one part of a nested field name.
type segment struct {
	name  string
	array bool // written name[] (or name[0])
}

// nestPrefix strips the tree-drawing prefixes docs put before child rows:
// └, ├─, │, --, full-width spaces.
func nestPrefix(name string) string {
	return strings.TrimLeft(name, " \t\u3000└├│─┗┣┃━-—–>+*·•|｜")
}

// splitName reads a nested name written a.b, a[].b, a>b or a.list[0].b.
func splitName(name string) []segment {
	name = nestPrefix(name)
	var segs []segment
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '>' || r == '》' }) {
		part = strings.TrimSpace(part)
		seg := segment{name: part}
		if i := strings.IndexByte(part, '['); i > 0 && strings.HasSuffix(part, "]") {
			seg.name, seg.array = part[:i], true
		}
		if seg.name != "" {
			segs = append(segs, seg)
		}
	}
	return segs
}

// nester builds the field tree of one table (or several tables of one
// request) from its rows, in row order.
type nester struct {
	root  *node
	diags *diag.List
	named map[string][]*node // every node by name in creation order, for last-segment lookups
	depth []nested           // the open rows by depth, for rows nested with └ prefixes
}

func newNester(diags *diag.List) *nester {
	return &nester{root: &node{object: true}, diags: diags, named: map[string][]*node{}}
}

// addRows nests rows into the tree.
func (ns *nester) addRows(rows []*parser.Field) {
	for _, f := range rows {
		ns.addRow(f)
	}
}

func (ns *nester) addRow(f *parser.Field) {
	segs := splitName(f.Name)
	if len(segs) == 0 {
		ns.diags.Add(f.Pos, diag.SkippedRow, "row without a field name skipped")
		return
	}
	parent := ns.parentFor(f, segs)
	leaf := segs[len(segs)-1]
	if existing := parent.child(leaf.name); existing != nil {
		ns.merge(existing, f, leaf)
		return
	}
	n := parent.add(&node{name: leaf.name, row: f, typ: parser.ReadType(f.Type), array: leaf.array})
	ns.noteType(n)
	ns.named[n.name] = append(ns.named[n.name], n)
	ns.setDepth(f.Depth, n)
}

// nested is a row on the nesting stack with its depth. Depths may skip
// levels (a row at 0, its members at 2), so the stack keeps them.
type nested struct {
	depth int
	n     *node
}

func (ns *nester) setDepth(depth int, n *node) {
	if depth < 0 {
		return
	}
	for len(ns.depth) > 0 && ns.depth[len(ns.depth)-1].depth >= depth {
		ns.depth = ns.depth[:len(ns.depth)-1]
	}
	ns.depth = append(ns.depth, nested{depth, n})
}

// parentAt is the nearest open row above depth, or nil.
func (ns *nester) parentAt(depth int) *node {
	for i := len(ns.depth) - 1; i >= 0; i-- {
		if ns.depth[i].depth < depth {
			return ns.depth[i].n
		}
	}
	return nil
}

// parentFor finds or creates the parent of a row. A name's parent path is
// tried from the root first; a parent named by its last segment only
// (data.key under reqInfo.data) is found among the fields declared so far,
// latest first; otherwise the parents are created (W011).
func (ns *nester) parentFor(f *parser.Field, segs []segment) *node {
	if len(segs) == 1 {
		if p := ns.parentAt(f.Depth); f.Depth > 0 && p != nil {
			return p
		}
		return ns.root
	}
	parents := segs[:len(segs)-1]
	if n := ns.walk(ns.root, parents); n != nil {
		return n
	}
	if ns.root.child(parents[0].name) == nil {
		same := ns.named[parents[0].name]
		for i := len(same) - 1; i >= 0; i-- {
			cand := same[i]
			if cand.parent == ns.root {
				continue
			}
			if n := ns.walk(cand.parent, parents); n != nil {
				return n
			}
		}
	}
	return ns.create(f, parents)
}

// walk follows segs down from n, without creating anything.
func (ns *nester) walk(n *node, segs []segment) *node {
	for _, s := range segs {
		if n = n.child(s.name); n == nil {
			return nil
		}
		if s.array {
			n.array = true
		}
	}
	return n
}

// create makes the missing parents of a nested row.
func (ns *nester) create(f *parser.Field, segs []segment) *node {
	n := ns.root
	var made []string
	for _, s := range segs {
		c := n.child(s.name)
		if c == nil {
			c = n.add(&node{name: s.name, implicit: true, object: true, array: s.array})
			ns.named[c.name] = append(ns.named[c.name], c)
			made = append(made, s.name)
		}
		if s.array {
			c.array = true
		}
		n = c
	}
	if len(made) > 0 && !segs[len(segs)-1].array {
		ns.diags.Add(f.Pos, diag.CreatedParent, "%q names parent %q that no row declares; the parent was created", f.Name, strings.Join(made, "."))
	}
	return n
}

// merge folds a repeated row into the field it repeats. A field created
// implicitly by an earlier nested row takes the row as its declaration.
func (ns *nester) merge(n *node, f *parser.Field, leaf segment) {
	if leaf.array {
		n.array = true
	}
	if n.implicit {
		n.implicit, n.row, n.typ = false, f, parser.ReadType(f.Type)
		ns.noteType(n)
		ns.setDepth(f.Depth, n)
		return
	}
	n.merged = append(n.merged, f)
	ns.diags.Add(f.Pos, diag.RepeatedField, "%q is declared again; the rows were merged into one field", f.Name).Related = []diag.Pos{n.row.Pos}
	if n.typ.Raw == "" {
		n.typ = parser.ReadType(f.Type)
		ns.noteType(n)
	}
}

// noteType records what the type text says about the node's shape.
func (ns *nester) noteType(n *node) {
	switch kindOf(n.typ) {
	case kindArray:
		n.array = true
	case kindObject:
		n.object = true
	}
}
