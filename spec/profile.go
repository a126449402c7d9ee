package spec

import (
	"fmt"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/spec/oas"
)

// Profile is what apigen knows about one vendor's wire conventions: the
// envelope around every response and how requests are authenticated. It
// is data, not code, so a new vendor is one more table entry.
type Profile struct {
	Name     string
	Hosts    []string  // hosts that identify the vendor in request URLs
	Envelope *Envelope // nil when responses are not wrapped
	Auth     []AuthParam
	Signing  *oas.SigningExt // written as x-apigen-signing; read by the generator
	// BodyStream names the request row that stands for the whole JSON body
	// (WiseCRM's `POST流 json(map)`); the other rows of such a request are
	// query parameters.
	BodyStream string
	// QueryOnPost lists rows that travel in the query string even on POST
	// (WiseCRM's op_user).
	QueryOnPost []string
}

// Envelope describes a response wrapper such as
// {return_code, return_msg, msg_id, response_data}.
type Envelope struct {
	Code    string
	Message string
	MsgID   string // "" when the vendor echoes no message id
	Data    string
	// Success lists the code values meaning success, in the types the
	// vendor sends them.
	Success []any
	// CodeTypes is the JSON types of the code, preferred first.
	CodeTypes []string
	// DataInString: the data is a JSON document carried inside a string.
	DataInString bool
	// Paging lists envelope fields that only list responses carry.
	Paging []string
	// FailureCode is what a server answers when the request is rejected.
	FailureCode any
}

// AuthParam is a path parameter the client fills from credentials.
type AuthParam struct {
	Name        string
	Role        string // openid, timestamp, digest, msg_id
	Description string
}

// waiqinSigningSource cites the digest recipe: the vendor's open-platform
// guide (URL 参数说明: digest = md5(消息体|appkey|timestamp), 32 lowercase
// hex; timestamp yyyyMMddHHmmss), with its worked example (appkey
// BFCO0PAgIUgd50c0l6, timestamp 20150806142836 → 74267bf0cae0998a719879ec9b3c7780)
// that the generated signer's test reproduces; the public SDK
// github.com/panying1990/python (waiqinAPI.py) signs the same way.
const waiqinSigningSource = "Waiqin365 open platform guide, URL参数说明: digest = md5(消息体|appkey|timestamp), lowercase hex; worked example appkey BFCO0PAgIUgd50c0l6, timestamp 20150806142836 -> 74267bf0cae0998a719879ec9b3c7780; same recipe in github.com/panying1990/python waiqinAPI.py"

var profiles = []*Profile{
	{
		Name:  "waiqin365",
		Hosts: []string{"openapi.waiqin365.com"},
		Envelope: &Envelope{
			Code: "return_code", Message: "return_msg", MsgID: "msg_id", Data: "response_data",
			Success:      []any{"0", 0},
			CodeTypes:    []string{"string", "integer"},
			DataInString: true,
			FailureCode:  "1",
		},
		Auth: []AuthParam{
			{"openid", "openid", "Tenant identifier issued with the app key (the app key itself is never sent)."},
			{"timestamp", "timestamp", "Request time as yyyyMMddHHmmss in China Standard Time (UTC+8)."},
			{"digest", "digest", "Lowercase hex MD5 of body + \"|\" + appkey + \"|\" + timestamp."},
			{"msg_id", "msg_id", "Caller-chosen unique message id, echoed back in the response."},
		},
		Signing: &oas.SigningExt{
			Scheme:          "waiqin365-md5",
			Digest:          "md5_hex(body + '|' + appkey + '|' + timestamp)",
			TimestampLayout: "yyyyMMddHHmmss",
			Timezone:        "Asia/Shanghai",
			Source:          waiqinSigningSource,
		},
	},
	{
		Name: "errcode",
		Envelope: &Envelope{
			Code: "errCode", Message: "errMsg", Data: "data",
			Success:     []any{1000, "1000"},
			CodeTypes:   []string{"integer", "string"},
			FailureCode: 1001,
		},
	},
	{
		Name: "wisecrm",
		Envelope: &Envelope{
			Code: "error_code", Message: "error_msg", Data: "data",
			Success:     []any{0, "0"},
			CodeTypes:   []string{"integer", "string"},
			Paging:      []string{"total_size", "page_size", "page_no"},
			FailureCode: 1,
		},
		BodyStream:  "POST流",
		QueryOnPost: []string{"op_user"},
	},
}

// ProfileNames lists the known profiles, for -h and config validation.
func ProfileNames() []string {
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name
	}
	return names
}

func profileNamed(name string) *Profile {
	for _, p := range profiles {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// detectProfile picks the profile whose host the docs call, else the one
// whose envelope keys the response examples or envelope tables use.
func detectProfile(docs []*parser.Document) *Profile {
	for _, p := range profiles {
		for _, d := range docs {
			for _, ep := range d.Endpoints {
				for _, h := range p.Hosts {
					if strings.Contains(ep.URL, h) {
						return p
					}
				}
			}
		}
	}
	best, bestHits := (*Profile)(nil), 0
	for _, p := range profiles {
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

// isEnvelopeField reports whether a response row describes the envelope
// rather than the data.
func (e *Envelope) isEnvelopeField(name string) bool {
	if e == nil {
		return false
	}
	switch name {
	case e.Code, e.Message, e.MsgID, e.Data:
		return name != ""
	}
	for _, p := range e.Paging {
		if p == name {
			return true
		}
	}
	return false
}
