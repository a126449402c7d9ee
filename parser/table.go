package parser

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/apigen/apigen/parser/diag"
)

// readTable reads a table cut from any page by the one header vocabulary.
// ok is false when the header does not make it a parameter table (version,
// error-code and status tables sit beside parameter tables); that is not a
// problem and is not reported.
func readTable(rt *rawTable, diags *diag.List) (*Table, bool) {
	headers := make([]string, len(rt.header))
	for i, c := range rt.header {
		headers[i] = plainText(c.text, rt.markup)
	}
	roles, ok := headerRoles(headers)
	if !ok {
		if roles, ok = nameValueRoles(rt, headers); ok {
			goto read
		}
		if roles, ok = headerLostNameCell(rt, headers); !ok {
			return nil, false
		}
		diags.Add(rt.pos, diag.MisplacedColumns, "the header %q has no name column and ends in an empty cell, and every row starts with a name: the header was read one cell to the right",
			strings.Join(headers, " | "))
		headers = append([]string{""}, headers[:len(headers)-1]...)
	}
read:
	if p := extraEmptyCell(rt, roles); p >= 0 {
		diags.Add(rt.pos, diag.MisplacedColumns, "every row has a cell more than the header %q, empty in each, where yes/no words come after it: cell %d of the rows was read as no column",
			strings.Join(headers, " | "), p+1)
		rt = dropCell(rt, p, len(roles)+1)
	}
	roles = keepNameColumn(roles, nameColumn(rt, roles))
	roles = locationColumn(rt, roles)
	t := &Table{Pos: rt.pos, Headers: headers}
	if swapped := swappedTypeColumn(rt, roles); swapped != nil {
		diags.Add(rt.pos, diag.MisplacedColumns, "every row puts a yes/no word under %q and a type under %q; the two columns were read by their content",
			headers[swapped[0]], headers[swapped[1]])
		roles = slices.Clone(roles)
		roles[swapped[0]], roles[swapped[1]] = roles[swapped[1]], roles[swapped[0]]
	}
	lead := leadingNameColumns(rt, roles, headers)
	var indents []int
	var container *Field // the container row a rule inside the table sets off
	for _, row := range rt.rows {
		f, indent := readTableRow(rt, row, roles, headers, lead, diags)
		if f == nil {
			continue
		}
		if row.ruled && len(t.Fields) > 0 {
			container = nil
			if prev := t.Fields[len(t.Fields)-1]; isContainerType(prev.Type) && !strings.ContainsAny(f.Name, ".[") {
				// |info|array| then a rule: the rows below are info's.
				container = prev
			}
		}
		if container != nil && f.Depth == 0 {
			f.Depth = container.Depth + 1
		}
		t.Fields = append(t.Fields, f)
		indents = append(indents, indent)
	}
	if len(rt.rows) == 0 {
		// A header alone: the rows were lost on the way (a rendering that
		// broke the table) or the page never wrote them.
		diags.Add(rt.pos, diag.EmptyTable, "the table under %q has a header and no rows", strings.Join(headers, " | "))
	}
	depthFromIndent(t.Fields, indents)
	relativeDepth(t.Fields)
	noteEmptyRequired(rt, roles, t, diags)
	return t, true
}

// locationColumn makes a column whose every filled cell is a location
// word (Body, Query, Path, Header) the location column, whatever its
// header says: a generator may head it 类型, and a second 类型 column
// holds the type.
func locationColumn(rt *rawTable, roles []column) []column {
	for k, c := range roles {
		if c == colIn || c == colName {
			continue
		}
		if everyFilledCell(rt, k, isLocationWord) {
			roles = slices.Clone(roles)
			roles[k] = colIn
			if c == colType {
				// The type is then the other type column.
				for j := k + 1; j < len(roles); j++ {
					if roles[j] == colUnknown && headerColumn(plainText(rt.header[j].text, rt.markup)) == colType {
						roles[j] = colType
					}
				}
			}
			return roles
		}
	}
	return roles
}

// isLocationWord reports a cell that names a parameter location and
// nothing else (Body, Query, Path, Header, 请求头), as a column of them does;
// json or form say how a body is written, not where a parameter goes.
func isLocationWord(cell string) bool {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "body", "query", "path", "header", "cookie", "formdata", "请求头", "路径", "请求体", "查询":
		return true
	}
	return false
}

