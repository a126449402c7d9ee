package diff

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apigen/apigen/parser/golden"
	"github.com/apigen/apigen/spec/oas"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func load(t *testing.T, path string) *openapi3.T {
	t.Helper()
	l := openapi3.NewLoader()
	doc, err := l.LoadFromFile(path)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(l.Context), "test input %s must be valid OpenAPI", path)
	return doc
}

func comparePair(t *testing.T, name string) *Report {
	t.Helper()
	return Compare(load(t, filepath.Join("testdata", name+".old.yaml")), load(t, filepath.Join("testdata", name+".new.yaml")))
}

// pairs lists the testdata/NAME.old.yaml + NAME.new.yaml pairs.
func pairs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.old.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".old.yaml"))
	}
	return names
}

func TestGolden(t *testing.T) {
	for _, name := range pairs(t) {
		t.Run(name, func(t *testing.T) {
			r := comparePair(t, name)
			var text, js bytes.Buffer
			require.NoError(t, r.WriteText(&text))
			require.NoError(t, r.WriteJSON(&js))
			golden.Check(t, filepath.Join("testdata", name+".golden.txt"), text.Bytes())
			golden.Check(t, filepath.Join("testdata", name+".golden.json"), js.Bytes())
		})
	}
}

// lines indexes changes by method and "class  message": one path item's
// operations often share a change, a path parameter's for one.
func lines(r *Report) map[[2]string]Change {
	m := map[[2]string]Change{}
	for _, c := range r.Changes {
		m[[2]string{c.Method, c.Class.String() + "  " + c.Message}] = c
	}
	return m
}

const (
	addPlan  = "/api/promotion/v1/addPlan/{openid}/{timestamp}/{digest}/{msg_id}"
	addCust  = "/api/customer/v1/addCustomer/{openid}/{timestamp}/{digest}/{msg_id}"
	newQuery = "/api/order/v1/queryOrder/{open_id}/{timestamp}/{digest}/{msg_id}"
	oldQuery = "/api/order/v1/queryOrder/{openid}/{timestamp}/{digest}/{msg_id}"
)

