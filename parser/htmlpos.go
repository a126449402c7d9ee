package parser

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
	"golang.org/x/net/html"
)

// offsets turns byte offsets of a page into line/column positions. It
// remembers the last lookup: the HTML reader asks in page order, and a page
// saved on one line of megabytes must not be counted from the line's start
// for every element.
type offsets struct {
	file   string
	src    string
	starts []int // byte offset of each line

	lastLine, lastOff, lastCol int
}

func newOffsets(file, src string) *offsets {
	o := &offsets{file: file, src: src, starts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			o.starts = append(o.starts, i+1)
		}
	}
	return o
}

func (o *offsets) pos(off int) diag.Pos {
	off = min(max(off, 0), len(o.src))
	ln := sort.SearchInts(o.starts, off+1) - 1
	start := o.starts[ln]
	var col int
	switch {
	case ln != o.lastLine || o.lastCol == 0:
		col = utf8.RuneCountInString(o.src[start:off]) + 1
	case off >= o.lastOff:
		col = o.lastCol + utf8.RuneCountInString(o.src[o.lastOff:off])
	case o.lastOff-off < off-start:
		col = o.lastCol - utf8.RuneCountInString(o.src[off:o.lastOff])
	default:
		col = utf8.RuneCountInString(o.src[start:off]) + 1
	}
	o.lastLine, o.lastOff, o.lastCol = ln, off, col
	return diag.Pos{File: o.file, Line: ln + 1, Col: col}
}

// tagSpan is where a start tag is in the source: start at '<', end just
// after '>'.
type tagSpan struct{ start, end int }

// tagPositions finds the source position of each element of a parsed HTML
// tree. The tree keeps no positions, so the source is tokenized again and
// the k-th element of a name in document order gets the k-th start tag of
// that name. Elements the parser adds itself (tbody, or formatting
// elements it reopens in broken markup) can take a later tag's position;
// that only blurs a position, and only in malformed pages.
func tagPositions(root *html.Node, src string, base int) map[*html.Node]tagSpan {
	byName := map[string][]tagSpan{}
	z := html.NewTokenizer(strings.NewReader(src))
	off := base
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		n := len(z.Raw())
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName()
			byName[string(name)] = append(byName[string(name)], tagSpan{off, off + n})
		}
		off += n
	}
	at := map[*html.Node]tagSpan{}
	for n := range root.Descendants() {
		if n.Type == html.ElementNode {
			if q := byName[n.Data]; len(q) > 0 {
				at[n], byName[n.Data] = q[0], q[1:]
			}
		}
	}
	return at
}
