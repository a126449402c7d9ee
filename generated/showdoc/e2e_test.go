package showdoc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/generated/showdoc"
)

// docServer answers every operation with the doc's own response example.
func docServer(t *testing.T, ops []e2etest.Op) *httptest.Server {
	mux := http.NewServeMux()
	for _, op := range ops {
		mux.HandleFunc(op.Method+" "+op.Path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(op.Response)
		})
	}
	return httptest.NewServer(mux)
}

func TestClientAgainstDocExamples(t *testing.T) {
	_, ops := e2etest.Load(t, "openapi.yaml")
	if len(ops) != 1 {
		t.Fatalf("spec has %d operations", len(ops))
	}
	srv := docServer(t, ops)
	defer srv.Close()
	client := showdoc.NewClient(srv.URL, showdoc.WithHTTPClient(srv.Client()))
	for _, op := range ops {
		t.Run(op.ID, func(t *testing.T) {
			res, err := e2etest.Call(context.Background(), client, op)
			if err != nil {
				t.Fatal(err)
			}
			if op.Data == nil {
				t.Fatal("the doc gives this operation no data example")
			}
			if err := e2etest.Equivalent(op.Data, res); err != nil {
				t.Fatalf("decoded result differs from the doc's data: %v", err)
			}
		})
	}
}

func TestClientAgainstGeneratedServer(t *testing.T) {
	_, ops := e2etest.Load(t, "openapi.yaml")
	srv := httptest.NewServer(showdoc.NewHandler(showdoc.Mock{}, showdoc.WithErrorLog(func(r *http.Request, err error) { t.Errorf("%s: %v", r.URL.Path, err) })))
	defer srv.Close()
	client := showdoc.NewClient(srv.URL, showdoc.WithHTTPClient(srv.Client()))
	for _, op := range ops {
		t.Run(op.ID, func(t *testing.T) {
			res, err := e2etest.Call(context.Background(), client, op)
			if err != nil {
				t.Fatal(err)
			}
			if err := e2etest.Equivalent(op.Data, res); err != nil {
				t.Fatalf("mock result differs from the doc's data: %v", err)
			}
		})
	}
}

// The customer's nested contacts, recovered from the doc's hand-written
// JSON (comments, missing commas), arrive typed.
func TestCustomerContactsTyped(t *testing.T) {
	_, ops := e2etest.Load(t, "openapi.yaml")
	srv := docServer(t, ops)
	defer srv.Close()
	client := showdoc.NewClient(srv.URL, showdoc.WithHTTPClient(srv.Client()))
	res, err := client.CustomerInfo(context.Background(), &showdoc.CustomerInfoRequest{Cid: "45973"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Contacts) != 1 {
		t.Fatalf("contacts = %+v", res.Contacts)
	}
	if c := res.Contacts[0]; c.ID != "45973" || c.Name != "古兰经" || c.Title != "阿拉啦" {
		t.Errorf("contact = %+v", c)
	}
	if !strings.Contains(res.CheckingInfo, `"major_car"`) {
		t.Errorf("checking_info (JSON pasted in a string) = %q", res.CheckingInfo)
	}
}