// TestClasses pins the class, endpoint and pointer of the changes each
// pair is built to show, so a regression names the rule it broke rather
// than only a golden file's line.
func TestClasses(t *testing.T) {
	type want struct {
		line, method, path, pointer string
	}
	cases := map[string][]want{
		"waiqin": {
			// A row removed from the request table.
			{"breaking  request body: field reqInfo[].cm_id removed", "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/cm_id"},
			// VARCHAR(32) → int.
			{"breaking  request body: field reqInfo[].qty type changed from string to integer/int32 (doc type VARCHAR(32) → int)", "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/qty/type"},
			{"breaking  request body: field reqInfo[].data[].key maxLength set to 64", "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/data/items/properties/key/maxLength"},
			{"compatible  request body: field reqInfo[].remark added (optional)", "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/remark"},
			{"breaking  request body: field reqInfo[].emp_code became required", "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/emp_code"},
			// A removed value points into the old document, an added one into the new.
			{`breaking  request body: field reqInfo[].cus_apply_type enum value "3" removed`, "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/cus_apply_type/enum/2"},
			{`compatible  request body: field reqInfo[].cus_apply_type enum value "4" added`, "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/cus_apply_type/enum/2"},
			// Inside the JSON carried in response_data.
			{"breaking  response 200: field response_data(json).status removed", "POST", addPlan,
				"/components/schemas/AddPlanResult/properties/status"},
			{"compatible  response 200: field response_data(json).created_at added", "POST", addPlan,
				"/components/schemas/AddPlanResult/properties/created_at"},
			// A renamed endpoint.
			{"breaking  endpoint removed", "POST", "/api/promotion/v1/queryPlan/{openid}/{timestamp}/{digest}/{msg_id}",
				"/paths/~1api~1promotion~1v1~1queryPlan~1{openid}~1{timestamp}~1{digest}~1{msg_id}/post"},
			{"compatible  endpoint added", "POST", "/api/promotion/v1/listPlan/{openid}/{timestamp}/{digest}/{msg_id}",
				"/paths/~1api~1promotion~1v1~1listPlan~1{openid}~1{timestamp}~1{digest}~1{msg_id}/post"},
			{`compatible  summary changed from "Add a promotion plan" to "Add a promotion plan (v2)"`, "POST", addPlan,
				"/paths/~1api~1promotion~1v1~1addPlan~1{openid}~1{timestamp}~1{digest}~1{msg_id}/post/summary"},
			{`compatible  request body: field reqInfo[].code description changed from "plan code" to "the plan's code"`, "POST", addPlan,
				"/components/schemas/AddPlanRequest/properties/reqInfo/items/properties/code/description"},
		},
		"types": {
			{"breaking  request body: field cm_id type narrowed from [integer, string]/int64 to string/int64 (doc type bigint → varchar(32))", "POST", addCust,
				"/paths/~1api~1customer~1v1~1addCustomer~1{openid}~1{timestamp}~1{digest}~1{msg_id}/post/requestBody/content/application~1json/schema/properties/cm_id/type"},
			{"breaking  request body: field amount type widened from string to [string, number]/decimal (doc type varchar(20) → decimal(12,2)) (compatible on the wire, but the Go type changes)", "POST", addCust, ""},
			{"breaking  request body: field note no longer nullable", "POST", addCust, ""},
			{"breaking  request body: field qty format widened from int32 to int64 (compatible on the wire, but the Go type changes)", "POST", addCust, ""},
			{"breaking  request body: field code maxLength lowered from 100 to 50", "POST", addCust, ""},
			{"compatible  request body: field name maxLength raised from 50 to 200", "POST", addCust, ""},
			{`breaking  request body: field phone pattern set to "^[0-9]{11}$"`, "POST", addCust, ""},
			{"compatible  request body: field level minimum lowered from 1 to 0", "POST", addCust, ""},
			{"breaking  request body: field level maximum lowered from 9 to 5", "POST", addCust, ""},
			{"breaking  request body: field tags maxItems set to 10", "POST", addCust, ""},
			{`breaking  request body: field birthday x-apigen-layout changed from "yyyy-MM-dd" to "yyyyMMdd"`, "POST", addCust, ""},
			// Responses are judged the other way round.
			{"breaking  response 200: field return_code type widened from integer to [integer, string]", "POST", addCust, ""},
			{"breaking  response 200: field msg_id became optional", "POST", addCust, ""},
			{"breaking  response 200: field response_data(json).plan_id type narrowed from [integer, string]/int64 to integer/int64 (compatible on the wire, but the Go type changes)", "POST", addCust, ""},
			{"breaking  response 200: field response_data(json).name became nullable", "POST", addCust, ""},
			{"compatible  response 200: field response_data(json).name maxLength lowered from 50 to 20", "POST", addCust, ""},
			{`compatible  response 200: field response_data(json).status enum value "2" added`, "POST", addCust, ""},
		},
		"params": {
			{`breaking  server https://openapi.waiqin365.com removed`, "", "", "/servers/0"},
			{`breaking  x-apigen-signing changed from {"fields":["openid","timestamp","appkey"],"scheme":"md5"} to {"fields":["openid","timestamp","appkey"],"scheme":"sha256"}`, "", "", "/x-apigen-signing"},
			{"compatible  path parameter {openid} renamed to {open_id}", "GET", newQuery, ""},
			{`breaking  parameter digest (path): x-apigen-auth changed from "digest" to "sign"`, "GET", newQuery,
				"/paths/~1api~1order~1v1~1queryOrder~1{open_id}~1{timestamp}~1{digest}~1{msg_id}/parameters/2/x-apigen-auth"},
			{"breaking  parameter Page moved from query to header", "GET", newQuery, ""},
			{"breaking  parameter status (query) became required", "GET", newQuery, ""},
			{`compatible  parameter status (query): x-apigen-doc-enum changed from ["1","2","3"] to ["1","2"]`, "GET", newQuery, ""},
			{"breaking  parameter shop (query) removed", "GET", newQuery,
				"/paths/~1api~1order~1v1~1queryOrder~1{openid}~1{timestamp}~1{digest}~1{msg_id}/get/parameters/3"},
			{"compatible  parameter limit (query) added (optional)", "GET", newQuery, ""},
			{"breaking  parameter X-Tenant (header) added (required)", "GET", newQuery, ""},
			{"breaking  response 200 header X-Trace removed", "GET", newQuery, ""},
			{"compatible  response 200: media type text/csv added", "GET", newQuery, ""},
			{"compatible  response 400 removed", "GET", newQuery, ""},
			{"breaking  operation removed", "DELETE", oldQuery, ""},
			{"breaking  request body became required", "POST", newQuery, ""},
		},
		"shapes": {
			{"breaking  request body removed", "POST", "/api/shape/v1/drop", "/paths/~1api~1shape~1v1~1drop/post/requestBody"},
			{"breaking  request body: field meta{} type changed from string to integer", "POST", "/api/shape/v1/save",
				"/paths/~1api~1shape~1v1~1save/post/requestBody/content/application~1json/schema/properties/meta/additionalProperties/type"},
			{"breaking  request body: field payload(json).a maxLength set to 5", "POST", "/api/shape/v1/save",
				"/paths/~1api~1shape~1v1~1save/post/requestBody/content/application~1json/schema/properties/payload/contentSchema/properties/a/maxLength"},
			{"breaking  request body: field blob contentMediaType set to application/json", "POST", "/api/shape/v1/save", ""},
			{"breaking  request body: field pay(oneOf 0).amount type widened from string to [string, number] (compatible on the wire, but the Go type changes)", "POST", "/api/shape/v1/save", ""},
			{"compatible  request body: field pay oneOf alternative 2 added", "POST", "/api/shape/v1/save", ""},
			{`breaking  request body: field kind const changed from "A" to "B"`, "POST", "/api/shape/v1/save", ""},
			{`compatible  request body: field mode no longer restricted to enum ["x", "y"]`, "POST", "/api/shape/v1/save", ""},
			{"breaking  request body: field nick minLength raised from 1 to 3", "POST", "/api/shape/v1/save", ""},
			{"breaking  request body: field ids uniqueItems set", "POST", "/api/shape/v1/save", ""},
			{"breaking  request body: field ids[] type changed from string to integer", "POST", "/api/shape/v1/save", ""},
			{"breaking  request body: field extra no longer allows undeclared fields", "POST", "/api/shape/v1/save", ""},
			{"compatible  request body: field legacy deprecated", "POST", "/api/shape/v1/save", ""},
			{"compatible  deprecated", "POST", "/api/shape/v1/save", ""},
			// The client loses the typed view of the JSON it used to decode.
			{"breaking  response 200: field data contentSchema removed", "POST", "/api/shape/v1/save",
				"/paths/~1api~1shape~1v1~1save/post/responses/200/content/application~1json/schema/properties/data/contentSchema"},
		},
		"cycle": {
			{"breaking  request body: field name maxLength set to 20", "POST", "/api/catalogue/v1/tree", "/components/schemas/Category/properties/name/maxLength"},
			{"breaking  response 200: field link.weight type widened from integer to number", "POST", "/api/catalogue/v1/tree", "/components/schemas/Link/properties/weight/type"},
		},
	}
	for name, wants := range cases {
		t.Run(name, func(t *testing.T) {
			got := lines(comparePair(t, name))
			for _, w := range wants {
				c, ok := got[[2]string{w.method, w.line}]
				if !assert.True(t, ok, "missing change %q", w.line) {
					continue
				}
				assert.Equal(t, w.method, c.Method, w.line)
				assert.Equal(t, w.path, c.Path, w.line)
				if w.pointer != "" {
					assert.Equal(t, w.pointer, c.Pointer, w.line)
				}
			}
		})
	}
}

