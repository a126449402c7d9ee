package oas

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// Write renders a spec as YAML or JSON with a fixed key order: OpenAPI
// objects in the order the specification lists their fields, properties
// in the doc's order, everything else as kin-openapi sorts it. The output
// is byte-identical for equal specs.
//
// The spec is printed as it is walked, one object at a time, each as
// encoding/json would encode it (kin-openapi's MarshalYAML) and as
// yaml.v3 would print that JSON read back: no encoding of the whole spec
// and no node tree of it are built.
func Write(w io.Writer, t *openapi3.T, format string) error {
	switch format {
	case "json", "yaml", "":
	default:
		return fmt.Errorf("unknown spec format %q (want yaml or json)", format)
	}
	return writeSpec(w, t, format, nil)
}

// writeSpec is Write that also records, when rec is given, where the
// parts of a YAML spec are written and the order of its properties.
func writeSpec(w io.Writer, t *openapi3.T, format string, rec *recording) error {
	sw := &specWriter{rec: rec}
	if rec != nil {
		defer rec.lines.done()
	}
	var err error
	if format == "json" {
		sw.json = &jsonPrinter{w: w}
		err = sw.value(t, modeObject, yamlContext{}, 0, 0)
		if err == nil {
			err = sw.json.finish()
		}
	} else {
		sw.yaml = newYAMLEmitter(w)
		err = sw.value(t, modeObject, yamlContext{}, 0, 0)
		if err == nil {
			err = sw.yaml.finish()
		}
	}
	if err != nil {
		var enc *encodeError
		if !errors.As(err, &enc) {
			return err
		}
		// encoding/json words the failure, as it did when the spec was
		// encoded whole.
		if _, jerr := json.Marshal(t); jerr != nil {
			return fmt.Errorf("encoding spec: %w", jerr)
		}
		return fmt.Errorf("encoding spec: %w", enc.err)
	}
	return nil
}

// recording is what writeSpec notes as it writes: the line of each part
// (the keys and items of mappings and sequences, as linesOf indexes a
// parsed file) and the key order of every properties mapping, by key set
// (as propertyOrders reads them from a file).
type recording struct {
	lines  Lines
	orders map[string][]string
}

// mode says how an object's keys are arranged (see keyRank, userKeyed and
// literal).
type mode uint8

const (
	modeRaw    mode = iota // as encoding/json orders them: literal values
	modeObject             // an OpenAPI object: keys by keyRank
	modeNames              // user names: keys as they come, values arranged
)

// childMode is the mode of the value under key in an object of mode m.
func childMode(m mode, key string) mode {
	switch m {
	case modeRaw:
		return modeRaw
	case modeNames:
		return modeObject
	}
	if namesKeyed, isObject := objectExtensions[key]; isObject {
		if namesKeyed {
			return modeNames
		}
		return modeObject
	}
	if literal[key] || len(key) > 2 && key[:2] == "x-" {
		return modeRaw
	}
	if userKeyed[key] {
		return modeNames
	}
	return modeObject
}

type specWriter struct {
	yaml *yamlEmitter
	json *jsonPrinter
	rec  *recording
}

// value prints v; node is its index in rec.lines and depth its depth
// below the document.
func (sw *specWriter) value(v any, m mode, ctx yamlContext, node int32, depth int) error {
	n, err := jsonOf(v)
	if err != nil {
		return err
	}
	switch n.kind {
	case jsonObject:
		pairs := n.pairs
		if m != modeRaw {
			if pairs, err = arranged(pairs, m); err != nil {
				return err
			}
		}
		if sw.rec != nil && sw.rec.orders != nil {
			if err := sw.noteOrder(pairs, m); err != nil {
				return err
			}
		}
		return sw.object(pairs, m, ctx, node, depth)
	case jsonArray:
		return sw.array(n.items, m, ctx, node, depth)
	case jsonString:
		if sw.json != nil {
			sw.json.str(n.text)
		} else {
			sw.yaml.str(n.text, ctx)
		}
	default:
		if sw.json != nil {
			sw.json.scalar(n)
		} else {
			sw.yaml.plain(n.text, ctx)
		}
	}
	return nil
}

