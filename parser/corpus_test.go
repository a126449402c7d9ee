package parser

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// corpusDir holds real doc pages in the formats apigen reads besides the
// seeds, each beside a hand-written .expect.json saying what a person reads
// on the page.
const corpusDir = "../testdata/corpus"

func corpusFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(corpusDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isDocPage(path) {
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

func fieldNamesOf(fs []*Field) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}
