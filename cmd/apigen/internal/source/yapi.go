package source

// YApi's routes and shapes, as read in github.com/YMFE/yapi (commit
// 59bade3a):
//   - client/containers/Project/Interface/Interface.js: the page URLs,
//     /project/:id/interface/:action/:actionId, a category's actionId
//     being cat_{catid};
//   - server/router.js: /api/interface/get, /api/interface/list,
//     /api/interface/list_cat, /api/project/get; plugin routes are
//     /api/plugin/{path};
//   - server/controllers/base.js: the token parameter is accepted on
//     those routes and /api/plugin/exportSwagger; without a login or a
//     token, server/utils/commons.js createAction answers errcode 40011;
//   - server/controllers/interface.js: get (data is the interface), list
//     and listByCat (data {count, total, list}, page and limit);
//   - server/models/interface.js: the interface's fields;
//   - exts/yapi-plugin-export-swagger2-data/server.js and controller.js:
//     exportSwagger?type=OpenAPIV2&pid=&status=all, a Swagger 2.0 file.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
)

// yapiPage is a YApi page URL: the project, a category (cat_N) or one
// interface.
var yapiPage = regexp.MustCompile(`^(.*?)/project/(\d+)/interface/api(?:/(cat_)?(\d+))?/?$`)

// yapiPageSize is the page size asked of the list routes.
const yapiPageSize = 100

func init() {
	register(&platform{
		name:   "yapi",
		detect: func(u *url.URL, _ []byte) bool { return yapiPage.MatchString(u.Path) },
		byURL:  func(u *url.URL) bool { return yapiPage.MatchString(u.Path) },
		read:   readYApi,
	})
}

type yapiClient struct {
	r       *reader
	base    string // scheme, host and the path YApi is served under
	token   string
	envName string
}

func readYApi(ctx context.Context, r *reader, u *url.URL, _ []byte) ([]Doc, error) {
	m := yapiPage.FindStringSubmatch(u.Path)
	if m == nil {
		return nil, fmt.Errorf("%s is not a YApi page URL (/project/{id}/interface/api[/cat_{id}|/{id}])", u.Redacted())
	}
	getenv := r.opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c := &yapiClient{r: r, base: u.Scheme + "://" + u.Host + m[1], envName: r.opts.TokenEnv}
	if c.envName != "" {
		c.token = strings.TrimSpace(getenv(c.envName))
	}
	pid, isCat, id := m[2], m[3] != "", m[4]
	origin := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()

	var ids []string
	switch {
	case id == "":
		// The export plugin renders the whole project in one request; a
		// server without it still has the list routes.
		spec, err := c.exportSwagger(ctx, pid)
		if err == nil {
			return []Doc{{Origin: origin, Body: spec}}, nil
		}
		var refused *yapiRefusal
		if errors.As(err, &refused) {
			return nil, err
		}
		if ids, err = c.listIDs(ctx, "/api/interface/list", url.Values{"project_id": {pid}}); err != nil {
			return nil, err
		}
	case isCat:
		var err error
		if ids, err = c.listIDs(ctx, "/api/interface/list_cat", url.Values{"catid": {id}}); err != nil {
			return nil, err
		}
	default:
		ids = []string{id}
	}
	var ifaces []yapiInterface
	for _, iid := range ids {
		var it yapiInterface
		if err := c.call(ctx, "/api/interface/get", url.Values{"id": {iid}}, &it); err != nil {
			return nil, err
		}
		ifaces = append(ifaces, it)
	}
	var project struct {
		Name     string `json:"name"`
		Basepath string `json:"basepath"`
		Desc     string `json:"desc"`
	}
	// The base path only completes the paths; an older server or a
	// narrower token that refuses it still leaves the interfaces.
	_ = c.call(ctx, "/api/project/get", url.Values{"id": {pid}}, &project)
	cats := map[int]string{}
	var menu []struct {
		ID   int    `json:"_id"`
		Name string `json:"name"`
	}
	if c.call(ctx, "/api/interface/getCatMenu", url.Values{"project_id": {pid}}, &menu) == nil {
		for _, cat := range menu {
			cats[cat.ID] = cat.Name
		}
	}
	spec, err := yapiSwagger(project.Name, project.Desc, project.Basepath, ifaces, cats)
	if err != nil {
		return nil, err
	}
	return []Doc{{Origin: origin, Body: spec}}, nil
}

// yapiRefusal is the server refusing the request for want of a login or
// a valid token: no other route will do better.
type yapiRefusal struct{ msg string }

func (e *yapiRefusal) Error() string { return e.msg }

// get downloads a YApi API route, the token added; an error never holds
// the token, whatever the Getter put in it.
func (c *yapiClient) get(ctx context.Context, route string, q url.Values) ([]byte, error) {
	if c.token != "" {
		q.Set("token", c.token)
	}
	body, err := c.r.fetch(ctx, c.base+route+"?"+q.Encode())
	if err != nil {
		msg := fmt.Sprintf("YApi %s: %s", route, c.redact(err.Error()))
		var status *fetch.StatusError
		if errors.As(err, &status) {
			return nil, fmt.Errorf("%s%w", strings.TrimSuffix(msg, status.Error()), status)
		}
		return nil, errors.New(msg)
	}
	return body, nil
}

