package spec

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// enumValue is one value a description lists, with its meaning.
type enumValue struct {
	Code    string
	Meaning string
}

// enumCode matches a code followed by its separator: 0:, 1-, ZY-, EMPTY:,
// 1), display-. Whether the code really starts a pair is decided by what
// comes before it (see pairStart).
var enumCode = regexp.MustCompile(`([0-9]{1,4}|[A-Za-z][A-Za-z0-9_]{0,30})\s*([:：\-－=)）])\s*`)

// inferEnum reads the values a description enumerates, in every form the
// vendors use: 0:已删除,1:正常 / 1-不允许;2-允许 / ZY-直营、FX-分销 /
// display-付费陈列,market-市场活动 / 0-停用 1-启用 / 1)企业,2)个人. It needs
// at least two pairs of one kind (all numeric or all word codes).
func inferEnum(desc string) []enumValue {
	text := layoutText.ReplaceAllStringFunc(desc, func(s string) string { return strings.Repeat(" ", len(s)) })
	type pair struct {
		code              string
		start, valueStart int
	}
	var pairs []pair
	for _, m := range enumCode.FindAllStringSubmatchIndex(text, -1) {
		code := text[m[2]:m[3]]
		if !pairStart(text, m[2], code) || !meaningStart(text[m[1]:]) {
			continue
		}
		pairs = append(pairs, pair{code, m[2], m[1]})
	}
	// Keep the longest run of codes of one kind.
	var best []pair
	for i := 0; i < len(pairs); {
		j := i + 1
		numeric := isDigits(pairs[i].code)
		for j < len(pairs) && isDigits(pairs[j].code) == numeric {
			j++
		}
		if j-i > len(best) {
			best = pairs[i:j]
		}
		i = j
	}
	if len(best) < 2 {
		return nil
	}
	out := make([]enumValue, 0, len(best))
	seen := map[string]bool{}
	for k, p := range best {
		end := len(text)
		if k+1 < len(best) {
			end = best[k+1].start
		}
		meaning := strings.TrimSpace(desc[p.valueStart:end])
		if k == len(best)-1 {
			meaning = cutLastMeaning(meaning, out)
		}
		meaning = strings.Trim(meaning, " \t,，;；、。")
		meaning = trimUnbalanced(meaning)
		if meaning == "" || seen[p.code] {
			return nil
		}
		seen[p.code] = true
		out = append(out, enumValue{Code: p.code, Meaning: meaning})
	}
	return out
}

// pairStart reports whether a code at byte i starts an enum pair: after the
// start, a separator, or (for numeric codes, which docs glue to the previous
// meaning: 执行1:每次) after a Chinese character.
func pairStart(text string, i int, code string) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	switch {
	case strings.ContainsRune(" \t,，;；、。:：(（“”\"'", r):
		return true
	case isDigits(code) && unicode.Is(unicode.Han, r):
		return true
	}
	return false
}

// meaningStart rejects what follows a separator but is no meaning: a digit
// (2019-12, file_type=0时), a slash (http://) or nothing.
func meaningStart(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return r != utf8.RuneError && !unicode.IsDigit(r) && r != '/' && r != '=' && r != '-'
}

// cutLastMeaning ends the last pair's meaning where the prose after the
// list starts: at 。, or at a space or comma when no earlier meaning
// contains one (0-不限 2-经销商 3-终端,不传默认为不限制).
func cutLastMeaning(m string, earlier []enumValue) string {
	if i := strings.IndexAny(m, "。\n"); i >= 0 {
		m = m[:i]
	}
	for _, cut := range []string{" ", ",", "，"} {
		used := false
		for _, e := range earlier {
			if strings.Contains(e.Meaning, cut) {
				used = true
			}
		}
		if !used {
			if i := strings.Index(m, cut); i > 0 {
				m = m[:i]
			}
		}
	}
	return m
}

// trimUnbalanced drops a closing parenthesis the enum list was wrapped in.
func trimUnbalanced(s string) string {
	for _, p := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if strings.HasSuffix(s, p[1]) && strings.Count(s, p[0]) < strings.Count(s, p[1]) {
			s = strings.TrimSuffix(s, p[1])
		}
	}
	return strings.TrimSpace(s)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
