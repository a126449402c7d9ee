package runtime

import (
	"fmt"
	"strings"
)

// APIError is a failure the API reported: a vendor code other than
// success, or an HTTP status outside 2xx.
type APIError struct {
	HTTPStatus int
	Code       string // the vendor's code, as text
	Message    string
	MsgID      string
	Body       []byte // the response as received
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
	return b.String()
}
