package parser

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
)

// readText reads a plain-text doc page, the form a rendered vendor page takes
// when copied (Waiqin365's docs): '#' headings, label lines such as
// 请求方式: and 请求地址:, JSON blocks, and tables whose cells are separated by
// white space.
func readText(doc *Document, src string) {
	r := &textReader{doc: doc, src: src, lines: splitLines(src)}
	r.read()
}

type textReader struct {
	doc   *Document
	src   string
	lines []line
	i     int

	group string   // the last heading that had no endpoint under it
	sec   *section // the heading section being read

	titlePos  diag.Pos // where doc.Title was read
	preamble  int      // lines before the first section that were not read
	preamPos  diag.Pos // the first of them
	preambled bool     // the preamble diagnostic was reported
}

// section is what a heading covers until the next heading. It becomes an
// endpoint when it names a URL, and a group heading when it holds nothing.
type section struct {
	ep          *Endpoint
	slot        label // what the next JSON block, table or line is for
	slotPos     diag.Pos
	sawResponse bool // a response or data example was read: later tables describe the response
	content     bool // a label, table or example was read: prose alone leaves a group heading a group
	methodNoted bool // a W017 was reported for this section
}

var headingLine = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)

func (r *textReader) read() {
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		text := strings.TrimFunc(l.text, isSpace)
		switch {
		case text == "":
			r.i++
		case headingLine.MatchString(l.text):
			r.startSection(l, headingLine.FindStringSubmatch(l.text)[2])
			r.i++
		case r.sec == nil && r.startsImplicitSection(l):
			// A page copied without headings: the labels start the one
			// endpoint, titled by the page's first line.
			r.finishPreamble()
			r.sec = &section{ep: &Endpoint{Pos: orPos(r.titlePos, r.pos(l, l.firstNonSpace())), Title: r.doc.Title, Group: r.group}}
		case r.sec == nil:
			// Text before the first heading is the page's own preamble.
			if r.doc.Title == "" {
				r.doc.Title, _ = cleanCell(text)
				r.titlePos = r.pos(l, l.firstNonSpace())
			} else {
				if r.preamble == 0 {
					r.preamPos = r.pos(l, l.firstNonSpace())
				}
				r.preamble++
			}
			r.i++
		case looksLikeJSON(text):
			r.readJSON(l.firstNonSpace())
		case r.tableHeader(l) != nil:
			r.readTable()
		default:
			r.readLabels(l)
			r.i++
		}
	}
	r.finishSection()
	r.finishPreamble()
}

// startsImplicitSection reports whether l, met before any heading, starts
// with an endpoint's description, method or URL label.
func (r *textReader) startsImplicitSection(l line) bool {
	ms := findLabels(l.text)
	if len(ms) == 0 || ms[0].start != l.firstNonSpace() {
		return false
	}
	switch ms[0].label {
	case labelDescription, labelMethod, labelURL:
		return true
	}
	return false
}

func (r *textReader) finishPreamble() {
	if r.preamble > 0 && !r.preambled {
		r.preambled = true
		r.doc.Diagnostics.Add(r.preamPos, diag.IgnoredText, "%d line(s) of text before the first heading ignored", r.preamble)
	}
}

func (r *textReader) pos(l line, i int) diag.Pos { return l.pos(r.doc.File, i) }

func (r *textReader) startSection(l line, title string) {
	r.finishSection()
	r.finishPreamble()
	title, _ = cleanCell(title)
	p := r.pos(l, l.firstNonSpace())
	r.sec = &section{ep: &Endpoint{Pos: p, Title: title, Group: r.group}}
}

// finishSection files the current section as an endpoint or a group.
func (r *textReader) finishSection() {
	s := r.sec
	r.sec = nil
	switch {
	case s == nil:
	case s.ep.URL != "":
		if s.ep.Method == "" && !s.methodNoted {
			r.doc.Diagnostics.Add(s.ep.Pos, diag.NoMethod, "endpoint %q names no HTTP method; POST is assumed", s.ep.Title)
		}
		r.doc.Endpoints = append(r.doc.Endpoints, s.ep)
	case !s.content:
		r.group = s.ep.Title
	default:
		r.doc.Diagnostics.Add(s.ep.Pos, diag.SectionWithoutURL, "section %q has tables or examples but no request URL; it is not an endpoint", s.ep.Title)
	}
}

