package parser

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/ljson"
)

// corpusDir holds real doc pages in the formats apigen reads besides the
// seeds, each beside a hand-written .expect.json saying what a person reads
// on the page.
const corpusDir = "../testdata/corpus"

type corpusExpect struct {
	File      string `json:"file"`
	Endpoints []struct {
		Title         *string `json:"title"`
		Method        *string `json:"method"`
		Path          *string `json:"path"`
		RequestParams []struct {
			Name        string  `json:"name"`
			Type        *string `json:"type"`
			Required    *bool   `json:"required"`
			RequiredRaw *string `json:"required_raw"`
			In          *string `json:"in"`
		} `json:"request_params"`
		ResponseFields      []string `json:"response_fields"`
		ResponseExampleKeys []string `json:"response_example_keys"`
	} `json:"endpoints"`
}

// corpusGaps are the known differences between what the parser reads and
// what a person reads, by file and by the mismatch key compareCorpus
// reports. Each says why it is accepted; a gap that no longer occurs fails
// the test, so that the list stays true.
var corpusGaps = map[string]map[string]string{
	"a/01_sud_queryorder.md": {
		// The page's only name for the operation is its 简要描述; the
		// parser keeps that as the description, not as a title.
		"ep0.title": "title given only as the description",
		// "参数以body传递" is prose in the 请求方式 list, not a location column.
		"ep0.request.out_order_id.in": "location stated in prose",
		"ep0.request.order_id.in":     "location stated in prose",
	},
	"b/01_wisecrm_returnmoneyrecord_tw.md": {
		// The POST流 row is the raw body; the parser keeps it as written and
		// leaves its meaning to the spec stage.
		"ep0.request.POST流.in": "body stream row kept as a plain field",
	},
	"d/07_vuebook_sku_detail.md": {
		// The writer swapped the type and required cells of every row; the
		// parser reads them by content (W029) and keeps the yes/no cell as
		// RequiredRaw, while the annotator kept the cell under 是否必填.
		"ep0.request.spu_code.required_raw":      "swapped columns read by content",
		"ep0.request.spec_value.required_raw":    "swapped columns read by content",
		"ep0.request.area.required_raw":          "swapped columns read by content",
		"ep0.request.sn_area.required_raw":       "swapped columns read by content",
		"ep0.request.supplier_code.required_raw": "swapped columns read by content",
		"ep1.request.spu_code.required_raw":      "swapped columns read by content",
		"ep1.request.spec_value.required_raw":    "swapped columns read by content",
		"ep1.request.area.required_raw":          "swapped columns read by content",
		"ep1.request.sn_area.required_raw":       "swapped columns read by content",
		"ep1.request.supplier_code.required_raw": "swapped columns read by content",
	},
}

func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(path, ".expect.json") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no corpus files under %s", corpusDir)
	}
	slices.Sort(files)
	return files
}

func corpusName(path string) string {
	rel, _ := filepath.Rel(corpusDir, path)
	return filepath.ToSlash(rel)
}

// TestCorpus parses every corpus page and compares it with its
// .expect.json: endpoints, methods, paths, request parameters (name, type,
// required, the required cell as written, location) and response field
// names.
func TestCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		name := corpusName(path)
		t.Run(name, func(t *testing.T) {
			doc := ParseFile(path, Options{})
			logCorpusDoc(t, doc)
			raw, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".expect.json")
			if err != nil {
				t.Fatal(err)
			}
			var want corpusExpect
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			got := compareCorpus(doc, &want)
			gaps := corpusGaps[name]
			for _, key := range slices.Sorted(maps.Keys(got)) {
				if _, ok := gaps[key]; !ok {
					t.Errorf("%s: %s", key, got[key])
				}
			}
			for key := range gaps {
				if _, ok := got[key]; !ok {
					t.Errorf("known gap %q no longer occurs; remove it from corpusGaps", key)
				}
			}
		})
	}
}

