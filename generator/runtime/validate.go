package runtime

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Violation is one broken rule, with the JSON path of the value.
type Violation struct {
	Path    string // reqInfo[1].data[0].value
	Message string // not a number
}

// ValidationError lists every violation found in one value. Use errors.As
// to inspect it.
type ValidationError struct {
	Violations []Violation
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
	return b.String()
}

// pathNode is one step of the path to the value being validated. Nodes
// live on the validating goroutine's stack and are turned into a string
// only when a rule fails, so validating a valid value allocates nothing.
type pathNode struct {
	parent *pathNode
	key    string
	index  int // -1 for object members
}

func (p *pathNode) member(key string) pathNode { return pathNode{parent: p, key: key, index: -1} }
func (p *pathNode) item(i int) pathNode        { return pathNode{parent: p, index: i} }

func (p *pathNode) String() string {
	if p == nil {
		return ""
	}
	var parts []*pathNode
	for n := p; n != nil; n = n.parent {
		parts = append(parts, n)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		n := parts[i]
		switch {
		case n.index >= 0:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(n.index))
			b.WriteByte(']')
		case n.key != "":
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(n.key)
		}
	}
	return b.String()
}

// validator collects violations.
type validator struct {
	violations []Violation
}

func (v *validator) fail(at *pathNode, key, msg string) {
	p := at.String()
	if key != "" {
		if p != "" {
			p += "."
		}
		p += key
	}
	v.violations = append(v.violations, Violation{Path: p, Message: msg})
}

func (v *validator) err() error {
	if len(v.violations) == 0 {
		return nil
	}
	return &ValidationError{Violations: v.violations}
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

func (v *validator) pattern(at *pathNode, key, s string, re *regexp.Regexp, what string) {
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

// decimal checks a fixed-point amount held as text.
func (v *validator) decimal(at *pathNode, key, s string, re *regexp.Regexp) {
	if s == "" {
		return
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		v.fail(at, key, "not a number")
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
