package spec

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
)

// inferConstraints reads what a description states in prose: enums,
// layouts, defaults, limits, separators, numeric-only text. A constraint is
// enforced only when the doc's own examples obey it; otherwise it stays as
// documentation and the contradiction is reported (W012).
func inferConstraints(s *openapi3.Schema, n *node, diags *diag.List) {
	if n.row == nil || s.Type == nil {
		return
	}
	// Enums, layouts and limits are stated in a description's opening
	// sentences; a description that runs on for megabytes is read no
	// further than the parser reads a line.
	desc := parser.ScanPrefix(n.row.Description)
	examples := scalarExamples(n)
	inferEnumOf(s, n, desc, examples, diags)
	inferLayout(s, n, desc, examples, diags)
	inferNumeric(s, n, desc, examples, diags)
	inferMaximum(s, n, desc, examples, diags)
	inferDefault(s, desc)
	if sep := separatorOf(desc); sep != "" && s.Type.Includes(openapi3.TypeString) {
		setExt(s, oas.ExtSeparator, sep)
	}
}

func setExt(s *openapi3.Schema, key string, v any) {
	if s.Extensions == nil {
		s.Extensions = map[string]any{}
	}
	s.Extensions[key] = v
}

// contradiction reports the first example that breaks an inferred rule.
func contradiction(examples []*ljson.Value, ok func(*ljson.Value) bool) *ljson.Value {
	for _, v := range examples {
		if !ok(v) {
			return v
		}
	}
	return nil
}

func inferEnumOf(s *openapi3.Schema, n *node, desc string, examples []*ljson.Value, diags *diag.List) {
	values := inferEnum(desc)
	if len(values) == 0 {
		return
	}
	enum, names, meanings := typedEnum(*s.Type, n.name, values)
	if len(enum) == 0 {
		return // word codes on a number field, 0/1 on a boolean: prose, not an enum
	}
	codes, bools := map[string]bool{}, map[string]bool{}
	for _, v := range values {
		codes[v.Code] = true
		if b, ok := enumAs(openapi3.TypeBoolean, v.Code).(bool); ok {
			bools[strconv.FormatBool(b)] = true // TRUE written for the JSON true
		}
	}
	listed := func(v *ljson.Value) bool {
		return v.Text == "" || codes[v.Text] || v.Kind == ljson.Bool && bools[v.Text]
	}
	if bad := contradiction(examples, listed); bad != nil {
		diags.Add(bad.Pos, diag.ContradictedRule, "%q: the description lists the values %s but the example sends %q; the enum is kept as documentation only",
			n.path(), strings.Join(codeList(values), ", "), bad.Text).Related = []diag.Pos{n.row.Pos}
		setExt(s, oas.ExtDocEnum, enum)
		setExt(s, oas.ExtEnumDescriptions, meanings)
		return
	}
	s.Enum = enum
	setExt(s, oas.ExtEnumDescriptions, meanings)
	setExt(s, oas.ExtEnumVarNames, names)
}

// typedEnum writes the codes a description lists as values of the
// field's own types, in the order of its types: 0 and 1 for a number,
// true and false for a boolean, "0" and "1" for text. An enum value of
// another type than the field's is one no value can equal, so a type
// whose values cannot all be written so (a word code on a number) adds
// none. A field of several types ([string, integer], sent both ways)
// lists the codes once per type; the later copies' constant names carry
// their type.
func typedEnum(types openapi3.Types, field string, values []enumValue) (enum []any, names, meanings []string) {
	var unique ident.Unique
	seen := map[string]bool{}
	for i, t := range types {
		typed := make([]any, len(values))
		for k, v := range values {
			typed[k] = enumAs(t, v.Code)
			if typed[k] == nil {
				typed = nil
				break
			}
		}
		for k, v := range typed {
			key := fmt.Sprintf("%T %v", v, v)
			if seen[key] {
				continue
			}
			seen[key] = true
			name := enumVarName(field, values[k].Code)
			if i > 0 {
				name += ident.Exported(t)
			}
			enum = append(enum, v)
			names = append(names, unique.Next(name))
			meanings = append(meanings, values[k].Meaning)
		}
	}
	return enum, names, meanings
}

// enumAs writes a code as a value of JSON type t, or returns nil when it
// is none.
func enumAs(t, code string) any {
	switch t {
	case openapi3.TypeString:
		return code
	case openapi3.TypeInteger, openapi3.TypeNumber:
		if c, err := strconv.Atoi(code); err == nil && isDigits(code) {
			return c
		}
	case openapi3.TypeBoolean:
		if b, err := strconv.ParseBool(strings.ToLower(code)); err == nil && len(code) > 1 {
			return b
		}
	}
	return nil
}

// enumVarName names an enum constant after its field and code: status 0 →
// Status0, type ZY → TypeZy.
func enumVarName(field, code string) string {
	if ident.Exported(field) == "" {
		field = "value"
	}
	return ident.Exported(field + "_" + code)
}

func codeList(values []enumValue) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.Code
	}
	return out
}

func inferLayout(s *openapi3.Schema, n *node, desc string, examples []*ljson.Value, diags *diag.List) {
	l, ok := findLayout(desc)
	if !ok || (*s.Type)[0] != openapi3.TypeString || s.Pattern != "" {
		return
	}
	if bad := contradiction(examples, func(v *ljson.Value) bool { return v.Text == "" || l.Matches(v.Text) }); bad != nil {
		diags.Add(bad.Pos, diag.ContradictedRule, "%q: the description gives the layout %s but the example sends %q; the layout is kept as documentation only",
			n.path(), l.Doc, bad.Text).Related = []diag.Pos{n.row.Pos}
		setExt(s, oas.ExtDocLayout, l.Canonical)
		return
	}
	setExt(s, oas.ExtLayout, l.Canonical)
	if f := l.Format(); f != "" {
		s.Format = f
		return
	}
	s.Pattern = l.Pattern()
}

