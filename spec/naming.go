package spec

import (
	"strings"

	"github.com/apigen/apigen/spec/ident"
)

// genericVerbs are last path segments that name an action but not the
// thing acted on (returnmoneyrecord/add): the operationId then joins the
// previous segment.
var genericVerbs = map[string]bool{
	"add": true, "get": true, "list": true, "update": true, "delete": true, "del": true, "info": true,
	"detail": true, "query": true, "create": true, "remove": true, "save": true, "edit": true,
	"search": true, "page": true, "set": true, "new": true,
}

// operationName derives an operationId from a path: the last segment that
// is not a template, joined to the one before it when it is a generic verb.
func operationName(path string) string {
	var segs []string
	for _, s := range strings.Split(path, "/") {
		if s != "" && !strings.HasPrefix(s, "{") {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return "root"
	}
	last := segs[len(segs)-1]
	if genericVerbs[strings.ToLower(last)] && len(segs) > 1 {
		last = segs[len(segs)-2] + "_" + last
	}
	if name := ident.Unexported(last); name != "" {
		return strings.TrimSuffix(name, "_")
	}
	return "operation"
}

// moduleOf names the module a Waiqin-style path belongs to
// (/api/<module>/v1/<op>), used as the tag when the doc has no group.
func moduleOf(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range segs {
		if i > 0 && len(s) > 1 && s[0] == 'v' && isDigits(s[1:]) {
			return segs[i-1]
		}
	}
	if len(segs) > 1 {
		return segs[0]
	}
	return ""
}

// componentNames are the schema names one operation's types take.
type componentNames struct {
	Request, Body, Result, Response string
}

func namesFor(operationID string) componentNames {
	base := ident.Exported(operationID)
	return componentNames{
		Request:  base + "Request",
		Body:     base + "Body",
		Result:   base + "Result",
		Response: base + "Response",
	}
}
