# Everything runs from a local virtualenv, so a fresh machine with Python 3.11 needs
# nothing else: `make run` and `make test` set it up on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## The bot on the bundled seeds: on Discord with DISCORD_TOKEN set, else the offline console
## (type /quote Stoltenberg or /who "open door"; pipe commands in to script it).
run: $(STAMP)
	$(BIN)/quotebot run

test: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

## Scores on the shared gold and PolNeAR dev (needs ../shared beside the project).
eval: $(STAMP)
	$(BIN)/python bench/evaluate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
