package runtime

import (
	"encoding/binary"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonReader reads a JSON document in one pass, straight into the values
// the generated readers hold: no tree of the document is built, unknown
// members are stepped over without a copy, and a string without escapes
// is copied once, into the value that keeps it. The first error stops the
// reading and keeps the path to the value it was found at.
type jsonReader struct {
	data []byte
	pos  int
	err  *DecodeError

	// str is data as a string, made at the first string value read:
	// every string without escapes is a part of it, so a document's
	// strings cost one allocation (and keep the document's text alive
	// while any of them is).
	str      string
	strValid bool

	// bare marks a parameter's text: one scalar that is not JSON.
	bare bool

	// depth counts the objects and lists open.
	depth int
	// counted is how many bytes countItems has scanned.
	counted int
	// steps is the path to the value the error was found at, innermost
	// first: each object and list adds its step as the readers return
	// through it (see nextMember), so that reading with no error keeps no
	// path at all.
	steps []pathStep

	// unescaped holds the last string read that had escapes in it, in a
	// buffer from unescapeBuffers taken at the first such string and given
	// back by finish; lastEscaped says whether the last string read was
	// such a one.
	unescaped   *[]byte
	lastEscaped bool
}

// unescapeBuffers keeps the buffers of strings with escapes between
// documents, so that readers need not keep one each: a reader is made
// per document, on the stack.
var unescapeBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptBuffer bounds the unescaping buffer kept for the next document.
const maxKeptBuffer = 64 << 10

type pathStep struct {
	key   []byte // nil in a list
	index int
}

const (
	// maxDepth bounds nesting as encoding/json does: the readers of
	// recursive models recurse with the document.
	maxDepth = 10000
)

// tokenKind says what a value is.
type tokenKind uint8

const (
	tokError tokenKind = iota
	tokNull
	tokTrue
	tokFalse
	tokNumber
	tokString
	tokObject
	tokArray
	tokBare
)

// token is one whole value: raw is its text as sent; text is, for a
// string, its content with escapes resolved and, for a number, a literal
// or a parameter's text, the same as raw. inDoc says whether text is a
// part of the document (not a string with escapes, nor a parameter).
type token struct {
	kind  tokenKind
	inDoc bool
	raw   []byte
	text  []byte
}

// start readies r to read data as a whole document, and reports whether
// there is one: a body of nothing but space reads as every member absent.
func (r *jsonReader) start(data []byte) bool {
	*r = jsonReader{data: data}
	r.skipSpace()
	return r.pos < len(r.data)
}

func newJSONReader(data []byte) jsonReader {
	return jsonReader{data: data}
}

// newParamReader reads a parameter's text: JSON when it looks like JSON
// (a quoted string, an object, a list), else one bare value.
func newParamReader(s string) jsonReader {
	r := jsonReader{data: []byte(s)}
	r.skipSpace()
	if r.pos < len(r.data) {
		switch r.data[r.pos] {
		case '"', '{', '[':
			return r
		}
	}
	r.bare = true
	return r
}

func (r *jsonReader) skipSpace() {
	// One comparison for the byte after a token in compact JSON.
	for r.pos < len(r.data) && r.data[r.pos] <= ' ' && isSpace(r.data[r.pos]) {
		r.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// peek returns the first byte of the next value, 0 at the end or after
// an error.
func (r *jsonReader) peek() byte {
	if r.err != nil {
		return 0
	}
	r.skipSpace()
	if r.pos < len(r.data) {
		return r.data[r.pos]
	}
	return 0
}

// fail records the first error. Its path is added as the readers return
// (see unwind).
func (r *jsonReader) fail(msg string) {
	if r.err == nil {
		r.err = &DecodeError{Msg: msg}
	}
}

// syntaxError records malformed JSON at the current position.
func (r *jsonReader) syntaxError(what string) {
	if r.pos >= len(r.data) {
		r.fail("malformed JSON: unexpected end")
		return
	}
	r.fail("malformed JSON: " + what + " at byte " + strconv.Itoa(r.pos) + ": " + snippet(r.data[r.pos:]))
}

// unwind adds the step of an object or list that the error is leaving to
// its path.
func (r *jsonReader) unwind(s pathStep) {
	r.steps = append(r.steps, s)
}

// pathString renders the error's path, outermost step first.
func (r *jsonReader) pathString() string {
	var b []byte
	for i := len(r.steps) - 1; i >= 0; i-- {
		s := r.steps[i]
		if s.key == nil {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.index), 10)
			b = append(b, ']')
			continue
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, snippet(s.key)...)
	}
	return string(b)
}

// enter opens an object or a list.
func (r *jsonReader) enter() bool {
	if r.depth >= maxDepth {
		r.fail("nested too deep")
		return false
	}
	r.depth++
	return true
}

func (r *jsonReader) leave() { r.depth-- }

// next reads one whole value. Objects and lists are checked and stepped
// over; their raw text is in the token.
func (r *jsonReader) next() token {
	if r.err != nil {
		return token{}
	}
	if r.bare {
		r.bare = false
		start := r.pos
		r.pos = len(r.data)
		text := trimSpace(r.data[start:])
		return token{kind: tokBare, raw: text, text: text}
	}
	r.skipSpace()
	if r.pos >= len(r.data) {
		r.syntaxError("")
		return token{}
	}
	start := r.pos
	switch c := r.data[r.pos]; {
	case c == '"':
		text, ok := r.readString()
		if !ok {
			return token{}
		}
		return token{kind: tokString, inDoc: !r.lastEscaped, raw: r.data[start:r.pos], text: text}
	case c == '{' || c == '[':
		if !r.skipValue() {
			return token{}
		}
		kind := tokObject
		if c == '[' {
			kind = tokArray
		}
		return token{kind: kind, raw: r.data[start:r.pos]}
	case c == '-' || '0' <= c && c <= '9':
		if !r.skipNumber() {
			return token{}
		}
		return token{kind: tokNumber, inDoc: true, raw: r.data[start:r.pos], text: r.data[start:r.pos]}
	case c == 't':
		return r.literal("true", tokTrue)
	case c == 'f':
		return r.literal("false", tokFalse)
	case c == 'n':
		return r.literal("null", tokNull)
	}
	r.syntaxError("unexpected character")
	return token{}
}

func (r *jsonReader) literal(word string, kind tokenKind) token {
	start := r.pos
	if len(r.data)-r.pos < len(word) || string(r.data[r.pos:r.pos+len(word)]) != word {
		r.syntaxError("bad literal")
		return token{}
	}
	r.pos += len(word)
	return token{kind: kind, inDoc: true, raw: r.data[start:r.pos], text: r.data[start:r.pos]}
}

// stringOf returns text as a string: a part of the document's string
// when text is a part of the document (inDoc), else a copy.
func (r *jsonReader) stringOf(text []byte, inDoc bool) string {
	if !inDoc || len(text) <= 1 {
		// Go makes a string of one byte without allocating: a document
		// whose strings are all such ("1", "Y") needs no copy.
		return string(text)
	}
	if !r.strValid {
		r.str, r.strValid = string(r.data), true
	}
	// text is r.data sliced: the difference of their capacities is where
	// it starts.
	off := cap(r.data) - cap(text)
	return r.str[off : off+len(text)]
}

// absent consumes null or "", which vendors send for "not given", and
// reports whether it did.
func (r *jsonReader) absent() bool {
	if r.err != nil {
		return true
	}
	if r.bare {
		if len(trimSpace(r.data[r.pos:])) == 0 {
			r.bare = false
			r.pos = len(r.data)
			return true
		}
		return false
	}
	r.skipSpace()
	rest := r.data[r.pos:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "null":
		r.pos += 4
		return true
	case len(rest) >= 2 && rest[0] == '"' && rest[1] == '"':
		r.pos += 2
		return true
	}
	return false
}

// skipNumber steps over a number, checking it against JSON's grammar.
func (r *jsonReader) skipNumber() bool {
	d, i := r.data, r.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
	default:
		r.pos = i
		r.syntaxError("bad number")
		return false
	}
	if i < len(d) && d[i] == '.' {
		i++
		start := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		if i == start {
			r.pos = i
			r.syntaxError("bad number")
			return false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		start := i
		for i < len(d) && '0' <= d[i] && d[i] <= '9' {
			i++
		}
		if i == start {
			r.pos = i
			r.syntaxError("bad number")
			return false
		}
	}
	r.pos = i
	return true
}

// readString reads a string at r.pos and returns its content: a slice of
// the input when it has no escapes and is valid UTF-8, else the unescaped
// buffer, which the next string with escapes overwrites. Like
// encoding/json, it turns invalid UTF-8 and lone surrogates into U+FFFD.
func (r *jsonReader) readString() ([]byte, bool) {
	d := r.data
	start := r.pos + 1
	i := start
	// Eight bytes at a time up to the first that needs a look; the top
	// bits of those passed say whether they were all ASCII.
	var seen uint64
	for ; i+8 <= len(d); i += 8 {
		x := binary.LittleEndian.Uint64(d[i:])
		if hasSpecial(x) {
			break
		}
		seen |= x
	}
	ascii := seen&highBits == 0
	for ; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			// One check of the whole text: cheaper than rune by rune.
			if !ascii && !utf8.Valid(d[start:i]) {
				return r.readEscaped(start)
			}
			r.pos = i + 1
			r.lastEscaped = false
			return d[start:i], true
		case c == '\\' || c < 0x20:
			return r.readEscaped(start)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	r.pos = len(d)
	r.syntaxError("")
	return nil, false
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// hasSpecial reports whether one of the eight bytes in x ends a string or
// starts an escape: a quote, a backslash or a control character. A byte b
// is below n when (b-n)&^b has its top bit set; for the word, a borrow
// may set more top bits, but only above a byte that is.
func hasSpecial(x uint64) bool {
	quote := x ^ (lowBits * '"')
	backslash := x ^ (lowBits * '\\')
	return ((quote-lowBits)&^quote|(backslash-lowBits)&^backslash|(x-lowBits*0x20)&^x)&highBits != 0
}

func (r *jsonReader) readEscaped(start int) ([]byte, bool) {
	d := r.data
	if r.unescaped == nil {
		r.unescaped = unescapeBuffers.Get().(*[]byte)
	}
	out := (*r.unescaped)[:0]
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			r.pos = i + 1
			*r.unescaped = out
			r.lastEscaped = true
			return out, true
		case c < 0x20:
			r.pos = i
			r.syntaxError("control character in string")
			return nil, false
		case c == '\\':
			if i+1 >= len(d) {
				r.pos = len(d)
				r.syntaxError("")
				return nil, false
			}
			switch e := d[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				rn, ok := hex4(d, i+2)
				if !ok {
					r.pos = i
					r.syntaxError("bad escape")
					return nil, false
				}
				i += 6
				if utf16.IsSurrogate(rn) {
					if lo, ok := hex4(d, i+2); ok && i+1 < len(d) && d[i] == '\\' && d[i+1] == 'u' {
						if pair := utf16.DecodeRune(rn, lo); pair != utf8.RuneError {
							out = utf8.AppendRune(out, pair)
							i += 6
							continue
						}
					}
					rn = utf8.RuneError
				}
				out = utf8.AppendRune(out, rn)
				continue
			default:
				r.pos = i
				r.syntaxError("bad escape")
				return nil, false
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			rn, size := utf8.DecodeRune(d[i:])
			if rn == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, d[i:i+size]...)
			}
			i += size
		}
	}
	r.pos = len(d)
	*r.unescaped = out
	r.syntaxError("")
	return nil, false
}

