#!/usr/bin/env bash
# Generate Go from the same OpenAPI specs with apigen, oapi-codegen and ogen,
# and compare: does it generate, does the output compile, how many lines,
# how long did generation take. Not a test: it prints a table and exits 0
# unless the script itself could not run.
#
#   scripts/compare.sh [-t TOOLS] [-k] [SPEC...]
#
#   -t TOOLS  comma-separated subset of apigen,oapi-codegen,ogen (default: all)
#   -k        keep the work directory (generated code and logs) and print it
#   SPEC...   specs to use; default: testdata/specs/*.{yaml,yml,json},
#             testdata/golden/*.yaml, generated/*/openapi.yaml and the
#             GitHub, Kubernetes and OpenAI specs of ogen's _testdata
#             (the pinned module, from the module cache)
#
# The other generators are installed at pinned versions into a temporary
# GOBIN with `go install module@version`. Each tool's output is built with
# `go build ./...` in a temporary module of its own; oapi-codegen's and
# ogen's output get their runtime modules required at pinned versions.
# apigen is built once from this checkout and run as
# `apigen gen -spec SPEC -o DIR -package NAME`.
set -euo pipefail

OAPI_CODEGEN_VERSION=v2.8.2 # github.com/oapi-codegen/oapi-codegen/v2
OAPI_RUNTIME_VERSION=v1.8.0 # github.com/oapi-codegen/runtime, imported by its output
OGEN_VERSION=v1.24.0        # github.com/ogen-go/ogen, also the runtime of its output
STEP_TIMEOUT=${COMPARE_TIMEOUT:-900} # seconds allowed for one generation or one build

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
	sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

tools="apigen,oapi-codegen,ogen"
keep=0
while getopts "t:kh" opt; do
	case "$opt" in
	t) tools="$OPTARG" ;;
	k) keep=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))

IFS=',' read -r -a tool_list <<<"$tools"
for t in "${tool_list[@]}"; do
	case "$t" in
	apigen | oapi-codegen | ogen) ;;
	*)
		echo "compare: unknown tool: $t" >&2
		usage
		;;
	esac
done

specs=()
if [ "$#" -gt 0 ]; then
	for s in "$@"; do
		[ -f "$s" ] || { echo "compare: no such file: $s" >&2; exit 2; }
		specs+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")")
	done
else
	shopt -s nullglob
	for s in "$REPO"/testdata/specs/*.yaml "$REPO"/testdata/specs/*.yml "$REPO"/testdata/specs/*.json \
		"$REPO"/testdata/golden/*.yaml "$REPO"/generated/*/openapi.yaml; do
		specs+=("$s")
	done
	shopt -u nullglob
	# The big public specs, from the pinned ogen module's _testdata in the
	# module cache (downloaded when missing; never copied here).
	if ogen_dir="$(cd "$REPO" && go mod download -json "github.com/ogen-go/ogen@$OGEN_VERSION" 2>/dev/null | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" && [ -n "$ogen_dir" ]; then
		for s in api.github.com.json k8s.json openai-2.3.0.openapi.yaml; do
			[ -f "$ogen_dir/_testdata/examples/$s" ] && specs+=("$ogen_dir/_testdata/examples/$s")
		done
	fi
