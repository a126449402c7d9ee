package main

import (
	"fmt"
	"html"
	"os"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
)

// pageRun is what apigen made of one page.
type pageRun struct {
	endpoints []endpoint
	failed    bool // apigen spec would exit 1 on this page
	errors    []string
	text      string // the page's text, for telling read names from invented ones
}

// runPage parses a page and builds its spec as `apigen spec` does. When
// the build fails because endpoints name no URL, it builds again with the
// overrides a user would add, so that what the page gave for them is
// scored too; the page still counts as failed, which is not a silent loss.
func runPage(path string) (*pageRun, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc := parser.Parse(path, raw, parser.Options{})
	docs := []*parser.Document{doc}
	_, diags := spec.Build(docs, spec.Options{})
	diags = append(append(diag.List(nil), doc.Diagnostics...), diags...)
	run := &pageRun{text: pageText(string(raw))}
	for _, d := range diags {
		if d.Severity == diag.Error {
			run.failed = true
			run.errors = append(run.errors, d.String())
		}
	}
	var overrides []spec.Override
	unaddressed := map[string]bool{}
	for i, ep := range doc.Endpoints {
		if ep.Webhook || strings.TrimSpace(ep.URL) != "" {
			continue
		}
		p := fmt.Sprintf("/unaddressed/%d", i)
		unaddressed[p] = true
		overrides = append(overrides, spec.Override{Endpoint: fmt.Sprintf("%s:%d", ep.Pos.File, ep.Pos.Line), Path: p})
	}
	t, _ := spec.Build(docs, spec.Options{Overrides: overrides})
	run.endpoints = extract(t, unaddressed)
	return run, nil
}

// pageText is what a name may be found in: the page as written, with HTML
// entities decoded and Markdown escapes dropped.
func pageText(raw string) string {
	return raw + "\n" + html.UnescapeString(raw) + "\n" + strings.ReplaceAll(raw, `\`, "")
}
