package source

// apidoc.js (github.com/apidoc/apidoc) writes a static site whose template
// renders the parsed comments from a data file. What this file relies on
// was read in apidoc/apidoc:
//
//   - lib/index.js at tag 0.29.0: the site's root holds api_data.json (the
//     array of items) and api_data.js, 'define({ "api": [...] });' (or
//     "export default" / "module.exports =" by the mode option), with
//     api_project.json/.js beside them; template/index.html loads
//     vendor/require.min.js with data-main="main.js", and template/main.js
//     requires './api_data' and './api_project'.
//   - lib/writer.js from 0.50.0 to 1.2.0: the data is compiled into
//     assets/main.bundle.js by webpack's DefinePlugin (API_DATA, read in
//     template/src/main.js), so no data file is served unless the site was
//     built with --write-json (bin/apidoc), which writes assets/api-data.json.
//     The minified bundle is not JSON (terser unquotes keys, writes !0 for
//     true), so it is not read here.
//   - template/index.html: <script id="template-sidenav"> in every version.
//   - lib/core/parsers/api_param.js: a field is {group, type, size,
//     allowedValues, optional, parentNode, field, isArray, defaultValue,
//     description}; @apiParam's default group is "Parameter", @apiQuery's
//     "Query" and @apiBody's "Body" (api_query.js, api_body.js), the last two
//     pushed to the item's query and body arrays; parameter, header,
//     success and error are {fields: {Group: [...]}, examples: [{title,
//     content, type}]} (test/markdown/fixtures/api_data.json), and
//     descriptions are Markdown rendered to HTML (<p>...</p>).
//   - lib/core/parsers/api_success_example.js: an example's content is as
//     written, usually starting "HTTP/1.1 200 OK".
//
// One Doc per group (groupTitle, else group), in the order the data lists
// them, each with the latest version of each endpoint: the groups are the
// site's sections, and the Tag carries them to the spec's tags.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
)

func init() {
	register(&platform{
		name:   "apidoc",
		detect: apidocDetect,
		byURL:  apidocByURL,
		read:   readApidoc,
	})
}

var (
	apidocMarkers = regexp.MustCompile(`(?i)id="template-sidenav"|api_data\.js|api_project\.js|<script[^>]+data-main="main\.js"[^>]*require`)
	apidocDataURL = regexp.MustCompile(`/(api_data\.json|api-data\.json|api_data\.js)$`)
	apidocPathVar = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)
	apidocTags    = regexp.MustCompile(`<[^>]*>`)
	apidocStatus  = regexp.MustCompile(`^\s*HTTP/\d(?:\.\d)?\s+\d{3}[^\n]*\n`)
	apidocWrapper = regexp.MustCompile(`^\s*(?:define\s*\(|export\s+default\s+|module\.exports\s*=\s*)`)
)

func apidocByURL(u *url.URL) bool { return apidocDataURL.MatchString(u.Path) }

func apidocDetect(_ *url.URL, page []byte) bool { return apidocMarkers.Match(page) }

type apidocItem struct {
	Type        string         `json:"type"`
	URL         string         `json:"url"`
	Title       string         `json:"title"`
	Name        string         `json:"name"`
	Group       string         `json:"group"`
	GroupTitle  string         `json:"groupTitle"`
	Version     string         `json:"version"`
	Description string         `json:"description"`
	Parameter   apidocSection  `json:"parameter"`
	Header      apidocSection  `json:"header"`
	Success     apidocSection  `json:"success"`
	Error       apidocSection  `json:"error"`
	Query       []apidocField  `json:"query"`
	Body        []apidocField  `json:"body"`
	Examples    []apidocSample `json:"examples"`
}

type apidocSection struct {
	Fields   apidocGroups   `json:"fields"`
	Examples []apidocSample `json:"examples"`
}

type apidocSample struct {
	Title   string `json:"title"`
	Content string `json:"content"`
	Type    string `json:"type"`
}

type apidocField struct {
	Group         string   `json:"group"`
	Type          string   `json:"type"`
	Size          string   `json:"size"`
	AllowedValues []string `json:"allowedValues"`
	Optional      bool     `json:"optional"`
	Field         string   `json:"field"`
	DefaultValue  flexText `json:"defaultValue"`
	Description   string   `json:"description"`
}

// apidocGroups keeps the field groups in the order the data lists them, as
// the template shows them; a Go map would shuffle the tables.
type apidocGroups []apidocGroup

type apidocGroup struct {
	Name   string
	Fields []apidocField
}

