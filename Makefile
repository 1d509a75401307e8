# The two commands of the README:  make test  and  make report.
# Both create (or reuse) a local virtual environment, .venv, installed from pyproject.toml with the exact versions
# pinned in requirements/constraints.txt, so a fresh machine runs what CI tested. Nothing relies on a hand install.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONSTRAINTS := requirements/constraints.txt
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
# The notebooks' kernel, registered in the environment, so papermill and nbconvert run the notebooks as they are.
KERNEL := $(VENV)/share/jupyter/kernels/dxanalysis/kernel.json
KERNEL_INSTALL := $(BIN)/python -m ipykernel install --sys-prefix --name dxanalysis --display-name "Python (dxanalysis)"
# JupyterLab refuses to start as root (common in containers) unless told it may.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

.PHONY: help venv test report docs lab lock clean

help:
	@echo "make test    set up .venv if missing or stale, then run the whole test suite"
	@echo "make report  set up .venv if needed, then run the default report into reports/ (open reports/latest/index.html)"
	@echo "make docs    build the documentation site (warnings are errors) into docs/_build/html"
	@echo "make lab     JupyterLab on notebooks/ with the package's environment (as root too, as in containers)"
	@echo "make lock    re-pin requirements/constraints.txt from a fresh resolve (after changing dependencies)"
	@echo "make clean   remove .venv and caches"

# The environment is rebuilt when pyproject.toml or the pins change, or when it no longer works (moved machine).
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dxanalysis needs Python >= 3.11, found " + sys.version.split()[0])'
	@echo "Setting up $(VENV) (pyproject.toml + $(CONSTRAINTS)) ..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip
	@$(PIP) install -c $(CONSTRAINTS) -e '.[dev,docs]'
	@touch $(STAMP)

# Idempotent: written again whenever the environment is (its kernel runs this environment's Python).
$(KERNEL): $(STAMP)
	@$(KERNEL_INSTALL) >/dev/null 2>&1
	@test -f $(KERNEL)

venv:
	@if [ -f $(STAMP) ] && ! $(BIN)/python -c 'import dxanalysis' 2>/dev/null; then \
		echo "$(VENV) is broken; rebuilding it"; rm -rf $(VENV); fi
	@$(MAKE) --no-print-directory $(STAMP) $(KERNEL)
	@# The package's bytecode, as pip writes it for an installed package: where PYTHONDONTWRITEBYTECODE is set (many
	@# containers, CI) every process of a report (the command and each kernel) would otherwise compile it from source.
	@$(BIN)/python -m compileall -q -j 0 dxanalysis >/dev/null

# The whole gate: the tests (with doctests and the lint/type/hygiene checks in tests/test_gates.py) and the
# coverage floor of pyproject.toml. The suite runs in TEST_WORKERS processes (pytest-xdist), a test file kept in one
# (its module fixtures, the executed notebooks, run once): on two cores 10–11 minutes instead of 17, measured on
# 2026-12-08. `make test TEST_WORKERS=auto` uses every core; `TEST_WORKERS=0` runs it in this one process.
TEST_WORKERS ?= 2
test: venv
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --cov --cov-report=term

# The main job: the default batch report (overview, one notebook per indicator series, scenarios).
report: venv
	$(BIN)/dxanalysis report --out reports

docs: venv
	$(BIN)/python -m sphinx -W --keep-going -b html -q docs docs/_build/html
	@echo "Open docs/_build/html/index.html"

lab: venv
	@$(PIP) install -c $(CONSTRAINTS) -e '.[dev,docs,lab]'
	$(BIN)/jupyter lab notebooks/ $(ALLOW_ROOT)

# Re-resolve every dependency (runtime, dev and lab) in a scratch environment and pin the result.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[dev,docs,lab]'
	( echo "# Exact versions the test suite was run with; 'make' installs with these as constraints."; \
	  echo "# Regenerate with 'make lock' after changing dependencies in pyproject.toml."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^dxanalysis' ) > $(CONSTRAINTS)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) .venv-lock .pytest_cache .hypothesis build dist *.egg-info docs/_build docs/generated
