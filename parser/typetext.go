package parser

import (
	"regexp"
	"strconv"
	"strings"
)

// TypeText is a type as a doc writes it, read into parts. Mapping it to a
// schema is the spec package's job; this only reads the text.
type TypeText struct {
	Raw    string // as written, trimmed
	Name   string // lower-case base name: "varchar", "numeric", "int8", "list", "json"
	Params []int  // numeric arguments: VARCHAR(32) → [32], NUMERIC(15, 2) → [15 2]
	Sub    string // a word argument or element type: json(map) → "map", List<String> → "string", string[] → "string"
	Array  bool   // string[], array[string], List<String>
	Odd    bool   // read by guessing, e.g. varchar100 → varchar(100)
}

// typeToken matches a type written at the start of a plain-text cell:
// a word, an optional parenthesised argument list (spaces allowed, as in
// NUMERIC(15, 2) and VARCHAR (32)), and an optional [] or <...> suffix.
var typeToken = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.]*(?:\s*\(\s*[A-Za-z0-9]+(?:\s*,\s*[0-9]+)?\s*\))?(?:\[[A-Za-z0-9_]*\])?(?:<[A-Za-z0-9_, ]+>)?`)

// splitTypeToken takes the type from the start of s and returns it and the
// rest. ok is false when s does not start with something type-shaped.
func splitTypeToken(s string) (typ, rest string, ok bool) {
	s = strings.TrimLeft(s, " \t\u3000")
	m := typeToken.FindString(s)
	if m == "" {
		return "", s, false
	}
	rest = s[len(m):]
	// A type is a whole token: "VARCHAR(32)方案" is a type glued to text,
	// but "ext_2210" followed by CJK is not a type at all.
	if rest != "" && !isSpace([]rune(rest)[0]) && !strings.ContainsAny(m[len(m)-1:], ")]>") {
		return "", s, false
	}
	return m, strings.TrimLeft(rest, " \t\u3000"), true
}

var (
	typeWithArgs  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.]*)\s*\(\s*([^)]*?)\s*\)$`)
	typeGenerics  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.]*)\s*<\s*([A-Za-z0-9_.]+)\s*>$`)
	typeBrackets  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.]*)\s*\[\s*([A-Za-z0-9_.]*)\s*\]$`)
	typeGluedSize = regexp.MustCompile(`^(varchar|char|nvarchar|varchar2|string|numeric|decimal|number|int)([0-9]+)$`)
)

// ReadType reads a type text such as "NUMERIC(15, 2)", "json(map)",
// "List<String>" or "string[]".
func ReadType(s string) TypeText {
	t := TypeText{Raw: collapseSpace(s)}
	raw := t.Raw
	switch {
	case raw == "":
		return t
	case typeWithArgs.MatchString(raw):
		m := typeWithArgs.FindStringSubmatch(raw)
		t.Name = strings.ToLower(m[1])
		for _, arg := range strings.Split(m[2], ",") {
			arg = strings.TrimSpace(arg)
			if n, err := strconv.Atoi(arg); err == nil {
				t.Params = append(t.Params, n)
			} else if arg != "" {
				t.Sub = strings.ToLower(arg)
			}
		}
	case typeGenerics.MatchString(raw):
		m := typeGenerics.FindStringSubmatch(raw)
		t.Name, t.Sub, t.Array = strings.ToLower(m[1]), strings.ToLower(m[2]), true
	case typeBrackets.MatchString(raw):
		m := typeBrackets.FindStringSubmatch(raw)
		name, inner := strings.ToLower(m[1]), strings.ToLower(m[2])
		if inner == "" { // string[]
			t.Name, t.Sub = "array", name
		} else { // array[string]
			t.Name, t.Sub = name, inner
		}
		t.Array = true
	case typeGluedSize.MatchString(strings.ToLower(raw)):
		m := typeGluedSize.FindStringSubmatch(strings.ToLower(raw))
		n, _ := strconv.Atoi(m[2])
		// int8, int32 and int64 are real names, not int with a size.
		if m[1] == "int" {
			t.Name = strings.ToLower(raw)
			break
		}
		t.Name, t.Params, t.Odd = m[1], []int{n}, true
	default:
		t.Name = strings.ToLower(raw)
	}
	if t.Name == "list" || t.Name == "array" {
		t.Array = true
	}
	return t
}
