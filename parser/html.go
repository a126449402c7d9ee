package parser

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/apigen/apigen/parser/diag"
	"golang.org/x/net/html"
)

// readHTML reads an HTML page with parameter tables: any <table> whose
// header matches the header vocabulary, with the headings, labels, lists
// and <pre> blocks around it.
func readHTML(doc *Document, src string) { assemble(doc, pageBlocks(doc, src)) }

// readShowDocHTML reads a ShowDoc page saved as HTML. ShowDoc renders its
// Markdown template (<p><strong>请求URL:</strong></p><ul><li><code>…) into
// the same structure any HTML page has, so the HTML reader reads it.
func readShowDocHTML(doc *Document, src string) { assemble(doc, pageBlocks(doc, src)) }

func pageBlocks(doc *Document, src string) []block {
	offs := newOffsets(doc.File, src)
	root, at, err := parseHTML(src, 0, offs, &doc.Diagnostics)
	if err != nil {
		doc.Diagnostics.Add(diag.Pos{File: doc.File, Line: 1}, diag.ReadFailed, "the HTML cannot be read: %v", err)
		return nil
	}
	w := &htmlWalker{src: src, offs: offs, at: at, inside: innerFlags(root)}
	w.walk(root)
	w.flush()
	return adoptOrphanRows(w.blocks)
}

// htmlBlocks reads an HTML fragment embedded in a Markdown page, src[start:
// end], keeping positions in the page.
func htmlBlocks(src string, start, end int, offs *offsets, diags *diag.List) []block {
	root, at, err := parseHTML(src[start:end], start, offs, diags)
	if err != nil {
		return []block{{kind: blockText, pos: offs.pos(start), text: src[start:end]}}
	}
	w := &htmlWalker{src: src, offs: offs, at: at, inside: innerFlags(root), cursor: start}
	w.walk(root)
	w.flush()
	return w.blocks
}

// rawTextTags hold text, not markup, up to their end tag: left open, one
// hides the rest of the page from a browser and from the HTML parser.
var rawTextTags = map[string]bool{"title": true, "textarea": true, "script": true, "style": true, "xmp": true,
	"noembed": true, "noframes": true, "iframe": true, "noscript": true}

var tagLike = regexp.MustCompile(`<(?:[A-Za-z!]|/[A-Za-z])`)

// parseHTML parses src, found at offset base of the page. A raw-text
// element that is never closed and holds markup is the page's mistake, not
// its content: its start tag is blanked out (keeping every offset) and the
// page parsed again (W031).
func parseHTML(src string, base int, offs *offsets, diags *diag.List) (*html.Node, map[*html.Node]tagSpan, error) {
	for range 8 {
		root, err := html.Parse(strings.NewReader(src))
		if err != nil {
			return nil, nil, err
		}
		at := tagPositions(root, src, base)
		n, sp, ok := unclosedRawText(root, at, src, base)
		if !ok {
			return root, at, nil
		}
		diags.Add(offs.pos(sp.start), diag.UnclosedRawText, "<%s> is never closed and would hide the rest of the page; its start tag was read as text", n.Data)
		blank := []byte(src)
		for i := sp.start - base; i < sp.end-base; i++ {
			if blank[i] != '\n' {
				blank[i] = ' '
			}
		}
		src = string(blank)
	}
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, nil, err
	}
	return root, tagPositions(root, src, base), nil
}

func unclosedRawText(root *html.Node, at map[*html.Node]tagSpan, src string, base int) (*html.Node, tagSpan, bool) {
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || !rawTextTags[n.Data] || n.FirstChild == nil {
			continue
		}
		sp, ok := at[n]
		if !ok || !tagLike.MatchString(n.FirstChild.Data) {
			continue
		}
		if !strings.Contains(strings.ToLower(src[sp.end-base:]), "</"+n.Data) {
			return n, sp, true
		}
	}
	return nil, tagSpan{}, false
}

