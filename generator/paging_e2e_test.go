package generator_test

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec"
)

// pagingTestHeader starts every generated package's paging test.
const pagingTestHeader = `package pagepkg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
)

var _ = []any{json.Marshal, errors.New, fmt.Sprint, io.ReadAll, strconv.Itoa}

// served records what a test server was asked, one entry a request.
type served struct {
	mu    sync.Mutex
	asked []string
}

func (s *served) add(what string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, what)
	return len(s.asked)
}

func (s *served) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}

func write(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, body)
}

// drain ranges over seq: its items, and its errors, each yielded.
func drain[T any](seq iter.Seq2[T, error]) (items []T, errs []error) {
	for item, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, item)
	}
	return items, errs
}

// number reads a JSON body member sent as a number or as text.
func number(m map[string]any, key string) int {
	n, _ := strconv.Atoi(fmt.Sprint(m[key]))
	return n
}
`

// pagingTests is, per package, the docs it is generated from (with the
// profile), and a test of its iterator against servers written here.
var pagingTests = map[string]struct {
	docs    []string
	profile string
	test    string
}{
	// Waiqin's customer query: page_number and page_length in the JSON
	// body, a list in response_data (JSON in a string), no total.
	"waiqin": {[]string{"../testdata/seeds/000_cfc759fbbf88bb66.txt"}, "waiqin365", `
// customers answers the customer query from rows rows, page_length a page.
func customers(t *testing.T, rows int, s *served) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &in); err != nil {
			t.Errorf("request body %s: %v", body, err)
		}
		page, size := number(in, "page_number"), number(in, "page_length")
		if size == 0 {
			size = 1000 // the doc's default
		}
		s.add(fmt.Sprintf("%d/%d %s", page, size, in["cm_code"]))
		var list []map[string]any
		for i := (page - 1) * size; i < min(page*size, rows); i++ {
			list = append(list, map[string]any{"cm_id": strconv.Itoa(i), "code": fmt.Sprintf("C%04d", i)})
		}
		data, _ := json.Marshal(list)
		if list == nil {
			data = []byte("[]")
		}
		out, _ := json.Marshal(map[string]any{"return_code": "0", "return_msg": "ok", "msg_id": "m", "response_data": string(data)})
		write(w, string(out))
	}))
}

func TestCustomerQueryPages(t *testing.T) {
	s := &served{}
	srv := customers(t, 2350, s)
	defer srv.Close()
	c := NewClient(srv.URL, "open1", "key1")
	size := int32(1000)
	req := &QueryCustomerAmountExtRequest{PageLength: &size, CmCode: "CUS"}
	rows, errs := drain(c.QueryCustomerAmountExtAll(context.Background(), req))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(rows) != 2350 {
		t.Fatalf("%d rows, want 2350", len(rows))
	}
	for i, row := range rows {
		if row.CmID == nil || *row.CmID != int64(i) || row.Code != fmt.Sprintf("C%04d", i) {
			t.Fatalf("row %d is %+v", i, row)
		}
	}
	if got := fmt.Sprint(s.list()); got != "[1/1000 CUS 2/1000 CUS 3/1000 CUS]" {
		t.Fatalf("requests %s; want pages 1, 2 and 3 of 1000, the short third the last", got)
	}
	if req.PageNumber != nil {
		t.Fatal("the caller's request was changed")
	}
}

func TestCustomerQueryLazy(t *testing.T) {
	s := &served{}
	srv := customers(t, 2350, s)
	defer srv.Close()
	c := NewClient(srv.URL, "open1", "key1")
	n := 0
	for _, err := range c.QueryCustomerAmountExtAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 1500 {
			break
		}
	}
	if got := len(s.list()); got != 2 {
		t.Fatalf("%d requests for 1500 rows of pages of 1000; want 2", got)
	}
}

func TestCustomerQueryCancel(t *testing.T) {
	s := &served{}
	srv := customers(t, 2350, s)
	defer srv.Close()
	c := NewClient(srv.URL, "open1", "key1")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var rows int
	var errs []error
	for _, err := range c.QueryCustomerAmountExtAll(ctx, &QueryCustomerAmountExtRequest{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if rows++; rows == 1500 {
			cancel()
		}
	}
	if rows != 1500 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Fatalf("%d rows, errors %v; want 1500 and context.Canceled once", rows, errs)
	}
	if got := len(s.list()); got != 2 {
		t.Fatalf("%d requests; want 2, none after the cancel", got)
	}
}
`},
	// WiseCRM's list: page_no and page_size in the query, total_size in
	// the envelope beside data.
	"wisecrm": {[]string{"../testdata/seeds/003_acd2d6f03fadcd29.txt"}, "wisecrm", `
// records answers the list from total records; failPage answers an error.
func records(total, failPage int, s *served) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page_no"))
		size, _ := strconv.Atoi(q.Get("page_size"))
		if size == 0 {
			size = 20
		}
		s.add(fmt.Sprintf("%d/%d %s", page, size, q.Get("op_user")))
		if page == failPage {
			write(w, ` + "`" + `{"error_code":500,"error_msg":"系統繁忙"}` + "`" + `)
			return
		}
		var list []map[string]any
		for i := (page - 1) * size; i < min(page*size, total); i++ {
			list = append(list, map[string]any{"returnmoneyrecordId": fmt.Sprint("r", i), "returnMoneyStatus": 2})
		}
		out, _ := json.Marshal(map[string]any{"error_code": 0, "error_msg": "ok", "total_size": strconv.Itoa(total), "page_size": size, "page_no": page, "data": list})
		write(w, string(out))
	}))
}

func TestTotalSize(t *testing.T) {
	s := &served{}
	srv := records(40, 0, s)
	defer srv.Close()
	items, errs := drain(NewClient(srv.URL).ReturnmoneyrecordListAll(context.Background(), &ReturnmoneyrecordListRequest{OpUser: "u1", Fields: "returnMoneyStatus"}))
	if len(errs) > 0 || len(items) != 40 || items[39].ReturnmoneyrecordID != "r39" {
		t.Fatalf("%d items, errors %v", len(items), errs)
	}
	// total_size says 40: no third request for a page that would be empty.
	if got := fmt.Sprint(s.list()); got != "[1/20 u1 2/20 u1]" {
		t.Fatalf("requests %s", got)
	}
}

// The mock answers the doc's example as the first page and an empty
// page after it: the iterator ends.
func TestOverTheMock(t *testing.T) {
	srv := httptest.NewServer(NewHandler(Mock{}))
	defer srv.Close()
	items, errs := drain(NewClient(srv.URL).ReturnmoneyrecordListAll(context.Background(), &ReturnmoneyrecordListRequest{OpUser: "u1", Fields: "f"}))
	if len(errs) > 0 || len(items) != 2 {
		t.Fatalf("%d items, errors %v; want the example's 2", len(items), errs)
	}
}

func TestErrorOnPage2(t *testing.T) {
	s := &served{}
	srv := records(100, 2, s)
	defer srv.Close()
	items, errs := drain(NewClient(srv.URL).ReturnmoneyrecordListAll(context.Background(), &ReturnmoneyrecordListRequest{OpUser: "u1"}))
	var apiErr *APIError
	if len(items) != 20 || len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.Code != "500" {
		t.Fatalf("%d items, errors %v; want the first page and the vendor's error once", len(items), errs)
	}
	if got := len(s.list()); got != 2 {
		t.Fatalf("%d requests; want 2, none after the error", got)
	}
}
`},
	// A cursor the answer hands on, with has_more.
	"cursor": {[]string{"../testdata/paging/cursor.md"}, "", `
// messages answers the list by cursor; endless never says the last.
func messages(total int, endless bool, s *served) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]any
		body, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(body, &in)
		cursor, _ := in["cursor"].(string)
		s.add(cursor)
		from := 0
		fmt.Sscanf(cursor, "c%d", &from)
		limit := number(in, "limit")
		to := min(from+limit, total)
		if endless {
			to = from + 1
		}
		var list []map[string]any
		for i := from; i < to; i++ {
			list = append(list, map[string]any{"msgid": fmt.Sprint("m", i)})
		}
		data := map[string]any{"has_more": endless || to < total, "msg_list": list}
		if endless || to < total {
			data["next_cursor"] = fmt.Sprint("c", to)
		}
		out, _ := json.Marshal(map[string]any{"code": 0, "msg": "ok", "data": data})
		write(w, string(out))
	}))
}

func TestCursor(t *testing.T) {
	s := &served{}
	srv := messages(50, false, s)
	defer srv.Close()
	limit := int32(20)
	items, errs := drain(NewClient(srv.URL).MsgListAll(context.Background(), &MsgListRequest{ChatID: "g1", Limit: &limit}))
	if len(errs) > 0 || len(items) != 50 || items[49].Msgid != "m49" {
		t.Fatalf("%d items, errors %v", len(items), errs)
	}
	if got := fmt.Sprintf("%q", s.list()); got != ` + "`" + `["" "c20" "c40"]` + "`" + ` {
		t.Fatalf("cursors sent %s", got)
	}
}

func TestPageCap(t *testing.T) {
	s := &served{}
	srv := messages(0, true, s)
	defer srv.Close()
	items, errs := drain(NewClient(srv.URL).MsgListAll(context.Background(), &MsgListRequest{ChatID: "g1"}))
	if len(items) != MaxPages || len(errs) != 1 || !errors.Is(errs[0], ErrPageLimit) {
		t.Fatalf("%d items, errors %v; want %d and ErrPageLimit once", len(items), errs, MaxPages)
	}
	if got := len(s.list()); got != MaxPages {
		t.Fatalf("%d requests; want MaxPages, %d", got, MaxPages)
	}
}
`},
	// Offsets past the items read, ended by a total without an envelope.
	"offset_limit": {[]string{"../testdata/paging/offset_limit.md"}, "", `
func TestOffsets(t *testing.T) {
	s := &served{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		offset, _ := strconv.Atoi(q.Get("offset"))
		s.add(q.Get("offset"))
		// The server answers at most 20, whatever the limit asks.
		var list []map[string]any
		for i := offset; i < min(offset+20, 45); i++ {
			list = append(list, map[string]any{"id": fmt.Sprint("u", i)})
		}
		out, _ := json.Marshal(map[string]any{"users": list, "totalCount": 45})
		write(w, string(out))
	}))
	defer srv.Close()
	limit := int32(50)
	items, errs := drain(NewClient(srv.URL).UsersAll(context.Background(), &UsersRequest{Team: "t", Limit: &limit}))
	if len(errs) > 0 || len(items) != 45 || items[44].ID != "u44" {
		t.Fatalf("%d items, errors %v", len(items), errs)
	}
	if got := fmt.Sprint(s.list()); got != "[0 20 40]" {
		t.Fatalf("offsets sent %s", got)
	}
}
`},
	// Pages counted from 0, ended by totalPages.
	"page_index": {[]string{"../testdata/paging/page_index.md"}, "", `
func TestTotalPages(t *testing.T) {
	s := &served{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.add(r.URL.Query().Get("pageIndex"))
		out, _ := json.Marshal(map[string]any{"success": true, "message": "", "data": map[string]any{
			"totalPages": 3, "rows": []map[string]any{{"sku": "K" + r.URL.Query().Get("pageIndex")}}}})
		write(w, string(out))
	}))
	defer srv.Close()
	items, errs := drain(NewClient(srv.URL).StockListAll(context.Background(), &StockListRequest{Warehouse: "W1"}))
	if len(errs) > 0 || len(items) != 3 || items[0].SKU != "K0" || items[2].SKU != "K2" {
		t.Fatalf("%+v, errors %v", items, errs)
	}
	if got := fmt.Sprint(s.list()); got != "[0 1 2]" {
		t.Fatalf("pages asked %s", got)
	}
}
`},
}

