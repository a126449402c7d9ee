package source

// ShowDoc (github.com/star7th/showdoc, hosted at www.showdoc.com.cn or
// self-hosted) serves a Vue shell; the pages come from its JSON API. What
// this file relies on was read in star7th/showdoc:
//
//   - server/index.php: ?s=/api/item/info is routed as the path
//     /api/item/info, and the route is $app->any, so GET is served.
//   - server/app/Common/BaseController.php getParam: a parameter is read
//     from the POST body, else the query string; success() answers
//     {"error_code":0,"data":...}, error() {"error_code":N,"error_message":...}.
//     (The older ThinkPHP server, server/Application/Api/Controller/*, reads
//     parameters with I(), which also takes GET and POST alike.)
//   - server/app/Api/Controller/ItemController.php info: item_id (a number,
//     or else taken as item_domain) → data.item_id, item_domain, item_name,
//     item_type, menu; 10303 / 10312 when a guest may not see the project.
//   - server/app/Model/Item.php getMenu: menu = {pages: root pages,
//     catalogs: [{cat_id, cat_name, pages, catalogs}]}, each sorted by
//     s_number; a page is {page_id, page_title, cat_id, ...}.
//   - web_src/src/models/itemTree.ts: root pages come before the catalogs,
//     and in a catalog its pages before its sub-catalogs.
//   - server/app/Api/Controller/PageController.php info (page_id) and
//     infoByKey (unique_key, the /p/ share links): data.page_title,
//     page_content as stored, which server/app/Model/Page.php writes through
//     htmlspecialchars; old data may be base64(gzcompress(...))
//     (server/app/Common/Helper/ContentCodec.php).
//   - web_src/src/models/page.ts unescapeHTML and renderPageContent: the
//     browser undoes exactly &amp; &lt; &gt; &#39; &#039; &quot;, and reads
//     a page as RunApi when its content is JSON with info.url.
//   - web_src/src/models/page.ts renderHttpApiPageContent and
//     server/app/Common/Helper/Convert.php runapiToMd: the RunApi fields
//     (info.method/url/title/description; request.headers, query,
//     pathVariable, params.mode with params[mode], params.json and
//     params.jsonDesc; response.responseExample, responseParamsDesc,
//     responseFailExample, responseFailParamsDesc; rows of name, type,
//     value, require, remark, disable) and their reading: a GET without
//     query takes params[mode] as its query, a query strips the URL's own
//     "?...", rows without a name or with disable >= 1 are not shown.
//   - server/Application/Api/Controller/ImportSwaggerController.class.php:
//     require is written "1"/"0".
//   - web/index.html: window.DocConfig = {server: '../server/index.php?s=', ...};
//     web_src/src/router/index.ts: the routes /:item_id, /:item_id/:page_id,
//     /page/:page_id and /p/:unique_key.

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/parser/ljson"
)

func init() {
	register(&platform{
		name:   "showdoc",
		detect: showdocDetect,
		byURL:  showdocByURL,
		read:   readShowDoc,
	})
}

// showdocHosted is the ShowDoc company's own site.
const showdocHosted = "https://www.showdoc.com.cn"

func isShowDocHost(host string) bool {
	h := strings.ToLower(host)
	return h == "www.showdoc.com.cn" || h == "showdoc.com.cn"
}

// The front end's routes that are not a project (web_src/src/router).
var showdocAppRoutes = map[string]bool{
	"user": true, "item": true, "team": true, "message": true, "attachment": true,
	"admin": true, "public-square": true, "page": true, "p": true,
}

// showdocTarget is what a ShowDoc URL points at.
type showdocTarget struct {
	api       string // the API's base, ending in "index.php?s="
	site      string // where /web/#/... pages live, for each page's Origin
	item      string // item_id or item_domain; "" when the URL names a page only
	pageID    string
	uniqueKey string // a /p/ share link's key
}

