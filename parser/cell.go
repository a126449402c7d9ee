package parser

import (
	"html"
	"regexp"
	"strings"
)

// htmlTag matches an HTML start or end tag, including one whose closing '>'
// was lost in copying (`<span style="color:gray"方案编码`).
var htmlTag = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*\s*/?>?`)

// lineBreakTag matches tags that stand for a line break inside a cell.
var lineBreakTag = regexp.MustCompile(`(?i)<br\s*/?>|</p>|</li>`)

// linkArtifacts are texts that copying a rendered page leaves behind and
// that are not part of any description.
var linkArtifacts = []string{"(opens new window)", "（opens new window）"}

// cleanCell turns a table cell or description as written into plain text:
// HTML tags stripped, entities decoded, copy artifacts removed and white
// space collapsed. It reports whether HTML was stripped.
func cleanCell(s string) (text string, hadHTML bool) {
	if strings.ContainsRune(s, '<') {
		stripped := lineBreakTag.ReplaceAllString(s, " ")
		stripped = htmlTag.ReplaceAllString(stripped, "")
		hadHTML = stripped != s
		s = stripped
	}
	if strings.ContainsRune(s, '&') {
		s = html.UnescapeString(s)
	}
	for _, a := range linkArtifacts {
		s = strings.ReplaceAll(s, " "+a, "")
		s = strings.ReplaceAll(s, a, "")
	}
	return collapseSpace(s), hadHTML
}

// collapseSpace trims s and folds runs of white space (including
// full-width and no-break spaces) into one ASCII space.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u3000', '\u00a0':
		return true
	}
	return false
}
