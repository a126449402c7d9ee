package parser

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/profile"
)

// assemble turns the blocks of a Markdown, plain-text or HTML page into
// endpoints. Pages mark endpoints in many ways: a heading per endpoint
// (ShowDoc, Apifox), bare title lines followed by an API-address item
// (WiseCRM), or nothing but the tables (copied TOP and WeCom pages). The
// assembler therefore opens an endpoint at the first thing that belongs to
// one, and starts the next when a heading at the endpoint's own level comes
// or when a second URL or method would overwrite the first.
func assemble(doc *Document, blocks []block) {
	refs := referencedTypes(blocks)
	a := &assembler{doc: doc, roles: outline(blocks, refs), typeRefs: refs}
	for i := range blocks {
		a.at = i
		a.block(&blocks[i])
	}
	if a.pending != "" {
		a.setMethodAt(a.pending, a.pendingAt)
	}
	a.flushList(nil)
	a.close()
	a.dropListedBesideTables()
	a.fileCommon()
}

// envelopeData names the one object or array the common response tables
// declare at their top level, or "" when there is not exactly one.
func envelopeData(common []*Table) string {
	data := ""
	for _, t := range common {
		for _, f := range t.Fields {
			if f.Depth > 0 || strings.ContainsAny(f.Name, ".[") || !isContainerType(f.Type) {
				continue
			}
			if data != "" {
				return ""
			}
			data = f.Name
		}
	}
	return data
}

// fileCommon gives the common tables to the page's one endpoint, or keeps
// them as the page's own when it documents several: which parameters of
// a shared table a given endpoint sends is not something a page says.
func (a *assembler) fileCommon() {
	if len(a.common) == 0 {
		return
	}
	if len(a.doc.Endpoints) == 1 {
		ep := a.doc.Endpoints[0]
		var req, resp []*Table
		for _, t := range a.common {
			if t.Role == RoleRequest {
				req = append(req, t)
			} else {
				resp = append(resp, t)
			}
		}
		if data := envelopeData(resp); data != "" && len(ep.Response) > 0 && ep.Response[0].Name == "" {
			// 公共返回参数 with one object (result), then 业务返回参数:
			// the business fields are what that object carries.
			ep.Response[0].Name = data
		}
		ep.Request = append(req, ep.Request...)
		ep.Response = append(resp, ep.Response...)
		return
	}
	for _, t := range a.common {
		a.doc.Diagnostics.Add(t.Pos, diag.CommonTable, "a table every endpoint shares; kept as the page's common parameters, not added to each of its %d endpoints", len(a.doc.Endpoints))
	}
	a.doc.Common = a.common
}

type assembler struct {
	doc *Document
	// index is the page's operation index, by the operation's name
	// (normTitle): where sections titled by a name alone find their
	// request line.
	index map[string]indexEntry
	// listed are the tables read from list items rather than drawn.
	listed map[*Table]bool
	// glued is set while the list being read is of glued fields
	// (gluedProperty), whose descriptions run on below them.
	glued bool
	roles map[int]headingRole // what each heading is, by block index
	// lastLine is the text of the line or heading just read, and
	// tableTitle that of the line above the table being read: a field's
	// description may refer to a table by it (见下方优惠券信息参数说明).
	lastLine, tableTitle string
	prevBlock            blockKind // the kind of the block read before this one
	// inError is set under a failure label: tables there are the
	// endpoint's error tables.
	inError bool
	// labelIn is the location a parameters label of the block just read
	// named, and prevLabelIn that of the block before: a label right
	// under another (#### header请求参数, then 业务请求参数) does not
	// unsay its location.
	labelIn, prevLabelIn string
	// inLevel is the level of the heading label that named the current
	// location (## HTTP 头), 0 when a line named it or none did.
	inLevel int
	// typeRefs are the type names the page's tables refer to: a table
	// captioned with one defines that type.
	typeRefs map[string]bool
	at       int // index of the block being read
	cur      *epSection
	group    string // the heading or title line above the current endpoints

	// titles are title lines seen since the last endpoint content: the
	// last is the next endpoint's title, the one before it its group.
	titles []titleLine

	slot       label  // what the next value, code block or table is for
	slotMisses int    // lines the slot's label took for its value and could not read
	in         string // the parameter location the last label named
	role       TableRole
	roleSet    bool   // a label or a response example fixed the table role
	caption    string // the line just before a table, which may name it

	// list is a table being read from list items under a parameters
	// label; indents holds each field's column.
	list    *Table
	indents []int

	// pending is a method alone on its line: a URL on the next line makes
	// the two a request line; anything else, a method statement.
	pending   string
	pendingAt diag.Pos

	// restated is a method label that repeated the current endpoint's
	// method; when a new URL follows, it was the next endpoint's.
	restated   string
	restatedAt diag.Pos

	// inCommon is set under a label of common parameters (公共参数), whose
	// tables go to common until an endpoint's own content starts.
	inCommon bool
	common   []*Table

	// inDefaults is set in a section that states a method or URL for
	// every endpoint of the page (a 请求说明 over the endpoint list);
	// defaults holds what it stated.
	inDefaults bool
	defaults   Endpoint

	// definition is the type a section defines (=== AddressVo): its
	// tables go to the document's types.
	definition string

	// labelLevel is the smallest level of the label headings (## 请求参数)
	// seen before the current endpoint opened; with no title heading, it
	// tells which headings are the endpoint's subsections.
	labelLevel int
}

// maxTitles bounds the title lines kept: only the last few can name the
// next endpoint or its group.
const maxTitles = 16

// maxSlotMisses bounds the lines a URL label tries for its value.
const maxSlotMisses = 2

// maxAliases bounds the paths one set of tables is shared by; a page
// listing more URLs in a row is an index, not one operation.
const maxAliases = 8

type titleLine struct {
	text string
	pos  diag.Pos
	han  bool
}

// epSection is the endpoint being read. One page may document two paths
// with one set of tables (`path` `POST` twice under one title); eps then
// holds both, and content goes to each.
type epSection struct {
	eps        []*Endpoint
	titleLevel int  // level of the heading that opened it, 0 for none
	headLevel  int  // smallest level of the label headings inside it
	anchored   bool // a URL or a method was read
	content    bool // a table or an example was read
	desc       []string
}

