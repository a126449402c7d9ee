package parser

import (
	"regexp"
	"slices"
	"strings"
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
	labelDataExample
	labelRequestParams
	labelResponseParams
	labelParams // 参数说明: used above request and response tables alike
	labelNote   // 说明: 本示例仅供参考 — read and ignored
)

// labelWords is the label vocabulary; several docs use several spellings.
var labelWords = map[label][]string{
	labelDescription:     {"接口说明", "接口描述", "简要描述", "簡要描述", "功能说明", "接口功能", "功能描述", "描述"},
	labelMethod:          {"请求方式", "請求方式", "请求方法", "請求方法", "HTTP 方法", "HTTP方法", "HTTP请求方式", "Method", "HTTP Method"},
	labelURL:             {"请求地址", "請求地址", "请求URL", "请求url", "請求URL", "接口地址", "API 地址", "API地址", "请求路径", "接口URL", "接口路径", "URL", "Request URL"},
	labelAuth:            {"授權方式", "授权方式", "认证方式", "鉴权方式"},
	labelRequestExample:  {"请求示例", "請求示例", "请求样例", "请求报文", "请求参数示例", "请求数据示例", "请求体示例", "Request Example"},
	labelResponseExample: {"响应示例", "響應示例", "返回示例", "返回數據示例", "返回数据示例", "返回结果示例", "响应样例", "响应报文", "返回样例", "返回结果", "Response Example"},
	labelDataExample:     {"数据DATA示例", "DATA示例", "数据示例"},
	labelRequestParams:   {"请求说明", "请求参数", "請求參數", "请求参数说明", "请求体", "Request Parameters"},
	labelResponseParams:  {"返回参数", "返回參數", "响应参数", "返回参数说明", "返回數據說明", "返回数据说明", "返回字段说明", "响应说明", "响应参数说明", "Response Parameters"},
	labelParams:          {"参数说明", "參數說明", "参数", "參數"},
	labelNote:            {"说明", "說明", "备注", "備註", "注意"},
}

// labelAt matches a label followed by a colon, at the start of a line or
// after white space, so that 说明 does not match inside 接口说明.
var (
	labelAt     *regexp.Regexp
	labelByWord = map[string]label{}
)

func init() {
	var words []string
	for l, ws := range labelWords {
		for _, w := range ws {
			labelByWord[strings.ToLower(w)] = l
			words = append(words, regexp.QuoteMeta(w))
		}
	}
	// Longest first, so that 参数说明 wins over 说明 and 参数.
	slices.SortFunc(words, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	labelAt = regexp.MustCompile(`(?i)(?:^|[\s\x{3000}\x{00a0}])((?:` + strings.Join(words, "|") + `))\s*[:：]`)
}

// labelMatch is one label found in a line.
type labelMatch struct {
	label      label
	word       string
	start      int // byte index of the label word
	valueStart int // byte index just after the colon
}

// weakLabels are labels whose words are common in prose (说明:, 参数:). They
// count only at the start of a line; after other text they are part of it,
// as in "接口说明:新增方案 说明: 仅限付费陈列".
var weakLabels = map[label]bool{labelNote: true, labelParams: true}

// findLabels returns the labels in text in order.
func findLabels(text string) []labelMatch {
	var out []labelMatch
	lead := len(text) - len(trimLeftSpace(text))
	for _, m := range labelAt.FindAllStringSubmatchIndex(text, -1) {
		word := text[m[2]:m[3]]
		lb := labelByWord[strings.ToLower(word)]
		if weakLabels[lb] && m[2] > lead {
			continue
		}
		out = append(out, labelMatch{label: lb, word: word, start: m[2], valueStart: m[1]})
	}
	return out
}

// bareLabel returns the label a whole line consists of, written without a
// colon (请求说明, 返回参数 ...), or labelNone.
func bareLabel(text string) label {
	t := strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "#*:：【】[] "))
	return labelByWord[strings.ToLower(t)]
}