// readLabels handles a line of label/value text such as
// "接口说明:… 请求方式: POST(HTTPS".
func (r *textReader) readLabels(l line) {
	s := r.sec
	matches := findLabels(l.text)
	if len(matches) == 0 {
		if lb := bareLabel(l.text); lb != labelNone {
			s.setSlot(lb, r.pos(l, l.firstNonSpace()))
			return
		}
		// "请求地址:" or "请求方式:" with the value on the line below it.
		at := l.firstNonSpace()
		switch {
		case s.slot == labelURL && s.ep.URL == "":
			r.readURL(l, at, strings.TrimFunc(l.text[at:], isSpace))
			s.slot = labelNone
			return
		case s.slot == labelMethod && s.ep.Method == "":
			r.readMethodLabel(r.pos(l, at), strings.TrimFunc(l.text[at:], isSpace))
			s.slot = labelNone
			return
		}
		r.strayText(l, l.firstNonSpace(), l.text)
		return
	}
	if lead := strings.TrimFunc(l.text[:matches[0].start], isSpace); lead != "" {
		r.strayText(l, l.firstNonSpace(), lead)
	}
	for k, m := range matches {
		end := len(l.text)
		if k+1 < len(matches) {
			end = matches[k+1].start
		}
		value := strings.TrimFunc(l.text[m.valueStart:end], isSpace)
		if k+1 < len(matches) && value == "" && matches[k+1].label == m.label {
			// "响应示例: 响应示例:": the label was copied twice.
			r.doc.Diagnostics.Add(r.pos(l, matches[k+1].start), diag.MalformedLabel, "label %q repeated on one line; read once", m.word)
			continue
		}
		if r.applyLabel(l, m, value) {
			return // the rest of the line was read as a JSON example
		}
	}
}

func (r *textReader) strayText(l line, at int, text string) {
	text = strings.TrimFunc(text, isSpace)
	if text == "" {
		return
	}
	if r.sec.slot == labelDescription {
		// Descriptions run on until the next label.
		r.sec.ep.Description = joinText(r.sec.ep.Description, cleanText(text))
		return
	}
	r.doc.Diagnostics.Add(r.pos(l, at), diag.IgnoredText, "stray text %q in section %q ignored", shorten(text, 40), r.sec.ep.Title)
}

// applyLabel reads one label and its value. It reports whether the value
// started a JSON example, which consumes the rest of the line and beyond.
func (r *textReader) applyLabel(l line, m labelMatch, value string) bool {
	s := r.sec
	p := r.pos(l, m.start)
	vp := r.pos(l, m.valueStart+len(l.text[m.valueStart:])-len(trimLeftSpace(l.text[m.valueStart:])))
	s.setSlot(m.label, p)
	switch m.label {
	case labelDescription:
		s.content = true
		s.ep.Description = joinText(s.ep.Description, cleanText(value))
	case labelMethod:
		s.content = true
		if value != "" {
			r.readMethodLabel(vp, value)
			s.slot = labelNone
		}
	case labelURL:
		s.content = true
		if value != "" {
			r.readURL(l, m.valueStart, value)
			s.slot = labelNone
		}
	case labelAuth:
		s.content = true
		s.ep.Auth = cleanText(value)
		s.slot = labelNone
	case labelNote:
		s.slot = labelNone
	default:
		if looksLikeJSON(value) {
			// An example written on the label's own line.
			r.readJSONFrom(r.i, m.valueStart+strings.Index(l.text[m.valueStart:], value[:1]))
			r.i-- // read() advances past the current line
			return true
		}
		if value != "" {
			r.strayText(l, m.valueStart, value)
		}
	}
	return false
}

