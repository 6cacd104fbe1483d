# Every target sets itself up: a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test demo lint format typecheck pytest evaluate bench clean

setup: $(STAMP)

# Reinstall whenever the dependency list changes; the stamp records the last good install.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ofsted-watch needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/ofsted-watch init
	exec $(BIN)/ofsted-watch run

demo: setup
	$(BIN)/ofsted-watch demo

test: setup lint pytest

pytest: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

evaluate: setup
	$(BIN)/python bench/evaluate.py

bench: setup
	$(BIN)/python bench/classify_speed.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
