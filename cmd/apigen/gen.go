package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apigen/apigen/cmd/apigen/internal/outdir"
	"github.com/apigen/apigen/cmd/apigen/internal/pipeline"
	"github.com/apigen/apigen/generator"
	"github.com/apigen/apigen/parser/diag"
	"github.com/apigen/apigen/spec"
	"github.com/apigen/apigen/spec/oas"
)

func runGen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("gen", "-spec FILE -o DIR -package NAME [-parts LIST]", `Generate a Go package from an OpenAPI 3.0 or 3.1 spec (apigen's own or any
other). Parts: types (always), validate, client, server, mock. Constructs the
generator cannot express are reported with their JSON pointer and generated
as raw JSON; everything else is still generated.`, stderr)
	specFile := fs.String("spec", "", "the OpenAPI `FILE` (YAML or JSON)")
	out := fs.String("o", "", "output `DIR` (created if missing)")
	pkg := fs.String("package", "", "Go package `NAME` (default: the output directory's name)")
	parts := fs.String("parts", "types,validate,client,server,mock", "comma-separated `LIST` of parts to generate")
	strict := fs.Bool("strict", false, "fail (exit 1) on warnings too")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *specFile == "" || *out == "" {
		return usageError(fs, "-spec and -o are required")
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected arguments %q", fs.Args())
	}
	name := *pkg
	if name == "" {
		name = filepath.Base(*out)
	}
	if !pipeline.ValidPackageName(name) {
		return usageError(fs, "%q is not a valid Go package name", name)
	}
	selected, err := generator.ParseParts(*parts)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	t, lines, diags := oas.LoadLines(*specFile)
	if t == nil {
		reportProblems(stderr, diags, *strict)
		return exitInput
	}
	// A 3.0 spec is generated from as the 3.1 one it may have been
	// written from (apigen's openapi.v30.yaml gives the package
	// openapi.yaml gives).
	if err := oas.Read30(t); err != nil {
		diags.Add(diag.Pos{File: *specFile}, diag.InvalidSpec, "%v", err)
		reportProblems(stderr, diags, *strict)
		return exitInput
	}
	// A spec apigen did not write gets the envelope its responses show.
	diags = append(diags, spec.Adopt(t, *specFile)...)
	return finishGen(t, lines, *specFile, *out, name, selected, diags, *strict, stderr)
}

// finishGen generates and writes the package, prints diagnostics and
// returns the exit status.
func finishGen(t *openapi3.T, lines *oas.Lines, source, dir, name string, parts map[generator.Part]bool, diags diag.List, strict bool, stderr io.Writer) int {
	files, genDiags := generator.Generate(t, generator.Options{Package: name, Parts: parts, Source: source, Lines: lines})
	diags = append(diags, genDiags...)
	failed := reportProblems(stderr, diags, strict)
	if err := writePackage(dir, files); err != nil {
		fmt.Fprintf(stderr, "apigen gen: %v\n", err)
		return exitInput
	}
	if failed {
		return exitInput
	}
	return exitOK
}

// writePackage replaces the package directory with files, carrying over
// the hand-written files beside them.
func writePackage(dir string, files map[string][]byte) error {
	_, err := outdir.ReplaceDir(dir, outdir.Package{Files: files, Owned: pipeline.IsGenerated})
	return err
}
