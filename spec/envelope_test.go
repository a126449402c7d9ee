package spec_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/golden"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// envelopeShapes maps each doc of testdata/envelopes to the envelope
// members and success values its spec must carry.
var envelopeShapes = map[string][4]string{
	"code_msg":        {"code", "msg", "data", "0"},
	"code_message":    {"code", "message", "data", "0"},
	"errCode":         {"errCode", "errMsg", "data", "0"},
	"error_code":      {"error_code", "error_msg", "data", "0"},
	"return_code":     {"return_code", "return_msg", "response_data", "0"},
	"errcode_flat":    {"errcode", "errmsg", "", "0"},
	"status_info":     {"status", "info", "data", "1"},
	"success_message": {"success", "message", "data", "true"},
}

// TestEnvelopeShapes builds one small doc per envelope shape and checks
// the detected x-apigen-envelope, the W037 that says the success values
// were assumed, and the golden spec.
func TestEnvelopeShapes(t *testing.T) {
	docs, _ := filepath.Glob("../testdata/envelopes/*.md")
	if len(docs) != len(envelopeShapes) {
		t.Fatalf("found %d envelope docs, want %d", len(docs), len(envelopeShapes))
	}
	for _, path := range docs {
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		t.Run(name, func(t *testing.T) {
			want, ok := envelopeShapes[name]
			if !ok {
				t.Fatalf("no expectation for %s", name)
			}
			doc := parser.ParseFile(path, parser.Options{})
			s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
			env, err := oas.Envelope(s)
			if err != nil || env == nil {
				t.Fatalf("no envelope: %v", err)
			}
			if env.Code != want[0] || env.Message != want[1] || env.Data != want[2] || len(env.Success) == 0 {
				t.Errorf("envelope %+v, want %v", env, want)
			}
			if got := fmtAny(env.Success[0]); got != want[3] {
				t.Errorf("success %v, want %s first", env.Success, want[3])
			}
			var assumed bool
			for _, d := range diags {
				assumed = assumed || d.Code == diag.AssumedSuccess
			}
			if profile := s.Extensions[oas.ExtProfile]; profile != nil {
				// WiseCRM's profile documents its success code.
				if assumed || profile != "wisecrm" || name != "error_code" {
					t.Errorf("profile %v, W037 %v", profile, assumed)
				}
			} else if !assumed {
				t.Errorf("no W037 in %v", diags)
			}
			out, _ := specOf(t, path, func(d diag.Diagnostic) bool { return d.Code.String()[0] == 'W' })
			golden.Check(t, filepath.Join("../testdata/envelopes", name+".golden.yaml"), out)
		})
	}
}

func fmtAny(v any) string { return fmt.Sprint(v) }

// TestEnvelopeOverride: an envelope from the configuration replaces the
// detected one, with its own success values and without W037.
func TestEnvelopeOverride(t *testing.T) {
	doc := parser.ParseFile("../testdata/envelopes/code_msg.md", parser.Options{})
	for _, c := range []struct {
		override *profile.Envelope
		types    string
		failure  any
	}{
		{&profile.Envelope{Code: "code", Message: "msg", Data: "data", Success: []any{200, "200"}}, "integer string", -1},
		{&profile.Envelope{Code: "ok", Message: "msg", Data: "data", Success: []any{true}}, "boolean", false},
		{&profile.Envelope{Code: "code", Message: "msg", Data: "data", Success: []any{"OK"}}, "string", "-1"},
	} {
		s, diags := spec.Build([]*parser.Document{doc}, spec.Options{Envelope: c.override})
		env, err := oas.Envelope(s)
		if err != nil || env == nil {
			t.Fatalf("no envelope: %v", err)
		}
		if env.Code != c.override.Code || fmt.Sprint(env.Success) != fmt.Sprint(c.override.Success) || fmt.Sprint(env.FailureCode) != fmt.Sprint(c.failure) {
			t.Errorf("envelope %+v for %+v", env, c.override)
		}
		code := s.Components.Schemas["UserGetResponse"].Value.Properties[c.override.Code]
		if got := strings.Join(code.Value.Type.Slice(), " "); got != c.types {
			t.Errorf("code types %q, want %q", got, c.types)
		}
		for _, d := range diags {
			if d.Code == diag.AssumedSuccess {
				t.Errorf("W037 with a configured envelope: %v", d)
			}
		}
	}
}
