package parser

import (
	"regexp"
	"strings"

	"github.com/apigen/apigen/parser/diag"
)

// readText reads a plain-text doc page, the form a rendered vendor page takes
// when copied (Waiqin365's docs): '#' headings, label lines such as
// 请求方式: and 请求地址:, JSON blocks, and tables whose cells are separated by
// single spaces.
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
}

// section is what a heading covers until the next heading. It becomes an
// endpoint when it names a URL, and a group heading when it holds nothing.
type section struct {
	ep          *Endpoint
	slot        label // what the next JSON block or table is for
	slotPos     diag.Pos
	sawResponse bool // a response example was read: later tables describe the response
	content     bool // anything besides the heading was read
}

var headingLine = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)

func (r *textReader) read() {
	for r.i < len(r.lines) {
		l := r.lines[r.i]
		text := strings.TrimSpace(l.text)
		switch {
		case text == "":
			r.i++
		case headingLine.MatchString(l.text):
			r.startSection(l, headingLine.FindStringSubmatch(l.text)[2])
			r.i++
		case r.sec == nil:
			// Text before the first heading is the page's own preamble.
			if r.doc.Title == "" {
				r.doc.Title = text
			}
			r.i++
		case startsJSON(text):
			r.readJSON(l.firstNonSpace())
		case r.tableHeader(l) != nil:
			r.readTable()
		default:
			r.readLabels(l)
			r.i++
		}
	}
	r.finishSection()
}

func (r *textReader) pos(l line, i int) diag.Pos { return l.pos(r.doc.File, i) }

func (r *textReader) startSection(l line, title string) {
	r.finishSection()
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
		r.doc.Endpoints = append(r.doc.Endpoints, s.ep)
	case !s.content:
		r.group = s.ep.Title
	default:
		r.doc.Diagnostics.Add(s.ep.Pos, "W026", "section %q has tables or examples but no request URL; it is not an endpoint", s.ep.Title)
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
		r.strayText(l, l.firstNonSpace(), l.text)
		return
	}
	if lead := strings.TrimSpace(l.text[:matches[0].start]); lead != "" {
		r.strayText(l, l.firstNonSpace(), lead)
	}
	for k, m := range matches {
		end := len(l.text)
		if k+1 < len(matches) {
			end = matches[k+1].start
		}
		value := strings.TrimSpace(l.text[m.valueStart:end])
		r.applyLabel(l, m, value)
	}
}

func (r *textReader) strayText(l line, at int, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	r.sec.content = true
	if r.sec.slot == labelDescription {
		// Descriptions run on until the next label.
		r.sec.ep.Description = joinText(r.sec.ep.Description, cleanText(text))
		return
	}
	r.doc.Diagnostics.Add(r.pos(l, at), "W001", "stray text %q in section %q ignored", shorten(text, 40), r.sec.ep.Title)
}

func (r *textReader) applyLabel(l line, m labelMatch, value string) {
	s := r.sec
	p := r.pos(l, m.start)
	vp := r.pos(l, m.valueStart)
	s.setSlot(m.label, p)
	switch m.label {
	case labelDescription:
		s.content = true
		s.ep.Description = joinText(s.ep.Description, cleanText(value))
	case labelMethod:
		s.ep.Method, s.ep.MethodPos = readMethod(value), vp
		if s.ep.Method == "" {
			r.doc.Diagnostics.Add(vp, "W017", "method %q is not an HTTP method; POST is assumed", value)
		}
		if strings.Count(value, "(")+strings.Count(value, "（") != strings.Count(value, ")")+strings.Count(value, "）") {
			r.doc.Diagnostics.Add(vp, "W003", "method label %q has an unbalanced parenthesis; read as %s", value, orDefault(s.ep.Method, "POST"))
		}
		s.slot = labelNone
	case labelURL:
		r.readURL(l, m.valueStart, value)
		s.slot = labelNone
	case labelAuth:
		s.ep.Auth = cleanText(value)
		s.slot = labelNone
	case labelNote:
		s.slot = labelNone
	default:
		if startsJSON(value) {
			// An example written on the label's own line.
			r.readJSONFrom(r.i, m.valueStart+strings.Index(l.text[m.valueStart:], value[:1]))
			r.i-- // read() advances past the label line
			return
		}
		if value != "" {
			r.strayText(l, m.valueStart, value)
		}
	}
}

