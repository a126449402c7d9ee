package runtime

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Violation is one broken rule, with the JSON path of the value.
type Violation struct {
	Path    string // reqInfo[1].data[0].value
	Message string // not a number
}

// maxViolations bounds what one ValidationError holds. A hostile body
// can break a rule in each of a million items; the handler's answer, and
// the memory spent collecting it, must not grow with that.
const maxViolations = 20

// ValidationError lists the violations found in one value: the first
// maxViolations (20) with their paths, and how many more there were. Use
// errors.As to inspect it.
type ValidationError struct {
	Violations []Violation
	More       int // violations found beyond those listed
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, v := range e.Violations {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.Path)
		b.WriteString(": ")
		b.WriteString(v.Message)
	}
	if e.More > 0 {
		b.WriteString("; and ")
		b.WriteString(strconv.Itoa(e.More))
		b.WriteString(" more")
	}
	return b.String()
}

// pathNode is one step of the path to the value being validated. Nodes
// live on the validating goroutine's stack and are turned into a string
// only when a rule fails, so validating a valid value allocates nothing.
type pathNode struct {
	parent *pathNode
	key    string
	index  int // -1 for object members, -2 for map entries
}

func (p *pathNode) member(key string) pathNode { return pathNode{parent: p, key: key, index: -1} }
func (p *pathNode) item(i int) pathNode        { return pathNode{parent: p, index: i} }

// entry is the member of a map, whose name the request chose: a path
// quotes it only in part.
func (p *pathNode) entry(key string) pathNode { return pathNode{parent: p, key: key, index: -2} }

// appendTo writes the path root first. It recurses rather than collecting
// the nodes in a slice: a slice of node pointers would make every node
// escape to the heap, and validating a valid value would allocate.
func (p *pathNode) appendTo(b []byte) []byte {
	if p == nil {
		return b
	}
	b = p.parent.appendTo(b)
	switch {
	case p.index >= 0:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(p.index), 10)
		b = append(b, ']')
	case p.key != "":
		if len(b) > 0 {
			b = append(b, '.')
		}
		if p.index == -2 {
			b = append(b, snippet(p.key)...)
		} else {
			b = append(b, p.key...)
		}
	}
	return b
}

// validator collects violations.
type validator struct {
	violations []Violation
	more       int
}

func (v *validator) fail(at *pathNode, key, msg string) {
	if len(v.violations) == maxViolations {
		v.more++ // counted, without building its path
		return
	}
	p := at.appendTo(nil)
	if key != "" {
		if len(p) > 0 {
			p = append(p, '.')
		}
		p = append(p, key...)
	}
	v.violations = append(v.violations, Violation{Path: string(clipPath(p)), Message: msg})
}

func (v *validator) err() error {
	if len(v.violations) == 0 {
		return nil
	}
	return &ValidationError{Violations: v.violations, More: v.more}
}

func (v *validator) required(at *pathNode, key string, present bool) {
	if !present {
		v.fail(at, key, "required")
	}
}

func (v *validator) maxLength(at *pathNode, key, s string, max int) {
	if len(s) > max && utf8.RuneCountInString(s) > max {
		v.fail(at, key, "longer than "+strconv.Itoa(max)+" characters")
	}
}

func (v *validator) minLength(at *pathNode, key, s string, min int) {
	if s != "" && utf8.RuneCountInString(s) < min {
		v.fail(at, key, "shorter than "+strconv.Itoa(min)+" characters")
	}
}

func (v *validator) pattern(at *pathNode, key, s string, re *pattern, what string) {
	if s != "" && !re.MatchString(s) {
		v.fail(at, key, what)
	}
}

func (v *validator) maximum(at *pathNode, key string, n, max float64) {
	if n > max {
		v.fail(at, key, "greater than "+strconv.FormatFloat(max, 'f', -1, 64))
	}
}

func (v *validator) minimum(at *pathNode, key string, n, min float64) {
	if n < min {
		v.fail(at, key, "less than "+strconv.FormatFloat(min, 'f', -1, 64))
	}
}

func (v *validator) maxItems(at *pathNode, key string, n, max int) {
	if n > max {
		v.fail(at, key, "more than "+strconv.Itoa(max)+" items")
	}
}

func (v *validator) minItems(at *pathNode, key string, n, min int) {
	if n < min {
		v.fail(at, key, "fewer than "+strconv.Itoa(min)+" items")
	}
}

// decimal checks a fixed-point amount held as text: plain decimal
// notation, and the digits its NUMERIC(p,s) column holds when re says.
func (v *validator) decimal(at *pathNode, key, s string, re *pattern) {
	if s == "" {
		return
	}
	if !isDecimal(s, false) {
		v.fail(at, key, "not a decimal number")
		return
	}
	if re != nil && !re.MatchString(s) {
		v.fail(at, key, "too many digits")
	}
}

func (v *validator) oneOf(at *pathNode, key string, ok bool, allowed string) {
	if !ok {
		v.fail(at, key, "not one of "+allowed)
	}
}
