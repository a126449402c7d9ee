package runtime

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
)

// Decoding is lenient: vendors document VARCHAR and send numbers, document
// 0 and send "0", send one object where a list is documented, and write ""
// or null for "not given". Each read* function reads every such form of
// one Go type from a jsonReader into dst, and reports whether a value was
// there: false for an absent value (dst is left as it was) and after an
// error, which the reader keeps with its JSON path.

// DecodeError is a value that no lenient reading could turn into its type.
type DecodeError struct {
	Path string
	Msg  string
}

func (e *DecodeError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return string(clipPath([]byte(e.Path))) + ": " + e.Msg
}

var readerPool = sync.Pool{New: func() any { return new(jsonReader) }}

// decodeJSON reads a whole document into x with read. The reader comes
// from a pool: through a func value, the compiler cannot see that it
// stays on the stack. (A generated UnmarshalJSON calls its type's reader
// directly, with a reader on its stack.)
func decodeJSON[T any](data []byte, x *T, read func(*jsonReader, *T) bool) error {
	r := readerPool.Get().(*jsonReader)
	if r.start(data) {
		read(r, x)
	}
	err := r.finish()
	*r = jsonReader{}
	readerPool.Put(r)
	return err
}

// valueOf reads a whole document as one value of T.
func valueOf[T any](data []byte, read func(*jsonReader, *T) bool) (T, error) {
	var v T
	err := decodeJSON(data, &v, read)
	return v, err
}

// textOf reads a member's JSON text as text; a missing member reads as "".
func textOf(raw []byte) (string, error) {
	if isAbsent(raw) {
		return "", nil
	}
	return valueOf(raw, readString)
}

// isAbsent reports the values vendors send for "not given".
func isAbsent(raw []byte) bool {
	raw = trimSpace(raw)
	return len(raw) == 0 || string(raw) == "null" || string(raw) == `""`
}

// decodeOptional reads a value held by pointer, allocating it only when
// one is there.
func decodeOptional[T any](r *jsonReader, dst **T, read func(*jsonReader, *T) bool) bool {
	v := optional[T](r)
	if v == nil || !read(r, v) {
		return false
	}
	*dst = v
	return true
}

// optional returns a new T to read a value held by pointer into, or nil
// when the value is absent.
func optional[T any](r *jsonReader) *T {
	if r.absent() {
		return nil
	}
	return new(T)
}

// decodeObject reads an object's members as their JSON text, for the
// envelope and token readers, whose member names are data.
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	if isAbsent(data) {
		return nil, nil
	}
	return valueOf(data, readMembers)
}

func readMembers(r *jsonReader, dst *map[string]json.RawMessage) bool {
	var o object
	if !r.openObject(&o) {
		return false
	}
	m := map[string]json.RawMessage{}
	for {
		key, ok := r.nextMember(&o)
		if !ok {
			break
		}
		k := string(key)
		m[k] = r.next().raw
	}
	*dst = m
	return r.err == nil
}

// readString reads text. A number or boolean sent for it reads as its
// text; an object or a list, as its compact JSON text.
func readString(r *jsonReader, dst *string) bool {
	if r.peek() == '"' && !r.bare {
		// The usual case, without a token.
		text, ok := r.readString()
		if !ok || len(text) == 0 {
			return false
		}
		*dst = r.stringOf(text, !r.lastEscaped)
		return true
	}
	t := r.next()
	switch t.kind {
	case tokError, tokNull:
		return false
	case tokObject, tokArray:
		var buf bytes.Buffer
		buf.Grow(len(t.raw))
		_ = json.Compact(&buf, t.raw) // next checked its syntax
		*dst = buf.String()
		return true
	}
	if len(t.text) == 0 {
		return false
	}
	*dst = r.stringOf(t.text, t.inDoc)
	return true
}

// scalar reads a value that must be a number or a word, sent bare or in
// a string, and returns its trimmed text; ok is false when it is absent.
func scalar(r *jsonReader) (t token, text []byte, ok bool) {
	t = r.next()
	switch t.kind {
	case tokError, tokNull:
		return t, nil, false
	case tokObject, tokArray:
		return t, t.raw, true // no number reads it: the error quotes it
	}
	text = trimSpace(t.text)
	return t, text, len(text) > 0
}

func readInt64(r *jsonReader, dst *int64) bool {
	t, text, ok := scalar(r)
	if !ok {
		return false
	}
	n, ok := parseInt64(text)
	if !ok {
		r.fail("not an integer: " + snippet(t.raw))
		return false
	}
	*dst = n
	return true
}

