package oas

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseJSONDoc parses a spec written as JSON as JSON, into the document
// yaml.v3 makes of the same text (kinds, tags, styles, values, lines and
// columns alike), in less than half the time: loading takes each part's line,
// the property order and the spec's shape from that document. It also
// reads JSON that yaml.v3 refuses, which kin-openapi reads as JSON:
//   - an escaped slash, \/, which PHP's json_encode writes for every slash
//     unless told not to;
//   - an escaped surrogate pair, \ud83d\ude00, as Python's json.dumps
//     writes any character outside the Basic Multilingual Plane;
//   - a key over 1,024 characters, YAML's limit in a flow mapping.
//
// ok is false for text that is not JSON, and for JSON with a character
// YAML takes for a line break and JSON does not (U+0085, U+2028, U+2029):
// yaml.v3 numbers its lines.
func parseJSONDoc(data []byte) (doc *yaml.Node, ok bool) {
	if !json.Valid(data) || yamlOnlyLineBreak(data) {
		return nil, false
	}
	p := &jsonDocParser{data: data, line: 1}
	p.space()
	root, ok := p.value()
	if !ok {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column, Content: []*yaml.Node{root}}, true
}

// yamlOnlyLineBreak reports whether data holds a character YAML takes
// for a line break and JSON does not.
func yamlOnlyLineBreak(data []byte) bool {
	return bytes.Contains(data, []byte("\u0085")) || bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029"))
}

// parseDoc parses a spec's text: JSON as JSON, anything else as YAML.
func parseDoc(data []byte) (doc yaml.Node, err error) {
	if startsJSON(data) {
		if parsed, ok := parseJSONDoc(data); ok {
			return *parsed, nil
		}
	}
	err = yaml.Unmarshal(data, &doc)
	return doc, err
}

type jsonDocParser struct {
	data []byte
	at   int
	line int
	// runes is how many characters of line come before offset counted:
	// columns are counted on from the last, as a minified spec is one
	// line.
	runes, counted int
}

func (p *jsonDocParser) node(kind yaml.Kind, tag string, style yaml.Style) *yaml.Node {
	p.runes += utf8.RuneCount(p.data[p.counted:p.at])
	p.counted = p.at
	return &yaml.Node{Kind: kind, Tag: tag, Style: style, Line: p.line, Column: p.runes + 1}
}

// space skips blank space, counting lines as YAML does: a carriage
// return without a line feed ends a line too.
func (p *jsonDocParser) space() {
	for ; p.at < len(p.data); p.at++ {
		switch c := p.data[p.at]; {
		case c == '\n' || c == '\r' && (p.at+1 == len(p.data) || p.data[p.at+1] != '\n'):
			p.line++
			p.runes, p.counted = 0, p.at+1
		case c != ' ' && c != '\t' && c != '\r':
			return
		}
	}
}

// value parses the value at p.at, which json.Valid has checked.
func (p *jsonDocParser) value() (*yaml.Node, bool) {
	switch c := p.data[p.at]; {
	case c == '{':
		return p.collection(yaml.MappingNode, "!!map", '}')
	case c == '[':
		return p.collection(yaml.SequenceNode, "!!seq", ']')
	case c == '"':
		n := p.node(yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle)
		s, ok := p.string()
		n.Value = s
		return n, ok
	default:
		n := p.node(yaml.ScalarNode, "", 0)
		start := p.at
		for p.at < len(p.data) && strings.IndexByte(",}] \t\r\n", p.data[p.at]) < 0 {
			p.at++
		}
		n.Value = string(p.data[start:p.at])
		n.Tag = scalarTag(n.Value)
		return n, true
	}
}

// collection parses an object or an array, written in flow style.
func (p *jsonDocParser) collection(kind yaml.Kind, tag string, end byte) (*yaml.Node, bool) {
	n := p.node(kind, tag, yaml.FlowStyle)
	p.at++
	for {
		p.space()
		switch p.data[p.at] {
		case end:
			p.at++
			return n, true
		case ',':
			p.at++
			p.space()
		}
		if kind == yaml.MappingNode {
			key, ok := p.value()
			if !ok {
				return nil, false
			}
			p.space()
			p.at++ // the colon
			p.space()
			n.Content = append(n.Content, key)
		}
		item, ok := p.value()
		if !ok {
			return nil, false
		}
		n.Content = append(n.Content, item)
	}
}

// string reads a string token, unescaped.
func (p *jsonDocParser) string() (string, bool) {
	start := p.at
	escaped := false
	for p.at++; p.data[p.at] != '"'; p.at++ {
		if p.data[p.at] == '\\' {
			escaped = true
			p.at++
		}
	}
	p.at++
	raw := p.data[start:p.at]
	if !escaped {
		return string(raw[1 : len(raw)-1]), true
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

// scalarTag is the tag YAML resolves a JSON number, true, false or null
// to.
func scalarTag(text string) string {
	switch text {
	case "true", "false":
		return "!!bool"
	case "null":
		return "!!null"
	}
	if _, err := strconv.ParseInt(text, 10, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseUint(text, 10, 64); err == nil {
		return "!!int"
	}
	if _, err := strconv.ParseFloat(text, 64); err == nil {
		return "!!float"
	}
	return "!!str" // out of a float's range: YAML leaves it a string
}
