package oas

import (
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Lines maps JSON pointers ("#/paths/~1order~1query/post") to the line
// of the spec file where each is written. Parts are kept as written, 12
// bytes each: a spec of ten thousand operations has millions of parts,
// and lines are asked only for diagnostics, when the index of pointer
// tokens is built. A nil *Lines knows no lines.
type Lines struct {
	parts  []linePart
	tokens []string
	intern map[string]uint32 // while parts are added

	once  sync.Once
	index map[lineStep]int32 // part and token below it → part there
}

// linePart is a part of the spec: the part it is in (0 the document,
// i the i-th part added), its token there, its line.
type linePart struct {
	parent int32
	token  uint32
	line   int32
}

type lineStep struct {
	part  int32
	token string
}

// add records that the part at token below part is written on line, and
// returns it.
func (l *Lines) add(part int32, token string, line int) int32 {
	id, ok := l.intern[token]
	if !ok {
		if l.intern == nil {
			l.intern = map[string]uint32{}
		}
		id = uint32(len(l.tokens))
		l.tokens = append(l.tokens, token)
		l.intern[token] = id
	}
	l.parts = append(l.parts, linePart{part, id, int32(line)})
	return int32(len(l.parts))
}

// done ends the adding of parts.
func (l *Lines) done() {
	l.intern = nil
}

// Line returns the line of pointer, or of its nearest enclosing part that
// has one: a diagnostic about a schema's keyword lands on the schema when
// the keyword itself is not written. 0 when nothing encloses it.
func (l *Lines) Line(pointer string) int {
	if l == nil {
		return 0
	}
	l.once.Do(func() {
		l.index = make(map[lineStep]int32, len(l.parts))
		for i, p := range l.parts {
			l.index[lineStep{p.parent, l.tokens[p.token]}] = int32(i + 1)
		}
	})
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
		next, ok := l.index[lineStep{part, token}]
		if !ok {
			break
		}
		part, line = next, l.parts[next-1].line
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
				p := lines.add(part, EscapePointer(n.Content[i].Value), n.Content[i].Line)
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
	lines.done()
	return lines
}

// maxIndexDepth bounds the walk: deeper parts of a hostile document take
// the line of an enclosing part.
const maxIndexDepth = 64

// EscapePointer is a key as a token of a JSON pointer (RFC 6901): ~ as
// ~0, / as ~1.
func EscapePointer(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return pointerEscaper.Replace(key)
}

// pointerEscaper is built once: a Replacer builds its tables on first use.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")
