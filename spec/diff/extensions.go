package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/apigen/apigen/spec/oas"
)

// The extension names are spelled out rather than taken from package
// spec's constants so that diff compares any OpenAPI document without
// depending on the stage that builds them.

// ignoredExtensions change with every edit of a doc (a line number, a key
// order) and say nothing about the API; x-apigen-doc-type is reported
// together with the type it explains.
var ignoredExtensions = map[string]bool{
	"x-apigen-source":   true,
	"x-apigen-order":    true,
	"x-apigen-doc-type": true,
}

// wireExtensions change what travels: how requests are signed, how
// responses are wrapped, how a value is written. A client generated from
// the old document sends or reads the old form.
//
// x-go-name is not on the wire, but it names the Go method, type or field
// that code generated from the document is compiled against.
var wireExtensions = map[string]bool{
	oas.ExtGoName:     true,
	oas.ExtProfile:    true,
	oas.ExtEnvelope:   true,
	oas.ExtAuth:       true,
	oas.ExtCredential: true,
	oas.ExtLayout:     true,
	oas.ExtSeparator:  true,
	oas.ExtBodyStream: true,
	// The signing extension of specs written before x-apigen-auth.
	"x-apigen-signing": true,
}

// additiveExtensions add to the code generated from the document when
// they are set: x-apigen-paging gives the client an iterator. Set, they
// are compatible; removed or changed, they take away or change what code
// compiled against the old document uses.
var additiveExtensions = map[string]bool{
	oas.ExtPaging: true,
}

func (c *comparer) extensions(at endpoint, optr, nptr, prefix string, o, n map[string]any) {
	keys := map[string]bool{}
	for k := range o {
		keys[k] = true
	}
	for k := range n {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		if ignoredExtensions[k] || !strings.HasPrefix(k, "x-") {
			continue
		}
		class := Compatible
		if wireExtensions[k] {
			class = Breaking
		}
		ov, inOld := o[k]
		nv, inNew := n[k]
		switch {
		case !inNew:
			if additiveExtensions[k] {
				class = Breaking
			}
			c.add(class, at, optr+"/"+oas.EscapePointer(k), prefix+k+" removed (was "+show(ov)+")")
		case !inOld:
			c.add(class, at, nptr+"/"+oas.EscapePointer(k), prefix+k+" set to "+show(nv))
		case render(ov) != render(nv):
			if additiveExtensions[k] {
				class = Breaking
			}
			c.add(class, at, nptr+"/"+oas.EscapePointer(k), prefix+k+" changed from "+show(ov)+" to "+show(nv))
		}
	}
}

// render is a value's canonical JSON, used both to compare values that
// came from YAML (maps with sorted keys) and to print them.
func render(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func show(v any) string {
	return clip(render(v))
}