// nameColumn picks the name column of a table whose header has several
// name-like columns (字段名称 | 字段key, 请求参数 | 参数名): the one whose
// cells are identifiers, as a key is and a label in Chinese is not. A tie
// goes to the first.
func nameColumn(rt *rawTable, roles []column) int {
	best, bestScore := -1, -1
	for k, c := range roles {
		if c != colName {
			continue
		}
		score := 0
		for _, row := range rt.rows {
			if k < len(row.cells) {
				name, _, _ := splitNest(plainText(row.cells[k].text, rt.markup))
				if name != "" && !hasHan(name) && !strings.ContainsAny(name, " \t") {
					score++
				}
			}
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// noteEmptyRequired reports, once per table, a required column that no row
// fills (the rendering lost it, or the writer never filled it): every
// field's Required is then unknown, which the spec must not read as "no".
func noteEmptyRequired(rt *rawTable, roles []column, t *Table, diags *diag.List) {
	col := slices.IndexFunc(roles, func(c column) bool { return c == colRequired || c == colOptional })
	if col < 0 || len(t.Fields) == 0 {
		return
	}
	for _, f := range t.Fields {
		if f.RequiredRaw != "" {
			return
		}
	}
	diags.Add(rt.header[col].pos, diag.NoRequiredMarks, "the %s column is empty in every row; required is unknown", t.Headers[col])
}

// noteEmptyCells reports a row that leaves its type or description cell
// empty, so that a reader of the diagnostics knows the spec has only the
// name to go on.
func noteEmptyCells(f *Field, roles []column, diags *diag.List) {
	noType := slices.Contains(roles, colType) && f.Type == ""
	noDesc := slices.Contains(roles, colDescription) && f.Description == ""
	switch {
	case noType && noDesc:
		diags.Add(f.Pos, diag.EmptyCell, "row %q gives no type and no description", f.Name)
	case noType:
		diags.Add(f.Pos, diag.EmptyCell, "row %q gives no type", f.Name)
	case noDesc:
		diags.Add(f.Pos, diag.EmptyCell, "row %q gives no description", f.Name)
	}
}

// relativeDepth makes depths count from the table's own top level: an
// Apifox table draws every row of a response with » (» code, »» id), its
// top rows being children of the body the table describes.
func relativeDepth(fields []*Field) {
	if len(fields) == 0 {
		return
	}
	least := fields[0].Depth
	for _, f := range fields {
		least = min(least, f.Depth)
	}
	if least == 0 {
		return
	}
	for _, f := range fields {
		f.Depth -= least
	}
}

// readTableRow reads one row by the column roles. A row with more cells
// than the header keeps the extra text in its description (W025); one
// with fewer is read with the missing cells empty (W030). It returns the
// indentation width of the name, for tables that nest by indentation.
func readTableRow(rt *rawTable, row rawRow, roles []column, headers []string, lead int, diags *diag.List) (*Field, int) {
	cells := row.cells
	if allBlank(cells) {
		return nil, 0
	}
	if row.spanning && len(roles) > 1 {
		diags.Add(row.pos, diag.SkippedRow, "row %q spans every column; it is a note, not a field, and was skipped", shorten(plainText(cells[0].text, rt.markup), 30))
		return nil, 0
	}
	var extra string
	switch {
	case len(cells) > len(roles):
		var parts []string
		for _, c := range cells[len(roles):] {
			if t := plainText(c.text, rt.markup); t != "" {
				parts = append(parts, t)
			}
		}
		if len(parts) > 0 {
			extra = strings.Join(parts, " ")
			diags.Add(cells[len(roles)].pos, diag.ExtraCells, "row has %d cells for %d columns; the extra text %q was joined into the description",
				len(cells), len(roles), shorten(extra, 30))
		}
	case len(cells) < len(roles) && !rt.aligned:
		diags.Add(row.pos, diag.MissingCells, "row has %d cells for %d columns; the missing cells were read as empty", len(cells), len(roles))
	}
	f := &Field{Pos: row.pos}
	indent := 0
	nameAt := slices.Index(roles, colName)
	for i, role := range roles {
		if i >= len(cells) {
			break
		}
		if i >= nameAt-lead && i < nameAt {
			continue // read with the name column
		}
		c := cells[i]
		raw, hadHTML := inlineText(c.text, rt.markup)
		if hadHTML {
			diags.Add(c.pos, diag.HTMLStripped, "inline HTML stripped from the %q cell", headers[i])
		}
		if role == colName {
			if rt.markup == markupMarkdown && lineBreak.MatchString(c.text) {
				// **id** <br>*必填*: a Markdown cell's lines are cut by
				// HTML breaks.
				var parts []string
				for _, p := range lineBreak.Split(c.text, -1) {
					part, _ := inlineText(p, rt.markup)
					parts = append(parts, part)
				}
				raw = strings.Join(parts, "\n")
			}
			if lines := strings.Split(strings.TrimSpace(raw), "\n"); len(lines) > 1 && readRequired(lines[len(lines)-1]) != RequiredUnknown {
				// **city** +
				// __必填__: the required mark under the name.
				f.RequiredRaw = collapseSpace(lines[len(lines)-1])
				f.Required = readRequired(f.RequiredRaw)
				raw = strings.Join(lines[:len(lines)-1], " ")
			}
			if k, offset := nameInSpan(rt, cells, i, headers, lead); k != i || offset != 0 {
				// A name column spanning several (参数 over colspan=2):
				// the name is in the rightmost filled one, nested by it.
				raw, _ = inlineText(cells[k].text, rt.markup)
				c = cells[k]
				f.Name, f.Depth, indent = splitNest(raw)
				f.Depth += offset
			} else {
				f.Name, f.Depth, indent = splitNest(raw)
			}
			f.Name = unwrapUsageMarks(f.Name)
			f.Pos = c.pos
			continue
		}
		value := collapseSpace(raw)
		if role == colType {
			if m := linkedType.FindStringSubmatch(strings.TrimSpace(c.text)); m != nil && rt.markup == markupMarkdown {
				// [**number**]: a type set as a link's text, to a
				// page that was not written.
				value = m[1]
			}
			if value != "" {
				f.TypePos = c.pos
			}
		}
		fillCell(f, role, headers[i], value)
	}
	f.Description = joinText(f.Description, extra)
	if parent := statedParent(f.Description); parent != "" && !strings.ContainsAny(f.Name, ".[") && f.Depth == 0 {
		f.Name = parent + "." + f.Name
	}
	if f.Name == "" {
		diags.Add(row.pos, diag.SkippedRow, "row without a field name skipped")
		return nil, 0
	}
	noteEmptyCells(f, roles, diags)
	return f, indent
}

// linkedType is a type cell set as a link's bold text with no target:
// openapi-generator's docs write a primitive type so ([**number**]).
var linkedType = regexp.MustCompile(`^\[\*\*([A-Za-z][A-Za-z0-9<>\[\], ]*?)\*\*\]$`)

// usageMarked is a name written as a usage line writes an argument:
// <extid> for one that must be given, [weekdays] for one that may be.
var usageMarked = regexp.MustCompile(`^(?:<([A-Za-z_$][\w.$-]*)>|\[([A-Za-z_$][\w.$-]*)\])$`)

// unwrapUsageMarks takes the marks off a name written as a usage line's
// argument. What the marks say of whether the field is required is left
// unread: a page that never explains them does not say it.
func unwrapUsageMarks(name string) string {
	if m := usageMarked.FindStringSubmatch(name); m != nil {
		return m[1] + m[2]
	}
	return name
}

// parentNote is a parent element named in a description: 父节点：A.B.
var parentNote = regexp.MustCompile(`(?i)(?:^|[\s。.;；，,])(?:` + strings.Join(parentWords, "|") + `)\s*[:：]\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)`)

// statedParent returns the parent path a description states for its
// field, or "" when it states none ("父节点：None": the field is a root).
func statedParent(desc string) string {
	m := parentNote.FindStringSubmatch(desc)
	if m == nil || strings.EqualFold(m[1], "none") || strings.EqualFold(m[1], "null") || strings.EqualFold(m[1], "root") {
		return ""
	}
	return m[1]
}

// nameInSpan finds the name of a row whose name column k spans the
// empty header cells after it, and the lead ones before it: the rightmost
// cell of the span that is filled (not "-", the mark of a parent's own
// row), and its offset from the span's start, the depth it gives.
func nameInSpan(rt *rawTable, cells []rawCell, k int, headers []string, lead int) (int, int) {
	start, end := k-lead, k+1
	for end < len(headers) && headers[end] == "" {
		end++
	}
	for j := min(end, len(cells)) - 1; j >= start; j-- {
		if t := plainText(cells[j].text, rt.markup); t != "" && t != "-" {
			return j, j - start
		}
	}
	return k, k - start
}

// leadingNameColumns counts the columns with empty header cells right
// before the name column that hold names too: ||参数名称|required| over
// |league_id||y| and ||horse_name|y|, top-level names left of the header's
// name column, their members under it. Every filled cell there is a name,
// so a column of row numbers is not one.
func leadingNameColumns(rt *rawTable, roles []column, headers []string) int {
	k := slices.Index(roles, colName)
	lead := 0
	for j := k - 1; j >= 0 && strings.TrimSpace(headers[j]) == ""; j-- {
		if !everyFilledCell(rt, j, isFieldName) {
			return lead
		}
		lead++
	}
	return lead
}

// isFieldName reports a cell written as a field's name, after its
// nesting marks.
func isFieldName(cell string) bool {
	name, _, _ := splitNest(cell)
	return fieldName.MatchString(name)
}

// everyFilledCell reports whether column k has a filled cell and every
// filled one passes ok.
func everyFilledCell(rt *rawTable, k int, ok func(cell string) bool) bool {
	filled := 0
	for _, row := range rt.rows {
		if k >= len(row.cells) {
			continue
		}
		t := plainText(row.cells[k].text, rt.markup)
		if t == "" {
			continue
		}
		if !ok(t) {
			return false
		}
		filled++
	}
	return filled > 0
}

func allBlank(cells []rawCell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// fillCell stores a plain cell value in the field by its column role.
// Columns apigen has no role for are kept in Extra, never dropped.
func fillCell(f *Field, role column, header, value string) {
	switch role {
	case colType:
		f.Type = value
	case colRequired:
		f.RequiredRaw, f.Required = value, readRequired(value)
	case colOptional:
		f.RequiredRaw, f.Required = value, invertRequired(readRequired(value))
	case colDescription:
		f.Description = joinText(f.Description, value)
	case colDefault:
		f.Default = value
	case colExample:
		f.Example = value
	case colIn:
		f.In = readIn(value)
		if f.In == "" && value != "" {
			f.Extra = append(f.Extra, Cell{Header: header, Value: value})
		}
	default:
		if value != "" {
			f.Extra = append(f.Extra, Cell{Header: header, Value: value})
		}
	}
}

// headerLostNameCell reads a header that lost its first cell: a rendered
// table's empty top-left cell above the names is dropped, the header
// cells move one to the left and an empty cell ends the header
// (必选 | 类型及范围 | 说明 | |, over rows access_token | true | string
// | …). It returns the roles with the name column first, when the header
// read one cell to the right makes a parameter table and every row's first
// cell is a name.
func headerLostNameCell(rt *rawTable, headers []string) ([]column, bool) {
	n := len(headers)
	if n < 3 || strings.TrimSpace(headers[n-1]) != "" || len(rt.rows) == 0 {
		return nil, false
	}
	roles, _ := headerRoles(headers[:n-1])
	if slices.Contains(roles, colName) {
		return nil, false
	}
	roles = append([]column{colName}, roles...)
	if _, ok := headerRolesOf(roles); !ok {
		return nil, false
	}
	for _, row := range rt.rows {
		if len(row.cells) == 0 || !fieldName.MatchString(plainText(row.cells[0].text, rt.markup)) {
			return nil, false
		}
	}
	return roles, true
}

// nameValueRoles reads a table of two columns, a name and its value (参数
// | 值, Header Name | Header Value), as parameters with their values:
// when it has rows and every name is written as a parameter's is
// (access_token, Content-Type). Otherwise it is a page's facts as key and
// value (名称 | 值 over 支持的应用类型, HTTP URL), not parameters.
func nameValueRoles(rt *rawTable, headers []string) ([]column, bool) {
	if len(headers) != 2 || len(rt.rows) == 0 || headerColumn(headers[0]) != colName || !valueHeaders[normHeader(headers[1])] {
		return nil, false
	}
	for _, row := range rt.rows {
		if len(row.cells) == 0 {
			return nil, false
		}
		if name, _, _ := splitNest(plainText(row.cells[0].text, rt.markup)); !fieldName.MatchString(unwrapUsageMarks(name)) {
			return nil, false
		}
	}
	return []column{colName, colExample}, true
}

// valueHeaders head the value column of a name and value table.
var valueHeaders = map[string]bool{"值": true, "value": true, "headervalue": true, "参数值": true}

// headerRolesOf tells whether roles make a parameter table: a name
// column and another known one.
func headerRolesOf(roles []column) ([]column, bool) {
	var hasName, hasOther bool
	for _, r := range roles {
		switch r {
		case colName:
			hasName = true
		case colUnknown:
		default:
			hasOther = true
		}
	}
	return roles, hasName && hasOther
}

// fieldName is what a name cell holds: an identifier, perhaps dotted or
// indexed (items[].id, $ref).
var fieldName = regexp.MustCompile(`^` + fieldNamePattern + `$`)

// fieldNamePattern is how a field's name is written: an identifier,
// perhaps dotted or indexed (items[].id, $ref, content-type).
const fieldNamePattern = `[A-Za-z_$][A-Za-z0-9_.$\[\]-]*`

// IsFieldName reports whether s is written as a field's name is.
func IsFieldName(s string) bool { return fieldName.MatchString(s) }

// extraEmptyCell finds the cell that rows of one cell more than the
// header hold empty where the header has no column: dropping it puts
// yes/no words under the required column in more rows than reading the
// cells in order does (|product_id|币对||true|string|| under 参数名称 |
// 参数说明 | 是否必须 | 数据类型 | schema). It returns -1 when no row is
// that long or no such cell reads better.
func extraEmptyCell(rt *rawTable, roles []column) int {
	ri := slices.Index(roles, colRequired)
	if ri < 0 {
		ri = slices.Index(roles, colOptional)
	}
	if ri < 0 {
		return -1
	}
	n := len(roles)
	fits := func(p int) (int, bool) {
		fit, long := 0, 0
		for _, row := range rt.rows {
			if len(row.cells) != n+1 {
				continue
			}
			long++
			c := ri
			if p >= 0 {
				if plainText(row.cells[p].text, rt.markup) != "" {
					return 0, false
				}
				if p <= ri {
					c++
				}
			}
			if readRequired(plainText(row.cells[c].text, rt.markup)) != RequiredUnknown {
				fit++
			}
		}
		return fit, long > 0
	}
	best, bestFit := -1, 0
	if fit, ok := fits(-1); ok {
		bestFit = fit
	} else {
		return -1
	}
	for p := range n + 1 {
		if fit, ok := fits(p); ok && fit > bestFit {
			best, bestFit = p, fit
		}
	}
	return best
}

// dropCell is rt with cell p taken out of every row of size cells.
func dropCell(rt *rawTable, p, size int) *rawTable {
	c := *rt
	c.rows = make([]rawRow, len(rt.rows))
	for i, row := range rt.rows {
		if len(row.cells) == size {
			row.cells = slices.Delete(slices.Clone(row.cells), p, p+1)
		}
		c.rows[i] = row
	}
	return &c
}

// swappedTypeColumn returns the indexes of the type and required columns
// when every row that fills both has a yes/no word under the type and
// something else under required: the writer swapped the columns, not the
// header (是 under 类型, int under 是否必填).
func swappedTypeColumn(rt *rawTable, roles []column) []int {
	ti, ri := slices.Index(roles, colType), slices.Index(roles, colRequired)
	if ri < 0 {
		ri = slices.Index(roles, colOptional)
	}
	if ti < 0 || ri < 0 {
		return nil
	}
	n := 0
	for _, row := range rt.rows {
		if ti >= len(row.cells) || ri >= len(row.cells) {
			continue
		}
		typ, req := plainText(row.cells[ti].text, rt.markup), plainText(row.cells[ri].text, rt.markup)
		if typ == "" || req == "" {
			continue
		}
		if readRequired(typ) == RequiredUnknown || readRequired(req) != RequiredUnknown {
			return nil
		}
		n++
	}
	if n == 0 {
		return nil
	}
	return []int{ti, ri}
}

// Nesting prefixes. Docs draw a field's depth before its name with tree
// glyphs (└ id, ├─ ─ id, │ └─ id), dashes (--id), arrows (» id, »» id) or
// indentation with full-width or no-break spaces.
const (
	nestBranch = "└├┗┣│┃|｜∟┌┍┎┏╘╙╚╰↳"
	nestBox    = "─━"
	nestDash   = "-—–"
	nestArrow  = ">»+·•"
)

// splitNest cuts the nesting prefix off a name cell. It returns the name,
// the depth the glyphs give, and the width of the indentation for tables
// that nest by indentation alone. The prefix is stripped from every name
// the same way, so that Name never carries drawing characters.
func splitNest(s string) (name string, depth, indent int) {
	var branch, boxRuns, dashes, arrows int
	inBox := false
	i := 0
	// lead counts the white space before the first glyph: a name's
	// indentation. Space after a glyph only separates it from the name.
	lead := func(n int) {
		if branch+boxRuns+dashes+arrows == 0 {
			indent += n
		}
	}
loop:
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		box := false
		switch {
		case r == ' ':
			lead(1)
		case r == '\t':
			lead(4)
		case r == '\n' || r == '\r' || r == '*':
		case r == '\u3000':
			lead(2)
		case r == '\u00a0' || r == '\u2002' || r == '\u2003' || r == '\u2009':
			lead(1)
		case strings.ContainsRune(nestBranch, r):
			branch++
		case strings.ContainsRune(nestBox, r):
			box = true
			if !inBox {
				boxRuns++
			}
		case strings.ContainsRune(nestDash, r) && !negativeNumber(s[i:]):
			dashes++
		case strings.ContainsRune(nestArrow, r):
			arrows++
		default:
			break loop
		}
		inBox = box
		i += size
	}
	depth = max(branch, boxRuns, arrows, (dashes+1)/2)
	name = collapseSpace(s[i:])
	if rest, attrs := cutAttributes(name); attrs != "" {
		// `parent_id {data-indent=1}`: a Markdown attribute list states
		// the depth.
		name = rest
		if m := indentAttr.FindStringSubmatch(attrs); m != nil {
			n, _ := strconv.Atoi(m[1])
			depth = max(depth, n)
		}
	}
	return name, depth, indent
}

// indentAttr is the depth an attribute list gives a row.
var indentAttr = regexp.MustCompile(`(?:data-)?(?:indent|depth|level)\s*=\s*["']?(\d{1,2})`)

// depthFromIndent nests rows by their indentation, measured from the
// least indented row: steps of less than two spaces are the padding of a
// hand-drawn table, not nesting. Where every row draws the same glyph
// (├── under ┌─, each level only indented further), the indentation adds
// to the glyph's depth; where the glyphs themselves deepen, the deeper of
// the two counts.
func depthFromIndent(fields []*Field, indents []int) {
	if len(fields) == 0 {
		return
	}
	least := slices.Min(indents)
	widths := make([]int, len(indents))
	for i, n := range indents {
		if n-least >= 2 {
			widths[i] = n - least
		}
	}
	steps := slices.Compact(slices.Sorted(slices.Values(widths)))
	if len(steps) < 2 {
		return
	}
	glyphs := map[int]bool{}
	for _, f := range fields {
		if f.Depth > 0 {
			glyphs[f.Depth] = true
		}
	}
	for i, f := range fields {
		rank := slices.Index(steps, widths[i])
		if len(glyphs) <= 1 {
			f.Depth += rank
		} else {
			f.Depth = max(f.Depth, rank)
		}
	}
}

var (
	// captionIdent matches the identifier a caption starts with: the a/01
	// "- AppServerQueryOrderResp" above a table, "### img_list 商品图片数组",
	// "param说明", "表 6 ThrottleBindingBatchResultFailureResp".
	captionIdent = regexp.MustCompile(`^([A-Za-z_$][A-Za-z0-9_$.]*)(?:[\s\p{Han}（(：:]|$)`)
	// captionWithin matches a caption that says whose rows the table holds:
	// "订单明细(invoice_items 中的每个 item)", "（transaction 中的信息）".
	captionWithin = regexp.MustCompile(`[（(]\s*([A-Za-z_$][A-Za-z0-9_$.]*)\s*(?:中|的|内|里|in\b|of\b)`)
)

// captionName returns the identifier a caption names the table by, and
// whether the caption says outright that the table's rows are that
// field's (so that the field exists even if no row declares it).
func captionName(caption string) (name string, within bool) {
	if m := captionWithin.FindStringSubmatch(caption); m != nil {
		return m[1], true
	}
	c := strings.TrimSpace(labelEnumerator.ReplaceAllString(strings.TrimSpace(caption), ""))
	if len(strings.Fields(c)) > 3 {
		return "", false
	}
	if m := captionIdent.FindStringSubmatch(c); m != nil {
		return m[1], false
	}
	return "", false
}

// cloneTable copies a table for an endpoint that shares another's content
// (one page documenting two paths), so that later stages may change one
// endpoint's fields without touching the other's.
func cloneTable(t *Table) *Table {
	c := *t
	c.Fields = make([]*Field, len(t.Fields))
	for i, f := range t.Fields {
		fc := *f
		fc.Extra = slices.Clone(f.Extra)
		c.Fields[i] = &fc
	}
	c.Headers = slices.Clone(t.Headers)
	return &c
}

// negativeNumber reports a cell that is a minus sign and digits (-1, an
// error code), not a nesting dash before a name: field names do not start
// with a digit.
func negativeNumber(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
