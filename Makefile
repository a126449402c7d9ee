# The two commands of the README: `make generate` runs apigen on the bundled
# seed docs; `make test` runs every check CI runs.
GO ?= go

.PHONY: generate test vet fmt-check unit generated-check spec-check fuzz bench

generate:
	$(GO) generate ./...

test: fmt-check vet unit generated-check spec-check

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*')); \
	if [ -n "$$out" ]; then echo "not gofmt'd:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./...

# The checked-in generated/ packages must be what `go generate` writes.
generated-check:
	$(GO) generate ./...
	@if [ -n "$$(git status --porcelain -- generated)" ]; then \
		echo "go generate changed generated/:"; git status --porcelain -- generated; git diff --stat -- generated; exit 1; fi

# Other ecosystems' tools on the published specs (redocly lint, openapi-typescript + tsc).
spec-check:
	scripts/check-specs.sh generated/*/openapi.yaml

FUZZTIME ?= 30s
fuzz:
	$(GO) test ./parser/ljson -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)

bench:
	$(GO) test ./generated/... -run '^$$' -bench . -benchmem
