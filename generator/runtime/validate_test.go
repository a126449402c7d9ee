package runtime

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestPathNode(t *testing.T) {
	var root *pathNode
	if got := string(root.appendTo(nil)); got != "" {
		t.Fatalf("root path = %q", got)
	}
	reqInfo := root.member("reqInfo")
	item := reqInfo.item(1)
	data := item.member("data")
	first := data.item(0)
	value := first.member("value")
	if got := string(value.appendTo(nil)); got != "reqInfo[1].data[0].value" {
		t.Fatalf("path = %q", got)
	}
	// A list at the top: the body itself is a list.
	top := root.item(2)
	name := top.member("name")
	if got := string(name.appendTo(nil)); got != "[2].name" {
		t.Fatalf("path = %q", got)
	}
	nested := top.item(3)
	if got := string(nested.appendTo(nil)); got != "[2][3]" {
		t.Fatalf("path = %q", got)
	}
}

var (
	testDigits   = compilePattern(`^-?[0-9]+(\.[0-9]+)?$`)
	testNumeric  = compilePattern(`^-?[0-9]{1,8}(\.[0-9]{1,2})?$`) // NUMERIC(10,2)
	testDateTime = compilePattern(`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$`)
)

func TestValidatorRules(t *testing.T) {
	tests := []struct {
		name string
		run  func(v *validator, at *pathNode)
		want string // "" when valid
	}{
		{"required given", func(v *validator, at *pathNode) { v.required(at, "cid", true) }, ""},
		{"required missing", func(v *validator, at *pathNode) { v.required(at, "cid", false) }, "cid: required"},

		{"maxLength counts runes", func(v *validator, at *pathNode) { v.maxLength(at, "name", "南京掌控网络", 6) }, ""},
		{"maxLength over in runes", func(v *validator, at *pathNode) { v.maxLength(at, "name", "南京掌控网络", 5) }, "name: longer than 5 characters"},
		{"maxLength ascii", func(v *validator, at *pathNode) { v.maxLength(at, "code", "abcd", 3) }, "code: longer than 3 characters"},
		{"minLength", func(v *validator, at *pathNode) { v.minLength(at, "code", "ab", 3) }, "code: shorter than 3 characters"},
		{"minLength runes", func(v *validator, at *pathNode) { v.minLength(at, "name", "南京掌", 3) }, ""},
		{"minLength absent", func(v *validator, at *pathNode) { v.minLength(at, "code", "", 3) }, ""},

		{"pattern match", func(v *validator, at *pathNode) { v.pattern(at, "value", "-12.50", testDigits, "not a number") }, ""},
		{"pattern mismatch", func(v *validator, at *pathNode) { v.pattern(at, "value", "12元", testDigits, "not a number") }, "value: not a number"},
		{"pattern absent", func(v *validator, at *pathNode) { v.pattern(at, "value", "", testDigits, "not a number") }, ""},
		{"layout", func(v *validator, at *pathNode) {
			v.pattern(at, "audit_time", "2024-01-01T08:00:00", testDateTime, "not in the layout yyyy-MM-dd HH:mm:ss")
		}, "audit_time: not in the layout yyyy-MM-dd HH:mm:ss"},

		{"maximum at", func(v *validator, at *pathNode) { v.maximum(at, "page_length", 1000, 1000) }, ""},
		{"maximum over", func(v *validator, at *pathNode) { v.maximum(at, "page_length", 1001, 1000) }, "page_length: greater than 1000"},
		{"maximum fraction", func(v *validator, at *pathNode) { v.maximum(at, "ratio", 0.75, 0.5) }, "ratio: greater than 0.5"},
		{"minimum under", func(v *validator, at *pathNode) { v.minimum(at, "page", 0, 1) }, "page: less than 1"},
		{"minimum at", func(v *validator, at *pathNode) { v.minimum(at, "page", 1, 1) }, ""},

		{"maxItems", func(v *validator, at *pathNode) { v.maxItems(at, "ids", 3, 2) }, "ids: more than 2 items"},
		{"minItems", func(v *validator, at *pathNode) { v.minItems(at, "ids", 0, 1) }, "ids: fewer than 1 items"},

		{"decimal", func(v *validator, at *pathNode) { v.decimal(at, "amount", "12345678.99", testNumeric) }, ""},
		{"decimal negative", func(v *validator, at *pathNode) { v.decimal(at, "amount", "-0.5", testNumeric) }, ""},
		{"decimal absent", func(v *validator, at *pathNode) { v.decimal(at, "amount", "", testNumeric) }, ""},
		{"decimal integer digits", func(v *validator, at *pathNode) { v.decimal(at, "amount", "123456789", testNumeric) }, "amount: too many digits"},
		{"decimal scale", func(v *validator, at *pathNode) { v.decimal(at, "amount", "1.234", testNumeric) }, "amount: too many digits"},
		{"decimal text", func(v *validator, at *pathNode) { v.decimal(at, "amount", "十二", testNumeric) }, "amount: not a decimal number"},
		{"decimal NaN", func(v *validator, at *pathNode) { v.decimal(at, "amount", "NaN", nil) }, "amount: not a decimal number"},
		{"decimal exponent", func(v *validator, at *pathNode) { v.decimal(at, "amount", "1e5", nil) }, "amount: not a decimal number"},
		{"decimal without digit limits", func(v *validator, at *pathNode) { v.decimal(at, "amount", "123456789012.345", nil) }, ""},

		{"oneOf ok", func(v *validator, at *pathNode) { v.oneOf(at, "type", true, "1, 2") }, ""},
		{"oneOf not", func(v *validator, at *pathNode) { v.oneOf(at, "type", false, "1, 2") }, "type: not one of 1, 2"},

		{"nested path", func(v *validator, at *pathNode) {
			l := at.member("reqInfo")
			e := l.item(1)
			d := e.member("data")
			e2 := d.item(0)
			v.pattern(&e2, "value", "abc", testDigits, "not a number")
		}, "reqInfo[1].data[0].value: not a number"},
		{"list item without a key", func(v *validator, at *pathNode) {
			l := at.member("ids")
			e := l.item(2)
			v.maxLength(&e, "", "abcd", 3)
		}, "ids[2]: longer than 3 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v validator
			tt.run(&v, nil)
			err := v.err()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestValidationErrorListsEveryViolation(t *testing.T) {
	var v validator
	v.required(nil, "cid", false)
	v.maxLength(nil, "name", "南京掌控网络", 2)
	items := (*pathNode)(nil).member("items")
	second := items.item(1)
	v.maximum(&second, "qty", 5, 3)
	err := fmt.Errorf("request: %w", v.err())

	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("errors.As failed on %v", err)
	}
	want := []Violation{
		{Path: "cid", Message: "required"},
		{Path: "name", Message: "longer than 2 characters"},
		{Path: "items[1].qty", Message: "greater than 3"},
	}
	if !reflect.DeepEqual(ve.Violations, want) {
		t.Fatalf("violations = %+v", ve.Violations)
	}
	if got := ve.Error(); got != "cid: required; name: longer than 2 characters; items[1].qty: greater than 3" {
		t.Fatalf("Error() = %q", got)
	}
}

// A value breaking a rule a million times is answered with the first
// violations and a count, and counting the rest allocates nothing.
func TestValidationErrorIsBounded(t *testing.T) {
	const n = 1000000
	var v validator
	items := (*pathNode)(nil).member("items")
	for i := range n {
		e := items.item(i)
		v.required(&e, "qty", false)
	}
	var ve *ValidationError
	if !errors.As(v.err(), &ve) {
		t.Fatalf("err = %v", v.err())
	}
	if len(ve.Violations) != maxViolations || ve.More != n-maxViolations {
		t.Fatalf("%d violations listed, %d more", len(ve.Violations), ve.More)
	}
	text := ve.Error()
	if !strings.HasPrefix(text, "items[0].qty: required; items[1].qty: required; ") || !strings.HasSuffix(text, "items[19].qty: required; and 999980 more") {
		t.Fatalf("Error() = %q", text)
	}

	if raceEnabled {
		return
	}
	allocs := testing.AllocsPerRun(100, func() {
		e := items.item(n)
		v.required(&e, "qty", false)
	})
	if allocs != 0 {
		t.Fatalf("a violation past the first %d allocates %v times", maxViolations, allocs)
	}
}

// Map entries are named by the request; a path quotes them in part, and a
// path deep in a recursive type keeps its two ends.
func TestViolationPathsAreBounded(t *testing.T) {
	var v validator
	ext := (*pathNode)(nil).member("ext")
	long := ext.entry(strings.Repeat("键", 1<<18))
	v.maxLength(&long, "", "abcd", 3)
	nodes := make([]pathNode, 1, 10001)
	nodes[0] = (*pathNode)(nil).member("tree")
	for i := range 5000 {
		nodes = append(nodes, nodes[len(nodes)-1].member("children"))
		nodes = append(nodes, nodes[len(nodes)-1].item(i))
	}
	v.required(&nodes[len(nodes)-1], "name", false)
	var ve *ValidationError
	if !errors.As(v.err(), &ve) || len(ve.Violations) != 2 {
		t.Fatalf("err = %.300v", v.err())
	}
	if got, want := ve.Violations[0].Path, "ext."+strings.Repeat("键", maxQuoted/3)+"…"; got != want {
		t.Errorf("entry path = %q, want %q", got, want)
	}
	if got := ve.Violations[1].Path; len(got) > maxPath+len("…") || !strings.HasPrefix(got, "tree.children[0]") || !strings.HasSuffix(got, "children[4999].name") {
		t.Errorf("deep path = %q", got)
	}
}

func TestValidatorNilErrorIsUntyped(t *testing.T) {
	var v validator
	v.required(nil, "cid", true)
	if err := v.err(); err != nil {
		t.Fatalf("err = %#v, want a nil interface", err)
	}
}

// testValidate is what generated code writes for a value with a list of
// objects with a pattern: the shape that must not allocate when valid.
func testValidate(v *validator, at *pathNode, values []testValue, keys []string) {
	l1 := at.member("data")
	for i := range values {
		e := l1.item(i)
		v.maxLength(&e, "key", values[i].Key, 200)
		v.pattern(&e, "key", keys[i], testDigits, "not a number")
		v.maximum(&e, "value", values[i].Value, 1000)
		v.decimal(&e, "key", keys[i], testNumeric)
	}
}

func TestValidatingValidValuesDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	values := []testValue{{Key: "新增字段", Value: 12}, {Key: "字段测试", Value: 22.99}}
	keys := []string{"12.00", "-22.99"}
	allocs := testing.AllocsPerRun(1000, func() {
		var v validator
		root := (*pathNode)(nil).member("reqInfo")
		item := root.item(1)
		testValidate(&v, &item, values, keys)
		if v.err() != nil {
			panic("invalid")
		}
	})
	if allocs != 0 {
		t.Fatalf("validating a valid value allocates %v times", allocs)
	}
}
