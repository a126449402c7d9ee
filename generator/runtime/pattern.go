package runtime

import (
	"regexp"
	"regexp/syntax"
)

// pattern is a spec's pattern rule. The patterns vendor docs give, and
// those apigen writes for dates and decimals, are anchored runs of ASCII
// classes (^-?[0-9]{1,13}(\.[0-9]{1,2})?$): those are matched by a
// scan over the bytes in which every step is decided by the next byte,
// several times faster than the regexp engine. Any other pattern is
// matched by regexp.
type pattern struct {
	re    *regexp.Regexp
	steps []patternStep // nil: use re
}

// patternStep matches between min and max (-1: no limit) bytes of set,
// or, when group > 0, starts an optional group of the next group steps,
// entered when the next byte is in set (the group's first bytes).
type patternStep struct {
	set      asciiSet
	min, max int
	group    int
}

type asciiSet [2]uint64

func (s *asciiSet) has(c byte) bool { return c < 128 && s[c/64]&(1<<(c%64)) != 0 }
func (s *asciiSet) add(c rune)      { s[c/64] |= 1 << (c % 64) }
func (s asciiSet) overlaps(t asciiSet) bool {
	return s[0]&t[0] != 0 || s[1]&t[1] != 0
}
func (s asciiSet) union(t asciiSet) asciiSet { return asciiSet{s[0] | t[0], s[1] | t[1]} }

func compilePattern(expr string) *pattern {
	p := &pattern{re: regexp.MustCompile(expr)}
	p.steps = simpleSteps(expr)
	return p
}

func (p *pattern) MatchString(s string) bool {
	if p.steps == nil {
		return p.re.MatchString(s)
	}
	i := 0
	for k := 0; k < len(p.steps); k++ {
		st := &p.steps[k]
		if st.group > 0 {
			if i >= len(s) || !st.set.has(s[i]) {
				k += st.group // skip the group
			}
			continue
		}
		n := 0
		for (st.max < 0 || n < st.max) && i < len(s) && st.set.has(s[i]) {
			i++
			n++
		}
		if n < st.min {
			return false
		}
	}
	return i == len(s)
}

// simpleSteps compiles an anchored pattern of ASCII classes, repeated or
// not, and optional groups of those, in which no byte could belong both
// to a run or an optional group and to what may follow it; nil for any
// other pattern.
func simpleSteps(expr string) []patternStep {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return nil
	}
	subs := re.Sub
	if subs[0].Op != syntax.OpBeginText || subs[len(subs)-1].Op != syntax.OpEndText {
		return nil
	}
	steps, ok := appendSteps(nil, subs[1:len(subs)-1], false)
	if !ok || !deterministic(steps) {
		return nil
	}
	return steps
}

func appendSteps(steps []patternStep, subs []*syntax.Regexp, inGroup bool) ([]patternStep, bool) {
	for _, sub := range subs {
		switch sub.Op {
		case syntax.OpLiteral:
			if sub.Flags&syntax.FoldCase != 0 {
				return nil, false
			}
			for _, r := range sub.Rune {
				var set asciiSet
				if r >= 128 {
					return nil, false
				}
				set.add(r)
				steps = append(steps, patternStep{set: set, min: 1, max: 1})
			}
		case syntax.OpCharClass:
			set, ok := classSet(sub)
			if !ok {
				return nil, false
			}
			steps = append(steps, patternStep{set: set, min: 1, max: 1})
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			if sub.Flags&syntax.NonGreedy != 0 {
				return nil, false
			}
			min, max := 0, -1
			switch sub.Op {
			case syntax.OpPlus:
				min = 1
			case syntax.OpQuest:
				max = 1
			case syntax.OpRepeat:
				min, max = sub.Min, sub.Max
			}
			inner := sub.Sub[0]
			if set, ok := singleByte(inner); ok {
				steps = append(steps, patternStep{set: set, min: min, max: max})
				continue
			}
			if sub.Op != syntax.OpQuest || inGroup {
				return nil, false
			}
			// An optional group.
			if inner.Op == syntax.OpCapture {
				inner = inner.Sub[0]
			}
			parts := []*syntax.Regexp{inner}
			if inner.Op == syntax.OpConcat {
				parts = inner.Sub
			}
			group, ok := appendSteps(nil, parts, true)
			if !ok || len(group) == 0 || group[0].min == 0 {
				return nil, false
			}
			steps = append(steps, patternStep{set: group[0].set, group: len(group)})
			steps = append(steps, group...)
		case syntax.OpCapture:
			parts := []*syntax.Regexp{sub.Sub[0]}
			if sub.Sub[0].Op == syntax.OpConcat {
				parts = sub.Sub[0].Sub
			}
			var ok bool
			if steps, ok = appendSteps(steps, parts, inGroup); !ok {
				return nil, false
			}
		case syntax.OpEmptyMatch:
		default:
			return nil, false
		}
	}
	return steps, true
}

// singleByte is the set of a one-byte expression: a literal or a class.
func singleByte(re *syntax.Regexp) (asciiSet, bool) {
	var set asciiSet
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) != 1 || re.Rune[0] >= 128 || re.Flags&syntax.FoldCase != 0 {
			return set, false
		}
		set.add(re.Rune[0])
		return set, true
	case syntax.OpCharClass:
		return classSet(re)
	}
	return set, false
}

func classSet(re *syntax.Regexp) (asciiSet, bool) {
	var set asciiSet
	for i := 0; i+1 < len(re.Rune); i += 2 {
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi >= 128 {
			return set, false // a negated class, or one beyond ASCII
		}
		for r := lo; r <= hi; r++ {
			set.add(r)
		}
	}
	return set, true
}

// deterministic reports whether greedy matching of the steps is the
// regexp's matching: every run that may stop early, and every optional
// group, must not share a byte with what may follow it.
func deterministic(steps []patternStep) bool {
	// follow[k] is the set of bytes that may come at step k or after it
	// when earlier steps are done.
	follow := make([]asciiSet, len(steps)+1)
	for k := len(steps) - 1; k >= 0; k-- {
		st := steps[k]
		switch {
		case st.group > 0:
			follow[k] = st.set.union(follow[k+1+st.group])
		case st.min == 0:
			follow[k] = st.set.union(follow[k+1])
		default:
			follow[k] = st.set
		}
	}
	for k, st := range steps {
		switch {
		case st.group > 0:
			if st.set.overlaps(follow[k+1+st.group]) {
				return false
			}
		case st.max != st.min:
			if st.set.overlaps(follow[k+1]) {
				return false
			}
		}
	}
	return true
}
