package parser

import (
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/profile"
)

// newExample reads a JSON example block leniently, adding the reader's
// repairs to diags.
func newExample(text string, at diag.Pos, diags *diag.List) *Example {
	v, ds := ljson.Parse([]byte(text), at)
	*diags = append(*diags, ds...)
	return &Example{Pos: at, Text: text, Value: v}
}

// A JSON block holding an envelope's own code member (return_code,
// errcode) is a response; a table made only of such members describes the
// envelope, not the data. spec/profile knows the envelopes.

func looksLikeResponse(ex *Example) bool {
	if ex == nil || ex.Value == nil || ex.Value.Kind != ljson.Object {
		return false
	}
	for _, m := range ex.Value.Members {
		if profile.IsCodeKey(m.Key) {
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
		if !profile.IsWrapperKey(f.Name) {
			return false
		}
	}
	return true
}
