package runtime

import (
	"regexp"
	"testing"
)

var patternSeeds = []string{
	`^-?[0-9]+(\.[0-9]+)?$`,
	`^-?[0-9]{1,13}(\.[0-9]{1,2})?$`,
	`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`,
	`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(:[0-9]{2})?$`,
	`^1[3-9]\d{9}$`,
	`^[A-Z]{2}\d*$`,
	`^[a-z]+[0-9]+$`,
	`^\w+$`,
	`^(ab)?c$`,
	`^[0-9]+[0-9]$`, // not deterministic: regexp
	`^a.b$`,         // any character: regexp
	`[0-9]+`,        // not anchored: regexp
	`^[^0-9]+$`,     // negated: regexp
	`^(?i)abc$`,     // case folding: regexp
	`^a*?b$`,        // non-greedy: regexp
	`^(a(b)?)?c$`,   // nested groups: regexp
	`^x{2,}y?$`,
}

func TestPatternSteps(t *testing.T) {
	simple := map[string]bool{
		`^-?[0-9]+(\.[0-9]+)?$`: true, `^-?[0-9]{1,13}(\.[0-9]{1,2})?$`: true, `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`: true,
		`^1[3-9]\d{9}$`: true, `^[0-9]+[0-9]$`: false, `^a.b$`: false, `[0-9]+`: false, `^[^0-9]+$`: false, `^(?i)abc$`: false,
	}
	for expr, want := range simple {
		if got := simpleSteps(expr) != nil; got != want {
			t.Errorf("%s: simple %v, want %v", expr, got, want)
		}
	}
}

// FuzzPattern checks the byte scan against the regexp engine on the
// seeds and any pattern that compiles.
func FuzzPattern(f *testing.F) {
	inputs := []string{"", "0", "-12.50", "12.", "2024-03-01", "2024-03-01 09:00", "2024-03-01 09:00:00", "13800138000", "AB12", "abc123", "abc", "c", "abc", "xxy", "x", "南京", "1\n"}
	for i, p := range patternSeeds {
		for j, s := range inputs {
			if (i+j)%3 == 0 {
				f.Add(p, s)
			}
		}
	}
	f.Fuzz(func(t *testing.T, expr, s string) {
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		p := compilePattern(expr)
		if got, want := p.MatchString(s), re.MatchString(s); got != want {
			t.Fatalf("%q on %q: %v, regexp says %v (steps %+v)", expr, s, got, want, p.steps)
		}
	})
}