var (
	showdocDigits = regexp.MustCompile(`^\d+$`)
	// A self-hosted page URL: the web app under /web/ with a hash route of
	// a project's page, a page, or a share link. A project alone
	// (/web/#/{item}) is left to detect: other hash apps look the same.
	showdocWebPage = regexp.MustCompile(`^/(?:[^/]+/\d+|page/\d+|p/[^/]+)/?$`)
	// The older ThinkPHP front end: index.php?s=/home/page/index&page_id=.
	showdocHomeRoute = regexp.MustCompile(`(?i)^/?home/(page|item)/`)
	showdocMarkers   = regexp.MustCompile(`(?i)window\.DocConfig\s*=|<title>[^<]*showdoc|<script[^>]+src="[^"]*showdoc`)
	showdocServerKey = regexp.MustCompile(`(?s)DocConfig\s*=\s*\{.*?\bserver\s*:\s*['"]([^'"]+)['"]`)
)

func showdocByURL(u *url.URL) bool {
	if isShowDocHost(u.Host) {
		return true
	}
	if isWebApp(u.Path) && showdocWebPage.MatchString(u.Fragment) {
		return true
	}
	return strings.HasSuffix(u.Path, "index.php") && showdocHomeRoute.MatchString(u.Query().Get("s"))
}

func showdocDetect(u *url.URL, page []byte) bool {
	return showdocMarkers.Match(page)
}

func isWebApp(path string) bool {
	return strings.HasSuffix(path, "/web") || strings.Contains(path, "/web/")
}

// parseShowDocURL reads the target from the URL; page is the shell when it
// was downloaded, whose DocConfig names the API.
func parseShowDocURL(u *url.URL, page []byte) (showdocTarget, error) {
	var t showdocTarget
	root := u.Scheme + "://" + u.Host
	prefix := u.Path
	if i := strings.Index(prefix+"/", "/web/"); i >= 0 {
		prefix = prefix[:i]
	} else if i := strings.LastIndex(prefix, "/"); i >= 0 {
		// index.php or index.html sit in the root the server lives under.
		prefix = prefix[:i]
	}
	if isShowDocHost(u.Host) {
		root, prefix = showdocHosted, ""
	}
	t.site = root + prefix
	t.api = t.site + "/server/index.php?s="
	if m := showdocServerKey.FindSubmatch(page); m != nil {
		base := *u
		base.Fragment, base.RawQuery = "", ""
		t.api = resolveRef(&base, string(m[1]))
	}

	q := u.Query()
	var route string
	switch {
	case strings.HasPrefix(u.Fragment, "/"):
		route = u.Fragment
	case showdocHomeRoute.MatchString(q.Get("s")):
		// index.php?s=/home/page/index&page_id=, or s=/home/item/show/item_id/3
		t.pageID = q.Get("page_id")
		t.item = q.Get("item_id")
		parts := strings.Split(strings.Trim(q.Get("s"), "/"), "/")
		for i := 0; i+1 < len(parts); i++ {
			switch parts[i] {
			case "item_id":
				t.item = parts[i+1]
			case "page_id":
				t.pageID = parts[i+1]
			}
		}
		if t.item == "" && t.pageID == "" {
			return t, fmt.Errorf("the ShowDoc URL %s names no project or page", u)
		}
		return t, nil
	case isShowDocHost(u.Host):
		route = u.Path
	}
	if i := strings.IndexByte(route, '?'); i >= 0 {
		route = route[:i]
	}
	parts := strings.FieldsFunc(route, func(r rune) bool { return r == '/' })
	switch {
	case len(parts) == 2 && parts[0] == "p":
		t.uniqueKey = parts[1]
	case len(parts) == 2 && parts[0] == "page" && showdocDigits.MatchString(parts[1]):
		t.pageID = parts[1]
	case len(parts) >= 1 && !showdocAppRoutes[parts[0]] && parts[0] != "web":
		t.item = parts[0]
		if len(parts) >= 2 && showdocDigits.MatchString(parts[1]) {
			t.pageID = parts[1]
		}
	default:
		return t, fmt.Errorf("the ShowDoc URL %s names no project or page: give a project's URL (%s/{item}) or a page's (%s/{item}/{page_id})", u, t.site, t.site)
	}
	return t, nil
}

