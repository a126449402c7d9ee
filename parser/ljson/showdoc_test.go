package ljson

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/apigen/apigen/parser/diag"
)

// TestShowDoc reads the response example of a real ShowDoc page (seed
// 002): flattened onto one line by the HTML <pre><code> block, with //
// comments, commentary after commas, missing commas and an object pasted
// into a string without escaping.
func TestShowDoc(t *testing.T) {
	src, err := os.ReadFile("testdata/showdoc_customer.json")
	if err != nil {
		t.Fatal(err)
	}
	v, ds := Parse(src, diag.Pos{File: "showdoc_customer.json", Line: 1, Col: 1})
	if v == nil || v.Kind != Object {
		t.Fatalf("no object read: %v", ds)
	}
	for _, d := range ds {
		t.Logf("%s %d %s", d.Code, d.Pos.Line, d.Message)
	}

	wantKeys(t, v, "", "errCode", "errMsg", "data")
	data := v.Get("data")
	wantKeys(t, data, "data",
		"id", "org_cid", "org_id", "org_department_id", "is_credit", "code", "code_old",
		"helper_code", "name", "short_name", "name_en", "checking_info", "license_no",
		"_license_no", "signboard", "mobile", "remark", "email", "org_type_name",
		"org_property_name", "_cache_at", "area_name", "area_owner_name", "state_name",
		"state_color", "state_bg_color", "updated_user_name", "created_user_name",
		"user_name", "org_cid_name", "org_name", "org_f_name", "org_department_name",
		"finance_org_name", "report_org_name", "warehouse_org_name", "price_range_name",
		"channel_name", "grade_name", "category_name", "is_checked_name", "pay_method_name",
		"credit_limit", "used_limit", "account_days", "sales_money", "visit_plan",
		"extend_infos", "total_infos", "services", "_can_edit_area_id",
		"_can_edit_price_range", "contacts", "addresslist", "invoicelist", "orderlist",
		"order_amount", "purchase_amount")

	for key, comment := range map[string]string{
		"id": "客户id", "name": "客户名称", "mobile": "电话", "checking_info": "json 数据 认证信息",
		"extend_infos": "自定义信息", "contacts": "联系人", "addresslist": "收货地址",
		"order_amount": "应收帐款", "purchase_amount": "当月采购金额", "errCode": "",
	} {
		m := data.Member(key)
		if key == "errCode" {
			m = v.Member(key)
		}
		if m.Comment != comment {
			t.Errorf("%s: comment %q, want %q", key, m.Comment, comment)
		}
	}
	if got := v.Get("errCode"); got.Kind != Number || got.Text != "1000" {
		t.Errorf("errCode = %s %q", got.Kind, got.Text)
	}
	if got := data.Get("purchase_amount"); got.Kind != String || got.Text != "0.00" {
		t.Errorf("purchase_amount = %s %q", got.Kind, got.Text)
	}
	if vp := data.Get("visit_plan"); vp.Kind != Object || len(vp.Members) != 0 {
		t.Errorf("visit_plan = %s with %d members, want an empty object", vp.Kind, len(vp.Members))
	}
	if got := data.Member("invoicelist").Value.Items[0].Member("customer_name"); got.Comment != "" || got.Value.Text != "定会" {
		t.Errorf("customer_name = %q /*%s*/; the empty comment must be ignored", got.Value.Text, got.Comment)
	}

	contacts := data.Get("contacts")
	if contacts.Kind != Array || len(contacts.Items) != 1 {
		t.Fatalf("contacts = %s with %d items", contacts.Kind, len(contacts.Items))
	}
	contact := contacts.Items[0]
	if m := contact.Member("mobile"); m.Comment != "手机号" {
		t.Errorf("contacts[].mobile comment %q", m.Comment)
	}
	roles := contact.Member("_roles")
	if roles == nil || roles.Comment != "角色" || roles.Value.Kind != Array || len(roles.Value.Items) != 1 {
		t.Fatalf("contacts[]._roles = %+v", roles)
	}
	wantKeys(t, roles.Value.Items[0], "_roles[]", "id", "name")
	for _, key := range []string{"addresslist", "invoicelist", "orderlist", "extend_infos"} {
		if a := data.Get(key); a.Kind != Array || len(a.Items) != 1 || a.Items[0].Kind != Object {
			t.Errorf("%s is not an array of one object", key)
		}
	}
	if typ := data.Get("extend_infos").Items[0].Member("type"); typ.Comment != "类型 1 文字 2 日期" {
		t.Errorf("extend_infos[].type comment %q", typ.Comment)
	}
	wantKeys(t, data.Get("total_infos"), "total_infos", "contacts", "address", "service3d", "invoice", "contract", "orders", "service")
	if n := len(data.Get("services").Members); n != 24 {
		t.Errorf("services has %d members, want 24", n)
	}

	ci := data.Get("checking_info")
	if ci.Kind != String || ci.Embedded == nil || ci.Embedded.Kind != Object {
		t.Fatalf("checking_info = %s, embedded %v", ci.Kind, ci.Embedded)
	}
	if want := `{ "major_car":"alulalu",//主营车型`; len(ci.Text) < len(want) || ci.Text[:len(want)] != want {
		t.Errorf("checking_info text starts %q", ci.Text[:min(len(ci.Text), 40)])
	}
	emb := ci.Embedded
	for _, key := range []string{"major_car", "channel_name", "total_sales", "employees", "agreement_images", "warehouse_images"} {
		if emb.Member(key) == nil {
			t.Errorf("checking_info has no %s", key)
		}
	}
	for key, comment := range map[string]string{
		"major_car": "主营车型", "channel_name": "渠道", "total_sales": "营业规模",
		"employees": "员工数量", "agreement_images": "合作协议照片", "warehouse_images": "仓库照片",
		"nature": "1)企业,2)个人 客户性质", "region_code": "",
	} {
		if m := emb.Member(key); m == nil || m.Comment != comment {
			t.Errorf("checking_info.%s comment = %+v, want %q", key, m, comment)
		}
	}
	if last := emb.Members[len(emb.Members)-1]; last.Key != "warehouse_images" {
		t.Errorf("checking_info ends with %s", last.Key)
	}

	var repairs []diag.Code
	for _, d := range ds {
		if d.Code != diag.CommentAsDescription {
			repairs = append(repairs, d.Code)
		}
	}
	want := []diag.Code{diag.QuotedJSONInString, diag.TrailingTextAsDescription, diag.TrailingTextAsDescription, diag.MissingComma, diag.MissingComma, diag.TrailingComma, diag.MissingComma}
	if !slices.Equal(repairs, want) {
		t.Errorf("repairs other than comments %v, want %v", repairs, want)
	}
	if n := diag.List(ds).Count(diag.Error); n != 0 {
		t.Errorf("%d errors", n)
	}

	out, _ := v.MarshalJSON()
	if !json.Valid(out) {
		t.Errorf("MarshalJSON is not valid JSON")
	}
}

// wantKeys checks the member keys of an object, in order.
func wantKeys(t *testing.T, v *Value, path string, keys ...string) {
	t.Helper()
	if v == nil || v.Kind != Object {
		t.Errorf("%s is not an object", path)
		return
	}
	var got []string
	for _, m := range v.Members {
		got = append(got, m.Key)
	}
	if !slices.Equal(got, keys) {
		t.Errorf("%s keys\n got %q\nwant %q", path, got, keys)
	}
}
