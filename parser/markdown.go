package parser

import (
	"regexp"
	"strings"

	"github.com/apigen/apigen/parser/diag"
)

// readText reads a plain-text doc page, the form a rendered vendor page
// takes when copied (Waiqin365's docs): '#' headings, label lines such as
// 请求方式: and 请求地址:, JSON blocks, and tables whose cells are separated
// by white space.
func readText(doc *Document, src string) { assemble(doc, lineBlocks(doc, src)) }

// readAsciiDoc reads AsciiDoc as API doc generators write it:
// = headings, .captions, |=== tables, ---- and .... blocks. Its structure
// maps onto the same blocks as Markdown's.
func readAsciiDoc(doc *Document, src string) {
	r := &lineReader{doc: doc, src: src, lines: splitLines(src), adoc: true}
	r.read()
	assemble(doc, r.blocks)
}

// readMarkdown reads a Markdown API doc: headings, bold or bare labels,
// pipe tables, fenced and bare JSON blocks, and HTML tables embedded in
// the Markdown.
func readMarkdown(doc *Document, src string) { assemble(doc, lineBlocks(doc, src)) }

// readShowDocMarkdown reads ShowDoc's Markdown source (**请求URL:**). Its
// structure is Markdown's; it is a format of its own for -from and for
// Document.Format.
func readShowDocMarkdown(doc *Document, src string) { assemble(doc, lineBlocks(doc, src)) }

// readPlain reads text copied from a rendered doc site that keeps no
// Markdown marks: tables are rows of words under a header line, one cell
// per paragraph, or one cell per bullet; JSON examples may be numbered.
func readPlain(doc *Document, src string) { assemble(doc, lineBlocks(doc, src)) }

// lineReader cuts a Markdown or plain-text page into blocks line by line.
type lineReader struct {
	doc    *Document
	src    string
	lines  []line
	i      int
	blank  bool // the line before the current one was blank
	blocks []block
	offs   *offsets   // for HTML embedded in the page, built on first use
	adoc   bool       // the page is AsciiDoc
	rst    *reSTState // the page is reStructuredText
	wiki   bool       // the page is in wiki markup
}

func lineBlocks(doc *Document, src string) []block {
	src = blankQuoteMarks(src)
	r := &lineReader{doc: doc, src: src, lines: unfold(splitLines(src))}
	r.read()
	return r.blocks
}

var (
	atxHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	// tightHeading is a heading without the blank after its marks
	// (####参数), as editors that render it as one wrote it: two marks or
	// more, so that #1 and #tag stay text.
	tightHeading = regexp.MustCompile(`^ {0,3}(#{2,6})([^#\s].*?)[ \t]*$`)
	fenceOpen    = regexp.MustCompile("^([ \t]*)(`{3,}|~{3,})[ \t]*([^`\\s]*)")
	thematic     = regexp.MustCompile(`^ {0,3}([-*_])(?:[ \t]*[-*_]){2,}[ \t]*$`)
	listItem     = regexp.MustCompile(`^[ \t\x{3000}]*(?:[-*+•·▪●◦]|\d{1,3}[.)、])[ \t\x{3000}]+`)
	bulletItem   = regexp.MustCompile(`^[ \t\x{3000}]*[•·▪●◦][ \t\x{3000}]+`)
	numberedLine = regexp.MustCompile(`^[ \t]*\d{1,4}\.(?:[ \t]|$)`)
	quoteMark    = regexp.MustCompile(`^[ \t]*(?:>[ \t]?)+`)
	delimRow     = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-*:?[ \t]*)*\|?[ \t]*$`)
	htmlBlockTag = regexp.MustCompile(`(?i)^[ \t]*<(table|pre)\b`)
	// tocEntry is a list item that is only a link into the page itself.
	tocEntry = regexp.MustCompile(`^\[[^\]]+\]\(#[^)\s]*\)$`)
)

