"""Which build of the extraction engine runs must be the one intended: the compiled
build's tests (`make test-compiled`) would prove nothing if the source tree shadowed it,
and compiled modules left beside the sources would hide every edit from the pure build."""

from __future__ import annotations

import importlib
import os
import pkgutil

import bot.extract
from bot.extract import build

COMPILED = os.environ.get("QUOTEBOT_EXPECT_COMPILED") == "1"


def test_the_intended_build_runs() -> None:
    assert build() == ("compiled (mypyc)" if COMPILED else "pure Python")


def test_every_engine_module_comes_from_that_build() -> None:
    names = [m.name for m in pkgutil.iter_modules(bot.extract.__path__, "bot.extract.")]
    assert "bot.extract.pipeline" in names
    # lexicon is data and stays pure in both builds (setup.py)
    files = {n: importlib.import_module(n).__file__ or "" for n in names if n != "bot.extract.lexicon"}
    wrong = sorted(n for n, f in files.items() if f.endswith(".py") == COMPILED)
    assert wrong == [], f"from the other build: {wrong}"
