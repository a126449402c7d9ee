package spec

import (
	"regexp"
	"slices"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/ljson"
)

// tableRows joins the rows of several tables of one request or response.
// A later table that restates its parent's name in its caption (a table
// headed `data` or `OrderItem` after a row `data  OrderItem`) describes
// that parent's fields, so its rows are nested under it.
func tableRows(tables []*parser.Table, example *ljson.Value) []*parser.Field {
	var rows []*parser.Field
	for _, t := range tables {
		rows = append(rows, restated(t, rows, example)...)
	}
	return rows
}

// restated returns a table's rows, nested under the earlier row its
// caption names, if any, or else under the member of the example it
// names (a table captioned list under an example holding data.list).
func restated(t *parser.Table, earlier []*parser.Field, example *ljson.Value) []*parser.Field {
	parent := ""
	if t.Name != "" && len(earlier) > 0 {
		parent = parentNamed(earlier, t.Name)
	}
	if parent == "" && t.Name != "" && !t.Within {
		parent = exampleMemberNamed(example, t.Name)
	}
	if parent == "" && t.Within {
		parent = t.Name // no row declares it: the caption does
	}
	if parent == "" {
		return t.Fields
	}
	rows := make([]*parser.Field, 0, len(t.Fields))
	for _, f := range t.Fields {
		if strings.HasPrefix(strings.TrimSpace(f.Name), parent+".") {
			rows = append(rows, f)
			continue
		}
		nested := *f
		nested.Name = parent + "." + strings.TrimSpace(f.Name)
		rows = append(rows, &nested)
	}
	return rows
}

// exampleMemberNamed finds the shallowest member of the example with the
// key that holds an object or objects, as a dotted path, or "".
func exampleMemberNamed(example *ljson.Value, key string) string {
	best := ""
	depth := -1
	example.Walk(func(path []string, v *ljson.Value) {
		if len(path) == 0 || path[len(path)-1] != key || depth >= 0 && len(path) >= depth {
			return
		}
		if v.Kind == ljson.Object || v.Kind == ljson.Array && len(v.Items) > 0 && v.Items[0].Kind == ljson.Object {
			best, depth = strings.Join(slices.DeleteFunc(slices.Clone(path), func(s string) bool { return s == "[]" }), "."), len(path)
		}
	})
	return best
}

// parentNamed finds the row a caption names: by the field's name, or by
// the type the row declares (List<OrderItem>, OrderItem[]).
func parentNamed(rows []*parser.Field, caption string) string {
	typeWord := regexp.MustCompile(`\b` + regexp.QuoteMeta(caption) + `\b`)
	for i := len(rows) - 1; i >= 0; i-- {
		name := strings.TrimSpace(rows[i].Name)
		segs := splitName(name)
		if len(segs) > 0 && (segs[len(segs)-1].name == caption || typeWord.MatchString(rows[i].Type)) {
			return nestPrefix(name)
		}
	}
	return ""
}

// expandTypes gives a row whose type names a type the page defines (a
// field typed AddressVo, List<Item>, < UserVo > array) that type's rows,
// right below it and one level deeper, unless the page lists its children
// already. A type met again inside itself stops the expansion.
func expandTypes(rows []*parser.Field, types map[string]*parser.Table) []*parser.Field {
	if len(types) == 0 {
		return rows
	}
	var out []*parser.Field
	var expand func(rows []*parser.Field, base int, chain []string)
	expand = func(rows []*parser.Field, base int, chain []string) {
		for i, f := range rows {
			g := *f
			g.Depth += base
			out = append(out, &g)
			t := typeNamed(f.Type, types)
			if t == nil || slices.Contains(chain, t.Name) || len(chain) >= maxTypeDepth || hasChildren(rows, i) {
				continue
			}
			expand(t.Fields, g.Depth+1, append(chain, t.Name))
		}
	}
	expand(rows, 0, nil)
	return out
}

// maxTypeDepth bounds how deep types are expanded inside each other.
const maxTypeDepth = 8

// typeNamed finds the defined type a type text names as a word.
func typeNamed(text string, types map[string]*parser.Table) *parser.Table {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		if t := types[w]; t != nil {
			return t
		}
	}
	return nil
}

// hasChildren reports whether the page lists row i's children itself: the
// next row is deeper, or a later one is named under it.
func hasChildren(rows []*parser.Field, i int) bool {
	if i+1 < len(rows) && rows[i+1].Depth > rows[i].Depth {
		return true
	}
	prefix := strings.TrimSpace(rows[i].Name) + "."
	for _, f := range rows[i+1:] {
		if strings.HasPrefix(strings.TrimSpace(f.Name), prefix) {
			return true
		}
	}
	return false
}