func (g *apidocGroups) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		*g = nil
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		var fields []apidocField
		if err := dec.Decode(&fields); err != nil {
			return err
		}
		*g = append(*g, apidocGroup{Name: fmt.Sprint(key), Fields: fields})
	}
	return nil
}

// apidocData reads the data file: the JSON array, or the .js module that
// wraps {"api": [...]} (or the array) for require.js.
func apidocData(body []byte) ([]apidocItem, error) {
	body = bytes.TrimPrefix(bytes.TrimSpace(body), []byte("\xef\xbb\xbf"))
	if loc := apidocWrapper.FindIndex(body); loc != nil {
		body = bytes.TrimSpace(body[loc[1]:])
		body = bytes.TrimSuffix(body, []byte(";"))
		body = bytes.TrimSpace(body)
		if bytes.HasSuffix(body, []byte(")")) {
			body = bytes.TrimSpace(body[:len(body)-1])
		}
	}
	var items []apidocItem
	if bytes.HasPrefix(body, []byte("{")) {
		var wrapped struct {
			API []apidocItem `json:"api"`
		}
		if err := json.Unmarshal(body, &wrapped); err != nil {
			return nil, err
		}
		return wrapped.API, nil
	}
	if err := json.Unmarshal(body, &items); err != nil {
		return nil, err
	}
	return items, nil
}

func readApidoc(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error) {
	base := *u
	base.Fragment, base.RawQuery = "", ""
	var candidates []string
	if apidocDataURL.MatchString(u.Path) {
		candidates = []string{base.String()}
	} else {
		if i := strings.LastIndexByte(base.Path, '/'); i >= 0 {
			base.Path = base.Path[:i+1]
		}
		candidates = []string{
			resolveRef(&base, "api_data.json"),
			resolveRef(&base, "assets/api-data.json"),
			resolveRef(&base, "api_data.js"),
		}
	}
	var items []apidocItem
	var at string
	var lastErr error
	for _, c := range candidates {
		body, err := r.fetch(ctx, c)
		if err != nil {
			lastErr = err
			continue
		}
		got, err := apidocData(body)
		if err != nil {
			lastErr = fmt.Errorf("%s is not apidoc's data: %v", c, err)
			continue
		}
		items, at = got, c
		break
	}
	if at == "" {
		return nil, fmt.Errorf("the page is an apidoc site, but apigen found none of its data files (tried %s; last: %v): apidoc 0.50 and later compile the data into assets/main.bundle.js, which apigen does not read; build the site with apidoc --write-json (it writes assets/api-data.json) or point apigen at the api_data.json the site was built from", strings.Join(candidates, ", "), lastErr)
	}
	return apidocDocs(at, items, &r.diags)
}

func apidocDocs(at string, items []apidocItem, diags *diag.List) ([]Doc, error) {
	// The template shows the latest version of each name by default; the
	// older ones are only there to compare against.
	latest := map[string]int{}
	for i, it := range items {
		if it.Type == "" {
			continue
		}
		key := it.Group + "\x00" + it.Name
		if j, ok := latest[key]; !ok || compareVersions(it.Version, items[j].Version) > 0 {
			latest[key] = i
		}
	}
	var order []string
	byGroup := map[string]*parser.Document{}
	for i, it := range items {
		if it.Type == "" || latest[it.Group+"\x00"+it.Name] != i {
			continue
		}
		group := strings.TrimSpace(it.GroupTitle)
		if group == "" {
			group = strings.TrimSpace(it.Group)
		}
		doc := byGroup[group]
		if doc == nil {
			origin := at + "#" + url.PathEscape(group)
			doc = &parser.Document{File: origin, Title: group}
			byGroup[group] = doc
			order = append(order, group)
		}
		doc.Endpoints = append(doc.Endpoints, apidocEndpoint(it, group, diag.Pos{File: doc.File}, diags))
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("the apidoc data at %s documents no endpoint", at)
	}
	docs := make([]Doc, 0, len(order))
	for _, g := range order {
		doc := byGroup[g]
		docs = append(docs, Doc{Origin: doc.File, Parsed: doc, Tag: g})
	}
	return docs, nil
}

