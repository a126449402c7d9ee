package spec_test

import (
	"os"
	"testing"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// A spec apigen did not build gets the envelope its responses come in;
// one that says what it is, or whose responses share none, is left alone.
func TestAdopt(t *testing.T) {
	data, err := os.ReadFile("../testdata/swagger2/pets.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := oas.LoadData("pets.yaml", data)
	diags := spec.Adopt(doc, "pets.yaml")
	env, err := oas.Envelope(doc)
	if err != nil || env == nil || env.Code != "code" || env.Message != "msg" || env.Data != "data" {
		t.Fatalf("envelope %+v, %v", env, err)
	}
	if len(diags) != 1 || diags[0].Code != diag.AssumedSuccess {
		t.Errorf("want one W037: %v", diags)
	}
	// Adopting twice changes nothing and says nothing.
	if again := spec.Adopt(doc, "pets.yaml"); len(again) != 0 {
		t.Errorf("second Adopt: %v", again)
	}

	plain, _ := oas.LoadData("plain.yaml", []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
  /b:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {code: {type: integer}, msg: {type: string}, data: {}}}}}}
  /c:
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}}
`))
	if diags := spec.Adopt(plain, "plain.yaml"); len(diags) != 0 || plain.Extensions[oas.ExtEnvelope] != nil {
		t.Errorf("one enveloped response of three made an envelope: %v", diags)
	}

	vendor, _ := oas.LoadData("wecom.yaml", []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://qyapi.weixin.qq.com"}]
paths: {}
`))
	spec.Adopt(vendor, "wecom.yaml")
	if a, _ := oas.Auth(vendor); a == nil || a.Scheme != "access-token" || vendor.Extensions[oas.ExtProfile] != "wecom" {
		t.Errorf("a WeCom spec got auth %+v, profile %v", a, vendor.Extensions[oas.ExtProfile])
	}
}
