package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apigen/apigen/cmd/apigen/internal/fetch"
	"github.com/apigen/apigen/cmd/apigen/internal/outdir"
	"github.com/apigen/apigen/cmd/apigen/internal/pipeline"
	"github.com/apigen/apigen/cmd/apigen/internal/source"
	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

// docFlags are the flags every command reading doc pages takes.
type docFlags struct {
	from    string
	profile string
	servers stringList
	title   string
	strict  bool

	fetchTimeout time.Duration
	stderr       io.Writer // where parseDocs draws its progress line
}

func (d *docFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.from, "from", "", "doc `format`, overriding detection: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&d.profile, "profile", "", "vendor `profile` ("+strings.Join(spec.ProfileNames(), ", ")+", none); detected when empty")
	fs.Var(&d.servers, "server", "base `URL` for the spec's servers (repeatable); default: the hosts the docs call")
	fs.StringVar(&d.title, "title", "", "info.title of the spec")
	fs.BoolVar(&d.strict, "strict", false, "fail (exit 1) on warnings too")
	fs.DurationVar(&d.fetchTimeout, "fetch-timeout", fetch.DefaultTimeout, "time limit for downloading one doc given as an http(s) URL")
	d.stderr = fs.Output()
}

func formatNames() []string {
	var out []string
	for _, f := range parser.Formats() {
		out = append(out, string(f))
	}
	return out
}

// parseDocs reads every doc with the flags' format.
func (d *docFlags) parseDocs(paths []string) ([]*parser.Document, diag.List, error) {
	opts := parser.Options{}
	if d.from != "" {
		f, err := parser.ParseFormat(d.from)
		if err != nil {
			return nil, nil, err
		}
		opts.Format = f
	}
	var docs []*parser.Document
	var diags diag.List
	prog := newProgress(d.stderr, len(paths))
	defer prog.done()
	// Files are parsed on every CPU; the pages behind a URL are
	// downloaded and parsed in turn.
	files := parser.ParseAll(len(paths), func(i int) *parser.Document {
		if fetch.IsURL(paths[i]) {
			return nil
		}
		return parser.ParseFile(paths[i], opts)
	})
	for i, file := range files {
		prog.step("parsing", paths[i])
		read := []*parser.Document{file}
		if file == nil {
			read = d.parseURL(paths[i], opts)
		}
		for _, doc := range read {
			docs = append(docs, doc)
			diags = append(diags, doc.Diagnostics...)
		}
	}
	return docs, diags, nil
}

func (d *docFlags) options() spec.Options {
	return spec.Options{Title: d.title, Profile: d.profile, Servers: d.servers}
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func runSpec(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("spec", "[flags] DOC...", `Parse the doc pages (several pages of one vendor merge into one spec), build
the OpenAPI 3.1 spec, validate it with kin-openapi and write it (-openapi 3.0
writes its 3.0 form instead, for tools that read nothing newer). Diagnostics
go to stderr as file:line:col: severity: message [CODE]. The spec is written
even when some endpoints had errors; the exit status is then 1.`, stderr)
	var df docFlags
	df.register(fs)
	out := fs.String("o", "", "write the spec to `FILE` instead of stdout")
	format := fs.String("format", "yaml", "spec `format`: yaml or json")
	version := fs.String("openapi", "3.1", "OpenAPI `version` to write: "+strings.Join(oas.Versions, " or "))
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no doc given")
	}
	if *format != "yaml" && *format != "json" {
		return usageError(fs, "-format must be yaml or json, not %q", *format)
	}
	if !oas.ValidVersion(*version) {
		return usageError(fs, "-openapi must be %s, not %q", strings.Join(oas.Versions, " or "), *version)
	}
	docs, diags, err := df.parseDocs(fs.Args())
	if err != nil {
		return usageError(fs, "%v", err)
	}
	t, specDiags := spec.Build(docs, df.options())
	diags = append(diags, specDiags...)
	// The spec build writes: with the Go names pinned, and checked to read
	// back (Publish, which takes the spec apart: it is written first).
	pinDiags, pinned := pipeline.Pin(t, "spec")
	diags = append(diags, pinDiags...)
	name := *out
	if name == "" {
		name = "-"
	}
	written, versionDiags, err := oas.AsVersion(t, *version, name)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	diags = append(diags, versionDiags...)
	var buf bytes.Buffer
	var writeErr error
	if written != nil {
		writeErr = oas.Write(&buf, written, *format)
	}
	if pinned {
		if _, publishDiags := pipeline.Publish(t, "spec"); publishDiags.HasErrors() {
			diags = append(diags, publishDiags...)
		}
	}
	failed := reportProblems(stderr, diags, df.strict)
	if written == nil {
		return exitInput
	}
	if writeErr != nil {
		fmt.Fprintf(stderr, "apigen spec: %v\n", writeErr)
		return exitInput
	}
	if err := writeOutput(*out, buf.Bytes(), stdout); err != nil {
		fmt.Fprintf(stderr, "apigen spec: %v\n", err)
		return exitInput
	}
	if failed {
		return exitInput
	}
	return exitOK
}

// writeOutput writes data to path, or to stdout when path is empty. A file
// whose content is unchanged is not rewritten, so its mtime stays and
// build systems see no change.
func writeOutput(path string, data []byte, stdout io.Writer) error {
	if path == "" {
		_, err := stdout.Write(data)
		return err
	}
	return writeIfChanged(path, data)
}

func writeIfChanged(path string, data []byte) error {
	_, err := outdir.WriteFile(path, data)
	return err
}

// parseURL downloads and parses the pages behind a URL (a doc
// platform's project, a docsify site). A doc that cannot be read is a
// Document carrying the E001 diagnostic, as parser.ParseFile does for
// files.
func (d *docFlags) parseURL(path string, opts parser.Options) []*parser.Document {
	failed := func(format string, args ...any) []*parser.Document {
		doc := &parser.Document{File: path}
		doc.Diagnostics.Add(diag.Pos{File: path}, diag.ReadFailed, format, args...)
		return []*parser.Document{doc}
	}
	found, diags, err := source.Resolve(context.Background(), pipeline.NewFetcher(d.fetchTimeout, pipeline.DefaultCacheDir()), path, source.Options{})
	if err != nil {
		return failed("download failed: %v", err)
	}
	var docs []*parser.Document
	skipped := 0
	for _, f := range found {
		if f.Parsed == nil && oas.IsSpec(f.Body) {
			return failed("%s is an OpenAPI or Swagger document, which needs no doc reading: generate from it with apigen gen -spec, or list its URL in apigen.yaml", f.Origin)
		}
		doc := f.Parsed
		if doc == nil {
			doc = parser.Parse(f.Origin, f.Body, opts)
		}
		if len(found) > 1 && len(doc.Endpoints) == 0 {
			// An introduction or changelog page of a site, as the build
			// skips them.
			skipped++
			continue
		}
		docs = append(docs, doc)
	}
	if skipped > 0 {
		diags.Add(diag.Pos{File: path}, diag.SkippedPages, "%d of the pages behind %s have no endpoint and were skipped", skipped, path)
	}
	if len(docs) == 0 {
		return failed("no page behind %s has an endpoint", path)
	}
	docs[0].Diagnostics = append(diags, docs[0].Diagnostics...)
	return docs
}
