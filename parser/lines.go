package parser

import (
	"strings"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
)

// line is one source line with its position; text has no line terminator.
type line struct {
	no     int    // 1-based
	offset int    // byte offset of the line in the source
	text   string // without "\n", "\r\n" or "\r"
	lead   int    // for a piece of a line cut in several: the columns before it
}

// splitLines cuts src into lines, keeping byte offsets so that blocks can be
// handed to the JSON reader as one slice. A lone "\r" ends a line too: pages
// saved by old Mac tools use it, and reading such a page as one line would
// lose every position.
func splitLines(src string) []line {
	var out []line
	start := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			out = append(out, line{no: len(out) + 1, offset: start, text: src[start:i]})
			start = i + 1
		case '\r':
			out = append(out, line{no: len(out) + 1, offset: start, text: src[start:i]})
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(src) {
		out = append(out, line{no: len(out) + 1, offset: start, text: src[start:]})
	}
	return out
}

// pos returns the position of byte index i within l.
func (l line) pos(file string, i int) diag.Pos {
	i = max(0, min(i, len(l.text)))
	return diag.Pos{File: file, Line: l.no, Col: l.lead + utf8.RuneCountInString(l.text[:i]) + 1}
}

// firstNonSpace returns the byte index of the first non-blank character, or
// len(text) when the line is blank.
func (l line) firstNonSpace() int {
	return len(l.text) - len(trimLeftSpace(l.text))
}

func (l line) blank() bool { return strings.TrimFunc(l.text, isSpace) == "" }

// trimLeftSpace drops leading white space, full-width and no-break spaces
// included: copied pages mix all three.
func trimLeftSpace(s string) string { return strings.TrimLeftFunc(s, isSpace) }

// cutSpace splits s at its first run of white space: the first token and
// what follows the run. Plain-text table cells are separated this way.
func cutSpace(s string) (tok, rest string) {
	s = trimLeftSpace(s)
	i := strings.IndexFunc(s, isSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], trimLeftSpace(s[i:])
}

// span is a token's byte range within a line.
type span struct{ start, end int }

func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
