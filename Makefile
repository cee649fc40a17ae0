# kundenkit – the two commands of the README: `make start` and `make test`.
# Everything lives in a virtual environment in .venv (python3 -m venv, no conda needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

.PHONY: start test daten uebungen zuruecksetzen benchmark clean-venv help

help:
	@echo "make start      Kurs starten (JupyterLab mit den Beispieldaten, in Ihrem Ordner meine_arbeit/)"
	@echo "make zuruecksetzen LEKTION=1.2   eine Lektion in meine_arbeit/ auf die Kursfassung zurücksetzen"
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

zuruecksetzen: $(VENV)/.installed
	$(BIN)/kundenkit zuruecksetzen "$(LEKTION)"

# Lint and type checks first (settings in pyproject.toml): a finding fails the run before the tests.
test: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests notebooks solutions exercises benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

uebungen: $(VENV)/.installed
	$(BIN)/kundenkit uebungen

benchmark: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/notebook_sizes.py
	$(BIN)/python benchmarks/rfm_summary.py

clean-venv:
	rm -rf $(VENV)
