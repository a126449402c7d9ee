package parser

import (
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
