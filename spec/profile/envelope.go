package profile

import "slices"

// Envelope is a response wrapper such as {code, msg, data} or
// {return_code, return_msg, msg_id, response_data}: the members holding
// the result code, the message and the result, and the code values that
// mean success. The spec carries it as x-apigen-envelope; the generated
// client unwraps with it and the generated server wraps.
type Envelope struct {
	Code    string `json:"code"`            // the member holding the result code
	Message string `json:"message"`         // the member holding the message
	Data    string `json:"data,omitempty"`  // the member holding the result; "" when the result's members sit beside the code
	MsgID   string `json:"msgId,omitempty"` // the member echoing the request's message id
	// Success lists the code values that mean success, in the JSON types
	// the vendor sends them (0 and "0" alike).
	Success []any `json:"success"`
	// FailureCode is what a server answers when it rejects a request.
	FailureCode any `json:"failureCode,omitempty"`
	// DataEncoding is DataJSONString when the result is a JSON document
	// carried inside a string.
	DataEncoding string `json:"dataEncoding,omitempty"`
	// Paging lists members only list responses carry.
	Paging []string `json:"paging,omitempty"`
	// Busy lists the codes with which the vendor says it is busy and to
	// try later: the client retries a call that is safe to repeat.
	Busy []string `json:"busy,omitempty"`
	// CodeTypes is the JSON types of the code, preferred first: what the
	// spec's schema of the code allows. Complete derives it from Success.
	CodeTypes []string `json:"-"`
}

// DataJSONString is the DataEncoding of a result carried as JSON text.
const DataJSONString = "json-string"

// DataInString reports whether the result is JSON inside a string.
func (e *Envelope) DataInString() bool { return e.DataEncoding == DataJSONString }

// IsMember reports whether a response member belongs to the envelope
// rather than the data.
func (e *Envelope) IsMember(name string) bool {
	if e == nil || name == "" {
		return false
	}
	switch name {
	case e.Code, e.Message, e.MsgID, e.Data:
		return true
	}
	return slices.Contains(e.Paging, name)
}

// Complete fills what an envelope written by hand (in apigen.yaml) leaves
// out: the code's JSON types follow the success values, and a server
// answers failures with false, or -1 (as text where the successes are
// text).
func (e *Envelope) Complete() *Envelope {
	out := *e
	out.CodeTypes = nil
	if out.FailureCode == nil {
		out.FailureCode = -1
	}
	for _, s := range e.Success {
		var typ string
		switch s.(type) {
		case bool:
			typ = "boolean"
			if e.FailureCode == nil {
				out.FailureCode = false
			}
		case string:
			typ = "string"
		default:
			typ = "integer"
		}
		if !slices.Contains(out.CodeTypes, typ) {
			out.CodeTypes = append(out.CodeTypes, typ)
		}
	}
	if e.FailureCode == nil && len(out.CodeTypes) == 1 && out.CodeTypes[0] == "string" {
		out.FailureCode = "-1"
	}
	return &out
}

// Shapes are the response wrappers apigen recognises in any doc,
// whatever the vendor: the member names of the code, message and data,
// and the success values assumed when the doc documents none. Detection
// takes the one most endpoints' examples or tables use; a vendor's own
// envelope, where the vendor is recognised, goes first.
var Shapes = []*Envelope{
	{Code: "return_code", Message: "return_msg", Data: "response_data", Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: 1},
	{Code: "errCode", Message: "errMsg", Data: "data", Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: 1},
	{Code: "error_code", Message: "error_msg", Data: "data", Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: 1},
	{Code: "code", Message: "msg", Data: "data", Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: 1},
	{Code: "code", Message: "message", Data: "data", Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: 1},
	// WeChat and DingTalk: errcode and errmsg beside the result's members.
	{Code: "errcode", Message: "errmsg", Success: []any{0, "0"}, CodeTypes: []string{"integer", "string"}, FailureCode: -1},
	{Code: "status", Message: "info", Data: "data", Success: []any{1, "1"}, CodeTypes: []string{"integer", "string"}, FailureCode: 0},
	{Code: "success", Message: "message", Data: "data", Success: []any{true}, CodeTypes: []string{"boolean"}, FailureCode: false},
}

// Some envelopes name their members so that no data would: return_code,
// errmsg, response_data. A JSON block holding such a code is a response,
// not a request, and a table made only of such members describes the
// envelope, not the data. The generic names (code, msg, data, status,
// success) say nothing on their own. ret_code and ret_msg are a wrapper
// apigen tells from data without unwrapping it.
var (
	genericMembers = []string{"code", "msg", "message", "data", "status", "info", "success"}
	otherCodes     = []string{"ret_code"}
	otherMembers   = []string{"ret_msg"}
)

// IsCodeKey reports whether name is the code of an envelope whose names
// are its own.
func IsCodeKey(name string) bool {
	if slices.Contains(otherCodes, name) {
		return true
	}
	for _, e := range allEnvelopes() {
		if e.Code == name && !slices.Contains(genericMembers, name) {
			return true
		}
	}
	return false
}

// OpensEnvelope reports whether names start as a response envelope does:
// a shape's code, then its message or data (code, data; errcode, errmsg;
// status, info). Generic as each name is alone, the pair in that order
// heads what comes back.
func OpensEnvelope(names []string) bool {
	if len(names) < 2 {
		return false
	}
	for _, e := range allEnvelopes() {
		if names[0] == e.Code && names[1] != "" && (names[1] == e.Message || names[1] == e.Data) {
			return true
		}
	}
	return false
}

// IsWrapperKey reports whether name is a member of an envelope whose
// names are its own.
func IsWrapperKey(name string) bool {
	if slices.Contains(genericMembers, name) {
		return false
	}
	if IsCodeKey(name) || slices.Contains(otherMembers, name) {
		return true
	}
	for _, e := range allEnvelopes() {
		if IsCodeKey(e.Code) && (name == e.Message || name == e.MsgID || name == e.Data) {
			return true
		}
	}
	return false
}

// allEnvelopes is the shapes and the vendors' envelopes.
func allEnvelopes() []*Envelope {
	out := slices.Clone(Shapes)
	for _, v := range Vendors {
		if v.Envelope != nil {
			out = append(out, v.Envelope)
		}
	}
	return out
}
