package parser

import "testing"

// FuzzMarkdown feeds the two Markdown readers (pipe-table API docs and
// ShowDoc's Markdown source) arbitrary pages.
func FuzzMarkdown(f *testing.F) {
	for _, s := range fuzzSeeds(f, "../testdata/corpus/*/*.md", "../testdata/bad/docs/*.md") {
		f.Add(s, false)
		f.Add(s, true)
	}
	for _, s := range []string{
		"|a|\n|-|\n",
		"| 参数 | 类型 |\n|---|---|\n| a | b | c | d |\n| e\n",
		"**请求URL：**\n- ` /a `\n\n|参数名|必选|\n|:---|:---|\n|x|是|\n",
		"## a\n\n`POST /a`\n\n```json\n{\"a\": [\n",
		"~~~\n| x |\n|---|\n~~~\n| y |\n",
		"| a \\| b |\n|--|\n| \\\\| |\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, showDoc bool) {
		defer watchdog()()
		format := FormatMarkdown
		if showDoc {
			format = FormatShowDocMarkdown
		}
		checkDocument(t, src, Parse("f.md", []byte(src), Options{Format: format}))
	})
}
