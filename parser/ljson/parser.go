package ljson

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
)

// maxDepth is how deeply nested objects and arrays are read. Doc examples
// rarely nest more than a dozen levels; the limit keeps the recursive
// reader's stack small on hostile input such as a million '['.
const maxDepth = 512

// parser reads one lenient JSON document. The grammar functions are
// recursive descent over src; every function that loops consumes at least
// one byte per iteration or returns, so no input can make it spin.
type parser struct {
	src   []byte
	off   int
	pos   positions
	diags diag.List

	depth     int // open containers
	depthBase int // nesting already used by the document an escaped string sits in

	// truncated is set once the end of input was met inside a value, so
	// that J006 is reported once and not by every enclosing container;
	// inString tells that the end came inside a string or key.
	truncated, inString bool

	// budget bounds the bytes that failed J004 trials may read again, so
	// that the repair cannot make parsing quadratic.
	budget int

	// Slabs and stacks, see alloc.go.
	values                []Value
	members               []Member
	valueSlab, memberSlab int
	memberStack           []*Member
	itemStack             []*Value

	unlisted *[16]unlisted // repairs past maxDiagnostics, by code number

	eolFrom, eol int // cache for lineEnd
	hitFrom, hit int // cache for jsonAhead
}

func newParser(src []byte, at diag.Pos) *parser {
	// Most repairs in doc examples are comments (one J001 each); sizing
	// the list for them up front saves regrowing a large slice.
	hint := min(bytes.Count(src, []byte("//")), len(src)/8, maxDiagnostics)
	return &parser{
		src:     src,
		diags:   make(diag.List, 0, hint),
		pos:     newPositions(src, at),
		budget:  len(src) + 1024,
		eolFrom: -1,
		hitFrom: -1,
	}
}

// parseDocument reads the first value of src, reports what follows it, and
// returns nil with a single E008 when src does not start with a value.
func (p *parser) parseDocument() (*Value, diag.List) {
	for _, c := range p.skipTrivia() {
		p.ignoreComment(c, "before the example")
	}
	if p.off >= len(p.src) {
		p.off = 0
		return nil, p.fail("the JSON example is empty")
	}
	if !p.startsDocument() {
		return nil, p.fail("the JSON example does not start with a JSON value: %s", p.excerpt(p.off, 24))
	}
	v := p.parseValue(target{})
	if v == nil {
		return nil, p.fail("the JSON example does not start with a JSON value: %s", p.excerpt(p.off, 24))
	}
	for _, c := range p.skipTrivia() {
		p.ignoreComment(c, "after the example")
	}
	if p.off < len(p.src) {
		p.add(p.off, diag.TextAfterJSON, "text after the end of the JSON example was ignored: %s", p.excerpt(p.off, 24))
	}
	p.summariseUnlisted()
	p.diags.Sort()
	return v, p.diags
}

// startsDocument reports whether a JSON value starts at p.off. Bare words
// are accepted as values inside a document, but a document that starts
// with one is prose, not an example.
func (p *parser) startsDocument() bool {
	switch c := p.src[p.off]; {
	case c == '{' || c == '[' || c == '"' || c == '\'':
		return true
	case isNumberStart(c):
		end := p.numberRunEnd(p.off)
		return isNumber(p.src[p.off:end])
	default:
		return p.literalAt(p.off) != ""
	}
}

func (p *parser) fail(format string, args ...any) diag.List {
	var l diag.List
	l.Add(p.pos.at(p.off), diag.UnreadableExample, format, args...)
	return l
}

// enter opens a container, or reports false when the nesting limit is
// reached.
func (p *parser) enter() bool {
	if p.depthBase+p.depth >= maxDepth {
		return false
	}
	p.depth++
	return true
}

func (p *parser) leave() { p.depth-- }

// endOfInput reports J006 the first time a value is cut by the end of src.
// what names an unfinished token ("a string") the brackets are around.
func (p *parser) endOfInput(what string) {
	if p.truncated {
		return
	}
	p.truncated, p.inString = true, what != ""
	brackets, were := plural(p.depth, "open bracket"), "they were"
	if what != "" {
		p.add(len(p.src), diag.UnclosedJSON, "the JSON example ends inside %s and %s; %s closed", what, brackets, were)
		return
	}
	if p.depth == 1 {
		were = "it was"
	}
	p.add(len(p.src), diag.UnclosedJSON, "the JSON example ends with %s; %s closed", brackets, were)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// cutDeep skips the container at p.off, which opens beyond maxDepth, and
// stands a null in for it.
func (p *parser) cutDeep() *Value {
	start := p.off
	v := p.null(start)
	p.add(start, diag.TooDeep, "the JSON example nests deeper than %d levels; the deeper part was cut", maxDepth)
	p.off = p.skipBalanced(start)
	if p.off >= len(p.src) {
		p.endOfInput("")
	}
	return v
}

// skipBalanced returns the offset just past the bracketed value starting
// at from, skipping strings so that brackets inside them do not count.
func (p *parser) skipBalanced(from int) int {
	depth := 0
	for i := from; i < len(p.src); i++ {
		switch p.src[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return i + 1
			}
		case '"':
			i = p.stringEnd(i) - 1
		}
	}
	return len(p.src)
}

// excerpt quotes up to n runes of the source at off for a message.
func (p *parser) excerpt(off, n int) string {
	return fmt.Sprintf("%q", clip(string(p.src[off:min(len(p.src), off+4*n)]), n))
}

// clip shortens s to n runes on one line, marking the cut with "...".
func clip(s string, n int) string {
	if len(s) <= n && plainText(s) {
		return s // the usual short comment; len counts bytes, so runes <= n too
	}
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "..."
}

// plainText reports whether s is valid UTF-8 on one line with single
// spaces, so that clip has nothing to normalise.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ' || c == 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return utf8.ValidString(s)
}

// quote is strconv.Quote for message text, without its per-rune work in
// the usual case of text with nothing to escape; comments are quoted in a
// message each, so this is on the hot path.
func quote(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == '"' || c == '\\' || c == 0x7f {
			return strconv.Quote(s)
		}
	}
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	return `"` + s + `"`
}

// target is where commentary about a value goes: the Comment of its member
// or of the array item itself. A zero target (the document value) drops
// commentary.
type target struct {
	comment *string
	key     string // member key; "" for an array item
	item    int    // 1-based array item number when key is ""
	self    bool   // the value being read is the target (array items)
	pre     string // for self: the description from comment lines above it
}

func memberTarget(m *Member) target { return target{comment: &m.Comment, key: m.Key} }

func (t target) name() string {
	switch {
	case t.item > 0:
		return fmt.Sprintf("item %d", t.item)
	case t.comment == nil && !t.self:
		return "the example's value"
	default:
		return quote(t.key)
	}
}

// describe appends text to the target's description, joining several
// comments for one value with a space.
func (t target) describe(text string) {
	if t.comment == nil || text == "" {
		return
	}
	if *t.comment == "" {
		*t.comment = text
	} else {
		*t.comment += " " + text
	}
}
