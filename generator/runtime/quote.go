package runtime

import "unicode/utf8"

// An error answer repeats what the request sent only in bounded pieces, so
// its size does not grow with the request: a bad value, or a member name
// taken from the request, is quoted to maxQuoted bytes, and a path (deep in
// a recursive schema) to maxPath bytes.
const (
	maxQuoted = 40
	maxPath   = 200
)

// snippet quotes the start of a bad value in an error message. It cuts at
// a rune boundary: the message may reach a JSON envelope, where half a
// Chinese character would turn into U+FFFD.
func snippet[T string | []byte](raw T) string {
	if len(raw) <= maxQuoted {
		return string(raw)
	}
	return string(raw[:runeStart(raw, maxQuoted)]) + "…"
}

// clipPath keeps the start and the end of a long path, which name the
// top-level member and the value that broke a rule.
func clipPath(p []byte) []byte {
	if len(p) <= maxPath {
		return p
	}
	head := runeStart(p, maxPath/2)
	tail := runeStart(p, len(p)-maxPath/2)
	out := make([]byte, 0, maxPath+len("…"))
	out = append(out, p[:head]...)
	out = append(out, "…"...)
	return append(out, p[tail:]...)
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart[T string | []byte](s T, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
