package spec

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/oas"
)

// schemaOf turns a reconciled field tree into a schema. The root is the
// object (or array of objects, when the example is a list) the tree
// describes.
func schemaOf(root *node, diags *diag.List) *openapi3.Schema {
	if len(root.wireKinds) > 0 && root.wireKinds[0] == ljson.Array {
		item := objectSchema(root, diags)
		return &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeArray}, Items: openapi3.NewSchemaRef("", item)}
	}
	return objectSchema(root, diags)
}

// objectSchema makes an object from a node's children, in doc order.
// A node with no children, or at the nesting limit, is a free-form object.
func objectSchema(n *node, diags *diag.List) *openapi3.Schema {
	s := &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeObject}}
	if len(n.children) > 0 && n.level() >= maxNesting {
		cutDeep(n, diags)
	}
	if len(n.children) == 0 || n.level() >= maxNesting {
		yes := true
		s.AdditionalProperties = openapi3.AdditionalProperties{Has: &yes}
		return s
	}
	s.Properties = openapi3.Schemas{}
	order := make([]string, 0, len(n.children))
	for _, c := range n.children {
		s.Properties[c.name] = openapi3.NewSchemaRef("", fieldSchema(c, diags))
		order = append(order, c.name)
		if c.row != nil && c.row.Required == parser.RequiredYes {
			s.Required = append(s.Required, c.name)
		}
	}
	s.Extensions = map[string]any{oas.ExtOrder: order}
	return s
}

// cutDeep reports the fields below n, which sits at the nesting limit. The
// diagnostic names the first row (or example key) that nests too deep: a
// node made from a dotted name alone has no line of its own.
func cutDeep(n *node, diags *diag.List) {
	var first diag.Pos
	cut := 0
	// A dotted name can nest thousands of levels below the limit: walk
	// them with a stack of our own, in doc order.
	stack := slices.Clone(n.children)
	slices.Reverse(stack)
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		cut++
		if !first.IsValid() {
			first = c.pos()
		}
		for i := len(c.children) - 1; i >= 0; i-- {
			stack = append(stack, c.children[i])
		}
	}
	at := n.pos()
	if !first.IsValid() {
		first = at
	}
	d := diags.Add(first, diag.NestedTooDeep, "%q is nested %d levels deep, as deep as fields are modelled; it is kept as a free-form object and the %d fields below it were cut",
		n.path(), maxNesting, cut)
	if at.IsValid() && at != first {
		d.Related = []diag.Pos{at}
	}
}

