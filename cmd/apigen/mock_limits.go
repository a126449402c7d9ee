package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// mockLimits bounds what one request may cost apigen mock. Without them a
// 300 MiB body grew the process to 3.4 GiB and was echoed back in the
// error, and a client sending a byte a minute held its connection
// forever.
type mockLimits struct {
	maxBody      int64         // bytes of a request body
	maxValues    int           // values in a JSON or form body
	readTimeout  time.Duration // the whole request, body included
	writeTimeout time.Duration // from the end of the headers to the end of the answer
}

// What the flags do not set.
const (
	mockHeaderTimeout  = 5 * time.Second // at most; never more than -read-timeout
	mockIdleTimeout    = time.Minute
	mockMaxHeaderBytes = 64 << 10
)

// The error answer: kin-openapi names every failing value, quoting it, and
// a body can fail in each of its values.
const (
	mockMaxErrors = 20       // lines of an error message
	mockMaxQuoted = 64       // bytes of a quoted value
	mockMaxLine   = 300      // bytes of one line
	mockMaxAnswer = 16 << 10 // bytes of the whole answer, as a last resort
)

func (l *mockLimits) flags(fs *flag.FlagSet) {
	fs.Int64Var(&l.maxBody, "max-body", 1<<20, "refuse request bodies larger than `BYTES` (413)")
	fs.IntVar(&l.maxValues, "max-values", 10000, "refuse JSON and form bodies of more than `N` values (413): validating costs memory per value")
	fs.DurationVar(&l.readTimeout, "read-timeout", 10*time.Second, "the `TIME` a client has to send a whole request in, body included (408 for a body cut off)")
	fs.DurationVar(&l.writeTimeout, "write-timeout", 30*time.Second, "the `TIME` from the end of a request's headers to the end of its answer")
}

func (l *mockLimits) check() error {
	switch {
	case l.maxBody <= 0:
		return errors.New("-max-body must be positive")
	case l.maxValues <= 0:
		return errors.New("-max-values must be positive")
	case l.readTimeout <= 0 || l.writeTimeout <= 0:
		return errors.New("-read-timeout and -write-timeout must be positive")
	}
	return nil
}

// server is the http.Server apigen mock runs h with.
func (l *mockLimits) server(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(mockHeaderTimeout, l.readTimeout),
		ReadTimeout:       l.readTimeout,
		WriteTimeout:      l.writeTimeout,
		IdleTimeout:       mockIdleTimeout,
		MaxHeaderBytes:    mockMaxHeaderBytes,
	}
}

// readBody reads a request's body within the limits and puts it back for
// the validator to read. A body that is too large, too slow or made of
// too many values is answered here.
func (l *mockLimits) readBody(w http.ResponseWriter, r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, l.maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		var netErr net.Error
		switch {
		case errors.As(err, &tooBig):
			mockFail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes (apigen mock -max-body)", l.maxBody))
		case errors.As(err, &netErr) && netErr.Timeout():
			mockFail(w, http.StatusRequestTimeout, "request body not received in time (apigen mock -read-timeout)")
		default:
			mockFail(w, http.StatusBadRequest, "cannot read request body: "+err.Error())
		}
		return false
	}
	if n := countValues(body, r.Header.Get("Content-Type"), l.maxValues); n > l.maxValues {
		mockFail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body has more than %d values (apigen mock -max-values)", l.maxValues))
		return false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return true
}

// countValues counts the values of a JSON or form body, stopping past
// limit; it is 0 for other bodies and for JSON that is not well formed,
// which the validator refuses before it costs anything.
func countValues(body []byte, contentType string, limit int) int {
	media, _, _ := mime.ParseMediaType(contentType)
	switch {
	case media == "application/x-www-form-urlencoded":
		return bytes.Count(body, []byte("&")) + 1
	case media == "application/json" || strings.HasSuffix(media, "+json"):
		if !json.Valid(body) {
			return 0
		}
	default:
		return 0
	}
	n, inString := 1, false
	for i := 0; i < len(body) && n <= limit; i++ {
		switch c := body[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case !inString && (c == ',' || c == '[' || c == '{'):
			n++
		}
	}
	return n
}

// schemaMessage renders a schema error without the schema and the value
// kin-openapi would append (the value may be the whole body); "" keeps its
// own rendering, which for an error with an origin has neither.
func schemaMessage(e *openapi3.SchemaError) string {
	if e.Origin != nil {
		return ""
	}
	reason := e.Reason
	if reason == "" {
		reason = `doesn't match schema "` + e.SchemaField + `"`
	}
	// An error of the JSON Schema 2020-12 validator (OpenAPI 3.1) wraps
	// its cause, and its reason names the path already.
	if p := e.JSONPointer(); len(p) > 0 && errors.Unwrap(e) == nil {
		return `error at "/` + strings.Join(p, "/") + `": ` + reason
	}
	return reason
}

// boundedMessage cuts a validation message to size: each quoted value to
// mockMaxQuoted bytes, each line to mockMaxLine, and at most mockMaxErrors
// lines, counting the rest.
func boundedMessage(msg string) string {
	var lines []string
	more := 0
	for _, part := range strings.Split(strings.TrimSpace(msg), "\n") {
		for _, line := range strings.Split(part, " | ") { // kin-openapi's MultiError
			if strings.TrimSpace(line) == "" {
				continue
			}
			if len(lines) == mockMaxErrors {
				more++
				continue
			}
			lines = append(lines, clipText(clipQuoted(line), mockMaxLine))
		}
	}
	if more > 0 {
		lines = append(lines, "… and "+strconv.Itoa(more)+" more")
	}
	return strings.Join(lines, "\n")
}

// clipQuoted shortens every '…' or "…" longer than mockMaxQuoted bytes. A
// quote opens only after a space, a bracket or punctuation and closes only
// before one, so the apostrophe of "doesn't" is not taken for one.
func clipQuoted(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		q := s[i]
		if (q != '\'' && q != '"') || (i > 0 && isWordByte(s, i-1)) {
			b.WriteByte(q)
			i++
			continue
		}
		end := -1
		for j := i + 1; j < len(s); j++ {
			if s[j] == q && (j+1 == len(s) || !isWordByte(s, j+1)) {
				end = j
				break
			}
		}
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteByte(q)
		b.WriteString(clipText(s[i+1:end], mockMaxQuoted))
		b.WriteByte(q)
		i = end + 1
	}
	return b.String()
}

// isWordByte reports whether the rune around s[i] is a letter or digit.
func isWordByte(s string, i int) bool {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// clipText cuts s to at most n bytes at a rune boundary, marking the cut.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// mockFail writes an error answer, never longer than mockMaxAnswer.
func mockFail(w http.ResponseWriter, status int, msg string) {
	out, _ := json.Marshal(map[string]string{"error": msg})
	for len(out) > mockMaxAnswer { // escaping can grow a message
		msg = clipText(msg, len(msg)/2)
		out, _ = json.Marshal(map[string]string{"error": msg})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(out)
}
