package runtime

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
)

// ServerOption configures a handler.
type ServerOption func(*serverCore)

// WithVerifier sets how requests are authenticated.
func WithVerifier(v Verifier) ServerOption { return func(s *serverCore) { s.verifier = v } }

// WithMaxBodyBytes limits request bodies (default 1 MiB).
func WithMaxBodyBytes(n int64) ServerOption { return func(s *serverCore) { s.maxBody = n } }

// WithErrorLog receives the errors the implementation returns.
func WithErrorLog(log func(r *http.Request, err error)) ServerOption {
	return func(s *serverCore) { s.log = log }
}

type serverCore struct {
	verifier Verifier
	maxBody  int64
	envelope *envelope
	log      func(*http.Request, error)
}

func newServerCore(env *envelope, opts []ServerOption) *serverCore {
	s := &serverCore{maxBody: 1 << 20, envelope: env}
	for _, o := range opts {
		o(s)
	}
	return s
}

// readBody reads the request body within the size limit.
func (s *serverCore) readBody(w http.ResponseWriter, r *http.Request, msgID string) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "", "request body is larger than "+strconv.FormatInt(s.maxBody, 10)+" bytes", msgID)
			return nil, false
		}
		// The server's ReadTimeout ended a body that came too slowly.
		var netErr net.Error
		if errors.As(err, &netErr) && netErr.Timeout() {
			s.fail(w, r, http.StatusRequestTimeout, "", "request body not received in time", msgID)
			return nil, false
		}
		s.fail(w, r, http.StatusBadRequest, "", "cannot read request body: "+err.Error(), msgID)
		return nil, false
	}
	return body, true
}

// verify checks the credentials of a request to a secured operation
// when the handler has a verifier.
func (s *serverCore) verify(w http.ResponseWriter, r *http.Request, body []byte, creds map[string]string) bool {
	if s.verifier == nil {
		return true
	}
	if err := s.verifier.Verify(r.Context(), &VerifyRequest{HTTP: r, Body: body, Creds: creds}); err != nil {
		s.fail(w, r, verifyStatus(err), "", err.Error(), creds["msg_id"])
		return false
	}
	return true
}

// decode reads a JSON body leniently into dst.
func (s *serverCore) decode(w http.ResponseWriter, r *http.Request, body []byte, dst json.Unmarshaler, msgID string) bool {
	if err := dst.UnmarshalJSON(body); err != nil {
		s.fail(w, r, http.StatusBadRequest, "", "malformed request: "+err.Error(), msgID)
		return false
	}
	return true
}

// invalid answers a validation failure, naming every field.
func (s *serverCore) invalid(w http.ResponseWriter, r *http.Request, err error, msgID string) {
	s.fail(w, r, http.StatusBadRequest, "", "invalid request: "+err.Error(), msgID)
}

// failed answers an error the implementation returned. An *APIError
// carries the vendor code and message (and HTTP status, default 200, as
// vendors answer business failures).
func (s *serverCore) failed(w http.ResponseWriter, r *http.Request, err error, msgID string) {
	if s.log != nil {
		s.log(r, err)
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		status := apiErr.HTTPStatus
		if status == 0 {
			status = http.StatusOK
		}
		s.fail(w, r, status, apiErr.Code, apiErr.Message, msgID)
		return
	}
	s.fail(w, r, http.StatusInternalServerError, "", "internal error", msgID)
}

// fail writes a failure in the vendor's envelope (or a plain JSON error
// when there is none).
func (s *serverCore) fail(w http.ResponseWriter, r *http.Request, status int, code, msg, msgID string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if s.envelope == nil {
		out, _ := json.Marshal(map[string]string{"error": msg, "code": code})
		_, _ = w.Write(out)
		return
	}
	if code == "" {
		code = s.envelope.failure
	}
	_, _ = w.Write(s.envelope.wrap(code, msg, msgID, s.envelope.failureIsText, nil))
}

// reply writes a success with data (nil for none).
func (s *serverCore) reply(w http.ResponseWriter, r *http.Request, data any, msgID string) {
	var raw []byte
	if data != nil {
		var err error
		if raw, err = marshalBody(data); err != nil {
			s.failed(w, r, err, msgID)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	if s.envelope == nil {
		if raw == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		_, _ = w.Write(raw)
		return
	}
	code := s.envelope.success[0]
	_, _ = w.Write(s.envelope.wrap(code, "ok", msgID, s.envelope.failureIsText, raw))
}

// decodeInto reads a body with a lenient reader (for bodies that are not
// a struct: lists, maps, raw JSON).
func decodeInto[T any](s *serverCore, w http.ResponseWriter, r *http.Request, body []byte, dst *T, read func(*jsonReader, *T) bool, msgID string) bool {
	if err := decodeJSON(body, dst, read); err != nil {
		s.fail(w, r, http.StatusBadRequest, "", "malformed request: "+err.Error(), msgID)
		return false
	}
	return true
}

// notFound answers a request no operation serves.
func (s *serverCore) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "", "no operation "+snippet(r.Method)+" "+snippet(r.URL.Path), "")
}
