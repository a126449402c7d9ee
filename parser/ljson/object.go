package ljson

import "github.com/apigen/apigen/parser/diag"

// parseObject reads the object at p.off. owner is the member (or array
// item) the object is the value of: a comment on the line of the opening
// brace describes the owner, as in `"contacts": [//联系人`.
func (p *parser) parseObject(owner target) *Value {
	start := p.off
	if !p.enter() {
		return p.cutDeep()
	}
	defer p.leave()
	v := p.newValue(Object, start)
	mark := len(p.memberStack)
	defer func() { v.Members = p.takeMembers(mark) }()
	if owner.self {
		v.Comment = owner.pre
		owner.comment = &v.Comment
	}
	p.off++

	// trail is the value the comments on the current line describe: the
	// owner right after the brace, then each member once its key is read.
	// An owner that already has a description (from comment lines above
	// its key) leaves the brace's comment to the first member.
	var trail target
	if owner.comment != nil && *owner.comment == "" {
		trail = owner
	}
	var (
		pending   []comment // comments on lines of their own, for the next member
		last      *Member
		comma     diag.Pos // the comma read since the last member, if any
		expectKey = true
	)
	for {
		pending = p.attachComments(p.skipTrivia(), trail, pending)
		if p.off >= len(p.src) {
			p.dropPending(pending)
			p.endOfInput("")
			return v
		}
		switch c := p.src[p.off]; {
		case c == '}':
			if comma.IsValid() {
				p.addAt(comma, diag.TrailingComma, "a trailing comma before '}' was ignored")
			}
			p.off++
			p.dropPending(pending)
			return v
		case c == ']':
			// Read as a mistyped '}': closing the object here keeps the
			// members after it where the writer put them.
			if comma.IsValid() {
				p.addAt(comma, diag.TrailingComma, "a trailing comma before ']' was ignored")
			}
			p.add(p.off, diag.SkippedToken, "the ']' closing an object was read as '}'")
			p.off++
			p.dropPending(pending)
			return v
		case c == ',':
			if expectKey {
				p.add(p.off, diag.SkippedToken, "an extra comma was skipped")
			}
			comma = p.pos.at(p.off)
			p.off++
			expectKey = true
		case c == '"' || c == '\'' || p.unquotedKeyAt(p.off):
			m := p.readMember(pending)
			if !expectKey {
				p.addAt(m.KeyPos, diag.MissingComma, "a missing comma before %q was inserted", m.Key)
			}
			pending = pending[:0]
			p.memberStack = append(p.memberStack, m)
			last, trail, comma, expectKey = m, memberTarget(m), diag.Pos{}, false
		case c == '{':
			p.add(p.off, diag.SkippedToken, "an object where a key should be was skipped")
			p.off = p.skipBalanced(p.off)
		case isWordStart(c) || isDigit(c) || c == '(' || c == '[':
			p.commentary(last, !expectKey)
		default:
			p.skipJunk("where a key should be")
		}
	}
}

// readMember reads a key, its colon and its value. The pending comments
// (written on lines above the key) and those between key and value
// describe the member; they are given before the value is read so that
// they come first in its description.
func (p *parser) readMember(pending []comment) *Member {
	start := p.off
	m := p.newMember()
	t := memberTarget(m)
	for _, c := range pending { // they come before the key: report them first
		p.giveComment(c, t)
	}
	m.KeyPos = p.pos.at(start)
	switch p.src[start] {
	case '"':
		m.Key, _, _ = p.scanString()
	case '\'':
		m.Key, _, _ = p.scanString()
		p.add(start, diag.LooseQuoting, "the single-quoted key %q was accepted", m.Key)
	default:
		p.off = p.keyEnd(start)
		m.Key = p.text(start, p.off)
		p.add(start, diag.LooseQuoting, "the unquoted key %q was accepted", m.Key)
	}
	t.key = m.Key
	if p.off >= len(p.src) {
		p.endOfInput("a key")
		m.Value = p.null(p.off)
		return m
	}
	for _, c := range p.skipTrivia() {
		p.giveComment(c, t)
	}
	switch {
	case p.off < len(p.src) && p.src[p.off] == ':':
		p.off++
	case p.off < len(p.src) && fullWidthColon(p.src[p.off:]):
		p.add(p.off, diag.SkippedToken, "the full-width colon after %q was read as ':'", m.Key)
		p.off += len("：")
	case p.off < len(p.src) && p.valueStarts(p.off):
		p.add(p.off, diag.SkippedToken, "a missing ':' after %q was inserted", m.Key)
	default:
		m.Value = p.missingValue(t)
		return m
	}
	for _, c := range p.skipTrivia() {
		p.giveComment(c, t)
	}
	m.Value = p.memberValue(t)
	return m
}

func fullWidthColon(b []byte) bool { return len(b) >= 3 && string(b[:3]) == "：" }

// memberValue reads the value after a key's colon.
func (p *parser) memberValue(t target) *Value {
	if p.off >= len(p.src) {
		return p.missingValue(t)
	}
	switch p.src[p.off] {
	case ',', '}', ']':
		return p.missingValue(t)
	}
	if v := p.parseValue(t); v != nil {
		return v
	}
	start := p.off
	p.skipJunk("in the value of " + t.name())
	return p.null(start)
}

// missingValue stands a null in for a member with no value.
func (p *parser) missingValue(t target) *Value {
	if p.off >= len(p.src) {
		p.endOfInput("")
	} else {
		p.add(p.off, diag.SkippedToken, "%s has no value; it was read as null", t.name())
	}
	return p.null(p.off)
}

// commentary reads prose written after a value or its comma, as in
// `"channel_name":"同行",渠道 "workshop_images":...`, and makes it the
// description of the member before it.
func (p *parser) commentary(last *Member, beforeComma bool) {
	start := p.off
	p.off = p.commentaryEnd(start, beforeComma)
	if p.off == start {
		p.off++ // a lone ']' at depth 0 cannot start commentary; keep moving
	}
	text := p.text(start, p.off)
	if last == nil {
		p.add(start, diag.SkippedToken, "the text %q before the first key was skipped", clip(text, 40))
		return
	}
	memberTarget(last).describe(text)
	p.add(start, diag.TrailingTextAsDescription, "the text %q after %q became its description", clip(text, 40), last.Key)
}
