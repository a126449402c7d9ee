package spec

import (
	"slices"
	"strings"

	"github.com/apigen/apigen/parser"
)

// What a doc's error-code tables (错误码 | 说明) say a code means, read
// from the code's description: the access token must be fetched again
// (42001 access_token已过期, 99991663 Invalid access token), or the
// vendor is busy and the call may be tried later (-1 系统繁忙).
var (
	tokenWords = []string{"token", "凭证", "令牌"}
	staleWords = []string{"过期", "失效", "超时", "无效", "不合法", "非法", "expire", "invalid"}
	busyWords  = []string{"繁忙", "稍后重试", "稍后再试", "稍候再试", "限流", "频率", "busy", "try again later", "rate limit", "too many requests"}
)

// expiredTokenCodes are the codes whose description says the access
// token expired or is invalid.
func expiredTokenCodes(docs []*parser.Document) []string {
	return documentedCodes(docs, func(desc string) bool {
		return containsAny(desc, tokenWords) && containsAny(desc, staleWords)
	})
}

// busyCodes are the codes whose description says the vendor is busy or
// limits the rate of calls.
func busyCodes(docs []*parser.Document) []string {
	return documentedCodes(docs, func(desc string) bool { return containsAny(desc, busyWords) })
}

// documentedCodes are the codes of the docs' error tables whose lower-case
// description matches, each once, in doc order.
func documentedCodes(docs []*parser.Document, match func(desc string) bool) []string {
	var codes []string
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			for _, t := range ep.ErrorTables {
				for _, f := range t.Fields {
					code := strings.TrimSpace(f.Name)
					if code != "" && !slices.Contains(codes, code) && match(strings.ToLower(f.Description)) {
						codes = append(codes, code)
					}
				}
			}
		}
	}
	return codes
}

func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}
