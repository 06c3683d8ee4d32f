"""The optional compiled build of the extraction engine.

Everything about the package lives in pyproject.toml; this file only adds, when
QUOTEBOT_COMPILE=1 is set at install time, the modules of bot/extract compiled to C by
mypyc (from their type hints; same code, same output, about a quarter less time per
article). A plain install, and every editable install used for development, stays pure
Python, so an edited rule takes effect without a rebuild. `make fast` builds the
compiled install in .venv-fast (see the README).
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
# lexicon.py is data and __init__.py is empty: compiling them gains nothing
_SKIP = {"__init__.py", "lexicon.py"}

ext_modules = []
if os.environ.get("QUOTEBOT_COMPILE") == "1":
    from mypyc.build import mypycify

    engine = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "bot" / "extract").glob("*.py")
                    if p.name not in _SKIP)
    ext_modules = mypycify(engine, opt_level="3")

setup(ext_modules=ext_modules)
