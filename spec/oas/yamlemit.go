package oas

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// yamlEmitter prints block-style YAML byte for byte as yaml.v3's encoder
// prints a node tree with indent 2 (its emitter is ported here, reduced
// to what Write produces: block mappings and sequences, empty ones in
// flow style, scalars without tags or comments), one node at a time, so
// that a spec is written without building its tree. It counts lines as
// a YAML parser does, so Write can say where each part is written.
type yamlEmitter struct {
	w   io.Writer
	buf []byte
	err error

	line       int // line breaks written
	column     int // characters since the last break
	indent     int
	indents    []int
	whitespace bool // the last character written is a blank
	indention  bool // only indentation is written on the current line
	openEnded  bool
}

// yamlBestIndent is the encoder's SetIndent(2).
const yamlBestIndent = 2

// yamlFlushSize is how much output the emitter buffers.
const yamlFlushSize = 32 << 10

func newYAMLEmitter(w io.Writer) *yamlEmitter {
	return &yamlEmitter{w: w, indent: -1, whitespace: true, indention: true}
}

// yamlContext is where a node is emitted: the parts of yaml.v3's
// emitter state that change how it is printed.
type yamlContext struct {
	seqItem   bool // directly in a block sequence
	simpleKey bool // a mapping key written on the value's line
}

// scalarStyle is what the encoder asks of the emitter for a scalar.
type scalarStyle uint8

const (
	stylePlain scalarStyle = iota
	styleSingle
	styleDouble
	styleLiteral
)

// finish ends the document as the encoder does.
func (e *yamlEmitter) finish() error {
	e.writeIndent()
	if e.openEnded {
		e.indicator("...", true, false, false)
		e.writeIndent()
	}
	e.flush()
	return e.err
}

func (e *yamlEmitter) flush() {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *yamlEmitter) maybeFlush() {
	if len(e.buf) >= yamlFlushSize {
		e.flush()
	}
}

func (e *yamlEmitter) put(c byte) {
	e.buf = append(e.buf, c)
	e.column++
}

func (e *yamlEmitter) putBreak() {
	e.buf = append(e.buf, '\n')
	e.column = 0
	e.line++
	e.indention = true
}

// write copies the character at s[*i].
func (e *yamlEmitter) write(s string, i *int) {
	w := charWidth(s[*i])
	e.buf = append(e.buf, s[*i:*i+w]...)
	e.column++
	*i += w
}

// writeBreak copies the line break at s[*i].
func (e *yamlEmitter) writeBreak(s string, i *int) {
	if s[*i] == '\n' {
		e.putBreak()
		*i++
		return
	}
	e.write(s, i)
	e.column = 0
	e.line++
	e.indention = true
}

func (e *yamlEmitter) increaseIndent(flow bool, ctx yamlContext) {
	e.indents = append(e.indents, e.indent)
	switch {
	case e.indent < 0 && flow:
		e.indent = yamlBestIndent
	case e.indent < 0:
		e.indent = 0
	case ctx.seqItem:
		e.indent += 2
	default:
		e.indent = yamlBestIndent * ((e.indent + yamlBestIndent) / yamlBestIndent)
	}
}

func (e *yamlEmitter) popIndent() {
	e.indent = e.indents[len(e.indents)-1]
	e.indents = e.indents[:len(e.indents)-1]
}

func (e *yamlEmitter) writeIndent() {
	indent := max(e.indent, 0)
	if !e.indention || e.column > indent || (e.column == indent && !e.whitespace) {
		e.putBreak()
	}
	for e.column < indent {
		e.put(' ')
	}
	e.whitespace = true
	e.maybeFlush()
}

func (e *yamlEmitter) indicator(s string, needWhitespace, isWhitespace, isIndention bool) {
	if needWhitespace && !e.whitespace {
		e.put(' ')
	}
	for i := 0; i < len(s); {
		e.write(s, &i)
	}
	e.whitespace = isWhitespace
	e.indention = e.indention && isIndention
	e.openEnded = false
}

// emptyMapping and emptySequence print {} and [].
func (e *yamlEmitter) emptyMapping(ctx yamlContext) { e.emptyFlow("{", "}", ctx) }

func (e *yamlEmitter) emptySequence(ctx yamlContext) { e.emptyFlow("[", "]", ctx) }

