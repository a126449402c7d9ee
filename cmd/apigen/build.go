package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[-config apigen.yaml]", `Run spec and gen for every API in the config: parse its docs, write its spec
(YAML and/or JSON) and its Go package. This is what go:generate calls. Paths in
the config are relative to the config file. Files whose content did not change
are not rewritten, and an API whose docs, config entry and apigen binary are
those of its last successful build is skipped without parsing anything; docs
given as URLs are revalidated against the cached copy (ETag, Last-Modified).`, stderr)
	configPath := fs.String("config", "apigen.yaml", "the config `FILE`")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	only := fs.String("api", "", "build only the API with this `NAME`")
	fetchTimeout := fs.Duration("fetch-timeout", 0, "time limit for downloading one doc URL (default: the config's fetch_timeout, else 30s)")
	cacheDir := fs.String("cache", "", "`DIR` for downloaded docs and build stamps (default: the config's cache, else the user cache directory)")
	force := fs.Bool("force", false, "rebuild even when nothing changed since the last build")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected arguments %q", fs.Args())
	}
	cfg, diags := loadConfig(*configPath)
	if diags.HasErrors() {
		reportProblems(stderr, diags, *strict)
		return exitInput
	}
	if *only != "" && !slices.ContainsFunc(cfg.APIs, func(a APIConfig) bool { return a.Name == *only }) {
		names := make([]string, len(cfg.APIs))
		for i, a := range cfg.APIs {
			names[i] = a.Name
		}
		return usageError(fs, "%s has no api named %q (it has: %s)", *configPath, *only, strings.Join(names, ", "))
	}
	env := cfg.buildEnv(*fetchTimeout, *cacheDir, *force)
	status := exitOK
	for _, api := range cfg.APIs {
		if *only != "" && api.Name != *only {
			continue
		}
		if code := buildAPI(cfg, env, api, *strict, stderr); code > status {
			status = code
		}
	}
	return status
}

// buildEnv is what every API of one build shares: the downloader and the
// stamps that let an unchanged API be skipped.
type buildEnv struct {
	fetcher *fetch.Fetcher
	stamps  stamps
	force   bool
}

// buildEnv settles the cache and timeout: flags win over the config, the
// config over the defaults.
func (c *Config) buildEnv(timeout time.Duration, cacheDir string, force bool) buildEnv {
	if timeout <= 0 {
		timeout = c.FetchTimeout
	}
	if cacheDir == "" && c.Cache != "" {
		cacheDir = c.resolve(c.Cache)
	}
	if cacheDir == "" {
		cacheDir = defaultCacheDir()
	}
	return buildEnv{fetcher: newFetcher(timeout, cacheDir), stamps: stamps{dir: cacheDir}, force: force}
}

// generateHook is buildAPI's expensive half, a variable so tests can see
// whether a build was skipped.
var generateHook = generateAPI

// buildAPI writes one API's spec and package, unless its last successful
// build had the same inputs and its outputs are untouched.
func buildAPI(cfg *Config, env buildEnv, api APIConfig, strict bool, stderr io.Writer) int {
	paths, err := cfg.docPaths(api)
	if err != nil {
		fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
		return exitInput
	}
	// A doc that cannot be read stops this API before anything is written:
	// a network failure must not shrink a checked-in client to the docs
	// that happened to download.
	srcs := make([][]byte, len(paths))
	var readDiags diag.List
	prog := newProgress(stderr, len(paths))
	for i, p := range paths {
		prog.step("reading", p)
		if srcs[i], err = readDoc(env.fetcher, p); err != nil {
			readDiags.Add(diag.Pos{File: p}, diag.ReadFailed, "%v", err)
		}
	}
	prog.done()
	if len(readDiags) > 0 {
		reportProblems(stderr, readDiags, strict)
		fmt.Fprintf(stderr, "apigen build: %s: nothing written\n", api.Name)
		return exitInput
	}
	in := inputs(api, paths, srcs, strict)
	if !env.force {
		if replay, ok := env.stamps.fresh(cfg, api, in); ok {
			io.WriteString(stderr, replay)
			return exitOK
		}
	}
	var printed bytes.Buffer
	code := generateHook(cfg, api, paths, srcs, strict, io.MultiWriter(stderr, &printed))
	if code == exitOK {
		env.stamps.save(cfg, api, in, printed.String())
	}
	return code
}

// generateAPI parses the docs and writes the spec and package.
func generateAPI(cfg *Config, api APIConfig, paths []string, srcs [][]byte, strict bool, stderr io.Writer) int {
	var err error
	opts := parser.Options{}
	if api.From != "" {
		if opts.Format, err = parser.ParseFormat(api.From); err != nil {
			fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
			return exitInput
		}
	}
	var docs []*parser.Document
	var diags diag.List
	for i, p := range paths {
		doc := parser.Parse(p, srcs[i], opts)
		docs = append(docs, doc)
		diags = append(diags, doc.Diagnostics...)
	}
	t, specDiags := spec.Build(docs, spec.Options{Title: api.Title, Version: api.Version, Profile: api.Profile, Servers: api.Servers,
		Overrides: api.specOverrides()})
	diags = append(diags, specDiags...)
	var yamlSpec bytes.Buffer
	if err := spec.Write(&yamlSpec, t, "yaml"); err != nil {
		fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
		return exitInput
	}
	if api.Spec != "" {
		formats := api.Formats
		if len(formats) == 0 {
			formats = []string{"yaml"}
		}
		base := strings.TrimSuffix(strings.TrimSuffix(cfg.resolve(api.Spec), ".yaml"), ".json")
		// A fresh checkout of a downstream repo may not have the directory yet.
		if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
			fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
			return exitInput
		}
		for _, f := range formats {
			var b bytes.Buffer
			if err := spec.Write(&b, t, f); err != nil {
				fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
				return exitInput
			}
			if err := writeIfChanged(base+"."+f, b.Bytes()); err != nil {
				fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
				return exitInput
			}
		}
	}
	if api.Out == "" {
		if reportProblems(stderr, diags, strict) {
			return exitInput
		}
		return exitOK
	}
	// Generate from the written form, so `apigen gen -spec` on the published
	// spec gives the same package.
	source := api.Name + ".yaml"
	if api.Spec != "" {
		source = filepath.Base(strings.TrimSuffix(api.Spec, filepath.Ext(api.Spec))) + ".yaml"
	}
	loaded, loadDiags := spec.LoadData(source, yamlSpec.Bytes())
	diags = append(diags, loadDiags...)
	if loaded == nil {
		reportProblems(stderr, diags, strict)
		return exitInput
	}
	parts, err := generator.ParseParts(strings.Join(api.Parts, ","))
	if err != nil {
		fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
		return exitInput
	}
	if len(api.Parts) == 0 {
		parts = nil
	}
	out := cfg.resolve(api.Out)
	name := api.Package
	if name == "" {
		name = filepath.Base(out)
	}
	return finishGen(loaded, source, out, name, parts, diags, strict, stderr)
}
