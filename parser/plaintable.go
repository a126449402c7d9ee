package parser

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain-text tables are what a rendered table becomes when a page is
// copied as text: a header line of words, then rows whose cells are
// separated by single spaces, with empty cells leaving no trace. The
// header's roles say what each word of a row may be.

// plainName matches a field name in a space-separated row.
var plainName = regexp.MustCompile(`^[A-Za-z_$@.][^\s\p{Han}]*$`)

// plainTableAt reports whether line i is the header of a plain-text table:
// two to eight words, the first a name column, and at most one word outside
// the header vocabulary (更多限制), which must be a short plain word.
func (r *lineReader) plainTableAt(i int) bool {
	_, ok := plainHeader(r.lines[i].text)
	return ok
}

func plainHeader(text string) ([]column, bool) {
	t := strings.TrimSpace(text)
	if strings.ContainsAny(t, "|:：,，。") {
		return nil, false
	}
	cells := strings.Fields(t)
	if len(cells) < 2 || len(cells) > 8 {
		return nil, false
	}
	roles, ok := headerRoles(cells)
	if !ok || roles[0] != colName {
		return nil, false
	}
	roles = keepNameColumn(roles, 0) // a row's name is its first word
	unknown := 0
	for i, c := range roles {
		if c != colUnknown {
			continue
		}
		unknown++
		if utf8.RuneCountInString(cells[i]) > 6 || strings.IndexFunc(cells[i], func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return nil, false
		}
	}
	if unknown > 1 && unknown*3 > len(cells) {
		return nil, false
	}
	return roles, true
}

// plainTable reads a plain-text table. A row is either a line of words or,
// where the copy turned each cell into a bullet, as many bullet lines as
// the header has columns. A line that cannot be a row continues the
// description of the row above (descriptions wrap in copied text).
func (r *lineReader) plainTable() {
	hl := r.lines[r.i]
	roles, _ := plainHeader(hl.text)
	rt := &rawTable{pos: r.pos(hl, hl.firstNonSpace()), markup: markupText, aligned: true}
	for _, w := range wordSpans(hl.text) {
		rt.header = append(rt.header, rawCell{text: hl.text[w[0]:w[1]], pos: r.pos(hl, w[0])})
	}
	desc := indexOf(roles, colDescription)
	var wrapped [][]string // continuation lines of each row, joined at the end
	defer func() {
		for i, lines := range wrapped {
			if len(lines) == 0 {
				continue
			}
			cells := rt.rows[i].cells
			k := desc
			if k < 0 {
				k = len(cells) - 1
			}
			cells[k].text = joinText(strings.TrimSpace(cells[k].text), strings.Join(lines, " "))
		}
	}()
	for r.i++; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		if l.blank() {
			if next := r.nextNonBlank(r.i); next > 0 && r.strongRow(r.lines[next], roles) {
				// A blank line copied into the middle of a table.
				r.i = next - 1
				continue
			}
			break
		}
		if bulletItem.MatchString(l.text) {
			rt.rows = append(rt.rows, r.bulletRow(len(roles)))
			r.i--
			continue
		}
		if r.endsPlainTable(l) {
			break
		}
		if cells, _, ok := r.plainRow(l, roles); ok {
			rt.rows = append(rt.rows, rawRow{pos: r.pos(l, l.firstNonSpace()), cells: cells})
			continue
		}
		if len(rt.rows) == 0 {
			break
		}
		for len(wrapped) < len(rt.rows) {
			wrapped = append(wrapped, nil)
		}
		wrapped[len(rt.rows)-1] = append(wrapped[len(rt.rows)-1], strings.TrimSpace(l.text))
	}
	r.add(block{kind: blockTable, pos: rt.pos, table: rt})
}

func (r *lineReader) nextNonBlank(i int) int {
	for i++; i < len(r.lines); i++ {
		if !r.lines[i].blank() {
			return i
		}
	}
	return -1
}

// strongRow reports whether l reads as a row on its own evidence: besides
// a name, a word that fits a data column (a type, a yes/no word). A row
// after a blank line must be one; prose after a table must not be taken
// for a row.
func (r *lineReader) strongRow(l line, roles []column) bool {
	if r.endsPlainTable(l) {
		return false
	}
	_, found, ok := r.plainRow(l, roles)
	return ok && (found > 0 || !hasDataColumns(roles))
}

// bulletRow reads one row written one cell per bullet line; r.i ends on
// the line after it.
func (r *lineReader) bulletRow(n int) rawRow {
	row := rawRow{pos: r.pos(r.lines[r.i], r.lines[r.i].firstNonSpace())}
	for len(row.cells) < n && r.i < len(r.lines) {
		l := r.lines[r.i]
		m := bulletItem.FindStringIndex(l.text)
		if m == nil {
			break
		}
		row.cells = append(row.cells, rawCell{text: l.text[m[1]:], pos: r.pos(l, m[1])})
		r.i++
	}
	for len(row.cells) < n {
		row.cells = append(row.cells, rawCell{pos: row.pos})
	}
	return row
}

