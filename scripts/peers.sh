#!/usr/bin/env bash
# Run apigen on a public spec suite: ogen's own test specs (_testdata/positive
# and _testdata/examples of github.com/ogen-go/ogen at the pinned version,
# read from the module cache, never copied here) or the SPECs given. For each
# spec: apigen gen, go build, go vet of the output. Prints one line per spec,
# the generated / compiled / vetted counts and the W021 warnings by kind.
# Exits 1 when a spec apigen generated from does not compile or vet.
#
#   scripts/peers.sh [SPEC...]
set -euo pipefail

OGEN_VERSION=v1.24.0
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

specs=("$@")
if [ "${#specs[@]}" -eq 0 ]; then
	dir="$(cd "$REPO" && go mod download -json "github.com/ogen-go/ogen@$OGEN_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
	[ -d "$dir/_testdata" ] || { echo "peers: ogen $OGEN_VERSION has no _testdata in the module cache" >&2; exit 2; }
	for f in "$dir"/_testdata/positive/* "$dir"/_testdata/examples/*; do
		[ -f "$f" ] && specs+=("$f")
	done
fi

(cd "$REPO" && go build -o "$work/apigen" ./cmd/apigen)
printf 'module peers\n\ngo 1.26\n' >"$work/go.mod"
export GOFLAGS=-mod=mod GOWORK=off GOTOOLCHAIN=local

total=0 generated=0 compiled=0 vetted=0 broken=0
: >"$work/w021"
for spec in "${specs[@]}"; do
	name="p$(basename "$spec" | sed 's/\.[A-Za-z]*$//' | tr -cd 'A-Za-z0-9' | tr 'A-Z' 'a-z')"
	total=$((total + 1))
	g=FAIL b=- v=-
	if "$work/apigen" gen -spec "$spec" -o "$work/$name" -package "$name" >"$work/$name.log" 2>&1 || [ -f "$work/$name/types.go" ]; then
		if [ -f "$work/$name/types.go" ]; then
			g=ok generated=$((generated + 1))
			grep -o '\[W021\]$' -n "$work/$name.log" >/dev/null 2>&1 && grep 'W021' "$work/$name.log" | sed -E 's/^[^#]*#[^:]*: //; s/"[^"]*"/"…"/g; s/ [A-Z][A-Za-z0-9]+ \(/ NAME (/g' | cut -c1-70 >>"$work/w021" || true
			if (cd "$work" && go build "./$name/" >"$work/$name.build" 2>&1); then b=ok compiled=$((compiled + 1)); else b=FAIL; fi
			if (cd "$work" && go vet "./$name/" >"$work/$name.vet" 2>&1); then v=ok vetted=$((vetted + 1)); else v=FAIL; fi
			[ "$b" = ok ] && [ "$v" = ok ] || broken=$((broken + 1))
		fi
	fi
	printf '%-5s %-5s %-5s %s\n' "$g" "$b" "$v" "${spec#"${dir:-}/"}"
	if [ "$b" = FAIL ] || [ "$v" = FAIL ]; then
		grep -v '^#' "$work/$name.build" "$work/$name.vet" 2>/dev/null | head -3 | sed 's/^/      /'
	fi
done
echo
echo "specs $total  generated $generated  compiled $compiled  vetted $vetted"
echo "W021 by kind:"
sort "$work/w021" | uniq -c | sort -rn | head -20
[ "$broken" -eq 0 ]
