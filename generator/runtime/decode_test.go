package runtime

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The types below are shaped like generated models, so the readers are
// tested the way generated UnmarshalJSON methods call them.

type testValue struct {
	Key   string
	Value float64
}

// UnmarshalJSON is written as the generated ones are: the reader on the
// stack, the type's reader called directly.
func (x *testValue) UnmarshalJSON(data []byte) error {
	var r jsonReader
	if r.start(data) {
		readtestValue(&r, x)
	}
	return r.finish()
}

func readtestValue(r *jsonReader, x *testValue) bool {
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
		case "value":
			readFloat64(r, &x.Value)
		default:
			r.skipValue()
		}
	}
	return r.err == nil
}

type testGroup struct {
	ID    *int64
	Count int32
	Data  []testValue
	Inner *testValue
}

func (x *testGroup) UnmarshalJSON(data []byte) error { return decodeJSON(data, x, readtestGroup) }

func readtestGroup(r *jsonReader, x *testGroup) bool {
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
		case "cm_id":
			decodeOptional(r, &x.ID, readInt64)
		case "count":
			readInt32(r, &x.Count)
		case "data":
			readSlice(r, &x.Data, readtestValue)
		case "inner":
			decodeOptional(r, &x.Inner, readtestValue)
		default:
			r.skipValue()
		}
	}
	return r.err == nil
}

type testRequest struct {
	ReqInfo []testGroup
}

func (x *testRequest) UnmarshalJSON(data []byte) error { return decodeJSON(data, x, readtestRequest) }

func readtestRequest(r *jsonReader, x *testRequest) bool {
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
		case "reqInfo":
			readSlice(r, &x.ReqInfo, readtestGroup)
		default:
			r.skipValue()
		}
	}
	return r.err == nil
}

// listOftestValue is written as the generated readers of lists are.
func listOftestValue(r *jsonReader, dst *[]testValue) bool {
	it := items{hint: &lenOfListOftestValue}
	if !r.openItems(&it) {
		return false
	}
	out, ok := startItems[testValue](&it), false
	for r.nextItemOf(&it) {
		out = addItem(r, out)
		ok = readtestValue(r, &out[len(out)-1])
	}
	return endItems(r, &it, ok, dst, out)
}

var lenOfListOftestValue listHint

// A list starts with the room the last list of its type needed; a long
// one leaves the hint as it was.
func TestListHint(t *testing.T) {
	list := func(n int) string { return "[" + strings.Repeat(`{"key":"k"},`, n-1) + `{"key":"k"}]` }
	caps := func(raw string) int {
		v, err := read(raw, listOftestValue)
		if err != nil {
			t.Fatal(err)
		}
		return cap(v)
	}
	lenOfListOftestValue.n.Store(0)
	if c := caps(list(7)); c == 7 {
		t.Fatalf("the first list's room is %d before any hint", c)
	}
	if c := caps(list(7)); c != 7 {
		t.Fatalf("cap %d after a list of 7, want 7", c)
	}
	caps(list(maxHint + 1))
	if c := caps(list(3)); c != 7 {
		t.Fatalf("cap %d after a long list, want the 7 before it", c)
	}
	if c := caps(`{"key":"k"}`); c != 1 {
		t.Fatalf("cap %d for one value sent for a list, want 1", c)
	}
	if c := caps(list(3)); c != 3 {
		t.Fatalf("cap %d after a list of 3, want 3", c)
	}
}

// read reads raw whole with one of the readers.
func read[T any](raw string, reader func(*jsonReader, *T) bool) (T, error) {
	return valueOf([]byte(raw), reader)
}

func sliceOf[T any](item func(*jsonReader, *T) bool) func(*jsonReader, *[]T) bool {
	return func(r *jsonReader, v *[]T) bool { return readSlice(r, v, item) }
}

