package wisecrm_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/apigen/apigen/generated/wisecrm"
)

// The WiseCRM doc marks parameters and body members required, which the
// Waiqin docs never do.
func TestValidateRequired(t *testing.T) {
	tests := []struct {
		name  string
		value interface{ Validate() error }
		want  []wisecrm.Violation
	}{
		{"all given", &wisecrm.ReturnmoneyrecordGetRequest{OpUser: "u1", ReturnmoneyrecordID: "R1", Fields: "name"}, nil},
		{"all missing", &wisecrm.ReturnmoneyrecordGetRequest{}, []wisecrm.Violation{
			{Path: "op_user", Message: "required"},
			{Path: "returnmoneyrecord_id", Message: "required"},
			{Path: "fields", Message: "required"},
		}},
		{"one missing", &wisecrm.ReturnmoneyrecordListRequest{OpUser: "u1"}, []wisecrm.Violation{
			{Path: "fields", Message: "required"},
		}},
		{"required and too long", &wisecrm.ReturnmoneyrecordListRequest{OpUser: strings.Repeat("用", 41), Fields: "name"}, []wisecrm.Violation{
			{Path: "op_user", Message: "longer than 40 characters"},
		}},
		{"body missing", &wisecrm.ReturnmoneyrecordDeleteRequest{OpUser: "u1"}, []wisecrm.Violation{
			{Path: "body", Message: "required"},
		}},
		{"required member of the body", &wisecrm.ReturnmoneyrecordDeleteRequest{OpUser: "u1", Body: &wisecrm.ReturnmoneyrecordDeleteBody{CascadeDelete: "1"}}, []wisecrm.Violation{
			{Path: "body.returnmoneyrecord_id", Message: "required"},
		}},
		{"body given", &wisecrm.ReturnmoneyrecordDeleteRequest{OpUser: "u1", Body: &wisecrm.ReturnmoneyrecordDeleteBody{ReturnmoneyrecordID: "R1"}}, nil},
		// A free-form body: an empty object was sent, nil was not.
		{"free-form body empty", &wisecrm.ReturnmoneyrecordAddRequest{OpUser: "u1", Body: wisecrm.ReturnmoneyrecordAddBody{}}, nil},
		{"free-form body missing", &wisecrm.ReturnmoneyrecordAddRequest{OpUser: "u1"}, []wisecrm.Violation{
			{Path: "body", Message: "required"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.value.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v", err)
				}
				return
			}
			var ve *wisecrm.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a *ValidationError", err)
			}
			if !reflect.DeepEqual(ve.Violations, tt.want) {
				t.Fatalf("violations = %+v, want %+v", ve.Violations, tt.want)
			}
		})
	}
}

// The handler reads parameters and body before validating, so a missing
// required parameter is a 400 naming it.
func TestServerRefusesMissingRequired(t *testing.T) {
	srv := httptest.NewServer(wisecrm.NewHandler(wisecrm.Mock{}))
	defer srv.Close()
	tests := []struct {
		method, path, body string
		msg                string
	}{
		{"GET", "/returnmoneyrecord/get?op_user=u1", "", "invalid request: returnmoneyrecord_id: required; fields: required"},
		{"POST", "/returnmoneyrecord/delete?op_user=u1", `{"cascade_delete":"1"}`, "invalid request: body.returnmoneyrecord_id: required"},
		{"POST", "/returnmoneyrecord/delete", ``, "invalid request: op_user: required; body: required"},
		{"GET", "/returnmoneyrecord/list?op_user=u1&fields=name&page_size=500", "", "invalid request: page_size: greater than 200"},
		{"GET", "/returnmoneyrecord/list?op_user=u1&fields=name&page_size=many", "", `invalid request: query parameter page_size: not an integer: many`},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var env struct {
			Code int    `json:"error_code"`
			Msg  string `json:"error_msg"`
		}
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s %s: %s: %v", tt.method, tt.path, raw, err)
		}
		if resp.StatusCode != http.StatusBadRequest || env.Code != 1 || env.Msg != tt.msg {
			t.Errorf("%s %s: %d %s, want 400 with %q", tt.method, tt.path, resp.StatusCode, raw, tt.msg)
		}
	}
}
