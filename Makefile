# The two commands of the README. Each installs what is missing (scripts/bootstrap is
# idempotent and reuses the cache in $QUANTORCH_HOME) before doing its job.
QUANTORCH_HOME ?= $(HOME)/.cache/quantorch
export QUANTORCH_HOME
SWIFT_JOBS ?= 2
QUANTORCH := .build/debug/quantorch
DEMO_RECIPE ?= recipes/smollm2-demo.yaml

.PHONY: demo mixed test bootstrap build bench clean-results

bootstrap:
	scripts/bootstrap

build: bootstrap
	swift build -j $(SWIFT_JOBS)

demo: build
	scripts/demo

mixed: build
	scripts/mixed-demo

test: bootstrap
	swift build -j $(SWIFT_JOBS) --build-tests
	swift test -j $(SWIFT_JOBS) --skip-build --no-parallel

bench: build
	scripts/bench recipes/bench-smollm2.yaml
