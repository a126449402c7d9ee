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

// wrap writes an envelope around data (nil for none), keeping the vendor's
// field order.
func (e *envelope) wrap(code, message, msgID string, codeIsText bool, data []byte) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	writeMember(&b, e.code, codeJSON(code, codeIsText), false)
	text, _ := json.Marshal(message)
	writeMember(&b, e.message, text, true)
	if e.msgID != "" {
		id, _ := json.Marshal(msgID)
		writeMember(&b, e.msgID, id, true)
	}
	if e.data == "" {
		// A flat envelope: the data's members follow the code and message.
		if d := bytes.TrimSpace(data); len(d) > 1 && d[0] == '{' {
			if inner := bytes.TrimSpace(d[1 : len(d)-1]); len(inner) > 0 {
				b.WriteByte(',')
				b.Write(inner)
			}
		}
	} else {
		switch {
		case data == nil || string(bytes.TrimSpace(data)) == "null":
			// No data is null even where data travels inside a string: the
			// vendor's examples send "response_data":null, not "null".
			data = []byte("null")
		case e.dataInString:
			data, _ = json.Marshal(string(data))
		}
		writeMember(&b, e.data, data, true)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// codeJSON writes a code as the vendor sends it: a number or a boolean
// (success: true) bare unless the vendor sends it as text.
func codeJSON(code string, asText bool) []byte {
	if _, err := strconv.ParseInt(code, 10, 64); (err == nil || code == "true" || code == "false") && !asText {
		return []byte(code)
	}
	q, _ := json.Marshal(code)
	return q
}

func writeMember(b *bytes.Buffer, key string, value []byte, comma bool) {
	if comma {
		b.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	b.Write(k)
	b.WriteByte(':')
	b.Write(value)
}