func readShowDoc(ctx context.Context, r *reader, u *url.URL, page []byte) ([]Doc, error) {
	t, err := parseShowDocURL(u, page)
	if err != nil {
		return nil, err
	}
	if t.item == "" {
		// A page by id or a share link: no project to list.
		doc, err := t.readPage(ctx, r, t.pageID, "")
		if err != nil {
			return nil, err
		}
		return []Doc{doc}, nil
	}
	item, err := t.itemInfo(ctx, r)
	if err != nil {
		return nil, err
	}
	// The front end names a project by its domain when it has one.
	if item.ItemDomain != "" {
		t.item = item.ItemDomain
	}
	listed := item.Menu.flatten()
	if t.pageID != "" {
		tag := ""
		for _, p := range listed {
			if p.id == t.pageID {
				tag = p.tag
			}
		}
		doc, err := t.readPage(ctx, r, t.pageID, tag)
		if err != nil {
			return nil, err
		}
		return []Doc{doc}, nil
	}
	if len(listed) == 0 {
		return nil, fmt.Errorf("the ShowDoc project %s (%s) has no pages a guest can see", t.item, item.ItemName)
	}
	limit := r.opts.MaxPages
	if limit > 0 && len(listed) > limit {
		r.diags.Add(diag.Pos{File: u.String()}, diag.IgnoredText, "the ShowDoc project has %d pages; only the first %d are read (MaxPages)", len(listed), limit)
		listed = listed[:limit]
	}
	docs := make([]Doc, 0, len(listed))
	for _, p := range listed {
		doc, err := t.readPage(ctx, r, p.id, p.tag)
		if err != nil {
			return nil, fmt.Errorf("ShowDoc page %s (%s): %w", p.id, p.title, err)
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// The API's answer; codes and ids come as numbers or strings depending on
// the server's version and database driver.
type showdocAnswer struct {
	ErrorCode    flexText        `json:"error_code"`
	ErrorMessage string          `json:"error_message"`
	Data         json.RawMessage `json:"data"`
}

type showdocItem struct {
	ItemID     flexText    `json:"item_id"`
	ItemDomain string      `json:"item_domain"`
	ItemName   string      `json:"item_name"`
	Menu       showdocMenu `json:"menu"`
}

type showdocMenu struct {
	Pages    []showdocMenuPage `json:"pages"`
	Catalogs []showdocCatalog  `json:"catalogs"`
}

// UnmarshalJSON takes PHP's empty array ([]) for an empty menu.
func (m *showdocMenu) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		*m = showdocMenu{}
		return nil
	}
	type plain showdocMenu
	return json.Unmarshal(b, (*plain)(m))
}

type showdocCatalog struct {
	CatName  string            `json:"cat_name"`
	Pages    []showdocMenuPage `json:"pages"`
	Catalogs []showdocCatalog  `json:"catalogs"`
}

type showdocMenuPage struct {
	PageID    flexText `json:"page_id"`
	PageTitle string   `json:"page_title"`
}

type listedPage struct{ id, title, tag string }

// flatten lists the pages in the order the catalog tree shows them.
func (m showdocMenu) flatten() []listedPage {
	var out []listedPage
	for _, p := range m.Pages {
		out = append(out, listedPage{string(p.PageID), p.PageTitle, ""})
	}
	var walk func(cats []showdocCatalog, path string)
	walk = func(cats []showdocCatalog, path string) {
		for _, c := range cats {
			tag := strings.TrimSpace(c.CatName)
			if path != "" {
				tag = path + "/" + tag
			}
			for _, p := range c.Pages {
				out = append(out, listedPage{string(p.PageID), p.PageTitle, tag})
			}
			walk(c.Catalogs, tag)
		}
	}
	walk(m.Catalogs, "")
	return out
}

type showdocPage struct {
	PageID      flexText `json:"page_id"`
	ItemID      flexText `json:"item_id"`
	PageTitle   string   `json:"page_title"`
	PageContent string   `json:"page_content"`
}

// call GETs an API method: the server reads the query string as it reads a
// form, and a GET goes through the caching fetcher.
func (t showdocTarget) call(ctx context.Context, r *reader, method string, params url.Values) (string, showdocAnswer, error) {
	endpoint := t.api + method + "&" + params.Encode()
	var ans showdocAnswer
	body, err := r.fetch(ctx, endpoint)
	if err != nil {
		return endpoint, ans, err
	}
	if err := json.Unmarshal(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), &ans); err != nil {
		return endpoint, ans, fmt.Errorf("%s is not ShowDoc's API (its answer is not JSON: %v); name the API with a self-hosted ShowDoc's /web/ URL", endpoint, err)
	}
	return endpoint, ans, nil
}

