# Two commands do all the set-up: `make run` and `make test` (see README).
PORT ?= 8501
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := build/amnesty.duckdb
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium

.PHONY: run test bench db system-packages clean

run: $(DB)
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

test: $(DB) system-packages
	$(BIN)/pytest

bench: $(DB) system-packages
	$(BIN)/python bench/run.py

db: $(DB)

# The venv is rebuilt only when the pins change, so a second `make run` is quick.
$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DB): $(INSTALLED) $(wildcard data/*.csv) data/datapackage.json $(wildcard queries/views/*.sql)
	$(BIN)/amnesty build --db $(DB)

# Browser tests and figure exports need Debian's chromium; exports need one fixed font.
system-packages:
	@if [ ! -x $(CHROMIUM) ] || ! fc-list 2>/dev/null | grep -q "DejaVu Sans"; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core fontconfig; \
	fi

clean:
	rm -rf $(VENV) build test-artifacts