func (r *lineReader) read() {
	r.skipFrontMatter()
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		t := strings.TrimSpace(l.text)
		if t == "" {
			r.blank = true
			r.i++
			continue
		}
		wasBlank := r.blank || r.i == 0
		r.blank = false
		switch {
		case r.adoc && r.asciiDocLine(l):
		case r.rst != nil && r.reSTLine(l):
		case r.wiki && r.wikiLine(l):
		case fenceOpen.MatchString(l.text):
			r.fenced()
		case atxHeading.MatchString(l.text) || tightHeading.MatchString(l.text):
			m := atxHeading.FindStringSubmatchIndex(l.text)
			if m == nil {
				m = tightHeading.FindStringSubmatchIndex(l.text)
			}
			b := block{kind: blockHeading, level: m[3] - m[2], pos: r.pos(l, l.firstNonSpace()), exact: true}
			var rest []block
			if m[4] >= 0 {
				b.text, b.pos = l.text[m[4]:m[5]], r.pos(l, m[4])
				// 用户列表<br>GET /users: a heading of two lines, the
				// title and what the line below it states.
				for i, part := range splitBreaks(b.text, m[4]) {
					pb := block{kind: blockText, text: part.text, pos: r.pos(l, part.at), exact: true}
					if i == 0 {
						b.text, b.pos = pb.text, pb.pos
						continue
					}
					rest = append(rest, pb)
				}
			}
			r.add(b)
			r.blocks = append(r.blocks, rest...)
			r.i++
		case htmlBlockTag.MatchString(l.text):
			r.htmlBlock()
		case r.pipeTableAt(r.i):
			r.pipeTable()
		case opensJSON(t):
			r.bareJSON(l.firstNonSpace())
		case wasBlank && isIndentedCode(l.text) && r.indentedJSON():
		case numberedLine.MatchString(l.text) && opensJSON(strings.TrimSpace(numberedLine.ReplaceAllString(l.text, ""))):
			r.numberedJSON()
		case r.plainTableAt(r.i):
			r.plainTable()
		case r.gluedTableAt(r.i):
			r.gluedTable()
		case r.cellTableAt(r.i):
			r.cellTable()
		case thematic.MatchString(l.text):
			r.i++
		default:
			r.textLine(l)
		}
	}
}

func (r *lineReader) pos(l line, i int) diag.Pos { return l.pos(r.doc.File, i) }

type textPart struct {
	text string
	at   int // byte offset in the line
}

// splitBreaks cuts text, found at byte at of its line, at its HTML line
// breaks into the non-blank parts, trimmed, each with its offset.
func splitBreaks(text string, at int) []textPart {
	var parts []textPart
	prev := 0
	add := func(end int) {
		seg := text[prev:end]
		if t := strings.TrimSpace(seg); t != "" {
			parts = append(parts, textPart{text: t, at: at + prev + strings.Index(seg, t)})
		}
	}
	for _, m := range lineBreak.FindAllStringIndex(text, -1) {
		add(m[0])
		prev = m[1]
	}
	add(len(text))
	return parts
}

func (r *lineReader) add(b block) { r.blocks = append(r.blocks, b) }

// blankQuoteMarks turns the marks of quoted lines ("> | 参数 | 类型 |")
// into spaces of the same width: what a quote holds is read like any
// other text, tables and examples included, and every position and byte
// offset stays that of the page.
func blankQuoteMarks(src string) string {
	if !strings.Contains(src, ">") {
		return src
	}
	var b []byte
	for _, l := range splitLines(src) {
		m := quoteMark.FindStringIndex(l.text)
		if m == nil {
			continue
		}
		if b == nil {
			b = []byte(src)
		}
		for i := l.offset + m[0]; i < l.offset+m[1]; i++ {
			if b[i] == '>' {
				b[i] = ' '
			}
		}
	}
	if b == nil {
		return src
	}
	return string(b)
}

// skipFrontMatter skips a YAML front matter block (Apifox and static-site
// exports start with one).
func (r *lineReader) skipFrontMatter() {
	if len(r.lines) == 0 || strings.TrimSpace(r.lines[0].text) != "---" {
		return
	}
	for i := 1; i < len(r.lines) && i < 500; i++ {
		if t := strings.TrimSpace(r.lines[i].text); t == "---" || t == "..." {
			r.i = i + 1
			return
		}
	}
}