// The codes with which ShowDoc refuses a guest: no permission (10302,
// 10303 and 10101 with 您没有访问权限 from page/info), login required
// (10104, 10312), a wrong or missing password (10105).
var showdocRefusals = map[string]bool{"10104": true, "10105": true, "10301": true, "10302": true, "10303": true, "10312": true}

func (t showdocTarget) refused(what string, ans showdocAnswer) error {
	code := string(ans.ErrorCode)
	if showdocRefusals[code] || strings.Contains(ans.ErrorMessage, "权限") || strings.Contains(ans.ErrorMessage, "登录") || strings.Contains(ans.ErrorMessage, "密码") {
		return fmt.Errorf("the ShowDoc %s is not visible to guests (error_code %s: %s): it needs a login or a password; export its pages from ShowDoc (the project's export, as Markdown) and list the files instead", what, code, ans.ErrorMessage)
	}
	return fmt.Errorf("ShowDoc answered error_code %s (%s) for %s", code, ans.ErrorMessage, what)
}

func (t showdocTarget) itemInfo(ctx context.Context, r *reader) (*showdocItem, error) {
	params := url.Values{"item_id": {t.item}}
	if t.pageID != "" {
		params.Set("default_page_id", t.pageID)
	}
	endpoint, ans, err := t.call(ctx, r, "/api/item/info", params)
	if err != nil {
		return nil, err
	}
	what := "project " + strconv.Quote(t.item)
	if ans.ErrorCode != "0" {
		return nil, t.refused(what, ans)
	}
	var item showdocItem
	if err := json.Unmarshal(ans.Data, &item); err != nil {
		return nil, fmt.Errorf("%s: the project's data is not what ShowDoc sends: %v", endpoint, err)
	}
	return &item, nil
}

// readPage downloads one page, by id or, when t has one, by share key.
func (t showdocTarget) readPage(ctx context.Context, r *reader, pageID, tag string) (Doc, error) {
	method, params, what := "/api/page/info", url.Values{"page_id": {pageID}}, "page "+pageID
	if t.uniqueKey != "" {
		method, params, what = "/api/page/infoByKey", url.Values{"unique_key": {t.uniqueKey}}, "shared page "+t.uniqueKey
	}
	endpoint, ans, err := t.call(ctx, r, method, params)
	if err != nil {
		return Doc{}, err
	}
	if ans.ErrorCode != "0" {
		return Doc{}, t.refused(what, ans)
	}
	var p showdocPage
	if err := json.Unmarshal(ans.Data, &p); err != nil {
		return Doc{}, fmt.Errorf("%s: the page's data is not what ShowDoc sends: %v", endpoint, err)
	}
	origin := t.pageOrigin(p, pageID)
	content := unescapeShowDoc(decompressShowDoc(p.PageContent))
	if strings.TrimSpace(content) == "" {
		return Doc{}, fmt.Errorf("ShowDoc %s (%s) is empty", what, p.PageTitle)
	}
	if run, ok := readRunApi(content); ok {
		doc := run.document(origin, p.PageTitle, &r.diags)
		return Doc{Origin: origin, Body: []byte(content), Parsed: doc, Tag: tag}, nil
	}
	return Doc{Origin: origin, Body: []byte(content), Tag: tag}, nil
}