// numericOnly matches prose saying a text field holds a number.
var numericOnly = regexp.MustCompile(`仅支持数值|只能为数字|只支持数字|\(数值\)|（数值）|必须为数字`)

const numericPattern = `^-?[0-9]+(\.[0-9]+)?$`

func inferNumeric(s *openapi3.Schema, n *node, desc string, examples []*ljson.Value, diags *diag.List) {
	if !numericOnly.MatchString(desc) || (*s.Type)[0] != openapi3.TypeString || s.Pattern != "" {
		return
	}
	if bad := contradiction(examples, func(v *ljson.Value) bool { return v.Kind != ljson.String || v.Text == "" || numericText(v.Text) }); bad != nil {
		diags.Add(bad.Pos, diag.ContradictedRule, "%q: the description says numbers only but the example sends %q; not enforced", n.path(), bad.Text).Related = []diag.Pos{n.row.Pos}
		return
	}
	s.Pattern = numericPattern
}

// maximumText matches 最大 200, 最大值为 100, 不超过 50, 最多 200.
var maximumText = regexp.MustCompile(`(?:最大(?:值)?|不超过|不能超过|最多|上限)(?:是|为|為|:|：)?\s*([0-9]+)`)

func inferMaximum(s *openapi3.Schema, n *node, desc string, examples []*ljson.Value, diags *diag.List) {
	m := maximumText.FindStringSubmatch(desc)
	if m == nil || !(s.Type.Includes(openapi3.TypeInteger) || s.Type.Includes(openapi3.TypeNumber)) {
		return
	}
	max, _ := strconv.ParseFloat(m[1], 64)
	if bad := contradiction(examples, func(v *ljson.Value) bool {
		f, err := strconv.ParseFloat(v.Text, 64)
		return err != nil || f <= max
	}); bad != nil {
		diags.Add(bad.Pos, diag.ContradictedRule, "%q: the description gives a maximum of %s but the example sends %s; not enforced", n.path(), m[1], bad.Text).Related = []diag.Pos{n.row.Pos}
		return
	}
	s.Max = &max
}

// defaultText matches 默认值为1, 不填默认为3, 默認 20, 默认:"A"; the value
// must look like one (a number, a quoted text or an ASCII word), so
// 默认最大是1000 names no default.
var defaultText = regexp.MustCompile(`默[认認](?:值)?(?:为|為|是|:|：)?\s*([0-9]+(?:\.[0-9]+)?|"[^"]*"|“[^”]*”|'[^']*'|[A-Za-z_][A-Za-z0-9_]*)`)

func inferDefault(s *openapi3.Schema, desc string) {
	m := defaultText.FindStringSubmatchIndex(desc)
	if m == nil {
		inferDefaultByMeaning(s, desc)
		return
	}
	raw := strings.Trim(desc[m[2]:m[3]], `"“”'`)
	switch {
	case s.Type.Includes(openapi3.TypeInteger) || s.Type.Includes(openapi3.TypeNumber):
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return
		}
		if f == float64(int64(f)) {
			s.Default = int64(f)
		} else {
			s.Default = f
		}
	case s.Type.Includes(openapi3.TypeString):
		s.Default = raw
	case s.Type.Includes(openapi3.TypeBoolean):
		if b, err := strconv.ParseBool(raw); err == nil {
			s.Default = b
		}
	default:
		return
	}
	if len(s.Enum) > 0 && !enumHas(s.Enum, s.Default) {
		s.Default = nil
	}
}

// inferDefaultByMeaning maps 不传默认为不限 to the enum code meaning 不限.
func inferDefaultByMeaning(s *openapi3.Schema, desc string) {
	meanings, _ := s.Extensions[oas.ExtEnumDescriptions].([]string)
	if len(s.Enum) == 0 || len(meanings) == 0 {
		return
	}
	i := strings.Index(desc, "默认")
	if i < 0 {
		return
	}
	rest := strings.TrimLeft(desc[i+len("默认"):], "值为是:： ")
	for k, m := range meanings {
		if m != "" && strings.HasPrefix(rest, m) {
			s.Default = s.Enum[k]
			return
		}
	}
}

func enumHas(enum []any, v any) bool {
	for _, e := range enum {
		if e == v || strconv.Quote(toText(e)) == strconv.Quote(toText(v)) {
			return true
		}
	}
	return false
}

func toText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// separatorText matches 多个时逗号分隔, 用#分隔, 以英文逗号隔开.
var separatorText = regexp.MustCompile(`(?:用|以|使用)?\s*(英文逗[号號]|中文逗[号號]|逗[号號]|分[号號]|竖线|豎線|空格|[,，;；|#/、])\s*(?:[(（]\s*\S\s*[)）])?\s*(?:分隔|分割|隔开|隔開)`)

func separatorOf(desc string) string {
	m := separatorText.FindStringSubmatch(desc)
	if m == nil {
		return ""
	}
	switch m[1] {
	case "英文逗号", "英文逗號", "逗号", "逗號", ",":
		return ","
	case "中文逗号", "中文逗號", "，":
		return "，"
	case "分号", "分號", ";", "；":
		return ";"
	case "竖线", "豎線", "|":
		return "|"
	case "空格":
		return " "
	}
	return m[1]
}
