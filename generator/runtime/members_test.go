package runtime

import (
	"testing"
)

// memberModel is read as the generated readers read a model, with and
// without its Members, to price what presence and unknown members cost.
type memberModel struct {
	A, B, C string
	N       int64
	P       *int64
	L       []string
	JSON    Members
}

var membersOfMemberModel = []string{"a", "b", "c", "n", "p", "l"}

func readMemberModel(r *jsonReader, x *memberModel, members bool) bool {
	var o object
	if !r.openObject(&o) {
		return false
	}
	if members {
		x.JSON.start(&membersOfMemberModel)
	}
	for {
		key, ok := r.nextMember(&o)
		if !ok {
			break
		}
		i := -1
		switch string(key) {
		case "a":
			i = 0
		case "b":
			i = 1
		case "c":
			i = 2
		case "n":
			i = 3
		case "p":
			i = 4
		case "l":
			i = 5
		}
		if members && i >= 0 {
			x.JSON.mark(r, i)
		}
		switch i {
		case 0:
			readString(r, &x.A)
		case 1:
			readString(r, &x.B)
		case 2:
			readString(r, &x.C)
		case 3:
			readInt64(r, &x.N)
		case 4:
			decodeOptional(r, &x.P, readInt64)
		case 5:
			readSlice(r, &x.L, readString)
		default:
			if members {
				x.JSON.keep(r, key)
			} else {
				r.skipValue()
			}
		}
	}
	return r.err == nil
}

func withMembers(r *jsonReader, x *memberModel) bool    { return readMemberModel(r, x, true) }
func withoutMembers(r *jsonReader, x *memberModel) bool { return readMemberModel(r, x, false) }

func TestMembersRead(t *testing.T) {
	var m memberModel
	if err := decodeJSON([]byte(`{"a":"x","b":null,"n":"0","z":[1, 2],"l":[]}`), &m, withMembers); err != nil {
		t.Fatal(err)
	}
	j := &m.JSON
	if !j.Has("a") || !j.Sent("b") || !j.IsNull("b") || j.Has("b") || j.Sent("c") || !j.Has("n") || !j.Has("l") || j.Sent("p") {
		t.Errorf("members: %+v", *j)
	}
	if string(j.Extra["z"]) != "[1, 2]" || !j.Has("z") || j.IsNull("z") {
		t.Errorf("extra: %q", j.Extra)
	}
	// Models past 64 members keep the rest of their bits aside.
	var many Members
	names := make([]string, 130)
	for i := range names {
		names[i] = string(rune('A'+i%26)) + string(rune('a'+i/26))
	}
	many.start(&names)
	many.setMore(129, true)
	many.setMore(70, false)
	if !many.IsNull(names[129]) || !many.Has(names[70]) || many.Sent(names[128]) {
		t.Errorf("past 64: %+v", many.more)
	}
}

// BenchmarkMembers prices reading a model's Members beside the same
// reading without them.
func BenchmarkMembers(b *testing.B) {
	for _, c := range []struct{ name, body string }{
		{"documented", `{"a":"南京掌控网络","b":"x","c":null,"n":"12","p":3,"l":["a","b"]}`},
		{"undocumented", `{"a":"南京掌控网络","b":"x","c":null,"n":"12","p":3,"l":["a","b"],"new":{"k":1}}`},
	} {
		body := []byte(c.body)
		for _, r := range []struct {
			name string
			read func(*jsonReader, *memberModel) bool
		}{{"plain", withoutMembers}, {"members", withMembers}} {
			b.Run(c.name+"/"+r.name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					var m memberModel
					if err := decodeJSON(body, &m, r.read); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
