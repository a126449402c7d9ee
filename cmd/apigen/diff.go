package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/cmd/apigen/internal/pipeline"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/diff"
	"github.com/apigen/apigen/spec/oas"
)

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "[flags] OLD NEW", `Compare two versions of an API and class each change as breaking or
compatible, for users of the generated Go package as much as for the wire.
OLD and NEW are each a spec (.yaml/.yml/.json) or a doc page; several doc
pages of one version can be joined with commas.

Breaking:
  - an endpoint removed or moved to another path or method;
  - an operationId changed: the Go method is renamed;
  - a field or parameter removed, or added as required to a request;
  - a field's type, format, nullability or required-ness changed: its Go
    type changes (string to *int32, a value to a pointer), even where the
    wire would accept both;
  - an enum value removed (its Go constant goes), a const changed;
  - a request constraint tightened (maxLength, pattern, maximum, ...);
  - the envelope, signing, auth role, layout or separator changed: the
    generated client sends or reads another form.
Compatible: endpoints and optional fields added, enum values added,
constraints relaxed, descriptions, summaries and examples changed.`, stderr)
	var df docFlags
	df.register(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	failOnBreaking := fs.Bool("fail-on-breaking", false, "exit 1 when a change is breaking (for CI gates)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		return usageError(fs, "want OLD and NEW, got %d arguments", fs.NArg())
	}
	if *format != "text" && *format != "json" {
		return usageError(fs, "-format must be text or json, not %q", *format)
	}
	var all diag.List
	load := func(arg string) *openapi3.T {
		paths := strings.Split(arg, ",")
		if len(paths) == 1 && isSpecFile(arg) {
			t, diags := oas.Load(arg)
			all = append(all, diags...)
			// A 3.0 spec compares as the 3.1 one it stands for, as gen
			// reads it.
			if t != nil {
				if err := oas.Read30(t); err != nil {
					all.Add(diag.Pos{File: arg}, diag.InvalidSpec, "%v", err)
					return nil
				}
			}
			return t
		}
		docs, diags, err := df.parseDocs(paths)
		all = append(all, diags...)
		if err != nil {
			all.Add(diag.Pos{File: arg}, diag.ReadFailed, "%v", err)
			return nil
		}
		t, specDiags := spec.Build(docs, df.options())
		all = append(all, specDiags...)
		// Compare what a consumer sees: the published spec, Go names and all.
		return roundTrip(t, arg, &all)
	}
	oldSpec, newSpec := load(fs.Arg(0)), load(fs.Arg(1))
	var errs diag.List
	for _, d := range all {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	report(stderr, errs, false, false)
	if oldSpec == nil || newSpec == nil {
		return exitInput
	}
	r := diff.Compare(oldSpec, newSpec)
	var err error
	if *format == "json" {
		err = r.WriteJSON(stdout)
	} else {
		err = r.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "apigen diff: %v\n", err)
		return exitInput
	}
	if *failOnBreaking && r.Breaking() {
		return exitInput
	}
	return exitOK
}

func isSpecFile(p string) bool {
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		if strings.HasSuffix(strings.ToLower(p), ext) {
			return true
		}
	}
	return false
}

func roundTrip(t *openapi3.T, name string, diags *diag.List) *openapi3.T {
	pinDiags, ok := pipeline.Pin(t, name)
	*diags = append(*diags, pinDiags...)
	if !ok {
		return nil
	}
	published, ld := pipeline.Publish(t, name)
	*diags = append(*diags, ld...)
	return published.Spec
}