func apidocEndpoint(it apidocItem, group string, at diag.Pos, diags *diag.List) *parser.Endpoint {
	method := strings.ToUpper(strings.TrimSpace(it.Type))
	pathVars := map[string]bool{}
	for _, m := range apidocPathVar.FindAllStringSubmatch(it.URL, -1) {
		pathVars[m[1]] = true
	}
	ep := &parser.Endpoint{
		Pos:         at,
		Title:       strings.TrimSpace(cmpOr(it.Title, it.Name)),
		Description: stripHTML(it.Description),
		Group:       group,
		Method:      method,
		MethodPos:   at,
		URL:         apidocPathVar.ReplaceAllString(strings.TrimSpace(it.URL), "{$1}"),
		URLPos:      at,
	}
	// @apiParam does not say where a parameter goes; the sample-request
	// form sends it in the query for a GET and in the body otherwise.
	paramIn := "body"
	switch method {
	case "GET", "HEAD", "DELETE", "OPTIONS":
		paramIn = "query"
	}
	for _, g := range it.Header.Fields {
		addApidocTable(&ep.Request, parser.RoleRequest, at, g.Fields, func(string) string { return "header" })
	}
	for _, g := range it.Parameter.Fields {
		in := paramIn
		switch g.Name {
		case "Query":
			in = "query"
		case "Body":
			in = "body"
		}
		addApidocTable(&ep.Request, parser.RoleRequest, at, g.Fields, func(name string) string {
			if pathVars[name] {
				return "path"
			}
			return in
		})
	}
	addApidocTable(&ep.Request, parser.RoleRequest, at, it.Query, func(string) string { return "query" })
	addApidocTable(&ep.Request, parser.RoleRequest, at, it.Body, func(string) string { return "body" })
	for _, g := range it.Success.Fields {
		addApidocTable(&ep.Response, parser.RoleResponse, at, g.Fields, nil)
	}
	for _, g := range it.Error.Fields {
		addApidocTable(&ep.ErrorTables, parser.RoleResponse, at, g.Fields, nil)
	}
	for _, ex := range it.Parameter.Examples {
		if e := apidocExample(ex, at, diags); e != nil {
			ep.RequestExample = e
			break
		}
	}
	for _, ex := range it.Success.Examples {
		if e := apidocExample(ex, at, diags); e != nil {
			ep.ResponseExample = e
			break
		}
	}
	for _, ex := range it.Error.Examples {
		if e := apidocExample(ex, at, diags); e != nil {
			ep.ErrorExamples = append(ep.ErrorExamples, e)
		}
	}
	return ep
}

func addApidocTable(tables *[]*parser.Table, role parser.TableRole, at diag.Pos, fields []apidocField, in func(name string) string) {
	tbl := &parser.Table{Pos: at, Role: role, Headers: []string{"Field", "Type", "Description"}}
	for _, f := range fields {
		name := strings.TrimSpace(f.Field)
		if name == "" {
			continue
		}
		desc := stripHTML(f.Description)
		if len(f.AllowedValues) > 0 {
			desc = strings.TrimSpace(desc + " Allowed values: " + strings.Join(f.AllowedValues, ", "))
		}
		field := &parser.Field{
			Pos: at, Name: name, Type: stripHTML(f.Type), TypePos: at,
			Description: desc, Default: strings.TrimSpace(string(f.DefaultValue)),
		}
		if f.Size != "" {
			field.Extra = append(field.Extra, parser.Cell{Header: "Size", Value: f.Size})
		}
		if in != nil {
			field.In = in(name)
		}
		if role == parser.RoleRequest {
			field.Required = parser.RequiredYes
			if f.Optional {
				field.Required, field.RequiredRaw = parser.RequiredNo, "optional"
			}
		}
		tbl.Fields = append(tbl.Fields, field)
	}
	if len(tbl.Fields) > 0 {
		*tables = append(*tables, tbl)
	}
}

// apidocExample reads an example's JSON; examples in other languages
// (curl, a header line) say nothing about the body and are left out.
func apidocExample(ex apidocSample, at diag.Pos, diags *diag.List) *parser.Example {
	text := ex.Content
	if loc := apidocStatus.FindStringIndex(text); loc != nil {
		text = text[loc[1]:]
	}
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "{") && !strings.HasPrefix(text, "[") {
		return nil
	}
	return runapiExample(text, at, diags)
}

// stripHTML turns the Markdown-rendered HTML apidoc stores into the text
// it shows.
func stripHTML(s string) string {
	s = apidocTags.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// compareVersions orders apidoc's semver versions ("0.3.0", "1.0.0-beta")
// by their numbers; text it cannot read sorts below numbers.
func compareVersions(a, b string) int {
	pa := strings.Split(strings.SplitN(a, "-", 2)[0], ".")
	pb := strings.Split(strings.SplitN(b, "-", 2)[0], ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}
