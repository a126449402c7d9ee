#!/usr/bin/env bash
# Check OpenAPI specs with other ecosystems' tools, pinned in package.json
# and package-lock.json:
#
#   scripts/check-specs.sh SPEC...
#
# For each SPEC:
#   1. npx redocly lint --config redocly.yaml SPEC      (zero errors required;
#      redocly.yaml is the recommended set, unchanged)
#   2. npx spectral lint --ruleset .spectral.yaml SPEC  (zero errors required;
#      .spectral.yaml is spectral:oas)
#   3. npx openapi-typescript SPEC -o TMP/NAME.ts, then
#      npx tsc (strict, no emit) over the generated .ts (must compile)
#
# The tools are installed with `npm ci` into the repo's node_modules when
# they are missing or when package.json / package-lock.json changed since
# the last install; otherwise nothing is installed. Every spec is checked;
# the failures are listed at the end and the exit status is 1 if any.
# Works from any directory; SPEC paths are taken relative to the caller's.
# At most CHECK_SPECS_MAX_LINES (default 40) lines are printed per problem
# list.
set -euo pipefail

usage() {
	echo "usage: $0 SPEC..." >&2
	exit 2
}
[ "$#" -ge 1 ] || usage
case "$1" in -h | --help) usage ;; esac

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Resolve the specs against the caller's directory before moving to REPO.
specs=()
for s in "$@"; do
	if [ ! -f "$s" ]; then
		echo "check-specs: no such file: $s" >&2
		exit 2
	fi
	specs+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")")
done

cd "$REPO"

export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export NPM_CONFIG_UPDATE_NOTIFIER=false
export NPM_CONFIG_FUND=false
export NPM_CONFIG_AUDIT=false

command -v node >/dev/null || { echo "check-specs: node is not installed" >&2; exit 2; }
command -v npm >/dev/null || { echo "check-specs: npm is not installed" >&2; exit 2; }

# --- install (npm ci) when missing or stale ---------------------------------
stamp=node_modules/.check-specs.stamp
want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) node-$(node --version)"
have=""
[ -f "$stamp" ] && have="$(cat "$stamp")"
if [ "$have" != "$want" ] ||
	[ ! -x node_modules/.bin/redocly ] ||
	[ ! -x node_modules/.bin/spectral ] ||
	[ ! -x node_modules/.bin/openapi-typescript ] ||
	[ ! -x node_modules/.bin/tsc ]; then
	echo "check-specs: installing pinned tools (npm ci)" >&2
	npm ci --no-audit --no-fund --loglevel=error >&2
	echo "$want" >"$stamp"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/check-specs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# openapi-typescript lints the spec again with whatever redocly config it
# finds; give it the minimal one so it only stops on broken documents and
# the style rules are reported once, by redocly lint above.
printf 'extends:\n  - minimal\n' >"$tmp/redocly-minimal.yaml"

# Print at most CHECK_SPECS_MAX_LINES (default 40) lines of a report.
max_lines="${CHECK_SPECS_MAX_LINES:-40}"
cap() { awk -v max="$max_lines" 'NR <= max { print } END { if (NR > max) printf "      ... %d more lines\n", NR - max }'; }

# Strip the boxed banners redocly prints on every run (Node.js deprecation
# notices and the like) and npm's complaint about this machine's npmrc, so
# the report shows the problems only.
clean() { grep -v -E '^[[:space:]]*[╔║╚]|^npm warn Unknown user config' || true; }

# tsconfig prints the compiler settings for one openapi-typescript output:
# strict, and with no ambient types. The .ts stands alone, and tsc would
# otherwise load every @types package in node_modules (Spectral brings
# @types/node, which does not resolve under tsc's default settings).
tsconfig() {
	printf '{"compilerOptions": {"strict": true, "noEmit": true, "target": "es2022", "types": []}, "files": ["%s"]}\n' "$1"
}

