// Round trip through the package generated from adyen-checkout-v71.json
// (OpenAPI 3.1): the generated client calls the generated handler over
// 127.0.0.1. Copied into the generated package's directory by
// generator.TestPublicSpecs.
package adyencheckoutv71_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"tmp/x/adyencheckoutv71"
)

// checkout records what the operations under test receive; the other
// operations answer with the spec's examples through the generated Mock.
type checkout struct {
	adyencheckoutv71.Mock
	mu       sync.Mutex
	keys     []string
	sessions map[string]*adyencheckoutv71.CreateCheckoutSessionRequest
	links    map[string]*adyencheckoutv71.PaymentLinkResponse
	deleted  []string
}

func (s *checkout) PostSessions(ctx context.Context, req *adyencheckoutv71.PostSessionsRequest) (*adyencheckoutv71.CreateCheckoutSessionResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, req.IdempotencyKey)
	id := "CS" + req.Body.Reference
	s.sessions[id] = req.Body
	return &adyencheckoutv71.CreateCheckoutSessionResponse{ID: id, Amount: req.Body.Amount, MerchantAccount: req.Body.MerchantAccount,
		Reference: req.Body.Reference, ReturnURL: req.Body.ReturnURL, ExpiresAt: "2030-01-01T00:00:00Z", Metadata: req.Body.Metadata,
		SessionData: "Ab02b4c0!", StorePaymentMethod: req.Body.StorePaymentMethod}, nil
}

func (s *checkout) GetSessionsSessionID(ctx context.Context, req *adyencheckoutv71.GetSessionsSessionIDRequest) (*adyencheckoutv71.SessionResultResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sessions[req.SessionID] == nil {
		return nil, &adyencheckoutv71.APIError{HTTPStatus: http.StatusUnprocessableEntity, Message: "unknown session"}
	}
	status := "paymentPending"
	if req.SessionResult == "done" {
		status = "completed"
	}
	return &adyencheckoutv71.SessionResultResponse{ID: req.SessionID, Status: status}, nil
}

func (s *checkout) GetStoredPaymentMethods(ctx context.Context, req *adyencheckoutv71.GetStoredPaymentMethodsRequest) (*adyencheckoutv71.ListStoredPaymentMethodsResponse, error) {
	return &adyencheckoutv71.ListStoredPaymentMethodsResponse{MerchantAccount: req.MerchantAccount, ShopperReference: req.ShopperReference,
		StoredPaymentMethods: []adyencheckoutv71.StoredPaymentMethodResource{{ID: "pm1", Brand: "visa", LastFour: "1111",
			SupportedRecurringProcessingModels: []string{"CardOnFile", "Subscription"}}}}, nil
}

func (s *checkout) DeleteStoredPaymentMethodsStoredPaymentMethodID(ctx context.Context, req *adyencheckoutv71.DeleteStoredPaymentMethodsStoredPaymentMethodIDRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleted = append(s.deleted, req.StoredPaymentMethodID+" of "+req.ShopperReference+" at "+req.MerchantAccount)
	return nil
}

func (s *checkout) PostPaymentLinks(ctx context.Context, req *adyencheckoutv71.PostPaymentLinksRequest) (*adyencheckoutv71.PaymentLinkResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	link := &adyencheckoutv71.PaymentLinkResponse{ID: "PL" + req.Body.Reference, Amount: req.Body.Amount, MerchantAccount: req.Body.MerchantAccount,
		Reference: req.Body.Reference, Status: "active", URL: "https://test.adyen.link/PL" + req.Body.Reference, Reusable: req.Body.Reusable}
	s.links[link.ID] = link
	return link, nil
}

func (s *checkout) GetPaymentLinksLinkID(ctx context.Context, req *adyencheckoutv71.GetPaymentLinksLinkIDRequest) (*adyencheckoutv71.PaymentLinkResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if link := s.links[req.LinkID]; link != nil {
		return link, nil
	}
	return nil, &adyencheckoutv71.APIError{HTTPStatus: http.StatusNotFound, Message: "no link " + req.LinkID}
}

func (s *checkout) PatchPaymentLinksLinkID(ctx context.Context, req *adyencheckoutv71.PatchPaymentLinksLinkIDRequest) (*adyencheckoutv71.PaymentLinkResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	link := s.links[req.LinkID]
	link.Status = req.Body.Status
	return link, nil
}