func readInt32(r *jsonReader, dst *int32) bool {
	var n int64
	if !readInt64(r, &n) {
		return false
	}
	if n != int64(int32(n)) {
		r.fail(strconv.FormatInt(n, 10) + " overflows a 32-bit integer")
		return false
	}
	*dst = int32(n)
	return true
}

// parseInt64 reads decimal digits with an optional sign without building
// a string; 12.0 and 1e3 are integers too.
func parseInt64(b []byte) (int64, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}
	if i == len(b) {
		return 0, false
	}
	var n uint64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return parseIntegralFloat(b)
		}
		if n > (1<<63)/10 {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
		if n > 1<<63 {
			return 0, false
		}
	}
	if neg {
		return -int64(n), true // n == 1<<63 wraps to the minimum, as it should
	}
	if n > math.MaxInt64 {
		return 0, false
	}
	return int64(n), true
}

// parseIntegralFloat reads a number with a fraction or an exponent that
// is an integer. The range check comes before the conversion: converting
// an out-of-range float is implementation-defined in Go (arm64
// saturates), so the round trip alone would let 1e19 in.
func parseIntegralFloat(b []byte) (int64, bool) {
	if !isDecimal(b, true) {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return 0, false
	}
	return int64(f), true
}

func readFloat64(r *jsonReader, dst *float64) bool {
	t, text, ok := scalar(r)
	if !ok {
		return false
	}
	if !isDecimal(text, true) {
		r.fail("not a number: " + snippet(t.raw))
		return false
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		r.fail("not a number: " + snippet(t.raw))
		return false
	}
	*dst = f
	return true
}

// readDecimal keeps a fixed-point amount as its exact text.
func readDecimal(r *jsonReader, dst *string) bool {
	t, text, ok := scalar(r)
	if !ok {
		return false
	}
	if !isDecimal(text, true) {
		r.fail("not a decimal number: " + snippet(t.raw))
		return false
	}
	if text[0] == '+' {
		text = text[1:]
	}
	*dst = r.stringOf(text, t.inDoc)
	return true
}

func readBool(r *jsonReader, dst *bool) bool {
	t, text, ok := scalar(r)
	if !ok {
		return false
	}
	for _, w := range [...]string{"true", "1", "y", "yes", "是"} {
		if bytes.EqualFold(text, []byte(w)) {
			*dst = true
			return true
		}
	}
	for _, w := range [...]string{"false", "0", "n", "no", "否"} {
		if bytes.EqualFold(text, []byte(w)) {
			*dst = false
			return true
		}
	}
	r.fail("not a boolean: " + snippet(t.raw))
	return false
}

// isDecimal reports whether s is a number in decimal notation: an
// optional sign, digits with an optional fraction and, when exponent is
// set, an optional exponent. strconv.ParseFloat alone would also take
// NaN, Inf and hex floats, which no JSON sender means and JSON cannot
// carry back.
func isDecimal[T string | []byte](s T, exponent bool) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if exponent && i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		start := i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// readRaw keeps any JSON value as it came.
func readRaw(r *jsonReader, dst *json.RawMessage) bool {
	if r.absent() {
		return false
	}
	t := r.next()
	if t.kind == tokError {
		return false
	}
	*dst = append(json.RawMessage(nil), t.raw...)
	return true
}

// readAny decodes any JSON value into Go values; a parameter's text reads
// as a string.
func readAny(r *jsonReader, dst *any) bool {
	if r.absent() {
		return false
	}
	t := r.next()
	switch t.kind {
	case tokError:
		return false
	case tokBare:
		*dst = string(t.text)
		return true
	}
	var v any
	if err := json.Unmarshal(t.raw, &v); err != nil {
		r.fail("bad JSON: " + snippet(t.raw))
		return false
	}
	*dst = v
	return true
}

// readSlice reads a list. A single value where a list is documented reads
// as a list of one; a list carried inside a string is read in its place;
// an empty list reads as an empty, not nil, slice. The generated readers
// of lists are this function for one item type each (see
// emitListReader), calling the item's reader directly.
func readSlice[T any](r *jsonReader, dst *[]T, read func(*jsonReader, *T) bool) bool {
	var it items
	if !r.openItems(&it) {
		return false
	}
	out, ok := startItems[T](&it), false
	for r.nextItemOf(&it) {
		out = addItem(r, out)
		ok = read(r, &out[len(out)-1])
	}
	return endItems(r, &it, ok, dst, out)
}

// items is a list being read into a slice: a JSON list, or one value sent
// where a list is documented, read as a list of one.
type items struct {
	list
	single, done bool
	hint         *listHint // nil for none
}