func (s *epSection) last() *Endpoint { return s.eps[len(s.eps)-1] }

func (s *epSection) used() bool { return s.anchored || s.content }

func (a *assembler) block(b *block) {
	if (b.kind == blockText || b.kind == blockItem) && blockPlain(b) == "" {
		return // markup alone (<a name="x"></a>) says nothing and parts nothing
	}
	if a.pending != "" && a.requestLineEnd(b) {
		return
	}
	if a.list != nil && !a.continuesList(b) {
		a.flushList(b)
	}
	if a.list == nil && a.startsList(b) {
		return
	}
	if a.list != nil {
		return // the item was read as a field
	}
	caption := a.caption
	a.caption = ""
	title := a.lastLine
	a.lastLine = ""
	defer func() { a.prevBlock = b.kind }()
	a.prevLabelIn, a.labelIn = a.labelIn, ""
	switch b.kind {
	case blockHeading:
		a.heading(b)
		a.lastLine = cleanTitle(blockPlain(b))
	case blockText, blockItem:
		a.line(b)
		a.lastLine = cleanTitle(blockPlain(b))
	case blockCode:
		a.code(b)
	case blockTable:
		if b.caption != "" {
			caption = b.caption
		}
		a.tableTitle = title
		a.table(b, caption)
	}
}

// open starts an endpoint that no heading opened: its title is the last
// title line seen, and the line before that names its group.
func (a *assembler) open(at diag.Pos) *epSection {
	ep := &Endpoint{Pos: at}
	pick := -1
	for i := len(a.titles) - 1; i >= 0; i-- {
		if a.titles[i].han {
			pick = i
			break
		}
	}
	if pick < 0 {
		pick = len(a.titles) - 1
	}
	if pick >= 0 {
		t := a.titles[pick]
		ep.Title, ep.Pos = t.text, t.pos
		for i := pick - 1; i >= 0; i-- {
			if a.titles[i].han == t.han {
				a.group = a.titles[i].text
				break
			}
		}
		if a.doc.Title == "" {
			a.doc.Title = a.titles[max(0, slices.IndexFunc(a.titles, func(t titleLine) bool { return t.han }))].text
		}
	}
	ep.Group = a.group
	a.titles = nil
	a.cur = &epSection{eps: []*Endpoint{ep}, headLevel: a.labelLevel}
	return a.cur
}

// section returns the current endpoint, opening one when there is none.
func (a *assembler) section(at diag.Pos) *epSection {
	if a.cur == nil {
		return a.open(at)
	}
	return a.cur
}

// close files the current endpoint, or makes its title the group of the
// endpoints below when it turned out to hold nothing.
func (a *assembler) close() {
	s := a.cur
	a.cur, a.restated = nil, ""
	a.slot, a.in, a.inLevel, a.roleSet, a.role, a.labelLevel, a.inError = labelNone, "", 0, false, RoleRequest, 0, false
	if s == nil {
		return
	}
	if !s.used() {
		if t := s.last().Title; t != "" {
			a.group = t
		}
		return
	}
	for i, ep := range s.eps {
		ep.Description = strings.Join(s.desc, " ")
		if ep.Title == "" && len(s.desc) == 1 && isTitleLine(s.desc[0]) {
			// 简要描述: 查询订单 — the page's only name for the operation.
			ep.Title = s.desc[0]
		}
		if i > 0 && ep.Method == "" {
			// A second URL under a method stated once for both.
			ep.Method, ep.MethodPos = s.eps[i-1].Method, s.eps[i-1].MethodPos
		}
		nestByExample(ep)
		a.fillFromIndex(ep)
		ep.Webhook = isCallback(ep)
		if !ep.Webhook {
			a.fillDefaults(ep)
		}
		a.doc.Endpoints = append(a.doc.Endpoints, ep)
	}
}

// fillDefaults gives an endpoint the method and URL its page states for
// every endpoint, where it states none of its own.
func (a *assembler) fillDefaults(ep *Endpoint) {
	if ep.URL == "" && a.defaults.URL != "" {
		ep.URL, ep.URLPos = a.defaults.URL, a.defaults.URLPos
	}
	if ep.Method == "" && a.defaults.Method != "" {
		ep.Method, ep.MethodPos = a.defaults.Method, a.defaults.MethodPos
	}
}

// isCallback reports a section that documents a call the vendor makes to
// the user's server: it gives no address of the vendor's (none, or a
// placeholder such as <notify_url> for the address the user configures),
// and its title or that placeholder names a callback or a notification.
func isCallback(ep *Endpoint) bool {
	u := strings.TrimSpace(ep.URL)
	userAddress := u == "" || !strings.Contains(u, "/") || strings.HasPrefix(u, "{") && strings.HasSuffix(u, "}")
	if userAddress && u != "" && containsAny(strings.ToLower(u), callbackWords) {
		// POST <your_callback_url>: the address says whose it is.
		return true
	}
	return userAddress && containsAny(strings.ToLower(ep.Title), callbackWords)
}

// inPageSection reports whether what is read now is stated for the whole
// page (a defaults or common-parameters section), not for one endpoint.
func (a *assembler) inPageSection() bool { return a.inDefaults || a.inCommon }

// setDefault records a method or URL stated for every endpoint. The first
// stated wins, except that a production address wins over one marked as a
// test environment (测试环境, sandbox).
func (a *assembler) setDefault(b *block, method, url string, at diag.Pos) {
	d := &a.defaults
	if method != "" && d.Method == "" {
		d.Method, d.MethodPos = method, at
	}
	if url == "" {
		return
	}
	test := b != nil && containsAny(strings.ToLower(blockPlain(b)), testEnvironmentWords)
	if d.URL == "" || d.Description == "test" && !test {
		d.URL, d.URLPos = url, at
		d.Description = ""
		if test {
			d.Description = "test"
		}
	}
}

type anchorKind int

const (
	anchorURL anchorKind = iota
	anchorMethod
	anchorDescription
)

