# make demo: set up and run pkledger on the bundled ledger.  make test: set up and run every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pkledger validate data
	$(BIN)/pkledger match --ledger data

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

# Regenerate everything generated from the code: JSON Schemas and docs pages.
docs: $(STAMP)
	$(BIN)/pkledger schema --out schemas
	$(BIN)/python -c "from pathlib import Path; from pkledger.docs import write_generated_pages; write_generated_pages(Path('docs'))"
	$(BIN)/python -m typer pkledger.cli utils docs --name pkledger --output docs/cli.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .pkledger-cache
