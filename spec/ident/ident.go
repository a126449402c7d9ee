// Package ident turns names as docs and specs write them (cm_id, reqInfo,
// ZY_SENT, returnmoneyrecord/add, 客户名称) into Go identifiers. Both the spec
// builder (component names, x-enum-varnames) and the generator use it, so a
// name reads the same in the spec and in the Go code.
package ident

import (
	"strconv"
	"strings"
	"unicode"
)

// initialisms are written all upper case in Go names, as golint asks.
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DNS": true, "EOF": true, "GUID": true,
	"HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IDS": true, "IP": true, "JSON": true, "LHS": true, "PDF": true,
	"QPS": true, "RAM": true, "RHS": true, "RPC": true, "SKU": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true,
	"TCP": true, "TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true, "UUID": true, "URI": true, "URL": true,
	"UTF8": true, "VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true,
}

// Words splits a name into words at non-alphanumeric characters, at
// lower-to-upper case changes (reqInfo → req, Info) and at the end of an
// upper-case run before a new word (HTTPServer → HTTP, Server). Digits stay
// with the word before them.
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !isASCIIAlnum(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0:
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Exported returns the exported Go name for s: cm_id → CmID,
// reqInfo → ReqInfo, ZY_SENT → ZySent. It returns "" when s has no ASCII
// letters or digits (a purely Chinese name); callers supply a fallback.
func Exported(s string) string {
	name := capitalized(Words(s))
	if name != "" && unicode.IsDigit(rune(name[0])) {
		name = "N" + name
	}
	return name
}

// capitalized joins words with each one capitalised, initialisms in upper
// case.
func capitalized(words []string) string {
	var b strings.Builder
	for _, w := range words {
		upper := strings.ToUpper(w)
		if initialisms[upper] {
			b.WriteString(upper)
			continue
		}
		b.WriteString(upper[:1])
		b.WriteString(strings.ToLower(w[1:]))
	}
	return b.String()
}

// Unexported returns the unexported Go name for s: cm_id → cmID,
// ID → id, URLPath → urlPath. Go keywords get a trailing underscore.
func Unexported(s string) string {
	words := Words(s)
	if len(words) == 0 {
		return ""
	}
	name := strings.ToLower(words[0]) + capitalized(words[1:])
	if unicode.IsDigit(rune(name[0])) {
		name = "n" + name
	}
	if keywords[name] {
		name += "_"
	}
	return name
}

var keywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true, "defer": true,
	"else": true, "fallthrough": true, "for": true, "func": true, "go": true, "goto": true, "if": true,
	"import": true, "interface": true, "map": true, "package": true, "range": true, "return": true,
	"select": true, "struct": true, "switch": true, "type": true, "var": true,
}

// Unique hands out names, adding 2, 3, ... to repeats.
type Unique struct{ used map[string]bool }

// Claim marks name as taken (for names fixed elsewhere).
func (u *Unique) Claim(name string) {
	if u.used == nil {
		u.used = map[string]bool{}
	}
	u.used[name] = true
}

// Next returns name, or name2, name3, ... when name is taken.
func (u *Unique) Next(name string) string {
	if u.used == nil {
		u.used = map[string]bool{}
	}
	out := name
	for i := 2; u.used[out]; i++ {
		out = name + strconv.Itoa(i)
	}
	u.used[out] = true
	return out
}

// Taken reports whether name was handed out or claimed.
func (u *Unique) Taken(name string) bool { return u.used[name] }
