package source

import (
	"bytes"
	"regexp"
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
	trimmed := bytes.TrimSpace(page)
	if len(trimmed) == 0 || trimmed[0] != '<' {
		return false, ""
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return false, ""
	}
	var text strings.Builder
	scripts := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
				return
			case "style", "noscript", "head", "title":
				return
			}
		}
		if n.Type == html.TextNode {
			text.WriteString(n.Data)
			text.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	visible := strings.Join(strings.Fields(text.String()), " ")
	if scripts == 0 || len(visible) > 400 || apiWords.MatchString(visible) {
		return false, ""
	}
	return true, "its body is " + plural(scripts, "script") + " and " + quoteShort(visible)
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
