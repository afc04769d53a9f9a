# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
PROMTOOL_DIR := $(TOOLS)/promtool
PROMTOOL := $(PROMTOOL_DIR)/usr/bin/promtool
PYTEST := $(BIN)/pytest

.PHONY: install run test unit integration e2e faults browser triage-eval contracts docs bench lint clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==0.13.9

# The environment is rebuilt whenever the lock file or a package manifest changes.
$(VENV)/.synced: $(UV) uv.lock pyproject.toml contracts/pyproject.toml $(wildcard libs/*/pyproject.toml services/*/pyproject.toml tools/*/pyproject.toml)
	$(UV) sync --frozen --all-packages
	@touch $@

# promtool is not on PyPI: take the static binary out of Debian's prometheus package, without installing
# (or starting) the Prometheus server that the package would set up.
$(PROMTOOL):
	rm -rf $(PROMTOOL_DIR) && mkdir -p $(PROMTOOL_DIR)
	cd $(PROMTOOL_DIR) && { apt-get download prometheus 2>/dev/null || { apt-get update -qq && apt-get download prometheus; }; }
	dpkg -x $(PROMTOOL_DIR)/prometheus_*.deb $(PROMTOOL_DIR) && rm $(PROMTOOL_DIR)/prometheus_*.deb
	@test -x $@

# The browser tests drive Debian's Chromium (Playwright's own browser download is not reachable from our machines).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	command -v apt-get >/dev/null || { echo "install Chromium (Debian package chromium) at $@" >&2; exit 1; }
	apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }
	@test -x $@

install: $(VENV)/.synced $(PROMTOOL) $(CHROMIUM)

run: install
	$(BIN)/complaints up

test: install
	$(PYTEST) tests/unit tests/contract tests/integration tests/e2e tests/faults tests/browser

unit: install
	$(PYTEST) tests/unit tests/contract

integration: install
	$(PYTEST) tests/integration

e2e: install
	$(PYTEST) tests/e2e

# The portal and the desk in Chromium: journeys of customers and staff, axe-core on every page. Screenshots go to
# .run/screenshots; `UPDATE_DOCS_SCREENSHOTS=1 make browser` refreshes the ones under docs/screenshots.
browser: install
	$(PYTEST) tests/browser

# Fault injection alone (tests/faults/README.md): processes killed under load, poison records, a stuck partition, a
# broker restart. About five minutes on two cores; `make test` runs it too.
faults: install
	$(PYTEST) tests/faults

# Trains the triage model on the training split and reports on the held-out split (docs/triage.md, .json).
triage-eval: install
	$(BIN)/complaints triage eval

contracts: install
	$(BIN)/python -m complaints_cli.specs write

# SOAK_MINUTES=25 adds a steady-rate soak run (CPU per complaint per minute, flat or not).
bench: install
	$(BIN)/complaints bench --soak-minutes $(or $(SOAK_MINUTES),0)

lint: install
	$(BIN)/ruff check contracts libs services tools tests

clean:
	rm -rf $(VENV) $(TOOLS) .run
