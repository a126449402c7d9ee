package parser

import (
	"html"
	"regexp"
	"strings"
)

// knownTag matches the HTML tags Markdown docs embed in text and cells.
// Only known tag names are stripped: a type written List<String> in a
// Markdown cell is text, not a tag.
var knownTag = regexp.MustCompile(`(?i)</?(?:a|abbr|b|big|blockquote|br|caption|center|code|col|colgroup|dd|del|div|dl|dt|em|font|h[1-6]|hr|i|img|input|ins|kbd|label|li|mark|ol|p|pre|s|section|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul)(?:\s[^<>]*)?/?>`)

var (
	mdImage  = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEscape = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
)

// mdRaw turns Markdown inline text into plain text without touching white
// space, so that indentation used for nesting survives: known HTML tags
// stripped (a line break becomes a space), entities decoded, links reduced
// to their text, emphasis marks and code-span backticks dropped, backslash
// escapes resolved. It reports whether HTML other than a line break was
// stripped.
func mdRaw(s string) (text string, hadHTML bool) {
	if strings.ContainsRune(s, '<') {
		s = knownTag.ReplaceAllStringFunc(s, func(tag string) string {
			if lineBreakTag.MatchString(tag) {
				return " "
			}
			hadHTML = true
			return ""
		})
	}
	if strings.ContainsRune(s, ']') {
		s = mdImage.ReplaceAllString(s, "")
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "**") {
		s = strings.ReplaceAll(s, "**", "")
	}
	if strings.ContainsRune(s, '`') {
		s = strings.ReplaceAll(s, "`", "")
	}
	if strings.ContainsRune(s, '\\') {
		s = mdEscape.ReplaceAllString(s, "$1")
	}
	if strings.ContainsRune(s, '&') {
		s = html.UnescapeString(s)
	}
	for _, a := range linkArtifacts {
		s = strings.ReplaceAll(s, a, "")
	}
	return s, hadHTML
}

// mdPlain is mdRaw with white space collapsed.
func mdPlain(s string) string {
	t, _ := mdRaw(s)
	return collapseSpace(t)
}

// blockText returns the plain text of a block.
func blockPlain(b *block) string {
	if b.plain {
		return collapseSpace(b.text)
	}
	return mdPlain(b.text)
}
