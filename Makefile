# Two commands on a fresh machine: `make demo` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export SPCOMMS_DATA_DIR ?= $(CURDIR)/var
# `make demo PORT=8001` serves on another port.
PORT ?= 8000

.PHONY: demo test install install-test system-packages migrate lint bench clean

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "spcomms needs Python >= 3.11 (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test system-packages

# Debian packages the tests need: chromium (browser tests), poppler-utils (looking at PDFs), libreoffice-writer-nogui
# (PDFs of another producer than Typst for the ingest tests).
system-packages:
	@bash scripts/system-packages chromium poppler-utils libreoffice-writer-nogui

migrate: install
	@mkdir -p $(SPCOMMS_DATA_DIR)
	SPCOMMS_DEBUG=1 $(VENV)/bin/spcomms migrate --no-input

demo: migrate
	@set -o pipefail; SPCOMMS_DEBUG=1 $(VENV)/bin/spcomms demo --site http://127.0.0.1:$(PORT) | sed 's/^/>>> /'
	@echo ">>> open http://127.0.0.1:$(PORT)/staff/ and log in with an account above (Ctrl-C stops the server)"
	SPCOMMS_DEBUG=1 $(VENV)/bin/spcomms serve 127.0.0.1:$(PORT)

test: install-test
	@mkdir -p $(SPCOMMS_DATA_DIR)
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff, and the layers of docs/architecture.md (import-linter contracts in pyproject.toml).
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) var .pytest_cache
