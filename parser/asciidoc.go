package parser

import (
	"regexp"
	"strings"
)

var (
	adocHeading   = regexp.MustCompile(`^(={1,6})\s+(\S.*?)\s*$`)
	adocBlockMark = regexp.MustCompile(`^(-{4,}|\.{4,}|={4,}|\+{4,}|_{4,})\s*$`)
	adocCaption   = regexp.MustCompile(`^\.([^.\s].*)$`)
	adocAttrLine  = regexp.MustCompile(`^\[[^\]]*\]\s*$|^\[\[[^\]]*\]\]\s*$|^:[\w-]+:`)
	adocCols      = regexp.MustCompile(`cols\s*=\s*"([^"]*)"`)
)

// asciiDocLine reads the AsciiDoc constructs at line i: a heading, a block
// title (.请求参数, a caption), an attribute line, a delimited block (----
// listing, .... literal) as code, a |=== table. It reports whether it read
// the line; anything else is read as Markdown-like text.
func (r *lineReader) asciiDocLine(l line) bool {
	t := strings.TrimRight(l.text, " \t")
	switch {
	case t == "|===":
		r.asciiDocTable()
	case adocHeading.MatchString(t):
		r.markedHeading(l, t, adocHeading)
	case adocBlockMark.MatchString(t):
		r.asciiDocBlock()
	case adocCaption.MatchString(t):
		r.add(block{kind: blockText, pos: r.pos(l, 1), text: t[1:], exact: true})
		r.i++
	case adocAttrLine.MatchString(t):
		r.i++ // [options="header"], [[_anchor]], :toc: — read with the block they annotate
	case strings.HasSuffix(t, " +") && strings.TrimSpace(t) != "+":
		// A hard line break: the line ends before it.
		at := l.firstNonSpace()
		r.add(block{kind: blockText, pos: r.pos(l, at), text: strings.TrimSuffix(t[at:], " +"), exact: true})
		r.i++
	default:
		return false
	}
	return true
}

// markedHeading reads line l (t, trimmed on the right) as a heading whose
// marks re's first group matches, their count its level, and whose text is
// re's second group.
func (r *lineReader) markedHeading(l line, t string, re *regexp.Regexp) {
	m := re.FindStringSubmatchIndex(t)
	r.add(block{kind: blockHeading, level: m[3] - m[2], pos: r.pos(l, m[4]), text: t[m[4]:m[5]], exact: true})
	r.i++
}

// asciiDocBlock reads a delimited block up to its closing delimiter as a
// code block.
func (r *lineReader) asciiDocBlock() {
	open := r.lines[r.i]
	mark := strings.TrimSpace(open.text)
	first := r.i + 1
	end := first
	for end < len(r.lines) && strings.TrimSpace(r.lines[end].text) != mark {
		end++
	}
	b := block{kind: blockCode, pos: r.pos(open, 0), lang: r.sourceLang()}
	if first < end {
		b.text = r.src[r.lines[first].offset : r.lines[end-1].offset+len(r.lines[end-1].text)]
		b.pos = r.pos(r.lines[first], 0)
	}
	r.add(b)
	r.i = min(end+1, len(r.lines))
}

// sourceLang reads the language of a [source,json] line above the block.
func (r *lineReader) sourceLang() string {
	if r.i == 0 {
		return ""
	}
	prev := strings.TrimSpace(r.lines[r.i-1].text)
	if rest, ok := strings.CutPrefix(prev, "[source"); ok {
		return strings.Trim(strings.TrimPrefix(rest, ","), " ]")
	}
	return ""
}

// asciiDocTable reads a |=== table. Each cell starts with | and may run
// over several lines; a row is as many cells as the table has columns,
// counted from cols="…" or from the first line. The first row stands as
// the header; the table layer looks for the header among the rows in any
// case. A hard break ( +) in a cell is a line break, kept for the table
// layer.
func (r *lineReader) asciiDocTable() {
	open := r.lines[r.i]
	attrs := ""
	if r.i > 0 {
		attrs = r.lines[r.i-1].text
	}
	width := 0
	if m := adocCols.FindStringSubmatch(attrs); m != nil {
		width = len(strings.Split(m[1], ","))
	}
	var cells []rawCell
	var firstLineCells int
	r.i++
	for ; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		t := strings.TrimRight(l.text, " \t")
		if t == "|===" {
			r.i++
			break
		}
		if strings.TrimSpace(t) == "" {
			continue
		}
		start := len(cells)
		if !strings.HasPrefix(strings.TrimLeft(t, " \t"), "|") && len(cells) > 0 {
			// The cell above goes on, up to the line's first cell mark.
			lead, rest, _ := strings.Cut(t, "|")
			c := &cells[len(cells)-1]
			c.text += "\n" + strings.TrimSpace(lead)
			if rest == "" && !strings.Contains(t, "|") {
				continue
			}
			t = strings.Repeat(" ", len(lead)) + "|" + rest
			start = len(cells)
		}
		for _, c := range splitAsciiDocCells(t) {
			cells = append(cells, rawCell{text: c.text, pos: r.pos(l, c.start)})
		}
		if firstLineCells == 0 {
			firstLineCells = len(cells) - start
		}
	}
	if width == 0 {
		width = firstLineCells
	}
	if width == 0 {
		return
	}
	for k := range cells {
		cells[k].text = strings.ReplaceAll(cells[k].text, " +\n", "\n")
	}
	rt := &rawTable{pos: r.pos(open, 0), markup: markupMarkdown}
	for k := 0; k < len(cells); k += width {
		row := cells[k:min(k+width, len(cells))]
		if k == 0 {
			rt.header = row
			continue
		}
		rt.rows = append(rt.rows, rawRow{pos: row[0].pos, cells: row})
	}
	r.add(block{kind: blockTable, pos: rt.pos, table: rt})
}

type adocCell struct {
	text  string
	start int
}

// splitAsciiDocCells cuts a table line at its cell marks: each | starts a
// cell (a \| is a pipe in the text).
func splitAsciiDocCells(t string) []adocCell {
	var out []adocCell
	i := strings.IndexByte(t, '|')
	for i >= 0 && i < len(t) {
		j := i + 1
		for j < len(t) && !(t[j] == '|' && t[j-1] != '\\') {
			j++
		}
		out = append(out, adocCell{text: strings.TrimSpace(t[i+1 : j]), start: i + 1})
		if j >= len(t) {
			break
		}
		i = j
	}
	return out
}