// anchor returns the endpoint a URL, method or description belongs to,
// or nil when the value only repeats the current endpoint's (pages restate
// 请求URL after the example). When the current endpoint has another value
// already, or a title line came after its content, the page has moved on
// to the next endpoint; when nothing but a URL and method came between, the
// page documents a second path for the same operation.
func (a *assembler) anchor(kind anchorKind, value string, at diag.Pos) *epSection {
	s := a.cur
	if s == nil {
		return a.open(at)
	}
	ep := s.last()
	var have string
	switch kind {
	case anchorURL:
		have = ep.URL
	case anchorMethod:
		have = ep.Method
	case anchorDescription:
		if len(s.desc) == 0 || !s.used() {
			return s
		}
		have = "described"
	}
	switch {
	case have == "":
		return s
	case len(a.titles) == 0 && (have == value || kind == anchorURL && sameURL(have, value)):
		if kind == anchorMethod {
			// A method restated before the next endpoint's URL belongs to it.
			a.restated, a.restatedAt = value, at
		}
		return nil
	case kind == anchorURL && !s.content && len(a.titles) == 0 && len(s.eps) < maxAliases,
		kind == anchorMethod && ep.URL == "" && !s.content && len(a.titles) == 0 && len(s.eps) < maxAliases:
		// Two URLs, or two methods for the URL still to come, with one
		// set of tables: one operation each.
		alias := &Endpoint{Pos: at, Title: ep.Title, Group: ep.Group, Auth: ep.Auth}
		s.eps = append(s.eps, alias)
		return s
	}
	restated, restatedAt := a.restated, a.restatedAt
	a.close()
	s = a.open(at)
	if kind == anchorURL && restated != "" {
		s.last().Method, s.last().MethodPos = restated, restatedAt
	}
	return s
}

func (a *assembler) heading(b *block) {
	text := blockPlain(b)
	role := a.roles[a.at]
	if a.inLevel > 0 && b.level <= a.inLevel {
		// The section whose label named the parameters' location ends
		// at the next heading of its level (## 三、报文结构 after ## HTTP 头).
		a.in, a.inLevel = "", 0
	}
	if role == roleLabel {
		if sl, ok := classifyHeading(text); ok {
			a.applyLabel(b, sl, "", b.pos)
			if a.in != "" {
				a.inLevel = b.level
			}
			if a.cur != nil {
				a.cur.headLevel = minLevel(a.cur.headLevel, b.level)
			} else {
				a.labelLevel = minLevel(a.labelLevel, b.level)
			}
		}
		return
	}
	if ms := pageLabels(text); len(ms) > 0 && ms[0].start == 0 {
		a.line(b)
		return
	}
	title := cleanTitle(text)
	if role == rolePart || role == roleDefinition && a.awaitsResponseBody() {
		// A titled part of the endpoint (### img_list 商品图片数组): it
		// names the table below it. So does a type defined first thing
		// under the response's label (#### v1EntityResponse under 响应):
		// it is the response body.
		a.caption = title
		return
	}
	a.close()
	a.inCommon, a.inDefaults, a.definition = false, false, ""
	if a.doc.Title == "" {
		// The page's title: a line above its first heading, else the heading.
		a.doc.Title = title
		if len(a.titles) > 0 {
			a.doc.Title = a.titles[0].text
		}
	}
	a.titles = nil
	switch role {
	case roleGroup, roleDefinitions:
		a.group = title
		return
	case roleDefinition:
		a.definition = title
		return
	case roleDefaults:
		a.group = title
		a.inDefaults = true
		return
	}
	ep := &Endpoint{Pos: b.pos, Title: title, Group: a.group}
	a.cur = &epSection{eps: []*Endpoint{ep}, titleLevel: b.level}
	if method, url, ok := readMethodPath(text); ok {
		// "## POST /api/user": the heading is the request line.
		ep.Title = ""
		a.methodPath(b, method, url)
	} else if method, at, _, ok := readTitledMethod(text); ok {
		a.setMethodAt(method, a.posIn(b, text, at))
	} else if method := headingMethod(text); method != "" {
		a.setMethodAt(method, b.pos) // ## 获取用户 {#get}
	}
}

// leadingName is the field name a label's value starts with, up to a
// comma or space, or "".
func leadingName(value string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(value), "，")
	name, _, _ = strings.Cut(name, ",")
	if f := strings.Fields(name); len(f) > 0 && plainName.MatchString(f[0]) && !isMethodWord(f[0]) && !looksLikeURL(f[0]) {
		return f[0]
	}
	return ""
}

// labelLocation is the location a parameters label names, or the one the
// label right above it named.
func (a *assembler) labelLocation(sl sectionLabel) string {
	in := sl.in
	if in == "" {
		in = a.prevLabelIn
	}
	a.labelIn = in
	return in
}

// awaitsResponseBody reports an endpoint under its response label that
// has no response table yet.
func (a *assembler) awaitsResponseBody() bool {
	return a.cur != nil && a.roleSet && a.role == RoleResponse && len(a.cur.last().Response) == 0
}

func minLevel(a, b int) int {
	if a == 0 || b < a {
		return b
	}
	return a
}

// requestLineEnd finishes a method that stood alone on its line: with a
// URL at the start of this block it is a request line split in two (and
// the rest of the block is read as usual); otherwise it states the method.
// It reports whether the block was read.
func (a *assembler) requestLineEnd(b *block) bool {
	method, at := a.pending, a.pendingAt
	a.pending = ""
	if b.kind == blockText || b.kind == blockItem {
		text := blockPlain(b)
		if url, n := leadingURL(text); url != "" {
			a.methodPath(b, method, url)
			if rest := strings.TrimSpace(text[n:]); rest != "" {
				line := *b
				line.text, line.markup, line.exact, line.pos = rest, markupPlain, false, a.posIn(b, text, n)
				a.line(&line)
			}
			return true
		}
	}
	a.setMethodAt(method, at)
	return false
}