func (sw *specWriter) object(pairs []jsonPair, m mode, ctx yamlContext, node int32, depth int) error {
	if sw.json != nil {
		sw.json.open('{', len(pairs))
		for i, p := range pairs {
			sw.json.key(p.key)
			if err := sw.value(p.val, childMode(m, p.key), yamlContext{}, 0, depth+1); err != nil {
				return err
			}
			sw.json.next(i, len(pairs))
		}
		sw.json.close('}', len(pairs))
		return nil
	}
	if len(pairs) == 0 {
		sw.yaml.emptyMapping(ctx)
		return nil
	}
	sw.yaml.beginBlock(ctx)
	for _, p := range pairs {
		line := sw.yaml.key(p.key)
		child := sw.note(node, EscapePointer(p.key), line, depth)
		if err := sw.value(p.val, childMode(m, p.key), yamlContext{}, child, depth+1); err != nil {
			return err
		}
	}
	sw.yaml.endBlock()
	return nil
}

func (sw *specWriter) array(items []any, m mode, ctx yamlContext, node int32, depth int) error {
	if m != modeRaw {
		m = modeObject
	}
	if sw.json != nil {
		sw.json.open('[', len(items))
		for i, it := range items {
			if err := sw.value(it, m, yamlContext{}, 0, depth+1); err != nil {
				return err
			}
			sw.json.next(i, len(items))
		}
		sw.json.close(']', len(items))
		return nil
	}
	if len(items) == 0 {
		sw.yaml.emptySequence(ctx)
		return nil
	}
	sw.yaml.beginBlock(ctx)
	for i, it := range items {
		line, itemCtx := sw.yaml.item()
		child := sw.note(node, strconv.Itoa(i), line, depth)
		if err := sw.value(it, m, itemCtx, child, depth+1); err != nil {
			return err
		}
	}
	sw.yaml.endBlock()
	return nil
}

// note records the line of a part whose parent is node; the index goes
// as deep as linesOf's.
func (sw *specWriter) note(node int32, segment string, line, depth int) int32 {
	if sw.rec == nil || depth > maxIndexDepth {
		return 0
	}
	return sw.rec.lines.add(node, segment, line)
}

// noteOrder records the key order of the properties mapping among pairs,
// as the file will list it.
func (sw *specWriter) noteOrder(pairs []jsonPair, m mode) error {
	for i, p := range pairs {
		if p.key != "properties" {
			continue
		}
		props, err := jsonOf(p.val)
		if err != nil {
			return err
		}
		if props.kind != jsonObject {
			continue
		}
		propPairs := props.pairs
		if cm := childMode(m, p.key); cm != modeRaw {
			if propPairs, err = arranged(propPairs, cm); err != nil {
				return err
			}
		}
		// The arranged mapping is what gets printed; arranging is
		// idempotent, so printing arranges it again to the same order.
		pairs[i].val = &jsonNode{kind: jsonObject, pairs: propPairs}
		keys := make([]string, len(propPairs))
		for j, pp := range propPairs {
			keys[j] = pp.key
		}
		sw.rec.orders[keySet(keys)] = keys
	}
	return nil
}

// arranged puts an object's keys in their written order: x-apigen-order
// applied to its properties and dropped, and, for an OpenAPI object, keys
// by keyRank.
func arranged(pairs []jsonPair, m mode) ([]jsonPair, error) {
	var order any
	hasOrder := false
	props := -1
	kept := make([]jsonPair, 0, len(pairs))
	for _, p := range pairs {
		switch p.key {
		case ExtOrder:
			order, hasOrder = p.val, true
			continue
		case "properties":
			props = len(kept)
		}
		kept = append(kept, p)
	}
	if hasOrder && props >= 0 {
		if err := applyOrder(&kept[props], order); err != nil {
			return nil, err
		}
	}
	if m == modeObject {
		unranked := len(keyRank)
		rank := func(k string) int {
			if r, ok := keyRank[k]; ok {
				return r
			}
			return unranked
		}
		slices.SortStableFunc(kept, func(a, b jsonPair) int { return cmp.Compare(rank(a.key), rank(b.key)) })
	}
	return kept, nil
}

