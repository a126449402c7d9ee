package pipeline

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// PagingConfig is one entry of an api's paging: how one operation's list
// is paged (x-apigen-paging), declared where the docs do not show it or
// correcting what they were read to say. A key left out keeps what the
// docs show.
type PagingConfig struct {
	Operation string `yaml:"operation"` // the operationId
	Kind      string `yaml:"kind"`      // page, offset, cursor, or none (not paged)
	// The request's paging parameters, by name.
	Page   string `yaml:"page"`
	Size   string `yaml:"size"`
	Offset string `yaml:"offset"`
	Limit  string `yaml:"limit"`
	Cursor string `yaml:"cursor"`
	// FirstPage is the first page's number, 1 or 0.
	FirstPage *int `yaml:"first_page"`
	// The answer's members, as JSON pointers (/data/list); items "" is
	// the whole answer.
	Items      *string `yaml:"items"`
	Total      string  `yaml:"total"`
	TotalPages string  `yaml:"total_pages"`
	HasMore    string  `yaml:"has_more"`
	Last       string  `yaml:"last"`
	NextCursor string  `yaml:"next_cursor"`
	// End is what ends the iteration: total, total_pages, has_more, last,
	// cursor or short_page.
	End string `yaml:"end"`
}

// pagingKindNone says an operation is not paged.
const pagingKindNone = "none"

// pagingEnds maps the config's end values to x-apigen-paging's.
var pagingEnds = map[string]string{
	"total": oas.EndTotal, "total_pages": oas.EndTotalPages, "has_more": oas.EndHasMore,
	"last": oas.EndLast, "cursor": oas.EndCursor, "short_page": oas.EndShortPage,
}

// checkPaging checks an api's paging entries, each value at its own
// line, and returns the position of each entry.
func (c *Config) checkPaging(api APIConfig, who string, list *yaml.Node, at diag.Pos, diags *diag.List) []diag.Pos {
	var out []diag.Pos
	seen := map[string]int{}
	for j, e := range api.Paging {
		p := at
		var node *yaml.Node
		if list != nil && j < len(list.Content) {
			node = list.Content[j]
			p = diag.Pos{File: c.path, Line: node.Line}
		}
		out = append(out, p)
		key := func(k string) diag.Pos {
			if v := valueOf(node, k); v != nil {
				return diag.Pos{File: c.path, Line: v.Line}
			}
			return p
		}
		switch {
		case strings.TrimSpace(e.Operation) == "":
			diags.Add(p, diag.BadConfig, "%s: paging[%d] names no operation (its operationId)", who, j)
		case seen[e.Operation] > 0:
			diags.Add(key("operation"), diag.BadConfig, "%s: paging[%d]: operation %q has an entry already, at line %d", who, j, e.Operation, seen[e.Operation])
		default:
			seen[e.Operation] = p.Line
		}
		kinds := append(slices.Clone(oas.PagingKinds), pagingKindNone)
		if e.Kind != "" && !slices.Contains(kinds, e.Kind) {
			diags.Add(key("kind"), diag.BadConfig, "%s: paging[%d].kind: %q is not one of %s", who, j, e.Kind, strings.Join(kinds, ", "))
		}
		if e.Kind == pagingKindNone && e != (PagingConfig{Operation: e.Operation, Kind: e.Kind}) {
			diags.Add(key("kind"), diag.BadConfig, "%s: paging[%d]: kind none says the operation is not paged; it takes no other key", who, j)
		}
		if e.End != "" && pagingEnds[e.End] == "" {
			diags.Add(key("end"), diag.BadConfig, "%s: paging[%d].end: %q is not one of %s", who, j, e.End, strings.Join(sortedEnds(), ", "))
		}
		if e.FirstPage != nil && *e.FirstPage != 0 && *e.FirstPage != 1 {
			diags.Add(key("first_page"), diag.BadConfig, "%s: paging[%d].first_page: %d; want 1, or 0 where pages count from 0", who, j, *e.FirstPage)
		}
		items := ""
		if e.Items != nil && *e.Items != "" {
			items = *e.Items
		}
		for _, k := range []struct{ name, value string }{{"items", items}, {"total", e.Total}, {"total_pages", e.TotalPages},
			{"has_more", e.HasMore}, {"last", e.Last}, {"next_cursor", e.NextCursor}} {
			if k.value != "" && !strings.HasPrefix(k.value, "/") {
				diags.Add(key(k.name), diag.BadConfig, "%s: paging[%d].%s: %q is not a JSON pointer into the answer (/%s)", who, j, k.name, k.value, k.value)
			}
		}
	}
	return out
}

func sortedEnds() []string {
	var out []string
	for k := range pagingEnds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// specPaging returns the api's paging entries for spec.Build, each with
// the config position it is written at.
func (api APIConfig) specPaging() []spec.PagingOverride {
	var out []spec.PagingOverride
	for i, e := range api.Paging {
		o := spec.PagingOverride{Operation: e.Operation, None: e.Kind == pagingKindNone}
		if i < len(api.pagingPos) {
			o.Pos = api.pagingPos[i]
		}
		if !o.None {
			items := ""
			if e.Items != nil {
				items, o.ItemsGiven = *e.Items, true
			}
			o.Paging = oas.Paging{
				Kind:      e.Kind,
				Request:   oas.PagingRequest{Page: e.Page, Size: e.Size, Offset: e.Offset, Limit: e.Limit, Cursor: e.Cursor},
				Response:  oas.PagingResponse{Items: items, Total: e.Total, TotalPages: e.TotalPages, HasMore: e.HasMore, Last: e.Last, NextCursor: e.NextCursor},
				FirstPage: e.FirstPage,
				End:       pagingEnds[e.End],
			}
		}
		out = append(out, o)
	}
	return out
}