// line reads a line of text or a list item: labels with their values, an
// HTTP request line, a value for the last label, or a title line.
func (a *assembler) line(b *block) {
	text := blockPlain(b)
	if text == "" {
		return
	}
	if method, url, ok := readMethodPath(text); ok {
		a.methodPath(b, method, url)
		return
	}
	if m := readMethodOnly(text); m != "" && a.slot != labelMethod {
		a.pending, a.pendingAt = m, a.posOf(b, m)
		return
	}
	ms := pageLabels(text)
	if len(ms) == 0 {
		if field, sl, ok := fieldLabel(text); ok {
			// list返回参数说明: the parameters of the field named before
			// the label; the table below is that field's.
			a.applyLabel(b, sl, "", b.pos)
			a.caption = field
			return
		}
		if sl, ok := classifyLabel(text); ok && (b.bold || !takesProse(sl.label) || utf8.RuneCountInString(normLabel(text)) > 2) {
			a.applyLabel(b, sl, "", b.pos)
			return
		}
		if m, at, ok := readStatedMethod(text); ok {
			a.setMethodAt(m, a.posIn(b, text, at))
			return
		}
		if sl, ok := exampleIntro(text); ok {
			a.applyLabel(b, sl, "", b.pos)
			return
		}
		if a.cur != nil && lonePath.MatchString(text) {
			// - `/api/login`: a path on a line of its own is an address,
			// as a request line is.
			a.urlValue(b, text, false)
			return
		}
		a.stray(b, text)
		return
	}
	if lead := strings.TrimSpace(text[:ms[0].start]); lead != "" && !a.takeValue(b, lead) {
		if a.cur != nil && a.cur.last().Title != "" && (ms[0].label == labelURL || ms[0].label == labelMethod) {
			// Text glued before the address of a titled endpoint names
			// nothing.
			a.ignore(a.posIn(b, text, 0), lead)
		} else {
			a.stray(b, lead) // a title with a note after it: 创建日程 最后更新:…
		}
	}
	for k, m := range ms {
		end := len(text)
		if k+1 < len(ms) {
			end = ms[k+1].start
		}
		value := strings.TrimSpace(text[m.valueStart:end])
		if k+1 < len(ms) && value == "" && ms[k+1].label == m.label {
			// "响应示例: 响应示例:": the label was copied twice.
			a.doc.Diagnostics.Add(a.posIn(b, text, ms[k+1].start), diag.MalformedLabel, "label %q repeated on one line; read once", m.word)
			continue
		}
		sl := sectionLabel{label: m.label}
		if m.label == labelRequestParams || m.label == labelParams {
			sl.in = locationIn(labelWordsOf(m.word))
		}
		if c, ok := classifyLabel(m.word); ok && c.common {
			sl = c
		}
		a.applyLabel(b, sl, value, a.posOf(b, m.word))
	}
}

// posOf returns the position of s within the block's text, when the text
// maps onto its source line.
func (a *assembler) posOf(b *block, s string) diag.Pos {
	if s != "" {
		if i := strings.Index(b.text, s); i >= 0 {
			return b.posAt(i)
		}
	}
	return b.pos
}

// posIn returns the position of byte i of text, the block's plain text:
// exact when the plain text is the text as written, else where the word
// at i is found in it.
func (a *assembler) posIn(b *block, text string, i int) diag.Pos {
	if text == b.text {
		return b.posAt(i)
	}
	return a.posOf(b, firstWord(text[i:]))
}

// ignore reports text that nothing on the page claims.
func (a *assembler) ignore(at diag.Pos, text string) {
	if a.cur != nil {
		a.doc.Diagnostics.Add(at, diag.IgnoredText, "stray text %q in section %q ignored", shorten(text, 40), a.cur.last().Title)
		return
	}
	a.doc.Diagnostics.Add(at, diag.IgnoredText, "stray text %q ignored", shorten(text, 40))
}

// posWithin returns the position of byte off of s, a piece of the block's
// text, or the block's own position when s is not found in it.
func (a *assembler) posWithin(b *block, s string, off int) diag.Pos {
	if i := strings.Index(b.text, s); i >= 0 {
		return b.posAt(i + off)
	}
	return b.pos
}

// withinRequest reports whether a label line stands inside an endpoint's
// section, below its request line: "common parameters" there are those
// the endpoint's variants share (the fields of every order type, then
// those of limit orders), not the page's. A heading starts a section of
// its own, so a 公共参数 heading after the endpoints is still the page's.
func (a *assembler) withinRequest(b *block) bool {
	return b.kind != blockHeading && a.cur != nil && a.cur.last().URL != ""
}

func (a *assembler) applyLabel(b *block, sl sectionLabel, value string, at diag.Pos) {
	if sl.label != labelURL && sl.label != labelMethod && !isExampleLabel(sl.label) {
		if method, url, ok := readMethodPath(value); ok {
			// "请求说明：POST https://…": the value is the request line.
			a.applyLabel(b, sl, "", at)
			a.methodPath(b, method, url)
			return
		}
	}
	switch {
	case sl.common && !a.withinRequest(b):
		// The endpoint read so far goes on: the common tables are set
		// aside, not its content.
		a.inCommon = true
	case isParamsLabel(sl.label):
		a.inCommon = false
	}
	switch sl.label {
	case labelURL:
		a.slot, a.slotMisses = labelURL, 0
		if value != "" {
			a.urlValue(b, value, true)
		}
	case labelMethod:
		a.slot = labelMethod
		if value != "" {
			a.methodValue(b, value, true)
		}
	case labelDescription:
		if a.cur != nil {
			a.anchor(anchorDescription, "", at)
		}
		a.slot = labelDescription
		if value != "" {
			a.describe(b, value)
		}
	case labelAuth:
		a.slot = labelAuth
		if value != "" {
			a.setAuth(b, value)
		}
	case labelRequestParams:
		a.role, a.roleSet, a.in = RoleRequest, true, a.labelLocation(sl)
		if in := readIn(strings.Trim(strings.TrimSpace(value), "()（）[]【】")); in != "" && a.in == "" {
			// 请求参数说明：（body）: the location as the label's value.
			a.in = in
		}
		a.slot = labelRequestParams
	case labelResponseParams:
		a.role, a.roleSet, a.in = RoleResponse, true, ""
		a.slot = labelResponseParams
	case labelParams:
		if !a.roleSet || a.role != RoleResponse {
			a.role, a.roleSet = RoleRequest, true
		}
		a.in = a.labelLocation(sl)
		a.slot = labelParams
		if name := leadingName(value); name != "" {
			// 参数：SYS_HEAD，类型：object: the table below is SYS_HEAD's.
			a.caption = name
		}
	case labelResponseExample:
		a.role, a.roleSet, a.in = RoleResponse, true, ""
		a.slot = sl.label
	case labelRequestExample, labelErrorExample, labelDataExample, labelAnyExample, labelNote:
		a.slot = sl.label
	}
	switch sl.label {
	case labelErrorExample:
		a.inError = true
	case labelRequestParams, labelResponseParams, labelParams, labelRequestExample, labelResponseExample:
		a.inError = false
	}
	if sl.label != labelURL && sl.label != labelMethod && opensJSON(value) && strings.Contains(b.text, value) {
		// An example written on the label's own line.
		a.example(newExample(value, a.posOf(b, value), &a.doc.Diagnostics))
	}
}

