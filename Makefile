# The two commands of the README:
#   make serve  - build the site from rules/ and serve it on http://127.0.0.1:8000/
#   make test   - run every test
# Both create the Python environment (.venv) first when it is missing or out of date.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: test serve build env

env: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

test: env
	$(PY) -m pytest

build: env
	$(PY) build.py

PORT ?= 8000

serve: env
	$(PY) build.py --serve --port $(PORT)
