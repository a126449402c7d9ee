package oas

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/parser/diag"
)

// Forms kin-openapi does not load, read here before it sees the document,
// so that one schema or operation never costs the whole spec:
//
//   - the tuple form of items (an array of schemas, draft 4 and the 3.0
//     specs that use it) is 3.1's prefixItems, and is read as that;
//   - OpenAPI 3.2's additionalOperations (methods beyond the eight) are
//     reported, each by its pointer: the generator serves the eight.

// normalize rewrites what kin-openapi would refuse and reports what it
// would drop. It reports whether it changed the document. Examples,
// defaults, enums, consts and extensions are data, not OpenAPI objects
// (as Write reads them, see arrange): an example's "items" key is the
// doc's field, left as written.
func normalize(name string, root *yaml.Node, lines *Lines) (changed bool, diags diag.List) {
	var walk func(n *yaml.Node, pointer string, names bool)
	walk = func(n *yaml.Node, pointer string, names bool) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				key, val := n.Content[i], n.Content[i+1]
				at := pointer + "/" + EscapePointer(key.Value)
				switch {
				case names:
					walk(val, at, false)
					continue
				case literal[key.Value]:
					continue
				case strings.HasPrefix(key.Value, "x-"):
					if namesKeyed, isObject := objectExtensions[key.Value]; isObject {
						walk(val, at, namesKeyed)
					}
					continue
				case key.Value == "items" && val.Kind == yaml.SequenceNode && !hasKey(n, "prefixItems"):
					key.Value = "prefixItems"
					changed = true
					diags.Add(posOf(name, lines, at), diag.Unsupported, "%s: items is a list of schemas (the tuple form); it is read as prefixItems, one schema per position", at)
					at = pointer + "/prefixItems"
				case key.Value == "additionalOperations" && val.Kind == yaml.MappingNode && strings.HasPrefix(pointer, "#/paths/"):
					for j := 0; j+1 < len(val.Content); j += 2 {
						method := val.Content[j].Value
						diags.Add(posOf(name, lines, at+"/"+EscapePointer(method)), diag.Unsupported, "%s/%s: the %s operation (OpenAPI 3.2 additionalOperations) is not generated: the client and server serve GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH and TRACE",
							at, EscapePointer(method), strings.ToUpper(method))
					}
					continue
				}
				walk(val, at, userKeyed[key.Value] || key.Value == "definitions")
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, pointer+"/"+strconv.Itoa(i), false)
			}
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, pointer, false)
			}
		}
	}
	walk(root, "#", false)
	return changed, diags
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

// posOf is where the spec writes a pointer: its line when known.
func posOf(name string, lines *Lines, pointer string) diag.Pos {
	return diag.Pos{File: name, Line: lines.Line(pointer)}
}
