package parser

import (
	"regexp"
	"strings"
)

// reStructuredText is what Sphinx and Read the Docs sites are written in.
// Its structure maps onto the same blocks as Markdown's:
//
//	User API            a title is underlined (and perhaps overlined) with
//	========            one punctuation character; levels go by the order
//	                    in which each style first appears
//	.. list-table::     a table as a list of rows, each a list of cells
//	.. code-block:: json, and a paragraph ending in "::": an indented
//	                    block of code below
//	+------+------+     grid tables, and simple tables ruled with "=":
//	| name | type |     columns from where the rules' runs stand
//
// Other directives (.. note::, .. warning::) are read as the text they
// hold; comments and link targets are skipped.

var (
	reSTDirective = regexp.MustCompile(`^([ \t]*)\.\.[ \t]+([A-Za-z][\w-]*(?::[\w-]+)?)::(?:[ \t]+(.*?))?[ \t]*$`)
	reSTOption    = regexp.MustCompile(`^[ \t]+:[\w -]+:(?:[ \t]|$)`)
	// reSTMarkup is the markup only a reStructuredText page has: a
	// directive, or a grid table's border.
	reSTMarkup  = regexp.MustCompile(`(?m)^[ \t]*(?:\.\.[ \t]+[A-Za-z][\w-]*::|\+(?:-{3,}\+){2,}[ \t]*$)`)
	gridBorder  = regexp.MustCompile(`^[ \t]*\+(?:[-=]+\+)+[ \t]*$`)
	simpleRule  = regexp.MustCompile(`^[ \t]*=+(?:[ \t]+=+)+[ \t]*$`)
	listTableRo = regexp.MustCompile(`^([ \t]*)\*[ \t]+-(?:[ \t]+|$)`)
)

// isReST tells a reStructuredText page: its own markup, and a title
// adorned as only it adorns them: === and --- underline Markdown
// headings too, ~~~ and ^^^ do not.
func isReST(head string) bool {
	if !reSTMarkup.MatchString(head) {
		return false
	}
	prev := ""
	for l := range strings.Lines(head) {
		l = strings.TrimRight(l, " \t\r\n")
		if c, ok := adornment(l); ok && strings.ContainsRune(`~^"'*+#`, rune(c)) && prev != "" && !isSpace(rune(prev[0])) {
			return true
		}
		prev = l
	}
	return false
}

// adornment reports whether s (without trailing blanks) is a title's
// adornment: three or more of one punctuation character.
func adornment(s string) (byte, bool) {
	if len(s) < 3 || !strings.ContainsRune("=-~^\"'*+#:._`", rune(s[0])) {
		return 0, false
	}
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return 0, false
		}
	}
	return s[0], true
}

// readReST reads a reStructuredText page.
func readReST(doc *Document, src string) {
	r := &lineReader{doc: doc, src: src, lines: splitLines(src), rst: &reSTState{}}
	r.read()
	assemble(doc, r.blocks)
}

// reSTState is what reading a reStructuredText page keeps across lines.
type reSTState struct {
	// styles are the title adornments in the order they first appear:
	// the first is level 1. A style is its character, and whether it
	// overlines the title too.
	styles []string
}

// reSTLine reads the reStructuredText constructs at the current line;
// it reports whether it read the line. Anything else is read as
// Markdown-like text.
func (r *lineReader) reSTLine(l line) bool {
	t := strings.TrimRight(l.text, " \t")
	switch {
	case reSTDirective.MatchString(t):
		r.reSTDirective(reSTDirective.FindStringSubmatch(t))
	case strings.HasPrefix(t, ".."):
		// A comment, a link target (.. _name:) or a substitution
		// definition: nothing of the API.
		r.i++
	case r.reSTTitle():
	case gridBorder.MatchString(t):
		r.gridTable()
	case simpleRule.MatchString(t):
		r.simpleTable()
	case t == "::":
		r.i++
		r.reSTLiteral("")
	case strings.HasSuffix(t, "::") && r.indentedBelow():
		// "Request::" ends a paragraph whose literal block follows: the
		// text keeps one colon ("Request:"), or none after a space.
		at := l.firstNonSpace()
		text := strings.TrimSuffix(t[at:], ":")
		if strings.HasSuffix(text, " :") {
			text = strings.TrimRight(strings.TrimSuffix(text, ":"), " \t")
		}
		r.add(block{kind: blockText, pos: r.pos(l, at), text: text, exact: true})
		r.i++
		r.reSTLiteral("")
	default:
		return false
	}
	return true
}

