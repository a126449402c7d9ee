package spec

import (
	"regexp"
	"strings"

	"github.com/apigen/apigen/parser"
)

// tableRows joins the rows of several tables of one request or response.
// A later table that restates its parent's name in its caption (a table
// headed `data` or `OrderItem` after a row `data  OrderItem`) describes
// that parent's fields, so its rows are nested under it.
func tableRows(tables []*parser.Table) []*parser.Field {
	var rows []*parser.Field
	for _, t := range tables {
		rows = append(rows, restated(t, rows)...)
	}
	return rows
}

// restated returns a table's rows, nested under the earlier row its
// caption names, if any.
func restated(t *parser.Table, earlier []*parser.Field) []*parser.Field {
	parent := ""
	if t.Name != "" && len(earlier) > 0 {
		parent = parentNamed(earlier, t.Name)
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
