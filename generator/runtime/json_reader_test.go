package runtime

import (
	"encoding/binary"
	"strings"
	"testing"
)

// hasSpecial agrees with a byte-by-byte look for every byte value at every
// position, among ASCII and among non-ASCII neighbours.
func TestHasSpecial(t *testing.T) {
	for _, fill := range []byte{'a', 0xe5, 0x7f, 0x80, 0xff, ' '} {
		for pos := range 8 {
			for b := range 256 {
				var w [8]byte
				for i := range w {
					w[i] = fill
				}
				w[pos] = byte(b)
				want := false
				for _, c := range w {
					want = want || c == '"' || c == '\\' || c < 0x20
				}
				if got := hasSpecial(binary.LittleEndian.Uint64(w[:])); got != want {
					t.Fatalf("%q: hasSpecial = %v, want %v", w, got, want)
				}
			}
		}
	}
}

func TestCountList(t *testing.T) {
	for _, tt := range []struct {
		list string
		n    int
	}{
		{`[]`, 0},
		{`[ ]`, 0},
		{`[1]`, 1},
		{`["a,b","c\"],d",[1,2],{"x":[3],"y":"]"}]`, 4},
		{`["日本語の文字列です、長い", "\\", 1.5e3 , null]`, 4},
		{`[1,2`, 2}, // malformed: a guess, which the reading corrects
	} {
		if n, _ := countList([]byte(tt.list), 1); n != tt.n {
			t.Errorf("%s: %d items, want %d", tt.list, n, tt.n)
		}
	}
}

// A long list's slice grows once to its length, and counting the items
// of nested long lists scans a bounded multiple of the document, however
// deep the nesting.
func TestCountItemsOfLongLists(t *testing.T) {
	got, err := read("["+strings.Repeat("1,", 299)+"1]", sliceOf(readInt64))
	if err != nil || len(got) != 300 || cap(got) >= 400 {
		t.Fatalf("got %d items (cap %d), %v", len(got), cap(got), err)
	}
	const depth = 100
	level := "[" + strings.Repeat("[],", 4*longList)
	data := []byte(strings.Repeat(level, depth) + "[]" + strings.Repeat("]", depth))
	var r jsonReader
	r.start(data)
	var v nested
	readNested(&r, &v)
	if err := r.finish(); err != nil {
		t.Fatal(err)
	}
	if r.counted > 3*len(data) {
		t.Fatalf("counting scanned %d bytes of a %d-byte document", r.counted, len(data))
	}
}

// A list of itself sent a single value reads it as a list of one, of
// one... up to the bound on nesting.
func TestSingleValueForAListOfItself(t *testing.T) {
	if _, err := read(`[1]`, readNested); errText(err) != "[0]: nested too deep" {
		t.Fatalf("err = %v", err)
	}
}

type nested []nested

func readNested(r *jsonReader, x *nested) bool {
	return readSlice(r, (*[]nested)(x), readNested)
}