// fieldSchema is the schema of one field: its shape from the table and
// the example, its scalar type from the vocabulary, its constraints from
// the description.
func fieldSchema(n *node, diags *diag.List) *openapi3.Schema {
	k := kindOf(n.typ)
	wire := n.wireKinds
	scalarType := k != kindNone && k != kindUnknown && k != kindArray && k != kindObject && k != kindJSON
	// A string the doc says carries JSON (应用输入参数的JSON格式) whose
	// members the tables list is JSON inside a string, not an object.
	jsonText := len(n.children) > 0 && k == kindString && n.row != nil && carriesJSON(n.row.Description)
	if len(n.children) > 0 && scalarType && n.row != nil && !jsonText {
		diags.Add(n.row.Pos, diag.ScalarWithChildren, "%q is typed %q but has nested fields; it was made an object", n.path(), n.row.Type)
	}
	isArray := n.array || k == kindArray
	isObject := len(n.children) > 0 || n.object || k == kindObject
	switch {
	case len(wire) > 0 && wire[0] == ljson.Array && !isArray:
		if n.row != nil && n.row.Type != "" {
			diags.Add(n.exMember.KeyPos, diag.WireTypeConflict, "%q is typed %q but the example sends a list; it was made an array", n.path(), n.row.Type).Related = []diag.Pos{n.row.Pos}
		}
		isArray = true
	case len(wire) > 0 && wire[0] == ljson.Object && isArray && !hasKind(wire, ljson.Array):
		diags.Add(n.exMember.KeyPos, diag.WireTypeConflict, "%q is declared as a list but the example sends an object; it was made an object", n.path()).Related = []diag.Pos{n.pos()}
		isArray, isObject = false, true
	case len(wire) > 0 && wire[0] == ljson.Object && !isObject && !isArray:
		isObject = true
	case len(wire) > 0 && jsonType(wire[0]) != "" && isArray && len(n.children) == 0 && !hasKind(wire, ljson.Array):
		diags.Add(n.exMember.KeyPos, diag.WireTypeConflict, "%q is typed %q but the example sends a single %s; the example decides", n.path(), n.typ.Raw, jsonType(wire[0])).Related = []diag.Pos{n.pos()}
		isArray, k = false, kindFromWire(n)
	}
	var s *openapi3.Schema
	switch {
	case len(n.children) > 0 && (jsonText || len(wire) > 0 && wire[0] == ljson.String && embeddedJSON(n) != nil):
		// JSON pasted inside a string: a string whose content is the object.
		s = &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}, ContentMediaType: "application/json"}
		s.ContentSchema = openapi3.NewSchemaRef("", objectSchema(n, diags))
		at := n.pos()
		if n.exMember != nil {
			at = n.exMember.KeyPos
		}
		diags.Add(at, diag.JSONInString, "%q sends JSON inside a string; modelled as a string with contentSchema", n.path())
	case isArray:
		var item *openapi3.Schema
		if isObject || len(n.children) > 0 || hasKind(wire, ljson.Object) {
			item = objectSchema(n, diags)
		} else {
			item = itemScalar(n, diags)
		}
		s = &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeArray}, Items: openapi3.NewSchemaRef("", item)}
	case isObject:
		s = objectSchema(n, diags)
	default:
		s = scalarField(n, k, diags)
	}
	describe(s, n)
	acceptAbsent(s, n)
	return s
}

// itemScalar is the item schema of a list without fields: the type text
// names the list itself, so the items' type comes from the example.
func itemScalar(n *node, diags *diag.List) *openapi3.Schema {
	if k := kindOf(n.typ); k != kindArray && k != kindNone && k != kindUnknown && k != kindJSON {
		return scalarSchema(n.typ, k)
	}
	for _, kind := range n.wireKinds {
		switch kind {
		case ljson.String:
			return &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}
		case ljson.Number:
			return &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeNumber}}
		case ljson.Bool:
			return &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeBoolean}}
		}
	}
	return &openapi3.Schema{} // any JSON value: the doc shows none
}

// scalarField types a scalar from its type text, then lets the example's
// wire type widen it: ids the table calls int8 arrive as strings, amounts
// the table calls VARCHAR arrive as numbers.
func scalarField(n *node, k typeKind, diags *diag.List) *openapi3.Schema {
	if k == kindUnknown && n.row != nil {
		diags.Add(n.row.TypePos, diag.UnknownType, "type %q of %q is not in the type vocabulary; typed as a string", n.row.Type, n.path())
	}
	if k == kindNone && n.row == nil {
		k = kindFromWire(n)
	}
	s := scalarSchema(n.typ, k)
	widenToWire(s, n, k, diags)
	checkFractions(s, n, diags)
	checkMaxLength(s, n, diags)
	checkDigits(s, n, diags)
	inferConstraints(s, n, diags)
	checkInt32Range(s, n, diags)
	if ex := firstScalarExample(n); ex != nil {
		s.Examples = []any{ex}
	}
	return s
}

