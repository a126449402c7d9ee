// Round trip through the package generated from swagger-petstore.yaml:
// the generated client calls the generated handler over 127.0.0.1.
// Copied into the generated package's directory by
// generator.TestPublicSpecs.
package swaggerpetstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"tmp/x/swaggerpetstore"
)

// shop answers the operations under test from memory; the others come
// from the generated Mock.
type shop struct {
	swaggerpetstore.Mock
	mu      sync.Mutex
	pets    map[int64]swaggerpetstore.Pet
	apiKeys []string
	users   []swaggerpetstore.User
}

func (s *shop) AddPet(ctx context.Context, req *swaggerpetstore.Pet) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pets[*req.ID] = *req
	return nil
}

func (s *shop) GetPetByID(ctx context.Context, req *swaggerpetstore.GetPetByIDRequest) (*swaggerpetstore.Pet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pets[req.PetID]
	if !ok {
		return nil, &swaggerpetstore.APIError{HTTPStatus: http.StatusNotFound, Message: "Pet not found"}
	}
	return &p, nil
}

func (s *shop) FindPetsByStatus(ctx context.Context, req *swaggerpetstore.FindPetsByStatusRequest) ([]swaggerpetstore.Pet, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []swaggerpetstore.Pet
	for id := int64(1); id <= int64(len(s.pets)); id++ {
		for _, st := range req.Status {
			if s.pets[id].Status == st {
				out = append(out, s.pets[id])
			}
		}
	}
	return out, nil
}

func (s *shop) FindPetsByTags(ctx context.Context, req *swaggerpetstore.FindPetsByTagsRequest) ([]swaggerpetstore.Pet, error) {
	var out []swaggerpetstore.Pet
	for _, tag := range req.Tags {
		out = append(out, swaggerpetstore.Pet{Name: tag, PhotoUrls: []string{}})
	}
	return out, nil
}

func (s *shop) UpdatePetWithForm(ctx context.Context, req *swaggerpetstore.UpdatePetWithFormRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pets[req.PetID]
	p.Name, p.Status = req.Body.Name, req.Body.Status
	s.pets[req.PetID] = p
	return nil
}

func (s *shop) DeletePet(ctx context.Context, req *swaggerpetstore.DeletePetRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiKeys = append(s.apiKeys, req.APIKey)
	delete(s.pets, req.PetID)
	return nil
}

func (s *shop) GetInventory(ctx context.Context) (map[string]int32, error) {
	return map[string]int32{"available": 2, "sold": 1}, nil
}

func (s *shop) LoginUser(ctx context.Context, req *swaggerpetstore.LoginUserRequest) (string, error) {
	if req.Password != "s3cret" {
		return "", &swaggerpetstore.APIError{HTTPStatus: http.StatusBadRequest, Message: "Invalid username/password supplied"}
	}
	return "session for " + req.Username, nil
}

func (s *shop) PlaceOrder(ctx context.Context, req *swaggerpetstore.Order) (*swaggerpetstore.Order, error) {
	out := *req
	id := int64(42)
	out.ID = &id
	return &out, nil
}

func (s *shop) CreateUsersWithArrayInput(ctx context.Context, req *swaggerpetstore.CreateUsersWithArrayInputRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users = append(s.users, req.Body...)
	return nil
}

func ptr[T any](v T) *T { return &v }

