"""The extraction engine: from an article's text to its quotations and their speakers.
Plain Python; setup.py can compile it with mypyc (same code, same output)."""

from __future__ import annotations


def build() -> str:
    """Which build of the engine is running, for benchmarks and logs."""
    from bot.extract import pipeline

    return "pure Python" if (pipeline.__file__ or "").endswith(".py") else "compiled (mypyc)"