func (e *yamlEmitter) emptyFlow(open, close string, ctx yamlContext) {
	e.indicator(open, true, true, false)
	e.increaseIndent(true, ctx)
	e.popIndent()
	e.indicator(close, false, false, false)
}

// beginBlock starts a block mapping or sequence; endBlock ends it.
func (e *yamlEmitter) beginBlock(ctx yamlContext) { e.increaseIndent(false, ctx) }

func (e *yamlEmitter) endBlock() { e.popIndent() }

// item starts a block sequence item and returns the line it is on and
// the context of its node.
func (e *yamlEmitter) item() (int, yamlContext) {
	e.writeIndent()
	line := e.line + 1
	e.indicator("-", true, false, true)
	return line, yamlContext{seqItem: true}
}

// key prints a block mapping key (and the value indicator after it) and
// returns the line it is on; the value follows in a zero context.
func (e *yamlEmitter) key(k string) int {
	e.writeIndent()
	line := e.line + 1
	a := analyzeScalar(k)
	style := stringStyle(k)
	if !a.multiline && len(k) <= 128 {
		e.scalar(k, a, style, yamlContext{simpleKey: true})
		e.indicator(":", false, false, false)
		return line
	}
	e.indicator("?", true, false, true)
	e.scalar(k, a, style, yamlContext{})
	e.writeIndent()
	e.indicator(":", true, false, true)
	return line
}

// str prints a string value; plain prints a number, boolean or null as
// its JSON text.
func (e *yamlEmitter) str(s string, ctx yamlContext) {
	e.scalar(s, analyzeScalar(s), stringStyle(s), ctx)
}

func (e *yamlEmitter) plain(s string, ctx yamlContext) {
	e.scalar(s, analyzeScalar(s), stylePlain, ctx)
}

// stringStyle is the style the encoder asks for a string: a literal
// block for one with a line feed (unless it would not read back, see
// literalSafe), double quotes for one that would read as another type.
func stringStyle(s string) scalarStyle {
	switch {
	case !literalSafe(s):
		return styleDouble
	case strings.Contains(s, "\n"):
		return styleLiteral
	case !resolvesToString(s):
		return styleDouble
	}
	return stylePlain
}

func (e *yamlEmitter) scalar(s string, a scalarAnalysis, style scalarStyle, ctx yamlContext) {
	if ctx.simpleKey && a.multiline {
		style = styleDouble
	}
	if style == stylePlain {
		if !a.blockPlainAllowed || len(s) == 0 && ctx.simpleKey {
			style = styleSingle
		}
	}
	if style == styleSingle && !a.singleQuotedAllowed {
		style = styleDouble
	}
	if style == styleLiteral && (!a.blockAllowed || ctx.simpleKey) {
		style = styleDouble
	}
	e.increaseIndent(true, ctx)
	switch style {
	case stylePlain:
		e.writePlain(s)
	case styleSingle:
		e.writeSingleQuoted(s)
	case styleDouble:
		e.writeDoubleQuoted(s)
	case styleLiteral:
		e.writeLiteral(s)
	}
	e.popIndent()
}

func (e *yamlEmitter) writePlain(s string) {
	if len(s) > 0 && !e.whitespace {
		e.put(' ')
	}
	breaks := false
	for i := 0; i < len(s); {
		switch {
		case s[i] == ' ':
			e.write(s, &i)
		case isBreak(s, i):
			if !breaks && s[i] == '\n' {
				e.putBreak()
			}
			e.writeBreak(s, &i)
			breaks = true
		default:
			if breaks {
				e.writeIndent()
			}
			e.write(s, &i)
			e.indention = false
			breaks = false
		}
	}
	if len(s) > 0 {
		e.whitespace = false
	}
	e.indention = false
}

func (e *yamlEmitter) writeSingleQuoted(s string) {
	e.indicator("'", true, false, false)
	breaks := false
	for i := 0; i < len(s); {
		switch {
		case s[i] == ' ':
			e.write(s, &i)
		case isBreak(s, i):
			if !breaks && s[i] == '\n' {
				e.putBreak()
			}
			e.writeBreak(s, &i)
			breaks = true
		default:
			if breaks {
				e.writeIndent()
			}
			if s[i] == '\'' {
				e.put('\'')
			}
			e.write(s, &i)
			e.indention = false
			breaks = false
		}
	}
	e.indicator("'", false, false, false)
	e.whitespace = false
	e.indention = false
}

