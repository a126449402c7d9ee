package spec

import (
	"fmt"
	"github.com/apigen/apigen/spec/profile"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/spec/oas"
)

// The spec says some things only where most renderers do not look: the
// signing scheme and the envelope in x-apigen-* extensions, the data of
// a response in the contentSchema of a string. This file writes them out
// in descriptions too, for readers of rendered docs and for generators
// that skip both.

// maxListedFields is how many fields a result's description lists; the
// rest are counted.
const maxListedFields = 15

// resultProse describes the data an envelope carries as JSON inside a
// string: the named schema and its fields.
func resultProse(env *Envelope, data *openapi3.SchemaRef, components openapi3.Schemas) string {
	if env == nil || !env.DataInString() || data == nil {
		return ""
	}
	what, name := "", ""
	s := data
	switch {
	case data.Ref != "":
		name = strings.TrimPrefix(data.Ref, "#/components/schemas/")
		what = fmt.Sprintf("a `%s`", name)
		s = components[name]
	case data.Value != nil && data.Value.Items != nil && data.Value.Items.Ref != "":
		name = strings.TrimPrefix(data.Value.Items.Ref, "#/components/schemas/")
		what = fmt.Sprintf("a list of `%s`", name)
		s = components[name]
	case data.Value != nil:
		return fmt.Sprintf("The result travels as JSON inside the string `%s`: %s.", env.Data, typeProse(data.Value))
	}
	if s == nil || s.Value == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The result travels as JSON inside the string `%s`: %s (#/components/schemas/%s)", env.Data, what, name)
	names := oas.PropertyOrder(s.Value)
	if len(names) == 0 {
		b.WriteString(".")
		return b.String()
	}
	b.WriteString(", with the fields:\n")
	for i, n := range names {
		if i == maxListedFields {
			fmt.Fprintf(&b, "\n- … and %d more", len(names)-i)
			break
		}
		p := s.Value.Properties[n]
		fmt.Fprintf(&b, "\n- `%s` (%s)", n, typeProse(p.Value))
		if p.Value != nil {
			if d := firstLineOf(p.Value.Description); d != "" {
				b.WriteString(": " + d)
			}
		}
	}
	return b.String()
}

// typeProse names a schema's type in a few words: "string", "integer or
// string", "list of object".
func typeProse(s *openapi3.Schema) string {
	if s == nil || s.Type == nil || len(*s.Type) == 0 {
		return "any JSON"
	}
	var words []string
	for _, t := range *s.Type {
		switch {
		case t == openapi3.TypeNull:
			continue
		case t == openapi3.TypeArray && s.Items != nil && s.Items.Value != nil && s.Items.Ref == "":
			t = "list of " + typeProse(s.Items.Value)
		case t == openapi3.TypeArray && s.Items != nil && s.Items.Ref != "":
			t = "list of " + strings.TrimPrefix(s.Items.Ref, "#/components/schemas/")
		case t == openapi3.TypeArray:
			t = "list"
		case t == openapi3.TypeString && s.MaxLength != nil && *s.MaxLength == 0 && len(*s.Type) > 1:
			continue // the "" the doc sends for absent
		}
		words = append(words, t)
	}
	if len(words) == 0 {
		return "null"
	}
	return strings.Join(words, " or ")
}

// firstLineOf is a description's first line, cut to 60 characters.
func firstLineOf(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:59]) + "…"
	}
	return s
}

// profileProse explains an API's envelope and auth in sentences, from the
// same data the x-apigen-envelope and x-apigen-auth extensions carry.
func profileProse(e *Envelope, auth *authPlan) string {
	var parts []string
	if e != nil {
		var b strings.Builder
		fields := []string{"`" + e.Code + "`", "`" + e.Message + "`"}
		if e.MsgID != "" {
			fields = append(fields, "`"+e.MsgID+"`")
		}
		if e.Data != "" {
			fields = append(fields, "`"+e.Data+"`")
		}
		fmt.Fprintf(&b, "Every response is wrapped in an envelope of %s. The call succeeded when `%s` is %s; any other code is a failure, explained in `%s`.",
			joinWords(fields), e.Code, joinOr(jsonValues(e.Success)), e.Message)
		if e.MsgID != "" {
			fmt.Fprintf(&b, " `%s` echoes the request's message id.", e.MsgID)
		}
		switch {
		case e.DataInString():
			fmt.Fprintf(&b, " `%s` carries the result as JSON inside a string (null when there is none); each operation's response gives its schema as the string's contentSchema and lists its fields.", e.Data)
		case e.Data != "":
			fmt.Fprintf(&b, " `%s` holds the result.", e.Data)
		}
		if len(e.Paging) > 0 {
			fmt.Fprintf(&b, " List responses also carry %s.", joinWords(quoted(e.Paging)))
		}
		parts = append(parts, b.String())
	}
	if s := authProse(auth); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, "\n\n")
}

// authProse explains how requests are authenticated: which parameters the
// client fills from credentials, and the recipe with its source.
func authProse(p *authPlan) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	if len(p.credentials) > 0 {
		var names []string
		for _, c := range p.credentials {
			names = append(names, "`"+c.Name+"`")
		}
		verb := "authenticated"
		if p.auth.Scheme == profile.SchemeWaiqin || p.auth.Scheme == profile.SchemeSortedSign {
			verb = "signed"
		}
		where := map[string]string{"path": "path", "query": "query", "header": "header"}[p.roleIn[p.credentials[0].Name]]
		noun := "parameters"
		if len(names) == 1 {
			noun = "parameter"
		}
		fmt.Fprintf(&b, "Requests are %s: the client fills the %s %s %s from its credentials on every call.", verb, where, noun, joinWords(names))
		for _, c := range p.credentials {
			fmt.Fprintf(&b, " `%s`: %s", c.Name, c.Description)
		}
	}
	if a := p.auth; a.Digest != "" {
		fmt.Fprintf(&b, " The digest is %s", a.Digest)
		if a.TimestampLayout != "" {
			fmt.Fprintf(&b, ", with the timestamp written %s", a.TimestampLayout)
			if a.Timezone != "" {
				fmt.Fprintf(&b, " in %s", a.Timezone)
			}
		}
		b.WriteString(".")
	}
	if src := p.auth.Source; src != "" {
		fmt.Fprintf(&b, " Source: %s.", strings.TrimSuffix(src, "."))
	}
	return strings.TrimSpace(b.String())
}

func jsonValues(vs []any) []string {
	var out []string
	for _, v := range vs {
		if s, ok := v.(string); ok {
			out = append(out, fmt.Sprintf("`%q`", s))
			continue
		}
		out = append(out, fmt.Sprintf("`%v`", v))
	}
	return out
}

func quoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "`" + n + "`"
	}
	return out
}

// joinWords joins a, b and c.
func joinWords(ws []string) string {
	return joinLast(ws, "and")
}

// joinOr joins a, b or c.
func joinOr(ws []string) string {
	return joinLast(ws, "or")
}

func joinLast(ws []string, last string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(slices.Clone(ws[:len(ws)-1]), ", ") + " " + last + " " + ws[len(ws)-1]
}
