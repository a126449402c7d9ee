package parser

import (
	"strings"
)

// pipeTableAt reports whether a pipe table starts on line i: a row of
// cells followed by a delimiter row, or, as some ShowDoc exports have it
// without a delimiter, a parameter header followed by another row.
func (r *lineReader) pipeTableAt(i int) bool {
	t := strings.TrimSpace(r.lines[i].text)
	if !strings.Contains(t, "|") || delimRow.MatchString(t) {
		return false
	}
	if i+1 >= len(r.lines) {
		return false
	}
	next := strings.TrimSpace(r.lines[i+1].text)
	if strings.Contains(next, "|") && delimRow.MatchString(next) {
		return true
	}
	if !strings.HasPrefix(t, "|") || !strings.HasPrefix(next, "|") {
		return false
	}
	_, ok := headerRoles(cellTexts(r.pipeCells(r.lines[i]), markupMarkdown))
	return ok
}

// pipeTable reads a pipe table: the header, the delimiter row if any, and
// every following line holding a pipe. Rows are kept as written; the table
// layer reports rows with too few or too many cells.
func (r *lineReader) pipeTable() {
	hl := r.lines[r.i]
	rt := &rawTable{pos: r.pos(hl, hl.firstNonSpace()), header: r.pipeCells(hl)}
	ruled := false
	for r.i++; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		t := strings.TrimSpace(l.text)
		if t == "" || !strings.Contains(t, "|") || atxHeading.MatchString(l.text) || fenceOpen.MatchString(l.text) {
			break
		}
		if delimRow.MatchString(t) {
			ruled = len(rt.rows) > 0
			continue
		}
		if len(rt.rows) > 0 && r.pipeTableAt(r.i) && delimAt(r.lines, r.i+1) && r.newHeader(l, len(rt.header)) {
			break // a new table starts right under this one
		}
		row := rawRow{pos: r.pos(l, l.firstNonSpace()), cells: r.pipeCells(l), ruled: ruled}
		ruled = false
		switch {
		case closedRows(hl) && !closedRows(l):
			if end := r.closingLine(r.i); end > 0 {
				r.continueRow(&row, end)
			}
		case !closedRows(hl):
			if end := r.wrappedLines(r.i, len(rt.header)); end > r.i {
				r.continueRow(&row, end)
			}
		}
		rt.rows = append(rt.rows, row)
	}
	r.add(block{kind: blockTable, pos: rt.pos, table: rt})
}

// maxWrappedLines bounds how far below an open row its closing pipe may be.
const maxWrappedLines = 40

// closedRows reports a table line that ends with its closing pipe.
func closedRows(l line) bool {
	t := strings.TrimRight(l.text, " \t")
	return strings.HasSuffix(t, "|") && !strings.HasSuffix(t, "\\|")
}

// closingLine finds the line that closes a row left open on line i: where
// a cell holds line breaks or blank lines (DITA and Word exports write
// them so), the row runs on over lines without a leading pipe up to the
// one that ends with its closing pipe. It returns 0 when no line does
// before the next row, heading or fence: then the row merely lost its
// closing pipe.
func (r *lineReader) closingLine(i int) int {
	for j := i + 1; j < len(r.lines) && j <= i+maxWrappedLines; j++ {
		l := r.lines[j]
		t := strings.TrimSpace(l.text)
		if strings.HasPrefix(t, "|") || atxHeading.MatchString(l.text) || fenceOpen.MatchString(l.text) {
			return 0
		}
		if closedRows(l) {
			return j
		}
	}
	return 0
}

// wrappedLines finds the lines that continue row i of a table written
// without outer pipes, where a cell's text wraps onto lines of its own
// (**值格式**：… under Authorization | string | 是 | …): lines without a
// pipe, up to the last one before another row as wide as the header. It
// returns i when the table ends after row i instead.
func (r *lineReader) wrappedLines(i, width int) int {
	for j := i + 1; j < len(r.lines) && j <= i+maxWrappedLines; j++ {
		l := r.lines[j]
		t := strings.TrimSpace(l.text)
		if t == "" || atxHeading.MatchString(l.text) || fenceOpen.MatchString(l.text) {
			return i
		}
		if strings.Contains(t, "|") {
			if j > i+1 && !delimRow.MatchString(t) && len(r.pipeCells(l)) == width {
				return j - 1
			}
			return i
		}
	}
	return i
}

// continueRow adds the lines after an open row, up to and including line
// end, to its cells: the text before a line's first pipe continues the
// last cell, and any cell after it is the row's next.
func (r *lineReader) continueRow(row *rawRow, end int) {
	for r.i++; r.i <= end; r.i++ {
		cells := r.pipeCells(r.lines[r.i])
		last := &row.cells[len(row.cells)-1]
		last.text += "\n" + cells[0].text
		row.cells = append(row.cells, cells[1:]...)
	}
	r.i = end
}

// newHeader reports whether a row followed by a delimiter row heads a
// table of its own: a header of parameter columns, or a row as wide as
// no row of the table above. Otherwise the delimiter is a rule inside the
// table (|info|array| then |:--|--|, setting off info's members).
func (r *lineReader) newHeader(l line, width int) bool {
	cells := r.pipeCells(l)
	if len(cells) != width {
		return true
	}
	_, ok := headerRoles(cellTexts(cells, markupMarkdown))
	return ok
}

func delimAt(lines []line, i int) bool {
	return i < len(lines) && delimRow.MatchString(strings.TrimSpace(lines[i].text))
}

// pipeCells splits a table line at its unescaped pipes. The outer pipes
// are optional, as in GFM; a row that lost its closing pipe keeps its last
// cell.
func (r *lineReader) pipeCells(l line) []rawCell {
	s := l.text
	start := l.firstNonSpace()
	end := len(strings.TrimRight(s, " \t"))
	if start < end && s[start] == '|' {
		start++
	} else {
		// Without an opening pipe the first cell starts at the margin:
		// its indentation nests the row (    `key` | 是 | 资源名).
		start = 0
	}
	if end > start && s[end-1] == '|' && (end < 2 || s[end-2] != '\\') {
		end--
	}
	var cells []rawCell
	cellStart := start
	for i := start; i <= end; i++ {
		if i < end {
			if s[i] == '\\' && i+1 < end {
				i++
				continue
			}
			if s[i] != '|' {
				continue
			}
		}
		text := s[cellStart:min(i, end)]
		lead := len(text) - len(strings.TrimLeft(text, " \t"))
		cells = append(cells, rawCell{text: text, pos: r.pos(l, cellStart+lead)})
		cellStart = i + 1
	}
	return cells
}

func cellTexts(cells []rawCell, m markup) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = plainText(c.text, m)
	}
	return out
}
