package parser

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"
)

// markup says how the text of a block or a table cell is written.
type markup uint8

const (
	// markupMarkdown is Markdown as written: emphasis, code spans, links,
	// backslash escapes and inline HTML.
	markupMarkdown markup = iota
	// markupText is text copied from a rendered page: no Markdown, but
	// stray HTML tags and entities the copy kept.
	markupText
	// markupPlain is text an HTML parser produced: plain already.
	markupPlain
)

// htmlTagNames are the tags pages embed in text and cells. Only these are
// stripped: a type written List<String> is text, not a tag.
const htmlTagNames = `a|abbr|b|big|blockquote|br|caption|center|code|col|colgroup|dd|del|div|dl|dt|em|font|h[1-6]|hr|i|img|input|ins|kbd|label|li|mark|ol|p|pre|s|section|small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul`

var (
	// knownTag matches one of those tags; its closing '>' may have been
	// lost in copying (`<span style="color:gray"方案编码`), so attributes
	// are matched one by one rather than up to the next '>'.
	knownTag = regexp.MustCompile(`(?i)</?(?:` + htmlTagNames + `)\b(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*\s*/?>?`)
	// componentTag is a component of an MDX or Vue page, <Badge text="GET"/>
	// or <Control method="POST" url="/api/x"/>: capitalised or hyphenated,
	// with attributes or self-closing, so that the type List<String> is
	// not one.
	componentTag  = regexp.MustCompile(`<(?:[A-Z][A-Za-z0-9.]*|[a-z]+(?:-[a-z0-9]+)+)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?)+\s*/?|\s*/)>|</(?:[A-Z][A-Za-z0-9.]*|[a-z]+(?:-[a-z0-9]+)+)>`)
	componentAttr = regexp.MustCompile(`([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'\x60]?([^{}"'\x60]*)["'\x60]?\s*\})`)
	// lineBreakTag matches the tags that stand for a line break inside a
	// cell, and lineBreak finds the <br> that cuts Markdown text (a
	// heading, a name cell) into lines.
	lineBreakTag = regexp.MustCompile(`(?i)^(?:<br\b|</p\b|</li\b)`)
	lineBreak    = regexp.MustCompile(`(?i)<br\s*/?>`)

	mdImage     = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdUnderline = regexp.MustCompile(`(^|[^\w])__([^_\s][^_]*?)__([^\w]|$)`)
	mdStar      = regexp.MustCompile(`(^|[^\w*])\*([^*\s](?:[^*]*[^*\s])?)\*([^\w*]|$)`)
	// crossRef is an AsciiDoc cross reference, <<_uservo,UserVo>>.
	crossRef = regexp.MustCompile(`<<[^,<>]*,\s*([^<>]+)>>|<<([^,<>]+)>>`)
	mdLink   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdEscape = regexp.MustCompile("\\\\([!-/:-@\\[-`{-~])")
)

// escapedBase is where inlineText keeps escaped ASCII marks while it reads
// the rest: the private-use area, which no page text uses.
const escapedBase = 0xE000

// linkArtifacts are texts that copying a rendered page leaves behind and
// that are not part of any description.
var linkArtifacts = []string{" (opens new window)", "(opens new window)", "（opens new window）"}

// inlineText turns text written in markup m into plain text without
// touching white space, so that indentation used for nesting survives. It
// reports whether HTML other than a line break was stripped.
func inlineText(s string, m markup) (text string, hadHTML bool) {
	escaped := m == markupMarkdown && strings.ContainsRune(s, '\\')
	if escaped {
		// An escaped mark is text: set it aside before emphasis is read,
		// so that 0022012\*\*\*\* keeps its stars.
		s = mdEscape.ReplaceAllStringFunc(s, func(e string) string { return string(escapedBase + rune(e[1])) })
	}
	if m == markupMarkdown && strings.Contains(s, "<<") {
		s = crossRef.ReplaceAllString(s, "$1$2")
	}
	if m != markupPlain && strings.ContainsRune(s, '<') {
		s = knownTag.ReplaceAllStringFunc(s, func(tag string) string {
			if lineBreakTag.MatchString(tag) {
				return " "
			}
			hadHTML = true
			return ""
		})
	}
	if m == markupMarkdown && strings.ContainsRune(s, '<') {
		s = componentTag.ReplaceAllStringFunc(s, componentText)
	}
	if m == markupMarkdown {
		if strings.ContainsRune(s, ']') {
			s = mdImage.ReplaceAllString(s, "")
			s = mdLink.ReplaceAllString(s, "$1")
		}
		if strings.Contains(s, "**") {
			s = strings.ReplaceAll(s, "**", "")
		}
		if strings.Contains(s, "__") {
			s = mdUnderline.ReplaceAllString(s, "$1$2$3")
		}
		if strings.Count(s, "*") >= 2 {
			s = mdStar.ReplaceAllString(s, "$1$2$3")
		}
		if strings.ContainsRune(s, '`') {
			s = strings.ReplaceAll(s, "`", "")
		}
	}
	if escaped {
		s = strings.Map(func(r rune) rune {
			if r >= escapedBase && r < escapedBase+0x80 {
				return r - escapedBase
			}
			return r
		}, s)
	}
	if m != markupPlain && strings.ContainsRune(s, '&') {
		s = html.UnescapeString(s)
	}
	for _, a := range linkArtifacts {
		s = strings.ReplaceAll(s, a, "")
	}
	return s, hadHTML
}

// componentText is what a page component shows of an endpoint: the
// attribute values that are an HTTP method or a URL, in their order. The
// rest (colours, ids, styles) is presentation.
func componentText(tag string) string {
	var kept []string
	for _, m := range componentAttr.FindAllStringSubmatch(tag, -1) {
		v := strings.TrimSpace(m[2] + m[3] + m[4])
		if readMethodOnly(v) != "" || looksLikeURL(v) {
			kept = append(kept, v)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	return " " + strings.Join(kept, " ") + " "
}

// plainText is inlineText with white space collapsed.
func plainText(s string, m markup) string {
	t, _ := inlineText(s, m)
	return collapseSpace(t)
}

// blockPlain returns the plain text of a block.
func blockPlain(b *block) string { return plainText(b.text, b.markup) }

// collapseSpace trims s and folds runs of white space (including
// full-width and no-break spaces) into one ASCII space.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// collapsed reports whether collapseSpace would return s as it is: valid
// UTF-8 whose white space is single ASCII spaces between other text.
func collapsed(s string) bool {
	prevSpace := true // no leading space
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return false // maybe a byte that is not UTF-8
		case isSpace(r):
			if r != ' ' || prevSpace {
				return false
			}
			prevSpace = true
		default:
			prevSpace = false
		}
	}
	return !prevSpace || s == ""
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u3000', '\u00a0':
		return true
	}
	return false
}
