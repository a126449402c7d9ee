package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[-config apigen.yaml]", `Run spec and gen for every API in the config: parse its docs, write its spec
(YAML and/or JSON) and its Go package. This is what go:generate calls. Paths in
the config are relative to the config file. Files whose content did not change
are not rewritten.`, stderr)
	configPath := fs.String("config", "apigen.yaml", "the config `FILE`")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	only := fs.String("api", "", "build only the API with this `NAME`")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected arguments %q", fs.Args())
	}
	cfg, diags := loadConfig(*configPath)
	if diags.HasErrors() {
		report(stderr, diags, *strict, false)
		return exitInput
	}
	status := exitOK
	for _, api := range cfg.APIs {
		if *only != "" && api.Name != *only {
			continue
		}
		if code := buildAPI(cfg, api, *strict, stderr); code > status {
			status = code
		}
	}
	return status
}

// buildAPI writes one API's spec and package.
func buildAPI(cfg *Config, api APIConfig, strict bool, stderr io.Writer) int {
	paths, err := cfg.docPaths(api)
	if err != nil {
		fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
		return exitInput
	}
	opts := parser.Options{}
	if api.From != "" {
		if opts.Format, err = parser.ParseFormat(api.From); err != nil {
			fmt.Fprintf(stderr, "apigen build: %s: %v\n", api.Name, err)
			return exitInput
		}
	}
	var docs []*parser.Document
	var diags diag.List
	for _, p := range paths {
		doc := parser.ParseFile(p, opts)
		docs = append(docs, doc)
		diags = append(diags, doc.Diagnostics...)
	}
	t, specDiags := spec.Build(docs, spec.Options{Title: api.Title, Profile: api.Profile, Servers: api.Servers})
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
		if report(stderr, diags, strict, false) {
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
		report(stderr, diags, strict, false)
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
