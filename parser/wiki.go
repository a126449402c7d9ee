package parser

import (
	"regexp"
	"strings"
)

// Wiki markup is what Google Code, Trac and MoinMoin wikis hold, and what
// projects exported from them keep:
//
//	= 2、输入参数说明 =          a heading between runs of =, its level
//	|| *名称* || *类型* ||       the run's length; a table row between ||,
//	{{{ … }}}                   *bold* cells; a block of code
//
// Its structure maps onto the same blocks as Markdown's; #labels and
// #summary lines are the page's metadata.

var (
	wikiHeading = regexp.MustCompile(`^(={1,6})\s*(\S.*?)\s*=+\s*$`)
	wikiRow     = regexp.MustCompile(`^\s*\|\|.*\|\|\s*$`)
	wikiPragma  = regexp.MustCompile(`^#(?:labels|summary|sidebar)\b`)
	// wikiMarkup is what tells a wiki page: headings between runs of =
	// and a table row or a code block.
	wikiHeadingLine = regexp.MustCompile(`(?m)^=+\s*\S.*?\s*=+\s*$`)
	wikiBodyLine    = regexp.MustCompile(`(?m)^\s*(?:\|\|.*\|\|\s*$|\{\{\{)`)
)

// isWiki tells a wiki page: two headings between runs of =, and a table
// row or a code block. Markdown writes neither.
func isWiki(head string) bool {
	return len(wikiHeadingLine.FindAllStringIndex(head, 2)) == 2 && wikiBodyLine.MatchString(head)
}

// readWiki reads a page in wiki markup.
func readWiki(doc *Document, src string) {
	r := &lineReader{doc: doc, src: src, lines: splitLines(src), wiki: true}
	r.read()
	assemble(doc, r.blocks)
}

// wikiLine reads the wiki constructs at the current line; it reports
// whether it read the line. Anything else is read as Markdown-like text.
func (r *lineReader) wikiLine(l line) bool {
	t := strings.TrimRight(l.text, " \t")
	switch {
	case wikiPragma.MatchString(t):
		r.i++
	case wikiHeading.MatchString(t):
		r.markedHeading(l, t, wikiHeading)
	case wikiRow.MatchString(t):
		r.wikiTable()
	case strings.HasPrefix(strings.TrimSpace(t), "{{{"):
		r.wikiCode()
	default:
		return false
	}
	return true
}

// wikiTable reads consecutive || rows; the first is the header.
func (r *lineReader) wikiTable() {
	open := r.lines[r.i]
	var rows [][]rawCell
	for ; r.i < len(r.lines) && wikiRow.MatchString(strings.TrimRight(r.lines[r.i].text, " \t")); r.i++ {
		l := r.lines[r.i]
		t := strings.TrimRight(l.text, " \t")
		start := strings.Index(t, "||") + 2
		var row []rawCell
		for start <= len(t)-2 {
			end := strings.Index(t[start:], "||")
			if end < 0 {
				break
			}
			text := strings.TrimSpace(t[start : start+end])
			row = append(row, rawCell{text: wikiBold(text), pos: r.pos(l, start)})
			start += end + 2
		}
		rows = append(rows, row)
	}
	r.addRows(open, rows, true)
}

// wikiBold unwraps a cell written bold as a whole (*名称*).
func wikiBold(s string) string {
	if len(s) > 2 && strings.HasPrefix(s, "*") && strings.HasSuffix(s, "*") && !strings.Contains(s[1:len(s)-1], "*") {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// wikiCode reads a {{{ … }}} block as code: from the line after the
// opening braces (or the text after them) to the closing ones.
func (r *lineReader) wikiCode() {
	open := r.lines[r.i]
	if rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(open.text), "{{{")); strings.HasSuffix(rest, "}}}") {
		// {{{ code }}} on one line.
		text := strings.TrimSpace(strings.TrimSuffix(rest, "}}}"))
		r.add(block{kind: blockCode, pos: r.pos(open, 0), text: text})
		r.i++
		return
	}
	first := r.i + 1
	end := first
	for end < len(r.lines) && !strings.HasPrefix(strings.TrimSpace(r.lines[end].text), "}}}") {
		end++
	}
	b := block{kind: blockCode, pos: r.pos(open, 0)}
	if first < end {
		b.text = r.src[r.lines[first].offset : r.lines[end-1].offset+len(r.lines[end-1].text)]
		b.pos = r.pos(r.lines[first], 0)
	}
	r.add(b)
	r.i = min(end+1, len(r.lines))
}
