package parser

import (
	"strings"
)

// opensJSON reports whether a line starts a JSON value. An opening bracket
// alone is not enough: a Markdown link ([获取配置](…)), a note ("[注意] 只读"),
// a template ({{name}}) and prose about a path template ("{ openid } 为企业ID")
// all start with one.
func opensJSON(t string) bool {
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return false
	}
	rest := strings.TrimLeft(t[1:], " \t\u3000")
	if rest == "" {
		return true
	}
	c := rest[0]
	if t[0] == '{' {
		switch {
		case c == '"' || c == '\'' || c == '}':
			return true
		case c == '/':
			return strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "/*")
		case c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			// An unquoted key ({a: 1}) is followed by its colon.
			key, after := cutSpace(rest)
			return strings.ContainsAny(key, ":：") || strings.HasPrefix(after, ":") || strings.HasPrefix(after, "：")
		}
		return false
	}
	return c == '{' || c == '[' || c == '"' || c == '\'' || c == ']' || c == '-' || c == '/' ||
		('0' <= c && c <= '9') || strings.HasPrefix(rest, "true") || strings.HasPrefix(rest, "false") || strings.HasPrefix(rest, "null")
}

// jsonLines finds the extent of a JSON block that starts at byte at of
// lines[first]: up to where its brackets balance, or, for a broken
// example, up to the line before the first that plainly is not JSON any
// more (a heading, a table, a label or a fence). stop reports such lines.
// It returns the index of the block's last line and the byte just past
// the block on it.
func jsonLines(lines []line, first, at int, stop func(line) bool) (last, end int) {
	depth := 0
	for li := first; li < len(lines); li++ {
		l := lines[li]
		if li > first && depth > 0 && stop(l) {
			last = lastNonBlank(lines, first, li-1)
			return last, len(lines[last].text)
		}
		from := 0
		if li == first {
			from = at
		}
		if i := scanJSONLine(l.text[from:], &depth); i >= 0 {
			return li, from + i
		}
	}
	last = lastNonBlank(lines, first, len(lines)-1)
	return last, len(lines[last].text)
}

// scanJSONLine follows brackets through one line, outside strings and //
// comments, and returns the byte just past the bracket that balanced them,
// or -1. Strings are taken to end with their line: doc examples never
// continue one onto the next, and a stray quote must not swallow the rest
// of the page.
func scanJSONLine(s string, depth *int) int {
	inString := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString != 0 && c == '\\':
			i++
		case inString != 0:
			if c == inString {
				inString = 0
			}
		case c == '"' || c == '\'' && *depth > 0 && i > 0 && strings.ContainsRune(" \t:[{,", rune(s[i-1])):
			inString = c
		case c == '/' && i+1 < len(s) && s[i+1] == '/':
			return -1
		case c == '{' || c == '[':
			*depth++
		case c == '}' || c == ']':
			*depth--
			if *depth <= 0 {
				return i + 1
			}
		}
	}
	return -1
}

func lastNonBlank(lines []line, first, last int) int {
	for last > first && lines[last].blank() {
		last--
	}
	return last
}
