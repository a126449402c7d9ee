package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/spec/oas"
)

// Requests an attacker would send to apigen mock, served as runMock
// serves them but with shorter timeouts, on 127.0.0.1. Each answer must be
// small, each request cheap in memory, and a slow client cut off.

const (
	mockHeapBound = 64 << 20
	amountPath    = "/api/customer_amount/v1/addCustomerAmountExt/1/2/3/4"
)

// startMock serves the spec at specPath within limits (the defaults of
// apigen mock when nil) and returns its base URL.
func startMock(t *testing.T, doc *openapi3.T, limits *mockLimits) (url string, srv *http.Server) {
	t.Helper()
	if limits == nil {
		limits = &mockLimits{maxBody: 1 << 20, maxValues: 10000, readTimeout: time.Second, writeTimeout: 10 * time.Second}
	}
	h, diags := mockHandler(doc, "openapi.yaml", nil, limits)
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv = limits.server(h)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String(), srv
}

func loadSpec(t *testing.T, path string) *openapi3.T {
	t.Helper()
	doc, diags := oas.Load(path)
	if doc == nil {
		t.Fatal(diags)
	}
	return doc
}

// post sends body and returns the answer with the heap's growth meanwhile.
func post(t *testing.T, url string, body io.Reader, contentLength int64) (status int, answer string, grew uint64) {
	t.Helper()
	grew = e2etest.HeapGrowth(func() {
		req, err := http.NewRequest("POST", url, body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = contentLength
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		status, answer = resp.StatusCode, string(raw)
	})
	return status, answer, grew
}

// checkAnswer checks the size of an answer, its status and what it says.
func checkAnswer(t *testing.T, what string, bodySize int64, status int, answer string, grew uint64, wantStatus int, wantText string) {
	t.Helper()
	t.Logf("%s: body %d bytes, answer %d %d bytes, heap grew %.1f MiB", what, bodySize, status, len(answer), float64(grew)/(1<<20))
	var msg struct{ Error string }
	if err := json.Unmarshal([]byte(answer), &msg); err != nil {
		t.Fatalf("%s: answer %.300q is not a JSON error: %v", what, answer, err)
	}
	if status != wantStatus || !strings.Contains(msg.Error, wantText) {
		t.Errorf("%s: answer %d %.500q, want %d with %q", what, status, msg.Error, wantStatus, wantText)
	}
	if len(answer) > mockMaxAnswer {
		t.Errorf("%s: answer of %d bytes", what, len(answer))
	}
	if grew > mockHeapBound {
		t.Errorf("%s: heap grew %d MiB, want at most %d", what, grew>>20, mockHeapBound>>20)
	}
}

// 300 MiB, never held in memory by the client, is refused after the first
// MiB, declared or not.
func TestMockRefusesOversizeBody(t *testing.T) {
	url, _ := startMock(t, loadSpec(t, "../../generated/waiqin/openapi.yaml"), nil)
	for _, declared := range []bool{true, false} {
		flood := &e2etest.Flood{Head: `{"reqInfo":[{"cm_code":"`, Item: "C", N: 300 << 20}
		n := int64(-1)
		if declared {
			n = flood.N
		}
		start := time.Now()
		status, answer, grew := post(t, url+amountPath, flood, n)
		t.Logf("refused after %v, %d bytes sent", time.Since(start), flood.Sent())
		checkAnswer(t, fmt.Sprintf("300 MiB body (declared %v)", declared), flood.N, status, answer, grew,
			http.StatusRequestEntityTooLarge, "request body is larger than 1048576 bytes")
	}
}

// A client that sends its body a byte every 20ms is cut off by
// -read-timeout, one that sends its headers so by the header timeout.
func TestMockCutsOffSlowClients(t *testing.T) {
	url, srv := startMock(t, loadSpec(t, "../../generated/waiqin/openapi.yaml"), &mockLimits{
		maxBody: 1 << 20, maxValues: 10000, readTimeout: 500 * time.Millisecond, writeTimeout: 10 * time.Second})
	addr := strings.TrimPrefix(url, "http://")
	for _, tt := range []struct {
		name, head string
		timeout    time.Duration
	}{
		{"body", "POST " + amountPath + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"reqInfo\":[",
			srv.ReadTimeout},
		{"headers", "POST " + amountPath + " HTTP/1.1\r\nHost: x\r\nX-Slow: ", srv.ReadHeaderTimeout},
	} {
		slow := &e2etest.Flood{Item: "1", N: 1 << 20}
		status, answer, after, err := e2etest.Trickle(addr, tt.head, slow, 20*time.Millisecond, 10*time.Second)
		if err != nil {
			t.Fatalf("slow %s, after %v: %v", tt.name, after, err)
		}
		t.Logf("slow %s: cut off after %v (timeout %v), %d bytes trickled, answer %d %q", tt.name, after, tt.timeout, slow.Sent(), status, answer)
		if after > tt.timeout+time.Second {
			t.Errorf("slow %s: held for %v", tt.name, after)
		}
		if status != 0 && status != http.StatusRequestTimeout {
			t.Errorf("slow %s: answer %d %s", tt.name, status, answer)
		}
	}
}

// 100000 '[' are refused by the JSON decoder's depth limit.
func TestMockRefusesDeepNesting(t *testing.T) {
	url, _ := startMock(t, loadSpec(t, "../../generated/waiqin/openapi.yaml"), nil)
	for _, body := range []string{strings.Repeat("[", 100000), `{"reqInfo":` + strings.Repeat("[", 100000)} {
		status, answer, grew := post(t, url+amountPath, strings.NewReader(body), int64(len(body)))
		checkAnswer(t, "100000 '['", int64(len(body)), status, answer, grew, http.StatusBadRequest, "exceeded max depth")
	}
}

// A million items within the size limit are refused by -max-values
// before the validator spends memory on each; the most items it lets
// through, each wrong, are answered with 20 lines and a count.
func TestMockRefusesHugeArrays(t *testing.T) {
	doc := loadSpec(t, "../../generated/waiqin/openapi.yaml")
	url, _ := startMock(t, doc, &mockLimits{maxBody: 4 << 20, maxValues: 10000, readTimeout: 5 * time.Second, writeTimeout: 10 * time.Second})
	million := `{"reqInfo":[` + strings.Repeat(`1,`, 1000000-1) + `1]}`
	status, answer, grew := post(t, url+amountPath, strings.NewReader(million), int64(len(million)))
	checkAnswer(t, "a million numbers", int64(len(million)), status, answer, grew, http.StatusRequestEntityTooLarge, "request body has more than 10000 values")

	most := `{"reqInfo":[` + strings.Repeat(`1,`, 10000-3) + `1]}`
	status, answer, grew = post(t, url+amountPath, strings.NewReader(most), int64(len(most)))
	checkAnswer(t, "9998 numbers where objects belong", int64(len(most)), status, answer, grew, http.StatusBadRequest, "got number, want object")
	var msg struct{ Error string }
	_ = json.Unmarshal([]byte(answer), &msg)
	if lines := strings.Split(msg.Error, "\n"); len(lines) != mockMaxErrors+1 || !strings.HasPrefix(lines[mockMaxErrors], "… and 99") {
		t.Errorf("answer of %d lines, ending %q", len(lines), lines[len(lines)-1])
	}
}

// A value of nearly a MiB is quoted in part.
func TestMockQuotesLongValuesInPart(t *testing.T) {
	url, _ := startMock(t, loadSpec(t, "../../generated/waiqin/openapi.yaml"), nil)
	long := strings.Repeat("长", 300000)
	for _, body := range []string{
		`{"reqInfo":[{"cm_id":"` + long + `"}]}`,
		`{"reqInfo":[{"data":[{"value":"` + long + `"}]}]}`,
	} {
		status, answer, grew := post(t, url+amountPath, strings.NewReader(body), int64(len(body)))
		checkAnswer(t, "a 900 KB value", int64(len(body)), status, answer, grew, http.StatusBadRequest, "长长长…")
		if len(answer) > 2<<10 {
			t.Errorf("answer of %d bytes: %.300s", len(answer), answer)
		}
	}
}

// Errors of an OpenAPI 3.0 spec, checked by kin-openapi's own validator,
// name their path and leave out the schema and the value.
func TestMockErrorsLeaveOutSchemaAndValue(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(`
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string, maxLength: 3}
                tags: {type: array, items: {type: integer}}
                labels: {type: object, additionalProperties: {type: integer}}
      responses:
        "200": {description: OK}
`))
	if err != nil {
		t.Fatal(err)
	}
	url, _ := startMock(t, doc, nil)
	body := `{"name":"` + strings.Repeat("n", 100000) + `","tags":[` + strings.Repeat(`"x",`, 30) + `"x"]}`
	status, answer, grew := post(t, url+"/things", bytes.NewReader([]byte(body)), int64(len(body)))
	checkAnswer(t, "3.0 spec", int64(len(body)), status, answer, grew, http.StatusBadRequest, `error at "/name": maximum string length is 3`)
	if strings.Contains(answer, "Schema:") || strings.Contains(answer, "nnnnnnnnnn") || !strings.Contains(answer, "… and 12 more") {
		t.Errorf("answer %s", answer)
	}
	key := strings.Repeat("k", 100000)
	body = `{"labels":{"` + key + `":"x"}}`
	status, answer, grew = post(t, url+"/things", bytes.NewReader([]byte(body)), int64(len(body)))
	checkAnswer(t, "a long member name", int64(len(body)), status, answer, grew, http.StatusBadRequest, `error at "/labels/`+key[:mockMaxQuoted-len("/labels/")]+`…": value must be an integer`)
}

func TestMockLimitFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-max-body", "0"}, {"-max-values", "-1"}, {"-read-timeout", "0s"}, {"-write-timeout", "-1s"},
	} {
		var out, errOut bytes.Buffer
		if code := run(append([]string{"mock", "-spec", "x.yaml"}, args...), &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "must be positive") {
			t.Errorf("mock %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	run([]string{"mock", "-h"}, &out, &errOut)
	if !strings.Contains(errOut.String(), "headers may take 64 KiB (431 beyond); an idle\nconnection is closed after 1m0s") {
		t.Errorf("mock -h:\n%s", errOut.String())
	}
}

func TestBoundedMessage(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct{ in, want string }{
		{`error at "/a": doesn't match schema`, `error at "/a": doesn't match schema`},
		{`at '/reqInfo/0/cm_id': '` + long + `' does not match pattern '^-?[0-9]+$'`,
			`at '/reqInfo/0/cm_id': '` + long[:mockMaxQuoted] + `…' does not match pattern '^-?[0-9]+$'`},
		{`value "` + long + `" isn't one of "a", "b"`, `value "` + long[:mockMaxQuoted] + `…" isn't one of "a", "b"`},
		{`a | b | c`, "a\nb\nc"},
		{`unclosed '` + long, `unclosed '` + long},
		{strings.Repeat("y", 1000), strings.Repeat("y", mockMaxLine) + "…"},
		{`'南京` + strings.Repeat("长", 30) + `'`, `'南京` + strings.Repeat("长", 19) + `…'`}, // 63 of 64 bytes
	}
	for _, tt := range tests {
		if got := boundedMessage(tt.in); got != tt.want {
			t.Errorf("boundedMessage(%.80q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
	lines := strings.Repeat("- at '/x': wrong\n", 100)
	got := strings.Split(boundedMessage(lines), "\n")
	if len(got) != mockMaxErrors+1 || got[mockMaxErrors] != "… and 80 more" {
		t.Errorf("100 lines: %q", got)
	}
}
