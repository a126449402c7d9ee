// Package diag holds the positions and diagnostics shared by every apigen
// stage. It is a leaf package so that the lenient JSON reader, the doc
// parsers and the spec builder can all report problems the same way.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a place in a source document. Line and Col are 1-based; Col counts
// characters (runes), which is what editors jump to for CJK text.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// IsValid reports whether p names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	file := p.File
	if file == "" {
		file = "-"
	}
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
	}
}

// Compare orders positions by file, line and column.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(cmp.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	default:
		return "error"
	}
}

// MarshalText writes the severity as its name, for -format json.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "info":
		*s = Info
	case "warning":
		*s = Warning
	case "error":
		*s = Error
	default:
		return fmt.Errorf("unknown severity %q", b)
	}
	return nil
}

// Diagnostic is one problem found in an input. Related points at the other
// side of a disagreement, such as the example line a table row contradicts.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Code     Code     `json:"code"`
	Message  string   `json:"message"`
	Related  []Pos    `json:"related,omitempty"`
}

// String formats d the way compilers do:
//
//	docs/cuxiao.txt:517:3: warning: field "pdNum" ... (see docs/cuxiao.txt:1402:5) [W012]
func (d Diagnostic) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s", d.Pos, d.Severity, d.Message)
	if len(d.Related) > 0 {
		b.WriteString(" (see ")
		for i, r := range d.Related {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(r.String())
		}
		b.WriteString(")")
	}
	if d.Code != 0 {
		fmt.Fprintf(&b, " [%s]", d.Code)
	}
	return b.String()
}

// New builds a diagnostic whose severity is the code's default. A string
// quoted with %q, which is text taken from the input, is cut to MaxExcerpt
// characters: a diagnostic names a place and shows enough to find it, and
// must not echo a page (a downloaded login page's one-line script, a 1 MiB
// cell) into a CI log.
func New(pos Pos, code Code, format string, args ...any) Diagnostic {
	for _, i := range quotedArgs(format) {
		if i < len(args) {
			if s, ok := args[i].(string); ok {
				args[i] = Excerpt(s)
			}
		}
	}
	return Diagnostic{Pos: pos, Severity: code.Severity(), Code: code, Message: fmt.Sprintf(format, args...)}
}

// quotedArgs returns the indexes of the arguments format prints with %q.
func quotedArgs(format string) []int {
	var out []int
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		for i++; i < len(format) && strings.IndexByte("+-# 0123456789.*", format[i]) >= 0; i++ {
			if format[i] == '*' {
				arg++
			}
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		if format[i] == 'q' {
			out = append(out, arg)
		}
		arg++
	}
	return out
}

// MaxExcerpt is the most characters of input text a diagnostic quotes.
const MaxExcerpt = 200

// Excerpt returns s, or its first MaxExcerpt characters and an ellipsis.
func Excerpt(s string) string {
	if len(s) <= MaxExcerpt {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxExcerpt {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// List collects diagnostics in the order they are found.
type List []Diagnostic

// Add appends a diagnostic built like New.
func (l *List) Add(pos Pos, code Code, format string, args ...any) *Diagnostic {
	*l = append(*l, New(pos, code, format, args...))
	return &(*l)[len(*l)-1]
}

// Sort orders the list by position, then code, so output is stable.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(a.Pos.Compare(b.Pos), a.Code.Compare(b.Code), cmp.Compare(a.Message, b.Message))
	})
}

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }
