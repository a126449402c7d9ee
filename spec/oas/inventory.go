package oas

import (
	"bytes"
	"encoding/json"
	"strings"

	"gopkg.in/yaml.v3"
)

// An Inventory is what a spec names: its operations and its component
// schemas. Deciding whether a new spec drops what a checked-in one has
// needs no more, and reading no more than that from a spec of ten
// thousand operations takes a fraction of a second, where loading it
// takes tens of seconds and gigabytes (kin-openapi decodes the YAML to
// JSON and each object's JSON again).
type Inventory struct {
	// Operations holds each operation as {method, path}, the method in
	// upper case, as PathItem.Operations names it.
	Operations map[[2]string]bool
	Schemas    map[string]bool
}

// ReadInventory reads a spec's inventory from its text without loading
// it: a JSON document by its members, a YAML one line by line, as apigen
// writes it (block style). ok is false for anything else, or anything
// that only loading can tell (Swagger 2.0, flow style, anchors, a path
// item given by $ref, 3.2's additionalOperations): load the spec then.
// When ok, the inventory is the one the loaded spec has.
func ReadInventory(data []byte) (inv Inventory, ok bool) {
	inv = Inventory{Operations: map[[2]string]bool{}, Schemas: map[string]bool{}}
	if startsJSON(data) {
		return inv, inv.readJSON(data)
	}
	return inv, inv.readYAML(data)
}

// inventoryMethods are the path item members PathItem.Operations reads as
// operations, by the method they name.
var inventoryMethods = map[string]string{"connect": "CONNECT", "delete": "DELETE", "get": "GET", "head": "HEAD",
	"options": "OPTIONS", "patch": "PATCH", "post": "POST", "put": "PUT", "trace": "TRACE", "query": "QUERY"}

// pathItemNeedsLoading reports whether a path item member makes its
// operations something only loading tells, or names a method in a case
// of its own (kin-openapi reads members as encoding/json does, whatever
// their case).
func pathItemNeedsLoading(key string) bool {
	if strings.EqualFold(key, "$ref") || strings.EqualFold(key, "additionalOperations") {
		return true
	}
	_, method := inventoryMethods[strings.ToLower(key)]
	return method && key != strings.ToLower(key)
}

// caseless reports whether key is name in another case, which loading
// reads as name and this reader does not.
func caseless(key, name string) bool { return key != name && strings.EqualFold(key, name) }

