// Round trip through the package generated from edge.yaml: the generated
// client calls the generated handler over 127.0.0.1. Copied into the
// generated package's directory by generator.TestEdgeSpecs.
package edge_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"tmp/x/edge"
)

type impl struct {
	mu     sync.Mutex
	things map[int64]*edge.Type
	got    []string
}

func (s *impl) note(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, line)
}

func (s *impl) GetThingID(ctx context.Context, req *edge.GetThingIDRequest) (*edge.Type, error) {
	tags, _ := json.Marshal(req.Tags)
	ids, _ := json.Marshal(req.XIDS)
	s.note("get fields=" + strings.Join(req.Fields, "|") + " tags=" + string(tags) + " mode=" + req.XMode + " ids=" + string(ids) + " type=" + req.Type)
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.things[req.ThingID]; t != nil {
		return t, nil
	}
	return nil, &edge.APIError{HTTPStatus: http.StatusNotFound, Message: "no thing"}
}

func (s *impl) PutThing(ctx context.Context, req *edge.PutThingRequest) (*edge.Type, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.things[req.ThingID] = req.Body
	return req.Body, nil
}

func (s *impl) ThingJSON(ctx context.Context, req *edge.ThingJSONRequest) (*edge.Type, error) {
	s.note("json " + req.ThingID)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.things[7], nil
}

func (s *impl) GetPage(ctx context.Context, req *edge.GetPageRequest) error {
	s.note("page " + strconv.FormatInt(req.Page, 10) + " " + req.Format)
	return nil
}

func (s *impl) ListThings(ctx context.Context, req *edge.ListThingsRequest) error {
	s.note("list /{y}/b y=" + req.Y)
	return nil
}

func (s *impl) ListThings2(ctx context.Context, req *edge.ListThings2Request) error {
	s.note("list /a/{x} x=" + req.X)
	return nil
}

func (s *impl) Client3(ctx context.Context, req *edge.Client3Body) (*edge.Shelf, error) {
	return &edge.Shelf{Name: req.Name, Count: req.Count, Color: req.Color, Labels: req.Labels}, nil
}

func (s *impl) ShelfTwo(ctx context.Context) error { return errors.New("not served") }

func (s *impl) Upload(ctx context.Context, req *edge.UploadBody) (map[string]string, error) {
	size := "none"
	if req.Size != nil {
		size = strconv.FormatInt(*req.Size, 10)
	}
	return map[string]string{"title": req.Title, "size": size}, nil
}

func (s *impl) UploadFile(ctx context.Context) error { return nil }

func (s *impl) Func(ctx context.Context, req *edge.Node) ([]edge.Node, error) {
	var out []edge.Node
	for n := req; n != nil; n = n.Next {
		out = append(out, edge.Node{Name: n.Name, Kids: n.Kids})
	}
	return out, nil
}

func ptr[T any](v T) *T { return &v }

