package runtime

import (
	"encoding/json"
	"slices"
)

// Members records, for a model read from JSON, what the sender did with
// each documented member: sent it, sent it as null, or left it out, which
// the Go value alone cannot say (0, "" and a missing member read alike).
// It keeps the members the spec does not list as they were sent, since
// vendors add members without telling anyone, and sends the ones set in
// Extra, since doc tables miss members that vendors require.
//
// Every generated model has one, as its JSON field. Reading it costs no
// allocation unless a model has more than 64 members or the sender sent
// a member the spec does not list.
type Members struct {
	names         *[]string
	present, null uint64
	more          *moreMembers // past the 64th member

	// Extra holds the members the spec does not list: as received, and
	// as they are sent after the documented ones (in name order). A name
	// the spec lists is not sent from here.
	Extra map[string]json.RawMessage
}

// moreMembers holds the bits of members past the 64th, for the few models
// that have that many: every model carries a Members, so it stays small.
type moreMembers struct{ present, null []uint64 }

func (m *Members) setMore(i int, null bool) {
	if m.more == nil {
		m.more = &moreMembers{}
	}
	i -= 64
	for len(m.more.present) <= i/64 {
		m.more.present = append(m.more.present, 0)
		m.more.null = append(m.more.null, 0)
	}
	m.more.present[i/64] |= 1 << (i % 64)
	if null {
		m.more.null[i/64] |= 1 << (i % 64)
	}
}

// bits reports whether member i was sent, and whether as null.
func (m *Members) bits(i int) (sent, null bool) {
	if i < 64 {
		return m.present&(1<<i) != 0, m.null&(1<<i) != 0
	}
	i -= 64
	if m.more == nil || i/64 >= len(m.more.present) {
		return false, false
	}
	return m.more.present[i/64]&(1<<(i%64)) != 0, m.more.null[i/64]&(1<<(i%64)) != 0
}

// index is the position of the member name, -1 for one the spec does not
// list.
func (m *Members) index(name string) int {
	if m.names == nil {
		return -1
	}
	return slices.Index(*m.names, name)
}

// Sent reports whether the member name was in the JSON read, null or not.
func (m *Members) Sent(name string) bool {
	if i := m.index(name); i >= 0 {
		sent, _ := m.bits(i)
		return sent
	}
	return m.Extra[name] != nil
}

// IsNull reports whether the member name was sent as null.
func (m *Members) IsNull(name string) bool {
	if i := m.index(name); i >= 0 {
		_, null := m.bits(i)
		return null
	}
	return string(m.Extra[name]) == "null"
}

// Has reports whether the member name was sent with a value, not null.
func (m *Members) Has(name string) bool {
	return m.Sent(name) && !m.IsNull(name)
}

// SetExtra sends value as the member name, one the spec does not list.
func (m *Members) SetExtra(name string, value any) error {
	raw, err := json.Marshal(value)
	if err != nil {
		return err
	}
	if m.Extra == nil {
		m.Extra = map[string]json.RawMessage{}
	}
	m.Extra[name] = raw
	return nil
}

// start readies m for a model whose members are names, in field order.
func (m *Members) start(names *[]string) {
	m.names, m.present, m.null = names, 0, 0
	if m.more != nil {
		clear(m.more.present)
		clear(m.more.null)
	}
}

// mark records that member i, one of the first 64, is being read, and
// whether it is null. It is small enough to be inlined in the readers;
// markMore is for the members past the 64th.
func (m *Members) mark(r *jsonReader, i int) {
	bit := uint64(1) << i
	m.present |= bit
	if r.atNull() {
		m.null |= bit
	}
}

func (m *Members) markMore(r *jsonReader, i int) { m.setMore(i, r.atNull()) }

// keep reads a member the spec does not list into Extra, as sent.
func (m *Members) keep(r *jsonReader, key []byte) {
	k := string(key) // before the value: it may overwrite key's buffer
	t := r.next()
	if t.kind == tokError {
		return
	}
	if m.Extra == nil {
		m.Extra = map[string]json.RawMessage{}
	}
	m.Extra[k] = append(json.RawMessage(nil), t.raw...)
}

// appendExtra writes the Extra members that names does not list, after a
// model's documented members.
func appendExtra(b []byte, extra map[string]json.RawMessage, names []string) ([]byte, error) {
	if len(extra) == 0 {
		return b, nil
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !slices.Contains(names, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var err error
	for _, k := range keys {
		b = append(appendQuoted(append(b, ','), k), ':')
		v := extra[k]
		if b, err = appendRaw(&v, b); err != nil {
			return b, err
		}
	}
	return b, nil
}
