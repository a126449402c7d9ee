package ljson

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isNumberStart(c byte) bool { return isDigit(c) || c == '-' || c == '+' || c == '.' }

// isWordStart reports whether c starts a bare word: an unquoted key or
// string, or commentary. Any non-ASCII byte qualifies (the caller has
// already skipped Unicode spaces) because Chinese commentary is the common
// case.
func isWordStart(c byte) bool {
	return isLetter(c) || c == '_' || c == '$' || c == '<' || c >= utf8.RuneSelf
}

// stringEndWithin returns the offset just past the string whose quote is
// at off, honouring backslash escapes, or limit when it does not close
// before limit.
func (p *parser) stringEndWithin(off, limit int) int {
	q := p.src[off]
	for i := off + 1; i < limit; i++ {
		switch p.src[i] {
		case '\\':
			i++
		case q:
			return i + 1
		}
	}
	return limit
}

func (p *parser) stringEnd(off int) int { return p.stringEndWithin(off, len(p.src)) }

// scanString reads the quoted string at p.off and leaves p.off after it.
// Single-quoted strings end at the line end if their quote never comes, so
// that an apostrophe cannot swallow the rest of the example.
func (p *parser) scanString() (text string, raw []byte, closed bool) {
	q := p.src[p.off]
	start := p.off + 1
	i := start
	plain := true
	for ; i < len(p.src); i++ {
		c := p.src[i]
		if c == q || q == '\'' && c == '\n' {
			break
		}
		switch {
		case c == '\\':
			plain = false
			i++
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	i = min(i, len(p.src))
	raw = p.src[start:i]
	closed = i < len(p.src) && p.src[i] == q
	p.off = i
	if closed {
		p.off++
	}
	if plain || !bytes.ContainsRune(raw, '\\') && utf8.Valid(raw) {
		return string(raw), raw, closed
	}
	return unquote(raw), raw, closed
}

// unquote decodes the body of a JSON string the way encoding/json does,
// so that strictly valid input reads the same; where encoding/json would
// fail (an invalid escape) it keeps the text as written instead.
func unquote(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && i+1 < len(raw):
			i = unescape(&b, raw, i)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size == 1 {
				b.WriteRune(utf8.RuneError)
			} else {
				b.Write(raw[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// unescape writes the escape at raw[i] (a backslash) and returns the offset
// after it.
func unescape(b *strings.Builder, raw []byte, i int) int {
	switch e := raw[i+1]; e {
	case '"', '\\', '/', '\'':
		b.WriteByte(e)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r := hex4(raw[i+2:])
		if r < 0 {
			b.WriteString(`\u`)
			return i + 2
		}
		i += 6
		if utf16.IsSurrogate(r) {
			r2 := rune(-1)
			if i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
				r2 = hex4(raw[i+2:])
			}
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				b.WriteRune(d)
				return i + 6
			}
			r = utf8.RuneError
		}
		b.WriteRune(r)
		return i
	default:
		b.WriteByte('\\') // not an escape: keep the backslash, then the character
		return i + 1
	}
	return i + 2
}

// hex4 reads four hex digits, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case isDigit(c):
			c -= '0'
		case 'a' <= c|0x20 && c|0x20 <= 'f':
			c = (c | 0x20) - 'a' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// numberRunEnd returns the end of the number-like run at off. The run is
// wider than JSON's number grammar so that 2020-01-01 or 0x1F is read as
// one token (and then as a bare word) rather than as a number and junk.
func (p *parser) numberRunEnd(off int) int {
	for ; off < len(p.src); off++ {
		c := p.src[off]
		if !isDigit(c) && !isLetter(c) && c != '.' && c != '+' && c != '-' && c != '_' {
			break
		}
	}
	return off
}

// isNumber reports whether s is a number a doc writer means: JSON's grammar
// plus a leading '+', leading zeros and a bare leading or trailing '.'.
// Inf and NaN are not numbers: they have no JSON spelling.
func isNumber(s []byte) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// literalAt returns "true", "false" or "null" when that word stands at off.
func (p *parser) literalAt(off int) string {
	for _, lit := range [...]string{"true", "false", "null"} {
		end := off + len(lit)
		if end <= len(p.src) && string(p.src[off:end]) == lit && (end == len(p.src) || !isIdentByte(p.src[end])) {
			return lit
		}
	}
	return ""
}

func isIdentByte(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' || c == '$' }

// bareEnd returns the end of the unquoted value at off: it runs to a
// delimiter, a comment or the line end, with trailing spaces left out. A
// "//" right after ':' is kept, so that http://host reads as one word.
func (p *parser) bareEnd(off int) int {
	end := off
	for i := off; i < len(p.src); {
		c := p.src[i]
		if c == ',' || c == '}' || c == ']' || c == '"' || c == '\n' {
			break
		}
		if p.commentAt(i) && !(p.src[i+1] == '/' && i > off && p.src[i-1] == ':') {
			break
		}
		if n := spaceLen(p.src, i); n > 0 {
			i += n
			continue
		}
		i++
		end = i
	}
	return end
}

// keyEnd returns the end of the unquoted key at off: a run of characters
// that cannot be JSON punctuation or space.
func (p *parser) keyEnd(off int) int {
	i := off
	for i < len(p.src) {
		switch c := p.src[i]; c {
		case ',', ':', '{', '}', '[', ']', '"', '\'', '/', ' ', '\t', '\r', '\n':
			return i
		}
		if spaceLen(p.src, i) > 0 {
			return i
		}
		i++
	}
	return i
}

// unquotedKeyAt reports whether an unquoted key followed by a colon starts
// at off, as in {a: 1}; a word not followed by a colon is commentary.
func (p *parser) unquotedKeyAt(off int) bool {
	c := p.src[off]
	if !isWordStart(c) && !isDigit(c) {
		return false
	}
	end := p.keyEnd(off)
	return end > off && p.colonAfter(end, len(p.src))
}

// commentaryEnd returns the end of commentary text at off: prose a writer
// put after a value or comma without comment marks. It stops where JSON
// resumes — a quote, a brace, the line end or a comment — and, when the
// commentary comes before the comma, at the comma.
func (p *parser) commentaryEnd(off int, stopAtComma bool) int {
	depth := 0
	i := off
	for ; i < len(p.src); i++ {
		c := p.src[i]
		switch {
		case c == '"' || c == '{' || c == '}' || c == '\n' || p.commentAt(i):
			return i
		case c == ',' && stopAtComma && depth == 0:
			return i
		case c == '[':
			depth++
		case c == ']':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return i
}

// junkEnd returns the end of an unreadable token at off: at least one
// character, then up to the next structural character, line end or comment.
func (p *parser) junkEnd(off int) int {
	_, size := utf8.DecodeRune(p.src[off:])
	i := off + size
	for ; i < len(p.src); i++ {
		switch c := p.src[i]; c {
		case '{', '}', '[', ']', ',', ':', '"', '\n':
			return i
		}
		if p.commentAt(i) {
			return i
		}
	}
	return i
}

// text returns src[from:to] as valid UTF-8 with surrounding space trimmed.
func (p *parser) text(from, to int) string {
	return strings.TrimSpace(strings.ToValidUTF8(string(p.src[from:to]), "\uFFFD"))
}
