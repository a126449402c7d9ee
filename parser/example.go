package parser

import (
	"strings"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

// newExample reads a JSON example block leniently, adding the reader's
// repairs to diags.
func newExample(text string, at diag.Pos, diags *diag.List) *Example {
	v, ds := ljson.Parse([]byte(text), at)
	*diags = append(*diags, ds...)
	return &Example{Pos: at, Text: text, Value: v}
}

// envelopeKeys are the fields vendors wrap every response in. A JSON block
// holding one of the code keys is a response; a table made only of these
// names describes the envelope, not the data.
var (
	envelopeCodeKeys = map[string]bool{"return_code": true, "errCode": true, "errcode": true, "error_code": true, "ret_code": true}
	envelopeKeys     = map[string]bool{
		"return_code": true, "return_msg": true, "msg_id": true, "response_data": true,
		"errCode": true, "errMsg": true, "errcode": true, "errmsg": true,
		"error_code": true, "error_msg": true, "ret_code": true, "ret_msg": true,
	}
)

// looksLikeJSON reports whether a line starts a JSON block. An opening
// bracket alone is not enough: "[注意] ..." and "{ openid } 是..." are prose.
func looksLikeJSON(t string) bool {
	if !startsJSON(t) {
		return false
	}
	rest := strings.TrimLeftFunc(t[1:], isSpace)
	if rest == "" {
		return true
	}
	switch c := rest[0]; {
	case c == '"' || c == '\'' || c == '{' || c == '[' || c == '}' || c == ']' || c == '-' || c >= '0' && c <= '9':
		return true
	case c == '/':
		return strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "/*")
	case t[0] == '{':
		// An unquoted key: {a: 1}.
		key, _ := cutSpace(rest)
		return strings.ContainsAny(key, ":：") || strings.HasPrefix(strings.TrimLeftFunc(rest[len(key):], isSpace), ":")
	}
	for _, lit := range []string{"true", "false", "null"} {
		if strings.HasPrefix(rest, lit) {
			return true
		}
	}
	return false
}

func looksLikeResponse(ex *Example) bool {
	if ex == nil || ex.Value == nil || ex.Value.Kind != ljson.Object {
		return false
	}
	for _, m := range ex.Value.Members {
		if envelopeCodeKeys[m.Key] {
			return true
		}
	}
	return false
}

func isEnvelopeTable(t *Table) bool {
	if len(t.Fields) < 2 {
		return false
	}
	for _, f := range t.Fields {
		if !envelopeKeys[f.Name] {
			return false
		}
	}
	return true
}
