package oas

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// CheckExample validates an example (raw JSON or a decoded value) against
// a schema as OpenAPI 3.1 reads it: JSON Schema 2020-12, every value as
// written, null and "" included. JSON Schema treats contentSchema as an
// annotation only; here a string that carries JSON is parsed and checked
// against it too, so an envelope whose data travels as a JSON string
// (Waiqin's response_data) is checked down to the data's fields.
func CheckExample(s *openapi3.Schema, example any) error {
	return newValidChecker().check(s, example)
}

// check is CheckExample with what c has learned of the spec's schemas.
func (c *validChecker) check(s *openapi3.Schema, example any) error {
	raw, err := json.Marshal(example)
	if err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	var problems []string
	if err := c.visit(s, v); err != nil {
		problems = flatten(err, "", problems)
	} else {
		problems = c.checkContent(s, v, "", 0, problems)
	}
	if len(problems) == 0 {
		return nil
	}
	return &ExampleError{Problems: problems}
}

// ExampleError lists what in an example breaks its schema, one problem
// each, each naming the JSON pointer of the value, in a stable order.
type ExampleError struct {
	Problems []string
}

// maxProblems is how many problems the message lists; the rest are
// counted.
const maxProblems = 5

func (e *ExampleError) Error() string {
	ps := slices.Compact(slices.Sorted(slices.Values(e.Problems)))
	if len(ps) > maxProblems {
		return fmt.Sprintf("%s; and %d more", strings.Join(ps[:maxProblems], "; "), len(ps)-maxProblems)
	}
	return strings.Join(ps, "; ")
}

// visit validates v with kin-openapi, unless c can tell it is valid.
func (c *validChecker) visit(s *openapi3.Schema, v any) error {
	if c.valid(s, v) {
		return nil
	}
	return s.VisitJSON(v, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors())
}

// flatten lists the innermost errors of a kin-openapi validation error,
// their paths below at. The errors of the JSON Schema validator name their
// value's path themselves ("at '/a/b': got null, want string").
func flatten(err error, at string, out []string) []string {
	switch e := err.(type) {
	case nil:
	case *openapi3.SchemaError:
		if e.Origin != nil {
			return flatten(e.Origin, at, out)
		}
		if cause := e.Unwrap(); cause != nil {
			return append(out, below(at, firstLine(cause.Error())))
		}
		return append(out, below(at, fmt.Sprintf("at '/%s': %s", strings.Join(e.JSONPointer(), "/"), e.Reason)))
	case openapi3.MultiError:
		for _, m := range e {
			out = flatten(m, at, out)
		}
	case interface{ Unwrap() []error }:
		for _, m := range e.Unwrap() {
			out = flatten(m, at, out)
		}
	case interface{ Unwrap() error }:
		if inner := e.Unwrap(); inner != nil {
			return flatten(inner, at, out)
		}
		return append(out, below(at, firstLine(err.Error())))
	default:
		return append(out, below(at, firstLine(err.Error())))
	}
	return out
}

// below moves a problem's path under at, the pointer of the string whose
// JSON it is about.
func below(at, problem string) string {
	if at == "" {
		return problem
	}
	if rest, ok := strings.CutPrefix(problem, "at '"); ok {
		rest = strings.TrimPrefix(rest, "/")
		if strings.HasPrefix(rest, "'") {
			return "at '" + at + rest
		}
		return "at '" + at + "/" + rest
	}
	return "at '" + at + "': " + problem
}

// maxContentDepth bounds the walk below: schemas nest as deep as the
// fields do (32 levels at most in specs apigen writes), and a spec loaded
// from elsewhere may refer to itself.
const maxContentDepth = 64

// checkContent finds the strings below v whose schema says they carry
// JSON and checks that JSON against the contentSchema.
func (c *validChecker) checkContent(s *openapi3.Schema, v any, at string, depth int, out []string) []string {
	if s == nil || depth > maxContentDepth {
		return out
	}
	for _, part := range s.AllOf {
		if part != nil {
			out = c.checkContent(part.Value, v, at, depth+1, out)
		}
	}
	switch x := v.(type) {
	case string:
		cs := s.ContentSchema
		if cs == nil || cs.Value == nil || x == "" || !strings.Contains(s.ContentMediaType, "json") {
			break
		}
		var inner any
		if err := json.Unmarshal([]byte(x), &inner); err != nil {
			return append(out, fmt.Sprintf("at '%s': the string should carry JSON (%s) but does not: %v", at, s.ContentMediaType, err))
		}
		if err := c.visit(cs.Value, inner); err != nil {
			return flatten(err, at, out)
		}
		out = c.checkContent(cs.Value, inner, at, depth+1, out)
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			p := s.Properties[k]
			if p == nil {
				p = s.AdditionalProperties.Schema
			}
			if p != nil {
				out = c.checkContent(p.Value, x[k], at+"/"+k, depth+1, out)
			}
		}
	case []any:
		if s.Items != nil {
			for i, it := range x {
				out = c.checkContent(s.Items.Value, it, fmt.Sprintf("%s/%d", at, i), depth+1, out)
			}
		}
	}
	return out
}
