package oas

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// exampleCases are the examples of a spec with the schemas they are
// written against.
func exampleCases(doc *openapi3.T) (cases []struct {
	s *openapi3.Schema
	v any
}) {
	add := func(s *openapi3.SchemaRef, v any) {
		if s == nil || s.Value == nil || v == nil {
			return
		}
		raw, err := json.Marshal(v)
		if err != nil {
			return
		}
		var decoded any
		if json.Unmarshal(raw, &decoded) == nil {
			cases = append(cases, struct {
				s *openapi3.Schema
				v any
			}{s.Value, decoded})
		}
	}
	content := func(c openapi3.Content) {
		for _, k := range slices.Sorted(maps.Keys(c)) {
			mt := c[k]
			add(mt.Schema, mt.Example)
			for _, name := range slices.Sorted(maps.Keys(mt.Examples)) {
				if e := mt.Examples[name]; e != nil && e.Value != nil {
					add(mt.Schema, e.Value.Value)
				}
			}
		}
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				content(op.RequestBody.Value.Content)
			}
			if op.Responses != nil {
				for _, code := range op.Responses.Keys() {
					if r := op.Responses.Value(code); r != nil && r.Value != nil {
						content(r.Value.Content)
					}
				}
			}
		}
	}
	if doc.Components != nil {
		for _, name := range slices.Sorted(maps.Keys(doc.Components.Schemas)) {
			s := doc.Components.Schemas[name]
			if s.Value != nil {
				for _, ex := range s.Value.Examples {
					add(s, ex)
				}
				add(s, s.Value.Example)
			}
		}
	}
	return cases
}

// variants are v and values near it: each member dropped, set to null,
// to a long string, to a fraction, to another type; an extra member.
func variants(v any, budget *int) []any {
	out := []any{v}
	if *budget <= 0 {
		return out
	}
	*budget--
	others := []any{nil, strings.Repeat("é", 70), "2024-01-02T03:04:05Z", "12.345", 1.5, 3e9, true, []any{}, map[string]any{}}
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			without := maps.Clone(x)
			delete(without, k)
			out = append(out, without)
			for _, sub := range append(variants(x[k], budget)[1:], others...) {
				changed := maps.Clone(x)
				changed[k] = sub
				out = append(out, changed)
			}
		}
		extra := maps.Clone(x)
		extra["zz_extra"] = 1.0
		out = append(out, extra)
	case []any:
		if len(x) > 0 {
			for _, sub := range append(variants(x[0], budget)[1:], others...) {
				out = append(out, append([]any{sub}, x[1:]...))
			}
			out = append(out, []any{}, append(slices.Clone(x), x[0]))
		}
	default:
		out = append(out, others...)
	}
	return out
}

func specsIn(t *testing.T, root string) map[string]*openapi3.T {
	specs := map[string]*openapi3.T{}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(path)) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil || !IsSpec(data) {
			return nil
		}
		if doc, _ := LoadData(path, data); doc != nil {
			specs[path] = doc
		}
		return nil
	})
	return specs
}

// checkValidChecker holds the checker to kin-openapi: whatever it calls
// valid, kin-openapi finds valid.
func checkValidChecker(t *testing.T, specs map[string]*openapi3.T) (quick, total int) {
	for _, path := range slices.Sorted(maps.Keys(specs)) {
		c := newValidChecker()
		for _, tc := range exampleCases(specs[path]) {
			budget := 2
			for _, v := range variants(tc.v, &budget) {
				total++
				if !c.valid(tc.s, v) {
					continue
				}
				quick++
				if err := tc.s.VisitJSON(v, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors()); err != nil {
					t.Errorf("%s: %s is valid to the checker, not to kin-openapi: %v", path, short(v), firstLine(err.Error()))
				}
			}
		}
	}
	return quick, total
}

func short(v any) string {
	raw, _ := json.Marshal(v)
	if len(raw) > 200 {
		return string(raw[:200]) + "..."
	}
	return string(raw)
}

func TestValidCheckerAgreesWithKin(t *testing.T) {
	quick, total := checkValidChecker(t, specsIn(t, filepath.Join("..", "..", "testdata")))
	t.Logf("%d of %d values told valid without kin-openapi", quick, total)
	if quick < total/10 {
		t.Errorf("only %d of %d values were told valid without kin-openapi", quick, total)
	}
}
