# kundenkit – the two commands of the README: `make start` and `make test`.
# Everything lives in a virtual environment in .venv (python3 -m venv, no conda needed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

# Open a browser only where there is a screen to show it on.
HAS_SCREEN := $(or $(DISPLAY),$(WAYLAND_DISPLAY),$(filter Darwin,$(shell uname -s)))
LAB_FLAGS  := --port=$(PORT) $(if $(HAS_SCREEN),,--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: start test daten uebungen benchmark clean-venv help

help:
	@echo "make start      Kurs starten (JupyterLab mit den Beispieldaten)"
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

start: daten
	@echo ""
	@echo "JupyterLab startet. Öffnen Sie die Adresse mit '?token=' unten in Ihrem Browser."
	@echo "Beenden mit Strg+C."
	@echo ""
	$(BIN)/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=. notebooks/00_einfuehrung.ipynb

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

uebungen: $(VENV)/.installed
	$(BIN)/kundenkit uebungen

benchmark: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/run.py

clean-venv:
	rm -rf $(VENV)