// pageOrigin is the address a reader opens the page at, the same for every
// run, so diagnostics and the cache name the page rather than the API call.
func (t showdocTarget) pageOrigin(p showdocPage, pageID string) string {
	if t.uniqueKey != "" {
		return t.site + "/web/#/p/" + t.uniqueKey
	}
	if string(p.PageID) != "" {
		pageID = string(p.PageID)
	}
	item := t.item
	if item == "" {
		item = string(p.ItemID)
	}
	if item == "" {
		return t.site + "/web/#/page/" + pageID
	}
	return t.site + "/web/#/" + item + "/" + pageID
}

// unescapeShowDoc undoes the server's htmlspecialchars the way ShowDoc's
// own front end does, once and for these entities only: a page that
// shows "&nbsp;" as text was stored as &amp;nbsp; and keeps it.
var unescapeShowDoc = strings.NewReplacer(
	"&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'", "&#039;", "'", "&quot;", `"`,
).Replace

// decompressShowDoc reads the base64(gzcompress(...)) old servers stored;
// anything else is returned as it is, as ContentCodec::decompress does.
func decompressShowDoc(s string) string {
	if s == "" || strings.ContainsAny(s, " \n\t{}#*|<") {
		return s
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return s
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return s
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return s
	}
	return string(out)
}

// flexText is a JSON scalar as text: ShowDoc writes ids, codes and
// require flags as numbers or strings depending on where they came from.
type flexText string

func (f *flexText) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexText(s)
	case bytes.Equal(b, []byte("true")):
		*f = "1"
	case bytes.Equal(b, []byte("false")):
		*f = "0"
	default:
		*f = flexText(b)
	}
	return nil
}

// runapiPage is a RunApi page's content.
type runapiPage struct {
	Info struct {
		Type        string `json:"type"`
		Title       string `json:"title"`
		Description string `json:"description"`
		Method      string `json:"method"`
		URL         string `json:"url"`
		Remark      string `json:"remark"`
	} `json:"info"`
	Request struct {
		// Params holds mode and the rows of each mode: params[mode] is a
		// list of rows, except for json, whose value is the body's text.
		Params       map[string]json.RawMessage `json:"params"`
		Query        []runapiRow                `json:"query"`
		Headers      []runapiRow                `json:"headers"`
		PathVariable []runapiRow                `json:"pathVariable"`
	} `json:"request"`
	Response struct {
		ResponseExample        string      `json:"responseExample"`
		ResponseParamsDesc     []runapiRow `json:"responseParamsDesc"`
		ResponseFailExample    string      `json:"responseFailExample"`
		ResponseFailParamsDesc []runapiRow `json:"responseFailParamsDesc"`
	} `json:"response"`
}

type runapiRow struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Value   flexText `json:"value"`
	Require flexText `json:"require"`
	Remark  string   `json:"remark"`
	Disable flexText `json:"disable"`
}

// readRunApi reads content as a RunApi page when ShowDoc's front end
// would: JSON with info.url.
func readRunApi(content string) (*runapiPage, bool) {
	trimmed := strings.TrimSpace(content)
	if !strings.HasPrefix(trimmed, "{") {
		return nil, false
	}
	var run runapiPage
	if err := json.Unmarshal([]byte(trimmed), &run); err != nil || run.Info.URL == "" {
		return nil, false
	}
	return &run, true
}

func (run *runapiPage) rows(key string) []runapiRow {
	raw, ok := run.Request.Params[key]
	if !ok {
		return nil
	}
	var rows []runapiRow
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil
	}
	return rows
}

func (run *runapiPage) paramText(key string) string {
	var s string
	if raw, ok := run.Request.Params[key]; ok {
		_ = json.Unmarshal(raw, &s)
	}
	return s
}