// stray handles a line that is not a label: the value of the label above
// it, or else a possible title or table caption.
func (a *assembler) stray(b *block, text string) {
	if a.takeValue(b, text) {
		return
	}
	switch a.slot {
	case labelRequestExample, labelResponseExample, labelErrorExample, labelDataExample:
		if !isCaption(text) {
			// Text where an example should be: not a title, not a caption.
			a.ignore(b.pos, text)
			return
		}
	}
	a.caption = text
	if b.kind == blockText && !b.bold && !a.inPageSection() {
		if t := cleanTitle(text); isTitleLine(t) {
			if len(a.titles) == maxTitles {
				a.titles = append(a.titles[:0], a.titles[1:]...)
			}
			a.titles = append(a.titles, titleLine{text: t, pos: b.pos, han: hasHan(t)})
		}
	}
}

// gluedField is a field name glued to the Chinese label after it.
var gluedField = regexp.MustCompile(`^([A-Za-z_$][\w.$\[\]]*)\s*(\p{Han}.*)$`)

// fieldLabel reads a parameters label led by the name of the field whose
// parameters it introduces (list返回参数说明:).
func fieldLabel(text string) (string, sectionLabel, bool) {
	m := gluedField.FindStringSubmatch(text)
	if m == nil || isMethodWord(m[1]) || locationIn([]string{strings.ToLower(m[1])}) != "" {
		return "", sectionLabel{}, false // Header 参数说明: a location, not a field
	}
	if _, ok := classifyLabel(m[1]); ok {
		return "", sectionLabel{}, false
	}
	sl, ok := classifyLabel(m[2])
	return m[1], sl, ok && isParamsLabel(sl.label)
}

// takesProse reports labels whose value is free text (an auth note, a
// description): without a colon or bold, a short word of them alone on a
// line is the page's own text (a 授权 button caption), not a label that
// takes the next line for its value; 简要描述 is a label either way.
func takesProse(l label) bool { return l == labelAuth || l == labelDescription }

// isCaption reports a line that introduces what follows it: it ends in a
// colon, or speaks of a response, an example or a status (200 Response,
// 正确时返回).
func isCaption(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：") {
		return true
	}
	for _, w := range captionWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// takeValue reads text as the value of the label above it, when that label
// takes one (a URL, a method, a description, an auth note).
func (a *assembler) takeValue(b *block, text string) bool {
	switch a.slot {
	case labelURL:
		a.urlValue(b, text, true)
	case labelMethod:
		if readMethod(text) != "" {
			a.methodValue(b, text, false)
		}
	case labelDescription:
		a.describe(b, text)
	case labelAuth:
		a.setAuth(b, text)
	default:
		return false
	}
	return true
}

func (a *assembler) urlValue(b *block, value string, labelled bool) {
	if i := strings.Index(value, "（"); i > 0 && strings.HasSuffix(strings.TrimSpace(value), "）") {
		// 【域名】/service/x（请求方式：POST）: the address, then a note in
		// full-width brackets, which no address holds; a method there is
		// the endpoint's.
		note := value[i:]
		value = strings.TrimSpace(value[:i])
		defer func() {
			if m := readMethod(note); m != "" && a.cur != nil && a.cur.last().Method == "" {
				a.setMethodAt(m, a.posWithin(b, note, 0))
			}
		}()
	}
	if method, url, ok := readMethodPath(value); ok {
		// 请求语法 over "GET / HTTP/1.1": the value is a request line.
		a.slot = labelNone
		a.methodPath(b, method, url)
		return
	}
	el := readEndpointLine(value, labelled)
	if el.url == "" {
		a.doc.Diagnostics.Add(a.posWithin(b, value, 0), diag.IgnoredText, "%q under %s is not a URL; ignored", shorten(value, 40), slotName(labelURL))
		if a.cur != nil && a.cur.last().Title == cleanTitle(value) && a.cur.last().Group != "" {
			// The line above the endpoint that seemed its title describes
			// its address (使用者配置的HTTP推送位址): the title is the
			// line above that.
			ep := a.cur.last()
			ep.Title, ep.Group = ep.Group, ""
		}
		// A caption may come between a label and its value (请求地址: /
		// 商户->联动优势 / the URL); a label looks no further than that.
		if a.slotMisses++; a.slotMisses >= maxSlotMisses {
			a.slot = labelNone
		}
		return
	}
	a.slot = labelNone
	urlAt := a.posWithin(b, value, el.urlAt)
	if a.inPageSection() {
		a.setDefault(b, el.method, el.url, urlAt)
		return
	}
	if s := a.anchor(anchorURL, el.url, b.pos); s != nil {
		for _, ep := range s.eps {
			if ep.URL == "" {
				// Every method listed before it takes the URL.
				ep.URL, ep.URLPos = el.url, urlAt
			}
		}
		s.anchored = true
		a.titles, a.restated = nil, ""
	}
	if el.method != "" {
		a.setMethod(b, el.method)
	}
	if len(el.rest) > 0 {
		a.doc.Diagnostics.Add(a.posWithin(b, value, el.restAt), diag.IgnoredText, "text after the URL ignored: %q", shorten(strings.Join(el.rest, " "), 40))
	}
}