// htmlWalker cuts a parsed HTML tree into blocks in document order.
type htmlWalker struct {
	src    string
	offs   *offsets
	at     map[*html.Node]tagSpan
	inside map[*html.Node]inner
	blocks []block

	// run collects text and inline elements that sit directly in a
	// container (text before the first <p> of a ShowDoc page).
	run      strings.Builder
	runStart int // source offset of the run, -1 when unknown
	cursor   int // source offset reached so far, for finding text
}

var (
	skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "head": true, "svg": true,
		"iframe": true, "object": true, "button": true, "select": true, "textarea": true, "input": true, "canvas": true,
		"math": true, "nav": true, "aside": true, "footer": true}
	blockTags = map[string]bool{"address": true, "article": true, "blockquote": true, "body": true, "caption": true,
		"center": true, "dd": true, "details": true, "dialog": true, "div": true, "dl": true, "dt": true, "fieldset": true,
		"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true,
		"h5": true, "h6": true, "header": true, "hgroup": true, "hr": true, "html": true, "li": true, "main": true,
		"ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true, "tbody": true, "td": true,
		"tfoot": true, "th": true, "thead": true, "tr": true, "ul": true}
)

func (w *htmlWalker) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.inline(c)
		case html.ElementNode:
			w.element(c)
		}
	}
}

func (w *htmlWalker) pos(n *html.Node) diag.Pos {
	if sp, ok := w.at[n]; ok {
		w.cursor = max(w.cursor, sp.start)
		return w.offs.pos(sp.start)
	}
	return w.offs.pos(w.cursor)
}

func (w *htmlWalker) inline(n *html.Node) {
	if n.Type == html.ElementNode && n.Data == "br" {
		w.run.WriteByte('\n')
		return
	}
	if w.run.Len() == 0 {
		w.runStart = -1
		if sp, ok := w.at[n]; ok {
			w.runStart = sp.start
		}
	}
	w.run.WriteString(nodeText(n, false))
}

// flush turns the collected inline run into text blocks, one per line,
// finding each line in the source for its position.
func (w *htmlWalker) flush() {
	if w.run.Len() == 0 {
		return
	}
	text := w.run.String()
	w.run.Reset()
	from := w.cursor
	if w.runStart >= 0 {
		from = w.runStart
	}
	for _, l := range strings.Split(text, "\n") {
		t := collapseSpace(l)
		if t == "" {
			continue
		}
		at := from
		window := w.src[min(from, len(w.src)):min(from+searchWindow, len(w.src))]
		if i := strings.Index(window, firstWord(t)); i >= 0 {
			at = from + i
			from = at + len(firstWord(t))
		}
		w.cursor = max(w.cursor, at)
		w.blocks = append(w.blocks, block{kind: blockText, pos: w.offs.pos(at), text: t, markup: markupPlain})
	}
}

// searchWindow bounds how far ahead a line of text is looked for in the
// source: text the parser changed (entities) is not found, and looking
// through the whole page for each such line would make reading quadratic.
const searchWindow = 1 << 14

func firstWord(t string) string {
	if i := strings.IndexFunc(t, isSpace); i > 0 {
		return t[:i]
	}
	return t
}

func (w *htmlWalker) element(n *html.Node) {
	name := n.Data
	if skipTags[name] {
		return
	}
	if !blockTags[name] {
		if name == "br" || w.inside[n]&innerBlock == 0 {
			w.inline(n)
			return
		}
		w.flush()
		w.walk(n)
		return
	}
	w.flush()
	switch {
	case (name == "ul" || name == "ol") && tableOfContents(n):
		// The page's table of contents: navigation, whose entries would
		// read as labels.
	case len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6':
		if w.inside[n]&innerBlock != 0 {
			w.brokenHeading(n, int(name[1]-'0'))
			return
		}
		w.leaf(n, blockHeading, int(name[1]-'0'))
	case name == "table":
		w.table(n, "")
	case name == "pre":
		w.pre(n)
	case name == "li":
		if w.inside[n]&innerBlock != 0 {
			w.walk(n)
			w.flush()
			return
		}
		w.leaf(n, blockItem, 0)
	case name == "hr":
	case leafTags[name] && w.inside[n]&innerBlock == 0:
		w.leaf(n, blockText, 0)
	default:
		w.walk(n)
		w.flush()
	}
}

