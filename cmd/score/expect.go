package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// expectFile is a page's hand-written ground truth; the conventions are in
// the corpus README (../shared/README.md in the steering repository).
type expectFile struct {
	File      string           `json:"file"`
	Format    string           `json:"format"`
	Source    string           `json:"source"`
	Truncated bool             `json:"truncated"`
	Endpoints []expectEndpoint `json:"endpoints"`
}

type expectEndpoint struct {
	Title                *string       `json:"title"`
	Method               *string       `json:"method"`
	Path                 *string       `json:"path"`
	RequestParams        []expectParam `json:"request_params"`
	ResponseFields       []string      `json:"response_fields"`
	ResponseFieldDetails []expectField `json:"response_field_details"`
	ResponseExampleKeys  []string      `json:"response_example_keys"`
}

type expectParam struct {
	Name        string  `json:"name"`
	Type        *string `json:"type"`
	Required    *bool   `json:"required"`
	RequiredRaw *string `json:"required_raw"`
	In          *string `json:"in"`
	Parent      *string `json:"parent"`
}

type expectField struct {
	Name   string  `json:"name"`
	Type   *string `json:"type"`
	Parent *string `json:"parent"`
}

func readExpect(path string) (*expectFile, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var e expectFile
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&e); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &e, nil
}

// requestPaths returns the possible full name paths of every expected
// request parameter, in page order.
func (e *expectEndpoint) requestPaths() [][][]string {
	names := make([]named, len(e.RequestParams))
	for i, p := range e.RequestParams {
		names[i] = named{p.Name, p.Parent}
	}
	return fullPaths(names)
}

// responsePaths returns the full name paths of the expected response
// fields: from the field tables, or, for a page with none, the keys of its
// response example.
func (e *expectEndpoint) responsePaths() [][][]string {
	if len(e.ResponseFieldDetails) == len(e.ResponseFields) && len(e.ResponseFields) > 0 {
		names := make([]named, len(e.ResponseFieldDetails))
		for i, f := range e.ResponseFieldDetails {
			names[i] = named{f.Name, f.Parent}
		}
		return fullPaths(names)
	}
	if len(e.ResponseFields) > 0 {
		names := make([]named, len(e.ResponseFields))
		for i, f := range e.ResponseFields {
			names[i] = named{name: f}
		}
		return fullPaths(names)
	}
	var out [][][]string
	for _, k := range e.ResponseExampleKeys {
		out = append(out, [][]string{splitPath(k)})
	}
	return out
}

type named struct {
	name   string
	parent *string
}

// fullPaths resolves each name to its path from the top of the body. A
// parent names a field before it; a dotted name whose first segment is
// the last segment of an earlier field continues that field's path, as
// pages write it when a chain restarts at each level (data.itemList, then
// itemList.amount_limit, then typeList.biz_type) — unless the name as
// written continues a path already declared (departments.departments.id
// under departments.departments). A parent name several earlier fields
// share is ambiguous: each of them is a possible path, the nearest first.
func fullPaths(names []named) [][][]string {
	out := make([][][]string, len(names))
	declared := map[string]bool{}
	find := func(i int, last string) [][]string {
		var found [][]string
		for j := i - 1; j >= 0; j-- {
			for _, p := range out[j] {
				if len(p) > 0 && p[len(p)-1] == last && !containsPath(found, p) {
					found = append(found, p)
				}
			}
		}
		return found
	}
	// A parent may also be declared after its children (a page that prints
	// a type's table before the table that uses the type).
	findLater := func(i int, last string) [][]string {
		var found [][]string
		for j := i + 1; j < len(out); j++ {
			for _, p := range out[j] {
				if len(p) > 0 && p[len(p)-1] == last && !containsPath(found, p) {
					found = append(found, p)
				}
			}
		}
		return found
	}
	var late []int
	for i, n := range names {
		segs := splitPath(n.name)
		switch {
		case n.parent != nil && strings.TrimSpace(*n.parent) != "":
			parent := splitPath(*n.parent)
			prefixes := find(i, parent[len(parent)-1])
			if len(prefixes) == 0 {
				prefixes = [][]string{parent}
				late = append(late, i)
			}
			for _, prefix := range prefixes {
				out[i] = append(out[i], concat(prefix, segs))
			}
		case len(segs) > 1 && !declared[strings.Join(segs[:len(segs)-1], ".")]:
			if prefixes := find(i, segs[0]); len(prefixes) > 0 && len(prefixes[0]) > 1 {
				out[i] = [][]string{concat(prefixes[0], segs[1:])}
				break
			}
			out[i] = [][]string{segs}
		default:
			out[i] = [][]string{segs}
		}
		for _, p := range out[i] {
			declared[strings.Join(p, ".")] = true
		}
	}
	// Resolve parents declared later, last first, so that a chain of them
	// (expires under accounts under config) resolves from its top.
	for k := len(late) - 1; k >= 0; k-- {
		i := late[k]
		parent := splitPath(*names[i].parent)
		if prefixes := findLater(i, parent[len(parent)-1]); len(prefixes) > 0 {
			out[i] = nil
			for _, prefix := range prefixes {
				out[i] = append(out[i], concat(prefix, splitPath(names[i].name)))
			}
		}
	}
	return out
}

func concat(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// splitPath cuts a field name into its segments: dots separate them, and
// array marks ([] and [0]) are not part of a name.
func splitPath(name string) []string {
	var out []string
	for _, s := range strings.Split(name, ".") {
		for {
			i := strings.IndexByte(s, '[')
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				break
			}
			s = s[:i] + s[i+j+1:]
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
