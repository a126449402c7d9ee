package oas

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// writeRef is Write as it was before it printed the spec as it walks it:
// through encoding/json and a yaml.v3 node tree. Tests hold Write to
// print the same bytes.
func writeRef(w io.Writer, t *openapi3.T, format string) error {
	raw, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("encoding spec: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(yamlSafeRef(raw), &doc); err != nil {
		return fmt.Errorf("re-reading encoded spec: %w", err)
	}
	root := doc.Content[0]
	arrangeRef(root, false)
	switch format {
	case "json":
		var b bytes.Buffer
		writeJSONRef(&b, root, "")
		b.WriteByte('\n')
		_, err = w.Write(b.Bytes())
		return err
	case "yaml", "":
		clearStyleRef(root)
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(root); err != nil {
			return err
		}
		return enc.Close()
	}
	return fmt.Errorf("unknown spec format %q (want yaml or json)", format)
}

// yamlSafeRef escapes the characters JSON leaves raw but YAML refuses to read
// (DEL, the C1 controls, U+FFFE and U+FFFF), which a doc page can carry
// into a description. Outside strings JSON is ASCII, so every one of them
// is inside a string, where a \u escape means the same character.
func yamlSafeRef(raw []byte) []byte {
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

// arrangeRef sorts an object's keys by keyRank (unless its keys are user
// names) and recurses; it applies and drops x-apigen-order.
func arrangeRef(n *yaml.Node, userKeys bool) {
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			arrangeRef(c, false)
		}
		return
	case yaml.MappingNode:
	default:
		return
	}
	applyOrderRef(n)
	if !userKeys {
		pairs := pairsOfRef(n)
		sortPairsRef(pairs)
		setPairsRef(n, pairs)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		namesKeyed, isObject := objectExtensions[key]
		switch {
		case userKeys:
			arrangeRef(n.Content[i+1], false)
		case isObject:
			arrangeRef(n.Content[i+1], namesKeyed)
		case literal[key] || len(key) > 2 && key[:2] == "x-":
		default:
			arrangeRef(n.Content[i+1], userKeyed[key])
		}
	}
}

// applyOrderRef puts a schema's properties in the x-apigen-order sequence.
func applyOrderRef(n *yaml.Node) {
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
	pairs := pairsOfRef(props)
	sortStableRef(pairs, func(k string) int { return rankOfRef(rank, k) })
	setPairsRef(props, pairs)
}

func rankOfRef(rank map[string]int, k string) int {
	if r, ok := rank[k]; ok {
		return r
	}
	return len(rank)
}

func pairsOfRef(n *yaml.Node) [][2]*yaml.Node {
	pairs := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		pairs = append(pairs, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return pairs
}

func setPairsRef(n *yaml.Node, pairs [][2]*yaml.Node) {
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p[0], p[1])
	}
}

func sortPairsRef(pairs [][2]*yaml.Node) {
	unranked := len(keyRank)
	sortStableRef(pairs, func(k string) int {
		if r, ok := keyRank[k]; ok {
			return r
		}
		return unranked
	})
}

// sortStableRef orders pairs by the rank of their keys, keeping the order of
// equal ranks. A schema's properties can run to thousands, so the sort
// must not be quadratic.
func sortStableRef(pairs [][2]*yaml.Node, rank func(key string) int) {
	slices.SortStableFunc(pairs, func(a, b [2]*yaml.Node) int { return cmp.Compare(rank(a[0].Value), rank(b[0].Value)) })
}

// clearStyleRef drops the flow style JSON input leaves on the nodes, so YAML
// comes out in block style. A string the encoder would write as a literal
// block that reads back as something else stays double-quoted.
func clearStyleRef(n *yaml.Node) {
	n.Style &^= yaml.FlowStyle
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		n.Style = 0
		if !literalSafe(n.Value) {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	for _, c := range n.Content {
		clearStyleRef(c)
	}
}

// writeJSONRef prints a node tree as indented JSON, keeping key order.
func writeJSONRef(b *bytes.Buffer, n *yaml.Node, indent string) {
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
			writeStringRef(b, n.Content[i].Value)
			b.WriteString(": ")
			writeJSONRef(b, n.Content[i+1], inner)
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
			writeJSONRef(b, c, inner)
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
			writeStringRef(b, n.Value)
		}
	}
}

func writeStringRef(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}