// listHint is the length of the last list of one item type read: the room
// the next starts with, since the requests of an endpoint tend to be
// alike, and growing a slice (allocating, copying, and the write barriers
// of items holding pointers) costs more than reading a short list. It is
// only a hint: readers racing may store either length. A list longer
// than maxHint leaves it as it was.
type listHint struct{ n atomic.Int32 }

const maxHint = 64

// openItems starts reading a slice's items: false for an absent value
// and after an error. A single value counts as a level of nesting: read
// as a list of itself, it would otherwise be read as one forever.
func (r *jsonReader) openItems(it *items) bool {
	if r.absent() {
		return false
	}
	if !r.openList(&it.list) {
		if r.err != nil || !r.enter() {
			return false
		}
		it.single = true
	}
	return true
}

// nextItemOf moves to the next item; false after the last.
func (r *jsonReader) nextItemOf(it *items) bool {
	if !it.single {
		return r.nextItem(&it.list)
	}
	if it.done {
		r.leave()
		return false
	}
	it.done = true
	return r.err == nil
}

// startItems returns the slice a list's items are appended to: room for
// the one value sent for a list, or for as many items as the hint says,
// or a few at first. (Counting them ahead costs more than growing the
// slice of a short list.)
func startItems[T any](it *items) []T {
	if it.single {
		return make([]T, 0, 1)
	}
	n := 4
	if it.hint != nil {
		if h := int(it.hint.n.Load()); h > 0 {
			n = h
		}
	}
	return make([]T, 0, n)
}

// addItem appends a zero item to out for the item's reader to fill. A
// long list is counted once, when it outgrows its first room, so that
// doubling does not leave it up to twice the memory it needs.
func addItem[T any](r *jsonReader, out []T) []T {
	if len(out) < cap(out) {
		// The room past len is zero, as made or grown, and nothing has
		// been written there: extending spares writing a zero item,
		// which for items holding pointers goes through write barriers.
		return out[:len(out)+1]
	}
	if len(out) >= longList {
		if n, ok := r.countItems(); ok {
			// Not slices.Grow, which rounds up to append's growth.
			out = append(make([]T, 0, len(out)+n), out...)
		}
	}
	return append(out, *new(T))
}

// endItems stores the items read in dst and reports whether there were
// any: not after an error, nor when the one value sent for a list read as
// absent (ok is what its reader returned).
func endItems[T any](r *jsonReader, it *items, ok bool, dst *[]T, out []T) bool {
	if r.err != nil || it.single && !ok {
		return false
	}
	if h := it.hint; h != nil && !it.single && len(out) <= maxHint && h.n.Load() != int32(len(out)) {
		h.n.Store(int32(len(out)))
	}
	*dst = out
	return true
}

// longList is the length from which a list's remaining items are counted.
const longList = 256

// readMap reads an object whose members are all of one type; an absent
// member reads as the zero value. The generated readers of maps are this
// function for one value type each (see emitMapReader).
func readMap[T any](r *jsonReader, dst *map[string]T, read func(*jsonReader, *T) bool) bool {
	var o object
	if !r.openObject(&o) {
		return false
	}
	m := map[string]T{}
	for key, ok := r.nextMember(&o); ok; key, ok = r.nextMember(&o) {
		k := string(key) // before the value: it may overwrite key's buffer
		var v T
		read(r, &v)
		m[k] = v
	}
	return endMap(r, dst, m)
}

// endMap stores the map read in dst, unless there was an error.
func endMap[T any](r *jsonReader, dst *map[string]T, m map[string]T) bool {
	if r.err != nil {
		return false
	}
	*dst = m
	return true
}

// paramValue reads the first value of a parameter, if given.
func paramValue[T any](values []string, dst *T, read func(*jsonReader, *T) bool) error {
	if len(values) == 0 || values[0] == "" {
		return nil
	}
	r := newParamReader(values[0])
	read(&r, dst)
	return r.finish()
}

// paramPtr is paramValue for optional parameters held by pointer.
func paramPtr[T any](values []string, dst **T, read func(*jsonReader, *T) bool) error {
	if len(values) == 0 || values[0] == "" {
		return nil
	}
	r := newParamReader(values[0])
	decodeOptional(&r, dst, read)
	return r.finish()
}

// paramList reads every value of a repeated parameter.
func paramList[T any](values []string, dst *[]T, read func(*jsonReader, *T) bool) error {
	for _, s := range values {
		var v T
		if err := paramValue([]string{s}, &v, read); err != nil {
			return err
		}
		*dst = append(*dst, v)
	}
	return nil
}
