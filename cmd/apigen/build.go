package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/apigen/apigen/cmd/apigen/internal/pipeline"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[-config apigen.yaml]", `Run spec and gen for every API in the config: parse its docs, write its spec
(YAML and/or JSON) and its Go package. This is what go:generate calls. Paths in
the config are relative to the config file.

A build is a transaction: everything is built in memory, and nothing is
written when the docs have errors (or warnings, with -strict), when a page
yields no endpoint, or when the new spec would remove operations or schemas
the checked-in spec has (unless -allow-removals). Then each output is
replaced whole, so a build killed at any instant leaves the old outputs or
the new ones. Output paths that are symbolic links are refused.

An API whose docs, config entry and apigen binary are those of its last
successful build is skipped without parsing anything; docs given as URLs are
revalidated against the cached copy (ETag, Last-Modified).`, stderr)
	configPath := fs.String("config", "apigen.yaml", "the config `FILE`")
	strict := fs.Bool("strict", false, "fail (exit 1, nothing written) on warnings too")
	only := fs.String("api", "", "build only the API with this `NAME`")
	fetchTimeout := fs.Duration("fetch-timeout", 0, "time limit for downloading one doc URL (default: the config's fetch_timeout, else 30s)")
	cacheDir := fs.String("cache", "", "`DIR` for downloaded docs and build stamps (default: the config's cache, else the user cache directory)")
	force := fs.Bool("force", false, "rebuild even when nothing changed since the last build")
	allowRemovals := fs.Bool("allow-removals", false, "write even when the new spec drops operations or schemas the checked-in spec has")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected arguments %q", fs.Args())
	}
	cfg, diags := pipeline.Load(*configPath)
	if diags.HasErrors() {
		reportProblems(stderr, diags, *strict)
		return exitInput
	}
	if *only != "" && !slices.ContainsFunc(cfg.APIs, func(a pipeline.APIConfig) bool { return a.Name == *only }) {
		names := make([]string, len(cfg.APIs))
		for i, a := range cfg.APIs {
			names[i] = a.Name
		}
		return usageError(fs, "%s has no api named %q (it has: %s)", *configPath, *only, strings.Join(names, ", "))
	}
	env := cfg.NewEnv(*fetchTimeout, *cacheDir)
	env.Force, env.Strict, env.AllowRemovals = *force, *strict, *allowRemovals
	status := exitOK
	for _, api := range cfg.APIs {
		if *only != "" && api.Name != *only {
			continue
		}
		paths, _ := cfg.DocPaths(api) // Build reports a bad glob
		prog := newProgress(stderr, len(paths))
		env.Progress = prog.step
		res := buildAPI(env, cfg, api)
		prog.done()
		if code := printResult(stderr, res, *strict); code > status {
			status = code
		}
	}
	return status
}

// buildAPI is the pipeline's build, a variable so tests can see which
// builds did the work and which were skipped.
var buildAPI = pipeline.Env.Build

// printResult prints one API's diagnostics and, when it failed, why
// nothing was written; it returns the exit status.
func printResult(w io.Writer, res *pipeline.Result, strict bool) int {
	failed := reportProblems(w, res.Diags, strict)
	if res.Removals != nil {
		fmt.Fprintf(w, "apigen build: %s: the new docs would remove what the checked-in spec has:\n", res.API)
		res.Removals.WriteText(w)
		fmt.Fprintf(w, "apigen build: %s: nothing written; if the removal is intended, pass -allow-removals or set allow_removals: true for the api\n", res.API)
		return exitInput
	}
	if res.Failed() {
		fmt.Fprintf(w, "apigen build: %s: %s; nothing written\n", res.API, res.Problem)
		return exitInput
	}
	if failed {
		return exitInput
	}
	return exitOK
}