func mapOf[T any](item func(*jsonReader, *T) bool) func(*jsonReader, *map[string]T) bool {
	return func(r *jsonReader, v *map[string]T) bool { return readMap(r, v, item) }
}

func TestReadString(t *testing.T) {
	tests := []struct {
		raw, want string
	}{
		{`"abc"`, "abc"},
		{`"南京掌控网络"`, "南京掌控网络"},
		{`"\u5357\u4eac"`, "南京"},
		{`12`, "12"},
		{`12.50`, "12.50"}, // the digits as sent, not 12.5
		{`-0.5e3`, "-0.5e3"},
		{`true`, "true"},
		{` { "a" : [1, 2] } `, `{"a":[1,2]}`},
		{`[ "x" ]`, `["x"]`},
		{`null`, ""},
		{`""`, ""},
		{``, ""},
	}
	for _, tt := range tests {
		got, err := read(tt.raw, readString)
		if err != nil || got != tt.want {
			t.Errorf("readString(%s) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
	if _, err := read(`{"a":`, readString); errText(err) != `malformed JSON: unexpected end` {
		t.Errorf("truncated object: err = %v", err)
	}
}

// The fast path for strings without escapes must read exactly what
// encoding/json reads, and refuse what it refuses.
func TestReadStringAgreesWithEncodingJSON(t *testing.T) {
	for _, raw := range []string{
		`""`, `"a"`, `"南京掌控网络"`, `"a\"b"`, `"a\\b"`, `"\u00e9\n"`, `"tab\there"`,
		"\"raw\ttab\"", "\"new\nline\"", "\"\xff\xfe\"", "\"half \xe5\x8d\"", `"a"b"`, `"unterminated`, `"`, `"\"`,
		"\"\x7f\"", `"/path/a"`,
	} {
		var want string
		wantErr := json.Unmarshal([]byte(raw), &want)
		got, err := read(raw, readString)
		if (err != nil) != (wantErr != nil) || err == nil && got != want {
			t.Errorf("readString(%q) = %q, %v; encoding/json: %q, %v", raw, got, err, want, wantErr)
		}
	}
}

func TestReadNumbers(t *testing.T) {
	ints := []struct {
		raw  string
		want int64
		err  string
	}{
		{raw: `0`, want: 0},
		{raw: `"0"`, want: 0},
		{raw: `42`, want: 42},
		{raw: `"42"`, want: 42},
		{raw: `" 42 "`, want: 42},
		{raw: `"001"`, want: 1},
		{raw: `-7`, want: -7},
		{raw: `12.0`, want: 12},
		{raw: `1e3`, want: 1000},
		{raw: `"4945477960731345184"`, want: 4945477960731345184},
		{raw: `9223372036854775807`, want: 9223372036854775807},
		{raw: `9223372036854775808`, err: `not an integer: 9223372036854775808`},
		{raw: `1e19`, err: `not an integer: 1e19`},
		{raw: `-1e19`, err: `not an integer: -1e19`},
		{raw: `12.5`, err: `not an integer: 12.5`},
		{raw: `"NaN"`, err: `not an integer: "NaN"`},
		{raw: `"Inf"`, err: `not an integer: "Inf"`},
		{raw: `"0x10"`, err: `not an integer: "0x10"`},
		{raw: `"abc"`, err: `not an integer: "abc"`},
		{raw: `true`, err: `not an integer: true`},
		{raw: `null`, want: 0},
		{raw: `""`, want: 0},
	}
	for _, tt := range ints {
		got, err := read(tt.raw, readInt64)
		if msg := errText(err); msg != tt.err || got != tt.want {
			t.Errorf("readInt64(%s) = %d, %q; want %d, %q", tt.raw, got, msg, tt.want, tt.err)
		}
	}

	if n, err := read(`"2147483647"`, readInt32); err != nil || n != 2147483647 {
		t.Errorf("readInt32(max) = %d, %v", n, err)
	}
	if _, err := read(`2147483648`, readInt32); errText(err) != "2147483648 overflows a 32-bit integer" {
		t.Errorf("readInt32(max+1): err = %v", err)
	}

	floats := []struct {
		raw  string
		want float64
		err  string
	}{
		{raw: `12.5`, want: 12.5},
		{raw: `"12.5"`, want: 12.5},
		{raw: `"-0.25"`, want: -0.25},
		{raw: `1e2`, want: 100},
		{raw: `".5"`, want: 0.5},
		{raw: `"NaN"`, err: `not a number: "NaN"`},
		{raw: `"Infinity"`, err: `not a number: "Infinity"`},
		{raw: `"0x1p3"`, err: `not a number: "0x1p3"`},
		{raw: `"1e"`, err: `not a number: "1e"`},
		{raw: `"12,5"`, err: `not a number: "12,5"`},
		{raw: `"1e999"`, err: `not a number: "1e999"`},
	}
	for _, tt := range floats {
		got, err := read(tt.raw, readFloat64)
		if msg := errText(err); msg != tt.err || got != tt.want {
			t.Errorf("readFloat64(%s) = %v, %q; want %v, %q", tt.raw, got, msg, tt.want, tt.err)
		}
	}

	decimals := []struct {
		raw, want, err string
	}{
		{raw: `12.50`, want: "12.50"},
		{raw: `"12.50"`, want: "12.50"},
		{raw: `"0012.5"`, want: "0012.5"},
		{raw: `"+5"`, want: "5"},
		{raw: `-3`, want: "-3"},
		{raw: `1.5E2`, want: "1.5E2"},
		{raw: `null`, want: ""},
		{raw: `"NaN"`, err: `not a decimal number: "NaN"`},
		{raw: `"1,000.00"`, err: `not a decimal number: "1,000.00"`},
		{raw: `"¥12"`, err: `not a decimal number: "¥12"`},
	}
	for _, tt := range decimals {
		got, err := read(tt.raw, readDecimal)
		if msg := errText(err); msg != tt.err || got != tt.want {
			t.Errorf("readDecimal(%s) = %q, %q; want %q, %q", tt.raw, got, msg, tt.want, tt.err)
		}
	}
}

func TestReadBool(t *testing.T) {
	for raw, want := range map[string]bool{
		`true`: true, `"true"`: true, `1`: true, `"1"`: true, `"Y"`: true, `"yes"`: true, `"是"`: true,
		`false`: false, `"FALSE"`: false, `0`: false, `"0"`: false, `"n"`: false, `"否"`: false, `null`: false,
	} {
		got, err := read(raw, readBool)
		if err != nil || got != want {
			t.Errorf("readBool(%s) = %v, %v; want %v", raw, got, err, want)
		}
	}
	if _, err := read(`"maybe"`, readBool); errText(err) != `not a boolean: "maybe"` {
		t.Errorf(`readBool("maybe"): err = %v`, err)
	}
}

func TestDecodeAbsentKeepsZero(t *testing.T) {
	for _, body := range []string{
		`{"cm_id":null,"count":null,"data":null,"inner":null}`,
		`{"cm_id":"","count":"","data":"","inner":""}`,
		`{}`,
		`null`,
		`""`,
		``,
	} {
		var g testGroup
		if err := g.UnmarshalJSON([]byte(body)); err != nil {
			t.Errorf("%s: %v", body, err)
			continue
		}
		if g.ID != nil || g.Count != 0 || g.Data != nil || g.Inner != nil {
			t.Errorf("%s: got %+v, want all absent", body, g)
		}
	}
}

func TestDecodeZeroIsNotAbsent(t *testing.T) {
	for _, body := range []string{`{"cm_id":0}`, `{"cm_id":"0"}`, `{"cm_id":" 0 "}`} {
		var g testGroup
		if err := g.UnmarshalJSON([]byte(body)); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if g.ID == nil || *g.ID != 0 {
			t.Errorf("%s: ID = %v, want a pointer to 0", body, g.ID)
		}
	}
}

func TestDecodeLenientShapes(t *testing.T) {
	tests := []struct {
		name, body string
		want       testGroup
	}{
		{
			name: "numbers in strings, strings as numbers",
			body: `{"cm_id":"4945477960731345184","count":"3","data":[{"key":12,"value":"22.99"}]}`,
			want: testGroup{ID: ptr(int64(4945477960731345184)), Count: 3, Data: []testValue{{Key: "12", Value: 22.99}}},
		},
		{
			name: "one object where a list is expected",
			body: `{"data":{"key":"新增字段","value":12}}`,
			want: testGroup{Data: []testValue{{Key: "新增字段", Value: 12}}},
		},
		{
			name: "a list carried in a string",
			body: `{"data":"[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":2}]"}`,
			want: testGroup{Data: []testValue{{Key: "a", Value: 1}, {Key: "b", Value: 2}}},
		},
		{
			name: "a list carried in a string, with spaces",
			body: `{"data":"  [{\"key\":\"a\"}] "}`,
			want: testGroup{Data: []testValue{{Key: "a"}}},
		},
		{
			name: "an object carried in a string",
			body: `{"inner":"{\"key\":\"k\",\"value\":\"1.5\"}"}`,
			want: testGroup{Inner: &testValue{Key: "k", Value: 1.5}},
		},
		{
			name: "the whole body carried in a string",
			body: `"{\"count\":7}"`,
			want: testGroup{Count: 7},
		},
		{
			name: "an empty list is a list",
			body: `{"data":[]}`,
			want: testGroup{Data: []testValue{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g testGroup
			if err := g.UnmarshalJSON([]byte(tt.body)); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, tt.want) {
				t.Fatalf("got %s, want %s", dump(g), dump(tt.want))
			}
		})
	}
}

func TestDecodeErrorPaths(t *testing.T) {
	tests := []struct {
		body, path, msg string
	}{
		{
			body: `{"reqInfo":[{"data":[{"value":"1"}]},{"data":[{"key":"k","value":"x1"}]}]}`,
			path: "reqInfo[1].data[0].value", msg: `not a number: "x1"`,
		},
		{
			// A name with escapes is read into the buffer that the value's
			// escapes overwrite: the path keeps its own copy.
			body: `{"re\u0071Info":[{"cm_\u0069d":"\u0061"}]}`,
			path: "reqInfo[0].cm_id", msg: `not an integer: "\u0061"`,
		},
		{
			// Inside a string-carried value the names are read from its
			// content, outside it from the document.
			body: `{"reqInfo":[{"count":1},{"inner":"{\"key\":\"k\",\"value\":\"abc\"}"}]}`,
			path: "reqInfo[1].inner.value", msg: `not a number: "abc"`,
		},
		{
			body: `{"reqInfo":"[{\"cm_id\":7},{\"cm_id\":\"x\"}]"}`,
			path: "reqInfo[1].cm_id", msg: `not an integer: "x"`,
		},
		{
			body: `{"reqInfo":[{"cm_id":"CUS030"}]}`,
			path: "reqInfo[0].cm_id", msg: `not an integer: "CUS030"`,
		},
		{
			// One object sent for a list: the path is where the value is in
			// the document as sent, without an index.
			body: `{"reqInfo":{"inner":{"value":"abc"}}}`,
			path: "reqInfo.inner.value", msg: `not a number: "abc"`,
		},
		{
			body: `{"reqInfo":[{"data":["x"]}]}`,
			path: "reqInfo[0].data[0]", msg: `not an object: "x"`,
		},
		{
			body: `{"reqInfo":[{"count":99999999999}]}`,
			path: "reqInfo[0].count", msg: "99999999999 overflows a 32-bit integer",
		},
		{
			// The first violation is the one reported.
			body: `{"reqInfo":[{"cm_id":"a","count":"b"}]}`,
			path: "reqInfo[0].cm_id", msg: `not an integer: "a"`,
		},
		{
			body: `[1,2]`,
			path: "", msg: "not an object: [1,2]",
		},
		{
			body: `{"reqInfo":[1,2`,
			path: "reqInfo[0]", msg: `not an object: 1`,
		},
		{
			body: `{"reqInfo":[{"count":1`,
			path: "reqInfo[0].count", msg: `malformed JSON: unexpected end`,
		},
		{
			body: `{"reqInfo":[{"count":1}]} x`,
			path: "", msg: `malformed JSON: after the end of the value at byte 26: x`,
		},
		{
			body: `{"reqInfo":[{"count":1},]}`,
			path: "reqInfo[1]", msg: `malformed JSON: unexpected character at byte 24: ]}`,
		},
		{
			body: `{"reqInfo":[{"other":{"a":[1,}]}}]}`,
			path: "reqInfo[0].other", msg: `malformed JSON: unexpected character at byte 29: }]}}]}`,
		},
	}
	for _, tt := range tests {
		var r testRequest
		err := r.UnmarshalJSON([]byte(tt.body))
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: err = %v, want a *DecodeError", tt.body, err)
			continue
		}
		if de.Path != tt.path || de.Msg != tt.msg {
			t.Errorf("%s: got path %q msg %q, want %q %q", tt.body, de.Path, de.Msg, tt.path, tt.msg)
		}
		want := tt.msg
		if tt.path != "" {
			want = tt.path + ": " + tt.msg
		}
		if err.Error() != want {
			t.Errorf("%s: Error() = %q, want %q", tt.body, err.Error(), want)
		}
	}
}

// Members are read in the order sent; the first bad one is reported.
func TestReadMapReportsTheFirstBadMember(t *testing.T) {
	if _, err := read(`{"z":"bad","b":"worse","a":"worst","c":1}`, mapOf(readInt64)); errText(err) != `z: not an integer: "bad"` {
		t.Fatalf("err = %v", err)
	}
	m, err := read(`{"x":"1","y":2,"z":null}`, mapOf(readInt64))
	if err != nil || !reflect.DeepEqual(m, map[string]int64{"x": 1, "y": 2, "z": 0}) {
		t.Fatalf("map = %v, %v", m, err)
	}
	if m, err := read(`null`, mapOf(readInt64)); m != nil || err != nil {
		t.Fatalf("null map = %v, %v", m, err)
	}
}

// A member name is the request's: an error quotes it only in part.
func TestReadMapQuotesLongNames(t *testing.T) {
	long := strings.Repeat("k", 1<<20)
	_, err := read(`{"`+long+`":"x"}`, mapOf(readInt64))
	if want := strings.Repeat("k", maxQuoted) + `…: not an integer: "x"`; errText(err) != want {
		t.Fatalf("err = %.200q", errText(err))
	}
}

// Elements are sliced out of the list exactly as encoding/json would
// split it.
func TestArrayItemsAgreeWithEncodingJSON(t *testing.T) {
	for _, raw := range []string{
		`[]`, `[ ]`, `[1]`, ` [ 1 , "a" ] `, `[[],{}]`, `[[1,[2]],{"a":[3,{"b":"]"}]}]`,
		`["a,b", "c\"]", "\\", "]}"]`, `[null,true,false,-1.5e3]`, "[\n\t{\"a\" : 1}\r\n]", `["南京,掌控"]`,
	} {
		var want []json.RawMessage
		if err := json.Unmarshal([]byte(raw), &want); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		got, err := read(raw, sliceOf(readRaw))
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d items, want %d", raw, len(got), len(want))
		}
		for i := range want {
			if string(want[i]) == "null" {
				want[i] = nil // absent, as null is everywhere
			}
			if string(got[i]) != string(want[i]) {
				t.Errorf("%s: item %d = %s, want %s", raw, i, got[i], want[i])
			}
		}
	}
	for _, raw := range []string{`[1,]`, `[1 2]`, `["a]`, `[`, `[}`} {
		if _, err := read(raw, sliceOf(readRaw)); !strings.Contains(errText(err), "malformed JSON") {
			t.Errorf("%s: err = %v", raw, err)
		}
	}
}

// A long list whose first item is wrong costs little: the list is not
// copied, and the reading stops at that item.
func TestReadSliceStopsAtTheFirstBadItem(t *testing.T) {
	raw := "[" + strings.Repeat(`"x",`, 250000) + `"x"]`
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := read(raw, sliceOf(readInt64)); errText(err) != `[0]: not an integer: "x"` {
			panic(err)
		}
	})
	if allocs > 20 {
		t.Fatalf("reading a list of 250000 bad items allocates %v times", allocs)
	}
}

