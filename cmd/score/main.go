// Command score measures what apigen reads from the doc pages of a corpus
// against their hand-written ground truth: every page PAGE.ext beside a
// PAGE.expect.json is parsed, its spec built as `apigen spec` builds it,
// and the spec compared with what a person reads on the page.
//
// Per page, per folder and in total it prints endpoint F1 (method and path
// with host and placeholders dropped; by title where the page gives no
// path), request-parameter precision and recall by full name path, strict
// F1 over name and required (a required the page does not state must come
// out not required), location agreement where the page states it, type
// agreement, response-field recall with parents, the names the spec
// invents, and the pages whose endpoints vanish while apigen exits 0.
//
// With -floor it exits 1 when a total falls below the floor file's; make
// score runs it that way on testdata/corpus.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: score [-v] [-floor FILE] [-write-floor FILE] CORPUS_DIR\n\n"+
			"Scores apigen's reading of every page under CORPUS_DIR that has a .expect.json beside it.\n\n")
		fs.PrintDefaults()
	}
	verbose := fs.Bool("v", false, "list every difference of every page")
	floorFile := fs.String("floor", "", "exit 1 when a total falls below this JSON `file`'s figures")
	writeFloor := fs.String("write-floor", "", "write the totals to this JSON `file` as the new floor")
	only := fs.String("only", "", "score only the pages whose path under CORPUS_DIR contains this `text`")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	res, err := scoreCorpus(fs.Arg(0), *only)
	if err != nil {
		fmt.Fprintf(stderr, "score: %v\n", err)
		return 1
	}
	res.print(stdout, *verbose)
	total := res.total.metrics()
	if *writeFloor != "" {
		raw, _ := json.MarshalIndent(total, "", "  ")
		if err := os.WriteFile(*writeFloor, append(raw, '\n'), 0o644); err != nil {
			fmt.Fprintf(stderr, "score: %v\n", err)
			return 1
		}
	}
	if *floorFile != "" {
		floor, err := readFloor(*floorFile)
		if err != nil {
			fmt.Fprintf(stderr, "score: %v\n", err)
			return 1
		}
		if drops := belowFloor(total, floor); len(drops) > 0 {
			fmt.Fprintf(stderr, "score: below the floor in %s:\n  %s\n", *floorFile, strings.Join(drops, "\n  "))
			return 1
		}
	}
	return 0
}

// pageResult is one page's score.
type pageResult struct {
	name   string // path under the corpus directory
	counts counts
	misses []string
	errors []string
}

type corpusResult struct {
	pages   []pageResult
	folders map[string]*counts
	total   counts
}

// scoreCorpus scores every page with ground truth under dir whose path
// contains only.
func scoreCorpus(dir, only string) (*corpusResult, error) {
	var pages []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".expect.json") {
			return err
		}
		if _, err := os.Stat(expectPath(path)); err == nil && strings.Contains(path, only) {
			pages = append(pages, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no page with a .expect.json under %s", dir)
	}
	slices.Sort(pages)
	res := &corpusResult{folders: map[string]*counts{}}
	for _, p := range pages {
		want, err := readExpect(expectPath(p))
		if err != nil {
			return nil, err
		}
		got, err := runPage(p)
		if err != nil {
			return nil, err
		}
		c, misses := scorePage(want, got)
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		res.pages = append(res.pages, pageResult{name: rel, counts: c, misses: misses, errors: got.errors})
		folder := "."
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			folder = rel[:i]
		}
		if res.folders[folder] == nil {
			res.folders[folder] = &counts{}
		}
		res.folders[folder].add(c)
		res.total.add(c)
	}
	return res, nil
}

func expectPath(page string) string {
	return strings.TrimSuffix(page, filepath.Ext(page)) + ".expect.json"
}

func readFloor(path string) (metrics, error) {
	var m metrics
	raw, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("%s: %v", path, err)
	}
	return m, nil
}

// belowFloor lists the totals worse than the floor: ratios lower, counts
// of invented names and silent pages higher.
func belowFloor(got, floor metrics) []string {
	var out []string
	const eps = 1e-9
	check := func(name string, g, f float64) {
		if g+eps < f {
			out = append(out, fmt.Sprintf("%s %.3f < %.3f", name, g, f))
		}
	}
	check("endpoint_f1", got.EndpointF1, floor.EndpointF1)
	check("request_precision", got.RequestPrecision, floor.RequestPrecision)
	check("request_recall", got.RequestRecall, floor.RequestRecall)
	check("strict_f1", got.StrictF1, floor.StrictF1)
	check("location", got.Location, floor.Location)
	check("types", got.Types, floor.Types)
	check("response_recall", got.ResponseRecall, floor.ResponseRecall)
	if got.Invented > floor.Invented {
		out = append(out, fmt.Sprintf("invented %d > %d", got.Invented, floor.Invented))
	}
	if got.SilentPages > floor.SilentPages {
		out = append(out, fmt.Sprintf("silent_pages %d > %d", got.SilentPages, floor.SilentPages))
	}
	return out
}

func (r *corpusResult) print(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "%-46s %7s %5s %5s %5s %5s %5s %5s %5s %4s %4s %s\n",
		"page", "ep", "epF1", "reqP", "reqR", "strF1", "loc", "type", "resR", "inv", "r→q", "exit")
	for _, p := range r.pages {
		row(w, p.name, p.counts)
		if verbose {
			for _, m := range p.misses {
				fmt.Fprintf(w, "      %s\n", m)
			}
			for _, e := range p.errors {
				fmt.Fprintf(w, "      error: %s\n", e)
			}
		}
	}
	fmt.Fprintln(w)
	for _, f := range slices.Sorted(maps.Keys(r.folders)) {
		row(w, "folder "+f+"/", *r.folders[f])
	}
	row(w, "total", r.total)
}

func row(w io.Writer, name string, c counts) {
	m := c.metrics()
	exit := "0"
	switch {
	case c.Pages > 1:
		exit = fmt.Sprintf("%d failed, %d silent", c.Failed, c.Silent)
	case c.Silent > 0:
		exit = "0 SILENT LOSS"
	case c.Failed > 0:
		exit = "1"
	}
	fmt.Fprintf(w, "%-46s %3d/%-3d %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %5.2f %4d %4d %s\n",
		shorten(name, 46), c.MatchedEndpoints, c.ExpectedEndpoints, m.EndpointF1, m.RequestPrecision, m.RequestRecall,
		m.StrictF1, m.Location, m.Types, m.ResponseRecall, c.Invented, c.ResponseAsRequest, exit)
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-1] + "…"
}
