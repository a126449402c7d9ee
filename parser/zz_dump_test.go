package parser

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	doc := Parse(path[strings.LastIndex(path, "/")+1:], src, Options{})
	var b strings.Builder
	fmt.Fprintf(&b, "format=%s title=%q endpoints=%d\n", doc.Format, doc.Title, len(doc.Endpoints))
	for _, e := range doc.Endpoints {
		fmt.Fprintf(&b, "== %s %q group=%q\n   desc=%q\n   %s %s @%s %s\n", e.Pos, e.Title, e.Group, e.Description, e.Method, e.URL, e.MethodPos, e.URLPos)
		ex := func(n string, x *Example) {
			if x == nil {
				fmt.Fprintf(&b, "   %s: nil\n", n)
				return
			}
			fmt.Fprintf(&b, "   %s: %s value=%v len=%d\n", n, x.Pos, x.Value != nil, len(x.Text))
		}
		ex("req", e.RequestExample)
		ex("resp", e.ResponseExample)
		ex("data", e.DataExample)
		for _, ts := range [][]*Table{e.Request, e.Response} {
			for _, tb := range ts {
				fmt.Fprintf(&b, "   table %s %s %v rows=%d\n", tb.Pos, tb.Role, tb.Headers, len(tb.Fields))
				if os.Getenv("ROWS") != "" {
					for _, f := range tb.Fields {
						fmt.Fprintf(&b, "      %s %q %q(%s) req=%s %q\n", f.Pos, f.Name, f.Type, f.TypePos, f.Required, f.Description)
					}
				}
			}
		}
	}
	for _, d := range doc.Diagnostics {
		fmt.Fprintln(&b, d)
	}
	os.WriteFile(os.Getenv("OUT"), []byte(b.String()), 0o644)
}
