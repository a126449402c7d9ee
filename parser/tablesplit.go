package parser

import (
	"slices"
	"strings"
)

// One drawn table often holds more than one table. A doc generator puts
// the endpoint's address in key/value rows (| 请求地址 | /x |, | 请求方式 |
// POST |) above its parameters; a section label takes a row of its own
// (| **Query** | | |) and switches what the rows below it are; a second
// header row (| 返回参数 | 参数名 | 类型 |) starts the response's rows in the
// same table. splitTable cuts a table into such pieces, in order.

// tablePiece is one stretch of a drawn table: a label row, or a run of
// rows under a header row.
type tablePiece struct {
	label *labelRow
	table *rawTable
	// role is the section label a header row starts with (请求参数 | 参数名
	// | 类型): it says what the rows under it describe.
	role *sectionLabel
}

// labelRow is a row that is a label: its first cell a label word, its
// second the label's value, or nothing when it names a section.
type labelRow struct {
	sl    sectionLabel
	value rawCell
}

func splitTable(rt *rawTable) []tablePiece {
	if pieces, ok := transposedLabels(rt); ok {
		return pieces
	}
	var pieces []tablePiece
	var cur *rawTable
	// header is the last header row: the rows after a section label row
	// (| **Query** | | |) stay under it.
	var header []rawCell
	// facts is set after address rows under a header of two columns (名称
	// | 描述 over HTTP URL, HTTP Method, then Scope, 权限要求): the rows
	// that follow are more of the page's facts as key and value, not
	// parameters.
	facts := false
	rows := append([]rawRow{{pos: rt.pos, cells: rt.header}}, rt.rows...)
	for i, row := range rows {
		texts := cellTexts(row.cells, rt.markup)
		if lr, ok := readLabelRow(row, texts, cur != nil && len(cur.rows) > 0); ok {
			pieces = append(pieces, tablePiece{label: lr})
			cur = nil
			address := lr.sl.label == labelURL || lr.sl.label == labelMethod
			facts = address && len(rt.header) == 2 || facts && !isSectionLabel(lr.sl.label)
			continue
		}
		if facts && cur == nil {
			continue
		}
		if _, ok := headerRoles(texts); ok && (cur == nil || i > 0 && !row.spanning) {
			cur = &rawTable{pos: row.pos, header: row.cells, markup: rt.markup, aligned: rt.aligned}
			header = row.cells
			piece := tablePiece{table: cur}
			if sl, ok := classifyLabel(firstNonEmpty(texts)); ok && isParamsLabel(sl.label) {
				piece.role = &sl
			}
			pieces = append(pieces, piece)
			continue
		}
		if cur == nil && header != nil {
			cur = &rawTable{pos: row.pos, header: header, markup: rt.markup, aligned: rt.aligned}
			pieces = append(pieces, tablePiece{table: cur})
		}
		if cur == nil {
			// Rows before any header: the table is not one of parameters,
			// unless a later row turns out to be a header.
			cur = &rawTable{pos: row.pos, header: row.cells, markup: rt.markup, aligned: rt.aligned}
			pieces = append(pieces, tablePiece{table: cur})
			continue
		}
		cur.rows = append(cur.rows, row)
	}
	// A header whose rows were all labels (名称 | 描述 over HTTP URL, HTTP
	// Method) heads no parameters.
	if slices.ContainsFunc(pieces, func(p tablePiece) bool { return p.label != nil }) {
		pieces = slices.DeleteFunc(pieces, func(p tablePiece) bool { return p.table != nil && len(p.table.rows) == 0 })
	}
	return pieces
}

// transposedLabels reads a table whose header is made of address labels
// and whose one row holds their values (请求方式 | 请求地址 / POST | /x):
// each column is a label row.
func transposedLabels(rt *rawTable) ([]tablePiece, bool) {
	if len(rt.rows) != 1 || len(rt.header) < 2 {
		return nil, false
	}
	var pieces []tablePiece
	address := false
	for i, h := range rt.header {
		sl, ok := classifyLabel(strings.TrimRight(plainText(h.text, rt.markup), ":："))
		if !ok || isParamsLabel(sl.label) || isSectionLabel(sl.label) {
			return nil, false
		}
		address = address || sl.label == labelURL || sl.label == labelMethod
		if i < len(rt.rows[0].cells) {
			pieces = append(pieces, tablePiece{label: &labelRow{sl: sl, value: rt.rows[0].cells[i]}})
		}
	}
	return pieces, address
}

// readLabelRow reads a row as a label. A section label stands alone in its
// row; an address label has the address after it. Inside a run of
// parameter rows, a field may be named like a label (url, method): there
// only a row whose value is plainly the label's value is a label row.
func readLabelRow(row rawRow, texts []string, inRows bool) (*labelRow, bool) {
	first := -1
	var others []int
	for i, t := range texts {
		switch {
		case t == "":
		case first < 0:
			first = i
		default:
			others = append(others, i)
		}
	}
	if first < 0 || len(others) > 1 {
		return nil, false
	}
	sl, ok := classifyLabel(strings.TrimRight(texts[first], ":："))
	if !ok {
		return nil, false
	}
	if len(others) == 0 {
		if inRows && row.spanning == false && len(texts) > 1 && !isSectionLabel(sl.label) {
			return nil, false
		}
		return &labelRow{sl: sl, value: rawCell{pos: row.pos}}, true
	}
	value := row.cells[others[0]]
	v := texts[others[0]]
	switch sl.label {
	case labelURL:
		el := readEndpointLine(v, true)
		ok = el.url != "" && (looksLikeURL(el.url) || strings.Contains(el.url, "/"))
	case labelMethod:
		ok = readMethod(v) != "" && len(strings.Fields(v)) <= 3
	case labelDescription, labelAuth:
		ok = !inRows
	default:
		ok = false
	}
	if !ok {
		return nil, false
	}
	return &labelRow{sl: sl, value: value}, true
}

// isSectionLabel reports labels that name what the rows or blocks below
// them are, rather than taking a value.
func isSectionLabel(l label) bool {
	switch l {
	case labelRequestParams, labelResponseParams, labelParams, labelRequestExample, labelResponseExample,
		labelErrorExample, labelDataExample, labelAnyExample:
		return true
	}
	return false
}

func firstNonEmpty(texts []string) string {
	for _, t := range texts {
		if t != "" {
			return t
		}
	}
	return ""
}

// cellBlock is a table cell as a block of text, for the assembler to read
// as the value of a label row.
func cellBlock(c rawCell, m markup) *block {
	return &block{kind: blockText, pos: c.pos, text: c.text, markup: m}
}
