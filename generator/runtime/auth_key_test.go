package runtime

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestKeySigner(t *testing.T) {
	tests := []struct {
		name       string
		p          Placement
		wantHeader string // Authorization, or "" for none
		wantQuery  url.Values
	}{
		{"header with prefix", Placement{In: "header", Name: "Authorization", Prefix: "Bearer "}, "Bearer xyz", url.Values{"a": {"1"}}},
		{"header without prefix", Placement{In: "header", Name: "Authorization"}, "xyz", url.Values{"a": {"1"}}},
		{"query", Placement{In: "query", Name: "api_key"}, "", url.Values{"a": {"1"}, "api_key": {"xyz"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &SignRequest{Query: url.Values{"a": {"1"}}, Header: http.Header{}}
			if err := (KeySigner{Placement: tt.p, Key: "xyz"}).Sign(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if got := r.Header.Get("Authorization"); got != tt.wantHeader {
				t.Errorf("Authorization = %q, want %q", got, tt.wantHeader)
			}
			if got := r.Query.Encode(); got != tt.wantQuery.Encode() {
				t.Errorf("query = %s, want %s", got, tt.wantQuery.Encode())
			}
		})
	}
	// Signing twice (a retry) replaces the key, it does not add another.
	r := &SignRequest{Query: url.Values{}, Header: http.Header{}}
	s := KeySigner{Placement: Placement{In: "header", Name: "X-Api-Key"}, Key: "k"}
	_ = s.Sign(context.Background(), r)
	_ = s.Sign(context.Background(), r)
	if got := r.Header.Values("X-Api-Key"); len(got) != 1 || got[0] != "k" {
		t.Errorf("X-Api-Key after two signs = %q", got)
	}
}

func TestKeyVerifier(t *testing.T) {
	bearer := Placement{In: "header", Name: "Authorization", Prefix: "Bearer "}
	inQuery := Placement{In: "query", Name: "api_key"}
	validCalls := 0
	valid := func(_ context.Context, key string) bool { validCalls++; return key == "from-store" }
	tests := []struct {
		name   string
		p      Placement
		header string // Authorization
		query  string
		keys   []string
		valid  func(context.Context, string) bool
		reason string // the AuthError's, "" for accepted
	}{
		{"header key", bearer, "Bearer xyz", "", []string{"abc", "xyz"}, nil, ""},
		{"prefix in lower case", bearer, "bearer xyz", "", []string{"xyz"}, nil, ""},
		{"prefix in upper case", bearer, "BEARER xyz", "", []string{"xyz"}, nil, ""},
		{"key case matters", bearer, "Bearer XYZ", "", []string{"xyz"}, nil, "Authorization is not valid"},
		{"wrong key", bearer, "Bearer xyzz", "", []string{"xyz"}, nil, "Authorization is not valid"},
		{"key prefix of a valid key", bearer, "Bearer xy", "", []string{"xyz"}, nil, "Authorization is not valid"},
		{"missing header", bearer, "", "", []string{"xyz"}, nil, "no Authorization"},
		{"missing prefix", bearer, "xyz", "", []string{"xyz"}, nil, "no Authorization"},
		{"other scheme", bearer, "Basic xyz", "", []string{"xyz"}, nil, "no Authorization"},
		{"prefix only", bearer, "Bearer ", "", []string{""}, nil, "no Authorization"},
		{"query key", inQuery, "", "api_key=xyz", []string{"xyz"}, nil, ""},
		{"query key missing", inQuery, "Bearer xyz", "other=xyz", []string{"xyz"}, nil, "no api_key"},
		{"query key wrong", inQuery, "", "api_key=abc", []string{"xyz"}, nil, "api_key is not valid"},
		{"valid func", bearer, "Bearer from-store", "", []string{"xyz"}, valid, ""},
		{"valid func refuses", bearer, "Bearer other", "", []string{"xyz"}, valid, "Authorization is not valid"},
		{"valid func, no keys", bearer, "Bearer from-store", "", nil, valid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/api?"+tt.query, nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			v := &KeyVerifier{Placement: tt.p, Keys: tt.keys, Valid: tt.valid}
			err := v.Verify(context.Background(), &VerifyRequest{HTTP: req})
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantAuthError(t, err, tt.reason)
		})
	}
	if validCalls != 3 {
		t.Errorf("Valid called %d times, want 3", validCalls)
	}
}
