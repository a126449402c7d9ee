package runtime

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCredentialsRefusesLongOnes(t *testing.T) {
	long := strings.Repeat("x", maxCredentialBytes+1)
	ok := strings.Repeat("x", maxCredentialBytes)
	tests := []struct {
		name     string
		creds    map[string]string
		msg      string // "" when accepted
		echoedID string
	}{
		{name: "at the limit", creds: map[string]string{"openid": ok, "msg_id": ok}, echoedID: ok},
		{name: "long openid", creds: map[string]string{"openid": long, "msg_id": "M1"},
			msg: "authentication failed: openid is longer than 128 bytes", echoedID: "M1"},
		{name: "long msg_id is not echoed", creds: map[string]string{"openid": "o", "msg_id": long},
			msg: "authentication failed: msg_id is longer than 128 bytes"},
		{name: "the first role by name", creds: map[string]string{"timestamp": long, "digest": long, "openid": long, "msg_id": "M2"},
			msg: "authentication failed: digest is longer than 128 bytes", echoedID: "M2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServerCore(waiqinEnvelope, nil)
			w := httptest.NewRecorder()
			msgID, accepted := s.credentials(w, httptest.NewRequest(http.MethodPost, "/", nil), tt.creds)
			if msgID != tt.echoedID {
				t.Fatalf("msgID = %q, want %q", msgID, tt.echoedID)
			}
			if tt.msg == "" {
				if !accepted || w.Body.Len() != 0 {
					t.Fatalf("refused: %d %s", w.Code, w.Body)
				}
				return
			}
			want := fmt.Sprintf(`{"return_code":"1","return_msg":%q,"msg_id":%q,"response_data":null}`, tt.msg, tt.echoedID)
			if accepted || w.Code != http.StatusUnauthorized || w.Body.String() != want {
				t.Fatalf("answer %d %s, want 401 %s", w.Code, w.Body, want)
			}
		})
	}
}

// ctxVerifier records the context it is given and fails with err.
type ctxVerifier struct {
	got context.Context
	err error
}

func (v *ctxVerifier) Verify(ctx context.Context, _ *VerifyRequest) error {
	v.got = ctx
	return v.err
}

type ctxKey struct{}

func TestVerifyStatusAndContext(t *testing.T) {
	full := &UnavailableError{Reason: "replay store is full; retry later", Err: ErrReplayStoreFull}
	tests := []struct {
		err    error
		status int
	}{
		{&AuthError{Reason: "signature does not match"}, http.StatusUnauthorized},
		{errors.New("a verifier's own error"), http.StatusUnauthorized},
		{full, http.StatusServiceUnavailable},
		{fmt.Errorf("wrapped: %w", full), http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		v := &ctxVerifier{err: tt.err}
		s := newServerCore(waiqinEnvelope, []ServerOption{WithVerifier(v)})
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, "request"))
		w := httptest.NewRecorder()
		if s.verify(w, r, nil, map[string]string{"msg_id": "M1"}) {
			t.Fatalf("%v: accepted", tt.err)
		}
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.err.Error()) {
			t.Fatalf("%v: answer %d %s, want %d", tt.err, w.Code, w.Body, tt.status)
		}
		if v.got == nil || v.got.Value(ctxKey{}) != "request" {
			t.Fatalf("%v: the verifier did not get the request's context", tt.err)
		}
	}
	if !errors.Is(full, ErrReplayStoreFull) {
		t.Fatal("UnavailableError does not unwrap to its cause")
	}
	if full.Error() != "service unavailable: replay store is full; retry later" {
		t.Fatalf("Error() = %q", full.Error())
	}
}

// keepingVerifier keeps every request it is given, as a verifier that
// logs them later would.
type keepingVerifier struct{ kept []*VerifyRequest }

func (v *keepingVerifier) Verify(_ context.Context, r *VerifyRequest) error {
	v.kept = append(v.kept, r)
	return nil
}

// A verifier may keep what it is given: no request's VerifyRequest or
// credentials are reused for the next.
func TestVerifierKeepsItsRequests(t *testing.T) {
	v := &keepingVerifier{}
	s := newServerCore(waiqinEnvelope, []ServerOption{WithVerifier(v)})
	for _, id := range []string{"M1", "M2"} {
		if !s.verify(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/", nil), []byte(id), map[string]string{"msg_id": id}) {
			t.Fatalf("%s refused", id)
		}
	}
	for i, id := range []string{"M1", "M2"} {
		if r := v.kept[i]; string(r.Body) != id || r.Creds["msg_id"] != id {
			t.Errorf("request %d kept as %q %v, want %s", i, r.Body, r.Creds, id)
		}
	}
}