// applyOrder puts the properties mapping of p in the order of the
// x-apigen-order list; names it does not list go last.
func applyOrder(p *jsonPair, order any) error {
	list, err := jsonOf(order)
	if err != nil {
		return err
	}
	props, err := jsonOf(p.val)
	if err != nil || props.kind != jsonObject {
		return err
	}
	rank := make(map[string]int, len(list.items))
	for i, it := range list.items {
		n, err := jsonOf(it)
		if err != nil {
			return err
		}
		rank[n.scalarText()] = i
	}
	rankOf := func(k string) int {
		if r, ok := rank[k]; ok {
			return r
		}
		return len(rank)
	}
	pairs := slices.Clone(props.pairs)
	slices.SortStableFunc(pairs, func(a, b jsonPair) int { return cmp.Compare(rankOf(a.key), rankOf(b.key)) })
	p.val = &jsonNode{kind: jsonObject, pairs: pairs}
	return nil
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

// jsonPrinter prints indented JSON as it is walked.
type jsonPrinter struct {
	w      io.Writer
	buf    []byte
	indent int
	err    error
	enc    *json.Encoder
	encBuf bytes.Buffer
}

func (p *jsonPrinter) newline() {
	p.buf = append(p.buf, '\n')
	for range p.indent {
		p.buf = append(p.buf, "  "...)
	}
	if len(p.buf) >= yamlFlushSize {
		p.flush()
	}
}

func (p *jsonPrinter) flush() {
	if p.err == nil && len(p.buf) > 0 {
		_, p.err = p.w.Write(p.buf)
	}
	p.buf = p.buf[:0]
}

func (p *jsonPrinter) open(c byte, n int) {
	p.buf = append(p.buf, c)
	if n > 0 {
		p.indent++
		p.newline()
	}
}

func (p *jsonPrinter) close(c byte, n int) {
	if n > 0 {
		p.indent--
		p.newline()
	}
	p.buf = append(p.buf, c)
}

// next follows member or item i of n.
func (p *jsonPrinter) next(i, n int) {
	if i+1 < n {
		p.buf = append(p.buf, ',')
		p.newline()
	}
}

func (p *jsonPrinter) key(k string) {
	p.str(k)
	p.buf = append(p.buf, ": "...)
}

// scalar prints a number, boolean or null; a number YAML would read as
// a string (1e999) is printed as one, as the spec's YAML reading did.
func (p *jsonPrinter) scalar(n jsonNode) {
	if n.kind == jsonNumber && resolvesToString(n.text) {
		p.str(n.text)
		return
	}
	p.buf = append(p.buf, n.text...)
}

// str prints a string as encoding/json does without HTML escaping.
func (p *jsonPrinter) str(s string) {
	if jsonPlain(s, false) {
		p.buf = append(p.buf, '"')
		p.buf = append(p.buf, s...)
		p.buf = append(p.buf, '"')
		return
	}
	if p.enc == nil {
		p.enc = json.NewEncoder(&p.encBuf)
		p.enc.SetEscapeHTML(false)
	}
	p.encBuf.Reset()
	_ = p.enc.Encode(s)
	p.buf = append(p.buf, bytes.TrimSuffix(p.encBuf.Bytes(), []byte{'\n'})...)
}

func (p *jsonPrinter) finish() error {
	p.buf = append(p.buf, '\n')
	p.flush()
	return p.err
}

// jsonPlain reports whether encoding/json prints s between quotes as it
// is: no control characters, quotes or backslashes, valid UTF-8 without
// the line and paragraph separators; and with html (json.Marshal's HTML
// escaping) none of <, > and &.
func jsonPlain(s string, html bool) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || html && (c == '<' || c == '>' || c == '&') {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}