func TestReadRawAndAny(t *testing.T) {
	raw, err := read(` {"a": 1} `, readRaw)
	if err != nil || string(raw) != `{"a": 1}` {
		t.Errorf("readRaw = %s, %v", raw, err)
	}
	v, err := read(`{"a":[1,"x"]}`, readAny)
	if err != nil || !reflect.DeepEqual(v, map[string]any{"a": []any{1.0, "x"}}) {
		t.Errorf("readAny = %v, %v", v, err)
	}
	if _, err := read(`{`, readAny); errText(err) != "malformed JSON: unexpected end" {
		t.Errorf("readAny({): err = %v", err)
	}
}

func TestIsDecimal(t *testing.T) {
	for s, want := range map[string][2]bool{ // {without exponent, with exponent}
		"0": {true, true}, "-12.50": {true, true}, "+3": {true, true}, ".5": {true, true}, "5.": {true, true},
		"1e5": {false, true}, "1E-5": {false, true}, "1e": {false, false}, "e5": {false, false},
		"": {false, false}, "-": {false, false}, ".": {false, false}, "NaN": {false, false}, "Inf": {false, false},
		"0x10": {false, false}, "1_000": {false, false}, "1 000": {false, false}, "12a": {false, false},
	} {
		if got := [2]bool{isDecimal(s, false), isDecimal(s, true)}; got != want {
			t.Errorf("isDecimal(%q) = %v, want %v", s, got, want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func ptr[T any](v T) *T { return &v }

func dump(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// What the reader allocates is the decoded value's own: unknown members
// are stepped over, numbers parsed from the bytes, and the strings
// without escapes are parts of one copy of the document, made only for
// a string of more than one byte. The reader allocates nothing, on the
// stack (UnmarshalJSON) or pooled (decodeJSON).
func TestDecodeAllocations(t *testing.T) {
	for _, tt := range []struct {
		body string
		want float64
	}{
		{`{"unknown":{"a":[1,2.5e3,{"b":"c\n\u00e9"}],"t":true,"n":null},"other":"x"}`, 0},
		{`{"value":12.5}`, 0},
		{`{"value":"12.5"}`, 0},
		{`{"key":"南京掌控网络"}`, 1},
		{`{"key":"a","value":"1.5","key":" b "}`, 1},
		{`{"key":"a\"b"}`, 1},
		{`{"key":"1","value":"2"}`, 0},
		{`{"key":"\u0031"}`, 0},
		{`  `, 0},
	} {
		var v testValue
		body := []byte(tt.body)
		for name, decode := range map[string]func() error{
			"UnmarshalJSON": func() error { return v.UnmarshalJSON(body) },
			"decodeJSON":    func() error { return decodeJSON(body, &v, readtestValue) },
		} {
			got := testing.AllocsPerRun(100, func() {
				v = testValue{}
				if err := decode(); err != nil {
					t.Fatal(err)
				}
			})
			if got != tt.want {
				t.Errorf("%s %s: %v allocations, want %v", name, tt.body, got, tt.want)
			}
		}
	}
}
