package spec

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/ident"
	"github.com/apigen/apigen/spec/oas"
	"github.com/apigen/apigen/spec/profile"
)

// Adopt gives a spec apigen did not build (a vendor's OpenAPI or Swagger
// file, a doc platform's group) what Build gives docs: the vendor profile its
// servers' host names, else the envelope most of its JSON responses come
// in ({code, msg, data}: Spring Boot's R<T> and its kin), as
// x-apigen-envelope, so the client unwraps it. A spec that already says
// (x-apigen-profile or x-apigen-envelope) is left as it is; so is one
// whose responses share no envelope.
func Adopt(t *openapi3.T, name string) diag.List {
	var diags diag.List
	if t == nil || t.Extensions[oas.ExtProfile] != nil || t.Extensions[oas.ExtEnvelope] != nil {
		return diags
	}
	for _, s := range t.Servers {
		if v := profile.ForURL(s.URL); v != nil {
			nameSpringfoxOperations(t)
			if t.Extensions == nil {
				t.Extensions = map[string]any{}
			}
			t.Extensions[oas.ExtProfile] = v.Name
			if v.Envelope != nil {
				oas.SetEnvelope(t, v.Envelope)
			}
			if v.Auth != nil && t.Extensions[oas.ExtAuth] == nil && len(v.Credentials) == 0 {
				oas.SetAuth(t, v.Auth)
			}
			return diags
		}
	}
	nameSpringfoxOperations(t)
	responses := jsonResponses(t)
	var best *profile.Envelope
	bestHits := 0
	for _, shape := range profile.Shapes {
		hits := 0
		for _, s := range responses {
			if carries(s, shape) {
				hits++
			}
		}
		if hits > bestHits {
			best, bestHits = shape, hits
		}
	}
	// Most responses, not one: an API whose one error schema has a code
	// and a message is not an enveloped API.
	if best == nil || bestHits*2 < len(responses) {
		return diags
	}
	env := *best
	members := []string{env.Code, env.Message}
	if env.Data != "" {
		members = append(members, env.Data)
	}
	diags.Add(diag.Pos{File: name}, diag.AssumedSuccess, "%d of the spec's %d JSON responses come in an envelope of %s; the spec documents no success values: %s %s taken as success; any other is an *APIError (envelope.success in apigen.yaml sets them)",
		bestHits, len(responses), strings.Join(members, ", "), env.Code, joinOr(jsonValues(env.Success)))
	oas.SetEnvelope(t, &env)
	return diags
}

// jsonResponses are the schemas of the operations' first 2xx JSON
// responses, one per operation.
func jsonResponses(t *openapi3.T) []*openapi3.Schema {
	var out []*openapi3.Schema
	if t.Paths == nil {
		return out
	}
	for _, path := range t.Paths.InMatchingOrder() {
		for _, op := range t.Paths.Value(path).Operations() {
			if op.Responses == nil {
				continue
			}
			for code := 200; code < 300; code++ {
				r := op.Responses.Value(fmt.Sprint(code))
				if r == nil || r.Value == nil {
					continue
				}
				for media, mt := range r.Value.Content {
					// springfox answers "*/*": JSON, whenever it has a schema.
					if (strings.Contains(media, "json") || media == "*/*") && mt.Schema != nil && mt.Schema.Value != nil {
						out = append(out, mt.Schema.Value)
						break
					}
				}
				break
			}
		}
	}
	return out
}

// carries reports whether a response schema has the envelope's members.
func carries(s *openapi3.Schema, env *profile.Envelope) bool {
	for _, m := range []string{env.Code, env.Message, env.Data} {
		if m != "" && s.Properties[m] == nil {
			return false
		}
	}
	return true
}

// springfoxSuffix is what springfox appends to a method's name to make an
// operationId (getMemberUsingGET, listUsingGET_1): it says the HTTP
// method again, and the number tells apart Java methods of one name.
var springfoxSuffix = regexp.MustCompile(`^(.+)Using(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE)(_\d+)?$`)

// nameSpringfoxOperations names an operation by its Java method, not by
// springfox's operationId, where that name is the operation's alone:
// GetMember, not GetMemberUsingGet.
func nameSpringfoxOperations(t *openapi3.T) {
	if t.Paths == nil {
		return
	}
	type named struct {
		op   *openapi3.Operation
		name string
	}
	var ops []named
	count := map[string]int{}
	for _, path := range t.Paths.InMatchingOrder() {
		for _, op := range t.Paths.Value(path).Operations() {
			name := op.OperationID
			if m := springfoxSuffix.FindStringSubmatch(name); m != nil {
				name = m[1]
			}
			name = ident.Exported(name)
			ops = append(ops, named{op, name})
			count[name]++
		}
	}
	for _, o := range ops {
		if o.name == "" || count[o.name] > 1 || o.op.Extensions[oas.ExtGoName] != nil || !springfoxSuffix.MatchString(o.op.OperationID) {
			continue
		}
		if o.op.Extensions == nil {
			o.op.Extensions = map[string]any{}
		}
		o.op.Extensions[oas.ExtGoName] = o.name
	}
}
