package runtime

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// envelope is the vendor's response wrapper, as the spec's
// x-apigen-envelope describes it.
type envelope struct {
	code, message, msgID, data string
	success                    []string // success codes as text: "0"
	failure                    string   // the code a server answers failures with
	failureIsText              bool     // send the failure code as a JSON string
	dataInString               bool     // the data is JSON carried inside a string
	busy                       []string // codes with which the vendor says it is busy and to try later
}

// isSuccess compares a code sent as a number or a string.
func (e *envelope) isSuccess(code string) bool {
	for _, s := range e.success {
		if s == code {
			return true
		}
	}
	return false
}

// unwrap reads an envelope and returns its data, or an *APIError when the
// code is not a success code.
func (e *envelope) unwrap(status int, body []byte) (json.RawMessage, error) {
	m, err := decodeObject(body)
	if err != nil {
		return nil, &APIError{HTTPStatus: status, Message: "response is not a JSON envelope: " + err.Error(), Body: body}
	}
	var code, msg, msgID string
	for _, member := range [...]struct {
		key string
		dst *string
	}{{e.code, &code}, {e.message, &msg}, {e.msgID, &msgID}} {
		if member.key == "" {
			continue
		}
		text, err := textOf(m[member.key])
		if err != nil {
			return nil, &APIError{HTTPStatus: status, Message: "bad envelope: " + member.key + ": " + err.Error(), Body: body}
		}
		*member.dst = text
	}
	if _, ok := m[e.code]; !ok {
		return nil, &APIError{HTTPStatus: status, Message: "response has no " + e.code, Body: body}
	}
	if !e.isSuccess(code) {
		return nil, &APIError{HTTPStatus: status, Code: code, Message: msg, MsgID: msgID, Body: body}
	}
	if e.data == "" {
		// A flat envelope: the code and message sit beside the result's
		// own members, and the result is the whole response (unquoted
		// when the vendor sent it as a string).
		if b := bytes.TrimSpace(body); len(b) > 0 && b[0] == '"' {
			var inner string
			if json.Unmarshal(b, &inner) == nil {
				return json.RawMessage(inner), nil
			}
		}
		return json.RawMessage(body), nil
	}
	data := m[e.data]
	if e.dataInString && len(data) > 0 && data[0] == '"' {
		var inner string
		if err := json.Unmarshal(data, &inner); err != nil {
			return nil, &APIError{HTTPStatus: status, Message: "bad " + e.data + ": " + err.Error(), Body: body}
		}
		// Some answers carry plain text where the JSON usually travels
		// ("response_data":"操作成功"); that text is the data itself.
		if json.Valid([]byte(inner)) {
			data = json.RawMessage(inner)
		}
	}
	return data, nil
}

// wrap writes an envelope around data (nil for none) after b, keeping the
// vendor's field order. b must not overlap data.
func (e *envelope) wrap(b []byte, code, message, msgID string, codeIsText bool, data []byte) []byte {
	b = append(b, '{')
	b = appendMember(b, e.code)
	b = appendCode(b, code, codeIsText)
	b = append(b, ',')
	b = appendMember(b, e.message)
	b = appendQuotedEscaping(b, message, true)
	if e.msgID != "" {
		b = append(b, ',')
		b = appendMember(b, e.msgID)
		b = appendQuotedEscaping(b, msgID, true)
	}
	if e.data == "" {
		// A flat envelope: the data's members follow the code and message.
		if d := trimSpace(data); len(d) > 1 && d[0] == '{' {
			if inner := trimSpace(d[1 : len(d)-1]); len(inner) > 0 {
				b = append(b, ',')
				b = append(b, inner...)
			}
		}
	} else {
		b = append(b, ',')
		b = appendMember(b, e.data)
		switch {
		case data == nil || string(trimSpace(data)) == "null":
			// No data is null even where data travels inside a string: the
			// vendor's examples send "response_data":null, not "null".
			b = append(b, "null"...)
		case e.dataInString:
			b = appendQuotedEscaping(b, string(data), true)
		default:
			b = append(b, data...)
		}
	}
	return append(b, '}')
}

// appendMember writes a member's name and its colon.
func appendMember(b []byte, key string) []byte {
	return append(appendQuoted(b, key), ':')
}

// appendCode writes a code as the vendor sends it: a number or a boolean
// (success: true) bare unless the vendor sends it as text.
func appendCode(b []byte, code string, asText bool) []byte {
	if _, err := strconv.ParseInt(code, 10, 64); (err == nil || code == "true" || code == "false") && !asText {
		return append(b, code...)
	}
	return appendQuotedEscaping(b, code, true)
}
