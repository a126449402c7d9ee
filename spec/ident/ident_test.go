package ident

import "testing"

func TestNames(t *testing.T) {
	cases := []struct{ in, exported, unexported string }{
		{"cm_id", "CmID", "cmID"},
		{"reqInfo", "ReqInfo", "reqInfo"},
		{"ZY_SENT", "ZySent", "zySent"},
		{"HTTPServer", "HTTPServer", "httpServer"},
		{"returnmoneyrecord/add", "ReturnmoneyrecordAdd", "returnmoneyrecordAdd"},
		{"客户名称", "", ""},
		{"2fa", "N2fa", "n2fa"},
		{"type", "Type", "type_"},
		{"status_0", "Status0", "status0"},
	}
	for _, c := range cases {
		if got := Exported(c.in); got != c.exported {
			t.Errorf("Exported(%q) = %q, want %q", c.in, got, c.exported)
		}
		if got := Unexported(c.in); got != c.unexported {
			t.Errorf("Unexported(%q) = %q, want %q", c.in, got, c.unexported)
		}
	}
}

func TestUnique(t *testing.T) {
	var u Unique
	u.Claim("Client")
	for i, want := range []string{"Client2", "Client3"} {
		if got := u.Next("Client"); got != want {
			t.Errorf("Next #%d = %q, want %q", i, got, want)
		}
	}
	if !u.Taken("Client3") || u.Taken("Other") {
		t.Error("Taken is wrong")
	}
}
