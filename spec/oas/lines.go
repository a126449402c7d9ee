package oas

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Lines maps JSON pointers ("#/paths/~1order~1query/post") to the line
// of the spec file where each is written.
type Lines map[string]int

// Line returns the line of pointer, or of its nearest enclosing part that
// has one: a diagnostic about a schema's keyword lands on the schema when
// the keyword itself is not written. 0 when nothing encloses it.
func (l Lines) Line(pointer string) int {
	for p := pointer; p != ""; {
		if n, ok := l[p]; ok {
			return n
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}

// linesOf indexes every mapping key and sequence item of a YAML (or JSON)
// document by its JSON pointer.
func linesOf(root *yaml.Node) Lines {
	lines := Lines{}
	var walk func(n *yaml.Node, pointer string, depth int)
	walk = func(n *yaml.Node, pointer string, depth int) {
		if depth > maxIndexDepth {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := pointer + "/" + escape(n.Content[i].Value)
				lines[p] = n.Content[i].Line
				walk(n.Content[i+1], p, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := pointer + "/" + strconv.Itoa(i)
				lines[p] = c.Line
				walk(c, p, depth+1)
			}
		}
	}
	walk(root, "#", 0)
	return lines
}

// maxIndexDepth bounds the walk: deeper parts of a hostile document take
// the line of an enclosing part.
const maxIndexDepth = 64

func escape(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}