func (r *textReader) readMethodLabel(vp diag.Pos, value string) {
	s := r.sec
	method := readMethod(value)
	switch {
	case method == "":
		r.doc.Diagnostics.Add(vp, diag.NoMethod, "method %q is not an HTTP method; POST is assumed", shorten(value, 40))
		s.methodNoted = true
		return
	case s.ep.Method != "" && s.ep.Method != method:
		r.doc.Diagnostics.Add(vp, diag.IgnoredText, "second method %s in section %q ignored (first %s at %s)", method, s.ep.Title, s.ep.Method, s.ep.MethodPos)
		return
	case s.ep.Method != "":
		return
	}
	s.ep.Method, s.ep.MethodPos = method, vp
	if strings.Count(value, "(")+strings.Count(value, "（") != strings.Count(value, ")")+strings.Count(value, "）") {
		r.doc.Diagnostics.Add(vp, diag.MalformedLabel, "method label %q has an unbalanced parenthesis; read as %s", value, method)
	}
}

func (s *section) setSlot(lb label, p diag.Pos) {
	s.slot, s.slotPos = lb, p
}

// urlTemplate matches a path template written with spaces, "{ openid }".
var urlTemplate = regexp.MustCompile(`\{\s*([A-Za-z_][A-Za-z0-9_\-]*)\s*\}`)

// urlShaped accepts what docs write after a URL label: an absolute URL or
// a path, or a relative path in ASCII ("returnmoneyrecord/add"), so that
// prose after a URL: label is not taken for one.
var urlShaped = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9+.\-]*://\S+|/\S*|[A-Za-z0-9_.~%{}/:@!$&'()*+,;=?#\[\]\-]+)$`)

// urlArtifacts are button captions copied along with a URL.
var urlArtifacts = map[string]bool{"在线调试": true, "在線調試": true, "调试": true, "复制": true, "Copy": true, "Try": true}

// gluedArtifacts are the captions also cut when copied without the space
// before them ("…/{msg_id}在线调试"), longest first. ASCII captions are not:
// "/retry" ends in "try".
var gluedArtifacts = []string{"在线调试", "在線調試", "调试", "复制"}

// readURL reads the value of a URL label: value is the trimmed text from
// byte at of l.
func (r *textReader) readURL(l line, at int, value string) {
	s := r.sec
	s.content = true
	if value == "" {
		return
	}
	at += len(l.text[at:]) - len(trimLeftSpace(l.text[at:]))
	n := urlTokenEnd(value)
	if m := readMethod(value[:n]); m != "" && strings.EqualFold(m, value[:n]) && n < len(value) {
		// "URL: POST /api/x": the method written before the path.
		r.readMethodLabel(r.pos(l, at), value[:n])
		skip := n + len(value[n:]) - len(trimLeftSpace(value[n:]))
		at, value = at+skip, value[skip:]
		n = urlTokenEnd(value)
	}
	p := r.pos(l, at)
	url := strings.TrimRight(strings.Trim(urlTemplate.ReplaceAllString(value[:n], "{$1}"), "`'\"<>"), ".,;，。；")
	for _, a := range gluedArtifacts {
		if u, ok := strings.CutSuffix(url, a); ok && u != "" {
			url = u
			break
		}
	}
	if !urlShaped.MatchString(url) {
		r.doc.Diagnostics.Add(p, diag.MalformedLabel, "request URL %q is not a URL or path; ignored", shorten(value[:n], 40))
		return
	}
	if s.ep.URL != "" {
		r.doc.Diagnostics.Add(p, diag.IgnoredText, "second request URL %q in section %q ignored (first at %s)", shorten(url, 60), s.ep.Title, s.ep.URLPos)
		return
	}
	s.ep.URL, s.ep.URLPos = url, p
	s.slot = labelNone
	var rest []string
	restAt := -1
	for _, sp := range fieldSpans(value[n:]) {
		if tok := value[n+sp.start : n+sp.end]; !urlArtifacts[tok] {
			if restAt < 0 {
				restAt = at + n + sp.start
			}
			rest = append(rest, tok)
		}
	}
	if len(rest) > 0 {
		r.doc.Diagnostics.Add(r.pos(l, restAt), diag.IgnoredText, "text after the URL ignored: %q", shorten(strings.Join(rest, " "), 40))
	}
}

// urlTokenEnd returns the end of the URL at the start of s: the first white
// space outside a path template, so that "{ openid }" stays in the URL.
func urlTokenEnd(s string) int {
	depth := 0
	for i, c := range s {
		switch {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case isSpace(c) && depth == 0:
			return i
		}
	}
	return len(s)
}