// reSTTitle reads a title at the current line, underlined or overlined
// and underlined, and reports whether there is one.
func (r *lineReader) reSTTitle() bool {
	at := func(i int) string {
		if i >= len(r.lines) {
			return ""
		}
		return strings.TrimRight(r.lines[i].text, " \t")
	}
	text, style := at(r.i), ""
	over, overlined := adornment(text)
	under, underlined := adornment(at(r.i + 1))
	switch {
	case overlined && strings.TrimSpace(at(r.i+1)) != "":
		// ======
		//  Title
		// ======
		if c, ok := adornment(at(r.i + 2)); !ok || c != over {
			return false
		}
		style, text = "over"+string(over), at(r.i+1)
		r.i++
	case !overlined && text != "" && !isSpace(rune(text[0])) && underlined:
		style = string(under)
	default:
		return false
	}
	level := 0
	for i, s := range r.rst.styles {
		if s == style {
			level = i + 1
		}
	}
	if level == 0 {
		r.rst.styles = append(r.rst.styles, style)
		level = len(r.rst.styles)
	}
	l := r.lines[r.i]
	first := l.firstNonSpace()
	r.add(block{kind: blockHeading, level: min(level, 6), pos: r.pos(l, first), text: strings.TrimSpace(text), exact: true})
	r.i += 2
	return true
}

// reSTDirective reads a directive: a table, a block of code, or the text
// an admonition holds.
func (r *lineReader) reSTDirective(m []string) {
	name, arg := strings.ToLower(m[2]), m[3]
	l := r.lines[r.i]
	r.i++
	options := map[string]string{}
	for r.i < len(r.lines) && reSTOption.MatchString(r.lines[r.i].text) {
		key, value, _ := strings.Cut(strings.TrimSpace(r.lines[r.i].text)[1:], ":")
		options[strings.TrimSpace(key)] = strings.TrimSpace(value)
		r.i++
	}
	switch name {
	case "code-block", "code", "sourcecode", "literalinclude", "highlight", "parsed-literal":
		r.reSTLiteral(strings.ToLower(arg))
	case "list-table":
		r.listTable(l, arg, options)
	case "csv-table":
		r.csvTable(l, arg, options)
	default:
		// An admonition's title, a rubric: text of the page. What the
		// directive holds is read as the lines it is.
		if arg != "" && name != "image" && name != "figure" && name != "include" && name != "toctree" {
			at := strings.Index(l.text, arg)
			r.add(block{kind: blockText, pos: r.pos(l, at), text: arg, exact: true})
		}
	}
}

// indentedBelow reports whether an indented line follows the current
// one, past blank lines.
func (r *lineReader) indentedBelow() bool {
	base := indentOf(r.lines[r.i].text)
	for j := r.i + 1; j < len(r.lines); j++ {
		if r.lines[j].blank() {
			continue
		}
		return indentOf(r.lines[j].text) > base
	}
	return false
}

// reSTLiteral reads the indented block at the current line (past blank
// lines) as code.
func (r *lineReader) reSTLiteral(lang string) {
	for r.i < len(r.lines) && r.lines[r.i].blank() {
		r.i++
	}
	if r.i >= len(r.lines) {
		return
	}
	first := r.i
	base := indentOf(r.lines[first].text)
	if base == 0 {
		return
	}
	last := first
	for r.i < len(r.lines) && (r.lines[r.i].blank() || indentOf(r.lines[r.i].text) >= base) {
		if !r.lines[r.i].blank() {
			last = r.i
		}
		r.i++
	}
	r.i = last + 1
	text := r.src[r.lines[first].offset : r.lines[last].offset+len(r.lines[last].text)]
	r.add(block{kind: blockCode, lang: lang, pos: r.pos(r.lines[first], 0), text: text})
}

