package parser

import (
	"regexp"
	"slices"
	"strings"

	"github.com/apigen/apigen/parser/diag"
)

// Some pages list their fields as list items rather than table rows, one
// field an item, nested by indentation:
//
//	- data (array)
//	  - id (integer)：Key ID
//	+ msg_ids 推送API返回的 msg_id 列表
//
// Under a parameters label, a run of such items is read as a table.

// startsList reads b, under a parameters label, as the first field of a
// list: a list item, or a glued property line; it reports whether it was.
func (a *assembler) startsList(b *block) bool {
	if !isParamsLabel(a.slot) {
		return false
	}
	switch b.kind {
	case blockItem:
		return a.listField(b)
	case blockText:
		return a.gluedLine(b)
	}
	return false
}

// continuesList reads b as the next line of the list being read, and
// reports whether it was: a glued list takes its fields' description
// lines too.
func (a *assembler) continuesList(b *block) bool {
	if a.glued {
		return (b.kind == blockText || b.kind == blockItem) && a.gluedLine(b)
	}
	return b.kind == blockItem && a.listField(b)
}

// gluedProperty is a field as a property list renders to text when copied:
// its name, required word and type run together on one line
// (access-token必填String, template_id必填Array<Int64>, dataStruct), its
// example and description on the lines below. The type must be one of
// the type words such lists print, so that prose never reads as a field.
var gluedProperty = regexp.MustCompile(`^(` + fieldNamePattern + `?)(必填|必选|选填|可选|非必填)?((?:String|Int(?:8|16|32|64)?|Integer|Long|Float|Double|Number|Boolean|Bool|Object|Struct|Map|List|Array)(?:<[A-Za-z0-9_<>, ]+>)?)$`)

// gluedLine reads a text line under a parameters label as a glued field
// (gluedProperty), or, in a list of them, as a line of the last one's
// description. It reports false for a line that ends the list.
func (a *assembler) gluedLine(b *block) bool {
	text := blockPlain(b)
	if _, isLabel := classifyLabel(text); isLabel {
		return false
	}
	m := gluedProperty.FindStringSubmatch(text)
	if m == nil {
		if a.list == nil || !a.glued || len(a.list.Fields) == 0 {
			return false
		}
		f := a.list.Fields[len(a.list.Fields)-1]
		f.Description = joinText(f.Description, text)
		return true
	}
	if a.list == nil {
		a.list = &Table{Pos: b.pos, Headers: []string{"参数", "必填", "类型", "说明"}}
		a.indents, a.glued = nil, true
	}
	f := &Field{Pos: b.pos, Name: m[1], Type: m[3], TypePos: b.pos}
	if m[2] != "" {
		f.RequiredRaw, f.Required = m[2], readRequired(m[2])
	}
	a.list.Fields = append(a.list.Fields, f)
	a.indents = append(a.indents, b.pos.Col)
	return true
}

// listFieldItem is a field written as a list item: its name, perhaps in
// backquotes, a type in brackets, then its description after a colon, a
// dash or white space.
var listFieldItem = regexp.MustCompile("^`?(" + fieldNamePattern + ")`?(?:\\s*[(（]\\s*([^()（）]{1,40}?)\\s*[)）])?(?:\\s*[:：—–-]\\s*|\\s+|$)(.*)$")

// emphasizedType is a list item's name, in backquotes or not, then a type
// word in bold, italics or backquotes: `sym` **string**, amount *number*,
// user `String`.
var emphasizedType = regexp.MustCompile("^`?(" + fieldNamePattern + ")`?\\s+(?:\\*\\*|__|\\*|_|`)([A-Za-z][A-Za-z0-9<>\\[\\]]{0,30})(?:\\*\\*|__|\\*|_|`)(?:\\s|$)")

// listField reads a list item as the next field of the list table,
// starting one when none is open. Items that are notes (prose) or the
// values of the field above (HOUR, DAY under time_unit) are read and
// skipped; it reports false for an item that ends the list.
func (a *assembler) listField(b *block) bool {
	text := blockPlain(b)
	m := listFieldItem.FindStringSubmatch(text)
	nested := a.list != nil && len(a.indents) > 0 && itemIndent(b) > a.indents[0]
	if _, isLabel := classifyLabel(text); isLabel {
		return false // Query, Body: the next section, not a field
	}
	switch {
	case m == nil || len(pageLabels(text)) > 0:
		// Prose under a field is its note; prose at the top ends the list.
		return nested
	case nested && strings.ToUpper(m[1]) == m[1] && !strings.ContainsAny(m[1], "_.0123456789"):
		return true // an enum value of the field above
	}
	if a.list == nil {
		a.list = &Table{Pos: b.pos, Headers: []string{"参数", "类型", "说明"}}
		a.indents = nil
	}
	f := &Field{Pos: b.pos, Name: m[1], Type: strings.TrimSpace(m[2]), Description: strings.TrimSpace(m[3])}
	if f.Type == "" {
		// `sym` **string** The symbol: the type set in emphasis after the
		// name, which the plain text no longer shows apart.
		if e := emphasizedType.FindStringSubmatch(b.text); e != nil && e[1] == f.Name {
			f.Type = e[2]
			f.Description = strings.TrimSpace(strings.TrimPrefix(f.Description, e[2]))
		}
	}
	if f.Type != "" {
		f.TypePos = b.pos
	}
	a.list.Fields = append(a.list.Fields, f)
	a.indents = append(a.indents, itemIndent(b))
	return true
}

// itemIndent is where a list item stands: its mark's column, or its
// text's for an item read without one.
func itemIndent(b *block) int {
	if b.markCol > 0 {
		return b.markCol
	}
	return b.pos.Col
}

// flushList files the list table read so far, before next. A lone item
// naming nothing but itself right above a table is that table's caption
// ("- AppResp" over the AppResp table), not a field.
func (a *assembler) flushList(next *block) {
	t := a.list
	if t == nil {
		return
	}
	a.list, a.glued = nil, false
	if f := t.Fields[0]; len(t.Fields) == 1 && f.Type == "" && f.Description == "" && next != nil && next.kind == blockTable {
		a.caption = f.Name
		return
	}
	depthFromIndent(t.Fields, a.indents)
	if a.listed == nil {
		a.listed = map[*Table]bool{}
	}
	a.listed[t] = true
	a.fileTable(t)
}

// dropListedBesideTables drops, from each endpoint, the fields read from
// list items on a side (request, response) where a table also declares
// fields: list items stand for a table only on a page that draws none, and
// beside one they are notes, such as the values of a field the prose
// above defines ("type: 订单类型" over "- limit: 限价订单"). Each dropped
// item is reported where it stands.
func (a *assembler) dropListedBesideTables() {
	if len(a.listed) == 0 {
		return
	}
	drop := func(tables []*Table) []*Table {
		if !slices.ContainsFunc(tables, func(t *Table) bool { return !a.listed[t] }) {
			return tables
		}
		return slices.DeleteFunc(tables, func(t *Table) bool {
			if !a.listed[t] {
				return false
			}
			for _, f := range t.Fields {
				a.doc.Diagnostics.Add(f.Pos, diag.IgnoredText, "list item %q read as a note, not a field: a table declares this side's fields", f.Name)
			}
			return true
		})
	}
	for _, ep := range a.doc.Endpoints {
		ep.Request, ep.Response = drop(ep.Request), drop(ep.Response)
	}
}
