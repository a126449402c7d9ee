#!/usr/bin/env bash
# Generate Go code from OpenAPI 3.0 specs with other Go generators, and
# compile it:
#
#   scripts/check-go-clients.sh SPEC...
#
# For each SPEC:
#   1. oapi-codegen (models and client) writes TMP/oapicodegen/NAME/client.go
#   2. ogen (client and server) writes TMP/ogen/NAME/
# Then everything is built as one Go module (go build ./...), whose only
# requirements are the generators' runtimes at the versions below.
#
# The generators run with `go run module@version`, and the runtimes come
# through the Go module proxy like any module: nothing is installed. Both
# generators read OpenAPI 3.0 only, so give them the 3.0 variants
# (openapi.v30.yaml). Every spec is tried; the failures are listed at the
# end and the exit status is 1 if any. Works from any directory; SPEC paths
# are taken relative to the caller's. At most CHECK_SPECS_MAX_LINES
# (default 40) lines are printed per problem list.
set -euo pipefail

OAPI_CODEGEN=github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2
OAPI_RUNTIME=github.com/oapi-codegen/runtime@v1.9.0
OGEN=github.com/ogen-go/ogen/cmd/ogen@v1.24.0
OGEN_RUNTIME=github.com/ogen-go/ogen@v1.24.0 # the generated code imports the generator's own module

usage() {
	echo "usage: $0 SPEC..." >&2
	exit 2
}
[ "$#" -ge 1 ] || usage
case "$1" in -h | --help) usage ;; esac

specs=()
for s in "$@"; do
	if [ ! -f "$s" ]; then
		echo "check-go-clients: no such file: $s" >&2
		exit 2
	fi
	specs+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")")
done
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/check-go-clients.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mod="$tmp/mod"
mkdir -p "$mod"

max_lines="${CHECK_SPECS_MAX_LINES:-40}"
cap() { awk -v max="$max_lines" 'NR <= max { print } END { if (NR > max) printf "      ... %d more lines\n", NR - max }'; }

# Component schemas named XResponse are common in vendor APIs (the
# envelope of operation X), and oapi-codegen names its own wrapper of an
# operation's HTTP response XResponse too; its response-type-suffix option
# exists for that clash.
cat >"$tmp/oapi-codegen.yaml" <<'EOF'
generate:
  models: true
  client: true
output-options:
  response-type-suffix: HTTPResponse
EOF

failures=()
packages=()
n=0
for spec in "${specs[@]}"; do
	n=$((n + 1))
	name="${spec#"$REPO"/}"
	# The package is named after the spec's directory (generated/waiqin/
	# openapi.v30.yaml: waiqin), made a Go identifier and unique.
	pkg="$(basename "$(dirname "$spec")" | tr -c 'a-zA-Z0-9_\n' '_' | tr 'A-Z' 'a-z')"
	case "$pkg" in [a-z_]*) ;; *) pkg="p$pkg" ;; esac
	pkg="${pkg}_$n"
	log="$tmp/$n.log"

	# 1. oapi-codegen
	mkdir -p "$mod/oapicodegen/$pkg"
	if go run "$OAPI_CODEGEN" -config "$tmp/oapi-codegen.yaml" -package "$pkg" -o "$mod/oapicodegen/$pkg/client.go" "$spec" >"$log" 2>&1; then
		echo "ok    $name: oapi-codegen ($(wc -l <"$mod/oapicodegen/$pkg/client.go") lines)"
		packages+=("oapicodegen/$pkg:$name: oapi-codegen")
	else
		echo "FAIL  $name: oapi-codegen"
		sed '/^[[:space:]]*$/d; s/^/      /' "$log" | cap
		failures+=("$name: oapi-codegen")
		rm -rf "$mod/oapicodegen/$pkg"
	fi

	# 2. ogen; its warnings (a validator it cannot apply to a type it
	# maps, such as a pattern on a date) are counted, not failures.
	if go run "$OGEN" -target "$mod/ogen/$pkg" -package "$pkg" -clean -loglevel warn "$spec" >"$log" 2>&1; then
		warnings="$(grep -c -E '^WARN' "$log" || true)"
		echo "ok    $name: ogen ($(cat "$mod/ogen/$pkg"/*.go | wc -l) lines, ${warnings} warnings)"
		packages+=("ogen/$pkg:$name: ogen")
	else
		echo "FAIL  $name: ogen"
		grep -v -E '^(INFO|WARN)' "$log" | sed '/^[[:space:]]*$/d; s/^/      /' | cap
		failures+=("$name: ogen")
		rm -rf "$mod/ogen/$pkg"
	fi
done

# 3. One module, the runtimes at the pinned versions, every package built.
if [ "${#packages[@]}" -gt 0 ]; then
	(
		cd "$mod"
		go mod init apigen.check/clients >/dev/null 2>&1
		go get "$OAPI_RUNTIME" "$OGEN_RUNTIME" >"$tmp/get.log" 2>&1 &&
			go mod tidy >>"$tmp/get.log" 2>&1
	) || {
		echo "FAIL  the generators' runtimes could not be resolved ($OAPI_RUNTIME, $OGEN_RUNTIME):"
		sed 's/^/      /' "$tmp/get.log" | cap
		exit 1
	}
	for entry in "${packages[@]}"; do
		dir="${entry%%:*}"
		what="${entry#*:}"
		if (cd "$mod" && go build "./$dir") >"$tmp/build.log" 2>&1; then
			echo "ok    $what: go build"
		else
			echo "FAIL  $what: go build"
			grep -v '^#' "$tmp/build.log" | sed "s|$mod/||; s/^/      /" | cap
			failures+=("$what: go build")
		fi
	done
fi

if [ "${#failures[@]}" -gt 0 ]; then
	echo
	echo "check-go-clients: ${#failures[@]} failure(s) in ${#specs[@]} spec(s):"
	printf '  %s\n' "${failures[@]}"
	exit 1
fi
echo "check-go-clients: ${#specs[@]} spec(s) generated and compiled with oapi-codegen and ogen"
