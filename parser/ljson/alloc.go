package ljson

// Values and members are taken from slabs, and the members or items of an
// open container collect on a shared stack until it closes. A doc example
// has thousands of small values; allocating each one and growing each
// slice separately made the garbage collector the reader's main cost.

const maxSlab = 512

// newValue returns a value of kind k starting at off.
func (p *parser) newValue(k Kind, off int) *Value {
	if len(p.values) == 0 {
		p.valueSlab = min(max(2*p.valueSlab, 8), maxSlab)
		p.values = make([]Value, p.valueSlab)
	}
	v := &p.values[0]
	p.values = p.values[1:]
	v.Kind, v.Pos = k, p.pos.at(off)
	return v
}

// newMember returns an empty member.
func (p *parser) newMember() *Member {
	if len(p.members) == 0 {
		p.memberSlab = min(max(2*p.memberSlab, 8), maxSlab)
		p.members = make([]Member, p.memberSlab)
	}
	m := &p.members[0]
	p.members = p.members[1:]
	return m
}

// takeMembers returns the members collected since mark as a slice of
// their own and pops them from the stack.
func (p *parser) takeMembers(mark int) []*Member {
	if len(p.memberStack) == mark {
		return nil
	}
	out := make([]*Member, len(p.memberStack)-mark)
	copy(out, p.memberStack[mark:])
	clear(p.memberStack[mark:])
	p.memberStack = p.memberStack[:mark]
	return out
}

// takeItems is takeMembers for array items.
func (p *parser) takeItems(mark int) []*Value {
	if len(p.itemStack) == mark {
		return nil
	}
	out := make([]*Value, len(p.itemStack)-mark)
	copy(out, p.itemStack[mark:])
	clear(p.itemStack[mark:])
	p.itemStack = p.itemStack[:mark]
	return out
}
