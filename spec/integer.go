package spec

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

// checkFractions retypes an integer field whose examples send a fraction:
// the table's INT is wrong, and a client decoding 99.50 into an integer
// would fail on the vendor's own answer. A fraction sent as text
// ("99.50") is an amount whose digits matter: a decimal carried as a
// string. A bare one (99.5) is a number.
func checkFractions(s *openapi3.Schema, n *node, diags *diag.List) {
	if !s.Type.Includes(openapi3.TypeInteger) {
		return
	}
	for _, v := range scalarExamples(n) {
		text := strings.TrimSpace(v.Text)
		if v.Kind == ljson.Bool || !numericText(text) || isWhole(text) {
			continue
		}
		if v.Kind == ljson.String {
			diags.Add(v.Pos, diag.WireTypeConflict, "%q is typed %q but the example sends %q, a fraction; typed as a decimal number carried as a string", n.path(), n.typ.Raw, text).Related = []diag.Pos{n.pos()}
			*s = openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString, openapi3.TypeNumber}, Format: "decimal", Pattern: decimalPattern(nil)}
			return
		}
		diags.Add(v.Pos, diag.WireTypeConflict, "%q is typed %q but the example sends %s, a fraction; typed as a number", n.path(), n.typ.Raw, text).Related = []diag.Pos{n.pos()}
		types := openapi3.Types{}
		for _, t := range *s.Type {
			if t == openapi3.TypeInteger {
				t = openapi3.TypeNumber
			}
			types = append(types, t)
		}
		*s = openapi3.Schema{Type: &types}
		if types.Includes(openapi3.TypeString) {
			s.Pattern = numericPattern
		}
		return
	}
}

func isWhole(text string) bool {
	f, err := strconv.ParseFloat(text, 64)
	return err == nil && f == math.Trunc(f)
}

// millisTimestamp matches a description saying the field holds a
// timestamp in milliseconds (毫秒时间戳, unix毫秒时间戳, epoch millis):
// every such value since 1970-01-26 is beyond 32 bits.
var millisTimestamp = regexp.MustCompile(`(?i)毫秒(?:级)?(?:时间戳|时间)|时间戳[(（]?毫秒|millis|milliseconds? (?:since|timestamp)|timestamp in milliseconds|\bms timestamp`)

// checkInt32Range widens a 32-bit integer to 64 bits when a value the doc
// gives for it (an example, a default, a maximum, an enum code) or the
// description (a millisecond timestamp) needs more: a client holding it
// in 32 bits would fail on the vendor's own value.
func checkInt32Range(s *openapi3.Schema, n *node, diags *diag.List) {
	if s.Format != "int32" {
		return
	}
	widen := func(at diag.Pos, what string) {
		d := diags.Add(at, diag.WireTypeConflict, "%q is typed %q but %s, beyond 32 bits; typed as a 64-bit integer", n.path(), n.typ.Raw, what)
		if at != n.pos() {
			d.Related = []diag.Pos{n.pos()}
		}
		s.Format = "int64"
	}
	for _, v := range scalarExamples(n) {
		if v.Kind != ljson.Bool && beyond32(strings.TrimSpace(v.Text)) {
			widen(v.Pos, "the example sends "+strings.TrimSpace(v.Text))
			return
		}
	}
	documented := slices.Clone(s.Enum)
	if s.Default != nil {
		documented = append(documented, s.Default)
	}
	if s.Max != nil {
		documented = append(documented, *s.Max)
	}
	for _, v := range documented {
		if text := toText(v); beyond32(text) {
			widen(n.pos(), "the description gives "+text)
			return
		}
	}
	if n.row != nil && millisTimestamp.MatchString(n.row.Description) {
		widen(n.pos(), "the description says it holds millisecond timestamps")
	}
}

func beyond32(text string) bool {
	f, err := strconv.ParseFloat(text, 64)
	return err == nil && (f > math.MaxInt32 || f < math.MinInt32)
}
