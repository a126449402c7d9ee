package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/parser"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("lint", "[flags] DOC...", `Parse the doc pages and build their spec without writing it; print every
diagnostic (stdout) and a summary per doc: endpoints, fields, warnings, errors.
-explain CODE prints what a diagnostic code means.`, stderr)
	var df docFlags
	df.register(fs)
	explain := fs.String("explain", "", "print the meaning of a diagnostic `CODE` (for example W012) and exit")
	format := fs.String("format", "text", "output `format`: text or json (one diagnostic per line)")
	dump := fs.Bool("dump", false, "print what the parser read from each doc (endpoints, tables, fields, examples, with line:col) instead of the diagnostics")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *explain != "" {
		return explainCode(stdout, stderr, *explain)
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no doc given")
	}
	if *format != "text" && *format != "json" {
		return usageError(fs, "-format must be text or json, not %q", *format)
	}
	docs, diags, err := df.parseDocs(fs.Args())
	if err != nil {
		return usageError(fs, "%v", err)
	}
	if *dump {
		for _, d := range docs {
			if err := d.Dump(stdout); err != nil {
				fmt.Fprintf(stderr, "apigen lint: %v\n", err)
				return exitInput
			}
		}
		return exitOK
	}
	t, specDiags := spec.Build(docs, df.options())
	inSpec := map[string]int{} // operations and webhooks by doc base name
	spec.Operations(t, func(op *openapi3.Operation) { inSpec[oas.SourcePos(op).File]++ })
	diags = append(diags, specDiags...)
	failed := report(stdout, diags, df.strict, *format == "json")
	if *format == "text" {
		for _, d := range docs {
			fields := 0
			for _, ep := range d.Endpoints {
				for _, t := range append(append([]*parser.Table(nil), ep.Request...), ep.Response...) {
					fields += len(t.Fields)
				}
			}
			var warnings, errors int
			for _, x := range diags {
				if x.Pos.File == d.File {
					switch x.Severity {
					case diag.Warning:
						warnings++
					case diag.Error:
						errors++
					}
				}
			}
			fmt.Fprintf(stdout, "%s: %s, %d endpoints (%d read), %d fields, %d warnings, %d errors\n",
				d.File, d.Format, inSpec[filepath.Base(d.File)], len(d.Endpoints), fields, warnings, errors)
		}
	}
	if failed {
		return exitInput
	}
	return exitOK
}

func explainCode(stdout, stderr io.Writer, code string) int {
	c, ok := diag.ParseCode(code)
	if !ok {
		codes := diag.Codes()
		names := make([]string, len(codes))
		for i, k := range codes {
			names[i] = k.String()
		}
		sort.Strings(names)
		fmt.Fprintf(stderr, "apigen lint: unknown code %q; known codes: %s\n", code, strings.Join(names, " "))
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s (%s): %s\n", c, c.Severity(), c.Summary())
	return exitOK
}