var httpMethod = regexp.MustCompile(`(?i)\b(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b`)

// readMethod finds the HTTP method in a label value such as "POST(HTTPS".
func readMethod(value string) string {
	if m := httpMethod.FindStringSubmatch(value); m != nil {
		return strings.ToUpper(m[1])
	}
	return ""
}

// readJSON reads the JSON block starting on the current line at byte at.
func (r *textReader) readJSON(at int) { r.readJSONFrom(r.i, at) }

func (r *textReader) readJSONFrom(startLine, at int) {
	s := r.sec
	s.content = true
	first := r.lines[startLine]
	endLine, endByte := r.jsonBlockEnd(startLine, at)
	start := first.offset + at
	end := r.lines[endLine].offset + endByte
	ex := newExample(r.src[start:end], r.pos(first, at), &r.doc.Diagnostics)
	r.fileExample(ex)
	last := r.lines[endLine]
	if rest := strings.TrimFunc(last.text[endByte:], isSpace); rest != "" {
		restAt := endByte + len(last.text[endByte:]) - len(trimLeftSpace(last.text[endByte:]))
		r.doc.Diagnostics.Add(r.pos(last, restAt), diag.TextAfterJSON, "text after the JSON example ignored: %q", shorten(rest, 40))
	}
	r.i = endLine + 1
}

// jsonBlockEnd finds where a JSON block starting at (startLine, at) ends:
// where its brackets balance, or, for a broken example, at the last
// non-blank line before the first line that is plainly not JSON any more
// (a heading, label or table) or before the end of the page.
func (r *textReader) jsonBlockEnd(startLine, at int) (endLine, endByte int) {
	depth := 0
	for li := startLine; li < len(r.lines); li++ {
		l := r.lines[li]
		if li > startLine && depth > 0 && r.endsBrokenJSON(l) {
			return r.lastNonBlank(startLine, li-1)
		}
		i := 0
		if li == startLine {
			i = at
		}
		inString := false // JSON strings never span lines, so a line resets it
		for ; i < len(l.text); i++ {
			c := l.text[i]
			switch {
			case inString && c == '\\':
				i++
			case c == '"':
				inString = !inString
			case inString:
			case c == '{' || c == '[':
				depth++
			case c == '}' || c == ']':
				depth--
				if depth <= 0 {
					return li, i + 1
				}
			}
		}
	}
	return r.lastNonBlank(startLine, len(r.lines)-1)
}

func (r *textReader) lastNonBlank(startLine, li int) (int, int) {
	for li > startLine && r.lines[li].blank() {
		li--
	}
	return li, len(r.lines[li].text)
}

func (r *textReader) endsBrokenJSON(l line) bool {
	t := strings.TrimFunc(l.text, isSpace)
	if headingLine.MatchString(l.text) || r.tableHeaderText(t) != nil {
		return true
	}
	if bareLabel(t) != labelNone {
		return true
	}
	ms := findLabels(t)
	return len(ms) > 0 && ms[0].start == 0 && !strings.HasPrefix(t, `"`)
}

// fileExample puts a JSON block where its label says, checking the label
// against the content: docs label response examples 参数说明: too.
func (r *textReader) fileExample(ex *Example) {
	s := r.sec
	isResponse := looksLikeResponse(ex)
	switch s.slot {
	case labelRequestExample:
		if isResponse && s.ep.RequestExample != nil {
			r.setResponseExample(ex, true)
			return
		}
		r.setExample(&s.ep.RequestExample, ex, "request")
	case labelResponseExample:
		r.setResponseExample(ex, false)
	case labelDataExample:
		r.setExample(&s.ep.DataExample, ex, "data")
		s.sawResponse = true
	default:
		switch {
		case isResponse:
			r.setResponseExample(ex, true)
		case s.ep.RequestExample == nil && !s.sawResponse:
			r.doc.Diagnostics.Add(ex.Pos, diag.MislabelledBlock, "JSON block under %s read as the request example", labelName(s.slot))
			s.ep.RequestExample = ex
		default:
			r.doc.Diagnostics.Add(ex.Pos, diag.IgnoredText, "JSON block with no label in section %q ignored", s.ep.Title)
		}
	}
	s.slot = labelNone
}

