package ljson

import (
	"bytes"
	"encoding/json"

	"github.com/apigen/apigen/parser/diag"
)

// stringValue reads the double-quoted string at p.off. Besides plain
// strings it recognises JSON carried inside a string: escaped properly, or
// pasted with its quotes unescaped (J004), which a reader must repair
// because the first inner quote seems to end the string.
func (p *parser) stringValue(t target) *Value {
	start := p.off
	v := p.newValue(String, start)
	text, raw, closed := p.scanString()
	v.Text = text
	if !closed {
		p.endOfInput("a string")
		return v
	}
	if p.budget > 0 && startsContainer(raw) && !p.canFollowValue(p.off) && p.pasted(v, start, t) {
		return v
	}
	v.Embedded = p.escaped(text, v.Pos)
	return v
}

// startsContainer reports whether s, after spaces, opens an object or array.
func startsContainer[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		case '{', '[':
			return true
		default:
			return false
		}
	}
	return false
}

// canFollowValue reports whether what comes at off may follow a complete
// value: a delimiter, a comment or the end of input, after white space.
func (p *parser) canFollowValue(off int) bool {
	off = p.skipSpace(off)
	if off >= len(p.src) || p.commentAt(off) {
		return true
	}
	switch p.src[off] {
	case ',', '}', ']', ':':
		return true
	}
	return false
}

// pasted retries the string v at start as an object pasted between quotes
// without escaping its own quotes: it reads leniently from the bracket and
// then expects the closing quote. The retry is accepted only if it reads
// past the quote that seemed to end the string (otherwise the string was
// an ordinary one, such as "{ msg_id }", followed by commentary) and ends
// cleanly at a quote; a failed retry is undone as if it never ran. On
// success v becomes the repaired string.
func (p *parser) pasted(v *Value, start int, t target) bool {
	firstClose := p.off - 1
	saved := struct {
		off                 int
		report              reportMark
		truncated, inString bool
	}{p.off, p.markReport(), p.truncated, p.inString}
	p.off = p.skipSpace(start + 1)
	inner := p.parseValue(target{})
	end := p.skipSpace(p.off)
	closed := end < len(p.src) && p.src[end] == '"'
	// A retry cut by the end of input between tokens is kept: the example
	// is truncated either way, and the retry reads more of it. A retry cut
	// inside a string paired the quotes wrongly, so it is undone.
	ok := inner != nil && p.off > firstClose && (closed || p.truncated && !saved.truncated && !p.inString)
	if !ok {
		p.budget -= p.off - start
		p.off, p.truncated, p.inString = saved.off, saved.truncated, saved.inString
		p.undoReport(saved.report)
		return false
	}
	p.off = min(end+1, len(p.src))
	p.addAt(v.Pos, diag.QuotedJSONInString, "the value of %s is a JSON %s pasted inside a string with unescaped quotes; it was read as JSON carried in a string", t.name(), inner.Kind)
	raw := p.src[start+1 : min(end, len(p.src))]
	v.Text, v.Embedded = string(bytes.ToValidUTF8(raw, []byte("\uFFFD"))), inner
	return true
}

// escaped returns the JSON value a properly escaped string carries, or nil.
// Only strictly valid JSON counts: a string such as "{ msg_id }" is a
// placeholder, not broken JSON.
func (p *parser) escaped(text string, pos diag.Pos) *Value {
	if !startsContainer(text) || !json.Valid([]byte(text)) {
		return nil
	}
	// Positions inside the decoded text cannot be mapped back through the
	// escapes exactly; they count from the string's opening quote.
	sub := newParser([]byte(text), pos)
	sub.depthBase = p.depthBase + p.depth
	sub.values, sub.members, sub.valueSlab, sub.memberSlab = p.values, p.members, p.valueSlab, p.memberSlab
	sub.memberStack, sub.itemStack = p.memberStack, p.itemStack
	v, ds := sub.parseDocument()
	// The stacks are back to their length; the slabs only shrank.
	p.values, p.members, p.valueSlab, p.memberSlab = sub.values, sub.members, sub.valueSlab, sub.memberSlab
	p.memberStack, p.itemStack = sub.memberStack, sub.itemStack
	if len(ds) > 0 { // only the depth limit can complain about valid JSON
		return nil
	}
	return v
}
