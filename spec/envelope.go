package spec

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
	"github.com/apigen/apigen/spec/profile"
)

// detectEnvelope finds the shape the docs' responses come in: the one
// most endpoints' examples or tables use, nil when none does. The success
// values are the shape's usual ones, or the code a success example sends
// (one with data); either way the doc documents no success values, and a
// diagnostic says which were taken.
func detectEnvelope(docs []*parser.Document, diags *diag.List) *Envelope {
	var best *Envelope
	bestHits := 0
	for _, shape := range profile.Shapes {
		hits := 0
		for _, d := range docs {
			for _, ep := range d.Endpoints {
				if envelopeUsed(ep, shape) {
					hits++
				}
			}
		}
		if hits > bestHits {
			best, bestHits = shape, hits
		}
	}
	if best == nil {
		return nil
	}
	env := *best
	at, from := diag.Pos{File: docs[0].File, Line: 1}, "the usual values for this envelope"
	if v, pos, ok := exampleSuccess(docs, best); ok {
		env.Success, at, from = v, pos, "the code of the doc's success example"
	}
	for _, s := range env.Success {
		if fmt.Sprint(s) == fmt.Sprint(env.FailureCode) {
			env.FailureCode = -1
		}
	}
	if !successDocumented(docs, &env) {
		members := []string{env.Code, env.Message}
		if env.Data != "" {
			members = append(members, env.Data)
		}
		diags.Add(at, diag.AssumedSuccess, "responses come in an envelope of %s; the doc documents no success values: %s %s taken as success (%s); any other is an *APIError (envelope.success in apigen.yaml sets them)",
			strings.Join(members, ", "), env.Code, joinOr(jsonValues(env.Success)), from)
	}
	return &env
}

// successWords mark a code's description as saying which value succeeds
// ("200 表示成功", "0: success").
var successWords = []string{"成功", "success", "Success", "SUCCESS", "正常", "OK", "ok"}

// successDocumented reports whether a response table's row for the code
// names a success value in its description.
func successDocumented(docs []*parser.Document, env *Envelope) bool {
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			for _, t := range ep.Response {
				for _, f := range t.Fields {
					if f.Name != env.Code {
						continue
					}
					for _, s := range env.Success {
						if !strings.Contains(f.Description, fmt.Sprint(s)) {
							continue
						}
						for _, w := range successWords {
							if strings.Contains(f.Description, w) {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

// exampleSuccess reads the code of the first response example that carries
// data: the success code the doc shows. A number is taken with its text
// twin, as vendors send both.
func exampleSuccess(docs []*parser.Document, env *Envelope) ([]any, diag.Pos, bool) {
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			ex := ep.ResponseExample
			if ex == nil || ex.Value == nil {
				continue
			}
			code, data := ex.Value.Get(env.Code), ex.Value.Get(env.Data)
			if code == nil || env.Data != "" && (data == nil || data.Kind == ljson.Null) {
				continue
			}
			switch code.Kind {
			case ljson.Number:
				if n, err := strconv.ParseInt(code.Text, 10, 64); err == nil {
					return []any{n, fmt.Sprint(n)}, ex.Pos, true
				}
			case ljson.String:
				if n, err := strconv.ParseInt(code.Text, 10, 64); err == nil {
					return []any{code.Text, n}, ex.Pos, true
				}
				return []any{code.Text}, ex.Pos, true
			case ljson.Bool:
				return []any{code.Text == "true"}, ex.Pos, true
			}
		}
	}
	return nil, diag.Pos{}, false
}
