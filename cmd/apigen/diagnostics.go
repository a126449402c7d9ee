package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/apigen/apigen/parser/diag"
)

// report prints diagnostics compiler-style (or as JSON lines) and says
// whether they fail the run: errors always, warnings with strict.
func report(w io.Writer, diags diag.List, strict bool, asJSON bool) (failed bool) {
	diags.Sort()
	for _, d := range diags {
		if asJSON {
			b, _ := json.Marshal(d)
			fmt.Fprintln(w, string(b))
			continue
		}
		fmt.Fprintln(w, d.String())
	}
	return diags.HasErrors() || (strict && diags.Count(diag.Warning) > 0)
}

// reportProblems is report without the info diagnostics: spec, gen and
// build run from go generate, where only what may need action belongs.
// lint prints everything.
func reportProblems(w io.Writer, diags diag.List, strict bool) (failed bool) {
	var problems diag.List
	for _, d := range diags {
		if d.Severity != diag.Info {
			problems = append(problems, d)
		}
	}
	return report(w, problems, strict, false) || diags.HasErrors()
}
