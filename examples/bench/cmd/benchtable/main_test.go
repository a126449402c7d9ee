package main

import (
	"bytes"
	"strings"
	"testing"
)

const output = `goos: linux
pkg: example.com/bench
BenchmarkDecode/startPlan/generated-2         	  112297	      1000 ns/op	  48.00 MB/s	     728 B/op	      15 allocs/op
BenchmarkDecode/startPlan/generated-2         	  112297	      3000 ns/op	  16.00 MB/s	     728 B/op	      15 allocs/op
BenchmarkDecode/startPlan/generated-2         	  112297	      2000 ns/op	  24.00 MB/s	     728 B/op	      15 allocs/op
BenchmarkDecode/startPlan/plain-2             	  114474	      8000 ns/op	   6.00 MB/s	     280 B/op	       7 allocs/op
BenchmarkDecode/startPlan/ogen-2              	  636999	      1000 ns/op	  48.00 MB/s	     160 B/op	       4 allocs/op
BenchmarkValidate/startPlan/generated-2       	21297544	        10.89 ns/op	4407.65 MB/s	       0 B/op	       0 allocs/op
BenchmarkHandler/startPlan/generated-2        	   12396	     10000 ns/op	   4.80 MB/s	    3793 B/op	      61 allocs/op
BenchmarkHandler/startPlan/nethttp-2          	   28230	     20000 ns/op	   2.40 MB/s	    2080 B/op	      23 allocs/op
BenchmarkHandler/startPlan/floor-2            	 1898511	      5000 ns/op	   9.60 MB/s	    1024 B/op	       9 allocs/op
BenchmarkHandler/startPlan/verify-2           	 1898511	      3000 ns/op	  16.00 MB/s	     256 B/op	       3 allocs/op
BenchmarkDecode/customerInfo/generated        	   87480	      2000 ns/op	   5.50 MB/s	     632 B/op	      10 allocs/op
BenchmarkValidate/customerInfo/generated      	92067748	         2.750 ns/op	3999.33 MB/s	       8 B/op	       1 allocs/op
PASS
ok  	example.com/bench	10.857s
`

func TestTable(t *testing.T) {
	var copied, table bytes.Buffer
	res, err := read(strings.NewReader(output), &copied)
	if err != nil {
		t.Fatal(err)
	}
	if copied.String() != output {
		t.Errorf("the input is not copied as it is:\n%s", copied.String())
	}
	if err := res.write(&table); err != nil {
		t.Fatal(err)
	}
	// Columns are compared with their padding made one space.
	got := strings.Join(strings.Fields(strings.ReplaceAll(table.String(), "\n", " | ")), " ")
	for _, want := range []string{
		// The median of three samples (24 MB/s), the body's size from it,
		// a missing contender, the ratios of ns/op.
		"startPlan 48 24.00 6.00 - 48.00 - 4.00× 0.50× |",
		"customerInfo 11 5.50 - - - - - - |",
		"startPlan 15 7 - 4 - |",
		// GOMAXPROCS 1: no suffix on the name.
		"customerInfo 2.8 1 - - - |",
		// The bound of floor and verify: 20000 / (5000 + 3000).
		"startPlan 4.80 61 2.40 23 9.60 16.00 2.00× 4.00× 2.50× |",
		// Targets: at least 3×, ahead of ogen, no allocation, at least 2×.
		"plain struct | startPlan 4.00× met | customerInfo - not measured |",
		"ahead of ogen | startPlan 0.50× not met |",
		"nothing | startPlan 0 allocs/op met | customerInfo 1 allocs/op not met |",
		"the hand-written one | startPlan 2.00× met |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks %q in\n%s", want, table.String())
		}
	}
}

func TestFailures(t *testing.T) {
	for _, in := range []string{
		"",
		"PASS\nok  \texample.com/bench\t0.1s\n",
		"BenchmarkDecode/a/generated-2 \t 10 \t 100 ns/op\n--- FAIL: BenchmarkDecode/a/plain\nFAIL\n",
		"# example.com/bench_test\n./bench_test.go:1:1: syntax error\nFAIL\texample.com/bench [build failed]\n",
	} {
		if _, err := read(strings.NewReader(in), &bytes.Buffer{}); err == nil {
			t.Errorf("no error for %q", in)
		}
	}
}

func TestParseLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		name string
		ok   bool
	}{
		{"BenchmarkDecode/startPlan/ogen-2  636999  791.8 ns/op  60.62 MB/s  160 B/op  4 allocs/op", "Decode/startPlan/ogen", true},
		{"BenchmarkDecode/startPlan/ogen  636999  791.8 ns/op", "Decode/startPlan/ogen", true},
		{"BenchmarkDecode/startPlan/ogen-2", "", false},
		{"BenchmarkDecode/startPlan/ogen-2 --- FAIL: x", "", false},
		{"goos: linux", "", false},
	} {
		name, _, ok := parseLine(tt.line)
		if name != tt.name || ok != tt.ok {
			t.Errorf("parseLine(%q) = %q, %v; want %q, %v", tt.line, name, ok, tt.name, tt.ok)
		}
	}
}

// A ratio pairs the samples of one round when each side has as many:
// the third round, slow for a and not for b, counts as one round of three.
func TestRatioPairsRounds(t *testing.T) {
	ns := func(v ...float64) []sample {
		var out []sample
		for _, x := range v {
			out = append(out, sample{nsPerOp: x})
		}
		return out
	}
	r := &results{samples: map[string][]sample{
		"a": ns(100, 1000, 100),
		"b": ns(300, 3000, 3000),
		"c": ns(300, 3000),
	}}
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"a", "b", 3},    // rounds: 3, 3, 30
		{"a", "c", 16.5}, // no pairs: medians 100 and 1650
	} {
		if got, ok := r.ratio(tt.a, tt.b); !ok || got != tt.want {
			t.Errorf("ratio(%s, %s) = %v, %v; want %v", tt.a, tt.b, got, ok, tt.want)
		}
	}
}
