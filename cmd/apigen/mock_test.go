package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen/apigen/spec/oas"
)

// apigen mock answers each operation with its documented example and
// refuses requests the spec rejects.
func TestMockServesExamples(t *testing.T) {
	doc, diags := oas.Load("../../generated/wisecrm/openapi.yaml")
	if doc == nil {
		t.Fatal(diags)
	}
	h, err := mockHandler(doc, &mockLimits{maxBody: 1 << 20, maxValues: 10000})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	get := func(url string) (int, string) {
		resp, err := srv.Client().Get(srv.URL + url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, body := get("/returnmoneyrecord/get?op_user=u1&returnmoneyrecord_id=r1&fields=a")
	if code != http.StatusOK || !strings.Contains(body, `"error_code":0`) || !strings.Contains(body, `"receivedDate":"2017-01-01"`) {
		t.Errorf("documented example: %d %s", code, body)
	}
	code, body = get("/returnmoneyrecord/get?fields=a")
	if code != http.StatusBadRequest || !strings.Contains(body, "op_user") {
		t.Errorf("missing required parameter: %d %s", code, body)
	}
}
