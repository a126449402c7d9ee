package oas

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Lines maps JSON pointers ("#/paths/~1order~1query/post") to the line
// of the spec file where each is written. It is kept as a tree of pointer
// tokens, so that the index of a large spec does not hold every pointer
// as a string. A nil *Lines knows no lines.
type Lines struct {
	step map[lineStep]int32 // a part and one token below it → the part there
	line []int32            // part → line; part 0 is the document
}

type lineStep struct {
	part  int32
	token string
}

// add records that the part at token below part is written on line, and
// returns it.
func (l *Lines) add(part int32, token string, line int) int32 {
	if l.step == nil {
		l.step = map[lineStep]int32{}
		l.line = []int32{0}
	}
	id := int32(len(l.line))
	l.line = append(l.line, int32(line))
	l.step[lineStep{part, token}] = id
	return id
}

// Line returns the line of pointer, or of its nearest enclosing part that
// has one: a diagnostic about a schema's keyword lands on the schema when
// the keyword itself is not written. 0 when nothing encloses it.
func (l *Lines) Line(pointer string) int {
	if l == nil {
		return 0
	}
	rest, ok := strings.CutPrefix(pointer, "#")
	if !ok {
		return 0
	}
	part, line := int32(0), int32(0)
	for strings.HasPrefix(rest, "/") {
		token := rest[1:]
		rest = ""
		if i := strings.IndexByte(token, '/'); i >= 0 {
			token, rest = token[:i], token[i:]
		}
		next, ok := l.step[lineStep{part, token}]
		if !ok {
			break
		}
		part, line = next, l.line[next]
	}
	return int(line)
}

// linesOf indexes every mapping key and sequence item of a YAML (or JSON)
// document by its JSON pointer.
func linesOf(root *yaml.Node) *Lines {
	lines := &Lines{}
	var walk func(n *yaml.Node, part int32, depth int)
	walk = func(n *yaml.Node, part int32, depth int) {
		if depth > maxIndexDepth {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := lines.add(part, escape(n.Content[i].Value), n.Content[i].Line)
				walk(n.Content[i+1], p, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := lines.add(part, strconv.Itoa(i), c.Line)
				walk(c, p, depth+1)
			}
		}
	}
	walk(root, 0, 0)
	return lines
}

// maxIndexDepth bounds the walk: deeper parts of a hostile document take
// the line of an enclosing part.
const maxIndexDepth = 64

func escape(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}
