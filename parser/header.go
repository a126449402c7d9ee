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

// normHeader folds a header cell to its lookup key: lower case, without
// white space, markup, colons or a trailing "(必填)"-style note.
func normHeader(s string) string {
	s = plainText(s, markupText)
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
	if len(cell) > maxHeaderBytes {
		return colUnknown // a description, not a column name
	}
	key := normHeader(cell)
	if c, ok := headerWords[key]; ok {
		return c
	}
	// A header that joins a column's word to a note on its values (类型及
	// 范围, 类型/长度, 说明与示例) is that column's.
	if i := strings.IndexAny(key, "及与和/&、"); i > 0 {
		if c := headerWords[key[:i]]; c != colUnknown && c != colName {
			return c
		}
	}
	return colUnknown
}

// maxHeaderBytes bounds a header cell: the longest header words with a
// note in brackets are far shorter.
const maxHeaderBytes = 256

// headerRoles maps header cells to roles and reports whether they form a
// parameter table: a name column plus at least one other known column.
func headerRoles(cells []string) ([]column, bool) {
	roles := make([]column, len(cells))
	for i, c := range cells {
		// A second name-like column (字段名称 beside 字段key) stays a
		// candidate: the table layer picks the name by the cells.
		roles[i] = headerColumn(c)
	}
	return headerRolesOf(roles)
}

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

func invertRequired(r Required) Required {
	switch r {
	case RequiredYes:
		return RequiredNo
	case RequiredNo:
		return RequiredYes
	}
	return r
}

// keepNameColumn makes column k the one name column; the other name-like
// columns are kept as data.
func keepNameColumn(roles []column, k int) []column {
	out := make([]column, len(roles))
	for i, c := range roles {
		if c == colName && i != k {
			c = colUnknown
		}
		out[i] = c
	}
	return out
}
