package parser

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// label is the meaning of a section label such as 请求地址: or 返回示例.
type label int

const (
	labelNone label = iota
	labelDescription
	labelMethod
	labelURL
	labelAuth
	labelRequestExample
	labelResponseExample
	labelErrorExample // 错误示例, 失败返回: a failure response, not the success example
	labelDataExample
	labelRequestParams
	labelResponseParams
	labelParams     // 参数说明: used above request and response tables alike
	labelCommon     // 公共参数: what every endpoint of the page sends
	labelNote       // 说明: 本示例仅供参考 — read and ignored
	labelAnyExample // 示例: the example's content and place decide what it is
)

// labelMatch is one label found in a line.
type labelMatch struct {
	label      label
	word       string
	start      int // byte index of the label word
	valueStart int // byte index just after the colon
}

var (
	labelAt     *regexp.Regexp       // a label word followed by its colon
	labelByKey  = map[string]label{} // normLabel(word) → label
	suffixWords []string             // keys of three runes or more, longest first
)

func init() {
	var words []string
	for l, ws := range labelWords {
		for _, w := range ws {
			key := normLabel(w)
			if prev, dup := labelByKey[key]; dup && prev != l {
				panic("label word " + w + " has two meanings")
			}
			labelByKey[key] = l
			words = append(words, regexp.QuoteMeta(w))
		}
	}
	longestFirst := func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	}
	slices.SortFunc(words, longestFirst)
	words = slices.Compact(words)
	// A gloss in brackets may sit between the word and its colon:
	// 请求方式(METHOD): POST.
	labelAt = regexp.MustCompile(`(?i)(?:^|[\s\x{3000}])((?:` + strings.Join(words, "|") + `))(?:\s*[(（][^()（）:：]{1,24}[)）])?\s*[:：]`)
	for k := range labelByKey {
		if utf8.RuneCountInString(k) >= 3 {
			suffixWords = append(suffixWords, k)
		}
	}
	slices.SortFunc(suffixWords, longestFirst)
}

// normLabel folds a label as written to its lookup key: compatibility
// forms folded (the Kangxi radical ⽅ is 方, full-width Ｕ is U), invisible
// characters, list marks and enumerators dropped (二、, 1., （1）, 表 5),
// lower case, no white space or hyphens, no decoration or trailing colon.
func normLabel(s string) string {
	return strings.Join(labelWordsOf(s), "")
}

// statusSuffix is an HTTP status written after a label: 响应<200>,
// Response (200), 返回 200.
var statusSuffix = regexp.MustCompile(`\s*[<(（\[]?\s*[1-5]\d\d\s*[>)）\]]?\s*$`)

// mayEndInStatus reports whether statusSuffix can match s: three digits,
// then at most a closing bracket, at its end. Most labels end otherwise,
// and the test costs less than the expression.
func mayEndInStatus(s string) bool {
	const space = " \t\n\f\r" // \s of regexp
	t := strings.TrimRight(s, space)
	for _, closing := range []string{">", ")", "）", "]"} {
		if rest, ok := strings.CutSuffix(t, closing); ok {
			t = strings.TrimRight(rest, space)
			break
		}
	}
	return t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9'
}

// mayEnumerate reports whether labelEnumerator can match s: whether s
// starts with a character one of its alternatives starts with.
func mayEnumerate(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case strings.ContainsRune("-*+•·一二三四五六七八九十（(表tTfF", r),
		r >= '0' && r <= '9',
		r >= '①' && r <= '⑳':
		return true
	}
	return false
}

// labelWordsOf is normLabel's key cut into the words the label is written
// with, so that an English label word is matched only as a whole word
// (HTTP URL ends in the word url; test_json_body does not end in body).
func labelWordsOf(s string) []string {
	s = dropInvisible(norm.NFKC.String(s))
	s = strings.Trim(strings.TrimSpace(s), "#*:：【】[]()（） \t\u3000")
	if mayEnumerate(s) {
		s = labelEnumerator.ReplaceAllString(s, "")
	}
	if mayEndInStatus(s) {
		s = statusSuffix.ReplaceAllString(s, "")
	}
	s = strings.Trim(s, "#*:：【】[]()（） \t\u3000")
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return isSpace(r) || r == '-' }) {
		words = append(words, splitScripts(w)...)
	}
	return words
}

