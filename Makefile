# Two commands: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv and install the project with its test extras when needed.
# `make bench` runs the performance suite (with the bench extra: matplotlib).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
BENCH_STAMP := $(VENV)/.bench-stamp
ARGS   ?=

.PHONY: run test setup lint screenshots reliability bench fuzz clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(BENCH_STAMP)

run: setup
	$(BIN)/annotator $(ARGS)

test: setup
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check annotator tests scripts
	$(BIN)/ruff format --check annotator tests scripts

# crashes (SIGKILL), killed imports and exports, the hostile-input corpus: one table
# (scripts/reliability.py; ARGS e.g. "--kills 5000" or "--no-huge")
reliability: setup
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python scripts/reliability.py $(ARGS)

# property and fuzz testing, time-boxed: FUZZ_SECONDS (default 300) shared among the fuzz
# targets of every importer and the project state machine (tests/fuzz/harness.py); prints
# the inputs each target tried and its failures. ARGS e.g. -k html
fuzz: setup
	FUZZ_SECONDS=$${FUZZ_SECONDS:-300} QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} \
		$(BIN)/python -m pytest -q -p no:cacheprovider --show-capture=no \
		tests/fuzz tests/reliability/test_state_machine.py $(ARGS)

screenshots: setup
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python scripts/screenshots.py docs

# the performance suite (scripts/bench.py): prints the table, writes bench-results.json and
# docs/bench-scaling.png; ARGS e.g. --quick (smaller sizes, 3 runs) or --only 1,2
bench: $(BENCH_STAMP)
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python scripts/bench.py $(ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
