package parser

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
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

// splitTypeToken takes the type from the start of s and returns it and the
// rest. ok is false when s does not start with something type-shaped.
func splitTypeToken(s string) (typ, rest string, ok bool) {
	s = trimLeftSpace(s)
	n := scanType(s)
	if n == 0 {
		if tok, after := cutSpace(s); cjkTypeWords[tok] {
			return tok, after, true
		}
		return "", s, false
	}
	return s[:n], trimLeftSpace(s[n:]), true
}

// scanType returns the length of the type written at the start of s, or 0:
// a word, then optionally a parenthesised argument list (spaces allowed, as
// in NUMERIC(15, 2) and VARCHAR (32)), [] or [word], and <...> generics. The
// type must end at white space, or at the text it is glued to when it ends
// in a bracket ("VARCHAR(32)方案"): "ext_2210" followed by CJK is a word of
// the description, not a type.
func scanType(s string) int {
	i := 0
	if i >= len(s) || !isASCIILetter(s[i]) {
		return 0
	}
	for i < len(s) && isTypeWordByte(s[i]) {
		i++
	}
	if j := skipArgs(s, i); j > i {
		i = j
	}
	for i < len(s) && s[i] == '[' {
		j := i + 1
		for j < len(s) && (isTypeWordByte(s[j]) || s[j] == ' ') {
			j++
		}
		if j >= len(s) || s[j] != ']' {
			break
		}
		i = j + 1
	}
	if i < len(s) && s[i] == '<' {
		depth, j := 0, i
	generic:
		for ; j < len(s); j++ {
			switch c := s[j]; {
			case c == '<':
				depth++
			case c == '>':
				depth--
				if depth == 0 {
					break generic
				}
			case isTypeWordByte(c) || c == ',' || c == ' ' || c == '[' || c == ']':
			default:
				break generic
			}
		}
		if j < len(s) && depth == 0 {
			i = j + 1
		}
	}
	if i == len(s) {
		return i
	}
	if next, _ := utf8.DecodeRuneInString(s[i:]); isSpace(next) {
		return i
	}
	if last := s[i-1]; (last == ')' || last == ']' || last == '>') && s[i] >= utf8.RuneSelf {
		return i
	}
	return 0
}

// skipArgs returns the end of a "(32)" or " (15, 2)" argument list at i, or
// i when there is none. Each argument is one word or number, so that a
// description opening with "(必填)" or "(default 1)" is not read as one.
func skipArgs(s string, i int) int {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || s[j] != '(' {
		return i
	}
	j++
	for {
		for j < len(s) && s[j] == ' ' {
			j++
		}
		start := j
		for j < len(s) && isTypeWordByte(s[j]) {
			j++
		}
		if j == start {
			return i
		}
		for j < len(s) && s[j] == ' ' {
			j++
		}
		switch {
		case j < len(s) && s[j] == ',':
			j++
		case j < len(s) && s[j] == ')':
			return j + 1
		default:
			return i
		}
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isTypeWordByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.'
}

var (
	typeWithArgs  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.]*)\s*\(\s*([^)]*?)\s*\)$`)
	typeGenerics  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.]*)\s*<\s*(.+?)\s*>$`)
	typeBrackets  = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_.]*)\s*\[\s*([A-Za-z0-9_.]*)\s*\]$`)
	typeArraySufx = regexp.MustCompile(`^(.+?)\s*\[\s*\]$`)
	typeGluedSize = regexp.MustCompile(`^(varchar|char|nvarchar|varchar2|string|numeric|decimal|number|int)([0-9]+)$`)
)

// listNames are generic containers whose argument is the element type;
// Map<String, Object> is an object, not an array.
var listNames = map[string]bool{"list": true, "array": true, "arraylist": true, "set": true, "collection": true, "iterable": true, "jsonarray": true}

// intSizes are the sizes that make a real integer type name (int8, int64);
// any other glued number is a display width, as in MySQL's int11.
var intSizes = map[int]bool{2: true, 4: true, 8: true, 16: true, 32: true, 64: true}

// ReadType reads a type text such as "NUMERIC(15, 2)", "json(map)",
// "List<String>" or "string[]".
func ReadType(s string) TypeText {
	t := TypeText{Raw: collapseSpace(s)}
	raw := t.Raw
	lower := strings.ToLower(raw)
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
		t.Name, t.Sub = strings.ToLower(m[1]), strings.ToLower(strings.ReplaceAll(m[2], " ", ""))
		t.Array = listNames[t.Name]
	case typeBrackets.MatchString(raw):
		m := typeBrackets.FindStringSubmatch(raw)
		name, inner := strings.ToLower(m[1]), strings.ToLower(m[2])
		if inner == "" { // string[]
			t.Name, t.Sub = "array", name
		} else { // array[string]
			t.Name, t.Sub = name, inner
		}
		t.Array = true
	case typeArraySufx.MatchString(raw):
		// varchar(32)[]: an array of the type before the brackets.
		elem := ReadType(typeArraySufx.FindStringSubmatch(raw)[1])
		t.Name, t.Sub, t.Params, t.Odd, t.Array = "array", elem.Name, elem.Params, elem.Odd, true
	case typeGluedSize.MatchString(lower):
		m := typeGluedSize.FindStringSubmatch(lower)
		n, _ := strconv.Atoi(m[2])
		if m[1] == "int" && intSizes[n] {
			t.Name = lower
			break
		}
		t.Name, t.Params, t.Odd = m[1], []int{n}, true
	default:
		t.Name = lower
	}
	if listNames[t.Name] {
		t.Array = true
	}
	return t
}
