package source

// Torna (gitee.com/durcframework/torna; read in its GitHub copy
// thc75/torna) serves a Vue shell; a share link is a hash route whose
// pages come from the server's JSON API. What this file relies on:
//
//   - front/src/router/index.js: /share/:shareId and /share/:shareId/:docId.
//   - front/src/utils/http.js: the API's base is the page's URL before "#"
//     without its trailing "/" (VUE_APP_BASE_API is '' in
//     front/.env.production); GET parameters go in the query string.
//   - server/server-web/.../web/config/WebConfig.java: /share/** is outside
//     the login interceptor; .../controller/doc/ShareConfigController.java
//     view (GET /doc/share/view?docId=&shareConfigId=) is @NoLogin.
//   - server/server-web/.../controller/share/ShareController.java: GET
//     /share/get?id= answers the share's config (type 1 public, 2 with a
//     password: server-common/.../enums/ShareConfigTypeEnum.java; "链接已失效",
//     "链接已过期" when it is off), GET /share/menu?id= its catalog: TreeDTO
//     {id, label, parentId, type (2 folder, 3 doc: DocViewService.java),
//     url, httpMethod, docType}; a doc's id is what the view takes.
//   - server-common/.../bean/Result.java: {code: "0", msg, data}.
//   - server-service/.../dto/DocInfoDTO.java and DocParamDTO.java: a doc is
//     {name, description, type (0 HTTP, 1 Dubbo, 2 custom, 3 Markdown:
//     front/src/utils/enums.js), url, httpMethod, contentType, pathParams,
//     headerParams, queryParams, requestParams, responseParams,
//     errorCodeParams, globalHeaders, isUseGlobalHeaders}; each list is flat,
//     a param {id, parentId, name, type, required (1/0), maxLength,
//     example, description}, a child naming its parent by parentId.
//   - front/src/views/share/index.vue: the front end asks /share/get, and
//     asks for the password (POST /share/checkPassword) itself, so a share
//     with a password is refused here rather than read around it.
//
// Torna stores no response example; the response table is all there is.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
)

func init() {
	register(&platform{
		name:   "torna",
		detect: tornaDetect,
		byURL:  tornaByURL,
		read:   readTorna,
	})
}

var (
	tornaShareRoute = regexp.MustCompile(`^/share/(\w+)(?:/(\w+))?/?$`)
	tornaViewRoute  = regexp.MustCompile(`^/(?:view|doc)/\w+`)
	tornaMarkers    = regexp.MustCompile(`(?i)<title>\s*Torna\b`)
)

func tornaByURL(u *url.URL) bool { return tornaShareRoute.MatchString(u.Fragment) }

func tornaDetect(_ *url.URL, page []byte) bool { return tornaMarkers.Match(page) }

const tornaExport = "export the docs from Torna (the project's module: Export → Markdown or HTML, or the OpenAPI/Swagger file it was pushed from) and list the file in docs"

type tornaResult struct {
	Code flexText        `json:"code"`
	Msg  string          `json:"msg"`
	Data json.RawMessage `json:"data"`
}

type tornaShare struct {
	Type   flexText `json:"type"`
	Status flexText `json:"status"`
}

type tornaNode struct {
	ID         flexText `json:"id"`
	Label      string   `json:"label"`
	ParentID   flexText `json:"parentId"`
	Type       flexText `json:"type"`
	HTTPMethod string   `json:"httpMethod"`
	URL        string   `json:"url"`
}

type tornaDoc struct {
	Name               string       `json:"name"`
	Description        string       `json:"description"`
	Type               flexText     `json:"type"`
	URL                string       `json:"url"`
	HTTPMethod         string       `json:"httpMethod"`
	ContentType        string       `json:"contentType"`
	PathParams         []tornaParam `json:"pathParams"`
	HeaderParams       []tornaParam `json:"headerParams"`
	QueryParams        []tornaParam `json:"queryParams"`
	RequestParams      []tornaParam `json:"requestParams"`
	ResponseParams     []tornaParam `json:"responseParams"`
	ErrorCodeParams    []tornaParam `json:"errorCodeParams"`
	GlobalHeaders      []tornaParam `json:"globalHeaders"`
	IsUseGlobalHeaders flexText     `json:"isUseGlobalHeaders"`
}