func (r *lineReader) endsPlainTable(l line) bool {
	return opensJSON(strings.TrimSpace(l.text)) || opensPart(l)
}

// plainRow splits a row by the header's roles. The name comes first
// (after any nesting prefix); a type, a yes/no word or a location is taken
// where its column is and the word fits; example and unknown columns take
// a word without Chinese text that has more text after it; the description
// takes the rest. Text left over past the last column is kept as one more
// cell, for the table layer to report and keep. found counts the data
// cells that were recognised by their content; ok is false when the line
// is not a row.
func (r *lineReader) plainRow(l line, roles []column) (cells []rawCell, found int, ok bool) {
	s := strings.TrimRight(l.text, " \t\u3000")
	start := l.firstNonSpace()
	j := start
	for j < len(s) {
		c, size := utf8.DecodeRuneInString(s[j:])
		if !isSpace(c) && !strings.ContainsRune(nestBranch+nestBox+nestDash+nestArrow, c) {
			break
		}
		j += size
	}
	nameEnd := j + wordLen(s[j:])
	if !plainName.MatchString(s[j:nameEnd]) {
		return nil, 0, false
	}
	cells = make([]rawCell, len(roles))
	for k := range cells {
		cells[k].pos = r.pos(l, start)
	}
	cells[0] = rawCell{text: s[start:nameEnd], pos: r.pos(l, start)}
	p := nameEnd
	take := func(k, from, to int) {
		cells[k] = rawCell{text: s[from:to], pos: r.pos(l, from)}
		p = to
		found++
	}
	for k := 1; k < len(roles) && p < len(s); k++ {
		p = skipBlank(s, p)
		if p >= len(s) {
			break
		}
		word := s[p : p+wordLen(s[p:])]
		switch roles[k] {
		case colType:
			typ, _, ok := splitTypeToken(s[p:])
			if !ok {
				if k+1 < len(roles) && p+len(word) < len(s) {
					// A type apigen cannot read (BLOB(∞), ???) is still the
					// type when the word after it fills the next column.
					q := skipBlank(s, p+len(word))
					if wordFits(roles[k+1], s[q:q+wordLen(s[q:])]) {
						take(k, p, p+len(word))
					}
				}
				continue
			}
			end := p + len(typ)
			if q := skipBlank(s, end); strings.HasPrefix(s[q:], "[]") {
				end = q + 2 // "Item []"
			}
			take(k, p, end)
		case colRequired, colOptional:
			if readRequired(word) != RequiredUnknown {
				take(k, p, p+len(word))
			}
		case colIn:
			if readIn(word) != "" {
				take(k, p, p+len(word))
			}
		case colDescription:
			end := len(s)
			for m := len(roles) - 1; m > k; m-- {
				// The last words fill the columns after the description
				// when they fit them; a row whose description is empty
				// (account string 可选) gives its one word to them.
				ws := lastWordStart(s[:end])
				if ws < p || !wordFits(roles[m], s[ws:end]) {
					break
				}
				cells[m] = rawCell{text: s[ws:end], pos: r.pos(l, ws)}
				found++
				end = max(p, len(strings.TrimRight(s[:ws], " \t\u3000")))
			}
			cells[k] = rawCell{text: s[p:end], pos: r.pos(l, p)}
			p = len(s)
		default:
			if !hasHan(word) && p+len(word) < len(s) {
				take(k, p, p+len(word))
			}
		}
	}
	if p = skipBlank(s, p); p < len(s) {
		cells = append(cells, rawCell{text: s[p:], pos: r.pos(l, p)})
	}
	if found == 0 && hasDataColumns(roles) && !descriptionOnly(cells, roles) &&
		!(identifierLike(s[j:nameEnd]) && len(wordSpans(s[start:])) <= len(roles)) {
		return nil, 0, false
	}
	joinTypeWord(cells, roles)
	return cells, found, true
}

// identifierLike reports a name no prose word looks like: snake_case,
// camelCase, with digits or with nesting marks (cm_id, pageNo, a.b).
func identifierLike(name string) bool {
	if strings.ContainsAny(name, "_.[$0123456789") {
		return true
	}
	for i := 1; i < len(name); i++ {
		if name[i] >= 'A' && name[i] <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z' {
			return true
		}
	}
	return false
}

// descriptionOnly reports a row that gives a name and nothing but a
// description in Chinese, or nothing at all: rows whose type and yes/no
// cells were left empty. An English line that merely starts with a word
// is a wrapped description, not such a row.
func descriptionOnly(cells []rawCell, roles []column) bool {
	if len(cells) > len(roles) {
		return false
	}
	d := indexOf(roles, colDescription)
	if d < 0 {
		return strings.TrimSpace(strings.Join(cellTexts(cells[1:], markupText), "")) == ""
	}
	desc := strings.TrimSpace(cells[d].text)
	if desc == "" {
		return true
	}
	c, _ := utf8.DecodeRuneInString(desc)
	return c >= utf8.RuneSelf
}