// textLine adds a line of text or a list item, without its list mark and with a whole-line bold noted.
func (r *lineReader) textLine(l line) {
	at, markCol := 0, 0
	kind := blockText
	if m := listItem.FindStringIndex(l.text[at:]); m != nil && !strings.HasPrefix(strings.TrimSpace(l.text[at:]), "**") {
		kind, at = blockItem, at+m[1]
		markCol = r.pos(l, l.firstNonSpace()).Col
	}
	for at < len(l.text) && (l.text[at] == ' ' || l.text[at] == '\t') {
		at++
	}
	text := strings.TrimRight(l.text[at:], " \t")
	if kind == blockItem && tocEntry.MatchString(text) {
		// An entry of the page's table of contents ([请求](#list-request)):
		// navigation, whose words would read as labels.
		r.i++
		return
	}
	bold := strings.HasPrefix(text, "**") || strings.HasPrefix(text, "__")
	if at, ok := labelledJSON(text); ok {
		// "请求示例: {" with the example running on below the label.
		r.add(block{kind: kind, pos: r.pos(l, at), text: text[:at], exact: true, bold: bold})
		r.bareJSON(len(l.text) - len(text) + at)
		return
	}
	if text != "" {
		r.add(block{kind: kind, pos: r.pos(l, at), text: text, exact: true, bold: bold, markCol: markCol})
	}
	r.i++
}

// labelledJSON finds a JSON value that starts after the last label of a
// line and does not end on it; it returns the value's byte index.
func labelledJSON(text string) (int, bool) {
	ms := pageLabels(text)
	if len(ms) == 0 {
		return 0, false
	}
	v := ms[len(ms)-1].valueStart
	v += len(text[v:]) - len(trimLeftSpace(text[v:]))
	if !opensJSON(text[v:]) {
		return 0, false
	}
	depth := 0
	return v, scanJSONLine(text[v:], &depth) < 0
}

// fenced reads a fenced code block; an unclosed fence runs to the end of
// the page, as CommonMark has it.
func (r *lineReader) fenced() {
	open := r.lines[r.i]
	m := fenceOpen.FindStringSubmatch(open.text)
	mark := m[2]
	first := r.i + 1
	end := len(r.lines)
	for j := first; j < len(r.lines); j++ {
		t := strings.TrimSpace(r.lines[j].text)
		if strings.HasPrefix(t, mark) && strings.Trim(t, mark[:1]) == "" {
			end = j
			break
		}
	}
	if end == len(r.lines) {
		r.doc.Diagnostics.Add(r.pos(open, open.firstNonSpace()), diag.IgnoredText, "code fence %s is never closed; it runs to the end of the page", mark)
	}
	b := block{kind: blockCode, lang: strings.ToLower(m[3]), pos: r.pos(open, 0)}
	if first < end {
		start := r.lines[first].offset
		stop := r.lines[end-1].offset + len(r.lines[end-1].text)
		b.text, b.pos = r.src[start:stop], r.pos(r.lines[first], 0)
	}
	r.add(b)
	r.i = end + 1
}

// bareJSON reads a JSON block written without a fence, as pages copied
// from rendered docs have it, starting at byte at of the current line.
// Text after the block's last bracket on its line is not part of it.
func (r *lineReader) bareJSON(at int) {
	last, end := jsonLines(r.lines, r.i, at, r.endsBrokenJSON)
	first := r.lines[r.i]
	start := first.offset + at
	stop := r.lines[last].offset + end
	r.add(block{kind: blockCode, pos: r.pos(first, at), text: r.src[start:stop]})
	ll := r.lines[last]
	if rest := strings.TrimSpace(ll.text[end:]); rest != "" {
		// A copy that lost the line break after the example glues the next
		// line to it (}list返回参数说明:): that line is read as any other.
		at := end + len(ll.text[end:]) - len(trimLeftSpace(ll.text[end:]))
		r.add(block{kind: blockText, pos: r.pos(ll, at), text: rest, exact: true})
	}
	r.i = last + 1
}