func TestRoundTrip(t *testing.T) {
	impl := &checkout{sessions: map[string]*adyencheckoutv71.CreateCheckoutSessionRequest{}, links: map[string]*adyencheckoutv71.PaymentLinkResponse{}}
	srv := httptest.NewServer(adyencheckoutv71.NewHandler(impl))
	defer srv.Close()
	c := adyencheckoutv71.NewClient(srv.URL, adyencheckoutv71.WithHTTPClient(srv.Client()))
	ctx := context.Background()
	var apiErr *adyencheckoutv71.APIError
	yes := true

	// A header parameter and a JSON body with nested objects, maps
	// (additionalProperties) and optional booleans.
	session, err := c.PostSessions(ctx, &adyencheckoutv71.PostSessionsRequest{IdempotencyKey: "idem-1", Body: &adyencheckoutv71.CreateCheckoutSessionRequest{
		Amount: adyencheckoutv71.Amount{Currency: "EUR", Value: 1000}, MerchantAccount: "TestMerchant", Reference: "order-1",
		ReturnURL: "https://example.com/return", Metadata: map[string]string{"cart": "42", "note": "gift"}, StorePaymentMethod: &yes,
	}})
	if err != nil {
		t.Fatalf("PostSessions: %v", err)
	}
	if session.ID != "CSorder-1" || session.Amount.Value != 1000 || session.Metadata["note"] != "gift" || session.StorePaymentMethod == nil || !*session.StorePaymentMethod {
		t.Errorf("PostSessions = %+v", session)
	}
	if !reflect.DeepEqual(impl.keys, []string{"idem-1"}) {
		t.Errorf("the server saw Idempotency-Key %q", impl.keys)
	}
	// The handler checks required members before the implementation runs.
	_, err = c.PostSessions(ctx, &adyencheckoutv71.PostSessionsRequest{Body: &adyencheckoutv71.CreateCheckoutSessionRequest{MerchantAccount: "TestMerchant"}})
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("PostSessions without reference: got %v, want a 400 *APIError", err)
	}

	// Path and query parameters.
	result, err := c.GetSessionsSessionID(ctx, &adyencheckoutv71.GetSessionsSessionIDRequest{SessionID: "CSorder-1", SessionResult: "done"})
	if err != nil || result.Status != "completed" || result.ID != "CSorder-1" {
		t.Errorf("GetSessionsSessionID = %+v, %v", result, err)
	}
	_, err = c.GetSessionsSessionID(ctx, &adyencheckoutv71.GetSessionsSessionIDRequest{SessionID: "CSnone", SessionResult: "x"})
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusUnprocessableEntity {
		t.Errorf("GetSessionsSessionID(unknown): got %v, want a 422 *APIError", err)
	}

	methods, err := c.GetStoredPaymentMethods(ctx, &adyencheckoutv71.GetStoredPaymentMethodsRequest{ShopperReference: "shopper 1", MerchantAccount: "TestMerchant"})
	if err != nil || methods.ShopperReference != "shopper 1" || len(methods.StoredPaymentMethods) != 1 ||
		!reflect.DeepEqual(methods.StoredPaymentMethods[0].SupportedRecurringProcessingModels, []string{"CardOnFile", "Subscription"}) {
		t.Errorf("GetStoredPaymentMethods = %+v, %v", methods, err)
	}
	// A 204 answer.
	if err := c.DeleteStoredPaymentMethodsStoredPaymentMethodID(ctx, &adyencheckoutv71.DeleteStoredPaymentMethodsStoredPaymentMethodIDRequest{
		StoredPaymentMethodID: "pm/1", ShopperReference: "shopper 1", MerchantAccount: "TestMerchant"}); err != nil {
		t.Fatalf("DeleteStoredPaymentMethods: %v", err)
	}
	if !reflect.DeepEqual(impl.deleted, []string{"pm/1 of shopper 1 at TestMerchant"}) {
		t.Errorf("the server deleted %q", impl.deleted)
	}

	// Create, read and update a payment link; the spec answers 201 to the
	// creation.
	link, err := c.PostPaymentLinks(ctx, &adyencheckoutv71.PostPaymentLinksRequest{IdempotencyKey: "idem-2", Body: &adyencheckoutv71.PaymentLinkRequest{
		Amount: adyencheckoutv71.Amount{Currency: "EUR", Value: 8700}, MerchantAccount: "TestMerchant", Reference: "77", Reusable: &yes}})
	if err != nil || link.ID != "PL77" || link.Status != "active" || link.Reusable == nil || !*link.Reusable {
		t.Fatalf("PostPaymentLinks = %+v, %v", link, err)
	}
	got, err := c.GetPaymentLinksLinkID(ctx, &adyencheckoutv71.GetPaymentLinksLinkIDRequest{LinkID: "PL77"})
	if err != nil || !reflect.DeepEqual(got, link) {
		t.Errorf("GetPaymentLinksLinkID = %+v, %v; want %+v", got, err, link)
	}
	if _, err := c.GetPaymentLinksLinkID(ctx, &adyencheckoutv71.GetPaymentLinksLinkIDRequest{LinkID: "PL0"}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusNotFound {
		t.Errorf("GetPaymentLinksLinkID(PL0): got %v, want a 404 *APIError", err)
	}
	// status is an enum with the one value "expired".
	if _, err := c.PatchPaymentLinksLinkID(ctx, &adyencheckoutv71.PatchPaymentLinksLinkIDRequest{LinkID: "PL77", Body: &adyencheckoutv71.UpdatePaymentLinkRequest{Status: "paused"}}); !errors.As(err, &apiErr) || apiErr.HTTPStatus != http.StatusBadRequest {
		t.Errorf("PatchPaymentLinksLinkID(paused): got %v, want a 400 *APIError", err)
	}
	patched, err := c.PatchPaymentLinksLinkID(ctx, &adyencheckoutv71.PatchPaymentLinksLinkIDRequest{LinkID: "PL77", Body: &adyencheckoutv71.UpdatePaymentLinkRequest{Status: "expired"}})
	if err != nil || patched.Status != "expired" {
		t.Errorf("PatchPaymentLinksLinkID(expired) = %+v, %v", patched, err)
	}

	// Operations the Mock answers with the spec's examples.
	card, err := c.PostCardDetails(ctx, &adyencheckoutv71.PostCardDetailsRequest{Body: &adyencheckoutv71.CardDetailsRequest{CardNumber: "411111", MerchantAccount: "TestMerchant"}})
	if err != nil || len(card.Brands) != 2 || card.Brands[0].Type != "visa" || card.Brands[1].Supported == nil || !*card.Brands[1].Supported {
		t.Errorf("PostCardDetails = %+v, %v", card, err)
	}
	cancelled, err := c.PostOrdersCancel(ctx, &adyencheckoutv71.PostOrdersCancelRequest{Body: &adyencheckoutv71.CancelOrderRequest{MerchantAccount: "TestMerchant",
		Order: adyencheckoutv71.EncryptedOrderData{OrderData: "data", PspReference: "881"}}})
	if err != nil || !sameJSON(cancelled, adyencheckoutv71.CancelOrderResponse{PspReference: "8816178914079738", ResultCode: "Received"}) {
		t.Errorf("PostOrdersCancel = %+v, %v", cancelled, err)
	}
	balance, err := c.PostPaymentMethodsBalance(ctx, &adyencheckoutv71.PostPaymentMethodsBalanceRequest{Body: &adyencheckoutv71.BalanceCheckRequest{
		Amount: adyencheckoutv71.Amount{Currency: "EUR", Value: 1}, MerchantAccount: "TestMerchant", PaymentMethod: map[string]string{"type": "givex"}}})
	if err != nil || balance.Balance.Value != 5000 || balance.ResultCode != "Success" {
		t.Errorf("PostPaymentMethodsBalance = %+v, %v", balance, err)
	}
	// oneOf members come through as raw JSON.
	payment, err := c.PostPayments(ctx, &adyencheckoutv71.PostPaymentsRequest{Body: &adyencheckoutv71.PaymentRequest{
		Amount: adyencheckoutv71.Amount{Currency: "EUR", Value: 1}, MerchantAccount: "TestMerchant", Reference: "r", ReturnURL: "https://example.com",
		PaymentMethod: json.RawMessage(`{"type":"scheme","encryptedCardNumber":"x"}`)}})
	if err != nil || payment.AdditionalData == nil || !json.Valid(payment.AdditionalData) {
		t.Errorf("PostPayments = %+v, %v", payment, err)
	}
}

// sameJSON compares models by what they send: a decoded model also
// carries what the sender did (its JSON field), which a literal does not.
func sameJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}