func TestRoundTrip(t *testing.T) {
	s := &impl{things: map[int64]*edge.Type{}}
	srv := httptest.NewServer(edge.NewHandler(s))
	defer srv.Close()
	c := edge.NewClient(srv.URL, edge.WithHTTPClient(srv.Client()))
	ctx := context.Background()
	var apiErr *edge.APIError

	// Members named like Go keywords and generated methods, and nullable
	// members in the 3.0 and 3.1 spellings.
	thing := &edge.Type{ID: 7, Func: "f", Map: map[string]int64{"a": 1}, Validate2: "v", UnmarshalJSON2: ptr(true), XY: "dash", XY2: "underscore",
		MaybeCount: nil, MaybeName: "n", MaybeColor: edge.ColorRed, Owner: &edge.Pet{Name: "Rex"}, Legacy: ptr(int64(3)),
		Level: edge.Level2, Ratio: edge.Ratio15, Flag: true, Code: "abc", Status: edge.ColorAB2, Free: json.RawMessage(`{"any":[1,"x"]}`),
		Counts: map[string]int64{"b": 2}}
	put, err := c.PutThing(ctx, &edge.PutThingRequest{ThingID: 7, Body: thing})
	if err != nil {
		t.Fatalf("PutThing: %v", err)
	}
	if !sameJSON(put, thing) {
		t.Errorf("PutThing = %+v\nwant %+v", put, thing)
	}
	// A required nullable member goes out as null, not left out.
	raw, _ := json.Marshal(&edge.Type{ID: 1})
	if !strings.Contains(string(raw), `"maybe_count":null`) || !strings.Contains(string(raw), `"owner":null`) {
		t.Errorf("marshalled %s, want maybe_count and owner as null", raw)
	}
	// A name encoding/json cannot take as a tag is still read.
	var in edge.Type
	if err := json.Unmarshal([]byte(`{"id":"8","a,b":"comma","maybe_count":null,"legacy":"4"}`), &in); err != nil || in.AB != "comma" || in.ID != 8 || *in.Legacy != 4 {
		t.Errorf("UnmarshalJSON = %+v, %v", in, err)
	}
	// Enums of every kind are checked by the handler.
	for _, bad := range []*edge.Type{{ID: 1, Level: 5}, {ID: 1, Ratio: 2}, {ID: 1, MaybeColor: "blue"}} {
		if _, err := c.PutThing(ctx, &edge.PutThingRequest{ThingID: 1, Body: bad}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
			t.Errorf("PutThing(%+v): got %v, want a 400 *APIError", bad, err)
		}
	}

	// A path parameter whose name is no Go identifier, a comma-separated
	// query list, an exploded list of enum values, header parameters (one a
	// list) and a query parameter named like a keyword.
	got, err := c.GetThingID(ctx, &edge.GetThingIDRequest{ThingID: 7, Fields: []string{"id", "func"}, Tags: []edge.Color{edge.ColorRed, edge.ColorAB},
		XMode: "safe", XIDS: []int64{1, 2, 3}, Type: "full"})
	if err != nil || got.Func != "f" || got.Owner == nil || got.Owner.Name != "Rex" {
		t.Fatalf("GetThingID = %+v, %v", got, err)
	}
	if want := `get fields=id|func tags=["red","a-b"] mode=safe ids=[1,2,3] type=full`; s.got[0] != want {
		t.Errorf("the server saw %q, want %q", s.got[0], want)
	}
	if _, err := c.GetThingID(ctx, &edge.GetThingIDRequest{ThingID: 7, XMode: "slow"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("GetThingID(mode slow): got %v, want a 400 *APIError", err)
	}
	if _, err := c.GetThingID(ctx, &edge.GetThingIDRequest{ThingID: 9}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound {
		t.Errorf("GetThingID(9): got %v, want a 404 *APIError", err)
	}

	// Routes that overlap with neither more specific (a ServeMux refuses
	// them together) are all served: where a request matches both, the
	// literal segment wins, as OpenAPI says.
	for _, c := range []struct {
		call func() error
		want string
	}{
		{func() error { return c.ListThings2(ctx, &edge.ListThings2Request{X: "q"}) }, "list /a/{x} x=q"},
		{func() error { return c.ListThings(ctx, &edge.ListThingsRequest{Y: "z"}) }, "list /{y}/b y=z"},
		{func() error { return c.ListThings(ctx, &edge.ListThingsRequest{Y: "a"}) }, "list /a/{x} x=b"},
	} {
		if err := c.call(); err != nil || s.got[len(s.got)-1] != c.want {
			t.Errorf("got %v, the server saw %q, want %q", err, s.got[len(s.got)-1], c.want)
		}
	}
	// Two parameters in one segment: the first runs to the text after it.
	if err := c.GetPage(ctx, &edge.GetPageRequest{Page: 3, Format: "tar.gz"}); err != nil || s.got[len(s.got)-1] != "page 3 tar.gz" {
		t.Errorf("GetPage = %v (server saw %q)", err, s.got[len(s.got)-1])
	}
	// A parameter with literal text in its segment, beside the route of
	// the parameter alone.
	if thing, err := c.ThingJSON(ctx, &edge.ThingJSONRequest{ThingID: "7"}); err != nil || thing == nil || s.got[len(s.got)-1] != "json 7" {
		t.Errorf("ThingJSON = %+v, %v (server saw %q)", thing, err, s.got[len(s.got)-1])
	}

	// A form body whose operation is named like a reserved identifier; a
	// list field travels as JSON text. The spec answers 201.
	shelf, err := c.Client3(ctx, &edge.Client3Body{Name: "top & bottom", Count: ptr(int64(3)), Color: edge.ColorAB, Labels: []string{"x", "y"}})
	if err != nil || shelf.Name != "top & bottom" || *shelf.Count != 3 || shelf.Color != edge.ColorAB || !reflect.DeepEqual(shelf.Labels, []string{"x", "y"}) {
		t.Errorf("Client3 = %+v, %v", shelf, err)
	}
	if _, err := c.Client3(ctx, &edge.Client3Body{Count: ptr(int64(1))}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("Client3 without a name: got %v, want a 400 *APIError", err)
	}

	// A multipart body without files; the success is the default response.
	stored, err := c.Upload(ctx, &edge.UploadBody{Title: "report", Size: ptr(int64(12))})
	if err != nil || !reflect.DeepEqual(stored, map[string]string{"title": "report", "size": "12"}) {
		t.Errorf("Upload = %v, %v", stored, err)
	}

	// A recursive body through a required member, on a path with a
	// trailing slash.
	tree, err := c.Func(ctx, &edge.Node{Name: "a", Next: &edge.Node{Name: "b", Kids: []edge.Node{{Name: "c"}}}})
	if err != nil || len(tree) != 2 || tree[1].Name != "b" || len(tree[1].Kids) != 1 || tree[1].Kids[0].Name != "c" {
		t.Errorf("Func = %+v, %v", tree, err)
	}
}

// TestStatuses checks the statuses the handler answers with.
// TestClientHeaders: the Content-Type and Accept header parameters a
// spec lists are the client's own, not fields of the request.
func TestClientHeaders(t *testing.T) {
	req := reflect.TypeOf(edge.GetThingIDRequest{})
	for _, name := range []string{"ContentType", "Accept"} {
		if _, ok := req.FieldByName(name); ok {
			t.Errorf("GetThingIDRequest has a field %s", name)
		}
	}
}

func TestStatuses(t *testing.T) {
	srv := httptest.NewServer(edge.NewHandler(&impl{things: map[int64]*edge.Type{}}))
	defer srv.Close()
	for _, tc := range []struct {
		method, path, contentType, body string
		want                            int
	}{
		{"POST", "/shelf", "application/x-www-form-urlencoded", "name=a&count=2", http.StatusCreated},
		{"POST", "/shelf", "application/json", `{"name":"a"}`, http.StatusCreated},
		{"POST", "/uploads/file", "", "", http.StatusOK},
		{"POST", "/nodes/x", "application/json", `{}`, http.StatusNotFound},
	} {
		req, err := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		if tc.contentType != "" {
			req.Header.Set("Content-Type", tc.contentType)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s answered %d, want %d", tc.method, tc.path, resp.StatusCode, tc.want)
		}
	}
}

// TestWebhook posts the vendor's call to the generated webhook handler:
// fn gets the typed, validated request; an invalid one never reaches it.
func TestWebhook(t *testing.T) {
	var got []*edge.PayNotifyBody
	var mu sync.Mutex
	srv := httptest.NewServer(edge.HandlePayNotify(func(ctx context.Context, req *edge.PayNotifyBody) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, req)
		if req.Note == "refuse" {
			return errors.New("refused")
		}
		return nil
	}))
	defer srv.Close()
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"trade_no":"T1","amount":"12","note":"ok"}`, http.StatusOK},
		{`{"trade_no":"T123456789","amount":12}`, http.StatusBadRequest},
		{`{"amount":0}`, http.StatusBadRequest},
		{`{"trade_no":"T2","amount":3,"note":"refuse"}`, http.StatusInternalServerError},
	} {
		resp, err := srv.Client().Post(srv.URL+"/any/address/you/chose", "application/json", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s answered %d, want %d", tc.body, resp.StatusCode, tc.want)
		}
	}
	if len(got) != 2 || got[0].TradeNo != "T1" || got[0].Amount != 12 || got[1].TradeNo != "T2" {
		t.Errorf("fn got %+v", got)
	}
}

// sameJSON compares models by what they send: a decoded model also
// carries what the sender did (its JSON field), which a literal does not.
func sameJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}
