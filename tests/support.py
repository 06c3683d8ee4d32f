"""Helpers shared by the tests. Imported by plain name (tests/ is on sys.path under
pytest's default import mode), never as `tests.support`: the compiled build's test run
(`make test-compiled`) must not put the project root, and so the source tree's `bot`,
on sys.path."""

from __future__ import annotations

from bot.corpus import parse_article
from bot.extract.pipeline import extract
from bot.models import Quote


def quotes_of(text: str, article_id: str = "t.txt") -> list[Quote]:
    return extract(parse_article(article_id, text))
