// Round trip through the package generated from petstore.yaml: the
// generated client calls the generated handler over 127.0.0.1, serving an
// implementation that records what it was given. Copied into the
// generated package's directory by generator.TestPublicSpecs.
package petstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"tmp/x/petstore"
)

// store is a petstore.Server holding pets in memory.
type store struct {
	mu        sync.Mutex
	pets      petstore.Pets
	lastLimit *int32
}

func (s *store) CreatePets(ctx context.Context, req *petstore.Pet) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pets = append(s.pets, *req)
	return nil
}

func (s *store) ListPets(ctx context.Context, req *petstore.ListPetsRequest) (petstore.Pets, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastLimit = req.Limit
	out := s.pets
	if req.Limit != nil && int(*req.Limit) < len(out) {
		out = out[:*req.Limit]
	}
	return out, nil
}

func (s *store) ShowPetByID(ctx context.Context, req *petstore.ShowPetByIDRequest) (*petstore.Pet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.pets {
		if strconv.FormatInt(p.ID, 10) == req.PetID {
			return &p, nil
		}
	}
	return nil, &petstore.APIError{HTTPStatus: http.StatusNotFound, Message: "no pet " + req.PetID}
}

func TestRoundTrip(t *testing.T) {
	impl := &store{}
	srv := httptest.NewServer(petstore.NewHandler(impl))
	defer srv.Close()
	c := petstore.NewClient(srv.URL, petstore.WithHTTPClient(srv.Client()))
	ctx := context.Background()

	// JSON body; the spec answers 201 with no content.
	for _, p := range []petstore.Pet{{ID: 1, Name: "Rex", Tag: "dog"}, {ID: 2, Name: "Tom"}, {ID: 3, Name: "Polly", Tag: "bird"}} {
		if err := c.CreatePets(ctx, &p); err != nil {
			t.Fatalf("CreatePets(%d): %v", p.ID, err)
		}
	}
	// The handler validates before the implementation sees the request:
	// name is required.
	err := c.CreatePets(ctx, &petstore.Pet{ID: 4})
	var apiErr *petstore.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest || !strings.Contains(string(apiErr.Body), "name") {
		t.Errorf("CreatePets without a name: got %v, want a 400 *APIError naming the field", err)
	}

	// Query parameter.
	two := int32(2)
	pets, err := c.ListPets(ctx, &petstore.ListPetsRequest{Limit: &two})
	if err != nil {
		t.Fatalf("ListPets: %v", err)
	}
	if len(pets) != 2 || pets[0].Name != "Rex" || pets[0].Tag != "dog" || pets[1].ID != 2 {
		t.Errorf("ListPets(limit 2) = %+v", pets)
	}
	if impl.lastLimit == nil || *impl.lastLimit != 2 {
		t.Errorf("the server read limit %v, want 2", impl.lastLimit)
	}
	all, err := c.ListPets(ctx, &petstore.ListPetsRequest{})
	if err != nil || len(all) != 3 || impl.lastLimit != nil {
		t.Errorf("ListPets() = %+v, %v (server saw limit %v)", all, err, impl.lastLimit)
	}
	// maximum: 100 is checked by the handler.
	big := int32(101)
	if _, err := c.ListPets(ctx, &petstore.ListPetsRequest{Limit: &big}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("ListPets(limit 101): got %v, want a 400 *APIError", err)
	}

	// Path parameter.
	pet, err := c.ShowPetByID(ctx, &petstore.ShowPetByIDRequest{PetID: "3"})
	if err != nil {
		t.Fatalf("ShowPetByID: %v", err)
	}
	if !sameJSON(pet, petstore.Pet{ID: 3, Name: "Polly", Tag: "bird"}) {
		t.Errorf("ShowPetByID(3) = %+v", pet)
	}
	// A status outside 2xx comes back as *APIError with the status and body.
	_, err = c.ShowPetByID(ctx, &petstore.ShowPetByIDRequest{PetID: "9"})
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound || !strings.Contains(string(apiErr.Body), "no pet 9") {
		t.Errorf("ShowPetByID(9): got %v, want a 404 *APIError with the body", err)
	}
}

// TestCreatedStatus checks the status the handler answers with: the spec
// documents 201 for createPets.
func TestCreatedStatus(t *testing.T) {
	srv := httptest.NewServer(petstore.NewHandler(&store{}))
	defer srv.Close()
	resp, err := srv.Client().Post(srv.URL+"/pets", "application/json", strings.NewReader(`{"id":"7","name":"Kit"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("POST /pets answered %d, want 201", resp.StatusCode)
	}
}

// sameJSON compares models by what they send: a decoded model also
// carries what the sender did (its JSON field), which a literal does not.
func sameJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}