// document is the page as the Markdown reader would have read the page
// ShowDoc renders from it (renderHttpApiPageContent), without the detour.
func (run *runapiPage) document(origin, pageTitle string, diags *diag.List) *parser.Document {
	at := diag.Pos{File: origin}
	title := strings.TrimSpace(run.Info.Title)
	if title == "" {
		title = strings.TrimSpace(pageTitle)
	}
	ep := &parser.Endpoint{
		Pos:         at,
		Title:       title,
		Description: strings.TrimSpace(run.Info.Description),
		Method:      strings.ToUpper(strings.TrimSpace(run.Info.Method)),
		MethodPos:   at,
		URL:         strings.TrimSpace(run.Info.URL),
		URLPos:      at,
	}
	if t := run.Info.Type; t == "websocket" || t == "sse" {
		diags.Add(at, diag.Unsupported, "the RunApi page %q is a %s API; only its URL and fields are read", title, t)
	}
	mode := run.paramText("mode")
	var modeRows []runapiRow
	if mode != "json" {
		modeRows = run.rows(mode)
	}
	query := run.Request.Query
	if strings.EqualFold(run.Info.Method, "get") {
		if len(query) == 0 {
			query = modeRows
		}
		modeRows = nil
	}
	if len(query) > 0 && query[0].Name != "" {
		ep.URL, _, _ = strings.Cut(ep.URL, "?")
	}

	withValue := []string{"参数名", "示例值", "必选", "类型", "说明"}
	addTable := func(tables *[]*parser.Table, role parser.TableRole, in string, headers []string, rows []runapiRow) {
		tbl := &parser.Table{Pos: at, Role: role, Headers: headers}
		for _, row := range rows {
			name := strings.TrimSpace(row.Name)
			if name == "" || flexNumber(row.Disable) >= 1 {
				continue
			}
			f := &parser.Field{
				Pos: at, Name: name, Type: strings.TrimSpace(row.Type), TypePos: at,
				Description: strings.TrimSpace(row.Remark), In: in,
			}
			if role == parser.RoleRequest {
				f.Example = strings.TrimSpace(string(row.Value))
				f.RequiredRaw = string(row.Require)
				f.Required = parser.RequiredNo
				if flexNumber(row.Require) > 0 {
					f.Required = parser.RequiredYes
				}
			}
			tbl.Fields = append(tbl.Fields, f)
		}
		if len(tbl.Fields) > 0 {
			*tables = append(*tables, tbl)
		}
	}
	addTable(&ep.Request, parser.RoleRequest, "path", withValue, run.Request.PathVariable)
	addTable(&ep.Request, parser.RoleRequest, "header", withValue, run.Request.Headers)
	addTable(&ep.Request, parser.RoleRequest, "query", withValue, query)
	addTable(&ep.Request, parser.RoleRequest, "body", withValue, modeRows)
	if mode == "json" {
		addTable(&ep.Request, parser.RoleRequest, "body", []string{"字段名", "必选", "类型", "说明"}, run.rows("jsonDesc"))
		ep.RequestExample = runapiExample(run.paramText("json"), at, diags)
	}
	described := []string{"参数名", "类型", "说明"}
	addTable(&ep.Response, parser.RoleResponse, "", described, run.Response.ResponseParamsDesc)
	ep.ResponseExample = runapiExample(run.Response.ResponseExample, at, diags)
	addTable(&ep.ErrorTables, parser.RoleResponse, "", described, run.Response.ResponseFailParamsDesc)
	if ex := runapiExample(run.Response.ResponseFailExample, at, diags); ex != nil {
		ep.ErrorExamples = append(ep.ErrorExamples, ex)
	}
	return &parser.Document{File: origin, Title: strings.TrimSpace(pageTitle), Endpoints: []*parser.Endpoint{ep}}
}

// runapiExample reads an example leniently, as the Markdown reader reads a
// JSON block; nil when there is none.
func runapiExample(text string, at diag.Pos, diags *diag.List) *parser.Example {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	v, ds := ljson.Parse([]byte(text), at)
	*diags = append(*diags, ds...)
	return &parser.Example{Pos: at, Text: text, Value: v}
}

// flexNumber reads a require or disable flag; "" and words are 0.
func flexNumber(f flexText) float64 {
	n, err := strconv.ParseFloat(strings.TrimSpace(string(f)), 64)
	if err != nil {
		return 0
	}
	return n
}