func TestRoundTrip(t *testing.T) {
	impl := &shop{pets: map[int64]swaggerpetstore.Pet{}}
	srv := httptest.NewServer(swaggerpetstore.NewHandler(impl))
	defer srv.Close()
	c := swaggerpetstore.NewClient(srv.URL, swaggerpetstore.WithHTTPClient(srv.Client()))
	ctx := context.Background()
	var apiErr *swaggerpetstore.APIError

	// JSON bodies.
	for _, p := range []swaggerpetstore.Pet{
		{ID: ptr(int64(1)), Name: "doggie", PhotoUrls: []string{"https://example.com/1.jpg"}, Status: "available",
			Category: &swaggerpetstore.Category{ID: ptr(int64(1)), Name: "Dogs"}, Tags: []swaggerpetstore.Tag{{ID: ptr(int64(7)), Name: "good"}}},
		{ID: ptr(int64(2)), Name: "kitty", PhotoUrls: []string{}, Status: "sold"},
		{ID: ptr(int64(3)), Name: "birdie", PhotoUrls: []string{}, Status: "available"},
	} {
		if err := c.AddPet(ctx, &p); err != nil {
			t.Fatalf("AddPet(%s): %v", p.Name, err)
		}
	}
	// status is an enum: the handler refuses another value.
	if err := c.AddPet(ctx, &swaggerpetstore.Pet{ID: ptr(int64(4)), Name: "x", PhotoUrls: []string{}, Status: "lost"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("AddPet with status lost: got %v, want a 400 *APIError", err)
	}

	// int64 path parameter.
	pet, err := c.GetPetByID(ctx, &swaggerpetstore.GetPetByIDRequest{PetID: 1})
	if err != nil {
		t.Fatalf("GetPetByID: %v", err)
	}
	if pet.Name != "doggie" || pet.Category == nil || pet.Category.Name != "Dogs" || len(pet.Tags) != 1 || *pet.Tags[0].ID != 7 {
		t.Errorf("GetPetByID(1) = %+v", pet)
	}
	if _, err := c.GetPetByID(ctx, &swaggerpetstore.GetPetByIDRequest{PetID: 99}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound {
		t.Errorf("GetPetByID(99): got %v, want a 404 *APIError", err)
	}

	// A list query parameter of enum values, sent as repeated parameters.
	found, err := c.FindPetsByStatus(ctx, &swaggerpetstore.FindPetsByStatusRequest{Status: []string{"available", "pending"}})
	if err != nil {
		t.Fatalf("FindPetsByStatus: %v", err)
	}
	if len(found) != 2 || found[0].Name != "doggie" || found[1].Name != "birdie" {
		t.Errorf("FindPetsByStatus(available, pending) = %+v", found)
	}
	if _, err := c.FindPetsByStatus(ctx, &swaggerpetstore.FindPetsByStatusRequest{Status: []string{"lost"}}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("FindPetsByStatus(lost): got %v, want a 400 *APIError", err)
	}
	tagged, err := c.FindPetsByTags(ctx, &swaggerpetstore.FindPetsByTagsRequest{Tags: []string{"a", "b,c"}})
	if err != nil || len(tagged) != 2 || tagged[1].Name != "b,c" {
		t.Errorf("FindPetsByTags(a, b,c) = %+v, %v", tagged, err)
	}

	// A form body with a path parameter.
	if err := c.UpdatePetWithForm(ctx, &swaggerpetstore.UpdatePetWithFormRequest{PetID: 2,
		Body: &swaggerpetstore.UpdatePetWithFormBody{Name: "kitty & co", Status: "pending"}}); err != nil {
		t.Fatalf("UpdatePetWithForm: %v", err)
	}
	if p := impl.pets[2]; p.Name != "kitty & co" || p.Status != "pending" {
		t.Errorf("after UpdatePetWithForm, pet 2 is %+v", p)
	}

	// A header parameter.
	if err := c.DeletePet(ctx, &swaggerpetstore.DeletePetRequest{PetID: 3, APIKey: "key-123"}); err != nil {
		t.Fatalf("DeletePet: %v", err)
	}
	if _, gone := impl.pets[3]; gone || !reflect.DeepEqual(impl.apiKeys, []string{"key-123"}) {
		t.Errorf("DeletePet: pet 3 still there: %v, api keys seen %q", gone, impl.apiKeys)
	}

	// A map result.
	inv, err := c.GetInventory(ctx)
	if err != nil || !reflect.DeepEqual(inv, map[string]int32{"available": 2, "sold": 1}) {
		t.Errorf("GetInventory() = %v, %v", inv, err)
	}

	// Query parameters and a string result.
	session, err := c.LoginUser(ctx, &swaggerpetstore.LoginUserRequest{Username: "ann", Password: "s3cret"})
	if err != nil || session != "session for ann" {
		t.Errorf("LoginUser = %q, %v", session, err)
	}
	if _, err := c.LoginUser(ctx, &swaggerpetstore.LoginUserRequest{Username: "ann", Password: "wrong"}); !errors.As(err, &apiErr) ||
		apiErr.HTTPStatus != http.StatusBadRequest || !strings.Contains(string(apiErr.Body), "Invalid username") {
		t.Errorf("LoginUser with a wrong password: got %v, want a 400 *APIError with the body", err)
	}

	// A JSON body and a JSON result.
	order, err := c.PlaceOrder(ctx, &swaggerpetstore.Order{PetID: ptr(int64(1)), Quantity: ptr(int32(2)), Status: "placed", Complete: ptr(false),
		ShipDate: "2024-05-01T10:00:00Z"})
	if err != nil {
		t.Fatalf("PlaceOrder: %v", err)
	}
	if order.ID == nil || *order.ID != 42 || *order.PetID != 1 || *order.Quantity != 2 || order.Complete == nil || *order.Complete || order.Status != "placed" {
		t.Errorf("PlaceOrder = %+v", order)
	}

	// A list body.
	users := []swaggerpetstore.User{{Username: "ann", Email: "ann@example.com"}, {Username: "bob", UserStatus: ptr(int32(1))}}
	if err := c.CreateUsersWithArrayInput(ctx, &swaggerpetstore.CreateUsersWithArrayInputRequest{Body: users}); err != nil {
		t.Fatalf("CreateUsersWithArrayInput: %v", err)
	}
	if !sameJSON(impl.users, users) {
		t.Errorf("the server got users %+v, want %+v", impl.users, users)
	}
}

// sameJSON compares models by what they send: a decoded model also
// carries what the sender did (its JSON field), which a literal does not.
func sameJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}