func (a *assembler) methodValue(b *block, value string, labelled bool) {
	m := readMethod(value)
	at := a.posOf(b, value)
	if m == "" {
		if labelled {
			a.doc.Diagnostics.Add(at, diag.MalformedLabel, "method %q is not an HTTP method; ignored", value)
		}
		return
	}
	if strings.Count(value, "(")+strings.Count(value, "（") != strings.Count(value, ")")+strings.Count(value, "）") {
		a.doc.Diagnostics.Add(at, diag.MalformedLabel, "method label %q has an unbalanced parenthesis; read as %s", value, m)
	}
	a.setMethod(b, m)
	a.slot = labelNone
	if ms := readMethods(value); len(ms) > 1 && len(strings.Fields(value)) <= 3 && a.cur != nil && !a.inPageSection() {
		// "get/post": one operation for each method.
		s, first := a.cur, a.cur.last()
		for _, extra := range ms[1:] {
			if len(s.eps) < maxAliases {
				alias := &Endpoint{Pos: first.Pos, Title: first.Title, Group: first.Group, Auth: first.Auth,
					URL: first.URL, URLPos: first.URLPos, Method: extra, MethodPos: first.MethodPos}
				s.eps = append(s.eps, alias)
			}
		}
	}
}

func (a *assembler) setMethod(b *block, m string) {
	at := a.posOf(b, m)
	if at == b.pos {
		at = a.posOf(b, strings.ToLower(m))
	}
	a.setMethodAt(m, at)
}

// setMethodAt records a method the page states at at.
func (a *assembler) setMethodAt(m string, at diag.Pos) {
	if a.inPageSection() {
		a.setDefault(nil, m, "", at)
		return
	}
	s := a.anchor(anchorMethod, m, at)
	if s == nil {
		return
	}
	ep := s.last()
	ep.Method, ep.MethodPos = m, at
	s.anchored = true
	a.titles, a.restated = nil, ""
}

// methodPath reads "POST /api/user/add". A line repeating the endpoint's
// own method and path (post /qw-nbd-api/… under its full URL) adds nothing.
func (a *assembler) methodPath(b *block, method, url string) {
	if a.inPageSection() {
		a.setDefault(b, method, url, a.posOf(b, url))
		return
	}
	if a.cur != nil && sameEndpoint(a.cur.last(), method, url) {
		return
	}
	s := a.anchor(anchorURL, url, b.pos)
	if s == nil {
		a.setMethod(b, method)
		return
	}
	ep := s.last()
	ep.URL, ep.URLPos = url, a.posOf(b, url)
	if ep.Method != "" && ep.Method != method {
		a.doc.Diagnostics.Add(b.pos, diag.MislabelledBlock, "request line says %s, the method label above said %s; %s is used", method, ep.Method, method)
	}
	ep.Method, ep.MethodPos = method, b.pos
	s.anchored = true
	a.titles, a.restated = nil, ""
	a.slot = labelNone
}

func (a *assembler) describe(b *block, text string) {
	s := a.section(b.pos)
	s.desc = append(s.desc, text)
}

func (a *assembler) setAuth(b *block, text string) {
	s := a.section(b.pos)
	for _, ep := range s.eps {
		ep.Auth = text
	}
	a.slot = labelNone
}

// table files a parameter table under the current endpoint. Its role comes
// from the label above it; without one, tables after a response example
// describe the response.
func (a *assembler) table(b *block, caption string) {
	if a.readIndexTable(b.table) {
		return
	}
	for _, p := range splitTable(b.table) {
		switch {
		case p.label != nil:
			a.labelRow(b, p.label)
		case p.role != nil && p.role.label == labelResponseParams:
			a.role, a.roleSet, a.in = RoleResponse, true, ""
			a.paramTable(b, p.table, caption)
		case p.role != nil && p.role.label == labelRequestParams:
			if a.role != RoleRequest {
				a.in = ""
			}
			a.role, a.roleSet = RoleRequest, true
			fallthrough
		default:
			a.paramTable(b, p.table, caption)
		}
	}
}

// labelRow reads a row that is a label, with its value cell, as a line of
// the page.
func (a *assembler) labelRow(b *block, lr *labelRow) {
	cell := cellBlock(lr.value, b.table.markup)
	a.applyLabel(cell, lr.sl, plainText(lr.value.text, b.table.markup), lr.value.pos)
}

// paramTable files a parameter table under the current endpoint.
func (a *assembler) paramTable(b *block, rt *rawTable, caption string) {
	t, ok := readTable(rt, &a.doc.Diagnostics)
	if !ok {
		return
	}
	t.Name, t.Within = captionName(caption)
	if t.Name == "" && a.cur != nil {
		if f := referringField(a.cur.last(), a.tableTitle); f != nil {
			t.Name = f.Name
		} else if f := a.jsonCarrier(); f != nil {
			t.Name = f.Name
		}
	}
	a.fileTable(t)
}

// jsonCarrier is the row a request table right under another continues:
// the last row of the table above, a string that carries JSON (api_input
// String 应用输入参数的JSON格式), when no label or line parts the two.
func (a *assembler) jsonCarrier() *Field {
	if a.tableTitle != "" || a.prevBlock != blockTable || a.roleSet && a.role != RoleRequest {
		return nil
	}
	req := a.cur.last().Request
	if len(req) == 0 || len(req[len(req)-1].Fields) == 0 {
		return nil
	}
	fs := req[len(req)-1].Fields
	f := fs[len(fs)-1]
	if t := ReadType(f.Type); t.Array || !strings.Contains(strings.ToLower(f.Description), "json") || containerTypeWords[t.Name] {
		return nil
	}
	return f
}

// referringField finds the field whose description refers to a table by
// the title above it: it quotes the title (具体见下方优惠券信息参数说明), or
// points to the title's subject (详见 优惠券信息) with a reference word.
func referringField(ep *Endpoint, title string) *Field {
	title = strings.TrimRight(strings.TrimSpace(title), ":：")
	core := title
	for _, n := range []string{"参数说明", "字段说明", "说明", "参数", "字段"} {
		core = strings.TrimSuffix(core, n)
	}
	if utf8.RuneCountInString(core) < 2 {
		return nil
	}
	tables := append(slices.Clone(ep.Request), ep.Response...)
	for i := len(tables) - 1; i >= 0; i-- {
		fs := tables[i].Fields
		for j := len(fs) - 1; j >= 0; j-- {
			d := fs[j].Description
			if strings.Contains(d, title) || strings.Contains(d, core) && containsAny(d, referenceWords) {
				return fs[j]
			}
		}
	}
	return nil
}

