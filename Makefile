# forcerecon: two commands do everything on a fresh machine.
#   make run   - create the virtual environment, install, run the main flow on seeds/
#   make test  - the same set-up, then ruff and the whole test suite
#   make ui    - the Prefect server and UI of this project's Prefect home (run history of make run)

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

# One project-local Prefect home, no telemetry (no network here). `make run` stores its runs
# in $(PREFECT_HOME)/prefect.db; `make ui` serves that database with the UI on
# http://127.0.0.1:$(PREFECT_SERVER_API_PORT). While `make ui` runs, `make run` reports to it.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED = false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export PREFECT_SERVER_API_PORT ?= 4200
PREFECT_SERVER = http://127.0.0.1:$(PREFECT_SERVER_API_PORT)

# What `make run` reads (folders or .jsonl files; `make run-sample` adds the conflict sample).
INPUT ?= seeds/

.PHONY: install run run-sample ui test lint fmt bench chromium clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,bench]"
	touch $(STAMP)

install: $(STAMP)

run: install
	@if [ -z "$$PREFECT_API_URL" ] && $(BIN)/python -c "import urllib.request as u; \
	    u.urlopen('$(PREFECT_SERVER)/api/health', timeout=2)" 2>/dev/null; then \
	  echo "reporting to the Prefect server at $(PREFECT_SERVER) (make ui)"; \
	  export PREFECT_API_URL=$(PREFECT_SERVER)/api; fi; \
	$(BIN)/forcerecon run $(INPUT)

# Five real articles whose figures conflict (docs/samples/conflicts/README.md), same warehouse.
run-sample:
	$(MAKE) run INPUT=docs/samples/conflicts/articles.jsonl

# The Prefect server with its UI on this project's Prefect home (Ctrl-C stops it).
ui: install
	$(BIN)/prefect server start --host 127.0.0.1 --port $(PREFECT_SERVER_API_PORT)

test: install chromium
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_reconcile.py
	$(BIN)/python bench/bench_e2e.py

# Headless Chromium for the report's browser test (Debian package); skipped if already there.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf reports/out warehouse/*.duckdb warehouse/*.duckdb.wal .prefect forcerecon/gx/uncommitted bench/out