func (s *section) setSlot(lb label, p diag.Pos) {
	s.slot, s.slotPos = lb, p
}

// urlTemplate matches a path template written with spaces, "{ openid }".
var urlTemplate = regexp.MustCompile(`\{\s*([A-Za-z_][A-Za-z0-9_\-]*)\s*\}`)

// urlArtifacts are button captions copied along with a URL.
var urlArtifacts = map[string]bool{"在线调试": true, "在線調試": true, "调试": true, "复制": true, "Copy": true, "Try": true}

func (r *textReader) readURL(l line, at int, value string) {
	s := r.sec
	s.content = true
	norm := urlTemplate.ReplaceAllString(value, "{$1}")
	fields := strings.Fields(norm)
	if len(fields) == 0 {
		// The URL is on the next line, as in "- API 地址:\nreturnmoneyrecord/add".
		return
	}
	s.ep.URL, s.ep.URLPos = strings.Trim(fields[0], "`'\""), r.pos(l, at+strings.Index(l.text[at:], strings.TrimSpace(value)[:1]))
	var rest []string
	for _, f := range fields[1:] {
		if !urlArtifacts[f] {
			rest = append(rest, f)
		}
	}
	if len(rest) > 0 {
		r.doc.Diagnostics.Add(s.ep.URLPos, "W001", "text after the URL ignored: %q", shorten(strings.Join(rest, " "), 40))
	}
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
	r.i = endLine + 1
}

