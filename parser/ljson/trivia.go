package ljson

import (
	"github.com/apigen/apigen/parser/diag"

	"bytes"
	"strings"
)

// comment is a // or /* */ comment met between tokens.
type comment struct {
	text    string
	off     int
	ownLine bool // a line break separates it from the token before it
}

// spaceLen returns the byte length of the white space at off, or 0. Besides
// JSON's four, it accepts the no-break, ideographic and BOM spaces that
// HTML-to-text conversion leaves in Chinese doc pages.
func spaceLen(src []byte, off int) int {
	switch c := src[off]; c {
	case ' ', '\t', '\n', '\r':
		return 1
	case 0xC2: // U+00A0
		if off+1 < len(src) && src[off+1] == 0xA0 {
			return 2
		}
	case 0xE3: // U+3000
		if off+2 < len(src) && src[off+1] == 0x80 && src[off+2] == 0x80 {
			return 3
		}
	case 0xEF: // U+FEFF
		if off+2 < len(src) && src[off+1] == 0xBB && src[off+2] == 0xBF {
			return 3
		}
	}
	return 0
}

// skipSpace skips white space (no comments) from off.
func (p *parser) skipSpace(off int) int {
	for off < len(p.src) {
		n := spaceLen(p.src, off)
		if n == 0 {
			break
		}
		off += n
	}
	return off
}

// markdownEscape reports whether a Markdown escape of a bracket or brace
// (\[, \], \{, \}) starts at off, between tokens: an example copied from
// a page's Markdown text rather than from a code block keeps them.
func (p *parser) markdownEscape(off int) bool {
	return off+1 < len(p.src) && p.src[off] == '\\' && strings.IndexByte("[]{}", p.src[off+1]) >= 0
}

// commentAt reports whether a comment starts at off.
func (p *parser) commentAt(off int) bool {
	return off+1 < len(p.src) && p.src[off] == '/' && (p.src[off+1] == '/' || p.src[off+1] == '*')
}

// skipTrivia skips white space and comments and returns the comments, for
// the caller to attach: only it knows which value they describe.
func (p *parser) skipTrivia() []comment {
	var out []comment
	newline := false
	for p.off < len(p.src) {
		if p.src[p.off] == '\n' {
			newline = true
		}
		if n := spaceLen(p.src, p.off); n > 0 {
			p.off += n
			continue
		}
		if p.markdownEscape(p.off) {
			// \[ written in Markdown text for the [ it renders: the
			// backslash is the page's markup, the bracket the example's.
			p.off++
			continue
		}
		if !p.commentAt(p.off) {
			break
		}
		c := comment{off: p.off, ownLine: newline}
		if p.src[p.off+1] == '/' {
			from := p.off + 2
			end := p.lineCommentEnd(from)
			c.text = strings.TrimSpace(strings.TrimLeft(string(p.src[from:end]), "/"))
			p.off = end
		} else {
			from := p.off + 2
			end := bytes.Index(p.src[from:], []byte("*/"))
			if end < 0 {
				end = len(p.src) - from
				p.off = len(p.src)
			} else {
				p.off = from + end + 2
			}
			body := string(p.src[from : from+end])
			newline = newline || strings.Contains(body, "\n")
			c.text = strings.Join(strings.Fields(strings.ReplaceAll(body, "*", " ")), " ")
		}
		c.text = strings.ToValidUTF8(c.text, "\uFFFD")
		out = append(out, c)
	}
	return out
}

// lineEnd returns the offset of the first '\n' at or after from, or the end
// of input. The answer is cached: the parser asks for every comment on a
// line, and rescanning a 10 MB single line per comment would be quadratic.
func (p *parser) lineEnd(from int) int {
	if p.eolFrom >= 0 && from >= p.eolFrom && from <= p.eol {
		return p.eol
	}
	if p.eolFrom >= 0 && from < p.eolFrom {
		// Only the part before the cached interval is new.
		if i := bytes.IndexByte(p.src[from:p.eolFrom], '\n'); i >= 0 {
			return from + i
		}
		p.eolFrom = from
		return p.eol
	}
	p.eolFrom = from
	if i := bytes.IndexByte(p.src[from:], '\n'); i >= 0 {
		p.eol = from + i
	} else {
		p.eol = len(p.src)
	}
	return p.eol
}