// checkMaxLength keeps a declared length as documentation when the doc's
// own example is longer (VARCHAR(1) holding 端架陈列): enforcing it would
// reject what the vendor itself sends.
func checkMaxLength(s *openapi3.Schema, n *node, diags *diag.List) {
	if s.MaxLength == nil {
		return
	}
	for _, v := range scalarExamples(n) {
		if v.Kind == ljson.String && uint64(utf8.RuneCountInString(v.Text)) > *s.MaxLength {
			diags.Add(v.Pos, diag.ContradictedRule, "%q is declared %q but the example sends %q (%d characters); the length is kept as documentation only",
				n.path(), n.typ.Raw, v.Text, utf8.RuneCountInString(v.Text)).Related = []diag.Pos{n.pos()}
			setExt(s, oas.ExtDocMaxLength, *s.MaxLength)
			s.MaxLength = nil
			return
		}
	}
}

// checkDigits relaxes a NUMERIC(p,s) digit pattern the doc's own example
// breaks (more decimals than the scale): the vendor evidently accepts them.
func checkDigits(s *openapi3.Schema, n *node, diags *diag.List) {
	if s.Format != "decimal" || s.Pattern == "" {
		return
	}
	re := mustCompile(s.Pattern)
	for _, v := range scalarExamples(n) {
		text := strings.TrimSpace(v.Text)
		if text != "" && numericText(text) && !re.MatchString(text) {
			diags.Add(v.Pos, diag.ContradictedRule, "%q is declared %q but the example sends %s; the digit limits are kept as documentation only",
				n.path(), n.typ.Raw, text).Related = []diag.Pos{n.pos()}
			setExt(s, oas.ExtDocPattern, s.Pattern)
			s.Pattern = numericPattern
			return
		}
	}
}

// kindFromWire types a field known only from the example. A field the
// example sends only as "" is taken for text.
func kindFromWire(n *node) typeKind {
	kinds := n.wireKinds
	if len(kinds) == 0 {
		if n.sendsEmpty {
			return kindString
		}
		return kindJSON
	}
	switch kinds[0] {
	case ljson.String:
		return kindString
	case ljson.Number:
		return kindNumber
	case ljson.Bool:
		return kindBool
	}
	return kindJSON
}

// widenToWire reconciles a scalar's declared type with what the examples
// send. The first type listed is what clients send, so a string-wire id
// stays an int64 in Go but travels as a string.
func widenToWire(s *openapi3.Schema, n *node, k typeKind, diags *diag.List) {
	if s.Type == nil || len(n.wireKinds) == 0 {
		return
	}
	declared := (*s.Type)[0]
	for _, w := range n.wireKinds {
		jt := jsonType(w)
		if jt == "" {
			continue
		}
		ex := firstValueOfKind(n, w)
		numeric := declared == openapi3.TypeInteger || declared == openapi3.TypeNumber
		switch {
		case jt == openapi3.TypeString && numeric && !numericText(ex.Text):
			// The example is no number at all (a date in an INT8 column):
			// the table's type is wrong, the field is text.
			diags.Add(ex.Pos, diag.WireTypeConflict, "%q is typed %q but the example sends %q; typed as a string", n.path(), n.typ.Raw, ex.Text).Related = []diag.Pos{n.pos()}
			*s = openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}
			return
		case s.Type.Includes(jt) || (jt == openapi3.TypeNumber && s.Type.Includes(openapi3.TypeInteger)):
		case jt == openapi3.TypeString:
			*s.Type = append(*s.Type, openapi3.TypeString)
		case declared == openapi3.TypeString && n.row != nil:
			diags.Add(ex.Pos, diag.WireTypeConflict, "%q is typed %q but the example sends %s %s; both are accepted", n.path(), n.typ.Raw, jt, ex.Text).Related = []diag.Pos{n.row.Pos}
			*s.Type = append(*s.Type, jt)
		default:
			*s.Type = append(*s.Type, jt)
		}
	}
	// The first type is what clients send: numbers the vendor's examples
	// send as strings keep travelling as strings.
	if n.wireKinds[0] == ljson.String && s.Type.Includes(openapi3.TypeString) && (*s.Type)[0] != openapi3.TypeString {
		rest := openapi3.Types{openapi3.TypeString}
		for _, t := range *s.Type {
			if t != openapi3.TypeString {
				rest = append(rest, t)
			}
		}
		*s.Type = rest
	}
}