// TestPagingIterators generates a package for each paged doc and runs its
// iterators over real HTTP against servers written here: requests made,
// items yielded once each, where each iteration stops, errors and
// cancellation, and the page cap.
func TestPagingIterators(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated packages")
	}
	root := t.TempDir()
	var mod strings.Builder
	mod.WriteString("go 1.26\n\nuse (\n")
	var dirs []string
	for _, name := range slices.Sorted(maps.Keys(pagingTests)) {
		c := pagingTests[name]
		var docs []*parser.Document
		for _, p := range c.docs {
			docs = append(docs, parser.ParseFile(p, parser.Options{}))
		}
		s, diags := spec.Build(docs, spec.Options{Profile: c.profile})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", name, diags)
		}
		files, gd := generator.Generate(s, generator.Options{Package: "pagepkg", Source: name + ".yaml"})
		if gd.HasErrors() {
			t.Fatalf("%s: %v", name, gd)
		}
		if files["paging.go"] == nil || files["runtime_paging.go"] == nil {
			t.Fatalf("%s: no paging.go or runtime_paging.go among %d files", name, len(files))
		}
		dir := filepath.Join(root, name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		files["go.mod"] = []byte("module example.com/" + name + "\n\ngo 1.26\n")
		files["paging_test.go"] = []byte(pagingTestHeader + c.test)
		for f, src := range files {
			if err := os.WriteFile(filepath.Join(dir, f), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		mod.WriteString("\t./" + name + "\n")
		dirs = append(dirs, "./"+name)
	}
	mod.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(mod.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", append([]string{"vet"}, dirs...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, out)
	}
	cmd = exec.Command("go", append([]string{"test", "-count=1"}, dirs...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "ok  \texample.com/"); n != len(pagingTests) {
		t.Fatalf("%d packages passed, want %d:\n%s", n, len(pagingTests), out)
	}
}
