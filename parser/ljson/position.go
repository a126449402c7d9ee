package ljson

import (
	"bytes"

	"github.com/apigen/apigen/parser/diag"
)

// markEvery is the spacing, in bytes, of remembered positions. Lookups
// mostly move forward, but the J004 repair backtracks; marks bound the cost
// of a backward lookup to markEvery bytes even on a 10 MB single line.
const markEvery = 1024

type lineCol struct{ line, col int }

// positions turns byte offsets into line/column positions. It keeps a
// cursor so that the forward lookups the parser makes cost O(1) amortised.
type positions struct {
	src  []byte
	file string

	off       int // cursor offset
	line, col int // position of the cursor

	// marks[i] is the position of offset (i+1)*markEvery; start is that of
	// offset 0. Kept apart so that the many tiny documents a doc page holds
	// (and strings holding JSON) cost no allocation.
	start lineCol
	marks []lineCol
}

func newPositions(src []byte, at diag.Pos) positions {
	start := lineCol{max(at.Line, 1), max(at.Col, 1)}
	return positions{src: src, file: at.File, line: start.line, col: start.col, start: start}
}

// at returns the position of the byte at off (or of the end of input when
// off is past it). Columns count runes: a UTF-8 continuation byte does not
// advance the column, so invalid UTF-8 still gets a sensible column.
func (t *positions) at(off int) diag.Pos {
	off = min(max(off, 0), len(t.src))
	if off < t.off {
		t.back(off)
	}
	for t.off < off {
		switch b := t.src[t.off]; {
		case b == '\n':
			t.line++
			t.col = 1
		case b&0xC0 != 0x80:
			t.col++
		}
		t.off++
		if t.off%markEvery == 0 && t.off/markEvery == len(t.marks)+1 {
			t.marks = append(t.marks, lineCol{t.line, t.col})
		}
	}
	return diag.Pos{File: t.file, Line: t.line, Col: t.col}
}

// back moves the cursor back to off: by counting runes back when off is
// close on the same line, else from the mark before off.
func (t *positions) back(off int) {
	if t.off-off <= markEvery && bytes.IndexByte(t.src[off:t.off], '\n') < 0 {
		for _, b := range t.src[off:t.off] {
			if b&0xC0 != 0x80 {
				t.col--
			}
		}
		t.off = off
		return
	}
	i := off / markEvery
	m := t.start
	if i > 0 {
		m = t.marks[i-1]
	}
	t.off = i * markEvery
	t.line, t.col = m.line, m.col
}
