# Everything runs from a local virtualenv, so a fresh machine with Python 3.11 needs
# nothing else: `make run` and `make test` set it up on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test lint bench eval clean fast test-compiled train

# The compiled build of the extraction engine (mypyc, see setup.py): a separate virtualenv
# with a regular (not editable) install, rebuilt whenever the engine's source changes.
FAST      ?= .venv-fast
FAST_BIN   = $(FAST)/bin
FAST_STAMP = $(FAST)/.installed
MYPY_PIN  ?= mypy==2.4.1
ENGINE_SRC = $(wildcard bot/extract/*.py) bot/extract/speaker_ranker.json bot/models.py setup.py pyproject.toml

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
	$(BIN)/ruff check bot tests bench train
	$(BIN)/python -m pytest -q

$(FAST_STAMP): $(ENGINE_SRC)
	$(PYTHON) -m venv $(FAST)
	$(FAST_BIN)/pip install --quiet --upgrade pip
	$(FAST_BIN)/pip install --quiet '.[test]' '$(MYPY_PIN)' 'setuptools>=77' wheel
	rm -rf build
	QUOTEBOT_COMPILE=1 $(FAST_BIN)/pip install --quiet --no-build-isolation --force-reinstall --no-deps .
	touch $(FAST_STAMP)

## The compiled build in .venv-fast (needs gcc and the Python headers).
fast: $(FAST_STAMP)

## The tests again, against the compiled build (run from tests/ so that the installed,
## compiled package is imported rather than the source tree).
test-compiled: $(FAST_STAMP)
	cd tests && QUOTEBOT_EXPECT_COMPILED=1 ../$(FAST_BIN)/python -m pytest -q -p no:cacheprovider --rootdir=.. -c ../pyproject.toml .

## Extraction throughput, pure Python and compiled, back to back.
bench: $(STAMP) $(FAST_STAMP)
	$(BIN)/python bench/bench_extract.py
	$(FAST_BIN)/python bench/bench_extract.py

## The speaker ranker, retrained from PolNeAR train in ../shared (deterministic, about a
## minute): writes bot/extract/speaker_ranker.json and prints cross-validated accuracy.
train: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,train]'
	$(BIN)/python train/train_ranker.py --dev

## Scores on the shared gold and PolNeAR dev (needs ../shared beside the project).
eval: $(STAMP)
	$(BIN)/python bench/evaluate.py

clean:
	rm -rf $(VENV) $(FAST) .pytest_cache .ruff_cache build *.egg-info
