package parser

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Format names a kind of doc page, and so the reader for it.
type Format string

const (
	FormatText            Format = "text"         // plain text copied from a rendered page (Waiqin365)
	FormatShowDocHTML     Format = "showdoc-html" // a ShowDoc page saved as HTML
	FormatShowDocMarkdown Format = "showdoc-md"   // ShowDoc's Markdown source (**请求URL:**)
	FormatMarkdown        Format = "markdown"     // Markdown API docs with pipe tables
	FormatHTML            Format = "html"         // any HTML page with parameter tables
	FormatPlain           Format = "plain"        // text copied from a rendered page without Markdown marks (ShowDoc, YApi, TOP)
	FormatAsciiDoc        Format = "asciidoc"     // AsciiDoc as API doc generators write it: = headings, |=== tables
	FormatReST            Format = "rst"          // reStructuredText (Sphinx, Read the Docs): adorned titles, list-tables, grid tables
	FormatWiki            Format = "wiki"         // wiki markup (Google Code, Trac, MoinMoin): = headings =, || tables ||, {{{ code }}}
)

// readers maps each format to its reader.
var readers = map[Format]func(*Document, string){
	FormatText:            readText,
	FormatShowDocHTML:     readShowDocHTML,
	FormatShowDocMarkdown: readShowDocMarkdown,
	FormatMarkdown:        readMarkdown,
	FormatHTML:            readHTML,
	FormatPlain:           readPlain,
	FormatAsciiDoc:        readAsciiDoc,
	FormatReST:            readReST,
	FormatWiki:            readWiki,
}

// Formats lists the formats Parse can read, for -from and -h.
func Formats() []Format {
	var fs []Format
	for f := range readers {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	return fs
}

// ParseFormat checks a -from value.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(s))
	if _, ok := readers[f]; !ok {
		return "", fmt.Errorf("unknown format %q (known: %v)", s, Formats())
	}
	return f, nil
}

var (
	htmlTagCount      = regexp.MustCompile(`(?i)<(p|div|table|tr|td|th|pre|code|ul|li|h[1-6]|span|strong|br)\b`)
	htmlDocument      = regexp.MustCompile(`(?i)^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b`)
	showDocHTMLMark   = regexp.MustCompile(`(?i)<(strong|b)>\s*(请求URL|請求URL)\s*[:：]?\s*</(strong|b)>`)
	showDocMDMark     = regexp.MustCompile(`\*\*\s*(请求URL|請求URL)\s*[:：]?\s*\*\*`)
	markdownTableRule = regexp.MustCompile(`(?m)^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$`)
	markdownFence     = regexp.MustCompile("(?m)^ {0,3}(```|~~~)")
	markdownHeading   = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+\S`)
	asciiDocTable     = regexp.MustCompile(`(?m)^\|===\s*$`)
	asciiDocHeading   = regexp.MustCompile(`(?m)^=={0,5} \S`)
)

// Detect tells the format of a page from its content, not its file name:
// pages are saved with whatever extension the browser picked.
func Detect(text string) Format {
	head := text
	if len(head) > 1<<20 {
		head = head[:1<<20]
	}
	markdown := markdownTableRule.MatchString(head) || markdownFence.MatchString(head) || markdownHeading.MatchString(head)
	switch {
	case showDocHTMLMark.MatchString(head):
		return FormatShowDocHTML
	case asciiDocTable.MatchString(head) && asciiDocHeading.MatchString(head):
		return FormatAsciiDoc
	case htmlDocument.MatchString(head):
		return FormatHTML
	case !strings.Contains(head, "```") && !markdownTableRule.MatchString(head) && isReST(head):
		return FormatReST
	case !markdownTableRule.MatchString(head) && !markdownHeading.MatchString(head) && isWiki(head):
		return FormatWiki
	case !markdown && len(htmlTagCount.FindAllStringIndex(head, 20)) >= 8 && strings.Contains(strings.ToLower(head), "<table"):
		// Markdown pages embed HTML tables too; only a page without
		// Markdown structure is read as HTML.
		return FormatHTML
	case showDocMDMark.MatchString(head):
		return FormatShowDocMarkdown
	case markdownTableRule.MatchString(head) || markdownFence.MatchString(head) || strings.Contains(head, "<table"):
		return FormatMarkdown
	case markdown:
		// '#' headings over label lines and space-separated tables: the
		// plain text of a rendered Waiqin page.
		return FormatText
	}
	return FormatPlain
}
