package parser

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDetectFiles detects the format of every seed and corpus page by its
// content; the corpus keeps its plain-text pages as .txt and its Markdown
// pages as .md, but detection never looks at the name.
func TestDetectFiles(t *testing.T) {
	want := map[string]Format{
		"../testdata/seeds/000_cfc759fbbf88bb66.txt": FormatText,
		"../testdata/seeds/001_0fff4a18e5a0f8bc.txt": FormatText,
		"../testdata/seeds/002_1cb638a863dfad4f.txt": FormatShowDocHTML,
		"../testdata/seeds/003_acd2d6f03fadcd29.txt": FormatMarkdown,

		corpusDir + "/a/01_sud_queryorder.md":               FormatMarkdown,
		corpusDir + "/a/03_lixinger_customers.md":           FormatMarkdown,
		corpusDir + "/a/05_robot_sound_manage.md":           FormatShowDocMarkdown,
		corpusDir + "/a/07_zehui_sku_limit_detail.md":       FormatMarkdown,
		corpusDir + "/b/01_wisecrm_returnmoneyrecord_tw.md": FormatMarkdown,
		corpusDir + "/b/03_wisecrm_metadata_tw.md":          FormatMarkdown,
		corpusDir + "/c/01_jztx_add_customer.txt":           FormatPlain,
		corpusDir + "/c/03_weiwenjia_third_users_list.txt":  FormatPlain,
		corpusDir + "/c/05_taobao_items_custom_get.txt":     FormatPlain,
		corpusDir + "/c/07_wxwork_schedule_add.txt":         FormatPlain,
		corpusDir + "/d/01_yu3os_change_score.md":           FormatMarkdown,
		corpusDir + "/d/03_storage_delight_apifox.md":       FormatMarkdown,
		corpusDir + "/d/05_wuanlife_user_login.md":          FormatMarkdown,
		corpusDir + "/d/07_vuebook_sku_detail.md":           FormatMarkdown,
		corpusDir + "/d/09_mysre_qw_user_list.md":           FormatMarkdown,
		corpusDir + "/d/11_volcengine_metadata_apps.txt":    FormatPlain,
	}
	seen := map[string]bool{}
	for _, pat := range []string{"../testdata/seeds/*", corpusDir + "/[a-d]/*.md", corpusDir + "/[a-d]/*.txt", corpusDir + "/[a-d]/*.html"} {
		paths, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			seen[p] = true
			w, ok := want[p]
			if !ok {
				t.Errorf("%s: no expected format; add it to this test", p)
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := Detect(string(src)); got != w {
				t.Errorf("%s: detected %s, want %s", p, got, w)
			}
		}
	}
	for p := range want {
		if !seen[p] {
			t.Errorf("%s: listed but missing", p)
		}
	}
}

func TestDetectSnippets(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Format
	}{
		{"ShowDoc HTML", `<p><strong>请求URL：</strong></p><ul><li><code>/a</code></li></ul>`, FormatShowDocHTML},
		{"ShowDoc HTML with <b>", `<p><b>請求URL:</b></p>`, FormatShowDocHTML},
		{"HTML document", "<!DOCTYPE html>\n<html><body><p>x</p></body></html>", FormatHTML},
		{"HTML document after a comment", "<!-- saved -->\n<html><body></body></html>", FormatHTML},
		{"HTML fragment with tables", "<h2>a</h2><p>b</p><p>c</p><table><tr><th>参数</th></tr><tr><td>x</td></tr></table>", FormatHTML},
		{"Markdown with an HTML table", "## a\n\n```json\n{}\n```\n<table><tr><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>", FormatMarkdown},
		{"ShowDoc Markdown", "**请求URL:**\n- `/a`\n", FormatShowDocMarkdown},
		{"Markdown pipe table", "| a | b |\n|---|---|\n| 1 | 2 |\n", FormatMarkdown},
		{"Markdown single-dash rule", "|参数|类型|\n| - | - |\n", FormatMarkdown},
		{"Markdown fence only", "# a\n\n```\n{}\n```\n", FormatMarkdown},
		{"Waiqin text", "# 接口\n\n请求方式: POST\n请求地址: /a\n参数 类型 说明\n", FormatText},
		{"plain copied text", "用户列表\n\nPath:/a\nMethod:POST\n\n参数名称 类型 必填 备注\nid Integer 编号\n", FormatPlain},
		{"empty", "", FormatPlain},
	}
	for _, tt := range tests {
		if got := Detect(tt.src); got != tt.want {
			t.Errorf("%s: detected %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestParseFormatNames(t *testing.T) {
	for _, name := range []string{"text", "plain", "markdown", "showdoc-md", "showdoc-html", "HTML"} {
		if _, err := ParseFormat(name); err != nil {
			t.Errorf("ParseFormat(%q): %v", name, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat accepted an unknown format")
	}
}