// indentOf is the width of a line's leading white space, a tab as one.
func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// listTable reads a list-table: "* -" starts a row and its first cell,
// "-" each further cell; a cell's text runs on over the lines indented
// under it. header-rows rows are the header (the first row without it:
// the table layer looks for the header among the rows in any case).
func (r *lineReader) listTable(open line, title string, options map[string]string) {
	var rows [][]rawCell
	base := -1
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		if l.blank() {
			r.i++
			continue
		}
		indent := indentOf(l.text)
		if base < 0 {
			base = indent
		}
		if indent < base || base == 0 {
			break
		}
		t := l.text[indent:]
		switch {
		case listTableRo.MatchString(l.text) && indent == base:
			at := len(listTableRo.FindString(l.text))
			rows = append(rows, []rawCell{{text: strings.TrimSpace(l.text[at:]), pos: r.pos(l, at)}})
		case len(rows) > 0 && (t == "-" || strings.HasPrefix(t, "- ")) && indent > base:
			at := indent + 1
			for at < len(l.text) && (l.text[at] == ' ' || l.text[at] == '\t') {
				at++
			}
			rows[len(rows)-1] = append(rows[len(rows)-1], rawCell{text: strings.TrimSpace(l.text[at:]), pos: r.pos(l, at)})
		case len(rows) > 0:
			// The cell above runs on.
			row := rows[len(rows)-1]
			c := &row[len(row)-1]
			c.text = joinCellLine(c.text, strings.TrimSpace(t))
		default:
			r.i++
			continue
		}
		r.i++
	}
	if title != "" {
		at := strings.Index(open.text, title)
		r.add(block{kind: blockText, pos: r.pos(open, at), text: title, exact: true})
	}
	r.addRows(open, rows, options["header-rows"] != "0")
}

// joinCellLine joins a line of a cell to the text above it, with a line
// break as a table cell's lines keep it.
func joinCellLine(text, line string) string {
	if text == "" {
		return line
	}
	return text + "\n" + line
}

// csvTable reads a csv-table: a header from its :header: option, rows as
// comma-separated lines of the indented block.
func (r *lineReader) csvTable(open line, title string, options map[string]string) {
	var rows [][]rawCell
	if h, ok := options["header"]; ok {
		var header []rawCell
		for _, c := range splitCSV(h) {
			header = append(header, rawCell{text: c, pos: r.pos(open, 0)})
		}
		rows = append(rows, header)
	}
	for r.i < len(r.lines) && (r.lines[r.i].blank() || indentOf(r.lines[r.i].text) > 0) {
		l := r.lines[r.i]
		r.i++
		if l.blank() {
			continue
		}
		at := indentOf(l.text)
		var row []rawCell
		for _, c := range splitCSV(l.text[at:]) {
			row = append(row, rawCell{text: c, pos: r.pos(l, at)})
		}
		rows = append(rows, row)
	}
	if title != "" {
		at := strings.Index(open.text, title)
		r.add(block{kind: blockText, pos: r.pos(open, at), text: title, exact: true})
	}
	r.addRows(open, rows, true)
}

// splitCSV cuts a line of comma-separated values; a value in double
// quotes may hold commas ("" is a quote).
func splitCSV(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// addRows adds a table of rows, the first the header when header says so.
func (r *lineReader) addRows(open line, rows [][]rawCell, header bool) {
	if len(rows) == 0 {
		return
	}
	rt := &rawTable{pos: r.pos(open, 0), markup: markupMarkdown}
	if header {
		rt.header, rows = rows[0], rows[1:]
	}
	for _, row := range rows {
		rt.rows = append(rt.rows, rawRow{pos: row[0].pos, cells: row})
	}
	r.add(block{kind: blockTable, pos: rt.pos, table: rt})
}

// gridTable reads a grid table: columns stand between the + of its top
// border; a border of = ends the header; other borders end a row, whose
// cells are the lines between them joined. A cell that spans columns
// (no | where a column would end) is cut where the columns are.
func (r *lineReader) gridTable() {
	open := r.lines[r.i]
	top := strings.TrimRight(open.text, " \t")
	var cols []int // byte offsets of the + of the top border
	for i := 0; i < len(top); i++ {
		if top[i] == '+' {
			cols = append(cols, i)
		}
	}
	var header []rawCell
	var rows [][]rawCell
	var cur []rawCell
	flush := func() {
		if cur != nil {
			rows = append(rows, cur)
			cur = nil
		}
	}
	r.i++
	for ; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		t := strings.TrimRight(l.text, " \t")
		if gridBorder.MatchString(t) {
			flush()
			if strings.Contains(t, "=") && header == nil && len(rows) == 1 {
				header, rows = rows[0], nil
			}
			continue
		}
		if !strings.HasPrefix(strings.TrimLeft(t, " \t"), "|") {
			break
		}
		spans := displaySpans(t, cols)
		if cur == nil {
			cur = make([]rawCell, len(cols)-1)
			for k := range cur {
				cur[k].pos = r.pos(l, min(spans[k][0]+1, len(l.text)))
			}
		}
		for k := range cur {
			// Past the | that opens the cell.
			lo, hi := min(spans[k][0]+1, spans[k][1]), spans[k][1]
			cur[k].text = joinCellLine(cur[k].text, strings.TrimSpace(t[lo:hi]))
		}
	}
	flush()
	if header != nil {
		rows = append([][]rawCell{header}, rows...)
	}
	r.addRows(open, rows, header != nil)
}

