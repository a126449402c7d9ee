package parser

import (
	"strings"
)

// opensJSON reports whether a line starts a JSON value rather than a
// Markdown link ([获取服务端API配置](…)) or a template ({{name}}).
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
		return c == '"' || c == '\'' || c == '}' || c == '/' || c == '_' || c == '$' ||
			('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
	}
	return c == '{' || c == '[' || c == '"' || c == '\'' || c == ']' || c == '-' || c == '/' ||
		('0' <= c && c <= '9') || strings.HasPrefix(rest, "true") || strings.HasPrefix(rest, "false") || strings.HasPrefix(rest, "null")
}

// jsonLines finds the lines of a JSON block that starts on lines[first]:
// up to where its brackets balance, or, for a broken example, up to the
// line before the first that plainly is not JSON any more (a heading, a
// table, a label or a fence). stop reports such lines. It returns the
// index of the block's last line.
func jsonLines(lines []line, first int, stop func(line) bool) int {
	depth := 0
	for li := first; li < len(lines); li++ {
		l := lines[li]
		if li > first && depth > 0 && stop(l) {
			return lastNonBlank(lines, first, li-1)
		}
		if scanJSONLine(l.text, &depth) {
			return li
		}
	}
	return lastNonBlank(lines, first, len(lines)-1)
}

// scanJSONLine follows brackets through one line, outside strings and //
// comments, and reports whether they balanced on it. Strings are taken to
// end with their line: doc examples never continue one onto the next, and
// a stray quote must not swallow the rest of the page.
func scanJSONLine(s string, depth *int) bool {
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
			return false
		case c == '{' || c == '[':
			*depth++
		case c == '}' || c == ']':
			*depth--
			if *depth <= 0 {
				return true
			}
		}
	}
	return false
}

func lastNonBlank(lines []line, first, last int) int {
	for last > first && lines[last].blank() {
		last--
	}
	return last
}
