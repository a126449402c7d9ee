package runtime

import (
	"errors"
	"net/http"
	"strconv"
)

// What the handler does around its Verifier: it refuses over-long
// credentials before reading the body, hands the request's context to a
// verifier that waits on something shared, and answers a verifier that
// could not decide with 503 rather than 401.

// maxCredentialBytes bounds every credential path segment. Credentials
// are short tokens (Waiqin's are at most 32 characters), while a path may
// carry up to a megabyte: a longer one is refused before the body is read,
// so a caller cannot make the server hash, keep or echo megabytes of it.
const maxCredentialBytes = 128

// UnavailableError is a verifier that could not decide, as when its
// replay store is full or unreachable: the request is refused (never
// accepted unchecked) and the handler answers 503, so the client may retry.
type UnavailableError struct {
	Reason string // sent to the client
	Err    error  // the cause, for logs; not sent
}

func (e *UnavailableError) Error() string { return "service unavailable: " + e.Reason }

func (e *UnavailableError) Unwrap() error { return e.Err }

// credentials refuses a request whose credentials are too long, and
// returns the msg_id its answers echo.
func (s *serverCore) credentials(w http.ResponseWriter, r *http.Request, creds map[string]string) (msgID string, ok bool) {
	long := ""
	for role, v := range creds {
		// The first role in name order, so the answer does not depend on
		// map order.
		if len(v) > maxCredentialBytes && (long == "" || role < long) {
			long = role
		}
	}
	msgID = creds["msg_id"]
	if long == "" {
		return msgID, true
	}
	if len(msgID) > maxCredentialBytes {
		msgID = ""
	}
	err := &AuthError{Reason: long + " is longer than " + strconv.Itoa(maxCredentialBytes) + " bytes"}
	s.fail(w, r, http.StatusUnauthorized, "", err.Error(), msgID)
	return msgID, false
}

// verifyStatus is the status that answers a verifier's error.
func verifyStatus(err error) int {
	var unavailable *UnavailableError
	if errors.As(err, &unavailable) {
		return http.StatusServiceUnavailable
	}
	return http.StatusUnauthorized
}