// unlabelledResponse reports a table no label gives a role that follows
// request tables with a required column and has none itself.
func unlabelledResponse(ep *Endpoint, t *Table) bool {
	if t.Name != "" || hasRequiredColumn(t) {
		// A table named for a field (spec's members) is read with the
		// field's side.
		return false
	}
	if opensWithEnvelope(t) {
		// code, data, then data's members: what comes back, whether or
		// not a request table came first.
		return true
	}
	return len(ep.Request) > 0 && hasRequiredColumn(ep.Request[len(ep.Request)-1])
}

// lonePath is a path that is all a line says.
var lonePath = regexp.MustCompile(`^/[A-Za-z0-9_.~{}:-]+(?:/[A-Za-z0-9_.~{}:-]+)*/?$`)

// exampleIntros are sentences that introduce an example, as Slate pages
// put one above each: "The above command returns JSON structured like
// this:", "The above command request JSON structured like this:".
var (
	responseIntro = regexp.MustCompile(`(?i)\b(?:returns?|responds?|responses?)\b.*\b(?:json|like this|as follows|below)\b.*[:：]\s*$`)
	requestIntro  = regexp.MustCompile(`(?i)\b(?:requests?|sends?|posts?)\b.*\b(?:json|like this|as follows|below)\b.*[:：]\s*$`)
)

// exampleIntro reads a sentence that introduces the example below it as
// that example's label.
func exampleIntro(text string) (sectionLabel, bool) {
	switch {
	case responseIntro.MatchString(text):
		return sectionLabel{label: labelResponseExample}, true
	case requestIntro.MatchString(text):
		return sectionLabel{label: labelRequestExample}, true
	}
	return sectionLabel{}, false
}

// opensWithEnvelope reports whether a table's first two rows open a
// response envelope (code, data) and more rows follow.
func opensWithEnvelope(t *Table) bool {
	return len(t.Fields) > 2 && profile.OpensEnvelope([]string{t.Fields[0].Name, t.Fields[1].Name})
}

func hasRequiredColumn(t *Table) bool {
	return slices.ContainsFunc(t.Headers, func(h string) bool {
		c := headerColumn(h)
		return c == colRequired || c == colOptional
	})
}

// fileTable files a parameter table under the current endpoint, in the
// role and location the labels above it give.
func (a *assembler) fileTable(t *Table) {
	if a.definition != "" || t.Name != "" && !t.Within && a.typeRefs[t.Name] && !a.awaitsResponseBody() {
		// Under a definition heading, or captioned with the name of a
		// type a field is typed by (Account above its rows).
		if a.definition != "" {
			t.Name = a.definition
		}
		a.doc.Types = append(a.doc.Types, t)
		return
	}
	if a.inCommon {
		t.Role = RoleRequest
		if a.roleSet {
			t.Role = a.role
		}
		a.common = append(a.common, t)
		return
	}
	s := a.section(t.Pos)
	if a.inError {
		for _, ep := range s.eps {
			ep.ErrorTables = append(ep.ErrorTables, t)
		}
		s.content = true
		return
	}
	switch {
	case isEnvelopeTable(t):
		t.Role = RoleEnvelope
	case a.roleSet:
		t.Role = a.role
	case unlabelledResponse(s.last(), t):
		// No label says; the request's tables say whether a field is
		// required, a response's do not.
		t.Role = RoleResponse
		a.role, a.roleSet = RoleResponse, true
	default:
		t.Role = RoleRequest
	}
	if a.in != "" && (t.Role == RoleRequest || a.in == "header") {
		// A response's rows have a location only as its headers.
		for _, f := range t.Fields {
			if f.In == "" {
				f.In = a.in
			}
		}
	}
	for i, ep := range s.eps {
		tt := t
		if i > 0 {
			tt = cloneTable(t)
		}
		if tt.Role == RoleRequest {
			ep.Request = append(ep.Request, tt)
		} else {
			ep.Response = append(ep.Response, tt)
		}
	}
	s.content = true
	a.titles, a.restated = nil, ""
	if a.slot != labelParams && a.slot != labelRequestParams && a.slot != labelResponseParams {
		a.slot = labelNone
	}
}

// jsonLangs are code-block languages that may hold a JSON example.
var jsonLangs = map[string]bool{"": true, "json": true, "json5": true, "jsonc": true, "javascript": true, "js": true,
	"text": true, "txt": true, "plain": true, "plaintext": true, "http": true}

// code reads a code block: a URL for a URL label, else a JSON example.
func (a *assembler) code(b *block) {
	first, firstAt := firstTextLine(b.text)
	line := *b
	line.kind, line.text, line.exact, line.pos = blockText, first, false, textPos(b.pos, b.text, firstAt)
	switch {
	case a.slot == labelURL || a.slot == labelMethod:
		if first != "" {
			a.stray(&line, first)
		}
		return
	case isExampleLabel(a.slot):
		// A request line here belongs to the example (GET /?prefix=a
		// HTTP/1.1 over its headers), not to the endpoint.
	case readMethodPathOK(first):
		// The request line alone in a block: PUT /user/:id.
		a.line(&line)
		return
	case b.lang == "" && len(pageLabels(first)) > 0 && pageLabels(first)[0].start == 0:
		// Label lines set as code: 请求方式: POST, 请求地址: /x.
		a.codeLines(b)
		return
	}
	if method, url, ok := readCurl(b.text); ok && a.cur != nil && a.cur.last().URL == "" && !isExampleLabel(a.slot) {
		// A curl command is the only place some pages give the address;
		// it never overrides one the page states.
		a.urlValue(&line, method+" "+url, true)
		return
	}
	if !jsonLangs[strings.ToLower(b.lang)] && !(isExampleLabel(a.slot) && bracketed(b.text)) {
		// Code in another language; under an example label, a block
		// that is one JSON value whatever its tag says (```shell over
		// the response) is the example.
		return
	}
	off, ok := jsonStart(b.text)
	if !ok {
		return
	}
	a.example(newExample(b.text[off:], textPos(b.pos, b.text, off), &a.doc.Diagnostics))
}