func (r *textReader) setResponseExample(ex *Example, mislabelled bool) {
	s := r.sec
	if mislabelled {
		r.doc.Diagnostics.Add(ex.Pos, diag.MislabelledBlock, "JSON block under %s is a response example (it holds the envelope)", labelName(s.slot))
	}
	r.setExample(&s.ep.ResponseExample, ex, "response")
	s.sawResponse = true
}

func (r *textReader) setExample(dst **Example, ex *Example, what string) {
	if *dst != nil {
		r.doc.Diagnostics.Add(ex.Pos, diag.IgnoredText, "second %s example in section %q ignored (first at %s)", what, r.sec.ep.Title, (*dst).Pos)
		return
	}
	*dst = ex
}

func labelName(lb label) string {
	if lb == labelNone {
		return "no label"
	}
	return labelWords[lb][0]
}

// tableHeader returns the column roles when l is a table header line.
func (r *textReader) tableHeader(l line) []column {
	return r.tableHeaderText(strings.TrimFunc(l.text, isSpace))
}

func (r *textReader) tableHeaderText(t string) []column {
	cells := strings.FieldsFunc(t, isSpace)
	if len(cells) < 2 || len(cells) > 8 {
		return nil
	}
	roles, ok := headerRoles(cells)
	if !ok || roles[0] != colName {
		return nil
	}
	// Prose can start with 参数 too, so every header cell must be a known
	// word; one unknown cell (长度, 备选值) is allowed beside three known ones.
	unknown := 0
	for k, c := range roles {
		if c == colUnknown {
			unknown++
			if utf8.RuneCountInString(cells[k]) > 8 || strings.ContainsAny(cells[k], ":：,，。;；") {
				return nil
			}
		}
	}
	if unknown > 1 || unknown == 1 && len(cells)-unknown < 3 {
		return nil
	}
	return roles
}

// readTable reads a header line and the rows under it.
func (r *textReader) readTable() {
	s := r.sec
	s.content = true
	hl := r.lines[r.i]
	roles := r.tableHeader(hl)
	cells := fieldSpans(hl.text)
	t := &Table{Pos: r.pos(hl, hl.firstNonSpace())}
	for _, c := range cells {
		t.Headers = append(t.Headers, hl.text[c.start:c.end])
	}
	for r.i++; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		text := strings.TrimFunc(l.text, isSpace)
		if text == "" {
			if next := r.nextNonBlank(r.i); next > 0 && r.rowShaped(r.lines[next], roles) {
				// A blank line copied into the middle of a table.
				r.i = next - 1
				continue
			}
			break
		}
		if headingLine.MatchString(l.text) || looksLikeJSON(text) || r.tableHeader(l) != nil {
			break
		}
		if ms := findLabels(l.text); len(ms) > 0 && ms[0].start == l.firstNonSpace() {
			break
		}
		if bareLabel(text) != labelNone {
			break
		}
		t.Fields = append(t.Fields, r.readRow(l, roles, t.Headers))
	}
	r.noteEmptyRequired(hl, cells, roles, t)
	t.Role = r.tableRole(t)
	if t.Role == RoleRequest {
		s.ep.Request = append(s.ep.Request, t)
	} else {
		s.ep.Response = append(s.ep.Response, t)
	}
	s.slot = labelNone
}

func (r *textReader) nextNonBlank(i int) int {
	for i++; i < len(r.lines); i++ {
		if !r.lines[i].blank() {
			return i
		}
	}
	return -1
}

