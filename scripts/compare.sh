#!/usr/bin/env bash
# Generate Go from the same OpenAPI specs with apigen, oapi-codegen and ogen,
# and compare: does it generate, does the output compile and vet, how many
# lines, and how long and how much memory generating and compiling take.
# Not a test: it prints a table and exits 0 unless the script itself could
# not run.
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
# GOBIN with `go install module@version`. apigen is built once from this
# checkout and run as `apigen gen -spec SPEC -o DIR -package NAME`. Each
# tool's output is built in a temporary module of its own; oapi-codegen's
# and ogen's output get their runtime modules required at pinned versions.
#
# Measures (GNU time, /usr/bin/time -f '%e %M'): wall time and peak RSS of
# the generator, and of `go build ./...` of its output. %M is the largest
# RSS of the command and every descendant it waited for, so for go build it
# is the biggest compile process's (or the go command's, when larger).
# The builds share a build cache of their own (GOCACHE in the work
# directory). Before each timed build, the standard library and the runtime
# modules the output imports are built into it, untimed (`go build` of the
# packages `go list -deps ./...` names outside the generated module), so
# the timed build compiles the generated package alone: no two outputs are
# alike, so none is ever in the cache. `go mod tidy` before it and `go vet
# ./...` after it run untimed. The table has a row per spec and tool,
# then, with both apigen and ogen selected, their ratio (apigen/ogen) for
# each measure. On a busy machine compare ratios from the same run.
set -euo pipefail

OAPI_CODEGEN_VERSION=v2.8.2 # github.com/oapi-codegen/oapi-codegen/v2
OAPI_RUNTIME_VERSION=v1.8.0 # github.com/oapi-codegen/runtime, imported by its output
OGEN_VERSION=v1.24.0        # github.com/ogen-go/ogen, also the runtime of its output
STEP_TIMEOUT=${COMPARE_TIMEOUT:-900} # seconds allowed for one generation or one build

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
	# The comment block at the top of this file.
	awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "${BASH_SOURCE[0]}" >&2
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

# GNU time, for the wall time and peak RSS (%M) of each step.
if ! /usr/bin/time -f '%M' true >/dev/null 2>&1; then
	echo "compare: needs GNU time as /usr/bin/time (Debian: apt-get install time)" >&2
	exit 2
fi

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

# timed OUT CMD...: run CMD under GNU time, which writes "SECONDS MAX_RSS_KB"
# as the last line of OUT (after a "Command exited with non-zero status"
# line when CMD fails); returns CMD's exit status.
timed() {
	local out="$1"
	shift
	/usr/bin/time -o "$out" -f '%e %M' "$@"
}

# secs OUT / mb OUT: the wall time (s) and peak RSS (MiB) that timed wrote.
secs() { tail -1 "$1" 2>/dev/null | awk 'NF == 2 && $1 ~ /^[0-9.]+$/ { printf "%.2f", $1; ok = 1 } END { if (!ok) printf "-" }'; }
mb() { tail -1 "$1" 2>/dev/null | awk 'NF == 2 && $2 ~ /^[0-9]+$/ { printf "%d", $2 / 1024 + 0.5; ok = 1 } END { if (!ok) printf "-" }'; }

# generate TOOL SPEC DIR PKG TIMES: run one generator under timed (TIMES
# gets its figures); its output goes to DIR.
generate() {
	local tool="$1" spec="$2" dir="$3" pkg="$4" times="$5"
	mkdir -p "$dir"
	case "$tool" in
	apigen)
		(cd "$REPO" && timed "$times" timeout "$STEP_TIMEOUT" "$work/bin/apigen" gen -spec "$spec" -o "$dir" -package "$pkg")
		;;
	oapi-codegen)
		# It reads the go.mod around the output to check the Go version
		# its std-http server needs, so write that module first.
		write_gomod "$tool" "$dir" "$pkg"
		(cd "$dir" && timed "$times" timeout "$STEP_TIMEOUT" "$work/bin/oapi-codegen" -generate types,client,std-http \
			-package "$pkg" -o "$pkg.gen.go" "$spec")
		;;
	ogen)
		timed "$times" timeout "$STEP_TIMEOUT" "$work/bin/ogen" -config "$work/ogen.yml" \
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