func (e *yamlEmitter) writeDoubleQuoted(s string) {
	e.indicator(`"`, true, false, false)
	bom := strings.HasPrefix(s, "\ufeff")
	for i := 0; i < len(s); {
		if !isPrintable(s, i) || bom || isBreak(s, i) || s[i] == '"' || s[i] == '\\' {
			w := charWidth(s[i])
			v := decodeChar(s[i : i+w])
			i += w
			e.put('\\')
			switch v {
			case 0x00:
				e.put('0')
			case 0x07:
				e.put('a')
			case 0x08:
				e.put('b')
			case 0x09:
				e.put('t')
			case 0x0A:
				e.put('n')
			case 0x0b:
				e.put('v')
			case 0x0c:
				e.put('f')
			case 0x0d:
				e.put('r')
			case 0x1b:
				e.put('e')
			case 0x22:
				e.put('"')
			case 0x5c:
				e.put('\\')
			case 0x85:
				e.put('N')
			case 0xA0:
				e.put('_')
			case 0x2028:
				e.put('L')
			case 0x2029:
				e.put('P')
			default:
				switch {
				case v <= 0xFF:
					e.put('x')
					w = 2
				case v <= 0xFFFF:
					e.put('u')
					w = 4
				default:
					e.put('U')
					w = 8
				}
				for k := (w - 1) * 4; k >= 0; k -= 4 {
					digit := byte((v >> uint(k)) & 0x0F)
					if digit < 10 {
						e.put(digit + '0')
					} else {
						e.put(digit + 'A' - 10)
					}
				}
			}
			continue
		}
		e.write(s, &i)
	}
	e.indicator(`"`, false, false, false)
	e.whitespace = false
	e.indention = false
}

// decodeChar decodes one UTF-8 character as yaml.v3 does.
func decodeChar(c string) rune {
	var v rune
	switch b := c[0]; {
	case b&0x80 == 0x00:
		v = rune(b & 0x7F)
	case b&0xE0 == 0xC0:
		v = rune(b & 0x1F)
	case b&0xF0 == 0xE0:
		v = rune(b & 0x0F)
	default:
		v = rune(b & 0x07)
	}
	for k := 1; k < len(c); k++ {
		v = v<<6 + rune(c[k])&0x3F
	}
	return v
}

func (e *yamlEmitter) writeLiteral(s string) {
	e.indicator("|", true, false, false)
	e.blockScalarHints(s)
	e.whitespace = true
	breaks := true
	for i := 0; i < len(s); {
		if isBreak(s, i) {
			e.writeBreak(s, &i)
			breaks = true
			continue
		}
		if breaks {
			e.writeIndent()
		}
		e.write(s, &i)
		e.indention = false
		breaks = false
	}
}

func (e *yamlEmitter) blockScalarHints(s string) {
	if s[0] == ' ' || isBreak(s, 0) {
		e.indicator(string(rune('0'+yamlBestIndent)), false, false, false)
	}
	e.openEnded = false
	chomp := ""
	i := len(s) - 1
	for s[i]&0xC0 == 0x80 {
		i--
	}
	switch {
	case !isBreak(s, i):
		chomp = "-"
	case i == 0:
		chomp = "+"
		e.openEnded = true
	default:
		i--
		for s[i]&0xC0 == 0x80 {
			i--
		}
		if isBreak(s, i) {
			chomp = "+"
			e.openEnded = true
		}
	}
	if chomp != "" {
		e.indicator(chomp, false, false, false)
	}
}

// scalarAnalysis is yaml.v3's analysis of a scalar: the styles that can
// carry it.
type scalarAnalysis struct {
	multiline           bool
	blockPlainAllowed   bool
	singleQuotedAllowed bool
	blockAllowed        bool
}

