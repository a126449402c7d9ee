// Package pipeline is what `apigen build` does for each API of a config:
// read its docs (downloading URLs), parse them, build the spec, generate
// the Go package, all in memory, and only then write, as one transaction.
// A build with errors, or one that would silently remove what the
// checked-in spec has, writes nothing; a build that writes replaces each
// output whole, so that go generate run unattended in CI never leaves a
// repository worse than it found it.
package pipeline

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/diff"
	"github.com/apigen/apigen/spec/oas"
)

// Env is what every API of one build shares.
type Env struct {
	Fetcher *fetch.Fetcher
	Stamps  Stamps
	// Force rebuilds even when the stamp says nothing changed.
	Force bool
	// Strict makes warnings fail the build, so that it writes nothing.
	Strict bool
	// AllowRemovals lets every API's build remove operations and schemas
	// the checked-in spec has; an API's allow_removals does it for one.
	AllowRemovals bool
	// Progress, when set, is told of each doc as it is read.
	Progress func(verb, name string)
}

// NewEnv settles the cache and the download time limit: arguments win
// over the config, the config over the defaults.
func (c *Config) NewEnv(timeout time.Duration, cacheDir string) Env {
	if timeout <= 0 {
		timeout = c.FetchTimeout
	}
	if cacheDir == "" && c.Cache != "" {
		cacheDir = c.Resolve(c.Cache)
	}
	if cacheDir == "" {
		cacheDir = DefaultCacheDir()
	}
	f := NewFetcher(timeout, cacheDir)
	f.RedirectHosts = c.RedirectHosts
	return Env{Fetcher: f, Stamps: Stamps{dir: cacheDir}}
}

// Result is the outcome of one API's build.
type Result struct {
	API   string
	Diags diag.List
	// Skipped is true when the last build had the same inputs and its
	// outputs are untouched; Diags are that build's.
	Skipped bool
	// Generated is true when the docs were parsed and the outputs built
	// in memory, whether or not they were then written.
	Generated bool
	// Written lists the outputs that changed: files and package
	// directories.
	Written []string
	// Removals is what the new spec would drop, when that stopped the
	// build.
	Removals *diff.Report
	// Problem says why nothing was written; "" when the build succeeded.
	Problem string
}

// Failed reports whether the build stopped without writing.
func (r *Result) Failed() bool { return r.Problem != "" }

// Build runs one API through the whole pipeline.
func (e Env) Build(cfg *Config, api APIConfig) *Result {
	res := &Result{API: api.Name}
	paths, err := cfg.DocPaths(api)
	if err != nil {
		res.Problem = err.Error()
		return res
	}
	// A doc that cannot be read stops this API before anything is
	// written: a network failure must not shrink a checked-in client to
	// the docs that happened to download.
	var docs []docInput
	for _, p := range paths {
		if e.Progress != nil {
			e.Progress("reading", p)
		}
		got, readDiags, err := e.readDocs(api, p)
		res.Diags = append(res.Diags, readDiags...)
		if err != nil {
			res.Diags.Add(diag.Pos{File: p}, diag.ReadFailed, "%v", err)
		}
		docs = append(docs, got...)
	}
	if res.Diags.HasErrors() {
		res.Problem = "a doc cannot be read"
		return res
	}
	names, srcs := make([]string, len(docs)), make([][]byte, len(docs))
	for i, d := range docs {
		names[i], srcs[i] = d.name, d.src
	}
	in := inputs(api, names, srcs, e.Strict)
	if !e.Force {
		if diags, ok := e.Stamps.fresh(cfg, api, in); ok {
			res.Diags, res.Skipped = diags, true
			return res
		}
	}
	t := e.specOf(api, docs, &res.Diags)
	if t == nil {
		if res.Problem = failure(res.Diags, false); res.Problem == "" {
			res.Problem = "the docs cannot be parsed"
		}
		return res
	}
	out := e.generate(cfg, api, t, &res.Diags)
	res.Generated = out != nil
	if problem := failure(res.Diags, e.Strict); problem != "" {
		res.Problem = problem
		return res
	}
	if out == nil {
		res.Problem = "no output was produced"
		return res
	}
	if out.removed != nil {
		res.Removals = out.removed
		res.Problem = "the new docs would remove operations or schemas the checked-in spec has"
		return res
	}
	if res.Written, err = out.write(); err != nil {
		res.Problem = err.Error()
		return res
	}
	e.Stamps.save(cfg, api, in, res.Diags)
	return res
}