// bracketed reports whether text, trimmed, opens and closes as one JSON
// object or array does.
func bracketed(text string) bool {
	t := strings.TrimSpace(text)
	return len(t) >= 2 && (t[0] == '{' && t[len(t)-1] == '}' || t[0] == '[' && t[len(t)-1] == ']')
}

// codeLines reads each line of a code block as a line of text.
func (a *assembler) codeLines(b *block) {
	off := 0
	for _, l := range strings.SplitAfter(b.text, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			line := *b
			line.kind, line.text, line.exact = blockText, t, false
			line.pos = textPos(b.pos, b.text, off+len(l)-len(strings.TrimLeft(l, " \t")))
			a.line(&line)
		}
		off += len(l)
	}
}

// firstTextLine returns the first line of text that is not blank, and its
// byte offset.
func firstTextLine(text string) (string, int) {
	off := 0
	for _, l := range strings.SplitAfter(text, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			return t, off + len(l) - len(strings.TrimLeft(l, " \t\r"))
		}
		off += len(l)
	}
	return "", 0
}

func readMethodPathOK(text string) bool {
	_, _, ok := readMethodPath(text)
	return ok
}

func isExampleLabel(l label) bool {
	switch l {
	case labelRequestExample, labelResponseExample, labelErrorExample, labelDataExample, labelAnyExample:
		return true
	}
	return false
}

// jsonStart finds the first line of a code block that opens a JSON value,
// skipping a caption line such as "JSON:".
func jsonStart(text string) (int, bool) {
	off := 0
	for off < len(text) {
		end := strings.IndexByte(text[off:], '\n')
		line := text[off:]
		if end >= 0 {
			line = text[off : off+end]
		}
		if t := strings.TrimLeft(line, " \t\u3000"); t != "" {
			if opensJSON(t) {
				return off + len(line) - len(t), true
			}
			if strings.HasSuffix(strings.TrimSpace(t), ":") || strings.HasSuffix(strings.TrimSpace(t), "：") {
				if end < 0 {
					break
				}
				off += end + 1
				continue
			}
			return 0, false
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return 0, false
}

// textPos returns the position of byte off of text that starts at p and
// maps line by line onto its source.
func textPos(p diag.Pos, text string, off int) diag.Pos {
	before := text[:off]
	nl := strings.Count(before, "\n")
	if nl == 0 {
		p.Col += utf8.RuneCountInString(before)
		return p
	}
	p.Line += nl
	p.Col = utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	return p
}

// slotName names a label for a message by its first word.
func slotName(l label) string {
	if ws := labelWords[l]; len(ws) > 0 {
		return ws[0]
	}
	return "no label"
}

// example files a JSON example where its label says, checking the label
// against the content: pages label response examples 参数说明 too.
func (a *assembler) example(ex *Example) {
	s := a.section(ex.Pos)
	ep := s.last()
	isResponse := looksLikeResponse(ex)
	switch a.slot {
	case labelRequestExample, labelRequestParams:
		if isResponse && (ep.RequestExample != nil || a.slot == labelRequestParams) {
			a.doc.Diagnostics.Add(ex.Pos, diag.MislabelledBlock, "JSON block under %s is a response example (it holds the envelope)", slotName(a.slot))
			a.setExample(s, ex, true)
			break
		}
		a.setExample(s, ex, false)
	case labelResponseExample, labelResponseParams:
		a.setExample(s, ex, true)
	case labelErrorExample:
		for _, e := range s.eps {
			e.ErrorExamples = append(e.ErrorExamples, ex)
		}
	case labelDataExample:
		if ep.DataExample != nil {
			a.doc.Diagnostics.Add(ex.Pos, diag.IgnoredText, "second data example in section %q ignored (first at %s)", ep.Title, ep.DataExample.Pos)
			break
		}
		for _, e := range s.eps {
			e.DataExample = ex
		}
		// The data's own example: tables after it describe the response.
		a.role, a.roleSet = RoleResponse, true
	default:
		switch {
		case isResponse:
			if a.slot == labelParams || a.slot == labelNote {
				a.doc.Diagnostics.Add(ex.Pos, diag.MislabelledBlock, "JSON block under %s is a response example (it holds the envelope)", slotName(a.slot))
			}
			a.setExample(s, ex, true)
		case ep.RequestExample == nil && !(a.roleSet && a.role == RoleResponse):
			if a.slot == labelParams && a.in == "" || a.slot == labelNote {
				// Under Body-parameters the request's body is what a
				// JSON block shows; under 参数说明 it is a guess.
				a.doc.Diagnostics.Add(ex.Pos, diag.MislabelledBlock, "JSON block under %s read as the request example", slotName(a.slot))
			}
			a.setExample(s, ex, false)
		case ep.ResponseExample == nil:
			a.setExample(s, ex, true)
		default:
			a.doc.Diagnostics.Add(ex.Pos, diag.IgnoredText, "JSON block with no label in section %q ignored", ep.Title)
		}
	}
	s.content = true
	a.titles, a.restated = nil, ""
	switch a.slot {
	case labelRequestExample, labelResponseExample, labelErrorExample, labelDataExample:
		// Pages give a success and an error example under one label.
	default:
		a.slot = labelNone
	}
}

func (a *assembler) setExample(s *epSection, ex *Example, response bool) {
	ep := s.last()
	dst, what := ep.RequestExample, "request"
	if response {
		dst, what = ep.ResponseExample, "response"
		a.role, a.roleSet = RoleResponse, true
	}
	if dst != nil {
		a.doc.Diagnostics.Add(ex.Pos, diag.IgnoredText, "second %s example in section %q ignored (first at %s)", what, ep.Title, dst.Pos)
		return
	}
	for _, e := range s.eps {
		if response {
			e.ResponseExample = ex
		} else {
			e.RequestExample = ex
		}
	}
}