failures=()
n=0
for spec in "${specs[@]}"; do
	n=$((n + 1))
	name="${spec#"$REPO"/}"
	base="$(basename "$spec")"
	base="${base%.*}"
	ts="$tmp/$n-${base//[^A-Za-z0-9_-]/_}.ts"
	log="$tmp/$n.log"

	# 1. redocly lint: the exit status is non-zero only for errors.
	if npx --no -- redocly lint --config redocly.yaml --format=stylish "$spec" >"$log" 2>&1; then
		warnings="$(grep -c -E '^[[:space:]]+[0-9]+:[0-9]+[[:space:]]+warning' "$log" || true)"
		echo "ok    $name: redocly lint (${warnings} warnings)"
		if [ "$warnings" != "0" ]; then
			grep -E '^[[:space:]]+[0-9]+:[0-9]+[[:space:]]+warning' "$log" | sed 's/^/      /' | cap
		fi
	else
		summary="$(grep -o -E 'failed with .*[0-9]+ (errors?|warnings?)' "$log" | sed 's/^failed with //' || true)"
		echo "FAIL  $name: redocly lint (${summary:-see below})"
		if grep -q -E '^[[:space:]]+[0-9]+:[0-9]+[[:space:]]+error' "$log"; then
			# The problems themselves: rule and message, errors only.
			grep -E '^[[:space:]]+[0-9]+:[0-9]+[[:space:]]+error' "$log" | sed 's/^[[:space:]]*/      /' | cap
		else
			# No problem list (the tool itself failed): show what it said.
			clean <"$log" | sed '/^[[:space:]]*$/d; s/^/      /' | cap
		fi
		failures+=("$name: redocly lint")
	fi

	# 2. spectral lint: the exit status is non-zero only for errors.
	if npx --no -- spectral lint --ruleset .spectral.yaml --format text --fail-severity error "$spec" >"$log" 2>&1; then
		warnings="$(grep -c -E '^[^ ]+:[0-9]+:[0-9]+ warning ' "$log" || true)"
		echo "ok    $name: spectral lint (${warnings} warnings)"
		if [ "$warnings" != "0" ]; then
			grep -E '^[^ ]+:[0-9]+:[0-9]+ warning ' "$log" | sed "s|^$spec:|      |" | cap
		fi
	else
		errors="$(grep -c -E '^[^ ]+:[0-9]+:[0-9]+ error ' "$log" || true)"
		echo "FAIL  $name: spectral lint (${errors} errors)"
		if [ "$errors" != "0" ]; then
			grep -E '^[^ ]+:[0-9]+:[0-9]+ error ' "$log" | sed "s|^$spec:|      |" | cap
		else
			clean <"$log" | sed '/^[[:space:]]*$/d; s/^/      /' | cap
		fi
		failures+=("$name: spectral lint")
	fi

	# 3. openapi-typescript, then tsc --strict over its output.
	if ! npx --no -- openapi-typescript "$spec" -o "$ts" --redocly "$tmp/redocly-minimal.yaml" >"$log" 2>&1; then
		echo "FAIL  $name: openapi-typescript"
		clean <"$log" | grep -v -E '^[[:space:]]*(⚠|✨)' | sed '/^[[:space:]]*$/d; s/^/      /' | cap
		failures+=("$name: openapi-typescript")
	elif ! tsconfig "$ts" >"$ts.json" || ! npx --no -- tsc --project "$ts.json" --pretty false >"$log" 2>&1; then
		echo "FAIL  $name: tsc --strict on the openapi-typescript output"
		tsname="$(basename "$ts")"
		clean <"$log" | sed "s|[^ (]*/$tsname|$tsname|; s/^/      /" | cap
		failures+=("$name: tsc")
	else
		echo "ok    $name: openapi-typescript + tsc --strict ($(wc -l <"$ts") lines of .ts)"
	fi
done

if [ "${#failures[@]}" -gt 0 ]; then
	echo
	echo "check-specs: ${#failures[@]} failure(s) in ${#specs[@]} spec(s):"
	printf '  %s\n' "${failures[@]}"
	exit 1
fi
echo "check-specs: ${#specs[@]} spec(s) passed"
