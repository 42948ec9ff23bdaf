# Pamphleteer: `make` builds every edition, `make test` runs the tests.
# Both set up everything they need on a fresh machine (a virtual environment
# with pinned packages, and for the tests the validators).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: all build test check clean tools

all: build

$(VENV)/.runtime: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.test: requirements-test.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

build: $(VENV)/.runtime
	$(PY) build.py

# Validators outside PyPI (Java for EPUBCheck; the rest is added by the QA gate).
tools:
	@bash scripts/install-tools.sh

test: $(VENV)/.test tools
	$(PY) -m pytest

check: $(VENV)/.test tools
	$(PY) build.py check

clean:
	rm -rf output
