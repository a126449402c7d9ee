package parser

import (
	"regexp"
	"slices"
	"strings"

	"github.com/apigen/apigen/parser/diag"
)

// Client-library docs (openapi-generator's docs/*Api.md and the like)
// open with an index of their operations, and then give each a section
// titled by the operation's name alone:
//
//	|Method | HTTP request | Description|
//	|[**asrCreateAsrConfig**](#asrcreateasrconfig) | **POST** /voice/v1/asr/config | 创建ASR配置|
//	…
//	# **asrCreateAsrConfig**
//
// The index is where the request line is; the section, named alike, is
// the endpoint.

// indexEntry is a row of an operation index: the request line and the
// description it gives the operation named in it.
type indexEntry struct {
	method, url, description string
	methodPos, urlPos        diag.Pos
}

// anchorLink is a link into the page itself: [text](#anchor).
var anchorLink = regexp.MustCompile(`\[([^\]]+)\]\(#([^)\s]*)\)`)

// readIndexTable reads a table whose every row names an operation with a
// link into the page and gives its request line (**POST** /path) in
// another cell; it reports whether the table is one.
func (a *assembler) readIndexTable(rt *rawTable) bool {
	if len(rt.rows) < 2 {
		return false
	}
	entries := map[string]indexEntry{}
	for _, row := range rt.rows {
		if !slices.ContainsFunc(row.cells, func(c rawCell) bool { return strings.Contains(c.text, "](#") }) {
			return false // most tables: no row links into the page
		}
		name, line := "", -1
		for k, c := range row.cells {
			if m := anchorLink.FindStringSubmatch(c.text); m != nil && name == "" {
				name = normTitle(plainText(m[1], rt.markup))
				continue
			}
			if _, _, ok := readMethodPath(plainText(c.text, rt.markup)); ok && line < 0 {
				line = k
			}
		}
		if name == "" || line < 0 {
			return false
		}
		c := row.cells[line]
		method, url, _ := readMethodPath(plainText(c.text, rt.markup))
		e := indexEntry{method: method, url: url, methodPos: c.pos, urlPos: c.pos}
		if last := len(row.cells) - 1; last > line {
			e.description = plainText(row.cells[last].text, rt.markup)
		}
		entries[name] = e
	}
	if a.index == nil {
		a.index = map[string]indexEntry{}
	}
	for k, e := range entries {
		a.index[k] = e
	}
	return true
}

// fillFromIndex gives an endpoint that states no request line the one the
// page's operation index gives the operation it is titled after.
func (a *assembler) fillFromIndex(ep *Endpoint) {
	if ep.URL != "" || a.index == nil {
		return
	}
	e, ok := a.index[normTitle(ep.Title)]
	if !ok {
		return
	}
	ep.URL, ep.URLPos = e.url, e.urlPos
	if ep.Method == "" {
		ep.Method, ep.MethodPos = e.method, e.methodPos
	}
	if ep.Description == "" {
		ep.Description = e.description
	}
}

// normTitle is a title as an index names it: no white space, lower case.
func normTitle(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}
