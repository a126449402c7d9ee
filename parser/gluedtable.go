package parser

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A table copied from a rendered page as text may lose every separator
// between its cells, the header's included:
//
//	参数名类型是否必填说明
//	app_idstring开发者 app ID
//	Request-Idstring是每次请求的唯一ID
//
// The header is a run of header words and nothing else; a row is a name,
// its type word, perhaps a yes/no word, and the description. Such a table
// is read when its header says so and its rows split that way; a row that
// does not split ends it.

// gluedTypeWord is a type word at the start of what follows a glued row's
// name.
var gluedTypeWord = regexp.MustCompile(`^(?i:string|integer|int64|int32|int|long|float|double|number|decimal|boolean|bool|object|array|list|map|date|datetime|json)(?:<[A-Za-z0-9_<>, ]+>|\[\])?`)

// gluedHeader splits a line that is header words and nothing else, at
// least two of them, a name first; it returns the words.
func gluedHeader(text string) ([]string, bool) {
	t := strings.TrimSpace(text)
	if t == "" || strings.ContainsAny(t, " \t|:：,，。") || utf8.RuneCountInString(t) > 40 {
		return nil, false
	}
	var words []string
	for t != "" {
		// The longest header word the rest starts with.
		best := ""
		for i := len(t); i > 0; i-- {
			if i < len(t) && !utf8.RuneStart(t[i]) {
				continue
			}
			if headerColumn(t[:i]) != colUnknown {
				best = t[:i]
				break
			}
		}
		if best == "" {
			return nil, false
		}
		words = append(words, best)
		t = t[len(best):]
	}
	if len(words) < 2 || headerColumn(words[0]) != colName {
		return nil, false
	}
	roles, ok := headerRoles(words)
	return words, ok && roles[0] == colName
}

// gluedRow splits a row of a glued table: the name before a type word,
// the type, a yes/no word after it when the header has a required column,
// and the rest. Of the names a type word may end, the longest wins that
// is followed by a type word and then by something other than a letter
// (pointsint开发者: points, int).
func gluedRow(text string, required bool) (name, typ, req, rest string, ok bool) {
	t := strings.TrimSpace(text)
	m := fieldNameStart.FindString(t)
	if m == "" {
		return "", "", "", "", false
	}
	fallback := -1
	for end := len(m); end > 0; end-- {
		tm := gluedTypeWord.FindString(t[end:])
		if tm == "" {
			continue
		}
		after := t[end+len(tm):]
		if r, _ := utf8.DecodeRuneInString(after); after == "" || !(r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')) {
			name, typ, rest = t[:end], tm, after
			ok = true
			break
		}
		if fallback < 0 {
			fallback = end
		}
	}
	if !ok && fallback > 0 {
		tm := gluedTypeWord.FindString(t[fallback:])
		name, typ, rest, ok = t[:fallback], tm, t[fallback+len(tm):], true
	}
	if !ok {
		return "", "", "", "", false
	}
	if required {
		for _, w := range []string{"非必填", "必填", "是", "否", "true", "false", "Y", "N"} {
			if r, found := strings.CutPrefix(rest, w); found && readRequired(w) != RequiredUnknown {
				req, rest = w, r
				break
			}
		}
	}
	return name, typ, req, strings.TrimSpace(rest), true
}

// fieldNameStart is the name a glued row may start with.
var fieldNameStart = regexp.MustCompile(`^` + fieldNamePattern)

// gluedTableAt reports whether a glued table starts at line i: a glued
// header, and a row below it that splits.
func (r *lineReader) gluedTableAt(i int) bool {
	words, ok := gluedHeader(r.lines[i].text)
	if !ok {
		return false
	}
	next := r.nextNonBlank(i)
	if next < 0 {
		return false
	}
	_, _, _, _, ok = gluedRow(r.lines[next].text, hasRequiredWord(words))
	return ok
}

func hasRequiredWord(words []string) bool {
	for _, w := range words {
		if c := headerColumn(w); c == colRequired || c == colOptional {
			return true
		}
	}
	return false
}

// gluedTable reads a glued table into name, type, required and
// description columns.
func (r *lineReader) gluedTable() {
	hl := r.lines[r.i]
	words, _ := gluedHeader(hl.text)
	required := hasRequiredWord(words)
	header := []string{words[0], "类型", "说明"}
	if required {
		header = []string{words[0], "类型", "必填", "说明"}
	}
	rt := &rawTable{pos: r.pos(hl, hl.firstNonSpace()), markup: markupText, aligned: true}
	for _, h := range header {
		rt.header = append(rt.header, rawCell{text: h, pos: rt.pos})
	}
	for r.i++; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		if l.blank() {
			break
		}
		name, typ, req, rest, ok := gluedRow(l.text, required)
		if !ok {
			break
		}
		at := r.pos(l, l.firstNonSpace())
		cells := []rawCell{{text: name, pos: at}, {text: typ, pos: at}}
		if required {
			cells = append(cells, rawCell{text: req, pos: at})
		}
		cells = append(cells, rawCell{text: rest, pos: at})
		rt.rows = append(rt.rows, rawRow{pos: at, cells: cells})
	}
	r.add(block{kind: blockTable, pos: rt.pos, table: rt})
}
