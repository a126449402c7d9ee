package parser

import "testing"

// FuzzHTML feeds the two HTML readers (generic parameter tables and saved
// ShowDoc pages) arbitrary pages.
func FuzzHTML(f *testing.F) {
	for _, s := range fuzzSeeds(f, "../testdata/bad/docs/*.html", "../testdata/seeds/002_*") {
		f.Add(s, false)
		f.Add(s, true)
	}
	for _, s := range []string{
		"<table><tr><td>",
		"<table><tr><th>参数<th>类型<tr><td>a<td>int<td>x<td>y</table>",
		"<p><strong>请求URL:</strong></p><ul><li><code>/a</code></li></ul><table><tr><td colspan=99>x</td></tr></table>",
		"<h2>a</h2><p>请求地址: POST /a</p><table><tr><th>参数</th></tr><tr><td><table><tr><td>b</td></tr></table></td></tr></table>",
		"<pre><code>{\"a\": [1,</code></pre>",
		"<!-- <table>",
		"<script>\"<table>\"</script><table><tr><td rowspan=\"-1\">a",
		"<html><body>" + "<div>" + "<table><tr><td>",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, showDoc bool) {
		defer watchdog()()
		format := FormatHTML
		if showDoc {
			format = FormatShowDocHTML
		}
		checkDocument(t, src, Parse("f.html", []byte(src), Options{Format: format}))
	})
}