// jsonAhead reports whether the line from from to eol still holds JSON: a
// key (a quote followed by a colon) or a closing bracket. Cached like
// lineEnd: the first such place after from is also the first one after any
// later offset up to it, and a query before the cached interval (after a
// J004 retry is undone) only scans up to it.
func (p *parser) jsonAhead(from, eol int) bool {
	switch {
	case p.hitFrom >= 0 && from >= p.hitFrom && from <= p.hit:
	case p.hitFrom >= 0 && from < p.hitFrom && p.hitFrom <= eol:
		if h := p.findHit(from, p.hitFrom, eol); h < p.hitFrom {
			p.hit = h
		}
		p.hitFrom = from
	default:
		p.hitFrom, p.hit = from, p.findHit(from, eol, eol)
	}
	return p.hit < eol
}

// findHit returns the first key or closing bracket in [from, to), or eol.
func (p *parser) findHit(from, to, eol int) int {
	for i := from; i < to; i++ {
		if c := p.src[i]; c == '}' || c == ']' || c == '"' && p.colonAfter(i+1, eol) {
			return i
		}
	}
	return eol
}

// colonAfter reports whether the next character from off, after spaces and
// tabs, is a colon before eol.
func (p *parser) colonAfter(off, eol int) bool {
	for ; off < eol; off++ {
		switch p.src[off] {
		case ' ', '\t':
		case ':':
			return true
		default:
			return false
		}
	}
	return false
}

// lineCommentEnd returns where the // comment whose text starts at from
// ends. Normally that is the end of the line. But docs rendered from HTML
// <pre> blocks are often flattened onto one line, so that the "comment"
// would swallow the rest of the example; when the rest of the line still
// holds JSON, the comment ends where that JSON starts.
func (p *parser) lineCommentEnd(from int) int {
	eol := p.lineEnd(from)
	if !p.jsonAhead(from, eol) {
		return eol
	}
	// Brackets the comment opens itself, as in "// 见[文档]", are text.
	depth := 0
	for i := from; i < eol; i++ {
		switch p.src[i] {
		case '"':
			if depth == 0 && p.quoteStartsJSON(i, eol) {
				return i
			}
		case '{', '[':
			if depth == 0 && p.bracketStartsJSON(i+1, eol) {
				return i
			}
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return eol
}

// quoteStartsJSON reports whether the string opening at off is a key or an
// array item rather than a quotation inside commentary, as in
// `// 值为"是"`: it must be followed by a colon or by , ] }.
func (p *parser) quoteStartsJSON(off, eol int) bool {
	end := p.stringEndWithin(off, eol)
	for ; end < eol; end++ {
		switch p.src[end] {
		case ' ', '\t':
		case ':', ',', ']', '}':
			return true
		default:
			return false
		}
	}
	return false
}

// bracketStartsJSON reports whether the bracket before off opens JSON: the
// next character is one a JSON value or key can start with. An empty {} or
// [] does not count: in a comment it is far more often an example of the
// shape ("// 例如 []") than the next item of a flattened array.
func (p *parser) bracketStartsJSON(off, eol int) bool {
	for ; off < eol; off++ {
		switch c := p.src[off]; {
		case c == ' ' || c == '\t':
		case c == '"' || c == '\'' || c == '{' || c == '[' || c == '-' || isDigit(c):
			return true
		default:
			return false
		}
	}
	return false
}

// attachComments gives comments met after a value (or an opening bracket)
// to t when they sit on its line, and returns the others, which describe
// the next value.
func (p *parser) attachComments(cs []comment, t target, pending []comment) []comment {
	for _, c := range cs {
		if c.ownLine || t.comment == nil {
			pending = append(pending, c)
			continue
		}
		p.giveComment(c, t)
	}
	return pending
}

// giveComment makes c the description (or part of it) of t.
func (p *parser) giveComment(c comment, t target) {
	switch {
	case c.text == "":
		p.note(c.off, diag.CommentAsDescription, "an empty comment was ignored")
	case t.comment == nil:
		p.ignoreComment(c, "outside any field")
	default:
		t.describe(c.text)
		p.note(c.off, diag.CommentAsDescription, "comment "+quote(clip(c.text, 40))+" became the description of "+t.name())
	}
}

// ignoreComment reports a comment that describes nothing.
func (p *parser) ignoreComment(c comment, where string) {
	if c.text == "" {
		p.add(c.off, diag.CommentAsDescription, "an empty comment was ignored")
		return
	}
	p.add(c.off, diag.CommentAsDescription, "comment %q %s was ignored", clip(c.text, 40), where)
}

// dropPending reports comments left for a next value that never came.
func (p *parser) dropPending(pending []comment) {
	for _, c := range pending {
		p.ignoreComment(c, "with no field after it")
	}
}
