package runtime

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Signer authenticates one try of a call. The client calls it again for
// every try, so each gets a fresh timestamp, nonce and signature; it sets
// what its scheme needs: credential path segments by role, query values
// or headers. Replace the vendor's signer with WithSigner when a vendor
// changes its scheme.
type Signer interface {
	Sign(ctx context.Context, r *SignRequest) error
}

// SignRequest is one try of a call as a Signer sees it, before it is
// sent: the signer reads the method, query and body, and adds to Creds,
// Query and Header.
type SignRequest struct {
	Method      string
	Path        string // the path without the base URL's, with {name} templates
	Query       url.Values
	Header      http.Header
	Body        []byte
	ContentType string
	Now         time.Time
	MsgID       string // a fresh message id, for schemes that send one
	// Creds receives the credential path segments, by role (openid,
	// timestamp, digest, msg_id).
	Creds map[string]string
	// Token is the access token the signer sent, for a refreshingSigner.
	Token string
}

// refreshingSigner is a Signer whose credential can go stale before the
// client knows it, like an access token the vendor revoked: when an
// answer says so, the client drops the token and sends the call once
// more with a fresh one, whatever the call's method.
type refreshingSigner interface {
	Signer
	// Rejected reports whether err refuses r's token; it forgets that
	// token when it does.
	Rejected(r *SignRequest, err *APIError) bool
}

// Verifier checks the credentials of a request the handler serves. Its
// body is already read; creds holds the credential path segments by
// role. A verifier that waits on something outside the process (a shared
// replay store) stops waiting when ctx ends.
type Verifier interface {
	Verify(ctx context.Context, r *VerifyRequest) error
}

// VerifyRequest is a request as a Verifier sees it.
type VerifyRequest struct {
	HTTP  *http.Request // its URL and headers; its body is already read
	Body  []byte
	Creds map[string]string
}

// AuthError is a credential failure; the handler answers it with 401.
type AuthError struct{ Reason string }

func (e *AuthError) Error() string { return "authentication failed: " + e.Reason }
