package oas

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/apigen/apigen/parser/diag"
)

// maxSpecBytes bounds what Load reads: real specs are a few MB.
const maxSpecBytes = 64 << 20

// Load reads an OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one converted
// to 3.0 (YAML or JSON), resolves its
// local references and restores each schema's property order from the
// file, so generated code lists fields as the spec does.
func Load(path string) (*openapi3.T, diag.List) {
	t, _, diags := LoadLines(path)
	return t, diags
}

// LoadLines is Load that also returns where each part of the spec is
// written (see LoadDataLines).
func LoadLines(path string) (*openapi3.T, *Lines, diag.List) {
	var diags diag.List
	at := diag.Pos{File: path}
	info, err := os.Stat(path)
	if err != nil {
		diags.Add(at, diag.ReadFailed, "%v", err)
		return nil, nil, diags
	}
	if info.Size() > maxSpecBytes {
		diags.Add(at, diag.NotText, "%s is %d bytes; specs over %d bytes are refused", path, info.Size(), maxSpecBytes)
		return nil, nil, diags
	}
	data, err := os.ReadFile(path)
	if err != nil {
		diags.Add(at, diag.ReadFailed, "%v", err)
		return nil, nil, diags
	}
	return loadDataLines(path, data, filepath.Dir(path))
}

// LoadData is Load on bytes already read; name is used in diagnostics.
func LoadData(name string, data []byte) (*openapi3.T, diag.List) {
	t, _, diags := LoadDataLines(name, data)
	return t, diags
}

// LoadDataLines is LoadData that also returns where each part of the spec
// is written, so that a diagnostic about a JSON pointer can name its line.
func LoadDataLines(name string, data []byte) (t *openapi3.T, lines *Lines, diags diag.List) {
	return loadDataLines(name, data, "")
}

// loadDataLines is LoadDataLines for a spec read from a file in dir:
// its $refs to other files below dir (./common/schemas.yml) are
// followed; refs to URLs, or to files outside dir, are not. A spec read
// from elsewhere ("" dir) follows none.
func loadDataLines(name string, data []byte, dir string) (t *openapi3.T, lines *Lines, diags diag.List) {
	at := diag.Pos{File: name}
	doc, err := parseDoc(data)
	if err != nil {
		diags.Add(yamlErrorPos(name, err), diag.InvalidSpec, "the spec is not YAML or JSON: %v", err)
		return nil, nil, diags
	}
	defer func() {
		// kin-openapi can panic on some malformed documents; a bad spec is
		// an input error, not a crash.
		if r := recover(); r != nil {
			t, lines = nil, nil
			diags.Add(at, diag.InvalidSpec, "the spec could not be loaded: %v", r)
		}
	}()
	if len(doc.Content) > 0 {
		lines = linesOf(doc.Content[0])
		changed, shapeDiags := normalize(name, &doc, lines)
		diags = append(diags, shapeDiags...)
		if changed {
			lines = linesOf(doc.Content[0]) // of the renamed keys
			rewritten, err := yaml.Marshal(&doc)
			if err != nil {
				diags.Add(at, diag.InvalidSpec, "the spec could not be rewritten: %v", err)
				return nil, nil, diags
			}
			data = rewritten
		}
	}
	converted := false
	if v := swaggerVersion(&doc); v != "" {
		if !strings.HasPrefix(v, "2.") {
			diags.Add(at, diag.InvalidSpec, "swagger version %q is not 2.0", v)
			return nil, nil, diags
		}
		v3, convDiags := fromSwagger2(name, &doc)
		diags = append(diags, convDiags...)
		if v3 == nil {
			return nil, nil, diags
		}
		data, converted = v3, true
	}
	external := dir != "" && externalRef.Match(data)
	load := func(data []byte) (*openapi3.T, error) {
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = external
		if external {
			loader.ReadFromURIFunc = filesBelow(dir)
			return loader.LoadFromDataWithPath(data, &url.URL{Path: filepath.Join(dir, filepath.Base(name))})
		}
		return loader.LoadFromData(data)
	}
	var orders map[string][]string
	if len(doc.Content) > 0 {
		// A converted document keeps the order of the original's
		// properties; its lines are of a file no one wrote.
		orders = propertyOrders(doc.Content[0])
	}
	if converted {
		lines = nil
	}
	// j is what the loader reads: the text, or the YAML text written as
	// JSON; parts, when inParts, where its paths and schemas are.
	var (
		j       = data
		parts   kinParts
		inParts bool
		asJSON  bool
	)
	switch {
	case converted || startsJSON(data):
		parts, inParts = jsonParts(data)
	default:
		if written, writtenParts, ok := kinJSON(&doc); ok {
			j, parts, inParts, asJSON = written, writtenParts, true, true
		}
	}
	// The parsed document, several times the size of the text, can go
	// while the loader builds its own: what is wanted of it is taken.
	doc = yaml.Node{}
	if inParts = inParts && !external; inParts {
		t, inParts = decodeInParts(j, parts)
	}
	if inParts {
		err = openapi3.NewLoader().ResolveRefsIn(t, nil)
	} else {
		t, err = load(j)
	}
	if err != nil && asJSON {
		// A spec that does not load is read again as its text, so that
		// kin-openapi's error is the one it gives for the text.
		t, err = load(data)
	}
	if err != nil {
		diags.Add(at, diag.InvalidSpec, "the spec could not be loaded: %v", err)
		return nil, nil, diags
	}
	if t.OpenAPI == "" || !strings.HasPrefix(t.OpenAPI, "3.") {
		diags.Add(at, diag.InvalidSpec, "openapi version %q is not 3.x", t.OpenAPI)
		return nil, nil, diags
	}
	if ref, ok := unresolvedRef(t); ok {
		diags.Add(at, diag.InvalidSpec, "the spec could not be loaded: $ref %q never reaches a schema (a cycle of references?)", ref)
		return nil, nil, diags
	}
	restoreOrder(t, orders)
	return t, lines, diags
}

