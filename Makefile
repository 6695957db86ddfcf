# The two commands of the README:
#   make serve  - build the site from rules/ and serve it on http://127.0.0.1:8000/
#                 (make serve EDITION=saga: another association's edition)
#   make test   - run every test
# Both first create what is missing or out of date: the Python environment (.venv)
# and the npm packages (node_modules: the Pyodide runtime the site serves, axe-core).
# `make test` first installs the system's part (.ci/setup: Chromium, the Japanese font,
# nginx, npm), or says in one line the command that would.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: test serve build env bench setup bench-setup stdlib-files

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
	$(PY) tests/record_stdlib.py
