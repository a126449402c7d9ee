package runtime

import (
	"errors"
	"net/http"
	"reflect"
	"testing"
)

// waiqinEnvelope is what the Waiqin365 profile generates: data as JSON
// carried in a string, codes as text.
var waiqinEnvelope = &envelope{
	code: "return_code", message: "return_msg", msgID: "msg_id", data: "response_data",
	success: []string{"0"}, failure: "1", failureIsText: true, dataInString: true,
}

// boolEnvelope has a boolean code: success true.
var boolEnvelope = &envelope{code: "success", message: "message", data: "data", success: []string{"true"}, failure: "false"}

// flatEnvelope has the result's members beside the code (WeChat).
var flatEnvelope = &envelope{code: "errcode", message: "errmsg", success: []string{"0"}, failure: "-1"}

// numericEnvelope has numeric codes, no message id and plain JSON data.
var numericEnvelope = &envelope{
	code: "error_code", message: "error_msg", data: "data",
	success: []string{"0"}, failure: "1",
}

func TestEnvelopeWrap(t *testing.T) {
	tests := []struct {
		name      string
		env       *envelope
		code, msg string
		msgID     string
		asText    bool
		data      string
		nilData   bool
		want      string
	}{
		{
			name: "waiqin success with data", env: waiqinEnvelope, code: "0", msg: "ok", msgID: "M1", asText: true,
			data: `[{"cm_code":"C1","value":"1.50"}]`,
			want: `{"return_code":"0","return_msg":"ok","msg_id":"M1","response_data":"[{\"cm_code\":\"C1\",\"value\":\"1.50\"}]"}`,
		},
		{
			name: "waiqin without data", env: waiqinEnvelope, code: "0", msg: "ok", msgID: "M1", asText: true, nilData: true,
			want: `{"return_code":"0","return_msg":"ok","msg_id":"M1","response_data":null}`,
		},
		{
			name: "waiqin null data stays null", env: waiqinEnvelope, code: "0", msg: "ok", msgID: "M1", asText: true, data: "null",
			want: `{"return_code":"0","return_msg":"ok","msg_id":"M1","response_data":null}`,
		},
		{
			name: "waiqin failure", env: waiqinEnvelope, code: "1", msg: "客户不存在 <cm_code>", msgID: "X1", asText: true, nilData: true,
			want: `{"return_code":"1","return_msg":"客户不存在 \u003ccm_code\u003e","msg_id":"X1","response_data":null}`,
		},
		{
			name: "numeric code", env: numericEnvelope, code: "1", msg: "bad", nilData: true,
			want: `{"error_code":1,"error_msg":"bad","data":null}`,
		},
		{
			name: "numeric envelope, text code", env: numericEnvelope, code: "E42", msg: "nope", nilData: true,
			want: `{"error_code":"E42","error_msg":"nope","data":null}`,
		},
		{
			name: "plain data", env: numericEnvelope, code: "0", msg: "ok", data: `{"id":"7"}`,
			want: `{"error_code":0,"error_msg":"ok","data":{"id":"7"}}`,
		},
		{
			name: "boolean code", env: boolEnvelope, code: "false", msg: "bad", nilData: true,
			want: `{"success":false,"message":"bad","data":null}`,
		},
		{
			name: "flat with data", env: flatEnvelope, code: "0", msg: "ok", data: ` { "id":"7" } `,
			want: `{"errcode":0,"errmsg":"ok","id":"7"}`,
		},
		{
			name: "flat, empty data", env: flatEnvelope, code: "0", msg: "ok", data: `{ }`,
			want: `{"errcode":0,"errmsg":"ok"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			if !tt.nilData {
				data = []byte(tt.data)
			}
			got := string(tt.env.wrap(nil, tt.code, tt.msg, tt.msgID, tt.asText, data))
			if got != tt.want {
				t.Fatalf("wrap =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestEnvelopeUnwrap(t *testing.T) {
	tests := []struct {
		name, body string
		env        *envelope
		data       string
	}{
		{"code as text", `{"return_code":"0","return_msg":"ok","msg_id":"M1","response_data":"{\"a\":1}"}`, waiqinEnvelope, `{"a":1}`},
		{"code as number", `{"return_code":0,"return_msg":"","msg_id":"X0001","response_data":"[1,2]"}`, waiqinEnvelope, `[1,2]`},
		{"null data", `{"return_code":"0","return_msg":"操作成功","msg_id":"X1","response_data":null}`, waiqinEnvelope, `null`},
		{"data not in a string after all", `{"return_code":"0","response_data":{"a":1}}`, waiqinEnvelope, `{"a":1}`},
		{"text where JSON travels", `{"return_code":"0","response_data":"操作成功"}`, waiqinEnvelope, `"操作成功"`},
		{"no data member", `{"return_code":"0","return_msg":"ok"}`, waiqinEnvelope, ``},
		{"whole envelope in a string", `"{\"error_code\":0,\"data\":{\"id\":1}}"`, numericEnvelope, `{"id":1}`},
		{"plain data", `{"error_code":"0","error_msg":"","data":[{"id":1}]}`, numericEnvelope, `[{"id":1}]`},
		{"boolean code", `{"success":true,"message":"","data":{"id":1}}`, boolEnvelope, `{"id":1}`},
		{"flat", `{"errcode":0,"errmsg":"ok","id":1}`, flatEnvelope, `{"errcode":0,"errmsg":"ok","id":1}`},
		{"flat in a string", `"{\"errcode\":0,\"id\":1}"`, flatEnvelope, `{"errcode":0,"id":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := tt.env.unwrap(http.StatusOK, []byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tt.data {
				t.Fatalf("data = %s, want %s", data, tt.data)
			}
		})
	}
}

func TestEnvelopeUnwrapFailures(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		want       APIError
		text       string
	}{
		{
			name: "vendor failure", status: http.StatusOK,
			body: `{"return_code":1,"return_msg":"客户不存在","msg_id":"M1","response_data":null}`,
			want: APIError{HTTPStatus: 200, Code: "1", Message: "客户不存在", MsgID: "M1"},
			text: "api error 1: 客户不存在 [msg_id M1]",
		},
		{
			name: "failure with HTTP status", status: http.StatusUnauthorized,
			body: `{"return_code":"1","return_msg":"authentication failed: digest mismatch","msg_id":"M2","response_data":null}`,
			want: APIError{HTTPStatus: 401, Code: "1", Message: "authentication failed: digest mismatch", MsgID: "M2"},
			text: "api error 1 (HTTP 401): authentication failed: digest mismatch [msg_id M2]",
		},
		{
			name: "no code", status: http.StatusOK,
			body: `{"return_msg":"?"}`,
			want: APIError{HTTPStatus: 200, Message: "response has no return_code"},
			text: "api error: response has no return_code",
		},
		{
			name: "null code", status: http.StatusOK,
			body: `{"return_code":null,"return_msg":"?"}`,
			want: APIError{HTTPStatus: 200, Message: "?"},
			text: "api error: ?",
		},
		{
			name: "not JSON", status: http.StatusBadGateway,
			body: `<html>502</html>`,
			want: APIError{HTTPStatus: 502, Message: "response is not a JSON envelope: not an object: <html>502</html>"},
			text: "api error (HTTP 502): response is not a JSON envelope: not an object: <html>502</html>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := waiqinEnvelope.unwrap(tt.status, []byte(tt.body))
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if string(apiErr.Body) != tt.body {
				t.Errorf("Body = %s", apiErr.Body)
			}
			apiErr.Body = nil
			if !reflect.DeepEqual(*apiErr, tt.want) {
				t.Errorf("APIError = %+v, want %+v", *apiErr, tt.want)
			}
			if apiErr.Error() != tt.text {
				t.Errorf("Error() = %q, want %q", apiErr.Error(), tt.text)
			}
		})
	}
}

func TestEnvelopeRoundTrip(t *testing.T) {
	for _, env := range []*envelope{waiqinEnvelope, numericEnvelope} {
		for _, data := range []string{`{"a":"南京","b":[1,2.5,null]}`, `[]`, `"text"`, `12`} {
			wrapped := env.wrap(nil, env.success[0], "ok", "M9", env.failureIsText, []byte(data))
			got, err := env.unwrap(http.StatusOK, wrapped)
			if err != nil {
				t.Fatalf("%s: %v", wrapped, err)
			}
			if string(got) != data {
				t.Fatalf("%s: data = %s, want %s", wrapped, got, data)
			}
		}
	}
}