// splitScripts cuts a word where Latin letters meet Chinese ones, so that
// 请求Header参数 is the words 请求, header, 参数.
func splitScripts(w string) []string {
	script := func(r rune) int {
		switch {
		case unicode.Is(unicode.Han, r):
			return 1
		case r >= 'a' && r <= 'z':
			return 2
		}
		return 0
	}
	var out []string
	start, prev := 0, 0
	for i, r := range w {
		sc := script(r)
		if sc != 0 && prev != 0 && sc != prev {
			out = append(out, w[start:i])
			start = i
		}
		prev = sc
	}
	return append(out, w[start:])
}

// labelEnumerator matches what numbers or marks a label: a list mark, 二、,
// 1. or 1.2 or 1), （1）, ①, 表 5, Table 5.
var labelEnumerator = regexp.MustCompile(`^(?:[-*+•·]\s+|[一二三四五六七八九十]+[、.．]\s*|\d+(?:\.\d+)*(?:[、.．)）]\s*|\s+)|[（(]\d+[)）]\s*|[①-⑳]\s*|(?i:表|table|figure)\s*\d+\s*)+`)

// pageLabels finds "label: value" labels in a line, in order. Labels
// whose words are common in prose (说明:, 参数:) count only at the start of
// the line; after other text they are part of it.
func pageLabels(text string) []labelMatch {
	var out []labelMatch
	text = ScanPrefix(text)
	if strings.Contains(text, "://") || strings.Contains(text, " /") {
		if m := addressAfterLabel.FindStringSubmatchIndex(text); m != nil && labelByKey[normLabel(text[m[2]:m[3]])] == labelURL {
			// "url http://…", "路径 /login": an address label and its
			// address, no colon between them (a heading or a list item
			// that reads as one).
			return []labelMatch{{label: labelURL, word: text[m[2]:m[3]], start: m[2], valueStart: m[4]}}
		}
	}
	if !strings.ContainsAny(text, ":：") {
		return nil // every other label is followed by a colon
	}
	lead := len(text) - len(trimLeftSpace(text))
	for _, m := range labelAt.FindAllStringSubmatchIndex(text, -1) {
		word := text[m[2]:m[3]]
		l := labelByKey[normLabel(word)]
		if weakLabelWords[normLabel(word)] && m[2] > lead {
			continue
		}
		out = append(out, labelMatch{label: l, word: word, start: m[2], valueStart: m[1]})
	}
	return out
}

// addressAfterLabel is a line of a word, then white space and an absolute
// address or a path alone: pageLabels reads it as an address label when
// the word is one.
var addressAfterLabel = regexp.MustCompile(`^\s*([^\s:：]{1,12})\s+(https?://\S+|/[A-Za-z0-9_{}:.~-]\S*)\s*$`)

// maxScan is how much of one line the structural rules read (labels,
// run-on rows). Labels and glued rows sit within a line's first few
// hundred characters on every real page; what runs on past 64 KiB is one
// long value (a description that never ends), kept as text. Without the
// bound every rule would rescan a 10 MB line, and parsing it would take
// tens of seconds.
const maxScan = 64 << 10

