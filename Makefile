# kundenkit – the two commands of the README: `make start` and `make test`.
# Everything lives in a virtual environment in .venv (python3 -m venv, no conda needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
ANSICHT_PORT ?= 8866

.PHONY: start ansicht hub test daten uebungen zuruecksetzen benchmark clean-venv help

help:
	@echo "make start      Kurs starten (JupyterLab mit den Beispieldaten, in Ihrem Ordner meine_arbeit/)"
	@echo "make ansicht    Kurs ohne Code im Browser (Voilà); eigene Daten: make ansicht DATEN=data/mein_unternehmen"
	@echo "make zuruecksetzen LEKTION=1.2   eine Lektion in meine_arbeit/ auf die Kursfassung zurücksetzen"
	@echo "make hub        Workshop auf diesem Rechner (JupyterHub; für echte Workshops als root), siehe docs/workshop.md"
	@echo "                z. B. sudo make hub HUB_ARGS=\"--passwort Herbst2025 --klasse workshop/\""
	@echo "make test       alle Tests ausführen"
	@echo "make benchmark  Geschwindigkeit messen (dauert einige Minuten)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when the package metadata or the pinned versions change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

daten: $(VENV)/.installed
	$(BIN)/kundenkit daten --ziel data

# Copies the course notebooks into meine_arbeit/ (never over the learner's changes) and serves only that folder.
start: daten
	$(BIN)/kundenkit start --port $(PORT)

# The same folder, shown without code (Voilà); DATEN= names the learner's own data folder.
ansicht: daten
	$(BIN)/kundenkit ansicht --port $(ANSICHT_PORT) $(if $(DATEN),--daten "$(DATEN)")

zuruecksetzen: $(VENV)/.installed
	$(BIN)/kundenkit zuruecksetzen "$(LEKTION)"

# Lint and type checks first (settings in pyproject.toml): a finding fails the run before the tests.
test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests notebooks solutions exercises benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Workshop hub: the hub extra (JupyterHub) and configurable-http-proxy from npm, inside .venv (pinned; 5.3 needs Node 22).
HUB_PORT  ?= 8000
HUB_ARGS  ?=
HUB_PROXY := $(VENV)/hub-proxy/node_modules/.bin/configurable-http-proxy
CHP_VERSION := 5.2.0

$(VENV)/.installed-hub: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[hub]"
	touch $@

$(HUB_PROXY): | $(BIN)/python
	npm install --prefix $(VENV)/hub-proxy --no-audit --no-fund --loglevel=error configurable-http-proxy@$(CHP_VERSION)

hub: $(VENV)/.installed-hub $(HUB_PROXY)
	$(BIN)/kundenkit hub --port $(HUB_PORT) $(HUB_ARGS)

uebungen: $(VENV)/.installed
	$(BIN)/kundenkit uebungen

benchmark: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/notebook_sizes.py
	$(BIN)/python benchmarks/rfm_summary.py
	$(BIN)/python benchmarks/manager_view.py
	$(BIN)/python benchmarks/participant_resources.py

clean-venv:
	rm -rf $(VENV)
