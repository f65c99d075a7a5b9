# The two README commands: `make demo` and `make test`. Everything else is plumbing.
BUILD ?= build/release
JOBS ?= 2
JIXIAO = $(BUILD)/src/cli/jixiao
DEMO_DIR ?= demo

FUZZ_SECONDS ?= 60
SOAK_SECONDS ?= 600

.PHONY: demo test test-ha deps build unit clean fuzz sanitize soak format check-format

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DJIXIAO_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# Builds the reference case into $(DEMO_DIR)/jixiao.db and prints its summary.
demo: build
	@$(JIXIAO) demo --dir $(DEMO_DIR)
	@cd $(DEMO_DIR) && $(abspath $(JIXIAO)) summary --year 2022

# Every test: unit, integration, end-to-end (ctest prints the pass/fail summary last), then the
# sanitizer run (`make sanitize`: unit, fuzz-replay and end-to-end suites under ASan + UBSan + LSan).
test: build
	@scripts/run-tests.sh $(BUILD)

# clang-format every C++ file in place (.clang-format); check-format only lists the ones that differ.
format:
	@scripts/check-format.sh --fix
check-format:
	@scripts/check-format.sh

# The unit, fuzz-replay and end-to-end suites under ASan + UBSan (build/sanitize).
sanitize: deps
	@scripts/run-sanitized.sh

# Each libFuzzer target for FUZZ_SECONDS (clang 14, build/fuzz); FUZZ_JOBS=2 runs two at a time.
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# SOAK_SECONDS of mixed load against `jixiao serve` on the demo, with RSS sampled.
soak: build
	@tests/soak/soak.sh $(JIXIAO) $(SOAK_SECONDS)

# Failover on pg_auto_failover (tests/ha/failover.sh; installs postgresql-15-auto-failover). Not in CI.
test-ha: build
	@cd $(BUILD) && ctest -L ha --output-on-failure

unit: build
	@cd $(BUILD) && ctest -L unit --output-on-failure -j$(JOBS)

clean:
	rm -rf build $(DEMO_DIR)