// TestCycleVisitsOnce checks that a self-referencing schema is compared
// once, not once per level of a recursion that never ends.
func TestCycleVisitsOnce(t *testing.T) {
	r := comparePair(t, "cycle")
	assert.Len(t, r.Changes, 2)
	for _, c := range r.Changes {
		assert.NotContains(t, c.Message, "children[]", "the recursion went round again")
	}
}

// TestIgnored checks that what moves with every edit of a doc is not
// reported: the waiqin pair moves x-apigen-source from line 100 to 120.
func TestIgnored(t *testing.T) {
	for _, c := range comparePair(t, "waiqin").Changes {
		assert.NotContains(t, c.Message, "x-apigen-source")
	}
}

func TestIdentical(t *testing.T) {
	for _, name := range pairs(t) {
		path := filepath.Join("testdata", name+".new.yaml")
		r := Compare(load(t, path), load(t, path))
		assert.Empty(t, r.Changes, name)
		assert.False(t, r.Breaking(), name)

		var text, js bytes.Buffer
		require.NoError(t, r.WriteText(&text))
		require.NoError(t, r.WriteJSON(&js))
		assert.Empty(t, text.String())
		assert.JSONEq(t, `{"breaking": false, "changes": []}`, js.String())
	}
}

// TestDeterministic reloads the documents each time, so kin-openapi's maps
// come back in a new order, and expects the same bytes every time.
func TestDeterministic(t *testing.T) {
	for _, name := range pairs(t) {
		var first string
		for i := range 10 {
			var b bytes.Buffer
			require.NoError(t, comparePair(t, name).WriteText(&b))
			if i == 0 {
				first = b.String()
				continue
			}
			require.Equal(t, first, b.String(), name)
		}
	}
}

