package oas

import (
	"encoding/json"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// EnvelopeExt is x-apigen-envelope, on the document: the wrapper every
// response of the API comes in. The spec stage writes it from the vendor
// profile; the generator's client unwraps with it and its server wraps.
type EnvelopeExt struct {
	Code    string `json:"code"`            // the member holding the result code
	Message string `json:"message"`         // the member holding the message
	Data    string `json:"data,omitempty"`  // the member holding the result; "" when the result's members sit beside the code
	MsgID   string `json:"msgId,omitempty"` // the member echoing the request's message id
	// Success lists the code values that mean success, in the JSON types
	// the vendor sends them (0 and "0" alike).
	Success []any `json:"success"`
	// FailureCode is what a server answers when it rejects a request.
	FailureCode any `json:"failureCode,omitempty"`
	// DataEncoding is "json-string" when the result is a JSON document
	// carried inside a string.
	DataEncoding string `json:"dataEncoding,omitempty"`
	// Paging lists members only list responses carry.
	Paging []string `json:"paging,omitempty"`
}

// DataInString reports whether the result is JSON inside a string.
func (e *EnvelopeExt) DataInString() bool { return e.DataEncoding == DataJSONString }

// DataJSONString is the DataEncoding of a result carried as JSON text.
const DataJSONString = "json-string"

// SigningExt is x-apigen-signing, on the document: how requests are
// signed, with the public source of the recipe.
type SigningExt struct {
	Scheme          string `json:"scheme"` // the signer the generator applies, e.g. waiqin365-md5
	Digest          string `json:"digest,omitempty"`
	TimestampLayout string `json:"timestampLayout,omitempty"`
	Timezone        string `json:"timezone,omitempty"`
	Source          string `json:"source,omitempty"`
}

// SetEnvelope writes e into t.
func SetEnvelope(t *openapi3.T, e *EnvelopeExt) { setExt(t, ExtEnvelope, e) }

// SetSigning writes s into t.
func SetSigning(t *openapi3.T, s *SigningExt) { setExt(t, ExtSigning, s) }

// Envelope reads t's x-apigen-envelope: nil when there is none, an error
// when it is not of the documented shape.
func Envelope(t *openapi3.T) (*EnvelopeExt, error) {
	var e EnvelopeExt
	ok, err := getExt(t, ExtEnvelope, &e)
	if !ok || err != nil {
		return nil, err
	}
	return &e, nil
}

// Signing reads t's x-apigen-signing, like Envelope.
func Signing(t *openapi3.T) (*SigningExt, error) {
	var s SigningExt
	ok, err := getExt(t, ExtSigning, &s)
	if !ok || err != nil {
		return nil, err
	}
	return &s, nil
}

// setExt stores v as the plain JSON value a loaded spec would hold, so a
// spec built in memory and one read from a file look the same to readers.
func setExt(t *openapi3.T, key string, v any) {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("oas: %s does not marshal: %v", key, err)) // the types above always do
	}
	var plain any
	_ = json.Unmarshal(raw, &plain)
	if t.Extensions == nil {
		t.Extensions = map[string]any{}
	}
	t.Extensions[key] = plain
}

func getExt(t *openapi3.T, key string, dst any) (bool, error) {
	if t == nil {
		return false, nil
	}
	v, ok := t.Extensions[key]
	if !ok {
		return false, nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return true, fmt.Errorf("%s: %v", key, err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return true, fmt.Errorf("%s is not of the documented shape: %v", key, err)
	}
	return true, nil
}
