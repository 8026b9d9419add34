# Two commands for a newcomer:  `make lab` opens the collection, `make test` runs every test.
# Both create or refresh the virtual environment in .venv from the pinned requirements first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: lab test check benchmark notebooks screenshot clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/python -m pip install --quiet -r requirements.txt --editable .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.lab-installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

lab: $(VENV)/.lab-installed  ## open JupyterLab on the start page
	JUPYTER_CONFIG_PATH=$(CURDIR)/labconfig $(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

test: $(VENV)/.dev-installed  ## run every test: units, properties, notebooks (nbval), browser
	$(BIN)/python -m pytest

check: $(VENV)/.dev-installed  ## the fast inner loop (< 1 min): units, properties, hygiene; no notebook run, no browser
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore-glob="*.ipynb" -m "not slow and not browser" -q

benchmark: $(VENV)/.dev-installed  ## print in-kernel update latency and ODE speed against solve_ivp
	$(BIN)/python benchmarks/run.py

notebooks: $(VENV)/.dev-installed  ## re-execute the notebooks and strip them for committing
	$(BIN)/python tools/execute_notebooks.py

screenshot: $(VENV)/.dev-installed  ## regenerate docs/explorer.png for the README
	HSC_UPDATE_README_SCREENSHOT=1 $(BIN)/python -m pytest tests/browser -k readme_screenshot --no-header -q

clean:
	rm -rf $(VENV) artifacts
