#!/bin/sh
# Runs one fuzz target for FUZZTIME: scripts/fuzz.sh PACKAGE TARGET.
#
# Go's fuzzing coordinator can end a run limited by time with a bare
# "context deadline exceeded" and no failing input (golang/go#75804, fixed
# from go1.27): the deadline races a worker still busy with an input. Such
# a run says nothing of the code and is run once more; a failure that
# leaves an input in the package's testdata/fuzz/TARGET/ always fails.
set -u
pkg=$1 target=$2
dir=$pkg/testdata/fuzz/$target
count() { ls "$dir" 2>/dev/null | wc -l; }
for attempt in 1 2; do
	before=$(count)
	out=$(mktemp)
	${GO:-go} test "$pkg" -run '^$' -fuzztime "${FUZZTIME:-30s}" -fuzzminimizetime "${FUZZMINIMIZETIME:-0x}" -fuzz "^$target\$" 2>&1 | tee "$out"
	status=$?
	# tee's status is the pipe's; go test's is what counts.
	if grep -q '^ok' "$out" && ! grep -q '^FAIL' "$out"; then rm -f "$out"; exit 0; fi
	if [ "$(count)" -gt "$before" ] || ! grep -q 'context deadline exceeded' "$out"; then rm -f "$out"; exit 1; fi
	rm -f "$out"
	echo "fuzz: $target ended on Go's coordinator deadline race with no failing input; running it again" >&2
done
exit 1