var leafTags = map[string]bool{"p": true, "dt": true, "dd": true, "caption": true, "div": true, "td": true, "th": true,
	"blockquote": true, "summary": true, "figcaption": true, "address": true, "center": true, "section": true,
	"article": true, "header": true, "main": true, "body": true}

// leaf adds an element without block children as one block per line of
// its text (<br> breaks lines).
func (w *htmlWalker) leaf(n *html.Node, kind blockKind, level int) {
	p := w.pos(n)
	bold := isBold(n)
	for _, l := range strings.Split(nodeText(n, false), "\n") {
		if t := collapseSpace(l); t != "" {
			w.blocks = append(w.blocks, block{kind: kind, pos: p, text: t, markup: markupPlain, bold: bold, level: level})
		}
	}
}

// brokenHeading reads a heading that holds blocks, as an unclosed <h2>
// swallowing the table after it does: its text up to the first block is
// the heading, and the blocks are read as if they followed it.
func (w *htmlWalker) brokenHeading(n *html.Node, level int) {
	var b strings.Builder
	c := n.FirstChild
	for ; c != nil && !(c.Type == html.ElementNode && (blockTags[c.Data] || w.inside[c]&innerBlock != 0)); c = c.NextSibling {
		b.WriteString(nodeText(c, false))
	}
	if t := collapseSpace(b.String()); t != "" {
		w.blocks = append(w.blocks, block{kind: blockHeading, pos: w.pos(n), text: t, markup: markupPlain, level: level})
	}
	for ; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.inline(c)
		case html.ElementNode:
			w.element(c)
		}
	}
	w.flush()
}

// pre adds a code block. Its text is the source between the tags when
// that is plain text (entities decoded), so that positions inside a JSON
// example point into the page line for line; with markup inside (syntax
// highlighting), it is the text of the nodes, kept on one line if the
// parser made more lines of it than the source has.
func (w *htmlWalker) pre(n *html.Node) {
	contentAt := w.cursor
	if sp, ok := w.at[n]; ok {
		contentAt = sp.end
	}
	lang := ""
	if code := goquery.NewDocumentFromNode(n).Find("code").First(); code.Length() > 0 {
		if sp, ok := w.at[code.Nodes[0]]; ok && sp.start >= contentAt {
			contentAt = sp.end
		}
		for _, c := range strings.Fields(code.AttrOr("class", "")) {
			if l, ok := strings.CutPrefix(c, "language-"); ok {
				lang = l
			}
		}
	}
	w.pos(n)
	contentAt = min(contentAt, len(w.src))
	rest := w.src[contentAt:]
	span := rest[:endTag(rest)]
	text := preText(n)
	switch {
	case !strings.ContainsRune(span, '<'):
		text = html.UnescapeString(span)
	case strings.Count(text, "\n") > strings.Count(span, "\n"):
		text = strings.ReplaceAll(text, "\n", " ")
	}
	text = strings.TrimRight(text, " \t\r\n")
	k := len(text) - len(strings.TrimLeft(text, " \t\r\n\u00a0"))
	s := len(rest) - len(strings.TrimLeft(rest, " \t\r\n"))
	w.blocks = append(w.blocks, block{kind: blockCode, pos: w.offs.pos(contentAt + s), text: text[k:], markup: markupPlain, lang: lang})
}

// endTag returns the offset of the first end tag in s, or len(s).
func endTag(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '<' && s[i+1] == '/' {
			return i
		}
	}
	return len(s)
}

