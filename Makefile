# One command per job; each installs what it needs first into .venv.
#   make demo   - offline demo: mock job sites, two crawls, a diff
#   make test   - the test suite, as CI runs it
#   make bench  - the crawl, storage and query benchmarks (BENCHMARKS.md)
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/jobarchive: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/jobarchive
	$(BIN)/jobarchive demo

# Lint first: it takes seconds, and a style slip should not wait for the slow tests.
test: lint
	$(BIN)/pytest -q

lint: $(BIN)/jobarchive
	$(BIN)/ruff check crawler spiders archive tests benchmarks
	$(BIN)/ruff format --check crawler spiders archive tests benchmarks
	$(BIN)/mypy archive

bench: $(BIN)/jobarchive
	$(BIN)/python -m benchmarks --write-doc

clean:
	rm -rf $(VENV) .pytest_cache
