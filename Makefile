# The two commands of the README. Each installs what is missing (scripts/bootstrap is
# idempotent and reuses the cache in $QUANTORCH_HOME) before doing its job.
QUANTORCH_HOME ?= $(HOME)/.cache/quantorch
export QUANTORCH_HOME
SWIFT_JOBS ?= 2
QUANTORCH := .build/debug/quantorch

.PHONY: demo mixed mixes suite-demo test bootstrap build bench simulate clean-results

bootstrap:
	scripts/bootstrap

build: bootstrap
	swift build -j $(SWIFT_JOBS)

demo: build
	scripts/demo

mixed: build
	scripts/mixed-demo

mixes: build
	scripts/mixes-demo

# A suite built from the fixture's training data (quantorch suite init), then a ladder run on it.
suite-demo: build
	scripts/suite-demo

# The Slurm tests need a cluster: scripts/slurm-local brings up a one-node one (as root) and
# prints the daemons it started, which are the only ones stopped afterwards.
test: bootstrap
	swift build -j $(SWIFT_JOBS) --build-tests
	@started=$$(scripts/slurm-local up) || exit 1; \
	status=0; swift test -j $(SWIFT_JOBS) --skip-build --no-parallel || status=$$?; \
	scripts/slurm-local stop $$started; exit $$status

bench: build
	scripts/bench recipes/bench-smollm2.yaml

# The verdict rule's error rates by simulation (docs/VERDICT.md): P(CLOSE) per true value and
# suite size; exits 1 when a controlled cell beyond its margin is CLOSE more than 5 % of the time.
simulate:
	swift build -j $(SWIFT_JOBS) --product verdict-simulation
	.build/debug/verdict-simulation
