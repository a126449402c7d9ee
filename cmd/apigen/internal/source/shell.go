package source

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// A script shell is an HTML page whose visible text is a title and a
// "please enable JavaScript" at most, and whose body is scripts: the
// content arrives from an API the script calls. Parsed as it is, it would
// give an empty spec.

// apiWords are what a page with API content says somewhere.
var apiWords = regexp.MustCompile(`(?i)(GET|POST|PUT|DELETE|PATCH)\s+/|https?://[^\s"'<>]+/[^\s"'<>]*|请求(参数|方式|地址|URL)|返回(参数|示例)|参数名|request|response|parameters?`)

// scriptShell reports whether page is such a shell, and why it looks so.
func scriptShell(page []byte) (bool, string) {
	visible, scripts, ok := pageText(page)
	if !ok || scripts == 0 || len(visible) > 400 || apiWords.MatchString(visible) {
		return false, ""
	}
	return true, "its body is " + plural(scripts, "script") + " and " + quoteShort(visible)
}

// pageText is the text an HTML page shows, white space folded, without
// what the skip elements hold (besides scripts, styles and the head), and
// the number of scripts it runs; ok is false when page is not HTML.
func pageText(page []byte, skip ...string) (text string, scripts int, ok bool) {
	trimmed := bytes.TrimSpace(page)
	if len(trimmed) == 0 || trimmed[0] != '<' {
		return "", 0, false
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", 0, false
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "script":
				scripts++
				return
			case n.Data == "style" || n.Data == "noscript" || n.Data == "head" || slices.Contains(skip, n.Data):
				return
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " "), scripts, true
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func quoteShort(s string) string {
	if s == "" {
		return "no text"
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return "the text \"" + s + "\""
}