fi
[ "${#specs[@]}" -gt 0 ] || { echo "compare: no specs found" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/apigen-compare.XXXXXX")"
if [ "$keep" = 1 ]; then
	trap 'echo "compare: work directory kept: $work" >&2' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/bin" "$work/logs"
export GOBIN="$work/bin"
export GOWORK=off

log() { echo "compare: $*" >&2; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fs", b - a }'; }

# has_tool NAME: whether NAME was selected with -t.
has_tool() {
	local t
	for t in "${tool_list[@]}"; do [ "$t" = "$1" ] && return 0; done
	return 1
}

# install MODULE_PKG VERSION MODULE: go install PKG@VERSION into GOBIN. When
# the module proxy refuses the module's version list (which `go install
# pkg@version` reads to check for deprecation), install from a throwaway
# module that requires the same version instead.
install() {
	local pkg="$1" version="$2" module="$3" name
	name="$(basename "$pkg")"
	if go install "$pkg@$version" >"$work/logs/install-$name.log" 2>&1; then
		return 0
	fi
	local mod="$work/install-$name"
	mkdir -p "$mod"
	printf 'module install%s\n\ngo 1.26\n\nrequire %s %s\n' "${name//-/}" "$module" "$version" >"$mod/go.mod"
	(cd "$mod" && GOFLAGS="${GOFLAGS:-} -mod=mod" go install "$pkg") >>"$work/logs/install-$name.log" 2>&1
}

declare -A available
if has_tool oapi-codegen; then
	log "installing oapi-codegen $OAPI_CODEGEN_VERSION"
	if install github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen "$OAPI_CODEGEN_VERSION" github.com/oapi-codegen/oapi-codegen/v2; then
		available[oapi-codegen]=1
	else
		log "oapi-codegen install failed:"
		tail -5 "$work/logs/install-oapi-codegen.log" >&2
	fi
fi
if has_tool ogen; then
	log "installing ogen $OGEN_VERSION"
	if install github.com/ogen-go/ogen/cmd/ogen "$OGEN_VERSION" github.com/ogen-go/ogen; then
		available[ogen]=1
	else
		log "ogen install failed:"
		tail -5 "$work/logs/install-ogen.log" >&2
	fi
fi
if has_tool apigen; then
	log "building apigen from $REPO"
	if (cd "$REPO" && go build -o "$work/bin/apigen" ./cmd/apigen) >"$work/logs/build-apigen.log" 2>&1; then
		available[apigen]=1
	else
		log "apigen does not build:"
		tail -5 "$work/logs/build-apigen.log" >&2
	fi
fi

# ogen stops at the first construct it does not implement; let it skip
# those operations instead, so the table shows what it can generate.
printf 'generator:\n  ignore_not_implemented: ["all"]\n' >"$work/ogen.yml"

# pkgname SPEC: a Go package name from the spec's file name, or from its
# directory's name when the file is just openapi.* (generated/NAME/openapi.yaml).
pkgname() {
	local n
	n="$(basename "$1")"
	n="${n%.*}"
	[ "$n" = openapi ] && n="$(basename "$(dirname "$1")")"
	n="$(printf '%s' "$n" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9')"
	case "$n" in [a-z]*) ;; *) n="api$n" ;; esac
	printf '%s' "$n"
}

# generate TOOL SPEC DIR PKG: run one generator; its output goes to DIR.
generate() {
	local tool="$1" spec="$2" dir="$3" pkg="$4"
	mkdir -p "$dir"
	case "$tool" in
	apigen)
		(cd "$REPO" && timeout "$STEP_TIMEOUT" "$work/bin/apigen" gen -spec "$spec" -o "$dir" -package "$pkg")
		;;
	oapi-codegen)
		# It reads the go.mod around the output to check the Go version
		# its std-http server needs, so write that module first.
		write_gomod "$tool" "$dir" "$pkg"
		(cd "$dir" && timeout "$STEP_TIMEOUT" "$work/bin/oapi-codegen" -generate types,client,std-http \
			-package "$pkg" -o "$pkg.gen.go" "$spec")
		;;
	ogen)
		timeout "$STEP_TIMEOUT" "$work/bin/ogen" -config "$work/ogen.yml" \
			-target "$dir" -package "$pkg" -clean "$spec"
		;;
	esac
}

# write_gomod TOOL DIR PKG: the module the generated package is built in,
# requiring the runtime module its output imports, unless DIR has one.
write_gomod() {
	local tool="$1" dir="$2" pkg="$3"
	[ -f "$dir/go.mod" ] && return 0
	{
		printf 'module compare.example/%s\n\ngo 1.26\n' "$pkg"
		case "$tool" in
		oapi-codegen) printf '\nrequire github.com/oapi-codegen/runtime %s\n' "$OAPI_RUNTIME_VERSION" ;;
		ogen) printf '\nrequire github.com/ogen-go/ogen %s\n' "$OGEN_VERSION" ;;
		esac
	} >"$dir/go.mod"
}

# build TOOL DIR PKG: compile the generated package in a module of its own.
build() {
	local tool="$1" dir="$2" pkg="$3"
	write_gomod "$tool" "$dir" "$pkg"
	(cd "$dir" && timeout "$STEP_TIMEOUT" go mod tidy && timeout "$STEP_TIMEOUT" go build ./...)
}

# first_error LOG: the first line of LOG that looks like the reason.
first_error() {
	grep -v -E '^(go: (downloading|finding|found)|WARN|INFO)' "$1" |
		grep -m1 -i -E 'error|fail|cannot|undefined|unsupported|conflict|not implemented|panic|invalid|unknown' ||
		grep -v -E '^go: (downloading|finding|found)' "$1" | tail -1 || true
}

