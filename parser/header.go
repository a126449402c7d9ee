package parser

import (
	"strings"
)

// column is the role a table column plays.
type column int

const (
	colUnknown column = iota
	colName
	colType
	colRequired
	colOptional // a "may be empty" column: yes means not required
	colDescription
	colDefault
	colExample
	colIn
)

// headerWords is the one vocabulary of table headers, in simplified and
// traditional Chinese and English. Keys are normalised with normHeader.
var headerWords = map[string]column{}

func init() {
	add := func(c column, words ...string) {
		for _, w := range words {
			headerWords[normHeader(w)] = c
		}
	}
	add(colName, "参数", "参数名", "参数名称", "參數", "參數名", "參數名稱", "字段", "字段名", "字段名称", "欄位", "名称", "名稱",
		"属性", "属性名", "變數", "变量", "变量名", "请求参数", "返回参数", "响应参数", "返回字段", "元素", "节点",
		"parameter", "parameters", "param", "params", "name", "field", "fieldname", "parametername", "property", "key", "attribute")
	add(colType, "类型", "類型", "参数类型", "參數類型", "数据类型", "數據類型", "字段类型", "欄位類型", "值类型",
		"type", "datatype", "valuetype")
	add(colRequired, "必填", "必选", "必須", "必须", "必需", "是否必须", "是否必須", "是否必填", "是否必选", "是否必需", "必要",
		"required", "mandatory", "isrequired")
	add(colOptional, "可选", "是否可空", "可为空", "是否可为空", "允许为空", "optional", "nullable")
	add(colDescription, "说明", "說明", "描述", "参数说明", "參數說明", "字段说明", "字段說明", "备注", "備註", "含义", "含義",
		"解释", "意义", "注释", "参数描述", "字段描述", "详细说明", "description", "desc", "remark", "remarks", "comment", "notes", "note", "meaning")
	add(colDefault, "默认值", "默認值", "默认", "默認", "缺省值", "default", "defaultvalue")
	add(colExample, "示例", "示例值", "参数值", "參數值", "例子", "样例", "範例", "举例", "例值", "example", "examplevalue", "sample")
	add(colIn, "位置", "参数位置", "參數位置", "传参方式", "请求位置", "in", "location", "paramtype")
}

// normHeader folds a header cell to its lookup key: lower case, without
// white space, markup, colons or a trailing "(必填)"-style note.
func normHeader(s string) string {
	s, _ = cleanCell(s)
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case isSpace(r), r == '*', r == ':', r == '：', r == '_', r == '-', r == '`':
			return -1
		}
		return r
	}, s)
	return s
}

// headerColumn returns the role of a header cell.
func headerColumn(cell string) column {
	return headerWords[normHeader(cell)]
}

// headerRoles maps header cells to roles and reports whether they form a
// parameter table: a name column plus at least one other known column.
func headerRoles(cells []string) ([]column, bool) {
	roles := make([]column, len(cells))
	var hasName, hasOther bool
	for i, c := range cells {
		roles[i] = headerColumn(c)
		switch roles[i] {
		case colName:
			if hasName {
				// A second name-like column ("字段" beside "参数") is kept as data.
				roles[i] = colUnknown
				continue
			}
			hasName = true
		case colUnknown:
		default:
			hasOther = true
		}
	}
	return roles, hasName && hasOther
}

var (
	yesWords = map[string]bool{"是": true, "y": true, "yes": true, "true": true, "必填": true, "必选": true, "必须": true,
		"必須": true, "必需": true, "必传": true, "必傳": true, "required": true, "mandatory": true, "√": true, "✓": true, "✔": true}
	noWords = map[string]bool{"否": true, "n": true, "no": true, "false": true, "可选": true, "可選": true, "非必填": true,
		"选填": true, "選填": true, "非必须": true, "非必須": true, "非必需": true, "非必传": true, "不必填": true, "optional": true, "×": true, "✗": true}
)

// readRequired interprets a required cell. Anything that is not a plain
// yes or no (特殊可选, 条件必填, empty) is unknown: apigen never invents it.
func readRequired(cell string) Required {
	w := strings.ToLower(collapseSpace(cell))
	switch {
	case yesWords[w]:
		return RequiredYes
	case noWords[w]:
		return RequiredNo
	}
	// A yes or no with a note after it, "是（可为空字符串）", still says
	// whether the field is sent; the note stays in RequiredRaw.
	if i := strings.IndexAny(w, "(（"); i > 0 {
		switch base := strings.TrimSpace(w[:i]); {
		case yesWords[base]:
			return RequiredYes
		case noWords[base]:
			return RequiredNo
		}
	}
	return RequiredUnknown
}

// isRequiredWord reports whether a token is a yes/no word, so that the
// plain-text reader can tell a filled required column from a description.
func isRequiredWord(tok string) bool {
	w := strings.ToLower(tok)
	return yesWords[w] || noWords[w]
}

// readIn interprets a parameter-location cell.
func readIn(cell string) string {
	switch w := strings.ToLower(collapseSpace(cell)); {
	case w == "query" || strings.Contains(w, "url参数") || w == "get" || strings.Contains(w, "查询"):
		return "query"
	case w == "path" || strings.Contains(w, "路径"):
		return "path"
	case w == "header" || strings.Contains(w, "请求头") || strings.Contains(w, "头部"):
		return "header"
	case w == "body" || w == "json" || strings.Contains(w, "请求体") || w == "formdata" || w == "form":
		return "body"
	}
	return ""
}
