package runtime

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// A credential that travels whole (a key, an access token) goes in a
// query parameter or a header, behind a prefix such as "Bearer ".

// Placement is where a key or token travels.
type Placement struct {
	In     string // "query" or "header"
	Name   string // the query parameter or header
	Prefix string // before the value: "Bearer "
}

// put sets the credential on a request being signed.
func (p Placement) put(r *SignRequest, value string) {
	if p.In == "header" {
		r.Header.Set(p.Name, p.Prefix+value)
		return
	}
	r.Query.Set(p.Name, p.Prefix+value)
}

// take reads the credential from a request being served, "" when it has
// none or the prefix is missing.
func (p Placement) take(r *http.Request) string {
	var v string
	if p.In == "header" {
		v = r.Header.Get(p.Name)
	} else {
		v = r.URL.Query().Get(p.Name)
	}
	if p.Prefix == "" {
		return v
	}
	// Schemes such as "Bearer" are case-insensitive (RFC 9110 11.1).
	if len(v) < len(p.Prefix) || !strings.EqualFold(v[:len(p.Prefix)], p.Prefix) {
		return ""
	}
	return v[len(p.Prefix):]
}

// KeySigner sends a key the caller holds on every call: an API key, or
// an access token obtained elsewhere.
type KeySigner struct {
	Placement
	Key string
}

// Sign implements Signer.
func (s KeySigner) Sign(_ context.Context, r *SignRequest) error {
	s.put(r, s.Key)
	return nil
}

// KeyVerifier accepts a request whose key (or token) is one of Keys, or
// one Valid accepts. Keys are compared in constant time.
type KeyVerifier struct {
	Placement
	Keys  []string
	Valid func(ctx context.Context, key string) bool
}

// Verify implements Verifier.
func (v *KeyVerifier) Verify(ctx context.Context, r *VerifyRequest) error {
	got := v.take(r.HTTP)
	if got == "" {
		return &AuthError{Reason: "no " + v.Name}
	}
	// Hashing first makes the comparison's time independent of the
	// lengths too.
	sum := sha256.Sum256([]byte(got))
	ok := 0
	for _, k := range v.Keys {
		want := sha256.Sum256([]byte(k))
		ok |= subtle.ConstantTimeCompare(sum[:], want[:])
	}
	if ok == 1 || v.Valid != nil && v.Valid(ctx, got) {
		return nil
	}
	return &AuthError{Reason: v.Name + " is not valid"}
}
