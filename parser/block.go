package parser

import (
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
)

// blockKind is the kind of one piece of a page's structure. The Markdown,
// plain-text and HTML readers all cut a page into blocks, so that one
// assembler (assemble.go) decides what the blocks mean for every format.
type blockKind uint8

const (
	blockText    blockKind = iota // a line of a paragraph
	blockItem                     // a list item
	blockHeading                  // a heading (# …, <h2>)
	blockCode                     // a code block: fenced, indented, <pre>, or a bare JSON block
	blockTable                    // a table of any kind; the table layer decides whether it lists parameters
)

// block is one structural piece of a page, in page order.
type block struct {
	kind   blockKind
	pos    diag.Pos // where text starts
	text   string   // the content without list marks, heading marks or fences
	markup markup   // how text is written
	exact  bool     // text is a verbatim slice of one source line starting at pos
	bold   bool     // the whole line was bold (**请求URL:**, <strong>…</strong>)
	level  int      // heading level
	// markCol is a list item's column of its mark (- or 1.): items nest
	// by where their marks stand, as 9. and 10. start their text apart.
	markCol int
	lang    string // code info string (json, yaml, …)
	table   *rawTable
	// caption names a table by its place, when the page gives no caption
	// line: a table nested in a row is named by that row.
	caption string
}

// posAt returns the position of byte i of b.text: exact when the text is a
// verbatim slice of its line, else the block's own position.
func (b *block) posAt(i int) diag.Pos {
	if !b.exact || i <= 0 {
		return b.pos
	}
	p := b.pos
	p.Col += utf8.RuneCountInString(b.text[:min(i, len(b.text))])
	return p
}

// rawTable is a table as cut from the page: cells as written, positioned,
// not yet read by the header vocabulary.
type rawTable struct {
	pos    diag.Pos
	header []rawCell
	rows   []rawRow
	markup markup // how the cells are written
	// aligned is set when the reader already put every cell under its
	// column (plain-text tables split by the header's roles), so that a
	// missing cell is not a malformed row.
	aligned bool
}

type rawRow struct {
	pos   diag.Pos
	cells []rawCell
	// spanning is set for a row of one cell spread over every column: a
	// note or a section caption inside the table, not a field.
	spanning bool
	// ruled is set for the first row after a delimiter row inside the
	// table (|:--|--|): a rule that may set off a container's members.
	ruled bool
}

type rawCell struct {
	text string
	pos  diag.Pos
}