func TestNilDocuments(t *testing.T) {
	doc := load(t, filepath.Join("testdata", "waiqin.new.yaml"))

	// A nil document compares as an empty one: every endpoint is new, and
	// the profile's extensions appear from nothing.
	added := lines(Compare(nil, doc))
	assert.Contains(t, added, [2]string{"POST", "compatible  endpoint added"})
	assert.Contains(t, added, [2]string{"", `breaking  x-apigen-profile set to "waiqin"`})

	removed := Compare(doc, nil)
	assert.True(t, removed.Breaking())
	assert.Contains(t, lines(removed), [2]string{"POST", "breaking  endpoint removed"})

	assert.Empty(t, Compare(nil, nil).Changes)
}

func TestBreaking(t *testing.T) {
	assert.False(t, (&Report{}).Breaking())
	assert.False(t, (&Report{Changes: []Change{{Class: Compatible}}}).Breaking())
	assert.True(t, (&Report{Changes: []Change{{Class: Compatible}, {Class: Breaking}}}).Breaking())
}

func TestJSONRoundTrip(t *testing.T) {
	r := comparePair(t, "waiqin")
	var b bytes.Buffer
	require.NoError(t, r.WriteJSON(&b))
	var back struct {
		Breaking bool
		Changes  []Change
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &back))
	assert.True(t, back.Breaking)
	assert.Equal(t, r.Changes, back.Changes)
}

func TestClassText(t *testing.T) {
	for _, c := range []Class{Compatible, Breaking} {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back Class
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, c, back)
	}
	_, err := Class(7).MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "Class(7)", Class(7).String())
	var c Class
	assert.Error(t, c.UnmarshalText([]byte("fatal")))
}

func TestWriteTextFormat(t *testing.T) {
	r := &Report{Changes: []Change{
		{Class: Compatible, Pointer: "/info/version", Message: `version changed from "1" to "2"`},
		{Class: Breaking, Method: "POST", Path: "/api/x/v1/addPlan", Message: "request body: field reqInfo[].cm_id removed"},
	}}
	var b bytes.Buffer
	require.NoError(t, r.WriteText(&b))
	assert.Equal(t, "compatible  -  version changed from \"1\" to \"2\"\n"+
		"breaking  POST /api/x/v1/addPlan  request body: field reqInfo[].cm_id removed\n", b.String())
}

// TestBuiltInMemory compares documents the way the spec stage hands them
// over: $refs to components that carry no resolved value yet.
func TestBuiltInMemory(t *testing.T) {
	build := func(codeType string) *openapi3.T {
		doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "built", Version: "1"}, Paths: openapi3.NewPaths()}
		req := openapi3.NewObjectSchema().WithProperty("code", &openapi3.Schema{Type: &openapi3.Types{codeType}})
		doc.Components = &openapi3.Components{Schemas: openapi3.Schemas{"AddPlanRequest": openapi3.NewSchemaRef("", req)}}
		op := &openapi3.Operation{OperationID: "addPlan", Responses: openapi3.NewResponses()}
		op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().
			WithJSONSchemaRef(openapi3.NewSchemaRef("#/components/schemas/AddPlanRequest", nil))}
		doc.AddOperation("/api/x/v1/addPlan", "POST", op)
		return doc
	}
	r := Compare(build(openapi3.TypeString), build(openapi3.TypeInteger))
	require.Len(t, r.Changes, 1)
	assert.Equal(t, "request body: field code type changed from string to integer", r.Changes[0].Message)
	assert.Equal(t, "/components/schemas/AddPlanRequest/properties/code/type", r.Changes[0].Pointer)
}