func (inv *Inventory) readJSON(data []byte) bool {
	var doc struct {
		Swagger    json.RawMessage            `json:"swagger"`
		Paths      map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if json.Unmarshal(data, &doc) != nil || doc.Swagger != nil {
		return false
	}
	for path, raw := range doc.Paths {
		if strings.HasPrefix(path, "x-") {
			continue
		}
		var item map[string]json.RawMessage
		if json.Unmarshal(raw, &item) != nil {
			return false
		}
		for key := range item {
			if pathItemNeedsLoading(key) {
				return false
			}
			if method, ok := inventoryMethods[key]; ok && string(item[key]) != "null" {
				inv.Operations[[2]string{method, path}] = true
			}
		}
	}
	for name := range doc.Components.Schemas {
		inv.Schemas[name] = true
	}
	return true
}

// A yamlSection is where the YAML reader is: the members of which mapping
// it is listing.
type yamlSection int

const (
	inTop        yamlSection = iota // the document's members
	inPaths                         // paths: the path items
	inComponents                    // components: its maps
	inSchemas                       // components.schemas: the schemas
)

// readYAML lists the members of paths, of each path item, and of
// components.schemas by their indentation, the way block-style YAML nests.
// Every line is looked at, so that nothing can hide a member from it: a
// line it cannot place with certainty (a tab in the indentation, a quote
// or bracket left open, an anchor, a tag, a second document) stops it.
func (inv *Inventory) readYAML(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var (
		section = inTop
		// childIndent is the indentation of the members of paths or of
		// components, schemaIndent of components.schemas' and opIndent of
		// the path item's; -1 until the first of them.
		childIndent, schemaIndent, opIndent = -1, -1, -1
		// path is the path item being listed ("" when the member of paths
		// is an extension); pending is its method member with nothing on
		// its line, an operation when deeper lines follow (null if not).
		path, pending string
		// scalarIndent is the indentation of the line whose block scalar
		// (| or >) the deeper lines below it hold; -1 when none.
		scalarIndent = -1
		started      bool
	)
	settle := func(indent int) {
		if pending != "" && indent > opIndent {
			inv.Operations[[2]string{pending, path}] = true
		}
		pending = ""
	}
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		line = bytes.TrimRight(line, " \r")
		if bytes.ContainsAny(line, "\r\u0085\u2028\u2029") {
			return false // a line break other than \n or \r\n
		}
		text := bytes.TrimLeft(line, " ")
		indent := len(line) - len(text)
		if scalarIndent >= 0 {
			if len(text) == 0 || indent > scalarIndent {
				continue // the block scalar's text
			}
			scalarIndent = -1
		}
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		if text[0] == '\t' || text[0] == '%' {
			return false // a tab in the indentation; a directive
		}
		if indent == 0 && (bytes.Equal(text, []byte("---")) || bytes.Equal(text, []byte("..."))) {
			if started {
				return false // a second document
			}
			continue
		}
		if !started && indent > 0 {
			return false // the document's mapping is not at the margin
		}
		started = true
		settle(indent)
		key, value, isKey := yamlMember(text)
		item := !isKey && (text[0] == '-' && (len(text) == 1 || text[1] == ' '))
		if item {
			value = bytes.TrimLeft(text[1:], " ")
			if _, v, ok := yamlMember(value); ok {
				value = v // a mapping as a sequence item: "- name: x"
			}
		}
		if !isKey && !item {
			// A line of a plain scalar running over several lines is
			// deeper than the member it belongs to: a line that is not a
			// member where members are listed is one this reader cannot
			// read.
			listed := func(at int) bool { return at < 0 || indent == at }
			if indent == 0 || section != inTop && (listed(childIndent) ||
				section == inPaths && path != "" && listed(opIndent) || section == inSchemas && listed(schemaIndent)) {
				return false
			}
			continue
		}
		switch open, ok := yamlValue(value); {
		case !ok:
			return false
		case open:
			scalarIndent = indent
		}
		if indent == 0 {
			switch {
			case item && section == inTop:
				continue // an item of a list of the document's
			case item || strings.EqualFold(key, "swagger") || caseless(key, "paths") || caseless(key, "components"):
				return false
			case key == "paths":
				section = inPaths
			case key == "components":
				section = inComponents
			default:
				section = inTop
			}
			childIndent, schemaIndent, path = -1, -1, ""
			if section != inTop && !emptyMapping(value) {
				return false
			}
			continue
		}
		if section == inTop {
			continue
		}
		if childIndent < 0 {
			childIndent = indent
		}
		if indent < childIndent {
			return false
		}
		if indent == childIndent {
			if item {
				return false // a list where a mapping is
			}
			switch {
			case section == inPaths:
				path, opIndent = key, -1
				if strings.HasPrefix(key, "x-") {
					path = "" // an extension
				} else if !emptyMapping(value) {
					return false
				}
			case caseless(key, "schemas"):
				return false
			case key == "schemas":
				section, schemaIndent = inSchemas, -1
				if !emptyMapping(value) {
					return false
				}
			default:
				section = inComponents
			}
			continue
		}
		switch section {
		case inPaths:
			if path == "" {
				continue
			}
			if opIndent < 0 {
				opIndent = indent
			}
			if indent < opIndent {
				return false
			}
			if indent > opIndent {
				continue
			}
			if item || pathItemNeedsLoading(key) {
				return false
			}
			if method, ok := inventoryMethods[key]; ok && !null(value) {
				if len(value) == 0 {
					pending = method
				} else {
					inv.Operations[[2]string{method, path}] = true
				}
			}
		case inSchemas:
			if schemaIndent < 0 {
				schemaIndent = indent
			}
			if indent < schemaIndent {
				return false
			}
			if indent == schemaIndent {
				if item {
					return false
				}
				inv.Schemas[key] = true
			}
		}
	}
	return true
}

// null reports whether a value written on its member's line is null.
func null(value []byte) bool {
	switch string(value) {
	case "null", "Null", "NULL", "~":
		return true
	}
	return false
}

