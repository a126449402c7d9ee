package generator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
)

// envelopeWire is, per doc of testdata/envelopes, a success and a failure
// answer in that doc's envelope shape.
var envelopeWire = map[string][2]string{
	"code_msg":        {`{"code":0,"msg":"ok","data":{"id":"u1","name":"Ann","age":30}}`, `{"code":40001,"msg":"denied"}`},
	"code_message":    {`{"code":"0","message":"ok","data":{"id":"u1","name":"Ann","age":30}}`, `{"code":40001,"message":"denied"}`},
	"errCode":         {`{"errCode":0,"errMsg":"ok","data":{"id":"u1","name":"Ann","age":30}}`, `{"errCode":1001,"errMsg":"denied"}`},
	"error_code":      {`{"error_code":0,"error_msg":"ok","data":{"id":"u1","name":"Ann","age":30}}`, `{"error_code":1,"error_msg":"denied"}`},
	"return_code":     {`{"return_code":"0","return_msg":"ok","response_data":{"id":"u1","name":"Ann","age":30}}`, `{"return_code":"1","return_msg":"denied","response_data":null}`},
	"errcode_flat":    {`{"errcode":0,"errmsg":"ok","id":"u1","name":"Ann","age":30}`, `{"errcode":40001,"errmsg":"denied"}`},
	"status_info":     {`{"status":"1","info":"OK","data":{"id":"u1","name":"Ann","age":30}}`, `{"status":"0","info":"denied"}`},
	"success_message": {`{"success":true,"message":"ok","data":{"id":"u1","name":"Ann","age":30}}`, `{"success":false,"message":"denied","data":null}`},
}

// envelopeClientTest runs inside each generated package: the client
// against a local server that answers in the envelope, success for user
// u1 and failure for anyone else.
const envelopeClientTest = `package envpkg

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const success, failure = SUCCESS, FAILURE

func TestEnvelope(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(string(body), "u1") {
			_, _ = io.WriteString(w, success)
			return
		}
		_, _ = io.WriteString(w, failure)
	}))
	defer srv.Close()
	c := NewClient(srv.URL)
	res, err := c.UserGet(context.Background(), &UserGetRequest{ID: "u1"})
	if err != nil {
		t.Fatalf("success envelope: %v", err)
	}
	if res == nil || res.ID != "u1" || res.Name != "Ann" || res.Age == nil || *res.Age != 30 {
		t.Fatalf("data %+v", res)
	}
	res, err = c.UserGet(context.Background(), &UserGetRequest{ID: "u2"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("failure envelope: got %+v, %v; want an *APIError", res, err)
	}
	if apiErr.Message != "denied" {
		t.Errorf("APIError %+v", apiErr)
	}
}
`

// TestEnvelopeClients generates a client for each envelope doc and runs
// it against success and failure answers of its shape.
func TestEnvelopeClients(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	docs, _ := filepath.Glob("../testdata/envelopes/*.md")
	if len(docs) != len(envelopeWire) {
		t.Fatalf("found %d envelope docs, want %d", len(docs), len(envelopeWire))
	}
	root := t.TempDir()
	var mod strings.Builder
	mod.WriteString("go 1.26\n\nuse (\n")
	for _, path := range docs {
		name := strings.TrimSuffix(filepath.Base(path), ".md")
		wire := envelopeWire[name]
		doc := parser.ParseFile(path, parser.Options{})
		s, diags := spec.Build([]*parser.Document{doc}, spec.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", name, diags)
		}
		parts := map[generator.Part]bool{generator.PartTypes: true, generator.PartClient: true}
		files, gd := generator.Generate(s, generator.Options{Package: "envpkg", Parts: parts, Source: name + ".yaml"})
		if gd.HasErrors() {
			t.Fatalf("%s: %v", name, gd)
		}
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		files["go.mod"] = []byte("module example.com/" + name + "\n\ngo 1.26\n")
		test := strings.Replace(envelopeClientTest, "SUCCESS, FAILURE", "`"+wire[0]+"`, `"+wire[1]+"`", 1)
		files["envelope_test.go"] = []byte(test)
		for f, src := range files {
			if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mod.WriteString("\t./" + name + "\n")
	}
	mod.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(mod.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for name := range envelopeWire {
		dirs = append(dirs, "./"+name)
	}
	cmd := exec.Command("go", append([]string{"test", "-count=1"}, dirs...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "ok  \texample.com/"); n != len(envelopeWire) {
		t.Fatalf("%d packages passed, want %d:\n%s", n, len(envelopeWire), out)
	}
}
