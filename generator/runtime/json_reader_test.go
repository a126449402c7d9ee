package runtime

import (
	"encoding/binary"
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