// emptyMapping reports whether a member's value on its own line leaves
// the mapping to the lines below (nothing) or is an empty one ({}).
func emptyMapping(value []byte) bool {
	return len(value) == 0 || bytes.Equal(value, []byte("{}"))
}

// yamlMember reads a line of a block mapping, "key: value" or "key:",
// the key plain or quoted; isKey is false when the line is not one. A
// blank (YAML's s-white) is a space or a tab, wherever one separates.
func yamlMember(text []byte) (key string, value []byte, isKey bool) {
	if len(text) == 0 {
		return "", nil, false
	}
	const blanks = " \t"
	blank := func(i int) bool { return i < len(text) && (text[i] == ' ' || text[i] == '\t') }
	var end int
	switch text[0] {
	case '"', '\'':
		quoted := quotedEnd(text)
		if quoted < 0 {
			return "", nil, false
		}
		var s string
		if yaml.Unmarshal(text[:quoted], &s) != nil {
			return "", nil, false
		}
		for end = quoted; blank(end); end++ {
		}
		if end == len(text) || text[end] != ':' || end+1 < len(text) && !blank(end+1) {
			return "", nil, false
		}
		key = s
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '@', '`', '%':
		return "", nil, false
	case '-', '?', ':':
		// An indicator, unless a plain scalar goes on after it (-x).
		if len(text) == 1 || blank(1) {
			return "", nil, false
		}
		fallthrough
	default:
		// A plain key runs to the first ":" followed by a blank or ending
		// the line.
		for end = 0; end < len(text); end++ {
			if text[end] == ':' && (end+1 == len(text) || blank(end+1)) {
				break
			}
			if blank(end) && end+1 < len(text) && text[end+1] == '#' {
				return "", nil, false // a comment before any colon
			}
		}
		if end == len(text) {
			return "", nil, false
		}
		key = string(bytes.TrimRight(text[:end], blanks))
	}
	value = bytes.TrimLeft(text[end+1:], blanks)
	comment := -1 // the first "#" after a blank
	for i := 1; i < len(value) && comment < 0; i++ {
		if value[i] == '#' && (value[i-1] == ' ' || value[i-1] == '\t') {
			comment = i
		}
	}
	if comment > 0 && value[0] != '"' && value[0] != '\'' {
		value = bytes.TrimRight(value[:comment], blanks)
	} else if len(value) > 0 && value[0] == '#' {
		value = nil
	}
	return key, value, true
}

// yamlValue checks a value written on its member's line: open reports a
// block scalar, whose text follows on deeper lines; ok is false for what
// the line reader cannot see past (a quote or bracket not closed on the
// line, an anchor, an alias, a tag).
func yamlValue(value []byte) (open, ok bool) {
	if len(value) == 0 {
		return false, true
	}
	switch value[0] {
	case '|', '>':
		return true, true
	case '&', '*', '!':
		return false, false
	case '"', '\'':
		return false, quotedEnd(value) == len(bytes.TrimRight(value, " "))
	case '[', '{':
		return false, flowEnd(value) == len(value)
	}
	return false, true
}

// flowEnd returns the offset after the flow collection text starts with,
// its quoted scalars skipped; -1 when it does not close on the line, or
// holds an anchor, an alias or a tag.
func flowEnd(text []byte) int {
	depth := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '[', '{':
			depth++
		case ']', '}':
			if depth--; depth == 0 {
				return i + 1
			}
		case '"', '\'':
			end := quotedEnd(text[i:])
			if end < 0 {
				return -1
			}
			i += end - 1
		case '&', '*', '!', '#':
			return -1
		}
	}
	return -1
}

// quotedEnd returns the offset after the quoted scalar text starts with;
// -1 when it does not close on the line.
func quotedEnd(text []byte) int {
	quote := text[0]
	for i := 1; i < len(text); i++ {
		switch {
		case quote == '"' && text[i] == '\\':
			i++
		case text[i] == quote:
			if quote == '\'' && i+1 < len(text) && text[i+1] == '\'' {
				i++ // '' is a quote inside single quotes
				continue
			}
			return i + 1
		}
	}
	return -1
}
