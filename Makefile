# The two README commands: `make demo` and `make test`. Everything else is plumbing.
BUILD ?= build/release
JOBS ?= 2
JIXIAO = $(BUILD)/src/cli/jixiao
DEMO_DIR ?= demo

.PHONY: demo test test-ha deps build unit clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DJIXIAO_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# Builds the reference case into $(DEMO_DIR)/jixiao.db and prints its summary.
demo: build
	@$(JIXIAO) demo --dir $(DEMO_DIR)
	@cd $(DEMO_DIR) && $(abspath $(JIXIAO)) summary --year 2022

# Every test: unit, integration, end-to-end (ctest prints the pass/fail summary last).
test: build
	@scripts/run-tests.sh $(BUILD)

# Failover on pg_auto_failover (tests/ha/failover.sh; installs postgresql-15-auto-failover). Not in CI.
test-ha: build
	@cd $(BUILD) && ctest -L ha --output-on-failure

unit: build
	@cd $(BUILD) && ctest -L unit --output-on-failure -j$(JOBS)

clean:
	rm -rf build $(DEMO_DIR)
