package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editSeed writes a copy of seed 000 with edits (old, new, old, new, ...)
// applied.
func editSeed(t *testing.T, name string, edits ...string) string {
	t.Helper()
	src, err := os.ReadFile("../../testdata/seeds/000_cfc759fbbf88bb66.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(edits); i += 2 {
		if !bytes.Contains(src, []byte(edits[i])) {
			t.Fatalf("seed has no %q", edits[i])
		}
		src = bytes.Replace(src, []byte(edits[i]), []byte(edits[i+1]), 1)
	}
	path := filepath.Join(t.TempDir(), name+".txt")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDiffOnSeedEdits runs apigen diff on doc edits made from a real seed.
func TestDiffOnSeedEdits(t *testing.T) {
	seed := "../../testdata/seeds/000_cfc759fbbf88bb66.txt"
	// A row the example also shows is kept by the example, so removals and
	// type changes edit both, as a vendor changing its API would.
	cases := []struct {
		name     string
		edits    []string
		want     []string // lines the report must contain
		breaking bool
	}{
		{"removed row", []string{"cm_name VARCHAR(32) 客户名称\n", "", `  "cm_name": "经销商001",` + "\n", ""},
			[]string{"breaking", "field cm_name removed"}, true},
		{"changed type", []string{"page_length INT", "page_length VARCHAR(32)"},
			[]string{"breaking", "field page_length type narrowed from [string, integer]/int32 to string (doc type INT → VARCHAR(32))"}, true},
		{"renamed endpoint", []string{"v1/addCustomerAmountExt/", "v1/addCustomerAmountExtra/"},
			[]string{"addCustomerAmountExt/{openid}/{timestamp}/{digest}/{msg_id}  endpoint removed", "addCustomerAmountExtra/{openid}/{timestamp}/{digest}/{msg_id}  endpoint added"}, true},
		{"added optional field", []string{"data.key VARCHAR(200) 金额字段名称\n", "data.key VARCHAR(200) 金额字段名称\nreqInfo.remark VARCHAR(100) 备注\n"},
			[]string{"compatible", "reqInfo[].remark added (optional)"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edited := editSeed(t, strings.ReplaceAll(c.name, " ", "_"), c.edits...)
			var out, errOut bytes.Buffer
			code := run([]string{"diff", "-fail-on-breaking", seed, edited}, &out, &errOut)
			for _, w := range c.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("report lacks %q:\n%s", w, out.String())
				}
			}
			wantCode := exitOK
			if c.breaking {
				wantCode = exitInput
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, wantCode, errOut.String())
			}
			out.Reset()
			if code := run([]string{"diff", "-format", "json", seed, edited}, &out, &errOut); code != exitOK {
				t.Errorf("without -fail-on-breaking the exit is %d", code)
			}
			var report struct {
				Breaking bool `json:"breaking"`
				Changes  []struct {
					Class string `json:"class"`
				} `json:"changes"`
			}
			if err := json.Unmarshal(out.Bytes(), &report); err != nil {
				t.Fatalf("JSON report: %v\n%s", err, out.String())
			}
			if report.Breaking != c.breaking || len(report.Changes) == 0 {
				t.Errorf("JSON report breaking=%v with %d changes", report.Breaking, len(report.Changes))
			}
		})
	}
}

func TestDiffUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"diff", "only-one"}, &out, &errOut); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}

// Moving a section of a page changes no name: with two endpoints whose
// paths end alike, each keeps its operationId (and so its Go method)
// whichever comes first, and the diff of the two orders is empty.
func TestDiffMovedSection(t *testing.T) {
	src, err := os.ReadFile("../../testdata/seeds/000_cfc759fbbf88bb66.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Both endpoints now end in addCustomerAmountExt, in different versions.
	doc := strings.Replace(string(src), "v1/queryCustomerAmountExt/", "v2/addCustomerAmountExt/", 1)
	second := strings.Index(doc, "# 客户金额扩展外部余额查询接口")
	if second < 0 {
		t.Fatal("seed layout changed")
	}
	moved := doc[second:] + "\n" + doc[:second]
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	for path, text := range map[string]string{a: doc, b: moved} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"diff", "-fail-on-breaking", a, b}, &out, &errOut); code != exitOK {
		t.Errorf("exit %d:\n%s%s", code, out.String(), errOut.String())
	}
	if strings.Contains(out.String(), "operationId") || strings.Contains(out.String(), "breaking") {
		t.Errorf("moving a section changed the API:\n%s", out.String())
	}
	out.Reset()
	run([]string{"spec", a}, &out, &errOut)
	for _, id := range []string{"operationId: v1AddCustomerAmountExt", "operationId: v2AddCustomerAmountExt"} {
		if !strings.Contains(out.String(), id) {
			t.Errorf("the spec lacks %q", id)
		}
	}
}

// A spec and its 3.0 form say the same: diff reads the 3.0 one as gen
// does and finds nothing breaking between them.
func TestDiffAcross30(t *testing.T) {
	for _, api := range []string{"waiqin", "showdoc", "wisecrm"} {
		var out, errOut bytes.Buffer
		dir := filepath.Join("../../generated", api)
		code := run([]string{"diff", "-fail-on-breaking", filepath.Join(dir, "openapi.yaml"), filepath.Join(dir, "openapi.v30.yaml")}, &out, &errOut)
		if code != exitOK || strings.Contains(out.String(), "breaking") {
			t.Errorf("%s: exit %d\n%s%s", api, code, out.String(), errOut.String())
		}
	}
}