rows=()
notes=()
row() { rows+=("$(printf '%s\t' "$@")"); }
for tool in "${tool_list[@]}"; do
	if [ -z "${available[$tool]:-}" ]; then
		case "$tool" in
		apigen) reason="$(first_error "$work/logs/build-apigen.log" | cut -c1-300)" ;;
		*) reason="$(first_error "$work/logs/install-$tool.log" | cut -c1-300)" ;;
		esac
		notes+=("$tool: not available, every row is n/a: $reason")
	fi
done

n=0
for spec in "${specs[@]}"; do
	n=$((n + 1))
	name="${spec#"$REPO"/}"
	pkg="$(pkgname "$spec")"
	for tool in "${tool_list[@]}"; do
		id="$tool-$n-$pkg"
		dir="$work/out/$tool/$n-$pkg"
		if [ -z "${available[$tool]:-}" ]; then
			row "$tool" "$name" "n/a" "-" "-" "-" "-" "-"
			continue
		fi
		log "$tool: $name"
		t0="$(now)"
		gen="ok"
		genrc=0
		generate "$tool" "$spec" "$dir" "$pkg" >"$work/logs/$id.gen.log" 2>&1 || genrc=$?
		[ "$genrc" = 0 ] || gen="FAIL"
		t1="$(now)"
		gentime="$(elapsed "$t0" "$t1")"
		files=0
		lines=0
		if [ -d "$dir" ]; then
			files="$(find "$dir" -name '*.go' -type f | wc -l | tr -d ' ')"
			if [ "$files" -gt 0 ]; then
				lines="$(find "$dir" -name '*.go' -type f -print0 | xargs -0 cat | wc -l | tr -d ' ')"
			fi
		fi
		skipped=""
		if [ "$tool" = ogen ]; then
			# "Skipping operation ... reason_error": "..." -> "N x reason"
			skipped="$(grep 'Skipping operation' "$work/logs/$id.gen.log" |
				sed -n 's/.*"reason_error": "\([^"]*\)".*/\1/p' | sort | uniq -c |
				awk '{n=$1; $1=""; printf "%s%d x%s", (NR>1 ? "; " : ""), n, $0}' || true)"
		fi
		if [ "$gen" = FAIL ]; then
			reason="$(first_error "$work/logs/$id.gen.log" | cut -c1-300)"
			[ "$genrc" = 124 ] && reason="timed out after ${STEP_TIMEOUT}s"
			notes+=("$tool $name: generation failed (exit status $genrc): ${reason:-no output}")
			row "$tool" "$name" "FAIL" "-" "$files" "$lines" "$gentime" "-"
			continue
		fi
		if [ "$files" = 0 ]; then
			notes+=("$tool $name: no Go files generated")
			row "$tool" "$name" "ok" "-" 0 0 "$gentime" "-"
			continue
		fi
		t0="$(now)"
		if build "$tool" "$dir" "$pkg" >"$work/logs/$id.build.log" 2>&1; then
			compiles="yes"
		else
			compiles="NO"
			notes+=("$tool $name: build failed: $(first_error "$work/logs/$id.build.log" | cut -c1-300)")
		fi
		t1="$(now)"
		if [ -n "$skipped" ]; then
			notes+=("$tool $name: skipped operations: $skipped")
		fi
		row "$tool" "$name" "$gen" "$compiles" "$files" "$lines" "$gentime" "$(elapsed "$t0" "$t1")"
	done
done

echo
echo "apigen $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo '+dirty' || true)," \
	"oapi-codegen $OAPI_CODEGEN_VERSION (types,client,std-http; runtime $OAPI_RUNTIME_VERSION)," \
	"ogen $OGEN_VERSION (ignore_not_implemented: all), $(go version | awk '{print $3}')"
echo
{
	printf 'TOOL\tSPEC\tGENERATE\tCOMPILES\tFILES\tLINES\tGEN TIME\tBUILD TIME\t\n'
	for tool in "${tool_list[@]}"; do
		for r in "${rows[@]}"; do
			if [ "${r%%$'\t'*}" = "$tool" ]; then printf '%s\n' "$r"; fi
		done
	done
} | column -t -s $'\t'
if [ "${#notes[@]}" -gt 0 ]; then
	echo
	echo "Notes:"
	printf '  %s\n' "${notes[@]}"
fi