// unresolvedRef finds a schema reference kin-openapi loaded without a
// value, which it does for a cycle of bare references (A: {$ref: B},
// B: {$ref: A}); everything after loading relies on values being there.
func unresolvedRef(t *openapi3.T) (string, bool) {
	var bad *openapi3.SchemaRef
	check := func(r *openapi3.SchemaRef) {
		if bad == nil && r != nil && r.Value == nil {
			bad = r
		}
	}
	topSchemaRefs(t, check)
	WalkSchemas(t, func(s *openapi3.Schema) {
		for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
			check(s.Properties[k])
		}
		check(s.Items)
		check(s.AdditionalProperties.Schema)
		check(s.ContentSchema)
		check(s.Not)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf, s.PrefixItems} {
			for _, c := range list {
				check(c)
			}
		}
	})
	if bad == nil {
		return "", false
	}
	return bad.Ref, true
}

func yamlErrorPos(name string, err error) diag.Pos {
	var line int
	if _, scanErr := fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line); scanErr == nil {
		return diag.Pos{File: name, Line: line}
	}
	return diag.Pos{File: name}
}

// propertyOrders collects the key order of every properties map in the
// file, indexed by the sorted key set: two schemas with the same keys
// in different orders are rare, and either order is then fine.
func propertyOrders(n *yaml.Node) map[string][]string {
	orders := map[string][]string{}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == "properties" && n.Content[i+1].Kind == yaml.MappingNode {
					var keys []string
					for j := 0; j+1 < len(n.Content[i+1].Content); j += 2 {
						keys = append(keys, n.Content[i+1].Content[j].Value)
					}
					orders[keySet(keys)] = keys
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return orders
}

func keySet(keys []string) string {
	s := slices.Clone(keys)
	slices.Sort(s)
	return strings.Join(s, "\x00")
}

// restoreOrder sets x-apigen-order on every schema whose properties the
// file lists.
func restoreOrder(t *openapi3.T, orders map[string][]string) {
	WalkSchemas(t, func(s *openapi3.Schema) {
		if len(s.Properties) == 0 {
			return
		}
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		if order, ok := orders[keySet(keys)]; ok {
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions[ExtOrder] = order
		}
	})
}

// PropertyOrder returns a schema's property names in the spec's order.
func PropertyOrder(s *openapi3.Schema) []string {
	keys := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	order, _ := s.Extensions[ExtOrder].([]string)
	if len(order) != len(keys) {
		return keys
	}
	for _, k := range order {
		if s.Properties[k] == nil {
			return keys
		}
	}
	return order
}

// WalkSchemas calls fn once for every schema reachable from the spec's
// components, operations and webhooks.
func WalkSchemas(t *openapi3.T, fn func(*openapi3.Schema)) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(r *openapi3.SchemaRef) {
		if r == nil || r.Value == nil || seen[r.Value] {
			return
		}
		s := r.Value
		seen[s] = true
		fn(s)
		for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
			walk(s.Properties[k])
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		walk(s.ContentSchema)
		walk(s.Not)
		for _, list := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf, s.PrefixItems} {
			for _, c := range list {
				walk(c)
			}
		}
	}
	topSchemaRefs(t, walk)
}

// topSchemaRefs calls fn with every schema the spec names at its top:
// the components' and those of each operation's parameters, bodies and
// responses, paths first, then webhooks.
func topSchemaRefs(t *openapi3.T, fn func(*openapi3.SchemaRef)) {
	if t.Components != nil {
		for _, k := range slices.Sorted(maps.Keys(t.Components.Schemas)) {
			fn(t.Components.Schemas[k])
		}
	}
	var items []*openapi3.PathItem
	if t.Paths != nil {
		for _, path := range t.Paths.InMatchingOrder() {
			items = append(items, t.Paths.Value(path))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(t.Webhooks)) {
		items = append(items, t.Webhooks[name])
	}
	for _, item := range items {
		if item == nil {
			continue
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value != nil {
					fn(p.Value.Schema)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					fn(mt.Schema)
				}
			}
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					if r.Value != nil {
						for _, mt := range r.Value.Content {
							fn(mt.Schema)
						}
					}
				}
			}
		}
	}
}

// externalRef finds a $ref to another document: its value does not start
// with "#". Specs without one load as data, whose errors name the refs.
var externalRef = regexp.MustCompile(`"?\$ref"?\s*:\s*["']?[^#"'\s]`)

// filesBelow reads the files a spec's $refs name, when they are below
// dir: a spec is an input, and its refs must not read the machine's
// other files or the network.
func filesBelow(dir string) openapi3.ReadFromURIFunc {
	root, err := filepath.Abs(dir)
	return func(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
		if err != nil {
			return nil, err
		}
		if u.Scheme != "" && u.Scheme != "file" || u.Host != "" {
			return nil, fmt.Errorf("$ref to %s: only files beside the spec are read", u)
		}
		p, perr := filepath.Abs(filepath.FromSlash(u.Path))
		if perr != nil {
			return nil, perr
		}
		if rel, rerr := filepath.Rel(root, p); rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("$ref to %s: only files below %s are read", u.Path, dir)
		}
		info, serr := os.Stat(p)
		if serr != nil {
			return nil, serr
		}
		if info.Size() > maxSpecBytes {
			return nil, fmt.Errorf("$ref to %s: %d bytes; specs over %d bytes are refused", u.Path, info.Size(), maxSpecBytes)
		}
		return os.ReadFile(p)
	}
}
