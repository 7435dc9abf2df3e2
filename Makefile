# newsevents: the two commands are `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NEWSEVENTS_SHARED ?= $(abspath ../shared)

.PHONY: install demo test test-fast lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/newsevents ingest examples/ --db demo.db
	$(BIN)/newsevents events --db demo.db --limit 25
	@echo
	@echo "Look further:  $(BIN)/newsevents articles --db demo.db"
	@echo "               $(BIN)/newsevents show <article-id> --db demo.db"
	@echo "               $(BIN)/newsevents quotes --db demo.db"
	@echo "               $(BIN)/newsevents serve --db demo.db   (then open http://127.0.0.1:8000)"

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: install
	$(BIN)/python -m newsevents.bench

clean:
	rm -rf $(VENV) build dist *.egg-info demo.db*
