# make demo: set up and run pkledger on the bundled ledger.  make test: set up and run every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit browser docs bench dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

SEOUL_PACKS := 2021-seoul 2020-prep-sustaining-peace 2021-prep-partnerships-performance-accountability \
	2021-prep-training-capacity-building 2021-prep-protection-safety-security

demo: $(STAMP) browser
	$(BIN)/pkledger validate data --summary
	$(BIN)/pkledger match --ledger data
	@for conference in $(SEOUL_PACKS); do \
		$(BIN)/pkledger brief $$conference --ledger data --out out/brief --format md,html,pdf || exit 1; \
	done
	$(BIN)/pkledger brief --state KOR --ledger data --out out/brief --format md,html,pdf
	@echo "Briefing packs (Markdown, HTML, PDF) for Seoul 2021, its preparatory conferences and the Republic of Korea are in out/brief/"

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser
	$(BIN)/pytest -q

browser:
	@./scripts/ensure-chromium

# Regenerate everything generated from the code: JSON Schemas and docs pages.
docs: $(STAMP)
	$(BIN)/pkledger schema --out schemas
	$(BIN)/python -c "from pathlib import Path; from pkledger.output.docs import write_generated_pages; write_generated_pages(Path('docs'))"
	$(BIN)/python -m typer pkledger.cli.app utils docs --name pkledger --output docs/cli.md

# Speed against a bare libyaml load and peers (not a test; see docs/performance.md).
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench
	$(BIN)/python -m benchmarks.match_bench
	$(BIN)/python -m benchmarks.hostile

# The sdist and wheel of this commit (the version comes from its git tag), checked as a user would
# install them: twine check, then the wheel in a fresh venv running --version and validate.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	PYTHON=$(BIN)/python ./scripts/check-dist dist

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .pkledger-cache dist