func jsonType(k ljson.Kind) string {
	switch k {
	case ljson.String:
		return openapi3.TypeString
	case ljson.Number:
		return openapi3.TypeNumber
	case ljson.Bool:
		return openapi3.TypeBoolean
	}
	return ""
}

func hasKind(kinds []ljson.Kind, k ljson.Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func numericText(s string) bool {
	var f json.Number = json.Number(strings.TrimSpace(s))
	_, err := f.Float64()
	return err == nil
}

func firstValueOfKind(n *node, k ljson.Kind) *ljson.Value {
	for _, v := range n.examples {
		if v.Kind == k {
			return v
		}
		if v.Kind == ljson.Array {
			for _, it := range v.Items {
				if it.Kind == k {
					return it
				}
			}
		}
	}
	return &ljson.Value{Kind: k}
}

// scalarExamples lists the scalar values the examples give a field.
func scalarExamples(n *node) []*ljson.Value {
	var out []*ljson.Value
	for _, v := range n.examples {
		switch v.Kind {
		case ljson.String, ljson.Number, ljson.Bool:
			out = append(out, v)
		}
	}
	return out
}

func firstScalarExample(n *node) any {
	for _, v := range scalarExamples(n) {
		if v.Kind == ljson.String && v.Text == "" {
			continue // "" stands for "not given", not for a value
		}
		raw, err := v.MarshalJSON()
		if err == nil {
			return json.RawMessage(raw)
		}
	}
	return nil
}

// embeddedJSON returns the first JSON document an example carries inside
// a string.
// carriesJSON reports a description saying its string holds JSON.
func carriesJSON(desc string) bool {
	return strings.Contains(strings.ToLower(desc), "json")
}

func embeddedJSON(n *node) *ljson.Value {
	for _, v := range n.examples {
		if v.Kind == ljson.String && v.Embedded != nil {
			return v.Embedded
		}
	}
	return nil
}

// describe carries the row's description and doc-only facts onto s.
func describe(s *openapi3.Schema, n *node) {
	var descs []string
	if n.row != nil {
		descs = append(descs, n.row.Description)
		for _, m := range n.merged {
			if m.Description != n.row.Description {
				descs = append(descs, m.Description)
			}
		}
	} else if n.exMember != nil && n.exMember.Comment != "" {
		descs = append(descs, n.exMember.Comment)
	}
	s.Description = strings.TrimSpace(strings.Join(nonEmpty(descs), "\n"))
	if n.row == nil {
		if n.fromEx {
			// Known from the doc's example alone: no table declares it.
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions[oas.ExtFromExample] = true
		}
		return
	}
	if s.Extensions == nil {
		s.Extensions = map[string]any{}
	}
	if n.row.Type != "" {
		s.Extensions[oas.ExtDocType] = n.row.Type
	}
	if len(n.row.Extra) > 0 {
		cols := map[string]string{}
		for _, c := range n.row.Extra {
			if c.Value != "" {
				cols[c.Header] = c.Value
			}
		}
		if len(cols) > 0 {
			s.Extensions[oas.ExtDocColumns] = cols
		}
	}
	if n.row.Required == parser.RequiredNo && n.row.RequiredRaw != "" && !isPlainNo(n.row.RequiredRaw) {
		s.Extensions[oas.ExtRequired] = n.row.RequiredRaw
	}
	if len(s.Extensions) == 0 {
		s.Extensions = nil
	}
}

// isPlainNo reports a required cell that says only "no"; anything richer
// (特殊可选, 条件必填) is kept for readers.
func isPlainNo(raw string) bool {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "否", "n", "no", "false", "可选", "选填", "非必填", "0":
		return true
	}
	return false
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
