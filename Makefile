# The two commands of the README: `make generate` runs apigen on the bundled
# seed docs; `make test` runs every check CI runs.
GO ?= go

.PHONY: generate test vet fmt-check unit load examples-test generated-check spec-check client-check fuzz bench score score-floor peers bench-scale

generate:
	$(GO) generate ./...
	cd examples/downstream && $(GO) generate ./...
	cd examples/bench && $(GO) generate ./...

test: fmt-check vet unit load examples-test score generated-check spec-check client-check fuzz

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$out" ]; then echo "not gofmt'd:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The load tests (generated/waiqin/load_test.go) run on their own after
# the rest: their 64 workers would take the CPU from other packages'
# time-bounded tests, and the throughput and latency they log would measure
# those neighbours too. -v prints those figures.
LOADTESTS = ^(TestLoad|TestReplayStoreMemoryAtAMillion)
unit:
	$(GO) test -skip '$(LOADTESTS)' ./...

load:
	$(GO) test -run '$(LOADTESTS)' -v ./generated/waiqin

# The example modules with tests of their own. examples/redisreplay runs a
# redis-server of its own: make test installs one when it is missing and
# requires it (run the module's tests by hand without one and they skip).
# examples/bench checks that its contenders read each body alike.
examples-test:
	scripts/ensure-redis.sh
	cd examples/redisreplay && $(GO) vet ./... && APIGEN_REQUIRE_REDIS=1 $(GO) test ./...
	cd examples/bench && $(GO) vet ./... && $(GO) test ./...

# How well apigen reads the real pages of testdata/corpus against their
# hand-written ground truth; fails when a total drops below the committed
# floor. After an improvement, score-floor raises the floor to the new totals.
CORPUS = testdata/corpus
score:
	$(GO) run ./cmd/score -floor $(CORPUS)/score-floor.json $(CORPUS)

score-floor:
	$(GO) run ./cmd/score -write-floor $(CORPUS)/score-floor.json $(CORPUS)

# The checked-in generated/ packages, and ogen's code in examples/bench,
# must be what `go generate` writes.
generated-check:
	$(GO) generate ./...
	cd examples/bench && $(GO) generate ./...
	@if [ -n "$$(git status --porcelain -- generated examples/bench/ogenapi)" ]; then \
		echo "go generate changed generated/ or examples/bench/ogenapi:"; git status --porcelain -- generated examples/bench/ogenapi; \
		git diff --stat -- generated examples/bench/ogenapi; exit 1; fi

# Other ecosystems' tools on the published specs, 3.1 and 3.0 (redocly
# lint, spectral lint, openapi-typescript + tsc).
# The published specs, and the specs of the envelope and auth docs, whose
# security schemes the tools check.
spec-check:
	scripts/check-specs.sh generated/*/openapi.yaml generated/*/openapi.v30.yaml testdata/envelopes/*.golden.yaml testdata/auth/*.golden.yaml

# Other Go generators on the published 3.0 specs (oapi-codegen and ogen,
# which read nothing newer); what they generate must compile.
client-check:
	scripts/check-go-clients.sh generated/*/openapi.v30.yaml

# Each fuzz target runs for FUZZTIME; go test fuzzes one target at a time.
# New inputs are not minimised (FUZZMINIMIZETIME 0x), so a short run spends
# its time fuzzing: minimising under a time limit stops the worker when the
# limit runs out and starts a new one, and early in a run, when nearly
# every input is new, the workers did little else (FuzzPipeline ran about
# one input a second). A failure leaves its input, as found, in the
# package's testdata/fuzz/FuzzX/: commit it with the fix, and it runs with
# every `go test` from then on. scripts/fuzz.sh runs each target (and once
# more when Go's coordinator ends a run on its own deadline race).
FUZZTIME ?= 30s
FUZZMINIMIZETIME ?= 0x
fuzz: export FUZZTIME := $(FUZZTIME)
fuzz: export FUZZMINIMIZETIME := $(FUZZMINIMIZETIME)
fuzz: export GO := $(GO)
fuzz:
	scripts/fuzz.sh ./parser FuzzText
	scripts/fuzz.sh ./parser FuzzParse
	scripts/fuzz.sh ./parser FuzzMarkdown
	scripts/fuzz.sh ./parser FuzzHTML
	scripts/fuzz.sh ./parser/ljson FuzzParse
	scripts/fuzz.sh ./spec FuzzLoadData
	scripts/fuzz.sh ./spec FuzzPipeline
	scripts/fuzz.sh ./spec/oas FuzzReadInventory
	scripts/fuzz.sh ./spec/oas FuzzKinJSON
	scripts/fuzz.sh ./spec/oas FuzzJSONParts
	scripts/fuzz.sh ./spec/oas FuzzParseJSONDoc
	scripts/fuzz.sh ./generator/runtime FuzzDecode
	scripts/fuzz.sh ./generator/runtime FuzzSkipValue
	scripts/fuzz.sh ./generator/runtime FuzzPattern

# The documented request bodies decoded side by side (examples/bench):
# the generated types, encoding/json into a map and into a plain struct,
# kin-openapi's openapi3filter and ogen; Validate alone; the generated
# handler and a hand-written one. The whole set runs BENCHCOUNT rounds in
# a row, so that a slow spell of the machine falls on both sides of a
# ratio; cmd/benchtable copies the output, then prints each body's MB/s
# and allocs/op (medians), the ratios (medians of the rounds' ratios) and
# the targets, met or not met (it fails only when a benchmark does).
BENCHCOUNT ?= 3
BENCHTIME ?= 1s
bench:
	cd examples/bench && for i in $$(seq $(BENCHCOUNT)); do \
		$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) . || echo FAIL; \
	done | $(GO) run ./cmd/benchtable

# apigen on ogen's test suite (its pinned module's _testdata, from the
# module cache): gen, go build and go vet of every spec, with counts.
# Not part of make test, which compiles the shapes that failed here
# (generator's TestPeerRegressions) without a download.
peers:
	scripts/peers.sh

# Docs of 500, 2,000 and 10,000 endpoints, on one page and on pages of 100,
# through parse, spec, publish and generate: time per endpoint, in all and
# for each stage, and peak heap at each size; then objects 250 to 1,000
# fields wide and 10 to 40 deep: the same per field (all should stay flat);
# then the spec published for 2,000 and 10,000 endpoints loaded as gen -spec
# loads one, beside kin-openapi's loading of the same text.
bench-scale:
	$(GO) test ./cmd/apigen/internal/pipeline -run '^$$' -bench BenchmarkScale -benchtime 1x -benchmem