# build TOOL DIR PKG TIMES: compile the generated package in a module of its
# own, with its dependencies already in the build cache; only the go build
# of the package is timed (into TIMES).
build() {
	local tool="$1" dir="$2" pkg="$3" times="$4" deps
	write_gomod "$tool" "$dir" "$pkg"
	(
		cd "$dir"
		export GOCACHE="$work/gocache"
		# errexit does not apply here (the caller tests the status), hence
		# the explicit exits.
		timeout "$STEP_TIMEOUT" go mod tidy || exit
		deps="$(go list -deps -f '{{if or (not .Module) (not .Module.Main)}}{{.ImportPath}}{{end}}' ./...)" || exit
		echo "compare: building the dependencies first, untimed: $(printf '%s\n' "$deps" | wc -l | tr -d ' ') packages"
		# shellcheck disable=SC2086 # one import path per word
		timeout "$STEP_TIMEOUT" go build $deps || exit
		echo "compare: timed: go build ./..."
		timed "$times" timeout "$STEP_TIMEOUT" go build ./...
	)
}

# vet DIR: go vet the generated package (after build, so its dependencies
# are in the cache).
vet() {
	(cd "$1" && GOCACHE="$work/gocache" timeout "$STEP_TIMEOUT" go vet ./...)
}

# first_error LOG: the first line of LOG that looks like the reason.
first_error() {
	grep -v -E '^(go: (downloading|finding|found)|WARN|INFO|compare: )' "$1" |
		grep -m1 -i -E 'error|fail|cannot|undefined|unsupported|conflict|not implemented|panic|invalid|unknown|killed|signal' ||
		grep -v -E '^(go: (downloading|finding|found)|compare: )' "$1" | tail -1 || true
}

# w021_kinds LOG: apigen's W021 warnings in LOG, counted by kind: the
# message without its position and JSON pointer, the names it quotes and
# the routes it names ("N x message; ...").
w021_kinds() {
	grep '\[W021\]$' "$1" |
		sed -E 's/^.*: warning: #[^ ]*: //; s/ \[W021\]$//; s/"[^"]*"/"…"/g' |
		sed -E 's/^NewHandler does not serve [A-Z]+ [^ ]*: /NewHandler does not serve a route: /;
			s/refuses the route: .*/refuses the route/; s/that of [^ ]+ \([^)]*\)/that of another operation/;
			s/: [^ ]+ \([^)]*\) has the same route/: another operation has the same route/' |
		sort | uniq -c | sort -k1,1nr -k2 |
		awk '{n=$1; $1=""; printf "%s%d x%s", (NR>1 ? "; " : ""), n, $0}' || true
}

