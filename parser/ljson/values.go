package ljson

import "github.com/apigen/apigen/parser/diag"

// parseValue reads the value at p.off; t is where commentary about it goes
// (and names it in messages). It returns nil, consuming nothing, when no
// value starts at p.off.
func (p *parser) parseValue(t target) *Value {
	switch c := p.src[p.off]; {
	case c == '{':
		return p.parseObject(t)
	case c == '[':
		return p.parseArray(t)
	case c == '"':
		return p.stringValue(t)
	case c == '\'':
		start := p.off
		v := p.newValue(String, start)
		v.Text, _, _ = p.scanString()
		p.add(start, diag.LooseQuoting, "a single-quoted string was accepted for %s", t.name())
		return v
	case isNumberStart(c):
		start := p.off
		end := p.numberRunEnd(start)
		if !isNumber(p.src[start:end]) {
			if isDigit(c) { // a date or a version: text that starts like a number
				return p.bareValue(t)
			}
			return nil
		}
		p.off = end
		v := p.newValue(Number, start)
		v.Text = string(p.src[start:end])
		return v
	}
	if lit := p.literalAt(p.off); lit != "" {
		v := p.newValue(Bool, p.off)
		v.Text = lit
		if lit == "null" {
			v.Kind = Null
		}
		p.off += len(lit)
		return v
	}
	if isWordStart(p.src[p.off]) {
		return p.bareValue(t)
	}
	return nil
}

// valueStarts reports whether a quoted, numeric, literal or bracketed
// value starts at off — the tokens that show a comma is missing. Bare words
// are left out: after a value they are commentary.
func (p *parser) valueStarts(off int) bool {
	switch c := p.src[off]; {
	case c == '{' || c == '[' || c == '"' || c == '\'':
		return true
	case isNumberStart(c):
		return isNumber(p.src[off:p.numberRunEnd(off)])
	default:
		return p.literalAt(off) != ""
	}
}

// bareValue reads an unquoted string such as `正常` or `2020-01-01 12:00`.
func (p *parser) bareValue(t target) *Value {
	start := p.off
	p.off = p.bareEnd(start)
	if p.off == start {
		p.off++ // never reached for a word start, but progress must not depend on it
	}
	v := p.newValue(String, start)
	v.Text = p.text(start, p.off)
	p.add(start, diag.LooseQuoting, "the unquoted string %q was accepted for %s", clip(v.Text, 40), t.name())
	return v
}

// null stands in for a value that is missing at off.
func (p *parser) null(off int) *Value {
	v := p.newValue(Null, off)
	v.Text = "null"
	return v
}

// skipJunk skips an unreadable token and reports it.
func (p *parser) skipJunk(what string) {
	start := p.off
	p.off = p.junkEnd(start)
	p.add(start, diag.SkippedToken, "the unreadable text %q %s was skipped", clip(string(p.src[start:p.off]), 40), what)
}