// redact removes the token in every spelling a URL may give it.
func (c *yapiClient) redact(s string) string {
	if c.token == "" {
		return s
	}
	for _, t := range []string{c.token, url.QueryEscape(c.token), url.PathEscape(c.token)} {
		s = strings.ReplaceAll(s, t, "REDACTED")
	}
	return s
}

// call reads a route's {errcode, errmsg, data} answer into data.
func (c *yapiClient) call(ctx context.Context, route string, q url.Values, data any) error {
	body, err := c.get(ctx, route, q)
	if err != nil {
		return err
	}
	var env yapiEnvelope
	if err := json.Unmarshal(body, &env); err != nil || env.Errcode == nil {
		return fmt.Errorf("YApi %s: the answer is not YApi's JSON (a login page or another server?)", route)
	}
	if err := c.check(route, env); err != nil {
		return err
	}
	if err := json.Unmarshal(env.Data, data); err != nil {
		return fmt.Errorf("YApi %s: unexpected data: %s", route, c.redact(err.Error()))
	}
	return nil
}

type yapiEnvelope struct {
	Errcode *int            `json:"errcode"`
	Errmsg  string          `json:"errmsg"`
	Data    json.RawMessage `json:"data"`
}

func (c *yapiClient) check(route string, env yapiEnvelope) error {
	code, msg := *env.Errcode, c.redact(env.Errmsg)
	switch {
	case code == 0:
		return nil
	case code == 40011 || code == 42014 || code == 406:
		if c.token == "" {
			how := "put the project's token (YApi: the project's settings, token) in an environment variable and name that variable with token_env: in apigen.yaml"
			if c.envName != "" {
				how = "the environment variable " + c.envName + " named by token_env: in apigen.yaml is empty; set it to the project's token"
			}
			return &yapiRefusal{fmt.Sprintf("YApi refused %s without a token (errcode %d, %q): the project is private; %s", route, code, msg, how)}
		}
		return &yapiRefusal{fmt.Sprintf("YApi refused %s with the token in %s (errcode %d, %q): check that it is the project's token (token_env: in apigen.yaml)", route, c.envName, code, msg)}
	default:
		return fmt.Errorf("YApi %s: errcode %d, %q", route, code, msg)
	}
}

// exportSwagger asks the export plugin for the project's Swagger 2.0.
func (c *yapiClient) exportSwagger(ctx context.Context, pid string) ([]byte, error) {
	q := url.Values{"type": {"OpenAPIV2"}, "pid": {pid}, "status": {"all"}, "isWiki": {"false"}}
	body, err := c.get(ctx, "/api/plugin/exportSwagger", q)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Swagger string `json:"swagger"`
		yapiEnvelope
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("YApi /api/plugin/exportSwagger: the answer is not JSON")
	}
	if probe.Swagger != "" {
		return body, nil
	}
	if probe.Errcode != nil {
		if err := c.check("/api/plugin/exportSwagger", probe.yapiEnvelope); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("YApi /api/plugin/exportSwagger: the answer is not a Swagger document")
}

// listIDs pages through a list route for the interfaces' ids.
func (c *yapiClient) listIDs(ctx context.Context, route string, q url.Values) ([]string, error) {
	var ids []string
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		q.Set("limit", strconv.Itoa(yapiPageSize))
		var data struct {
			Count int `json:"count"`
			List  []struct {
				ID int `json:"_id"`
			} `json:"list"`
		}
		if err := c.call(ctx, route, q, &data); err != nil {
			return nil, err
		}
		for _, it := range data.List {
			ids = append(ids, strconv.Itoa(it.ID))
		}
		if len(data.List) < yapiPageSize || len(ids) >= data.Count {
			return ids, nil
		}
	}
}

// yapiInterface is what /api/interface/get answers, the fields read.
type yapiInterface struct {
	ID        int         `json:"_id"`
	Title     string      `json:"title"`
	Path      string      `json:"path"`
	Method    string      `json:"method"`
	CatID     int         `json:"catid"`
	Desc      string      `json:"desc"`
	Markdown  string      `json:"markdown"`
	ReqQuery  []yapiParam `json:"req_query"`
	ReqHeader []yapiParam `json:"req_headers"`
	ReqParams []yapiParam `json:"req_params"`
	ReqForm   []yapiParam `json:"req_body_form"`
	ReqType   string      `json:"req_body_type"`
	ReqOther  string      `json:"req_body_other"`
	ReqSchema bool        `json:"req_body_is_json_schema"`
	ResType   string      `json:"res_body_type"`
	ResBody   string      `json:"res_body"`
	ResSchema bool        `json:"res_body_is_json_schema"`
}

type yapiParam struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Example  string `json:"example"`
	Desc     string `json:"desc"`
	Type     string `json:"type"`
	Required string `json:"required"`
}

