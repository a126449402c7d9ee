package ljson

import (
	"fmt"
	"strings"

	"github.com/apigen/apigen/parser/diag"
)

// outline renders v compactly for table tests: strings quoted, numbers as
// written, comments as /*...*/ after their value, and a string's embedded
// JSON as "text"=>{...}.
func outline(v *Value) string {
	var b strings.Builder
	writeOutline(&b, v)
	return b.String()
}

func writeOutline(b *strings.Builder, v *Value) {
	if v == nil {
		b.WriteString("<nil>")
		return
	}
	switch v.Kind {
	case Object:
		b.WriteByte('{')
		for i, m := range v.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(b, "%q:", m.Key)
			writeOutline(b, m.Value)
			if m.Comment != "" {
				fmt.Fprintf(b, "/*%s*/", m.Comment)
			}
		}
		b.WriteByte('}')
	case Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeOutline(b, it)
			if it.Comment != "" {
				fmt.Fprintf(b, "/*%s*/", it.Comment)
			}
		}
		b.WriteByte(']')
	case String:
		fmt.Fprintf(b, "%q", v.Text)
		if v.Embedded != nil {
			b.WriteString("=>")
			writeOutline(b, v.Embedded)
		}
	default:
		b.WriteString(v.Text)
	}
}

// codes lists diagnostics as code@line, the form table tests assert.
func codes(ds diag.List) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s@%d", d.Code, d.Pos.Line))
	}
	return out
}

var at1 = diag.Pos{File: "t.json", Line: 1, Col: 1}