// failure says why diagnostics stop a build: any error, or any warning
// when strict. A failed build writes nothing, so the checked-in outputs
// stay those of the last good docs.
func failure(diags diag.List, strict bool) string {
	errs, warns := diags.Count(diag.Error), diags.Count(diag.Warning)
	switch {
	case errs > 0:
		return plural(errs, "error")
	case strict && warns > 0:
		return plural(warns, "warning") + " and -strict"
	}
	return ""
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// specOf builds the API's spec from its docs: the doc pages parsed and
// built into one, or the one OpenAPI or Swagger document the docs are,
// given the envelope its responses show (spec.Adopt).
func (e Env) specOf(api APIConfig, docs []docInput, diags *diag.List) *openapi3.T {
	var specs []int
	for i, d := range docs {
		if d.parsed == nil && oas.IsSpec(d.src) {
			specs = append(specs, i)
		}
	}
	switch {
	case len(specs) > 0 && len(specs) == len(docs) && (len(docs) == 1 || api.Group == "*"):
		// One spec, or the groups of one spec viewer read as one API.
		var loaded []*openapi3.T
		var names []string
		for _, d := range docs {
			t, loadDiags := oas.LoadData(d.name, d.src)
			*diags = append(*diags, loadDiags...)
			if t == nil {
				return nil
			}
			loaded, names = append(loaded, t), append(names, d.name)
		}
		t, mergeDiags := oas.Merge(loaded, names)
		*diags = append(*diags, mergeDiags...)
		*diags = append(*diags, spec.Adopt(t, docs[0].name)...)
		return t
	case len(specs) > 0:
		diags.Add(diag.Pos{File: docs[specs[0]].name}, diag.BadConfig,
			"%s is an OpenAPI or Swagger document among %d docs; an API's docs are doc pages, or one spec (give it its own API entry)", docs[specs[0]].name, len(docs))
		return nil
	}
	parsed, parseDiags := e.parse(api, docs)
	*diags = append(*diags, parseDiags...)
	if parsed == nil {
		return nil
	}
	t, specDiags := spec.Build(parsed, spec.Options{Title: api.Title, Version: api.Version, Profile: api.Profile, Envelope: api.specEnvelope(), Auth: api.specAuth(), Servers: api.Servers,
		Overrides: api.specOverrides(), Paging: api.specPaging()})
	*diags = append(*diags, specDiags...)
	return t
}

// parse reads every doc. A downloaded page in which nothing reads as an
// endpoint is most likely a login wall, an error page or a script shell
// served with status 200; the copy of it last found good is used instead,
// with a warning naming the URL, so that the docs the spec was built from
// stay in force until the page is the docs again.
func (e Env) parse(api APIConfig, inputs []docInput) ([]*parser.Document, diag.List) {
	opts := parser.Options{}
	var diags diag.List
	if api.From != "" {
		f, err := parser.ParseFormat(api.From)
		if err != nil {
			diags.Add(diag.Pos{File: inputs[0].name}, diag.BadConfig, "%v", err)
			return nil, diags
		}
		opts.Format = f
	}
	var docs []*parser.Document
	var skipped []string
	parsed := parser.ParseAll(len(inputs), func(i int) *parser.Document {
		if in := inputs[i]; in.parsed != nil {
			return in.parsed // a platform's page, read from its API
		}
		return parser.Parse(inputs[i].name, inputs[i].src, opts)
	})
	for i, doc := range parsed {
		in := inputs[i]
		p := in.name
		if fetch.IsURL(p) && in.parsed == nil {
			if len(doc.Endpoints) > 0 {
				// Caching is an optimisation: a failure costs only the
				// fallback next time.
				_ = e.Fetcher.Keep(p, in.src)
			} else if good, at, ok := e.Fetcher.LastGood(p); ok {
				if kept := parser.Parse(p, good, opts); len(kept.Endpoints) > 0 {
					kept.Diagnostics.Add(diag.Pos{File: p}, diag.StaleDoc,
						"the page now downloaded from %s has no endpoint (a login or error page?); using the copy downloaded %s",
						p, at.UTC().Format(time.DateTime+" UTC"))
					doc = kept
				}
			}
		}
		if in.tag != "" {
			// The platform's catalog folder groups the page's endpoints
			// that the page itself does not group.
			for _, ep := range doc.Endpoints {
				if ep.Group == "" {
					ep.Group = in.tag
				}
			}
		}
		if in.ofSite && len(doc.Endpoints) == 0 {
			skipped = append(skipped, p)
			continue
		}
		docs = append(docs, doc)
		diags = append(diags, doc.Diagnostics...)
	}
	if len(skipped) > 0 {
		named, more := skipped, ""
		if len(named) > 5 {
			named, more = named[:5], ", …"
		}
		diags.Add(diag.Pos{File: skipped[0]}, diag.SkippedPages, "%d of the pages behind the docs' URLs have no endpoint (an introduction, a changelog) and were skipped: %s%s",
			len(skipped), strings.Join(named, ", "), more)
	}
	if len(docs) == 0 && len(skipped) > 0 {
		diags.Add(diag.Pos{File: skipped[0]}, diag.NoEndpoint, "no page behind the docs' URLs has an endpoint")
		return nil, diags
	}
	return docs, diags
}

// specBase is the spec's output path without its extension.
func specBase(cfg *Config, api APIConfig) string {
	return strings.TrimSuffix(strings.TrimSuffix(cfg.Resolve(api.Spec), ".yaml"), ".json")
}

// specFormats are the formats the spec is written in.
func specFormats(api APIConfig) []string {
	if len(api.Formats) == 0 {
		return []string{"yaml"}
	}
	return api.Formats
}

// specVersions are the OpenAPI versions the spec is written in, the
// first at the spec path.
func specVersions(api APIConfig) []string {
	if len(api.OpenAPI) == 0 {
		return []string{"3.1"}
	}
	return api.OpenAPI
}

// specVersionBase is the output path, without its extension, of the spec
// in one version: the spec path for the first version, and beside it,
// with the version before the extension (openapi.v30.yaml), for others.
func specVersionBase(cfg *Config, api APIConfig, version string) string {
	if version == specVersions(api)[0] {
		return specBase(cfg, api)
	}
	return specBase(cfg, api) + ".v" + strings.ReplaceAll(version, ".", "")
}

// specSource is the name the generated package gives its spec in headers
// and diagnostics.
func specSource(api APIConfig) string {
	if api.Spec != "" {
		return filepath.Base(strings.TrimSuffix(api.Spec, filepath.Ext(api.Spec))) + ".yaml"
	}
	return api.Name + ".yaml"
}
