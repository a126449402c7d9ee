// Command benchtable reads the output of `go test -bench . -benchmem` in
// examples/bench on its standard input, copies it to its standard output
// as it comes, and then prints the side-by-side figures: for each body the
// throughput (MB/s) and allocations of every contender, the ratios of the
// generated decode+Validate to encoding/json into the plain struct and to
// ogen, Validate alone, and the handlers; then each target, met or not met.
//
// Several runs in a row (make bench runs BENCHCOUNT), or one with -count
// N, give several samples of each benchmark: the table shows their
// median, and a ratio is the median of the runs' ratios (see ratio).
// Missing figures print as "-". It exits 1 when the input holds a failure
// or no benchmark at all, never for a target.
//
//	go test -run '^$' -bench . -benchmem | go run ./cmd/benchtable
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

func main() {
	res, err := read(os.Stdin, os.Stdout)
	if err == nil {
		err = res.write(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// The targets.
const (
	minOverPlain   = 3 // decode+Validate over encoding/json into the plain struct
	minOverOgen    = 1 // decode+Validate over ogen: ahead of it
	minHandlerGain = 2 // generated handler over the hand-written one
)

// A sample is one benchmark result line's figures.
type sample struct {
	nsPerOp, mbPerS, bytesPerOp, allocsPerOp float64
}

// results are the samples of each benchmark, by its name without the
// Benchmark prefix and the GOMAXPROCS suffix ("Decode/startPlan/ogen"),
// and the operations in the order they first appear.
type results struct {
	samples map[string][]sample
	ops     []string
}

var procsSuffix = regexp.MustCompile(`-[0-9]+$`)

// read copies r to w and collects its benchmark results.
func read(r io.Reader, w io.Writer) (*results, error) {
	res := &results{samples: map[string][]sample{}}
	failed := false
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(w, line)
		if line == "FAIL" || strings.HasPrefix(line, "FAIL\t") || strings.HasPrefix(line, "--- FAIL") || strings.HasPrefix(line, "panic:") {
			failed = true
		}
		name, s, ok := parseLine(line)
		if !ok {
			continue
		}
		res.samples[name] = append(res.samples[name], s)
		if parts := strings.Split(name, "/"); len(parts) == 3 && !slices.Contains(res.ops, parts[1]) {
			res.ops = append(res.ops, parts[1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if failed {
		return nil, errors.New("the benchmarks failed")
	}
	if len(res.samples) == 0 {
		return nil, errors.New("no benchmark results in the input")
	}
	return res, nil
}

// parseLine reads a result line:
//
//	BenchmarkDecode/startPlan/ogen-2  636999  791.8 ns/op  60.62 MB/s  160 B/op  4 allocs/op
func parseLine(line string) (string, sample, bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", sample{}, false
	}
	if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
		return "", sample{}, false
	}
	var s sample
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return "", sample{}, false
		}
		switch f[i+1] {
		case "ns/op":
			s.nsPerOp = v
		case "MB/s":
			s.mbPerS = v
		case "B/op":
			s.bytesPerOp = v
		case "allocs/op":
			s.allocsPerOp = v
		}
	}
	name := procsSuffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
	return name, s, true
}

// get is the median of a benchmark's samples, figure by figure.
func (r *results) get(name string) (sample, bool) {
	ss := r.samples[name]
	if len(ss) == 0 {
		return sample{}, false
	}
	figure := func(f func(sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		return median(v)
	}
	return sample{
		nsPerOp:     figure(func(s sample) float64 { return s.nsPerOp }),
		mbPerS:      figure(func(s sample) float64 { return s.mbPerS }),
		bytesPerOp:  figure(func(s sample) float64 { return s.bytesPerOp }),
		allocsPerOp: figure(func(s sample) float64 { return s.allocsPerOp }),
	}, true
}

// ratio is a's throughput over b's: the speed-up of a. With as many
// samples of each, the i-th of a and of b are taken as one round's (make
// bench runs the whole set once a round) and the ratio is the median of
// the rounds' ratios, so that a slow spell of the machine in one round
// weighs on both sides of it; otherwise it is the ratio of the medians.
func (r *results) ratio(a, b string) (float64, bool) {
	sa, sb := r.samples[a], r.samples[b]
	if len(sa) == 0 || len(sb) == 0 {
		return 0, false
	}
	if len(sa) == len(sb) {
		v := make([]float64, 0, len(sa))
		for i := range sa {
			if sa[i].nsPerOp > 0 {
				v = append(v, sb[i].nsPerOp/sa[i].nsPerOp)
			}
		}
		if len(v) == 0 {
			return 0, false
		}
		return median(v), true
	}
	ma, _ := r.get(a)
	mb, _ := r.get(b)
	if ma.nsPerOp == 0 {
		return 0, false
	}
	return mb.nsPerOp / ma.nsPerOp, true
}

func median(v []float64) float64 {
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// bodySize is a body's length in bytes, from a benchmark of it: MB/s is
// bytes per op over ns per op, times a thousand.
func (r *results) bodySize(op string) string {
	for _, c := range decodeContenders {
		if s, ok := r.get("Decode/" + op + "/" + c); ok && s.mbPerS > 0 {
			return strconv.FormatFloat(s.mbPerS*s.nsPerOp/1e3, 'f', 0, 64)
		}
	}
	return "-"
}

var decodeContenders = []string{"generated", "plain", "map", "ogen", "openapi3filter"}

func (r *results) write(out io.Writer) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	row := func(cells ...string) { fmt.Fprintln(w, strings.Join(cells, "\t")) }
	text := func(s string) { fmt.Fprintln(w, s) } // a line without cells ends the columns above
	figure := func(name string, f func(sample) float64, prec int) string {
		s, ok := r.get(name)
		if !ok {
			return "-"
		}
		return strconv.FormatFloat(f(s), 'f', prec, 64)
	}
	mbPerS := func(s sample) float64 { return s.mbPerS }
	allocs := func(s sample) float64 { return s.allocsPerOp }
	nsPerOp := func(s sample) float64 { return s.nsPerOp }
	times := func(a, b string) string {
		x, ok := r.ratio(a, b)
		if !ok {
			return "-"
		}
		return fmt.Sprintf("%.2f×", x)
	}

	text("")
	text("Decode and validate a body: generated = UnmarshalJSON + Validate; plain, map = encoding/json")
	text("into the plain struct, into a map; ogen = Decode + Validate; openapi3filter = ValidateRequest.")
	text("MB/s (median; a ratio is the median of the rounds' ratios of ns/op):")
	row(append(append([]string{"  body", "bytes"}, decodeContenders...), "gen/plain", "gen/ogen")...)
	for _, op := range r.ops {
		cells := []string{"  " + op, r.bodySize(op)}
		for _, c := range decodeContenders {
			cells = append(cells, figure("Decode/"+op+"/"+c, mbPerS, 2))
		}
		gen := "Decode/" + op + "/generated"
		cells = append(cells, times(gen, "Decode/"+op+"/plain"), times(gen, "Decode/"+op+"/ogen"))
		row(cells...)
	}
	text("allocs/op:")
	row(append([]string{"  body"}, decodeContenders...)...)
	for _, op := range r.ops {
		cells := []string{"  " + op}
		for _, c := range decodeContenders {
			cells = append(cells, figure("Decode/"+op+"/"+c, allocs, -1))
		}
		row(cells...)
	}

	text("")
	text("Validate alone, on a decoded value: ns/op and allocs/op (median):")
	row("  body", "generated ns/op", "allocs/op", "ogen ns/op", "allocs/op", "gen/ogen")
	for _, op := range r.ops {
		gen, og := "Validate/"+op+"/generated", "Validate/"+op+"/ogen"
		row("  "+op, figure(gen, nsPerOp, 1), figure(gen, allocs, -1), figure(og, nsPerOp, 1), figure(og, allocs, -1), times(gen, og))
	}

	text("")
	text("Handler serving the body: generated = NewHandler with the verifier, on a signed request;")
	text("nethttp = hand-written: read the body, encoding/json into the plain struct, a small envelope;")
	text("floor = a fixed answer, the body not read: what every handler pays in the loop; verify = the")
	text("signature and replay check alone. floor/nethttp is the most any handler could gain over")
	text("nethttp on the body, floor+verify/nethttp the most one that checks the signature could.")
	text("MB/s and allocs/op (median):")
	row("  body", "generated MB/s", "allocs/op", "nethttp MB/s", "allocs/op", "floor MB/s", "verify MB/s",
		"gen/nethttp", "floor/nethttp", "floor+verify/nethttp")
	for _, op := range r.handlerOps() {
		gen, hand := "Handler/"+op+"/generated", "Handler/"+op+"/nethttp"
		floor, verify := "Handler/"+op+"/floor", "Handler/"+op+"/verify"
		row("  "+op, figure(gen, mbPerS, 2), figure(gen, allocs, -1), figure(hand, mbPerS, 2), figure(hand, allocs, -1),
			figure(floor, mbPerS, 2), figure(verify, mbPerS, 2), times(gen, hand), times(floor, hand), r.bound(hand, floor, verify))
	}

	text("")
	text("Targets:")
	target := func(title string, ops []string, a, b func(op string) string, min float64) {
		text("  " + title)
		for _, op := range ops {
			x, ok := r.ratio(a(op), b(op))
			switch {
			case !ok:
				row("    "+op, "-", "not measured")
			case x >= min && (min != 1 || x > 1): // ahead of, when min is 1
				row("    "+op, fmt.Sprintf("%.2f×", x), "met")
			default:
				row("    "+op, fmt.Sprintf("%.2f×", x), "not met")
			}
		}
	}
	decode := func(c string) func(string) string {
		return func(op string) string { return "Decode/" + op + "/" + c }
	}
	handler := func(c string) func(string) string {
		return func(op string) string { return "Handler/" + op + "/" + c }
	}
	target(fmt.Sprintf("decode+Validate ≥ %d× encoding/json into the plain struct", minOverPlain), r.ops, decode("generated"), decode("plain"), minOverPlain)
	target("decode+Validate ahead of ogen", r.ops, decode("generated"), decode("ogen"), minOverOgen)
	text("  Validate alone allocates nothing")
	for _, op := range r.ops {
		s, ok := r.get("Validate/" + op + "/generated")
		switch {
		case !ok:
			row("    "+op, "-", "not measured")
		case s.allocsPerOp == 0:
			row("    "+op, "0 allocs/op", "met")
		default:
			row("    "+op, strconv.FormatFloat(s.allocsPerOp, 'f', -1, 64)+" allocs/op", "not met")
		}
	}
	target(fmt.Sprintf("generated handler ≥ %d× the hand-written one", minHandlerGain), r.handlerOps(), handler("generated"), handler("nethttp"), minHandlerGain)
	return w.Flush()
}

// bound is the most a handler that does the work of parts (each a
// benchmark of one part of it) could gain over base: base's ns/op over the
// sum of the parts' (medians); "-" when one is missing.
func (r *results) bound(base string, parts ...string) string {
	b, ok := r.get(base)
	if !ok {
		return "-"
	}
	var sum float64
	for _, p := range parts {
		s, ok := r.get(p)
		if !ok {
			return "-"
		}
		sum += s.nsPerOp
	}
	if sum == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f×", b.nsPerOp/sum)
}

// handlerOps are the operations with a handler benchmark.
func (r *results) handlerOps() []string {
	var out []string
	for _, op := range r.ops {
		if _, ok := r.samples["Handler/"+op+"/generated"]; ok {
			out = append(out, op)
		} else if _, ok := r.samples["Handler/"+op+"/nethttp"]; ok {
			out = append(out, op)
		}
	}
	return out
}