# Figures per "TOOL SPEC_NUMBER", for the table and the ratio rows.
declare -A gen_ok build_ok vet_ok nlines gen_s gen_mb build_s build_mb
notes=()
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
	name="${name##*/_testdata/}"
	pkg="$(pkgname "$spec")"
	for tool in "${tool_list[@]}"; do
		k="$tool $n"
		id="$tool-$n-$pkg"
		dir="$work/out/$tool/$n-$pkg"
		gen_ok[$k]="-" build_ok[$k]="-" vet_ok[$k]="-" nlines[$k]="-"
		gen_s[$k]="-" gen_mb[$k]="-" build_s[$k]="-" build_mb[$k]="-"
		if [ -z "${available[$tool]:-}" ]; then
			gen_ok[$k]="n/a"
			continue
		fi
		log "$tool: $name"
		genrc=0
		generate "$tool" "$spec" "$dir" "$pkg" "$work/logs/$id.gen.time" >"$work/logs/$id.gen.log" 2>&1 || genrc=$?
		gen_s[$k]="$(secs "$work/logs/$id.gen.time")"
		gen_mb[$k]="$(mb "$work/logs/$id.gen.time")"
		files=0
		if [ -d "$dir" ]; then
			files="$(find "$dir" -name '*.go' -type f | wc -l | tr -d ' ')"
			if [ "$files" -gt 0 ]; then
				nlines[$k]="$(find "$dir" -name '*.go' -type f -print0 | xargs -0 cat | wc -l | tr -d ' ')"
			fi
		fi
		case "$tool" in
		ogen)
			# "Skipping operation ... reason_error": "..." -> "N x reason"
			skipped="$(grep 'Skipping operation' "$work/logs/$id.gen.log" |
				sed -n 's/.*"reason_error": "\([^"]*\)".*/\1/p' | sort | uniq -c |
				awk '{n=$1; $1=""; printf "%s%d x%s", (NR>1 ? "; " : ""), n, $0}' || true)"
			[ -z "$skipped" ] || notes+=("$tool $name: skipped operations: $skipped")
			;;
		apigen)
			w021="$(w021_kinds "$work/logs/$id.gen.log")"
			[ -z "$w021" ] || notes+=("$tool $name: W021 (not generated, or generated as less): $w021")
			;;
		esac
		if [ "$genrc" != 0 ]; then
			gen_ok[$k]="n"
			reason="$(first_error "$work/logs/$id.gen.log" | cut -c1-300)"
			[ "$genrc" = 124 ] && reason="timed out after ${STEP_TIMEOUT}s"
			notes+=("$tool $name: generation failed (exit status $genrc): ${reason:-no output}")
			continue
		fi
		gen_ok[$k]="y"
		if [ "$files" = 0 ]; then
			notes+=("$tool $name: no Go files generated")
			continue
		fi
		log "$tool: $name: go build"
		buildrc=0
		build "$tool" "$dir" "$pkg" "$work/logs/$id.build.time" >"$work/logs/$id.build.log" 2>&1 || buildrc=$?
		if [ "$buildrc" = 0 ]; then
			build_ok[$k]="y"
			build_s[$k]="$(secs "$work/logs/$id.build.time")"
			build_mb[$k]="$(mb "$work/logs/$id.build.time")"
		else
			build_ok[$k]="n"
			reason="$(first_error "$work/logs/$id.build.log" | cut -c1-300)"
			[ "$buildrc" = 124 ] && reason="timed out after ${STEP_TIMEOUT}s"
			notes+=("$tool $name: build failed (exit status $buildrc): $reason")
			continue
		fi
		log "$tool: $name: go vet"
		if vet "$dir" >"$work/logs/$id.vet.log" 2>&1; then
			vet_ok[$k]="y"
		else
			vet_ok[$k]="n"
			notes+=("$tool $name: go vet: $(first_error "$work/logs/$id.vet.log" | cut -c1-300)")
		fi
	done
done

# ratio A B: A/B to two places, or "-" when either is not a positive number.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { printf "-"; exit }
		printf "%.2f", a / b
	}'
}

echo
echo "apigen $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO" && [ -n "$(git status --porcelain 2>/dev/null)" ] && echo '+dirty' || true)," \
	"oapi-codegen $OAPI_CODEGEN_VERSION (types,client,std-http; runtime $OAPI_RUNTIME_VERSION)," \
	"ogen $OGEN_VERSION (ignore_not_implemented: all), $(go version | awk '{print $3}')," \
	"$(nproc 2>/dev/null || echo '?') CPUs"
echo
{
	printf 'SPEC\tTOOL\tGENERATED\tCOMPILED\tVET\tLINES\tGEN S\tGEN MB\tBUILD S\tBUILD MB\n'
	n=0
	for spec in "${specs[@]}"; do
		n=$((n + 1))
		name="${spec#"$REPO"/}"
		name="${name##*/_testdata/}"
		for tool in "${tool_list[@]}"; do
			k="$tool $n"
			printf '%s\t' "$name" "$tool" "${gen_ok[$k]}" "${build_ok[$k]}" "${vet_ok[$k]}" "${nlines[$k]}" \
				"${gen_s[$k]}" "${gen_mb[$k]}" "${build_s[$k]}"
			printf '%s\n' "${build_mb[$k]}"
		done
		if has_tool apigen && has_tool ogen; then
			a="apigen $n" o="ogen $n"
			printf '%s\t' "$name" "apigen/ogen" "-" "-" "-" "$(ratio "${nlines[$a]}" "${nlines[$o]}")" \
				"$(ratio "${gen_s[$a]}" "${gen_s[$o]}")" "$(ratio "${gen_mb[$a]}" "${gen_mb[$o]}")" \
				"$(ratio "${build_s[$a]}" "${build_s[$o]}")"
			printf '%s\n' "$(ratio "${build_mb[$a]}" "${build_mb[$o]}")"
		fi
	done
} | column -t -s $'\t'
if [ "${#notes[@]}" -gt 0 ]; then
	echo
	echo "Notes:"
	printf '  %s\n' "${notes[@]}"
fi
