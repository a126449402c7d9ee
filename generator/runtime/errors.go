package runtime

import (
	"fmt"
	"net/http"
	"strings"
)

// APIError is a failure the API reported: a vendor code other than
// success, or an HTTP status outside 2xx. Error() shows the code, status,
// message and ids; never the request's URL, headers or body, which carry
// credentials.
type APIError struct {
	HTTPStatus int
	Code       string // the vendor's code, as text
	Message    string // the vendor's message; credentials the client sent are redacted from it
	MsgID      string // the message id the envelope echoes
	RequestID  string // the request id the answer's headers name (X-Request-Id, Request-Id, X-Tt-Logid, …)
	Body       []byte // the response as received

	// Method and URL name the request, the URL with its credentials
	// redacted: safe to log.
	Method, URL string
	// Request is the last try's request as sent, credentials included
	// (its URL and headers): do not log it whole. Response is its answer,
	// the body already read into Body. Both are nil for an error that
	// did not come from a call.
	Request  *http.Request
	Response *http.Response
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("api error")
	if e.Code != "" {
		b.WriteString(" ")
		b.WriteString(e.Code)
	}
	if e.HTTPStatus != 0 && (e.HTTPStatus < 200 || e.HTTPStatus > 299) {
		fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.MsgID != "" {
		b.WriteString(" [msg_id ")
		b.WriteString(e.MsgID)
		b.WriteString("]")
	}
	if e.RequestID != "" {
		b.WriteString(" [request id ")
		b.WriteString(e.RequestID)
		b.WriteString("]")
	}
	return b.String()
}