// rowName is what a field name in a plain-text row looks like; the
// nesting marks ("a.b", "rows[].c") are part of it.
var rowName = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$.\[\]\-]*$`)

// rowShaped reports whether l reads as a row of a table with these roles:
// a field name, then a type when the table has a type column.
func (r *textReader) rowShaped(l line, roles []column) bool {
	name, rest := cutSpace(l.text)
	if !rowName.MatchString(name) || rest == "" || len(findLabels(l.text)) > 0 {
		return false
	}
	if slices.Contains(roles, colType) {
		_, _, ok := splitTypeToken(rest)
		return ok
	}
	return true
}

// noteEmptyRequired reports a required column that no row fills: every
// field's Required is then unknown, which the spec must not read as "no".
func (r *textReader) noteEmptyRequired(hl line, cells []span, roles []column, t *Table) {
	col := -1
	for k, c := range roles {
		if c == colRequired || c == colOptional {
			col = k
			break
		}
	}
	if col < 0 || len(t.Fields) == 0 {
		return
	}
	for _, f := range t.Fields {
		if f.RequiredRaw != "" {
			return
		}
	}
	r.doc.Diagnostics.Add(r.pos(hl, cells[col].start), diag.NoRequiredMarks, "the %s column is empty in every row; required is unknown", t.Headers[col])
}

func (r *textReader) tableRole(t *Table) TableRole {
	s := r.sec
	switch {
	case isEnvelopeTable(t):
		return RoleEnvelope
	case s.slot == labelResponseParams:
		return RoleResponse
	case s.slot == labelRequestParams:
		return RoleRequest
	case s.sawResponse:
		return RoleResponse
	}
	return RoleRequest
}

// readRow splits one white-space-separated row by the header's roles. Names
// hold no spaces; a type may ("NUMERIC(15, 2)", "VARCHAR (32)"); an empty
// required column leaves no token at all, so a required cell is recognised
// by its words; the description takes the rest of the line.
func (r *textReader) readRow(l line, roles []column, headers []string) *Field {
	at := l.firstNonSpace()
	name, rest := cutSpace(l.text[at:])
	f := &Field{Pos: r.pos(l, at), Name: name}
	var wantType, wantDesc bool
	for k, role := range roles[1:] {
		restAt := len(l.text) - len(rest)
		switch role {
		case colType:
			wantType = true
			if typ, after, ok := splitTypeToken(rest); ok {
				f.Type, f.TypePos, rest = collapseSpace(typ), r.pos(l, restAt), after
			}
		case colRequired, colOptional:
			if tok, after := cutSpace(rest); isRequiredWord(tok) {
				f.RequiredRaw, rest = tok, after
				f.Required = readRequired(tok)
				if role == colOptional {
					f.Required = invertRequired(f.Required)
				}
			}
		case colIn:
			if tok, after := cutSpace(rest); readIn(tok) != "" {
				f.In, rest = readIn(tok), after
			}
		case colDescription:
			wantDesc = true
			desc, hadHTML := cleanCell(rest)
			if hadHTML {
				r.doc.Diagnostics.Add(r.pos(l, restAt), diag.HTMLStripped, "inline HTML stripped from the description of %q", name)
			}
			f.Description, rest = desc, ""
		default:
			tok, after := cutSpace(rest)
			setCell(f, role, headers[k+1], tok)
			rest = after
		}
	}
	if rest = strings.TrimFunc(rest, isSpace); rest != "" {
		// No description column to hold it: the text is kept, not dropped.
		r.doc.Diagnostics.Add(r.pos(l, len(l.text)-len(rest)), diag.ExtraCells, "row %q has more text than the header has columns; joined into the description", name)
		f.Description = joinText(f.Description, cleanText(rest))
	}
	switch noType, noDesc := wantType && f.Type == "", wantDesc && f.Description == ""; {
	case noType && noDesc:
		r.doc.Diagnostics.Add(f.Pos, diag.EmptyCell, "row %q gives no type and no description", name)
	case noType:
		r.doc.Diagnostics.Add(f.Pos, diag.EmptyCell, "row %q gives no type", name)
	case noDesc:
		r.doc.Diagnostics.Add(f.Pos, diag.EmptyCell, "row %q gives no description", name)
	}
	return f
}

func invertRequired(r Required) Required {
	switch r {
	case RequiredYes:
		return RequiredNo
	case RequiredNo:
		return RequiredYes
	}
	return r
}

// setCell stores a cell in the field by its column role.
func setCell(f *Field, role column, header, value string) {
	value, _ = cleanCell(value)
	if role == colName {
		f.Name = value
		return
	}
	fillCell(f, role, header, value)
}

func startsJSON(t string) bool {
	return strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")
}

func cleanText(s string) string {
	t, _ := cleanCell(s)
	return t
}

func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orPos(p, def diag.Pos) diag.Pos {
	if p.IsValid() {
		return p
	}
	return def
}

func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