// yapiPathParam is YApi's :name path parameter, which Swagger writes {name}.
var yapiPathParam = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)`)

// yapiSwagger writes interfaces as a Swagger 2.0 document, the way the
// export plugin does, so that a project, a category and an interface
// read alike; examples where the plugin drops them are kept.
func yapiSwagger(title, desc, basePath string, ifaces []yapiInterface, cats map[int]string) ([]byte, error) {
	if title == "" {
		title = "YApi"
	}
	if basePath == "" {
		basePath = "/"
	}
	paths := map[string]map[string]any{}
	var tags []map[string]any
	tagged := map[string]bool{}
	for _, it := range ifaces {
		p := yapiPathParam.ReplaceAllString(it.Path, "{$1}")
		if p == "" {
			p = "/"
		}
		if paths[p] == nil {
			paths[p] = map[string]any{}
		}
		// No operationId: YApi's ids say nothing to a reader, and the
		// generator names an operation from its method and path.
		op := map[string]any{"summary": it.Title}
		if d := strings.TrimSpace(it.Markdown); d != "" {
			op["description"] = d
		} else if d := strings.TrimSpace(it.Desc); d != "" {
			op["description"] = d
		}
		if name := cats[it.CatID]; name != "" {
			op["tags"] = []string{name}
			if !tagged[name] {
				tagged[name] = true
				tags = append(tags, map[string]any{"name": name})
			}
		}
		params := []any{}
		for _, h := range it.ReqHeader {
			if strings.EqualFold(h.Name, "Content-Type") {
				continue
			}
			params = append(params, yapiSimpleParam(h, "header", h.Required != "0"))
		}
		for _, pp := range it.ReqParams {
			params = append(params, yapiSimpleParam(pp, "path", true))
		}
		for _, q := range it.ReqQuery {
			params = append(params, yapiSimpleParam(q, "query", q.Required != "0"))
		}
		switch it.ReqType {
		case "form":
			op["consumes"] = []string{"application/x-www-form-urlencoded"}
			for _, f := range it.ReqForm {
				prm := yapiSimpleParam(f, "formData", f.Required != "0")
				if f.Type == "file" {
					prm["type"] = "file"
					op["consumes"] = []string{"multipart/form-data"}
				}
				params = append(params, prm)
			}
		case "json":
			op["consumes"] = []string{"application/json"}
			if s := yapiSchema(it.ReqOther, it.ReqSchema); s != nil {
				params = append(params, map[string]any{"name": "body", "in": "body", "required": true, "schema": s})
			}
		case "file":
			op["consumes"] = []string{"multipart/form-data"}
			params = append(params, map[string]any{"name": "file", "in": "formData", "type": "file"})
		case "raw":
			op["consumes"] = []string{"text/plain"}
			params = append(params, map[string]any{"name": "body", "in": "body", "schema": map[string]any{"type": "string", "example": it.ReqOther}})
		}
		op["parameters"] = params
		resp := map[string]any{"description": "successful operation"}
		switch it.ResType {
		case "json", "json-schema":
			op["produces"] = []string{"application/json"}
			if s := yapiSchema(it.ResBody, it.ResSchema || it.ResType == "json-schema"); s != nil {
				resp["schema"] = s
			}
		case "", "raw", "text", "xml":
			if it.ResBody != "" {
				resp["schema"] = map[string]any{"type": "string", "example": it.ResBody}
			}
		}
		op["responses"] = map[string]any{"200": resp}
		paths[p][strings.ToLower(it.Method)] = op
	}
	doc := map[string]any{
		"swagger":  "2.0",
		"info":     map[string]any{"title": title, "version": "last", "description": desc},
		"basePath": basePath,
		"paths":    paths,
	}
	if len(tags) > 0 {
		doc["tags"] = tags
	}
	return json.MarshalIndent(doc, "", "  ")
}

func yapiSimpleParam(p yapiParam, in string, required bool) map[string]any {
	prm := map[string]any{"name": p.Name, "in": in, "required": required, "type": "string"}
	if p.Desc != "" {
		prm["description"] = p.Desc
	}
	if ex := p.Example; ex != "" {
		prm["x-example"] = ex
	} else if p.Value != "" {
		prm["default"] = p.Value
	}
	return prm
}

// yapiSchema reads a body YApi keeps as text: a JSON Schema when the
// editor was in schema mode, else an example; nil when empty or not JSON
// (YApi also accepts JSON5), so a broken body costs its schema only.
func yapiSchema(text string, isSchema bool) map[string]any {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return map[string]any{"type": "string", "description": "YApi body that is not JSON", "example": text}
	}
	if obj, ok := v.(map[string]any); ok && isSchema {
		delete(obj, "$schema")
		return obj
	}
	s := map[string]any{"example": v}
	switch v.(type) {
	case map[string]any:
		s["type"] = "object"
	case []any:
		s["type"] = "array"
		s["items"] = map[string]any{}
	}
	return s
}
