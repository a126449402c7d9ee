package parser

import (
	"strings"
	"unicode/utf8"
)

// A page copied from a rendered site sometimes loses every line break: the
// title, the request line, the labels and each table's header and rows
// run on in one line of words. unfold cuts such a line where its parts
// begin, so that the line reader sees the lines the page had:
//
//	获取登录Token POST /authentication/login 请求参数 参数名 类型 描述 必填 model object model 必填 account string 可选 …
//
// becomes the title, the request line, the label, the header and one row
// per line. A row of a table whose last column says whether a field is
// required ends at that yes/no word.

// minRunOnWords is the fewest words a line must have to be a page run on.
const minRunOnWords = 12

// unfold returns the lines with each run-on line cut into its parts.
func unfold(lines []line) []line {
	var out []line
	for _, l := range lines {
		out = append(out, unfoldLine(l)...)
	}
	return out
}

// unfoldLine cuts one line. It cuts only a line with both a table header
// and a label or request line in it: other long lines are prose.
func unfoldLine(l line) []line {
	if len(l.text) > maxScan {
		return []line{l} // one long value, not rows glued together
	}
	words := wordSpans(l.text)
	if len(words) < minRunOnWords {
		return []line{l}
	}
	text := func(k int) string { return l.text[words[k][0]:words[k][1]] }
	var cuts []int // word indexes where a new line starts
	headers, anchors := 0, 0
	rowEnd := false // inside a table whose rows end at a yes/no word
	for k := 0; k < len(words); k++ {
		w := text(k)
		switch {
		case isMethodWord(w) && k+1 < len(words) && strings.HasPrefix(text(k+1), "/"):
			cuts = append(cuts, k, k+2)
			anchors++
			rowEnd = false
			k++
		case isSectionWord(w):
			cuts = append(cuts, k, k+1)
			anchors++
			rowEnd = false
		default:
			if n := headerRun(words, text, k); n > 0 {
				cuts = append(cuts, k, k+n)
				headers++
				last := headerColumn(text(k + n - 1))
				rowEnd = last == colRequired || last == colOptional
				k += n - 1
				continue
			}
			if rowEnd && readRequired(w) != RequiredUnknown {
				cuts = append(cuts, k+1)
			}
		}
	}
	if headers == 0 || anchors == 0 {
		return []line{l}
	}
	var out []line
	start := 0
	for _, c := range append(cuts, len(words)) {
		if c <= start || c > len(words) {
			continue
		}
		from, to := words[start][0], words[c-1][1]
		out = append(out, line{no: l.no, offset: l.offset + from, text: l.text[from:to], lead: l.lead + utf8.RuneCountInString(l.text[:from])})
		start = c
	}
	return out
}

// isSectionWord reports a word that is a parameters or example label on
// its own (请求参数, 响应参数, 返回示例).
func isSectionWord(w string) bool {
	sl, ok := classifyLabel(w)
	return ok && isSectionLabel(sl.label)
}

// headerRun returns how many words from k form a table header: a name
// column word and at least two more header words.
func headerRun(words [][2]int, text func(int) string, k int) int {
	if headerColumn(text(k)) != colName {
		return 0
	}
	n := 1
	for k+n < len(words) && n < 8 {
		c := headerColumn(text(k + n))
		if c == colUnknown || c == colName {
			break
		}
		n++
	}
	if n < 3 {
		return 0
	}
	return n
}