func hex4(d []byte, i int) (rune, bool) {
	if i+4 > len(d) {
		return 0, false
	}
	var v rune
	for _, c := range d[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}

// skipValue steps over one value of any kind, checking its syntax, with
// no recursion and no allocation.
func (r *jsonReader) skipValue() bool {
	// Each open object or list is one bit: set for an object.
	var stack []uint64
	var inline uint64
	depth := 0
	push := func(object bool) bool {
		if r.depth+depth >= maxDepth {
			r.fail("nested too deep")
			return false
		}
		if depth >= 64 {
			if depth%64 == 0 {
				stack = append(stack, inline)
				inline = 0
			}
		}
		inline = inline<<1 | b2u(object)
		depth++
		return true
	}
	pop := func() {
		depth--
		inline >>= 1
		if depth >= 64 && depth%64 == 0 {
			inline = stack[len(stack)-1]
			stack = stack[:len(stack)-1]
		}
	}
	inObject := func() bool { return inline&1 == 1 }
	for {
		// A value.
		r.skipSpace()
		if r.pos >= len(r.data) {
			r.syntaxError("")
			return false
		}
		switch c := r.data[r.pos]; {
		case c == '{' || c == '[':
			if !push(c == '{') {
				return false
			}
			r.pos++
			r.skipSpace()
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			if r.pos < len(r.data) && r.data[r.pos] == closer {
				r.pos++
				pop()
				break
			}
			if c == '{' {
				if !r.memberName() {
					return false
				}
			}
			continue
		case c == '"':
			if _, ok := r.readString(); !ok {
				return false
			}
		default:
			if r.next().kind == tokError {
				return false
			}
		}
		// After a value: a comma or the end of what holds it.
		for {
			if depth == 0 {
				return true
			}
			r.skipSpace()
			if r.pos >= len(r.data) {
				r.syntaxError("")
				return false
			}
			c := r.data[r.pos]
			closer := byte(']')
			if inObject() {
				closer = '}'
			}
			if c == ',' {
				r.pos++
				if inObject() && !r.memberName() {
					return false
				}
				break
			}
			if c != closer {
				r.syntaxError("expected ',' or '" + string(closer) + "'")
				return false
			}
			r.pos++
			pop()
		}
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// memberName steps over `"name":`.
func (r *jsonReader) memberName() bool {
	_, ok := r.readKey()
	return ok
}

// readKey reads a member's name and the colon after it.
func (r *jsonReader) readKey() ([]byte, bool) {
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		r.syntaxError("expected a member name")
		return nil, false
	}
	key, ok := r.readString()
	if !ok {
		return nil, false
	}
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		r.syntaxError("expected ':'")
		return nil, false
	}
	r.pos++
	return key, true
}

// object is an object being read, or a value carried inside a string
// being read in its place.
type object struct {
	// keyAt is where the name of the member being read starts in the
	// document, at its quote; 0 before the first. The name itself is
	// read again only for an error's path (see nextMember): a position
	// is stored without the write barrier a slice would need.
	keyAt int
	// outer is the document a string-carried value came from.
	outer         []byte
	outerPos      int
	outerStr      string
	outerStrValid bool
	inString      bool
}

// unwrapString replaces a string whose content is JSON opening with open
// by that content, read in its place until restore. The string is
// unescaped into a buffer of its own: the unescaped buffer is reused.
func (r *jsonReader) unwrapString(open byte, o *object) bool {
	if r.peek() != '"' {
		return false
	}
	save := r.pos
	text, ok := r.readString()
	if !ok {
		return false
	}
	if inner := trimSpace(text); len(inner) == 0 || inner[0] != open {
		r.pos = save
		return false
	}
	o.outer, o.outerPos, o.outerStr, o.outerStrValid, o.inString = r.data, r.pos, r.str, r.strValid, true
	r.data, r.pos, r.str, r.strValid = append([]byte(nil), text...), 0, "", false
	return true
}

// restore goes back to the document a string-carried value came from,
// which must hold nothing more.
func (r *jsonReader) restore(o *object) {
	if !o.inString {
		return
	}
	if r.err == nil {
		r.skipSpace()
		if r.pos < len(r.data) {
			r.syntaxError("after the JSON in a string")
		}
	}
	r.data, r.pos, r.str, r.strValid, o.inString = o.outer, o.outerPos, o.outerStr, o.outerStrValid, false
}

// openObject starts reading an object. It returns false, reading it,
// for null or "" (absent), and for anything not an object (an error).
// An object carried inside a string is read in its place.
func (r *jsonReader) openObject(o *object) bool {
	if r.absent() || r.err != nil {
		return false
	}
	r.unwrapString('{', o)
	if c := r.peek(); c != '{' {
		if r.err == nil && r.depth == 0 && !strings.ContainsRune(`"-0123456789tfn[`, rune(c)) {
			// Not JSON at all: an HTML error page, say.
			r.fail("not an object: " + snippet(r.data[r.pos:]))
		}
		if r.err == nil {
			t := r.next()
			r.restore(o)
			if t.kind != tokError {
				r.fail("not an object: " + snippet(t.raw))
			}
		}
		return false
	}
	if !r.enter() {
		r.restore(o)
		return false
	}
	r.pos++
	return true
}

// nextMember moves to the next member of an object opened with
// openObject, whose name it returns, and to its value; false after the
// last, and after an error, to which it adds the object's step.
func (r *jsonReader) nextMember(o *object) ([]byte, bool) {
	if r.err != nil {
		r.leaveOnError(o)
		return nil, false
	}
	r.skipSpace()
	if r.pos >= len(r.data) {
		r.syntaxError("")
		r.leaveOnError(o)
		return nil, false
	}
	switch r.data[r.pos] {
	case '}':
		r.pos++
		r.leave()
		r.restore(o) // an error after a string-carried object is the member's that held it
		return nil, false
	case ',':
		if o.keyAt == 0 {
			r.syntaxError("unexpected character")
			r.leaveOnError(o)
			return nil, false
		}
		r.pos++
		r.skipSpace()
	default:
		if o.keyAt > 0 {
			r.syntaxError("expected ',' or '}'")
			r.leaveOnError(o)
			return nil, false
		}
	}
	at := r.pos
	key, ok := r.readKey()
	if !ok {
		r.leaveOnError(o)
		return nil, false
	}
	o.keyAt = at
	r.skipSpace() // for atNull
	return key, true
}

// atNull reports whether the value nextMember left the reader at is null.
func (r *jsonReader) atNull() bool { return r.pos < len(r.data) && r.data[r.pos] == 'n' }

// leaveOnError adds the object's step to the error's path, and goes back
// to the document a string-carried object came from, for the levels out
// of it to read their names from.
func (r *jsonReader) leaveOnError(o *object) {
	if o.keyAt > 0 {
		r.unwind(pathStep{key: r.keyAt(o.keyAt)})
	}
	r.restore(o)
}

// keyAt reads again, after an error, the member name whose quote is at
// at, and returns a copy of it: the buffer of names with escapes is
// overwritten by the next one.
func (r *jsonReader) keyAt(at int) []byte {
	r.pos = at
	key, _ := r.readString()
	return append([]byte{}, key...)
}

// list is a list being read.
type list struct {
	object
	n int
}

// openList starts reading a list: false for absent values and for
// anything else that is not a list, which it leaves unread. A list
// carried inside a string is read in its place.
func (r *jsonReader) openList(l *list) bool {
	if r.err != nil {
		return false
	}
	r.unwrapString('[', &l.object)
	if r.peek() != '[' {
		return false
	}
	if !r.enter() {
		r.restore(&l.object)
		return false
	}
	r.pos++
	return true
}

// nextItem moves to the next item of a list; false after the last, and
// after an error, to which it adds the list's step.
func (r *jsonReader) nextItem(l *list) bool {
	if r.err == nil && r.item(l) {
		return true
	}
	if r.err != nil {
		if l.n > 0 {
			r.unwind(pathStep{index: l.n - 1})
		}
		r.restore(&l.object)
	}
	return false
}

// item moves past the comma before the next item, counting it: false
// after the last.
func (r *jsonReader) item(l *list) bool {
	r.skipSpace()
	if r.pos >= len(r.data) {
		r.syntaxError("")
		return false
	}
	switch c := r.data[r.pos]; {
	case c == ']':
		r.pos++
		r.leave()
		r.restore(&l.object)
		return false
	case l.n > 0:
		if c != ',' {
			r.syntaxError("expected ',' or ']'")
			return false
		}
		r.pos++
	}
	l.n++
	return true
}

// countItems counts the items of a list left from r.pos without reading
// them, so that a slice grows once, to its length; false once the
// document's counting has scanned twice its length. A nested list is
// scanned once per long list it is in: the bound keeps deep nesting
// from making reading quadratic.
func (r *jsonReader) countItems() (int, bool) {
	if r.counted > 2*len(r.data) {
		return 0, false
	}
	n, end := countList(r.data, r.pos)
	r.counted += end - r.pos
	return n, true
}

// countList counts the items of a list from i, where its content or an
// item starts, to its end, and returns where that is.
func countList(d []byte, i int) (n, end int) {
	commas, depth, empty := 0, 0, true
	for ; i < len(d); i++ {
		switch d[i] {
		case '"':
			i = stringEnd(d, i+1) - 1
			empty = false
		case '[', '{':
			depth++
			empty = false
		case ']', '}':
			if depth > 0 {
				depth--
				continue
			}
			if empty {
				return 0, i
			}
			return commas + 1, i
		case ',':
			if depth == 0 {
				commas++
			}
		case ' ', '\t', '\n', '\r':
		default:
			empty = false
		}
	}
	return commas + 1, i
}

// stringEnd returns where the string whose content starts at i ends,
// after its closing quote; len(d) when it does not.
func stringEnd(d []byte, i int) int {
	for {
		for i+8 <= len(d) && !hasSpecial(binary.LittleEndian.Uint64(d[i:])) {
			i += 8
		}
		if i >= len(d) {
			return len(d)
		}
		switch d[i] {
		case '"':
			return i + 1
		case '\\':
			i += 2
		default:
			i++
		}
	}
}

// finish checks that nothing but space follows the document, gives back
// the unescaping buffer, and returns the first error.
func (r *jsonReader) finish() error {
	if b := r.unescaped; b != nil {
		r.unescaped = nil
		if cap(*b) <= maxKeptBuffer {
			*b = (*b)[:0]
			unescapeBuffers.Put(b)
		}
	}
	if r.err == nil {
		r.skipSpace()
		if r.pos < len(r.data) {
			r.syntaxError("after the end of the value")
		}
	}
	if r.err != nil {
		r.err.Path = r.pathString()
		return r.err
	}
	return nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
