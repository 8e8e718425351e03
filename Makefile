# Two commands: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv and install the project with its test extras when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARGS   ?=

.PHONY: run test setup lint screenshots reliability clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/annotator $(ARGS)

test: setup
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check annotator tests scripts
	$(BIN)/ruff format --check annotator tests scripts

# SIGKILL the write path at random moments (scripts/reliability.py; ARGS e.g. --kills 5000)
reliability: setup
	$(BIN)/python scripts/reliability.py $(ARGS)

screenshots: setup
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python scripts/screenshots.py docs

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .hypothesis
