# Two commands do all set-up: `make demo` and `make test`. Both build .venv from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,semantic]' --config-settings editable_mode=compat
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p build
	$(BIN)/bilingual corpus list corpus/ | tee build/corpus.txt
	$(BIN)/bilingual corpus list corpus/ --format json > build/corpus.json
	@echo "wrote build/corpus.txt and build/corpus.json"
	$(BIN)/bilingual align corpus/ -o build/align --format tsv
	$(BIN)/bilingual publish corpus/ -o build/publish
	$(BIN)/bilingual tm add corpus/ --memory build/memory.sqlite --similarity lexical --prune
	$(BIN)/bilingual tm search 红船精神 --memory build/memory.sqlite --limit 5
	$(BIN)/bilingual tm renderings 共同富裕 --memory build/memory.sqlite

lint: $(STAMP)
	$(BIN)/ruff check bilingual tests benchmarks
	$(BIN)/ruff format --check bilingual tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# axe-core (npm) for the site's accessibility test; without npm the test skips (fails in CI).
AXE := build/node_modules/axe-core/axe.min.js
$(AXE):
	@mkdir -p build
	-command -v npm >/dev/null && npm install --prefix build --no-save --no-audit --no-fund axe-core@4

pytest: $(STAMP) $(AXE)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf build .mypy_cache .pytest_cache .ruff_cache