// preText is the text of a code block: its text nodes, a <br> a line
// break, and no breaks added for elements.
func preText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		switch {
		case d.Type == html.TextNode:
			b.WriteString(d.Data)
		case d.Type == html.ElementNode && d.Data == "br":
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// table adds a table with its header row: the <thead> row, else the first
// of the first rows that reads as a parameter header (a caption row may
// come first), else the first row. A table with tables inside is a layout
// table unless its own header lists parameters; then the tables inside are
// the nested fields of the row holding them, and follow it named by it.
func (w *htmlWalker) table(n *html.Node, caption string) {
	tablePos := w.pos(n)
	rows := tableRows(n)
	head, isParams := 0, false
	for i := 0; i < min(3, len(rows)); i++ {
		if _, ok := headerRoles(cellTexts(w.cells(rows[i]), markupPlain)); ok {
			head, isParams = i, true
			break
		}
		if rows[i].Parent != nil && rows[i].Parent.Data == "thead" {
			break
		}
	}
	if !isParams && w.inside[n]&innerTable != 0 {
		w.walk(n)
		w.flush()
		return
	}
	// Every row goes to the table layer, the rows above the header too: a
	// caption row names the table, a label row states the address.
	rt := &rawTable{pos: tablePos, markup: markupPlain}
	spans := map[int]int{}
	head = 0
	for i, tr := range rows {
		cells := w.spannedCells(tr, spans)
		if i == head {
			rt.header = cells
			continue
		}
		row := rawRow{pos: w.pos(tr), cells: cells}
		row.spanning = len(rt.header) > 1 && countCells(tr) == 1 && len(cells) >= len(rt.header)
		rt.rows = append(rt.rows, row)
	}
	w.blocks = append(w.blocks, block{kind: blockTable, pos: rt.pos, table: rt, markup: markupPlain, caption: caption})
	for _, tr := range rows {
		for _, inner := range nestedIn(tr, "table") {
			w.table(inner, captionOf(tr))
		}
		// An example left inside a cell by an unclosed table is still
		// the page's example.
		for _, pre := range nestedIn(tr, "pre") {
			w.pre(pre)
		}
	}
}

func countCells(tr *html.Node) int {
	n := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
			n++
		}
	}
	return n
}

// nestedIn returns the elements named tag in a row's cells that no table
// or other such element inside the row encloses.
func nestedIn(tr *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type != html.ElementNode:
			case c.Data == tag:
				out = append(out, c)
			case c.Data != "table":
				find(c)
			}
		}
	}
	find(tr)
	return out
}

// captionOf is the name in a row's first cell, which names a table nested
// in the row.
func captionOf(tr *html.Node) string {
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
			name, _, _ := splitNest(nodeText(c, true))
			return name
		}
	}
	return ""
}

// tableRows returns the rows of a table, not those of tables inside it.
func tableRows(table *html.Node) []*html.Node {
	var rows []*html.Node
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type != html.ElementNode:
		case c.Data == "tr":
			rows = append(rows, c)
		case c.Data == "thead" || c.Data == "tbody" || c.Data == "tfoot":
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.Data == "tr" {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// cells returns the cells of a row; a cell spanning columns is followed by
// empty cells, so that the cells after it stay under their headers.
func (w *htmlWalker) cells(tr *html.Node) []rawCell {
	return w.spannedCells(tr, nil)
}

// spannedCells returns the cells of a row, with an empty cell wherever a
// cell of a row above spans down into this one (rowspan): a products
// cell spanning three rows heads the rows of its children, which sit one
// column to the right. spans carries the rows still to span per column.
func (w *htmlWalker) spannedCells(tr *html.Node, spans map[int]int) []rawCell {
	var out []rawCell
	fill := func(p diag.Pos) {
		for spans[len(out)] > 0 {
			spans[len(out)]--
			out = append(out, rawCell{pos: p})
		}
	}
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || (c.Data != "td" && c.Data != "th") {
			continue
		}
		p := w.pos(c)
		fill(p)
		cell := goquery.NewDocumentFromNode(c)
		if down, _ := strconv.Atoi(cell.AttrOr("rowspan", "1")); down > 1 && spans != nil {
			spans[len(out)] = min(down, 64) - 1
		}
		text := strings.ReplaceAll(nodeText(c, true), "\n", " ")
		if n := cssIndent(c); n > 0 {
			text = strings.Repeat("\u00a0", n) + text
		}
		out = append(out, rawCell{text: text, pos: p})
		span, _ := strconv.Atoi(cell.AttrOr("colspan", "1"))
		for k := 1; k < min(span, 32); k++ {
			out = append(out, rawCell{pos: p})
		}
	}
	if len(out) > 0 {
		fill(out[len(out)-1].pos)
	}
	return out
}

// cssIndent reads the indentation a cell's style draws before its text
// (padding-left: 20px on the cell or the element that opens it), as the
// tree tables of doc generators nest their rows: in no-break
// spaces, one per 10px.
func cssIndent(n *html.Node) int {
	for d := n; d != nil; d = firstElement(d) {
		for _, a := range d.Attr {
			if a.Key != "style" {
				continue
			}
			if m := indentStyle.FindStringSubmatch(a.Val); m != nil {
				return cssLength(m[1], m[2])
			}
		}
	}
	return 0
}

// firstElement returns n's first child when it is an element with only
// white space before it: the element that opens n's content.
func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode:
			return c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		default:
			return nil
		}
	}
	return nil
}

