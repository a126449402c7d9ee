package spec

import (
	"fmt"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec/profile"
)

// Profile is a vendor's wire conventions (spec/profile has the table).
type Profile = profile.Vendor

// Envelope is a response wrapper (spec/profile has the shapes).
type Envelope = profile.Envelope

// ProfileNames lists the known profiles, for -h and config validation.
func ProfileNames() []string { return profile.Names() }

// detectProfile picks the profile whose host the docs call, else the one
// whose envelope keys the response examples or envelope tables use.
func detectProfile(docs []*parser.Document) *Profile {
	for _, d := range docs {
		for _, ep := range d.Endpoints {
			if v := profile.ForURL(ep.URL); v != nil {
				return v
			}
		}
	}
	best, bestHits := (*Profile)(nil), 0
	for _, p := range profile.Vendors {
		if len(p.Hosts) > 0 {
			// A vendor known by its host signs requests too: its envelope's
			// names alone (return_code, return_msg, response_data) do not
			// make another vendor's doc its own.
			continue
		}
		hits := 0
		for _, d := range docs {
			for _, ep := range d.Endpoints {
				if envelopeUsed(ep, p.Envelope) && !contradictsSuccess(docs, p.Envelope) {
					hits++
				}
			}
		}
		if hits > bestHits {
			best, bestHits = p, hits
		}
	}
	return best
}

// contradictsSuccess reports whether the docs' success example sends a
// code the envelope does not count as success: the same member names
// with another vendor's codes (errCode 0 where the profile's success is
// 1000), which the generic shapes then describe.
func contradictsSuccess(docs []*parser.Document, env *Envelope) bool {
	got, _, ok := exampleSuccess(docs, env)
	if !ok {
		return false
	}
	for _, g := range got {
		for _, s := range env.Success {
			if fmt.Sprint(g) == fmt.Sprint(s) {
				return false
			}
		}
	}
	return true
}

// envelopeUsed reports whether an endpoint's response example or tables
// carry all of the envelope's own fields: its code, its message and its
// data member. Code and message alone are what any API's error body has
// (return_code and return_msg, error_code and error_msg); taking them for
// the profile would wrap every response in another vendor's envelope.
func envelopeUsed(ep *parser.Endpoint, env *Envelope) bool {
	if env == nil {
		return false
	}
	keys := []string{env.Code, env.Message, env.Data}
	if ex := ep.ResponseExample; ex != nil && ex.Value != nil {
		all := true
		for _, k := range keys {
			all = all && (k == "" || ex.Value.Get(k) != nil)
		}
		if all {
			return true
		}
	}
	for _, t := range ep.Response {
		names := map[string]bool{}
		for _, f := range t.Fields {
			names[f.Name] = true
		}
		all := true
		for _, k := range keys {
			all = all && (k == "" || names[k])
		}
		if all {
			return true
		}
	}
	return false
}
