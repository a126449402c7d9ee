package oas

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Write renders a spec as YAML or JSON with a fixed key order: OpenAPI
// objects in the order the specification lists their fields, properties
// in the doc's order, everything else as kin-openapi sorts it. The output
// is byte-identical for equal specs.
func Write(w io.Writer, t *openapi3.T, format string) error {
	raw, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encoding spec: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlSafe(raw), &doc); err != nil {
		return fmt.Errorf("re-reading encoded spec: %w", err)
	}
	root := doc.Content[0]
	arrange(root, false)
	switch format {
	case "json":
		var b bytes.Buffer
		writeJSON(&b, root, "")
		b.WriteByte('\n')
		_, err = w.Write(b.Bytes())
		return err
	case "yaml", "":
		clearStyle(root)
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(root); err != nil {
			return err
		}
		return enc.Close()
	}
	return fmt.Errorf("unknown spec format %q (want yaml or json)", format)
}

// yamlSafe escapes the characters JSON leaves raw but YAML refuses to read
// (DEL, the C1 controls, U+FFFE and U+FFFF), which a doc page can carry
// into a description. Outside strings JSON is ASCII, so every one of them
// is inside a string, where a \u escape means the same character.
func yamlSafe(raw []byte) []byte {
	unreadable := func(r rune) bool { return r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfffe || r == 0xffff }
	if !bytes.ContainsFunc(raw, unreadable) {
		return raw
	}
	var b bytes.Buffer
	for _, r := range string(raw) {
		if unreadable(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.Bytes()
}

// keyRank orders the fields of OpenAPI objects; unlisted keys follow in
// kin-openapi's (alphabetical) order, extensions last.
var keyRank = map[string]int{}

func init() {
	for i, k := range []string{
		"openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks", "components",
		"$ref", "name", "in", "title", "summary", "version", "url", "operationId", "tags",
		"type", "nullable", "format", "const", "enum", "default", "pattern", "minLength", "maxLength", "minimum", "maximum",
		"items", "required", "properties", "additionalProperties", "contentMediaType", "contentSchema",
		"allOf", "oneOf", "anyOf", "description", "parameters", "requestBody", "content", "schema",
		"responses", "examples", "example",
	} {
		if _, dup := keyRank[k]; !dup {
			keyRank[k] = i
		}
	}
}

// userKeyed are keys whose value maps user names (properties, paths,
// component names, status codes) to objects: their keys keep their order,
// their values are arranged. Values under literal keys are left alone.
var (
	userKeyed = map[string]bool{"properties": true, "paths": true, "schemas": true, "responses": true, "content": true,
		"parameters": true, "requestBodies": true, "securitySchemes": true, "headers": true, "variables": true,
		"patternProperties": true, "$defs": true, "callbacks": true, "links": true, "encoding": true, "dependentSchemas": true}
	literal = map[string]bool{"example": true, "examples": true, "default": true, "enum": true, "const": true}
	// objectExtensions are the extensions whose values are OpenAPI
	// objects, arranged as the objects they stand for: true when their
	// keys are names.
	objectExtensions = map[string]bool{ExtContentSchema: false, ExtWebhooks: true}
)

// arrange sorts an object's keys by keyRank (unless its keys are user
// names) and recurses; it applies and drops x-apigen-order.
func arrange(n *yaml.Node, userKeys bool) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			arrange(c, false)
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	applyOrder(n)
	if !userKeys {
		pairs := pairsOf(n)
		sortPairs(pairs)
		setPairs(n, pairs)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		namesKeyed, isObject := objectExtensions[key]
		switch {
		case userKeys:
			arrange(n.Content[i+1], false)
		case isObject:
			arrange(n.Content[i+1], namesKeyed)
		case literal[key] || len(key) > 2 && key[:2] == "x-":
		default:
			arrange(n.Content[i+1], userKeyed[key])
		}
	}
}

// applyOrder puts a schema's properties in the x-apigen-order sequence.
func applyOrder(n *yaml.Node) {
	var order, props *yaml.Node
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch n.Content[i].Value {
		case ExtOrder:
			order = n.Content[i+1]
			continue
		case "properties":
			props = n.Content[i+1]
		}
		kept = append(kept, n.Content[i], n.Content[i+1])
	}
	n.Content = kept
	if order == nil || props == nil {
		return
	}
	rank := make(map[string]int, len(order.Content))
	for i, k := range order.Content {
		rank[k.Value] = i
	}
	pairs := pairsOf(props)
	sortStable(pairs, func(k string) int { return rankOf(rank, k) })
	setPairs(props, pairs)
}

func rankOf(rank map[string]int, k string) int {
	if r, ok := rank[k]; ok {
		return r
	}
	return len(rank)
}

func pairsOf(n *yaml.Node) [][2]*yaml.Node {
	pairs := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return pairs
}

func setPairs(n *yaml.Node, pairs [][2]*yaml.Node) {
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p[0], p[1])
	}
}

func sortPairs(pairs [][2]*yaml.Node) {
	unranked := len(keyRank)
	sortStable(pairs, func(k string) int {
		if r, ok := keyRank[k]; ok {
			return r
		}
		return unranked
	})
}

// sortStable orders pairs by the rank of their keys, keeping the order of
// equal ranks. A schema's properties can run to thousands, so the sort
// must not be quadratic.
func sortStable(pairs [][2]*yaml.Node, rank func(key string) int) {
	slices.SortStableFunc(pairs, func(a, b [2]*yaml.Node) int { return cmp.Compare(rank(a[0].Value), rank(b[0].Value)) })
}

// clearStyle drops the flow style JSON input leaves on the nodes, so YAML
// comes out in block style. A string the encoder would write as a literal
// block that reads back as something else stays double-quoted.
func clearStyle(n *yaml.Node) {
	n.Style &^= yaml.FlowStyle
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		n.Style = 0
		if !literalSafe(n.Value) {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	for _, c := range n.Content {
		clearStyle(c)
	}
}

// literalSafe reports whether a string reads back as itself from the
// literal block yaml.v3 writes for a string with a line feed. It does not
// when the string starts with a line break (the block's header swallows
// it) or with a tab (the block's indentation cannot be read).
func literalSafe(s string) bool {
	if !strings.Contains(s, "\n") {
		return true
	}
	for _, brk := range []string{"\n", "\r", "\t", "\u0085", "\u2028", "\u2029"} {
		if strings.HasPrefix(s, brk) {
			return false
		}
	}
	return true
}

// writeJSON prints a node tree as indented JSON, keeping key order.
func writeJSON(b *bytes.Buffer, n *yaml.Node, indent string) {
	inner := indent + "  "
	switch n.Kind {
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i := 0; i+1 < len(n.Content); i += 2 {
			b.WriteString(inner)
			writeString(b, n.Content[i].Value)
			b.WriteString(": ")
			writeJSON(b, n.Content[i+1], inner)
			if i+2 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, c := range n.Content {
			b.WriteString(inner)
			writeJSON(b, c, inner)
			if i+1 < len(n.Content) {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		switch n.Tag {
		case "!!int", "!!float", "!!bool", "!!null":
			b.WriteString(n.Value)
		default:
			writeString(b, n.Value)
		}
	}
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}