func joinTypeWord(cells []rawCell, roles []column) {
	ti, di := indexOf(roles, colType), indexOf(roles, colDescription)
	if ti < 0 || di < 0 || cells[ti].text == "" {
		return
	}
	if d := strings.TrimSpace(cells[di].text); typeWords[strings.ToLower(d)] {
		cells[ti].text += " " + d
		cells[di].text = ""
	}
}

func wordFits(c column, w string) bool {
	switch c {
	case colType:
		_, rest, ok := splitTypeToken(w)
		return ok && rest == ""
	case colRequired, colOptional:
		return readRequired(w) != RequiredUnknown
	case colIn:
		return readIn(w) != ""
	}
	return false
}

func hasDataColumns(roles []column) bool {
	for _, c := range roles[1:] {
		if c != colDescription {
			return true
		}
	}
	return false
}

func indexOf(roles []column, c column) int {
	for i, x := range roles {
		if x == c {
			return i
		}
	}
	return -1
}

func wordLen(s string) int {
	if i := strings.IndexFunc(s, isSpace); i >= 0 {
		return i
	}
	return len(s)
}

func skipBlank(s string, i int) int {
	for i < len(s) {
		c, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(c) {
			break
		}
		i += size
	}
	return i
}

func lastWordStart(s string) int {
	s = strings.TrimRight(s, " \t\u3000")
	i := strings.LastIndexFunc(s, isSpace)
	if i < 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}

// wordSpans returns the byte spans of the words of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		i = skipBlank(s, i)
		if i >= len(s) {
			break
		}
		n := wordLen(s[i:])
		out = append(out, [2]int{i, i + n})
		i += n
	}
	return out
}

// cellTableAt reports whether line i starts a table copied one cell per
// paragraph: header words each on their own line (Parameter, Type, …).
func (r *lineReader) cellTableAt(i int) bool {
	n, _ := r.cellHeader(i)
	return n > 0
}

// cellHeader returns the number of header cells starting at line i and
// the index of the line after the last, or 0 when there is no such header.
func (r *lineReader) cellHeader(i int) (int, int) {
	var words []string
	j := i
	for j < len(r.lines) && len(words) < 8 {
		t := cellLine(r.lines[j].text)
		if t == "" {
			j++
			continue
		}
		c := headerColumn(t)
		if c == colUnknown || c == colName && len(words) > 0 && !hasHan(t) || strings.ContainsAny(t, " :：") {
			break
		}
		if sl, ok := classifyLabel(t); ok && len(words) == 0 && (sl.label == labelRequestParams || sl.label == labelResponseParams) {
			// 请求参数 above 参数名 / 类型: the label of the table, not its
			// first column.
			return 0, 0
		}
		words = append(words, t)
		j++
	}
	if len(words) < 2 {
		return 0, 0
	}
	roles, ok := headerRoles(words)
	if !ok || roles[0] != colName {
		return 0, 0
	}
	return len(words), j
}

// cellLine is the text of a line holding one cell. Some copies end each
// cell with the pipe that separated it from the next ("字段名 |").
func cellLine(text string) string {
	t := strings.TrimSpace(text)
	if u, ok := strings.CutSuffix(t, "|"); ok && !strings.Contains(u, "|") {
		t = strings.TrimSpace(u)
	}
	return t
}

// cellTable reads a table copied one cell per paragraph, grouping the
// paragraphs after the header by the header's width.
func (r *lineReader) cellTable() {
	n, end := r.cellHeader(r.i)
	first := r.lines[r.i]
	rt := &rawTable{pos: r.pos(first, first.firstNonSpace()), markup: markupText}
	for ; r.i < end; r.i++ {
		if l := r.lines[r.i]; !l.blank() {
			rt.header = append(rt.header, rawCell{text: cellLine(l.text), pos: r.pos(l, l.firstNonSpace())})
		}
	}
	var row *rawRow
	for ; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		if l.blank() {
			continue
		}
		t := cellLine(l.text)
		if t != "" && (r.endsPlainTable(l) || bulletItem.MatchString(l.text)) {
			break
		}
		if row == nil && !isTitleLine(t) && !plainName.MatchString(t) {
			break // prose after the table
		}
		if row == nil {
			rt.rows = append(rt.rows, rawRow{pos: r.pos(l, l.firstNonSpace())})
			row = &rt.rows[len(rt.rows)-1]
		}
		row.cells = append(row.cells, rawCell{text: t, pos: r.pos(l, l.firstNonSpace())})
		if len(row.cells) == n {
			row = nil
		}
	}
	r.add(block{kind: blockTable, pos: rt.pos, table: rt})
}