func analyzeScalar(s string) scalarAnalysis {
	if len(s) == 0 {
		return scalarAnalysis{blockPlainAllowed: true, singleQuotedAllowed: true}
	}
	var blockIndicators, lineBreaks, specialCharacters, tabCharacters,
		leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak,
		previousSpace, previousBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockIndicators = true
	}
	precededByWhitespace := true
	for i, w := 0, 0; i < len(s); i += w {
		w = charWidth(s[i])
		followedByWhitespace := i+w >= len(s) || s[i+w] == ' ' || s[i+w] == '\t'
		if i == 0 {
			switch s[i] {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				blockIndicators = true
			case '?', ':', '-':
				if followedByWhitespace {
					blockIndicators = true
				}
			}
		} else {
			switch s[i] {
			case ':':
				if followedByWhitespace {
					blockIndicators = true
				}
			case '#':
				if precededByWhitespace {
					blockIndicators = true
				}
			}
		}
		if s[i] == '\t' {
			tabCharacters = true
		} else if !isPrintable(s, i) {
			specialCharacters = true
		}
		switch {
		case s[i] == ' ':
			if i == 0 {
				leadingSpace = true
			}
			if i+w == len(s) {
				trailingSpace = true
			}
			if previousBreak {
				breakSpace = true
			}
			previousSpace, previousBreak = true, false
		case isBreak(s, i):
			lineBreaks = true
			if i == 0 {
				leadingBreak = true
			}
			if i+w == len(s) {
				trailingBreak = true
			}
			if previousSpace {
				spaceBreak = true
			}
			previousSpace, previousBreak = false, true
		default:
			previousSpace, previousBreak = false, false
		}
		precededByWhitespace = isBlankOrBreak(s, i)
	}
	a := scalarAnalysis{multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
		a.blockPlainAllowed = false
	}
	if trailingSpace {
		a.blockAllowed = false
	}
	if breakSpace {
		a.blockPlainAllowed = false
		a.singleQuotedAllowed = false
	}
	if spaceBreak || tabCharacters || specialCharacters {
		a.blockPlainAllowed = false
		a.singleQuotedAllowed = false
	}
	if spaceBreak || specialCharacters {
		a.blockAllowed = false
	}
	if lineBreaks || blockIndicators {
		a.blockPlainAllowed = false
	}
	return a
}

// The character classes of yaml.v3, on valid UTF-8.

func charWidth(b byte) int {
	switch {
	case b&0x80 == 0x00:
		return 1
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 1
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isPrintable(s string, i int) bool {
	b, b1, b2 := s[i], at(s, i+1), at(s, i+2)
	return b == 0x0A ||
		b >= 0x20 && b <= 0x7E ||
		b == 0xC2 && b1 >= 0xA0 ||
		b > 0xC2 && b < 0xED ||
		b == 0xED && b1 < 0xA0 ||
		b == 0xEE ||
		b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF))
}

func isBreak(s string, i int) bool {
	b, b1, b2 := s[i], at(s, i+1), at(s, i+2)
	return b == '\r' || b == '\n' ||
		b == 0xC2 && b1 == 0x85 ||
		b == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9)
}

func isBlankOrBreak(s string, i int) bool {
	return s[i] == ' ' || s[i] == '\t' || s[i] == 0 || isBreak(s, i)
}

// resolvesToString reports whether yaml.v3 reads s, written plain, as a
// string; when it does not ("true", "12", "2024-01-02", "~", ""), the
// encoder quotes it.
func resolvesToString(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return !resolvesToNumberOrTime(s)
	case c == '.':
		if _, special := yamlSpecial[s]; special {
			return false
		}
		_, err := strconv.ParseFloat(s, 64)
		return err != nil
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		_, special := yamlSpecial[s]
		return !special
	}
	return true
}

// yamlSpecial are the plain scalars yaml.v3 reads from its table.
var yamlSpecial = map[string]bool{}

func init() {
	for _, s := range []string{"true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL",
		".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"} {
		yamlSpecial[s] = true
	}
}

// yamlStyleFloat matches yaml.v3's float syntax,
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$.
func yamlStyleFloat(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// resolvesToNumberOrTime is yaml.v3's resolution of a plain scalar that
// starts with a sign or a digit.
func resolvesToNumberOrTime(s string) bool {
	if yamlSpecial[s] || isTimestamp(s) {
		return true
	}
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return true
	}
	if yamlStyleFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return true
		}
	}
	for _, p := range []struct {
		prefix, sign string
		base         int
	}{{"0b", "", 2}, {"-0b", "-", 2}, {"0o", "", 8}, {"-0o", "-", 8}} {
		if rest, ok := strings.CutPrefix(plain, p.prefix); ok {
			if _, err := strconv.ParseInt(p.sign+rest, p.base, 64); err == nil {
				return true
			}
			if p.sign == "" {
				if _, err := strconv.ParseUint(rest, p.base, 64); err == nil {
					return true
				}
			}
			return false
		}
	}
	return false
}

// isTimestamp is yaml.v3's timestamp check: the formats it reads from a
// plain scalar that starts with four digits and a dash.
func isTimestamp(s string) bool {
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
