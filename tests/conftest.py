from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def root() -> Path:
    return ROOT


def quotes_of(text: str, article_id: str = "t.txt"):
    from bot.corpus import parse_article
    from bot.extract.pipeline import extract

    return extract(parse_article(article_id, text))
