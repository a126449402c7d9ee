package runtime

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// fuzzModel has a field of every kind the generator emits, read the way
// the generated readers read them; plainModel is the same struct with
// nothing but encoding/json's tags.
type fuzzModel struct {
	S     string
	I     int64
	I32   int32
	F     float64
	B     bool
	P     *int64
	L     []string
	Items []fuzzItem
	M     map[string]int64
	Inner *fuzzItem
	A     any
	Named fuzzEnum
}

type fuzzItem struct {
	Key    string
	Values []float64
	Nested []fuzzModel
}

type fuzzEnum string

type plainModel struct {
	S     string           `json:"s"`
	I     int64            `json:"i"`
	I32   int32            `json:"i32"`
	F     float64          `json:"f"`
	B     bool             `json:"b"`
	P     *int64           `json:"p"`
	L     []string         `json:"l"`
	Items []plainItem      `json:"items"`
	M     map[string]int64 `json:"m"`
	Inner *plainItem       `json:"inner"`
	A     any              `json:"a"`
	Named string           `json:"named"`
}

type plainItem struct {
	Key    string       `json:"key"`
	Values []float64    `json:"values"`
	Nested []plainModel `json:"nested"`
}

var fuzzNames = []string{"s", "i", "i32", "f", "b", "p", "l", "items", "m", "inner", "a", "named", "key", "values", "nested"}

func readfuzzModel(r *jsonReader, x *fuzzModel) bool {
	var o object
	if !r.openObject(&o) {
		return false
	}
	for {
		key, ok := r.nextMember(&o)
		if !ok {
			break
		}
		switch string(key) {
		case "s":
			readString(r, &x.S)
		case "i":
			readInt64(r, &x.I)
		case "i32":
			readInt32(r, &x.I32)
		case "f":
			readFloat64(r, &x.F)
		case "b":
			readBool(r, &x.B)
		case "p":
			decodeOptional(r, &x.P, readInt64)
		case "l":
			readSlice(r, &x.L, readString)
		case "items":
			readSlice(r, &x.Items, readfuzzItem)
		case "m":
			readMap(r, &x.M, readInt64)
		case "inner":
			decodeOptional(r, &x.Inner, readfuzzItem)
		case "a":
			readAny(r, &x.A)
		case "named":
			readfuzzEnum(r, &x.Named)
		default:
			r.skipValue()
		}
	}
	return r.err == nil
}

func readfuzzItem(r *jsonReader, x *fuzzItem) bool {
	var o object
	if !r.openObject(&o) {
		return false
	}
	for {
		key, ok := r.nextMember(&o)
		if !ok {
			break
		}
		switch string(key) {
		case "key":
			readString(r, &x.Key)
		case "values":
			readSlice(r, &x.Values, readFloat64)
		case "nested":
			readSlice(r, &x.Nested, readfuzzModel)
		default:
			r.skipValue()
		}
	}
	return r.err == nil
}

func readfuzzEnum(r *jsonReader, x *fuzzEnum) bool { return readString(r, (*string)(x)) }

// strictlyComparable reports input on which encoding/json's reading and
// the lenient one must agree: JSON whose objects repeat no member name
// (RFC 8259 leaves what that means open, and encoding/json merges
// repeated objects) and name no field in another case (encoding/json
// matches names regardless of case; vendors' names are exact).
func strictlyComparable(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type level struct {
		object bool
		names  map[string]bool
		key    bool // the next string is a member name
	}
	var stack []*level
	for {
		tok, err := dec.Token()
		if err != nil {
			return true
		}
		var top *level
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		isKey := top != nil && top.object && top.key
		if top != nil && top.object {
			top.key = !top.key
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &level{object: true, names: map[string]bool{}, key: true})
			case '[':
				stack = append(stack, &level{})
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].key = true
				}
			}
		case string:
			if isKey {
				if top.names[t] {
					return false
				}
				top.names[t] = true
				for _, n := range fuzzNames {
					if t != n && strings.EqualFold(t, n) {
						return false
					}
				}
			}
		}
	}
}