// compareCorpus returns the mismatches between doc and want, keyed by
// endpoint and field.
func compareCorpus(doc *Document, want *corpusExpect) map[string]string {
	out := map[string]string{}
	diff := func(key, got, want string) {
		if got != want {
			out[key] = fmt.Sprintf("got %q, want %q", got, want)
		}
	}
	diff("endpoints", fmt.Sprint(len(doc.Endpoints)), fmt.Sprint(len(want.Endpoints)))
	for i, we := range want.Endpoints {
		if i >= len(doc.Endpoints) {
			break
		}
		ep := doc.Endpoints[i]
		k := fmt.Sprintf("ep%d.", i)
		diff(k+"title", ep.Title, deref(we.Title))
		diff(k+"method", ep.Method, deref(we.Method))
		diff(k+"path", ep.URL, deref(we.Path))

		var req []*Field
		for _, tb := range ep.Request {
			req = append(req, tb.Fields...)
		}
		var wantNames []string
		for _, p := range we.RequestParams {
			wantNames = append(wantNames, p.Name)
		}
		diff(k+"request", strings.Join(fieldNamesOf(req), ","), strings.Join(wantNames, ","))
		for _, p := range we.RequestParams {
			j := slices.IndexFunc(req, func(f *Field) bool { return f.Name == p.Name })
			if j < 0 {
				continue
			}
			f, fk := req[j], k+"request."+p.Name+"."
			diff(fk+"type", f.Type, deref(p.Type))
			diff(fk+"required", f.Required.String(), requiredOf(p.Required).String())
			diff(fk+"required_raw", f.RequiredRaw, deref(p.RequiredRaw))
			if p.In != nil {
				diff(fk+"in", f.In, *p.In)
			}
		}

		var resp []*Field
		for _, tb := range ep.Response {
			resp = append(resp, tb.Fields...)
		}
		diff(k+"response", strings.Join(fieldNamesOf(resp), ","), strings.Join(we.ResponseFields, ","))

		if len(we.ResponseExampleKeys) > 0 {
			keys := exampleKeys(ep.ResponseExample)
			for _, wk := range we.ResponseExampleKeys {
				if !slices.Contains(keys, wk) {
					out[k+"response_example."+wk] = "key missing from the response example"
				}
			}
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func requiredOf(b *bool) Required {
	switch {
	case b == nil:
		return RequiredUnknown
	case *b:
		return RequiredYes
	}
	return RequiredNo
}

func fieldNamesOf(fs []*Field) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// exampleKeys lists the member paths of an example: data.list[].id.
func exampleKeys(ex *Example) []string {
	if ex == nil || ex.Value == nil {
		return nil
	}
	var keys []string
	ex.Value.Walk(func(path []string, _ *ljson.Value) {
		if len(path) == 0 || path[len(path)-1] == "[]" {
			return
		}
		keys = append(keys, strings.ReplaceAll(strings.Join(path, "."), ".[]", "[]"))
	})
	return keys
}

// logCorpusDoc prints what the parser found in a page: one line per
// endpoint with its field counts, then the diagnostics by code.
func logCorpusDoc(t *testing.T, doc *Document) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s as %s: %d endpoints, %d diagnostics\n", doc.File, doc.Format, len(doc.Endpoints), len(doc.Diagnostics))
	fmt.Fprintf(&b, "  %-4s %-7s %-42s %5s %5s %4s %4s\n", "#", "method", "path", "req", "resp", "reqx", "resx")
	for i, ep := range doc.Endpoints {
		fmt.Fprintf(&b, "  %-4d %-7s %-42s %5d %5d %4v %4v\n", i, orDefault(ep.Method, "-"), shorten(orDefault(ep.URL, "-"), 40),
			countFields(ep.Request), countFields(ep.Response), ep.RequestExample != nil, ep.ResponseExample != nil)
	}
	codes := map[string]int{}
	for _, d := range doc.Diagnostics {
		codes[d.Code.String()]++
	}
	b.WriteString("  diagnostics:")
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		fmt.Fprintf(&b, " %s×%d", c, codes[c])
	}
	t.Log(b.String())
}

func countFields(ts []*Table) int {
	n := 0
	for _, tb := range ts {
		n += len(tb.Fields)
	}
	return n
}

// TestCorpusNoPanic parses every corpus page truncated at many points and
// with every format forced: bad input must give diagnostics, not panics.
func TestCorpusNoPanic(t *testing.T) {
	for _, path := range corpusFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range Formats() {
			for cut := len(src); cut > 0; cut -= max(1, len(src)/23) {
				doc := Parse(corpusName(path), src[:cut], Options{Format: f})
				checkPositions(t, doc)
			}
		}
	}
}

// checkPositions fails when something extracted lacks a file:line.
func checkPositions(t *testing.T, doc *Document) {
	t.Helper()
	bad := func(what string) {
		t.Helper()
		t.Errorf("%s (%s): %s has no line", doc.File, doc.Format, what)
	}
	for _, ep := range doc.Endpoints {
		if !ep.Pos.IsValid() || ep.Pos.File != doc.File {
			bad("endpoint " + ep.Title)
		}
		if ep.URL != "" && !ep.URLPos.IsValid() {
			bad("URL " + ep.URL)
		}
		for _, tb := range append(slices.Clone(ep.Request), ep.Response...) {
			if !tb.Pos.IsValid() {
				bad("table")
			}
			for _, f := range tb.Fields {
				if !f.Pos.IsValid() || f.Pos.File != doc.File {
					bad("field " + f.Name)
				}
			}
		}
		for _, ex := range []*Example{ep.RequestExample, ep.ResponseExample, ep.DataExample} {
			if ex != nil && !ex.Pos.IsValid() {
				bad("example")
			}
		}
	}
	for _, d := range doc.Diagnostics {
		if !d.Pos.IsValid() {
			t.Errorf("%s (%s): diagnostic without a line: %s", doc.File, doc.Format, d)
		}
		if !d.Code.Known() {
			t.Errorf("%s: unregistered code %s", doc.File, d.Code)
		}
	}
}
