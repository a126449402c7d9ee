package parser

import (
	"regexp"
	"strings"
)

// A page's headings do not say which of them are endpoints. "## 创建用户"
// over a request line and tables is one; "## 请求参数" and "### img_list
// 商品图片" under it are parts of it; "# 用户接口" over several such
// headings is a group; "## 请求说明" stating one method and URL for the
// whole page gives defaults to the endpoints below it. The outline looks
// at the whole page before the assembler reads it, so that what a heading
// is follows from what its section holds, not from its level alone.

// headingRole is what a heading is to the endpoints of its page.
type headingRole uint8

const (
	roleLabel       headingRole = iota // a section label (请求参数, 返回示例): read as a label
	rolePart                           // a titled part of the endpoint above it: captions what follows
	roleEndpoint                       // starts an endpoint
	roleGroup                          // names the endpoints below it
	roleDefaults                       // states a method or URL every endpoint below shares, and names them
	roleDefinition                     // defines a type by a field table (=== AddressVo under == 定义)
	roleDefinitions                    // names a section of type definitions (== 定义, Definitions, Models)
)

// typeName is a heading that is a type's name: an identifier that starts
// upper case (AddressVo, UserVO, BaseResult«CustomToken»).
var typeName = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*(?:[«<][A-Za-z0-9_«»<>, ]*[»>])?$`)

// typeReference is a type named inside another in a table cell:
// Array[v1Mapper], List<AddressVo>, Object(v1EntityResponse).
var typeReference = regexp.MustCompile(`[\[<«(]\s*([A-Za-z_][A-Za-z0-9_]*)\s*[\]>»)]`)

// referencedTypes are the type names the page's tables refer to: a
// capitalised name in a type cell (Config, Account; a String there is
// harmless, as no heading defines one), or a type named inside another in
// any cell. A heading or caption with such a name titles the type's
// definition, whatever its case.
func referencedTypes(blocks []block) map[string]bool {
	out := map[string]bool{}
	for i := range blocks {
		rt := blocks[i].table
		if blocks[i].kind != blockTable || rt == nil {
			continue
		}
		roles, _ := headerRoles(cellTexts(rt.header, rt.markup))
		for _, row := range rt.rows {
			for k, c := range row.cells {
				text := plainText(c.text, rt.markup)
				if k < len(roles) && roles[k] == colType && typeName.MatchString(text) {
					out[text] = true
				}
				for _, m := range typeReference.FindAllStringSubmatch(text, -1) {
					out[m[1]] = true
				}
			}
		}
	}
	return out
}

// material is what a stretch of a page holds that makes an endpoint: a
// statement of its address, and parameter tables or examples.
type material struct {
	urls    int    // URLs and request lines: how many addresses
	url     string // the one address, when all of them are the same
	method  bool   // a method stated
	content bool   // a parameter table or a JSON example
}

func (m material) anchor() bool { return m.urls > 0 || m.method }

func (m material) any() bool { return m.anchor() || m.content }

func (m *material) add(o material) {
	if m.urls > 0 && o.urls > 0 && m.url != "" && m.url == o.url {
		o.urls-- // the same address stated again (a request example's path)
	}
	if m.urls == 0 {
		m.url = o.url
	} else if o.urls > 0 && o.url != m.url {
		m.url = ""
	}
	m.urls += o.urls
	m.method = m.method || o.method
	m.content = m.content || o.content
}

// addressOf is the material a URL or method label states.
func addressOf(l label) material {
	switch l {
	case labelURL:
		return material{urls: 1}
	case labelMethod:
		return material{method: true}
	}
	return material{}
}

// outline decides the role of every heading block, by index.
func outline(blocks []block, referenced map[string]bool) map[int]headingRole {
	type section struct {
		at         int // index of the heading block
		level      int
		label      bool     // a label heading: it only scopes the headings below it
		underLabel bool     // a titled heading below a label heading (### img_list under ## 返回参数)
		own        material // in its blocks and label headings, not in titled children
		below      material // in its titled children, at any depth
		children   int      // titled children with material
		parent     *section // the nearest titled section above
		// callbackBelow is set when a titled section below is a
		// callback: an endpoint of its own however few addresses there are.
		callbackBelow bool
	}
	roles := map[int]headingRole{}
	var stack []*section
	var all []*section
	titled := func() *section {
		for i := len(stack) - 1; i >= 0; i-- {
			if !stack[i].label {
				return stack[i]
			}
		}
		return nil
	}
	for i := range blocks {
		b := &blocks[i]
		if b.kind != blockHeading {
			if t := titled(); t != nil {
				t.own.add(blockMaterial(b))
			}
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].level >= b.level {
			stack = stack[:len(stack)-1]
		}
		text := blockPlain(b)
		if sl, ok := classifyHeading(text); ok && !callbackParams(sl, text) || cleanTitle(text) == "" {
			roles[i] = roleLabel
			if t := titled(); t != nil {
				t.own.add(blockMaterial(b))
			}
			stack = append(stack, &section{at: i, level: b.level, label: true})
			continue
		}
		s := &section{at: i, level: b.level, parent: titled()}
		s.underLabel = len(stack) > 0 && stack[len(stack)-1].label
		s.own.add(blockMaterial(b)) // "## POST /api/user": the heading states the address
		stack = append(stack, s)
		all = append(all, s)
	}
	// Material flows up: a section knows what its titled children hold.
	for i := len(all) - 1; i >= 0; i-- {
		s := all[i]
		if p := s.parent; p != nil && (s.own.any() || s.below.any()) {
			p.below.add(s.own)
			p.below.add(s.below)
			p.children++
			p.callbackBelow = p.callbackBelow || s.callbackBelow || containsAny(strings.ToLower(blockPlain(&blocks[s.at])), callbackWords)
		}
	}
	pageURLs := 0
	for _, s := range all {
		if s.parent == nil {
			pageURLs += s.own.urls + s.below.urls
		}
	}
	for _, s := range all {
		parentRole := roleGroup
		if s.parent != nil {
			parentRole = roles[s.parent.at]
		}
		switch {
		case s.own.anchor() && s.children == 0:
			roles[s.at] = roleEndpoint
		case !s.own.anchor() && s.own.content && s.children == 0 && pageURLs > 0 &&
			(typeName.MatchString(blockPlain(&blocks[s.at])) || referenced[cleanTitle(blockPlain(&blocks[s.at]))] ||
				s.parent != nil && roles[s.parent.at] == roleDefinitions):
			// A type the endpoints refer to: its table defines it.
			roles[s.at] = roleDefinition
		case (parentRole == roleEndpoint || parentRole == rolePart) && s.own.urls == 0 && (s.own.content || s.below.content) &&
			callbackParamsHeading(blockPlain(&blocks[s.at])):
			// 异步返回参数 under the endpoint whose call it answers: what
			// the vendor sends the user's server afterwards, a callback
			// of its own.
			roles[s.at] = roleEndpoint
		case s.underLabel || parentRole == roleEndpoint || parentRole == rolePart:
			// A titled part of the endpoint above it.
			roles[s.at] = rolePart
		case s.own.urls+s.below.urls == 1 && s.children > 0 && !s.callbackBelow:
			// One address in all its sections ("## 接口规格" stating the
			// request line beside "## 请求", "## 响应"): one endpoint.
			roles[s.at] = roleEndpoint
		case s.children == 0 && s.own.any():
			roles[s.at] = roleEndpoint
		case s.children == 0:
			roles[s.at] = roleGroup
		case !s.own.anchor() && s.below.urls == 0 && containsAny(strings.ToLower(blockPlain(&blocks[s.at])), definitionWords):
			roles[s.at] = roleDefinitions
		case s.own.content:
			// Tables of its own and titled children with more: an
			// endpoint, and the children endpoints of their own.
			roles[s.at] = roleEndpoint
		case s.own.anchor():
			roles[s.at] = roleDefaults
		default:
			roles[s.at] = roleGroup
		}
	}
	return roles
}

// blockMaterial tells whether a block states an address or holds a
// parameter table or an example. It is a quick look, not a reading: the
// assembler reads the block for real.
func blockMaterial(b *block) material {
	switch b.kind {
	case blockTable:
		var m material
		for _, p := range splitTable(b.table) {
			switch {
			case p.label != nil:
				m.add(addressOf(p.label.sl.label))
			case p.table != nil:
				if _, ok := headerRoles(cellTexts(p.table.header, p.table.markup)); ok {
					m.content = true
				}
			}
		}
		return m
	case blockCode:
		if _, url, ok := readMethodPath(firstLine(b.text)); ok {
			return material{urls: 1, url: url, method: true}
		}
		_, ok := jsonStart(b.text)
		return material{content: ok}
	}
	text := blockPlain(b)
	if _, url, ok := readMethodPath(text); ok {
		return material{urls: 1, url: url, method: true}
	}
	if b.kind == blockHeading {
		if sl, ok := classifyHeading(text); ok {
			return addressOf(sl.label)
		}
		return material{}
	}
	var m material
	for _, l := range pageLabels(text) {
		switch l.label {
		case labelURL, labelMethod:
			m.add(addressOf(l.label))
		case labelRequestExample, labelResponseExample, labelDataExample:
			m.content = m.content || opensJSON(trimLeftSpace(text[l.valueStart:]))
		}
	}
	if !m.anchor() {
		if sl, ok := classifyLabel(text); ok {
			m.add(addressOf(sl.label))
		}
		if _, _, ok := readStatedMethod(text); ok {
			m.method = true
		}
	}
	return m
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// callbackParams reports a heading that names the parameters of a call
// the vendor makes (异步返回参数, 回调参数, 通知参数): the section is that
// call's own, not a label over the endpoint's tables.
func callbackParams(sl sectionLabel, text string) bool {
	return (isParamsLabel(sl.label) || sl.label == labelResponseParams) && containsAny(strings.ToLower(text), callbackWords)
}

// callbackParamsHeading reports a heading that callbackParams reads so.
func callbackParamsHeading(text string) bool {
	sl, ok := classifyHeading(text)
	return ok && callbackParams(sl, text)
}
