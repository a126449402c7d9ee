package generator

import (
	"bytes"
	"runtime"
	"sync"
)

// formatChunk is the size of source gofmt'd at a time: a generated file
// of ten thousand operations runs to tens of megabytes, whose syntax tree
// would take ten times that.
var formatChunk = 64 << 10

// formatSource is gofmt (go/format.Source, the file's verbatim
// declarations put in place) for a file jennifer wrote: the file is cut before top-level
// declarations that have a doc comment, the pieces are formatted apart
// (on every CPU) and joined. gofmt puts exactly one blank line before
// such a declaration and formats each declaration on its own, so the
// result is the file's gofmt'd bytes; a test holds the two to the same
// bytes. A file that cannot be cut is formatted whole, as is one that
// does not format, so its error is go/format's.
func formatSource(src []byte, verbatim []string) ([]byte, error) {
	cuts := declCuts(src, formatChunk)
	if len(cuts) == 0 {
		return gofmt(src, verbatim)
	}
	bounds := append(append([]int{0}, cuts...), len(src))
	out := make([][]byte, len(bounds)-1)
	errs := make([]error, len(out))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(out)) {
		wg.Go(func() {
			for i := range next {
				piece := src[bounds[i]:bounds[i+1]]
				if i == 0 {
					out[i], errs[i] = gofmt(piece, verbatim)
					continue
				}
				out[i], errs[i] = formatDecls(piece, verbatim)
			}
		})
	}
	for i := range out {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return gofmt(src, verbatim)
		}
	}
	var b bytes.Buffer
	b.Grow(len(src))
	for i, piece := range out {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.Write(piece)
	}
	return b.Bytes(), nil
}

type cutError struct{}

func (cutError) Error() string { return "the formatted piece lost its package clause" }

var errCut = cutError{}

// declCuts returns the offsets, about every size bytes, of top-level
// declarations' doc comments where src can be cut: a group of line
// comments, each at the start of a line, on the lines just before a
// declaration keyword at the start of a line, outside brackets, after a
// token that ends a statement and nothing but blank space. None when src
// does not read as Go (an unclosed bracket, string or comment). A cut in
// the wrong place could only make a piece fail to format, which formats
// the file whole.
func declCuts(src []byte, size int) []int {
	var (
		cuts    []int
		depth   int
		lastCut int
		// group is the offset of the comment group running up to
		// groupEnd (the line feed after its last comment), -1 when none.
		group, groupEnd = -1, 0
		// ended reports whether the last token ends a statement;
		// commented whether a comment follows it.
		ended, commented bool
	)
	token := func(c byte) {
		ended = c == ')' || c == ']' || c == '}' || c == '"' || c == '`' || c == '\'' || c == '_' ||
			c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
		commented = false
		group = -1
	}
	for i := 0; i < len(src); {
		c := src[i]
		atLineStart := i == 0 || src[i-1] == '\n'
		switch {
		case c == '\n' || c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			end := bytes.IndexByte(src[i:], '\n')
			if end < 0 {
				end = len(src) - i
			}
			switch {
			case group >= 0 && i == groupEnd+1:
				groupEnd = i + end
			case atLineStart && depth == 0 && ended && !commented:
				group, groupEnd = i, i+end
			default:
				group = -1
			}
			commented = true
			i += end
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return nil
			}
			i += end + 4
			group, commented = -1, true
			continue
		case c == '"' || c == '\'' || c == '`':
			end := literalEnd(src, i)
			if end < 0 {
				return nil
			}
			i = end
			token(src[i-1])
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case depth == 0 && group >= 0 && i == groupEnd+1 && group-lastCut >= size && declKeyword(src[i:]):
			cuts = append(cuts, group)
			lastCut = group
		}
		token(c)
		i++
	}
	if depth != 0 {
		return nil
	}
	return cuts
}

// declKeyword reports whether b starts with a top-level declaration
// keyword.
func declKeyword(b []byte) bool {
	for _, kw := range []string{"func", "type", "var", "const"} {
		if bytes.HasPrefix(b, []byte(kw)) && len(b) > len(kw) && (b[len(kw)] == ' ' || b[len(kw)] == '(' || b[len(kw)] == '\t') {
			return true
		}
	}
	return false
}

// literalEnd returns the offset after the string, raw string or rune
// literal at i; -1 when it does not close.
func literalEnd(src []byte, i int) int {
	quote := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case quote:
			return j + 1
		case '\\':
			if quote != '`' {
				j++
			}
		case '\n':
			if quote != '`' {
				return -1
			}
		}
	}
	return -1
}
