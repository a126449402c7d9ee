package ljson

import (
	"strings"
	"testing"
)

// TestAdversarialInputs feeds shapes that make naive repair loops
// backtrack; a quadratic path shows up as a test timeout, a crash as a panic.
func TestAdversarialInputs(t *testing.T) {
	pats := map[string]func(n int) string{
		"comment-brackets": func(n int) string { return "[1 " + strings.Repeat("//x [] ", n) + "]" },
		"failed-trials":    func(n int) string { return "{" + strings.Repeat(`"a":"{x" "b":1, `, n) + "}" },
		"failed-trials2":   func(n int) string { return "[" + strings.Repeat(`"[" x, `, n) },
		"deep":             func(n int) string { return strings.Repeat("[", n) },
		"deepobj":          func(n int) string { return strings.Repeat(`{"a":`, n) },
		"missing-commas":   func(n int) string { return "{" + strings.Repeat(`"a":1 `, n) + "}" },
		"nested-quotes":    func(n int) string { return `{"a": ` + strings.Repeat(`"{ `, n) },
		"nested-quotes2":   func(n int) string { return `{"a": ` + strings.Repeat(`"{ "a`, n) },
		"quote-comments":   func(n int) string { return "[1 " + strings.Repeat(`// "x "y `, n) + `"k": 1]` },
		"quotes-brace":     func(n int) string { return strings.Repeat(`"{`, n) },
		"trail-commas":     func(n int) string { return "[" + strings.Repeat("[1, // c\n],", n) + "]" },
		"own-line":         func(n int) string { return "{" + strings.Repeat("// c\n\"a\": 1,\n", n) + "}" },
		"bare":             func(n int) string { return "[" + strings.Repeat("a b ", n) + "]" },
		"keys-no-colon":    func(n int) string { return "{" + strings.Repeat("a b ", n) + "}" },
		"junk":             func(n int) string { return "{" + strings.Repeat("@ ", n) + "}" },
		"commas":           func(n int) string { return "[" + strings.Repeat(",", n) + "]" },
		"open-close":       func(n int) string { return "[" + strings.Repeat("[]", n) + "]" },
		"slashes":          func(n int) string { return "[" + strings.Repeat("/", n) + "]" },
		"block":            func(n int) string { return "[" + strings.Repeat("/*", n) + "]" },
		"pasted-in-pasted": func(n int) string { return `{"a": "{ "b": ` + strings.Repeat(`"{ "c": 1 }" x, "d": `, n) + `1 }" }` },
		"escaped-json":     func(n int) string { return `[` + strings.Repeat(`"{\"a\":[1,2,3]}",`, n) + `1]` },
		"ws":               func(n int) string { return "[1" + strings.Repeat(" ", n) + "]" },
		"colon-quotes":     func(n int) string { return "[1 //" + strings.Repeat(`"  `, n) + "]" },
	}
	for name, f := range pats {
		t.Run(name, func(t *testing.T) {
			src := f(50000)
			v, _ := Parse([]byte(src), at1)
			if v == nil {
				t.Fatalf("Parse returned nil for %d bytes", len(src))
			}
		})
	}
}