type tornaParam struct {
	ID          flexText `json:"id"`
	ParentID    flexText `json:"parentId"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Required    flexText `json:"required"`
	MaxLength   string   `json:"maxLength"`
	Example     string   `json:"example"`
	Description string   `json:"description"`
}

func readTorna(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error) {
	m := tornaShareRoute.FindStringSubmatch(u.Fragment)
	if m == nil {
		if tornaViewRoute.MatchString(u.Fragment) {
			return nil, fmt.Errorf("Torna's own pages (%s) are shown only after a login; ask for a share link (…/#/share/{id}) without a password, or %s", u, tornaExport)
		}
		return nil, fmt.Errorf("the Torna URL %s is not a share link (…/#/share/{id}); give a share link, or %s", u, tornaExport)
	}
	shareID, docID := m[1], m[2]
	base := *u
	base.Fragment, base.RawQuery = "", ""
	api := strings.TrimSuffix(base.String(), "/")

	var share tornaShare
	if err := tornaCall(ctx, r, api+"/share/get?"+url.Values{"id": {shareID}}.Encode(), "share "+shareID, &share); err != nil {
		return nil, err
	}
	if string(share.Type) == "2" {
		return nil, fmt.Errorf("the Torna share %s is protected by a password, and apigen does not read Torna shares that need one (or a login); ask for a public share link, or %s", shareID, tornaExport)
	}
	var menu []tornaNode
	if err := tornaCall(ctx, r, api+"/share/menu?"+url.Values{"id": {shareID}}.Encode(), "the catalog of share "+shareID, &menu); err != nil {
		return nil, err
	}
	folders := map[string]tornaNode{}
	for _, n := range menu {
		if string(n.Type) == "2" {
			folders[string(n.ID)] = n
		}
	}
	tagOf := func(n tornaNode) string {
		var path []string
		seen := map[string]bool{}
		for p := string(n.ParentID); p != "" && !seen[p]; {
			seen[p] = true
			f, ok := folders[p]
			if !ok {
				break
			}
			path = append([]string{strings.TrimSpace(f.Label)}, path...)
			p = string(f.ParentID)
		}
		return strings.Join(path, "/")
	}
	var listed []tornaNode
	for _, n := range menu {
		if string(n.Type) == "2" || (docID != "" && string(n.ID) != docID) {
			continue
		}
		listed = append(listed, n)
	}
	if docID != "" && len(listed) == 0 {
		// A doc the catalog does not list: the view still answers for it.
		listed = []tornaNode{{ID: flexText(docID)}}
	}
	if len(listed) == 0 {
		return nil, fmt.Errorf("the Torna share %s lists no docs", shareID)
	}
	if limit := r.opts.MaxPages; limit > 0 && len(listed) > limit {
		r.diags.Add(diag.Pos{File: u.String()}, diag.IgnoredText, "the Torna share has %d docs; only the first %d are read (MaxPages)", len(listed), limit)
		listed = listed[:limit]
	}
	var docs []Doc
	skipped := 0
	for _, n := range listed {
		id := string(n.ID)
		var d tornaDoc
		endpoint := api + "/doc/share/view?" + url.Values{"docId": {id}, "shareConfigId": {shareID}}.Encode()
		if err := tornaCall(ctx, r, endpoint, "doc "+id+" of share "+shareID, &d); err != nil {
			return nil, err
		}
		origin := api + "/#/share/" + shareID + "/" + id
		if t := string(d.Type); t != "" && t != "0" {
			skipped++
			continue
		}
		docs = append(docs, Doc{Origin: origin, Parsed: d.document(origin), Tag: tagOf(n)})
	}
	if skipped > 0 {
		r.diags.Add(diag.Pos{File: u.String()}, diag.SkippedPages, "%s of the Torna share are not HTTP APIs (Dubbo, custom or Markdown pages) and were not read", plural(skipped, "doc"))
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("the Torna share %s holds no HTTP API docs", shareID)
	}
	return docs, nil
}

// tornaCall GETs one of the API's methods into out.
func tornaCall(ctx context.Context, r *reader, endpoint, what string, out any) error {
	body, err := r.fetch(ctx, endpoint)
	if err != nil {
		return fmt.Errorf("Torna %s, %s: %w", what, endpoint, err)
	}
	var res tornaResult
	if err := json.Unmarshal(body, &res); err != nil {
		return fmt.Errorf("%s is not Torna's API (its answer is not JSON: %v)", endpoint, err)
	}
	if string(res.Code) != "0" {
		return fmt.Errorf("Torna refused %s (code %s: %s): the link may be off or expired; ask for a working share link, or %s", what, res.Code, res.Msg, tornaExport)
	}
	if err := json.Unmarshal(res.Data, out); err != nil {
		return fmt.Errorf("%s: the answer is not what Torna sends for %s: %v", endpoint, what, err)
	}
	return nil
}

func (d *tornaDoc) document(origin string) *parser.Document {
	at := diag.Pos{File: origin}
	ep := &parser.Endpoint{
		Pos:         at,
		Title:       strings.TrimSpace(d.Name),
		Description: stripHTML(d.Description),
		Method:      strings.ToUpper(strings.TrimSpace(d.HTTPMethod)),
		MethodPos:   at,
		URL:         strings.TrimSpace(d.URL),
		URLPos:      at,
	}
	headers := d.HeaderParams
	if flexNumber(d.IsUseGlobalHeaders) > 0 {
		// As the front end's init_docInfo_view: the module's headers first,
		// the doc's own after them unless they name the same header.
		global := map[string]bool{}
		for _, g := range d.GlobalHeaders {
			global[g.Name] = true
		}
		headers = append([]tornaParam{}, d.GlobalHeaders...)
		for _, h := range d.HeaderParams {
			if !global[h.Name] {
				headers = append(headers, h)
			}
		}
	}
	request := []string{"名称", "类型", "必须", "最大长度", "示例值", "描述"}
	addTornaTable(&ep.Request, parser.RoleRequest, at, "path", request, d.PathParams)
	addTornaTable(&ep.Request, parser.RoleRequest, at, "header", request, headers)
	addTornaTable(&ep.Request, parser.RoleRequest, at, "query", request, d.QueryParams)
	addTornaTable(&ep.Request, parser.RoleRequest, at, "body", request, d.RequestParams)
	addTornaTable(&ep.Response, parser.RoleResponse, at, "", []string{"名称", "类型", "描述"}, d.ResponseParams)
	addTornaTable(&ep.ErrorTables, parser.RoleResponse, at, "", []string{"错误码", "错误描述", "解决方案"}, d.ErrorCodeParams)
	return &parser.Document{File: origin, Title: ep.Title, Endpoints: []*parser.Endpoint{ep}}
}

// addTornaTable adds the flat list of params, children named with their
// parents' names before theirs ("data.items.id"), as the tree shows them.
func addTornaTable(tables *[]*parser.Table, role parser.TableRole, at diag.Pos, in string, headers []string, params []tornaParam) {
	byID := map[string]tornaParam{}
	for _, p := range params {
		if p.ID != "" {
			byID[string(p.ID)] = p
		}
	}
	fullName := func(p tornaParam) string {
		name := strings.TrimSpace(p.Name)
		seen := map[string]bool{}
		for parent := string(p.ParentID); parent != "" && !seen[parent]; {
			seen[parent] = true
			pp, ok := byID[parent]
			if !ok {
				break
			}
			name = strings.TrimSpace(pp.Name) + "." + name
			parent = string(pp.ParentID)
		}
		return name
	}
	tbl := &parser.Table{Pos: at, Role: role, Headers: headers}
	for _, p := range params {
		if strings.TrimSpace(p.Name) == "" {
			continue
		}
		f := &parser.Field{
			Pos: at, Name: fullName(p), Type: strings.TrimSpace(p.Type), TypePos: at,
			Description: stripHTML(p.Description), Example: strings.TrimSpace(p.Example), In: in,
		}
		if p.MaxLength != "" {
			f.Extra = append(f.Extra, parser.Cell{Header: "最大长度", Value: p.MaxLength})
		}
		if role == parser.RoleRequest {
			f.RequiredRaw = string(p.Required)
			f.Required = parser.RequiredNo
			if flexNumber(p.Required) > 0 {
				f.Required = parser.RequiredYes
			}
		}
		tbl.Fields = append(tbl.Fields, f)
	}
	if len(tbl.Fields) > 0 {
		*tables = append(*tables, tbl)
	}
}
