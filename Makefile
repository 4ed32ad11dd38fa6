PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint setup clean import check bench browser

# (Re)install when the venv is missing or pyproject.toml changed since the last install.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/plans --data data/plans.yaml

# Three workers per core: a Pilot test spends much of its time waiting for the app to go idle, a
# tmux/browser test for another process, so more workers than cores fill those waits
# (2 cores, quiet machine, one session: -n 2 took 208 s, -n 4 164 s for the same 1,248 tests;
# for 1,310 tests -n 4 took 171 s and -n 6 150 s, with less CPU time in all: 277 against 258 s).
# --dist loadgroup --no-loadscope-reorder: one test at a time to whichever worker is free, in the order
# tests/conftest.py gives (the longest first); its ONE_WORKER modules as one unit each (their fixture built once).
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) * 3 )))
test: lint browser
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup --no-loadscope-reorder

# ruff and mypy (configured in pyproject.toml: the tests with the same settings as the code). Two runs:
# bench/ imports test helpers through sys.path, which mypy resolves only when tests/ is in the same run.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy tui widgets themes bench
	$(BIN)/mypy tests

# `plans serve`'s browser test drives Debian's chromium (never a browser downloaded by playwright).
# Installed here when we can (root + apt); otherwise that test skips and says why.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "installing chromium (apt) for the serve browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
			|| echo "chromium could not be installed: the serve browser test will skip"; \
	fi

import: $(STAMP)
	$(BIN)/plans import

check: $(STAMP)
	$(BIN)/plans check data/plans.yaml

bench: $(STAMP)
	for b in bench/*.py; do [ "$$b" = bench/__init__.py ] || $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
