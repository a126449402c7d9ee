package parser

import "strings"

// A Markdown table whose rows are broken off from its header (a blank
// line or a stray character after the header row) is rendered as a table
// with a header and no rows, and the rows as paragraphs of pipes:
//
//	<table><thead>名称 | 参数位置 | 类型</thead></table>
//	<p>| id | path | string | …</p>
//
// adoptOrphanRows gives such paragraphs back to the table above them.

// adoptOrphanRows moves the pipe-row text blocks that follow a table
// without rows into that table.
func adoptOrphanRows(blocks []block) []block {
	out := blocks[:0]
	var orphan *rawTable // the last table, while it may still take rows
	for _, b := range blocks {
		if orphan != nil && b.kind == blockText {
			if rows := pipeRows(&b, len(orphan.header)); rows != nil {
				orphan.rows = append(orphan.rows, rows...)
				continue
			}
		}
		orphan = nil
		out = append(out, b)
		if b.kind == blockTable && b.table != nil && len(b.table.rows) == 0 && len(b.table.header) > 1 {
			orphan = out[len(out)-1].table
		}
	}
	return out
}

// pipeRows reads a text block written as pipe rows, one per line, or nil
// when it is not one. A line holding several rows run together
// ("| a | b | | c | d |") is cut at the empty cell between them.
func pipeRows(b *block, width int) []rawRow {
	var rows []rawRow
	offset := 0
	for _, line := range strings.SplitAfter(b.text, "\n") {
		at := offset
		offset += len(line)
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "|") || strings.Count(t, "|") < 3 {
			return nil
		}
		cells := lineCells(b, line, at)
		for len(cells) > width && cells[width].text == "" {
			rows = append(rows, rawRow{pos: cells[0].pos, cells: cells[:width]})
			cells = cells[width+1:]
		}
		if len(cells) > 0 {
			rows = append(rows, rawRow{pos: cells[0].pos, cells: cells})
		}
	}
	return rows
}

// lineCells cuts one line of pipes, found at byte at of the block, into
// cells; the outer pipes bound the row.
func lineCells(b *block, line string, at int) []rawCell {
	first := strings.IndexByte(line, '|')
	last := strings.LastIndexByte(line, '|')
	var cells []rawCell
	start := first + 1
	for i := start; i <= last; i++ {
		if line[i] != '|' || line[i-1] == '\\' {
			continue
		}
		cell := line[start:i]
		lead := len(cell) - len(strings.TrimLeft(cell, " \t"))
		cells = append(cells, rawCell{text: strings.TrimSpace(cell), pos: b.posAt(at + start + lead)})
		start = i + 1
	}
	return cells
}
