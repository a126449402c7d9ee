package pipeline

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/cmd/apigen/internal/outdir"
	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec/diff"
	"github.com/apigen/apigen/spec/oas"
)

// output is one API's build in memory, before anything is written.
type output struct {
	// specFiles maps each spec file's path to its content.
	specFiles map[string][]byte
	// checkedIn is the spec file the shrink guard compares against; ""
	// when the API writes no spec.
	checkedIn string
	// removed is what the new spec would drop of the checked-in one, when
	// the API guards against that (removals).
	removed *diff.Report
	// pkgDir and pkgFiles are the Go package; pkgDir is "" when the API
	// writes none.
	pkgDir   string
	pkgFiles map[string][]byte
}

// generate builds the spec and the package of api in memory. It returns
// nil when there is nothing that could be written.
func (e Env) generate(cfg *Config, api APIConfig, t *openapi3.T, diags *diag.List) *output {
	at := diag.Pos{File: cfg.path}
	out := &output{specFiles: map[string][]byte{}}
	// The package is generated from the published form, so that `apigen
	// gen -spec` on the published spec gives the same package.
	source := specSource(api)
	pinDiags, ok := Pin(t, source)
	*diags = append(*diags, pinDiags...)
	if !ok {
		return nil
	}
	publishedFile := ""
	if api.Spec != "" {
		if publishedFile, ok = out.writeSpecFiles(cfg, api, t, diags); !ok {
			return nil
		}
		out.checkedIn = specBase(cfg, api) + "." + specFormats(api)[0]
	}
	published, loadDiags := Publish(t, source)
	*diags = append(*diags, loadDiags...)
	if published.Spec == nil {
		return nil
	}
	if publishedFile != "" {
		out.specFiles[publishedFile] = published.YAML
	}
	loaded, lines := published.Spec, published.Lines
	// Compared before the package is generated: the model of a large spec
	// need not be held while its package is written.
	if !e.AllowRemovals && !api.AllowRemovals {
		out.removed = out.removals(loaded)
	}
	if api.Out == "" {
		return out
	}
	var parts map[generator.Part]bool
	if len(api.Parts) > 0 {
		var err error
		if parts, err = generator.ParseParts(strings.Join(api.Parts, ",")); err != nil {
			diags.Add(at, diag.BadConfig, "%s: %v", api.Name, err)
			return nil
		}
	}
	out.pkgDir = cfg.Resolve(api.Out)
	name := api.Package
	if name == "" {
		name = filepath.Base(out.pkgDir)
	}
	files, genDiags := generator.Generate(loaded, generator.Options{Package: name, Parts: parts, Source: source, Lines: lines})
	*diags = append(*diags, genDiags...)
	out.pkgFiles = files
	return out
}

// writeSpecFiles writes the API's spec files from its pinned spec, before
// publishing takes the spec apart: all but the 3.1 YAML, which
// publishing writes, and whose path it returns ("" when the API writes
// none). It returns false when a file cannot be written, with
// diagnostics saying why.
func (o *output) writeSpecFiles(cfg *Config, api APIConfig, t *openapi3.T, diags *diag.List) (published string, ok bool) {
	at := diag.Pos{File: cfg.path}
	for _, v := range specVersions(api) {
		base := specVersionBase(cfg, api, v)
		formats := specFormats(api)
		if v == oas.Versions[0] && slices.Contains(formats, "yaml") {
			published = base + ".yaml"
			formats = slices.DeleteFunc(slices.Clone(formats), func(f string) bool { return f == "yaml" })
		}
		if len(formats) == 0 {
			continue
		}
		written, versionDiags, err := oas.AsVersion(t, v, filepath.Base(base)+"."+specFormats(api)[0])
		*diags = append(*diags, versionDiags...)
		if err != nil {
			diags.Add(at, diag.BadConfig, "%s: %v", api.Name, err)
			return "", false
		}
		if written == nil {
			return "", false // the conversion said why
		}
		for _, f := range formats {
			var b bytes.Buffer
			if err := oas.Write(&b, written, f); err != nil {
				diags.Add(at, diag.InvalidSpec, "%s: %v", api.Name, err)
				return "", false
			}
			o.specFiles[base+"."+f] = b.Bytes()
		}
	}
	return published, true
}

// write puts the outputs in place, each whole: spec files outside the
// package one by one, the package directory (with the spec files that
// live in it) in one swap. It returns the outputs that changed.
func (o *output) write() ([]string, error) {
	var written []string
	pkg := maps.Clone(o.pkgFiles)
	for _, path := range slices.Sorted(maps.Keys(o.specFiles)) {
		if o.pkgDir != "" && filepath.Dir(path) == filepath.Clean(o.pkgDir) {
			pkg[filepath.Base(path)] = o.specFiles[path]
			continue
		}
		// A fresh checkout of a downstream repo may not have the
		// directory yet.
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return written, err
		}
		changed, err := outdir.WriteFile(path, o.specFiles[path])
		if err != nil {
			return written, err
		}
		if changed {
			written = append(written, path)
		}
	}
	if o.pkgDir == "" {
		return written, nil
	}
	changed, err := outdir.ReplaceDir(o.pkgDir, outdir.Package{Files: pkg, Owned: IsGenerated})
	if changed {
		written = append(written, o.pkgDir)
	}
	return written, err
}
