package parser

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelAnyExample labels an example that does not say whether it is the
// request or the response (示例:); its content and place decide.
const labelAnyExample label = 100

// pageLabelWords extends the label vocabulary of labels.go with the words
// Markdown, HTML and plain-text pages use for their sections. It is kept
// apart so that the Waiqin reader keeps reading exactly the words it knows.
var pageLabelWords = map[label][]string{
	labelDescription: {"接口描述", "接口简介", "功能简介"},
	labelMethod:      {"请求方法", "請求方法", "HTTP 请求方法"},
	labelURL: {"Path", "接口地址", "接口URL", "请求路径", "请求链接", "调用地址", "接口链接", "URL地址", "API URL",
		"Endpoint", "请求URL地址"},
	labelAuth:           {"认证", "鉴权", "授权", "Authorization"},
	labelRequestExample: {"API试用示例", "请求包结构体为", "请求包体", "请求体示例", "请求JSON", "请求数据示例", "请求示例代码", "入参示例"},
	labelResponseExample: {"返回数据", "返回數據", "响应数据", "响应结果", "返回结果示例", "返回值示例", "返回示例代码", "正确返回示例",
		"成功返回示例", "响应体示例", "出参示例", "Response", "返回", "响应", "響應"},
	labelRequestParams: {"请求", "請求", "Request", "请求头", "請求頭", "请求头参数", "请求体参数", "请求体", "入参", "输入参数",
		"公共参数", "公共请求参数", "请求字段", "Body", "Header", "Headers", "Query", "Body参数", "Query参数", "Header参数",
		"Path参数", "路径参数", "请求参数说明"},
	labelResponseParams: {"返回说明", "返回數據說明", "返回数据结构", "出参", "输出参数", "响应字段", "返回值", "返回值说明",
		"返回字段", "返回结果说明", "响应体", "响应参数说明", "返回参数说明"},
	labelNote: {"接口版本", "请求头示例", "最后更新", "更新时间", "文档更新时间", "状态限制", "状态跳转至", "业务错误码", "错误码", "错误码说明",
		"注意事项", "版本"},
	labelAnyExample: {"示例", "例子", "样例", "範例", "Example", "Examples", "JSON示例", "调用示例"},
}

// locationPrefixes name where a parameter table's rows go: "Header 参数说明",
// "请求头参数", "Body:".
var locationPrefixes = []struct{ word, in string }{
	{"请求头", "header"}, {"請求頭", "header"}, {"headers", "header"}, {"header", "header"},
	{"请求体", "body"}, {"請求體", "body"}, {"body", "body"}, {"formdata", "body"},
	{"query", "query"}, {"路径", "path"}, {"path", "path"},
}

var (
	pageLabelAt    *regexp.Regexp
	pageLabelByKey = map[string]label{} // normLabel(word) → label
	suffixWords    []string             // keys of three runes or more, longest first
)

func init() {
	var words []string
	addWord := func(l label, w string) {
		key := normLabel(w)
		if _, dup := pageLabelByKey[key]; !dup {
			pageLabelByKey[key] = l
		}
		words = append(words, regexp.QuoteMeta(w))
	}
	for l, ws := range labelWords {
		for _, w := range ws {
			addWord(l, w)
		}
	}
	for l, ws := range pageLabelWords {
		for _, w := range ws {
			addWord(l, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	words = slices.Compact(words)
	pageLabelAt = regexp.MustCompile(`(?i)(?:^|[\s\x{3000}])((?:` + strings.Join(words, "|") + `))\s*[:：]`)
	for k := range pageLabelByKey {
		if utf8.RuneCountInString(k) >= 3 {
			suffixWords = append(suffixWords, k)
		}
	}
	slices.SortFunc(suffixWords, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
}

// normLabel folds a label as written to its lookup key: lower case, no
// white space, no decoration or trailing colon.
func normLabel(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "#*:：【】[]()（） \t\u3000")
	return strings.ToLower(strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s))
}

// pageLabels finds "label: value" labels in a line, in order.
func pageLabels(text string) []labelMatch {
	var out []labelMatch
	for _, m := range pageLabelAt.FindAllStringSubmatchIndex(text, -1) {
		word := text[m[2]:m[3]]
		out = append(out, labelMatch{label: pageLabelByKey[normLabel(word)], word: word, start: m[2], valueStart: m[1]})
	}
	return out
}

// sectionLabel is what a line standing alone (a heading, a bold line, a
// short line of text) says about what follows it.
type sectionLabel struct {
	label label
	in    string // parameter location named by the label (header, body, …)
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
	in := locationOf(key)
	if l, ok := pageLabelByKey[key]; ok {
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
		switch l := pageLabelByKey[rest]; {
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
			l := pageLabelByKey[w]
			return sectionLabel{label: l, in: paramsIn(l, in)}, true
		}
	}
	switch {
	case hasAnySuffix(key, "示例", "样例", "example", "範例"):
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

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// chromeWords are captions of buttons and navigation that saving or copying
// a rendered page leaves behind; they are never a title.
var chromeWords = map[string]bool{
	"导航": true, "目录": true, "复制全文": true, "我的收藏": true, "有用": true, "无用": true, "分享": true,
	"收藏": true, "返回顶部": true, "上一篇": true, "下一篇": true, "编辑": true, "评论": true, "页面列表": true,
	"在线调试": true, "复制": true, "全屏": true, "目录导航": true,
}

// titleStop holds the characters a sentence or a label has and a title
// does not.
const titleStop = ":：。，,;；!！?？"

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
