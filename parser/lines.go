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
	text   string // without "\n" or "\r\n"
}

// splitLines cuts src into lines, keeping byte offsets so that blocks can be
// handed to the JSON reader as one slice.
func splitLines(src string) []line {
	var out []line
	offset := 0
	for no := 1; offset <= len(src); no++ {
		end := strings.IndexByte(src[offset:], '\n')
		if end < 0 {
			if offset < len(src) {
				out = append(out, line{no, offset, strings.TrimSuffix(src[offset:], "\r")})
			}
			break
		}
		out = append(out, line{no, offset, strings.TrimSuffix(src[offset:offset+end], "\r")})
		offset += end + 1
	}
	return out
}

// pos returns the position of byte index i within l.
func (l line) pos(file string, i int) diag.Pos {
	if i > len(l.text) {
		i = len(l.text)
	}
	return diag.Pos{File: file, Line: l.no, Col: utf8.RuneCountInString(l.text[:i]) + 1}
}

// firstNonSpace returns the byte index of the first non-blank character, or
// len(text) when the line is blank.
func (l line) firstNonSpace() int {
	return len(l.text) - len(strings.TrimLeft(l.text, " \t\u3000\u00a0"))
}

func (l line) blank() bool { return strings.TrimSpace(l.text) == "" }
