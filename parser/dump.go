package parser

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

// Dump writes the document as indented text, one extracted thing a line
// with its line:column, so that a person can read what the parser took
// from a page and a golden file can hold it. Positions are in Pos.File =
// d.File; the file name is written once, at the top.
func (d *Document) Dump(w io.Writer) error {
	dw := &dumpWriter{w: w}
	dw.printf(0, "document %s format=%s title=%s", d.File, d.Format, strconv.Quote(d.Title))
	for _, ep := range d.Endpoints {
		dw.endpoint(ep)
	}
	for _, t := range d.Common {
		dw.printf(0, "common")
		dw.table(t, t.Role.String())
	}
	for _, t := range d.Types {
		dw.printf(0, "type %s", t.Name)
		dw.table(t, "fields")
	}
	if len(d.Diagnostics) > 0 {
		dw.printf(0, "diagnostics")
		for _, x := range d.Diagnostics {
			dw.printf(1, "%s %s %s: %s", lineCol(x.Pos), x.Code, x.Severity, x.Message)
		}
	}
	return dw.err
}

type dumpWriter struct {
	w   io.Writer
	err error
}

func (dw *dumpWriter) printf(indent int, format string, args ...any) {
	if dw.err != nil {
		return
	}
	_, dw.err = fmt.Fprintf(dw.w, "%s%s\n", strings.Repeat("  ", indent), fmt.Sprintf(format, args...))
}

func (dw *dumpWriter) endpoint(ep *Endpoint) {
	kind := "endpoint"
	if ep.Webhook {
		kind = "webhook"
	}
	dw.printf(0, "%s %s %s", kind, lineCol(ep.Pos), strconv.Quote(ep.Title))
	if ep.Group != "" {
		dw.printf(1, "group %s", strconv.Quote(ep.Group))
	}
	if ep.Method != "" {
		dw.printf(1, "method %s %s", lineCol(ep.MethodPos), ep.Method)
	}
	if ep.URL != "" {
		dw.printf(1, "url %s %s", lineCol(ep.URLPos), ep.URL)
	}
	if ep.Auth != "" {
		dw.printf(1, "auth %s", strconv.Quote(ep.Auth))
	}
	if ep.Description != "" {
		dw.printf(1, "description %s", strconv.Quote(shorten(ep.Description, 80)))
	}
	for _, t := range ep.Request {
		dw.table(t, t.Role.String())
	}
	for _, t := range ep.Response {
		dw.table(t, t.Role.String())
	}
	dw.example("request example", ep.RequestExample)
	dw.example("response example", ep.ResponseExample)
	dw.example("data example", ep.DataExample)
	for _, t := range ep.ErrorTables {
		dw.table(t, "error")
	}
	for _, ex := range ep.ErrorExamples {
		dw.example("error example", ex)
	}
}

// table prints a table; kind is its role, or "fields" for a type, which
// either side may use.
func (dw *dumpWriter) table(t *Table, kind string) {
	name := ""
	if t.Name != "" {
		name = " name=" + t.Name
	}
	dw.printf(1, "%s table %s%s columns=%s", kind, lineCol(t.Pos), name, quoteList(t.Headers))
	for _, f := range t.Fields {
		var b strings.Builder
		fmt.Fprintf(&b, "field %s %s", lineCol(f.Pos), strconv.Quote(f.Name))
		if f.Depth > 0 {
			fmt.Fprintf(&b, " depth=%d", f.Depth)
		}
		if f.Type != "" {
			fmt.Fprintf(&b, " type=%s", strconv.Quote(f.Type))
		}
		if f.Required != RequiredUnknown || f.RequiredRaw != "" {
			fmt.Fprintf(&b, " required=%s", f.Required)
			if f.RequiredRaw != "" {
				fmt.Fprintf(&b, "(%s)", strconv.Quote(f.RequiredRaw))
			}
		}
		if f.In != "" {
			fmt.Fprintf(&b, " in=%s", f.In)
		}
		if f.Default != "" {
			fmt.Fprintf(&b, " default=%s", strconv.Quote(f.Default))
		}
		if f.Example != "" {
			fmt.Fprintf(&b, " example=%s", strconv.Quote(shorten(f.Example, 40)))
		}
		if f.Description != "" {
			fmt.Fprintf(&b, " desc=%s", strconv.Quote(shorten(f.Description, 50)))
		}
		for _, c := range f.Extra {
			fmt.Fprintf(&b, " %s=%s", strconv.Quote(c.Header), strconv.Quote(shorten(c.Value, 30)))
		}
		dw.printf(2, "%s", b.String())
	}
}

func (dw *dumpWriter) example(what string, ex *Example) {
	if ex == nil {
		return
	}
	keys := "unreadable"
	if ex.Value != nil {
		keys = strings.Join(exampleMembers(ex), " ")
	}
	dw.printf(1, "%s %s %s", what, lineCol(ex.Pos), shorten(keys, 120))
}

// exampleMembers lists an example's member paths (data.list[].id), so a
// dump shows what an example holds without repeating it.
func exampleMembers(ex *Example) []string {
	var keys []string
	ex.Value.Walk(func(path []string, _ *ljson.Value) {
		if len(path) == 0 || path[len(path)-1] == "[]" {
			return
		}
		keys = append(keys, strings.ReplaceAll(strings.Join(path, "."), ".[]", "[]"))
	})
	if len(keys) == 0 {
		return []string{"(" + ex.Value.Kind.String() + ")"}
	}
	return keys
}

func lineCol(p diag.Pos) string {
	if p.Col == 0 {
		return strconv.Itoa(p.Line)
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, " ") + "]"
}