// ScanPrefix is the part of s the structural rules read: at most maxScan
// bytes, cut at a character boundary.
func ScanPrefix(s string) string {
	if len(s) <= maxScan {
		return s
	}
	i := maxScan
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// sectionLabel is what a line standing alone (a heading, a bold line, a
// short line of text) says about what follows it.
type sectionLabel struct {
	label  label
	in     string // parameter location named by the label (header, body, …)
	common bool   // the parameters every endpoint of the page shares (公共请求参数)
}

// Lines read as labels by their ending are bounded in length: "接口调用请求说明"
// is a label, a sentence that happens to end in 参数说明 is not. A heading
// is a label by its place already, so it may be longer
// ("smartpal企微h5端 接口地址").
const (
	maxLabelRunes        = 16
	maxHeadingLabelRunes = 32
	maxLabelBytes        = 512 // with its decoration and a note in brackets
)

// classifyLabel reads a line standing alone as a section label.
func classifyLabel(text string) (sectionLabel, bool) { return classifyLabelN(text, maxLabelRunes) }

// classifyHeading reads a heading as a section label.
func classifyHeading(text string) (sectionLabel, bool) {
	return classifyLabelN(text, maxHeadingLabelRunes)
}

func classifyLabelN(text string, limit int) (sectionLabel, bool) {
	if len(text) > maxLabelBytes {
		return sectionLabel{}, false // a paragraph, not a label
	}
	words := labelWordsOf(text)
	key := strings.Join(words, "")
	if key == "" {
		return sectionLabel{}, false
	}
	if l, ok := labelByKey[key]; ok && l == labelCommon {
		return sectionLabel{label: labelRequestParams, common: true}, true
	}
	for _, p := range commonPrefixes {
		if rest, ok := strings.CutPrefix(key, p); ok && rest != "" {
			if sl, ok := classifyLabelN(rest, limit); ok && isParamsLabel(sl.label) {
				sl.common = true
				return sl, true
			}
		}
	}
	for _, tail := range labelTails {
		// "Header如下", "请求参数如下所示", "参数列表": the label, then "as
		// follows" or "list".
		if rest, ok := strings.CutSuffix(key, tail); ok && rest != "" {
			return classifyLabelN(rest, limit)
		}
	}
	in := locationIn(words)
	if l, ok := labelByKey[key]; ok {
		if l == labelURL && in == "path" && key != "path" {
			l = labelRequestParams
		}
		return sectionLabel{label: l, in: paramsIn(l, in)}, true
	}
	short := utf8.RuneCountInString(key) <= limit
	if short && !strings.ContainsAny(key, ",，;；。") {
		// A label composed of words is a phrase: a clause with a comma
		// in it (code int 返回码,0表示成功) is a sentence.
		if sl, ok := composedLabel(key, in); ok {
			return sl, true
		}
	}
	if i := strings.IndexAny(key, "[(（【"); i > 0 && !textAfterBracket(key[i:]) {
		// A note in brackets after the label: "请求头 [Authorization]",
		// "请求方式(METHOD)".
		if sl, ok := classifyLabelN(key[:i], limit); ok {
			return sl, true
		}
	}
	if !short {
		return sectionLabel{}, false
	}
	for _, w := range suffixWords {
		if strings.HasSuffix(key, w) && wordAt(words, len(key)-len(w)) {
			l := labelByKey[w]
			return sectionLabel{label: l, in: paramsIn(l, in)}, true
		}
	}
	return sectionLabel{}, false
}

// labelTails end a label with "as follows" or "list", longest first.
var labelTails = []string{"如下所示", "如下", "列表"}

// composedLabel reads a label made of parts: a side (请求, 响应, request,
// response), a location (Header, Query, Body, 路径) and a noun (参数, 字段,
// fields, 示例, example): "响应Body参数", "Query Parameters", "Example
// Response", "请求结果(失败)". The side decides request or response,
// whichever word the label ends in.
func composedLabel(key, in string) (sectionLabel, bool) {
	response := containsAny(key, responseWords)
	request := containsAny(key, requestWords)
	failure, success := containsAny(key, failureWords), containsAny(key, successWords)
	switch {
	case response && (failure || success):
		// 正确时返回, 错误时返回: what comes back, and when.
		if failure {
			return sectionLabel{label: labelErrorExample}, true
		}
		return sectionLabel{label: labelResponseExample}, true
	case containsAny(key, exampleNouns) || containsAny(key, resultNouns) && (response || request):
		switch {
		case failure:
			return sectionLabel{label: labelErrorExample}, true
		case response || success || containsAny(key, resultNouns):
			return sectionLabel{label: labelResponseExample}, true
		case request:
			return sectionLabel{label: labelRequestExample, in: in}, true
		}
		return sectionLabel{label: labelAnyExample}, true
	case containsAny(key, paramNouns):
		switch {
		case response:
			return sectionLabel{label: labelResponseParams}, true
		case request:
			return sectionLabel{label: labelRequestParams, in: in}, true
		case in != "":
			return locationLabel(in), true
		}
	case response && in != "" && !request:
		// 响应 body, Response Headers: what comes back, where.
		return sectionLabel{label: labelResponseParams}, true
	case in != "" && len(key) <= len("headers") && !strings.Contains(key, "url"):
		// A location alone names the parameters sent there: Headers, Query.
		return locationLabel(in), true
	}
	return sectionLabel{}, false
}

// locationLabel is the label of parameters named by their location alone.
// Headers and a body may be the response's too (头部信息, Body under 响应),
// so their side is the section's; the other locations are the request's.
func locationLabel(in string) sectionLabel {
	if in == "header" || in == "body" {
		return sectionLabel{label: labelParams, in: in}
	}
	return sectionLabel{label: labelRequestParams, in: in}
}

// locationIn finds the parameter location a label's words name: a
// location word as a whole English word, or a Chinese one anywhere.
func locationIn(words []string) string {
	key := strings.Join(words, "")
	for _, p := range locationWords {
		if strings.IndexFunc(p.word, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
			if strings.Contains(key, p.word) {
				return p.in
			}
			continue
		}
		for _, w := range words {
			if w == p.word || strings.HasPrefix(w, p.word) && w[len(p.word)] >= utf8.RuneSelf {
				return p.in // "Body参数": the English word glued to Chinese
			}
		}
	}
	return ""
}

// wordAt reports whether byte i of the joined words starts a word: a
// Chinese label word may start anywhere, an English one only at a word.
func wordAt(words []string, i int) bool {
	key := strings.Join(words, "")
	if r, _ := utf8.DecodeRuneInString(key[i:]); r >= utf8.RuneSelf {
		return true
	}
	n := 0
	for _, w := range words {
		if n == i {
			return true
		}
		n += len(w)
	}
	return n == i || i > 0 && !isASCIIAlnum(key[i-1]) && key[i-1] != '_' && key[i-1] != ':'
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// textAfterBracket reports text after a bracketed note: "请求接口(Header)
// 必须携带参数" is a sentence, "请求头 [Authorization]" a label.
func textAfterBracket(s string) bool {
	j := strings.IndexAny(s, "])）】")
	return j >= 0 && j < len(s)-len(string([]rune(s[j:])[0]))
}

func isParamsLabel(l label) bool {
	return l == labelRequestParams || l == labelResponseParams || l == labelParams
}

func paramsIn(l label, in string) string {
	if l == labelRequestParams || l == labelParams {
		return in
	}
	return ""
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isTitleLine reports whether a line of text standing alone can be an
// endpoint's title: short, not a sentence, not a label, not a URL and not
// page chrome. Pages without headings (copied text, WiseCRM's bare title
// lines) name their endpoints this way.
func isTitleLine(text string) bool {
	n := utf8.RuneCountInString(text)
	if n == 0 || n > 60 || chromeWords[text] || strings.ContainsAny(text, titleStop) {
		return false
	}
	if len(strings.Fields(text)) > 3 || looksLikeURL(text) {
		return false
	}
	return true
}

// hasHan reports whether s holds a Chinese character; title lines of the
// pages apigen reads do, while the POD and app-shell lines around them
// (SYNOPSIS, Name) do not.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// cleanTitle removes what is not part of a title: a '#' run glued to the
// text (#商品sku详情), a trailing colon, and a leading HTTP method when a
// path line follows (## POST user::add).
func cleanTitle(s string) string {
	s, _ = cutAttributes(strings.TrimSpace(dropInvisible(s)))
	s = strings.TrimSpace(strings.TrimLeft(s, "#"))
	s = strings.TrimRight(s, ":： ")
	if _, _, title, ok := readTitledMethod(s); ok {
		s = strings.TrimSpace(title)
	}
	return s
}

// attributeList is a Markdown attribute list at the end of a heading or
// cell, as kramdown, Pandoc and markdown-it write it: {#get}, {: .badge},
// {data-indent=1}.
var attributeList = regexp.MustCompile(`\s*\{:?\s*([#.]?[A-Za-z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s{}]*))?(?:\s+[#.]?[A-Za-z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s{}]*))?)*)\s*\}$`)

// cutAttributes splits a trailing attribute list off s. A lone {name} is a
// path template or a placeholder, not attributes: a list needs an id,
// class or key=value.
func cutAttributes(s string) (rest, attrs string) {
	m := attributeList.FindStringSubmatchIndex(s)
	if m == nil {
		return s, ""
	}
	a := s[m[2]:m[3]]
	if !strings.ContainsAny(a, "#.=") || m[0] == 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:m[0]]), a
}

// headingMethod is the method a heading's attribute list names: {#get}.
func headingMethod(s string) string {
	_, attrs := cutAttributes(strings.TrimSpace(dropInvisible(s)))
	for _, a := range strings.Fields(attrs) {
		if id, ok := strings.CutPrefix(a, "#"); ok && isMethodWord(id) {
			return strings.ToUpper(id)
		}
		if c, ok := strings.CutPrefix(a, "."); ok && isMethodWord(c) {
			return strings.ToUpper(c)
		}
	}
	return ""
}

// dropInvisible removes format characters (zero-width spaces and joiners,
// the ​ a doc site puts in its heading anchors): they are never text.
func dropInvisible(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}
