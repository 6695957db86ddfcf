# The two commands of the README:
#   make serve  - build the site from rules/ and serve it on http://127.0.0.1:8000/
#                 (make serve EDITION=saga: another association's edition)
#   make test   - run every test
# and the staff's quick one after editing rules/:
#   make check  - build the site and run every CPython test, in about a minute
# Both first create what is missing or out of date: the Python environment (.venv)
# and the npm packages (node_modules: the Pyodide runtime the site serves, axe-core).
# `make test` first installs the system's part (.ci/setup: Chromium, the Japanese font,
# nginx, npm), or says in one line the command that would.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: test check serve build env bench setup bench-setup stdlib-files

env: $(VENV)/.installed node_modules/.package-lock.json

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $@

setup:
	@.ci/setup

test: setup env
	$(PY) -m pytest

# The build (into build/check/, leaving site/ as it is) and every test that needs only
# CPython: no Chromium, no Node-run Pyodide, no web server (tests/conftest.py's markers);
# the property tests draw a tenth of their examples. `make test` runs everything.
check: env
	$(PY) build.py --site-dir build/check/site $(if $(EDITION),--edition $(EDITION))
	NINTEII_EXAMPLES=0.1 $(PY) -m pytest -q -m "not browser and not node and not hosting and not suite"

# EDITION=<name> builds that edition (rules/editions/<name>.yaml); SITE_DIR=<folder> writes
# the site elsewhere than site/ (both optional).
BUILD_ARGS = $(if $(EDITION),--edition $(EDITION)) $(if $(SITE_DIR),--site-dir $(SITE_DIR))

build: env
	$(PY) build.py $(BUILD_ARGS)

serve: env
	$(PY) build.py --serve --port $(PORT) $(BUILD_ARGS)

# The benchmark (not a test): builds, serves with nginx, measures in Chromium, writes
# bench/results.json and prints a table. 15–25 minutes (the first time a minute more:
# brotli). Like `make test`, it first installs what the system lacks (.ci/setup bench:
# also nginx's brotli module), or says in one line the command that would.
bench-setup:
	@.ci/setup bench

bench: bench-setup env
	$(PY) bench/run.py

# After upgrading Pyodide: list again the standard-library files the checker pages ship
# (sitegen/stdlib_files.txt), by running every case and roster on the stock library.
stdlib-files: env
	$(PY) sitegen/record_stdlib.py