// simpleTable reads a simple table: rules of = runs mark the columns; the
// rows above the second rule are the header. A line whose first column
// is blank goes on the row above; the last column runs to the line's end.
func (r *lineReader) simpleTable() {
	open := r.lines[r.i]
	rule := open.text
	var starts []int
	for i := 0; i < len(rule); i++ {
		if rule[i] == '=' && (i == 0 || rule[i-1] != '=') {
			starts = append(starts, i)
		}
	}
	var rows [][]rawCell
	rules := 1
	header := false
	r.i++
	for ; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		t := strings.TrimRight(l.text, " \t")
		if simpleRule.MatchString(t) {
			rules++
			if rules == 2 && len(rows) > 0 {
				header = true
			}
			if rules == 3 || rules == 2 && r.i+1 < len(r.lines) && r.lines[r.i+1].blank() {
				r.i++
				break
			}
			continue
		}
		if t == "" {
			continue
		}
		spans := displaySpans(t, append(starts, -1))
		if len(rows) > 0 && strings.TrimSpace(t[spans[0][0]:spans[0][1]]) == "" {
			row := rows[len(rows)-1]
			for k, sp := range spans {
				if c := strings.TrimSpace(t[sp[0]:sp[1]]); c != "" {
					row[k].text = joinCellLine(row[k].text, c)
				}
			}
			continue
		}
		var row []rawCell
		for _, sp := range spans {
			row = append(row, rawCell{text: strings.TrimSpace(t[sp[0]:sp[1]]), pos: r.pos(l, sp[0])})
		}
		rows = append(rows, row)
	}
	r.addRows(open, rows, header)
}

// displaySpans cuts a line of a table at display columns: span k holds
// the bytes of columns bounds[k] up to bounds[k+1] (to the line's end when
// that is -1). Tables are drawn for the eye, so a CJK character, two
// columns wide on screen, takes two.
func displaySpans(t string, bounds []int) [][2]int {
	byteAt := func(col int) int {
		if col < 0 {
			return len(t)
		}
		c := 0
		for i, r := range t {
			if c >= col {
				return i
			}
			c += runeWidth(r)
		}
		return len(t)
	}
	spans := make([][2]int, len(bounds)-1)
	for k := range spans {
		spans[k] = [2]int{byteAt(bounds[k]), byteAt(bounds[k+1])}
	}
	return spans
}

// runeWidth is how many columns a character takes on screen: two for the
// wide characters of East Asian scripts, one for the rest.
func runeWidth(c rune) int {
	switch {
	case c >= 0x1100 && c <= 0x115F, c >= 0x2E80 && c <= 0x303E, c >= 0x3041 && c <= 0x33FF,
		c >= 0x3400 && c <= 0x4DBF, c >= 0x4E00 && c <= 0x9FFF, c >= 0xA000 && c <= 0xA4CF,
		c >= 0xAC00 && c <= 0xD7A3, c >= 0xF900 && c <= 0xFAFF, c >= 0xFE30 && c <= 0xFE4F,
		c >= 0xFF00 && c <= 0xFF60, c >= 0xFFE0 && c <= 0xFFE6, c >= 0x20000 && c <= 0x3FFFD:
		return 2
	}
	return 1
}
