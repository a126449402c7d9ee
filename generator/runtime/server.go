package runtime

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
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
	body, err := readAll(http.MaxBytesReader(w, r.Body, s.maxBody), r.ContentLength, s.maxBody)
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

// readAll reads a body into one allocation of the size the request
// declares, where io.ReadAll would grow a buffer from 512 bytes. A body
// that declares no size, or more than limit (which r refuses anyway), is
// read as io.ReadAll does.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size <= 0 || size > limit {
		return io.ReadAll(r)
	}
	// One byte more than declared, so that the read that finds the end
	// does not grow the buffer.
	b := make([]byte, 0, size+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			// More than declared (a server checks that the length is
			// right; a handler may be called with any reader).
			b = append(b, 0)[:len(b)]
		}
	}
}

// verify checks the credentials of a request to a secured operation
// when the handler has a verifier.
func (s *serverCore) verify(w http.ResponseWriter, r *http.Request, body []byte, creds map[string]string) bool {
	if s.verifier == nil {
		return true
	}
	// The VerifyRequest is the verifier's to keep: it is made per
	// request, not reused.
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
	setJSONContentType(w)
	w.WriteHeader(status)
	if s.envelope == nil {
		out, _ := json.Marshal(map[string]string{"error": msg, "code": code})
		_, _ = w.Write(out)
		return
	}
	if code == "" {
		code = s.envelope.failure
	}
	buf := answerBuffers.Get().(*[]byte)
	out := s.envelope.wrap((*buf)[:0], code, msg, msgID, s.envelope.failureIsText, nil)
	_, _ = w.Write(out)
	keepAnswerBuffer(buf, out)
}

// reply writes a success with data (nil for none).
func (s *serverCore) reply(w http.ResponseWriter, r *http.Request, data any, msgID string) {
	buf := answerBuffers.Get().(*[]byte)
	b := (*buf)[:0]
	var raw []byte
	if data != nil {
		var err error
		if b, err = appendBody(b, data); err != nil {
			answerBuffers.Put(buf)
			s.failed(w, r, err, msgID)
			return
		}
		raw = b
	}
	setJSONContentType(w)
	if s.envelope == nil {
		if raw == nil {
			w.WriteHeader(http.StatusNoContent)
		} else {
			_, _ = w.Write(raw)
		}
		keepAnswerBuffer(buf, b)
		return
	}
	code := s.envelope.success[0]
	// The envelope is written after the data, in the same buffer.
	out := s.envelope.wrap(b[len(b):], code, "ok", msgID, s.envelope.failureIsText, raw)
	_, _ = w.Write(out)
	if cap(out) > cap(b) {
		b = out // the envelope outgrew the buffer into a larger one
	}
	keepAnswerBuffer(buf, b)
}

// answerBuffers hold the answers being written. An answer is done with
// once written, so a buffer serves request after request, and answering
// allocates nothing once the buffers have grown to the answers' size.
var answerBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxKeptAnswer is the largest buffer kept for other answers: one large
// answer should not hold its memory for the life of the process.
const maxKeptAnswer = 64 << 10

// keepAnswerBuffer puts buf back in answerBuffers, holding used (the
// buffer as the answer left it, perhaps grown) unless it is too large.
func keepAnswerBuffer(buf *[]byte, used []byte) {
	if cap(used) > maxKeptAnswer {
		return
	}
	if cap(used) > cap(*buf) {
		*buf = used[:0]
	}
	answerBuffers.Put(buf)
}

// setJSONContentType marks the answer as JSON. Each answer gets a value
// of its own: middleware may change the one it finds in place.
func setJSONContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
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

// notAllowed answers a request for a path operations serve, with a
// method none of them has (the router has listed theirs in Allow).
func (s *serverCore) notAllowed(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusMethodNotAllowed, "", "no operation "+snippet(r.Method)+" "+snippet(r.URL.Path)+"; its methods are "+w.Header().Get("Allow"), "")
}
