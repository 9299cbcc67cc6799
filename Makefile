# Two commands do all the set-up: `make run` and `make test` (see README). `make serve` is the
# production shape: nginx on $(PORT) in front of $(REPLICAS) Streamlit processes (docs/deploy.md).
PORT ?= 8501
REPLICAS ?= 2
SERVE_DIR ?= build/serve
SERVE_ARGS ?=
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB := build/amnesty.duckdb
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
# apt-get needs root: CI runs as root; elsewhere sudo asks once.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The translations: .po files under version control, compiled to the .mo files the app reads.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard amnesty/locale/*/LC_MESSAGES/messages.po))

.PHONY: run serve test bench db messages system-packages clean

run: $(DB) $(CATALOGS)
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

# One Ctrl-C stops nginx and every replica (deploy/serve.py); exec, so the signal reaches it directly.
serve: $(DB) $(CATALOGS) system-packages
	exec $(BIN)/python deploy/serve.py --port $(PORT) --replicas $(REPLICAS) --run-dir $(SERVE_DIR) $(SERVE_ARGS)

test: $(DB) $(CATALOGS) system-packages
	$(BIN)/pytest

bench: $(DB) $(CATALOGS) system-packages
	$(BIN)/python bench/run.py

db: $(DB)

$(CATALOGS): %.mo: %.po $(INSTALLED)
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After changing our words: every message in the code and the data's own words into the template,
# then into each language's catalog, where new entries wait for a translator (README, Languages).
messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg -k n_:1,2 --no-wrap --sort-by-file --omit-header -o amnesty/locale/messages.pot .
	$(BIN)/pybabel update -i amnesty/locale/messages.pot -d amnesty/locale --no-wrap --ignore-obsolete --no-fuzzy-matching

# The venv is rebuilt only when the pins change, so a second `make run` is quick.
$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DB): $(INSTALLED) $(wildcard data/*.csv) data/datapackage.json $(wildcard queries/views/*.sql)
	$(BIN)/amnesty build --db $(DB)

# Browser tests and figure exports need Debian's chromium; exports need one fixed font; `make serve`
# and its test in the suite need Debian's nginx.
system-packages:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(NGINX) ] || ! fc-list 2>/dev/null | grep -q "DejaVu Sans"; then \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core fontconfig nginx; \
	fi

clean:
	rm -rf $(VENV) build test-artifacts