func toPlain(m *fuzzModel) plainModel {
	b, _ := json.Marshal(mirror(m))
	var p plainModel
	_ = json.Unmarshal(b, &p)
	return p
}

// mirror renames the fields of a fuzzModel to the JSON names, so that
// encoding/json writes what plainModel reads.
func mirror(m *fuzzModel) map[string]any {
	if m == nil {
		return nil
	}
	out := map[string]any{"s": m.S, "i": m.I, "i32": m.I32, "f": m.F, "b": m.B, "p": m.P, "l": m.L, "m": m.M, "a": m.A, "named": string(m.Named)}
	items := make([]any, len(m.Items))
	for i := range m.Items {
		items[i] = mirrorItem(&m.Items[i])
	}
	if m.Items != nil {
		out["items"] = items
	}
	if m.Inner != nil {
		out["inner"] = mirrorItem(m.Inner)
	}
	return out
}

func mirrorItem(it *fuzzItem) map[string]any {
	nested := make([]any, len(it.Nested))
	for i := range it.Nested {
		nested[i] = mirror(&it.Nested[i])
	}
	out := map[string]any{"key": it.Key, "values": it.Values}
	if it.Nested != nil {
		out["nested"] = nested
	}
	return out
}

// emptyIsAbsent applies the one lenient rule that changes a value
// encoding/json reads: "" sent for any value is no value.
func emptyIsAbsent(p *plainModel) {
	if p.A == "" {
		p.A = nil
	}
	items := p.Items
	if p.Inner != nil {
		items = append(items[:len(items):len(items)], *p.Inner)
	}
	for i := range items {
		for j := range items[i].Nested {
			emptyIsAbsent(&items[i].Nested[j])
		}
	}
}

var fuzzSeeds = []string{
	`{"s":"a","i":1,"i32":-2,"f":1.5,"b":true,"p":0,"l":["x","y"],"items":[{"key":"k","values":[1,2.5e3],"nested":[{"s":"n"}]}],"m":{"a":1,"b":2},"inner":{"key":"i"},"a":{"x":[1,"2",null]},"named":"N"}`,
	`{"s":"\u5357\u4eac\n\ud83d\ude00","l":[],"items":[],"m":{}}`,
	`{"s":null,"i":null,"p":null,"l":null,"items":null,"inner":null,"a":null}`,
	`{"i":"12","f":"1.5","b":"yes","l":"one","items":{"key":"single"}}`,
	`{"unknown":{"deep":[[[{"x":"\"}"}]]]},"s":"after"}`,
	`"{\"s\":\"in a string\",\"l\":\"[\\\"a\\\"]\"}"`,
	`{"i":9223372036854775807,"i32":2147483648}`,
	`{"f":1e400}`, `{"s":"\xff\xfe"}`, `{"s":"\ud800"}`, `[1,2]`, `{"a":1,}`, `{"s":"x"} trailing`, ``, `null`, `""`,
}

// FuzzDecode reads any input with the lenient readers: never a panic; on
// JSON that encoding/json reads into the plain struct, the same values;
// on anything encoding/json finds malformed, an error.
func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got fuzzModel
		err := decodeJSON(data, &got, readfuzzModel)
		if err == nil && len(trimSpace(data)) > 0 && !json.Valid(data) {
			t.Fatalf("accepted malformed JSON %q", data)
		}
		var want plainModel
		if json.Unmarshal(data, &want) != nil || !strictlyComparable(data) {
			return
		}
		if err != nil {
			t.Fatalf("%q: encoding/json reads it, the lenient reader says %v", data, err)
		}
		emptyIsAbsent(&want)
		if p := toPlain(&got); !reflect.DeepEqual(p, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", data, p, want)
		}
	})
}

// FuzzSkipValue checks the scanner that steps over unknown members
// against encoding/json's idea of valid JSON.
func FuzzSkipValue(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newJSONReader(data)
		r.skipValue()
		err := r.finish()
		if valid := json.Valid(data); valid != (err == nil) {
			t.Fatalf("%q: json.Valid %v, skipValue error %v", data, valid, err)
		}
	})
}
