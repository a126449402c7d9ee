package spec_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// TestDocExamplesValidate builds the spec of every seed doc, layout doc,
// inference rule doc and corpus page and checks each request and response example the doc
// gives against the schema built for it, as written: null and "" count
// as values, and JSON carried in a string is checked against its
// contentSchema. The vendor's own documented traffic must be valid under
// the spec, or the build must say why not with a W027 on the operation.
func TestDocExamplesValidate(t *testing.T) {
	groups := []struct {
		name  string
		paths []string
	}{
		{"seeds", docsUnder(t, "../testdata/seeds")},
		{"layouts", docsUnder(t, "../testdata/layouts")},
		{"inference rules", docsUnder(t, "../testdata/inference")},
		{"corpus", docsUnder(t, "../testdata/corpus")},
	}
	for _, g := range groups {
		if len(g.paths) == 0 {
			t.Fatalf("no %s docs", g.name)
		}
		valid, total := 0, 0
		for _, path := range g.paths {
			v, n := checkDocExamples(t, path)
			valid += v
			total += n
			if g.name == "seeds" {
				t.Logf("%s: %d of %d examples validate", filepath.Base(path), v, n)
			}
		}
		t.Logf("%s: %d of %d examples validate", g.name, valid, total)
	}
}

// checkDocExamples checks one doc's examples; it returns how many there
// are and how many validate.
func checkDocExamples(t *testing.T, path string) (valid, total int) {
	t.Helper()
	doc := parser.ParseFile(path, parser.Options{})
	s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
	explained := map[string]bool{}
	for _, d := range diags {
		if d.Code == diag.ExampleMismatch {
			for _, where := range []string{"request", "response"} {
				if strings.Contains(d.Message, "the "+where+" example") {
					explained[fmt.Sprintf("%s:%d %s", d.Pos.File, d.Pos.Line, where)] = true
				}
			}
		}
	}
	spec.Operations(s, func(op *openapi3.Operation) {
		check := func(where string, mt *openapi3.MediaType) {
			if mt == nil || mt.Example == nil || mt.Schema == nil || mt.Schema.Value == nil {
				return
			}
			total++
			err := oas.CheckExample(mt.Schema.Value, mt.Example)
			if err == nil {
				valid++
				return
			}
			at := oas.SourcePos(op)
			if !explained[fmt.Sprintf("%s:%d %s", at.File, at.Line, where)] {
				t.Errorf("%s:%d: %s: the %s example does not validate and no W027 says so: %v", path, at.Line, op.OperationID, where, oneLine(err.Error()))
				return
			}
			t.Logf("%s:%d: %s: the %s example does not validate (W027): %v", path, at.Line, op.OperationID, where, oneLine(err.Error()))
		}
		if op.RequestBody != nil && op.RequestBody.Value != nil {
			check("request", op.RequestBody.Value.Content.Get("application/json"))
		}
		if r := op.Responses.Value("200"); r != nil && r.Value != nil {
			check("response", r.Value.Content.Get("application/json"))
		}
	})
	return valid, total
}

// docsUnder lists the doc pages below dir, without ground truth and
// notes.
func docsUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch base := filepath.Base(path); {
		case strings.HasSuffix(base, ".json"), strings.HasSuffix(base, ".yaml"), base == "README.md", base == "SOURCES.md":
			return nil
		}
		out = append(out, path)
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// oneLine folds a validation error kin-openapi writes over many lines.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
