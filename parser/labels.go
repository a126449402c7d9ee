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
	labelAt = regexp.MustCompile(`(?i)(?:^|[\s\x{3000}])((?:` + strings.Join(words, "|") + `))\s*[:：]`)
	for k := range labelByKey {
		if utf8.RuneCountInString(k) >= 3 {
			suffixWords = append(suffixWords, k)
		}
	}
	slices.SortFunc(suffixWords, longestFirst)
}

// normLabel folds a label as written to its lookup key: compatibility
// forms folded (the Kangxi radical ⽅ is 方, full-width Ｕ is U), lower case,
// no white space, no decoration or trailing colon.
func normLabel(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Trim(strings.TrimSpace(s), "#*:：【】[]()（） \t\u3000")
	return strings.ToLower(strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s))
}

// pageLabels finds "label: value" labels in a line, in order. Labels
// whose words are common in prose (说明:, 参数:) count only at the start of
// the line; after other text they are part of it.
func pageLabels(text string) []labelMatch {
	var out []labelMatch
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
)

// classifyLabel reads a line standing alone as a section label.
func classifyLabel(text string) (sectionLabel, bool) { return classifyLabelN(text, maxLabelRunes) }

// classifyHeading reads a heading as a section label.
func classifyHeading(text string) (sectionLabel, bool) {
	return classifyLabelN(text, maxHeadingLabelRunes)
}

func classifyLabelN(text string, limit int) (sectionLabel, bool) {
	key := normLabel(text)
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
	in := locationOf(key)
	if l, ok := labelByKey[key]; ok {
		if l == labelURL && in == "path" && key != "path" {
			l = labelRequestParams
		}
		return sectionLabel{label: l, in: paramsIn(l, in)}, true
	}
	for _, p := range locationPrefixes {
		rest, ok := strings.CutPrefix(key, p.word)
		if !ok {
			continue
		}
		switch l := labelByKey[rest]; {
		case l == labelParams || l == labelRequestParams:
			return sectionLabel{label: labelRequestParams, in: p.in}, true
		case l == labelRequestExample || l == labelAnyExample:
			return sectionLabel{label: labelRequestExample, in: p.in}, true
		}
	}
	if i := strings.IndexAny(key, "[(（【"); i > 0 {
		// A note in brackets after the label: "请求头 [Authorization]".
		if sl, ok := classifyLabelN(key[:i], limit); ok {
			return sl, true
		}
	}
	if utf8.RuneCountInString(key) > limit {
		return sectionLabel{}, false
	}
	for _, w := range suffixWords {
		if strings.HasSuffix(key, w) && wordStart(key, len(key)-len(w)) {
			l := labelByKey[w]
			return sectionLabel{label: l, in: paramsIn(l, in)}, true
		}
	}
	if containsAny(key, exampleWords) {
		switch {
		case containsAny(key, failureWords):
			return sectionLabel{label: labelErrorExample}, true
		case containsAny(key, successWords):
			return sectionLabel{label: labelResponseExample}, true
		}
	}
	switch {
	case hasAnySuffix(key, "示例", "样例", "example", "範例", "实例"):
		switch {
		case strings.Contains(key, "返回") || strings.Contains(key, "响应") || strings.Contains(key, "response"):
			return sectionLabel{label: labelResponseExample}, true
		case strings.Contains(key, "请求") || strings.Contains(key, "request"):
			return sectionLabel{label: labelRequestExample}, true
		}
	case hasAnySuffix(key, "参数", "參數", "字段", "parameters"):
		switch {
		case strings.Contains(key, "返回") || strings.Contains(key, "响应") || strings.Contains(key, "出参"):
			return sectionLabel{label: labelResponseParams}, true
		case strings.Contains(key, "请求") || strings.Contains(key, "入参"):
			return sectionLabel{label: labelRequestParams, in: in}, true
		}
	}
	return sectionLabel{}, false
}

func isParamsLabel(l label) bool {
	return l == labelRequestParams || l == labelResponseParams || l == labelParams
}

// wordStart reports whether a label word may start at byte i of key: an
// ASCII word must not continue one ("test_json_body" does not end in the
// label "body"); Chinese words have no such boundary.
func wordStart(key string, i int) bool {
	if i == 0 {
		return true
	}
	w, _ := utf8.DecodeRuneInString(key[i:])
	p, _ := utf8.DecodeLastRuneInString(key[:i])
	return w >= utf8.RuneSelf || !(p < utf8.RuneSelf && (unicode.IsLetter(p) || unicode.IsDigit(p) || p == '_' || p == ':'))
}

func paramsIn(l label, in string) string {
	if l == labelRequestParams || l == labelParams {
		return in
	}
	return ""
}

func locationOf(key string) string {
	for _, p := range locationPrefixes {
		if strings.HasPrefix(key, p.word) {
			return p.in
		}
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

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
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
	s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "#"))
	s = strings.TrimRight(s, ":： ")
	if m := leadingMethod.FindStringSubmatch(s); m != nil && len(s) > len(m[0]) {
		s = strings.TrimSpace(s[len(m[0]):])
	}
	return s
}

var leadingMethod = regexp.MustCompile(`^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+`)