// cssLength converts a CSS length to no-break spaces, one per 10px.
func cssLength(num, unit string) int {
	v, _ := strconv.ParseFloat(num, 64)
	if unit == "em" || unit == "rem" {
		v *= 16
	}
	return min(int(v/10), 64)
}

var indentStyle = regexp.MustCompile(`(?i)(?:padding-left|margin-left|text-indent)\s*:\s*([0-9.]+)\s*(px|em|rem)`)

// tableOfContents reports a list whose every item is a link into the page
// itself (<a href="#uri">URI</a>), perhaps with a list of such items below.
func tableOfContents(list *html.Node) bool {
	items := 0
	for li := list.FirstChild; li != nil; li = li.NextSibling {
		if li.Type != html.ElementNode {
			if li.Type == html.TextNode && strings.TrimSpace(li.Data) != "" {
				return false
			}
			continue
		}
		if li.Data != "li" {
			return false
		}
		items++
		link := goquery.NewDocumentFromNode(li).ChildrenFiltered("a").First()
		if !strings.HasPrefix(link.AttrOr("href", ""), "#") {
			return false
		}
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
				return false
			case c.Type == html.ElementNode && c != link.Nodes[0] && !((c.Data == "ul" || c.Data == "ol") && tableOfContents(c)):
				return false
			}
		}
	}
	return items > 0
}

// nodeText returns the text of a node, with <br> and block elements as
// line breaks and script or style content left out. A table cell's text
// leaves out the tables nested in it, which are read as tables.
func nodeText(n *html.Node, skipTables bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			return
		case html.ElementNode:
			if skipTags[c.Data] || skipTables && c != n && c.Data == "table" {
				return
			}
			if c.Data == "br" {
				b.WriteByte('\n')
				return
			}
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
		if c.Type == html.ElementNode && blockTags[c.Data] && c.Data != "td" && c.Data != "th" {
			b.WriteByte('\n')
		}
	}
	walk(n)
	return b.String()
}

// inner records what an element holds, so that the walker decides between
// reading an element as one block and walking into it without rescanning
// the subtree at every level.
type inner uint8

const (
	innerBlock inner = 1 << iota // a block element, so the element is not one line of text
	innerTable                   // a table, so a table around it is for layout
)

func innerFlags(root *html.Node) map[*html.Node]inner {
	flags := map[*html.Node]inner{}
	var visit func(*html.Node) inner
	visit = func(n *html.Node) inner {
		var f inner
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f |= visit(c)
			if c.Type == html.ElementNode {
				if blockTags[c.Data] {
					f |= innerBlock
				}
				if c.Data == "table" {
					f |= innerTable
				}
			}
		}
		if f != 0 {
			flags[n] = f
		}
		return f
	}
	visit(root)
	return flags
}

// isBold reports whether all the text of n is inside <strong> or <b>: the
// label lines of a ShowDoc page (<p><strong>请求URL:</strong></p>).
func isBold(n *html.Node) bool {
	bold, any := true, false
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, in bool) {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) != "" {
			any = true
			bold = bold && in
		}
		if n.Type == html.ElementNode && (n.Data == "strong" || n.Data == "b") {
			in = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in)
		}
	}
	walk(n, false)
	return any && bold
}