// TestForeignRefs checks pointers below a $ref into another file: the
// local $refs there belong to that file, so the pointer stays on the path
// through this document that leads to the change.
func TestForeignRefs(t *testing.T) {
	open := func(name string) *openapi3.T {
		l := openapi3.NewLoader()
		l.IsExternalRefsAllowed = true
		doc, err := l.LoadFromFile(filepath.Join("testdata", "foreign", name))
		require.NoError(t, err)
		return doc
	}
	r := Compare(open("old.yaml"), open("new.yaml"))
	require.Len(t, r.Changes, 1)
	assert.Equal(t, Breaking, r.Changes[0].Class)
	assert.Equal(t, "request body: field code maxLength lowered from 100 to 50", r.Changes[0].Message)
	assert.Equal(t, "/paths/~1api~1plan~1v1~1add/post/requestBody/content/application~1json/schema/properties/code/maxLength", r.Changes[0].Pointer)
}

// TestUnresolvableRef checks that a $ref with no target is reported rather
// than silently skipped: nothing below it could be compared.
func TestUnresolvableRef(t *testing.T) {
	build := func(ref string) *openapi3.T {
		doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "built", Version: "1"}, Paths: openapi3.NewPaths()}
		doc.Components = &openapi3.Components{Schemas: openapi3.Schemas{"Plan": openapi3.NewSchemaRef("", openapi3.NewObjectSchema())}}
		body := openapi3.NewObjectSchema().WithPropertyRef("plan", openapi3.NewSchemaRef(ref, nil))
		op := &openapi3.Operation{Responses: openapi3.NewResponses()}
		op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithJSONSchema(body)}
		doc.AddOperation("/api/x/v1/addPlan", "POST", op)
		return doc
	}
	r := Compare(build("#/components/schemas/Plan"), build("#/components/schemas/Missing"))
	require.Len(t, r.Changes, 1)
	assert.Equal(t, Breaking, r.Changes[0].Class)
	assert.Equal(t, `request body: field plan $ref changed from "#/components/schemas/Plan" to "#/components/schemas/Missing" and could not be resolved to compare`, r.Changes[0].Message)
}

// An operationId names the generated Go method: renaming it breaks every
// caller even though nothing on the wire changed.
func TestOperationRenameIsBreaking(t *testing.T) {
	build := func(id string) *openapi3.T {
		doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "t", Version: "1"}, Paths: openapi3.NewPaths()}
		doc.AddOperation("/order/cancel", "POST", &openapi3.Operation{OperationID: id, Responses: openapi3.NewResponses()})
		return doc
	}
	r := Compare(build("cancel"), build("orderCancel"))
	require.Len(t, r.Changes, 1)
	assert.Equal(t, Breaking, r.Changes[0].Class)
	assert.Equal(t, `operationId changed from "cancel" to "orderCancel" (the Go method is renamed)`, r.Changes[0].Message)
}

// x-apigen-paging gives the client an iterator: setting it adds one,
// removing or changing it takes one away or changes how it pages.
func TestPagingClasses(t *testing.T) {
	build := func(p *oas.Paging) *openapi3.T {
		doc := &openapi3.T{OpenAPI: "3.1.0", Info: &openapi3.Info{Title: "t", Version: "1"}, Paths: openapi3.NewPaths()}
		op := &openapi3.Operation{OperationID: "orders", Responses: openapi3.NewResponses()}
		if p != nil {
			oas.SetPaging(op, p)
		}
		doc.AddOperation("/orders", "GET", op)
		return doc
	}
	one := 1
	byPage := &oas.Paging{Kind: oas.PageNumbers, Request: oas.PagingRequest{In: "query", Page: "page"}, FirstPage: &one,
		Response: oas.PagingResponse{Items: "/list"}, End: oas.EndShortPage}
	withTotal := *byPage
	withTotal.Response.Total, withTotal.End = "/total", oas.EndTotal
	for _, c := range []struct {
		old, new *oas.Paging
		class    Class
	}{{nil, byPage, Compatible}, {byPage, nil, Breaking}, {byPage, &withTotal, Breaking}} {
		r := Compare(build(c.old), build(c.new))
		require.Len(t, r.Changes, 1)
		assert.Equal(t, c.class, r.Changes[0].Class, r.Changes[0].Message)
		assert.Contains(t, r.Changes[0].Message, "x-apigen-paging")
	}
}