// jsonBlockEnd finds where a JSON block starting at (startLine, at) ends:
// where its brackets balance, or, for a broken example, before the first
// line that is plainly not JSON any more (a heading, label or table).
func (r *textReader) jsonBlockEnd(startLine, at int) (endLine, endByte int) {
	depth := 0
	for li := startLine; li < len(r.lines); li++ {
		l := r.lines[li]
		if li > startLine && depth > 0 && r.endsBrokenJSON(l) {
			return li - 1, len(r.lines[li-1].text)
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
	last := len(r.lines) - 1
	return last, len(r.lines[last].text)
}

func (r *textReader) endsBrokenJSON(l line) bool {
	t := strings.TrimSpace(l.text)
	if headingLine.MatchString(l.text) || r.tableHeaderText(t) != nil {
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
	default:
		switch {
		case isResponse:
			r.setResponseExample(ex, true)
		case s.ep.RequestExample == nil && !s.sawResponse:
			r.doc.Diagnostics.Add(ex.Pos, "W016", "JSON block under %s read as the request example", labelName(s.slot))
			s.ep.RequestExample = ex
		default:
			r.doc.Diagnostics.Add(ex.Pos, "W001", "JSON block with no label in section %q ignored", s.ep.Title)
		}
	}
	s.slot = labelNone
}

func (r *textReader) setResponseExample(ex *Example, mislabelled bool) {
	s := r.sec
	if mislabelled {
		r.doc.Diagnostics.Add(ex.Pos, "W016", "JSON block under %s is a response example (it holds the envelope)", labelName(s.slot))
	}
	r.setExample(&s.ep.ResponseExample, ex, "response")
	s.sawResponse = true
}

func (r *textReader) setExample(dst **Example, ex *Example, what string) {
	if *dst != nil {
		r.doc.Diagnostics.Add(ex.Pos, "W001", "second %s example in section %q ignored (first at %s)", what, r.sec.ep.Title, (*dst).Pos)
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
	return r.tableHeaderText(strings.TrimSpace(l.text))
}

func (r *textReader) tableHeaderText(t string) []column {
	cells := strings.Fields(t)
	if len(cells) < 2 || len(cells) > 8 {
		return nil
	}
	roles, ok := headerRoles(cells)
	if !ok || roles[0] != colName {
		return nil
	}
	for _, c := range roles {
		if c == colUnknown {
			return nil // every header cell of a plain-text table is a known word
		}
	}
	return roles
}

// readTable reads a header line and the rows under it.
func (r *textReader) readTable() {
	s := r.sec
	s.content = true
	hl := r.lines[r.i]
	roles := r.tableHeader(hl)
	t := &Table{Pos: r.pos(hl, hl.firstNonSpace()), Headers: strings.Fields(hl.text)}
	for r.i++; r.i < len(r.lines); r.i++ {
		l := r.lines[r.i]
		text := strings.TrimSpace(l.text)
		if text == "" || headingLine.MatchString(l.text) || startsJSON(text) || r.tableHeader(l) != nil {
			break
		}
		if ms := findLabels(l.text); len(ms) > 0 && ms[0].start == l.firstNonSpace() {
			break
		}
		if bareLabel(text) != labelNone {
			break
		}
		if f := r.readRow(l, roles); f != nil {
			t.Fields = append(t.Fields, f)
		}
	}
	t.Role = r.tableRole(t)
	if t.Role == RoleRequest {
		s.ep.Request = append(s.ep.Request, t)
	} else {
		s.ep.Response = append(s.ep.Response, t)
	}
	s.slot = labelNone
}

func (r *textReader) tableRole(t *Table) TableRole {
	s := r.sec
	if isEnvelopeTable(t) {
		return RoleEnvelope
	}
	if s.sawResponse || s.slot == labelResponseParams {
		return RoleResponse
	}
	return RoleRequest
}

// readRow splits one space-separated row by the header's roles. Names hold
// no spaces; a type may ("NUMERIC(15, 2)", "VARCHAR (32)"); an empty
// required column leaves no token at all, so a required cell is recognised
// by its words; the description takes the rest of the line.
func (r *textReader) readRow(l line, roles []column) *Field {
	at := l.firstNonSpace()
	rest := l.text[at:]
	name, rest, _ := strings.Cut(rest, " ")
	name = strings.TrimSpace(name)
	f := &Field{Pos: r.pos(l, at), Name: name}
	for _, role := range roles[1:] {
		rest = strings.TrimLeft(rest, " \t\u3000")
		restAt := len(l.text) - len(rest)
		switch role {
		case colType:
			typ, after, ok := splitTypeToken(rest)
			if ok {
				f.Type, f.TypePos, rest = collapseSpace(typ), r.pos(l, restAt), after
			}
		case colRequired, colOptional:
			tok, after, _ := strings.Cut(rest, " ")
			if isRequiredWord(tok) {
				f.RequiredRaw, rest = tok, after
				f.Required = readRequired(tok)
				if role == colOptional {
					f.Required = invertRequired(f.Required)
				}
			}
		case colIn:
			tok, after, _ := strings.Cut(rest, " ")
			if in := readIn(tok); in != "" {
				f.In, rest = in, after
			}
		case colDescription:
			desc, hadHTML := cleanCell(rest)
			if hadHTML {
				r.doc.Diagnostics.Add(r.pos(l, restAt), "W002", "inline HTML stripped from the description of %q", name)
			}
			f.Description, rest = desc, ""
		default:
			tok, after, _ := strings.Cut(rest, " ")
			setCell(f, role, "", tok)
			rest = after
		}
	}
	if strings.TrimSpace(rest) != "" {
		f.Description = joinText(f.Description, cleanText(rest))
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
	switch role {
	case colName:
		f.Name = value
	case colType:
		f.Type = value
	case colRequired:
		f.RequiredRaw, f.Required = value, readRequired(value)
	case colOptional:
		f.RequiredRaw, f.Required = value, invertRequired(readRequired(value))
	case colDescription:
		f.Description = joinText(f.Description, value)
	case colDefault:
		f.Default = value
	case colExample:
		f.Example = value
	case colIn:
		f.In = readIn(value)
		if f.In == "" && value != "" {
			f.Extra = append(f.Extra, Cell{Header: header, Value: value})
		}
	default:
		if value != "" {
			f.Extra = append(f.Extra, Cell{Header: header, Value: value})
		}
	}
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

func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}
