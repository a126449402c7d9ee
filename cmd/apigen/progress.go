package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// progressMin is the doc count above which a run is long enough for a
// progress line to help; shorter runs finish before anyone reads it.
const progressMin = 50

// progressWidth keeps the line within an 80-column terminal: a line that
// wraps cannot be redrawn with a carriage return.
const progressWidth = 79

// progress draws a one-line "[ 37/120] parsing docs/x.txt" counter on
// stderr, redrawn in place. It stays silent unless stderr is a terminal,
// so logs, pipes and CI output never see the carriage returns.
type progress struct {
	w     io.Writer
	total int
	n     int
	drawn bool
}

// newProgress returns a progress line for total steps written to w, or a
// silent one when w is not a terminal or the run is short.
func newProgress(w io.Writer, total int) *progress {
	if total <= progressMin || !isTerminal(w) {
		return &progress{total: total}
	}
	return &progress{w: w, total: total}
}

// isTerminal reports whether w is a character device, without a
// dependency on a terminal package.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// step counts one item and redraws the line.
func (p *progress) step(verb, name string) {
	p.n++
	if p.w == nil {
		return
	}
	fmt.Fprint(p.w, "\r"+p.line(verb, name)+"\x1b[K")
	p.drawn = true
}

// line formats the counter, shortening the name from the left so the line
// fits: the end of a path is the part that tells files apart.
func (p *progress) line(verb, name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, name)
	digits := len(fmt.Sprint(p.total))
	head := fmt.Sprintf("[%*d/%d] %s ", digits, p.n, p.total, verb)
	room := progressWidth - displayWidth(head)
	if displayWidth(name) > room {
		for displayWidth(name) > room-1 && name != "" {
			_, size := utf8.DecodeRuneInString(name)
			name = name[size:]
		}
		name = "…" + name
	}
	return head + name
}

// done erases the line, so what is printed next starts on a clean line.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// displayWidth estimates terminal columns: East Asian wide characters,
// common in doc file names, take two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
			w += 2
		default:
			w++
		}
	}
	return w
}
