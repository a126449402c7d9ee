package ljson

import "github.com/apigen/apigen/parser/diag"

// parseArray reads the array at p.off; owner is as for parseObject.
func (p *parser) parseArray(owner target) *Value {
	start := p.off
	if !p.enter() {
		return p.cutDeep()
	}
	defer p.leave()
	v := p.newValue(Array, start)
	mark := len(p.itemStack)
	defer func() { v.Items = p.takeItems(mark) }()
	if owner.self {
		v.Comment = owner.pre
		owner.comment = &v.Comment
	}
	p.off++

	var trail target
	if owner.comment != nil && *owner.comment == "" {
		trail = owner
	}
	var (
		pending    []comment
		last       *Value
		comma      diag.Pos
		expectItem = true
	)
	for {
		pending = p.attachComments(p.skipTrivia(), trail, pending)
		if p.off >= len(p.src) {
			p.dropPending(pending)
			p.endOfInput("")
			return v
		}
		switch c := p.src[p.off]; {
		case c == ']':
			if comma.IsValid() {
				p.addAt(comma, diag.TrailingComma, "a trailing comma before ']' was ignored")
			}
			p.off++
			p.dropPending(pending)
			return v
		case c == '}':
			if comma.IsValid() {
				p.addAt(comma, diag.TrailingComma, "a trailing comma before '}' was ignored")
			}
			p.add(p.off, diag.SkippedToken, "the '}' closing an array was read as ']'")
			p.off++
			p.dropPending(pending)
			return v
		case c == ',':
			if expectItem {
				p.add(p.off, diag.SkippedToken, "an empty array item was skipped")
			}
			comma = p.pos.at(p.off)
			p.off++
			expectItem = true
		case last != nil && p.itemCommentary(expectItem):
			p.arrayCommentary(last, len(p.itemStack)-mark, !expectItem)
		default:
			// Comment lines above the item describe it; they are read into
			// pre first so that they lead its description.
			var pre string
			t := target{comment: &pre, item: len(p.itemStack) - mark + 1}
			for _, pc := range pending {
				p.giveComment(pc, t)
			}
			pending = pending[:0]
			t = target{item: t.item, self: true, pre: pre}
			it := p.parseValue(t)
			if it == nil {
				p.skipJunk("where an array item should be")
				comma = diag.Pos{} // the skipped text stood where the item was
				continue
			}
			if !expectItem {
				p.addAt(it.Pos, diag.MissingComma, "a missing comma before item %d was inserted", t.item)
			}
			if it.Comment == "" {
				it.Comment = pre // a scalar item; containers took it when they opened
			}
			t = target{comment: &it.Comment, item: t.item}
			p.itemStack = append(p.itemStack, it)
			last, trail, comma, expectItem = it, t, diag.Pos{}, false
		}
	}
}

// itemCommentary reports whether the bare word at p.off is commentary on
// the item before it rather than an unquoted string item: it is when it
// follows the item without a comma, or when a value follows it.
func (p *parser) itemCommentary(expectItem bool) bool {
	c := p.src[p.off]
	if !isWordStart(c) || p.literalAt(p.off) != "" {
		return false
	}
	if !expectItem {
		return true
	}
	end := p.skipSpace(p.bareEnd(p.off))
	return end < len(p.src) && p.valueStarts(end)
}

// arrayCommentary makes prose after an item that item's description.
func (p *parser) arrayCommentary(last *Value, item int, beforeComma bool) {
	start := p.off
	p.off = p.commentaryEnd(start, beforeComma)
	if p.off == start {
		p.off++
	}
	text := p.text(start, p.off)
	t := target{comment: &last.Comment, item: item}
	t.describe(text)
	p.add(start, diag.TrailingTextAsDescription, "the text %q after %s became its description", clip(text, 40), t.name())
}