func (r *lineReader) endsBrokenJSON(l line) bool {
	t := strings.TrimSpace(l.text)
	if t == "" || t[0] == '"' || t[0] == '{' || t[0] == '}' || t[0] == '[' || t[0] == ']' {
		return false
	}
	return opensPart(l)
}

// opensPart reports a line that plainly starts a part of the page of its
// own, ending whatever ran on above it: a heading, a fence, a pipe table
// row, a plain table header or a label.
func opensPart(l line) bool {
	t := strings.TrimSpace(ScanPrefix(l.text))
	if atxHeading.MatchString(l.text) || fenceOpen.MatchString(l.text) || strings.HasPrefix(t, "|") {
		return true
	}
	if _, ok := plainHeader(l.text); ok {
		return true
	}
	if ms := pageLabels(t); len(ms) > 0 && ms[0].start == 0 {
		return true
	}
	_, isLabel := classifyLabel(t)
	return isLabel
}

func isIndentedCode(s string) bool {
	return strings.HasPrefix(s, "    ") || strings.HasPrefix(s, "\t")
}

// indentedJSON reads an indented code block that holds a JSON example
// (possibly after a caption line such as "JSON:"). Indented prose is left
// to be read as text.
func (r *lineReader) indentedJSON() bool {
	if !r.opensIndentedJSON() {
		return false
	}
	end := r.i
	for end < len(r.lines) && (isIndentedCode(r.lines[end].text) || r.lines[end].blank()) {
		end++
	}
	end = lastNonBlank(r.lines, r.i, end-1) + 1
	first := r.lines[r.i]
	text := r.src[first.offset : r.lines[end-1].offset+len(r.lines[end-1].text)]
	r.add(block{kind: blockCode, pos: r.pos(first, 0), text: text})
	r.i = end
	return true
}

// opensIndentedJSON looks at the first lines of an indented block only:
// a JSON value, or a caption line ending in a colon and then one.
func (r *lineReader) opensIndentedJSON() bool {
	for j, seen := r.i, 0; j < len(r.lines) && seen < 2; j++ {
		t := strings.TrimSpace(r.lines[j].text)
		switch {
		case t == "":
			continue
		case !isIndentedCode(r.lines[j].text):
			return false
		case opensJSON(t):
			return true
		case !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "："):
			return false
		}
		seen++
	}
	return false
}

// numberedJSON reads a JSON example whose lines were numbered when the page
// was copied ("  1. {", "  2. "code": 200,"). The numbers are blanked out,
// not cut, so that columns in the example still match the page.
func (r *lineReader) numberedJSON() {
	first := r.i
	var b strings.Builder
	depth := 0
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		m := numberedLine.FindStringIndex(l.text)
		if m == nil {
			break
		}
		if r.i > first {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Repeat(" ", m[1]))
		rest := l.text[m[1]:]
		b.WriteString(rest)
		r.i++
		if scanJSONLine(rest, &depth) >= 0 {
			break
		}
	}
	r.add(block{kind: blockCode, pos: r.pos(r.lines[first], 0), text: b.String()})
}

// htmlBlock reads an HTML table or pre block embedded in Markdown with the
// HTML reader, keeping positions in the page.
func (r *lineReader) htmlBlock() {
	first := r.lines[r.i]
	m := htmlBlockTag.FindStringSubmatch(first.text)
	closeTag := "</" + strings.ToLower(m[1]) + ">"
	end := len(r.lines) - 1
	for j := r.i; j < len(r.lines); j++ {
		if strings.Contains(strings.ToLower(r.lines[j].text), closeTag) {
			end = j
			break
		}
	}
	start := first.offset
	stop := r.lines[end].offset + len(r.lines[end].text)
	if r.offs == nil {
		r.offs = newOffsets(r.doc.File, r.src)
	}
	r.blocks = append(r.blocks, htmlBlocks(r.src, start, stop, r.offs, &r.doc.Diagnostics)...)
	r.i = end + 1
}
