"""The role shown beside a speaker is a role or nothing: never a dateline, a styling, a
dangling preposition, an owner without a head or a clause the parser took in."""

from __future__ import annotations

import pytest
from support import quotes_of

from bot.extract.roles import shown


@pytest.mark.parametrize(("found", "role"), [
    ("NATO Secretary General", "NATO Secretary General"),
    ("UNHCR spokesman", "UNHCR spokesman"),
    ("Managing director", "Managing director"),
    ("deputy governor of Lorestan province", "deputy governor of Lorestan province"),
    ("Massachusetts Sen.", "Massachusetts Sen."),
    ("study co-author", "study co-author"),
    ("director of elective care", "director of elective care"),
    # styling that belongs to the name, and words left over from the phrase around it
    ("United manager Sir", "United manager"),
    ("Deputy Health Minister Datuk Seri Dr", "Deputy Health Minister"),
    ("CEO of", "CEO"),
    ("Tahsildar to the", "Tahsildar"),
    ("of the family's attorneys", "family's attorneys"),
    ("ANKARA - Chinese coach", "Chinese coach"),
    ("BHUBANESWAR Indian women’s hockey chief coach", "Indian women’s hockey chief coach"),
])
def test_a_role_is_shown_trimmed_to_the_office(found: str, role: str) -> None:
    assert shown(found) == role


@pytest.mark.parametrize("found", [
    "Mumbai's", "Syria’s", "Datuk", "HYDERABAD", "of Mr.", "lesson from", "game", "emotional",
    "According to", "will assist needy civilians in Labado and",
    "Heading into the first debate in 10 days",
    "HIV medicine at Desert Regional Medical Center in", "Man of the", "",
])
def test_words_that_are_no_role_are_not_shown(found: str) -> None:
    assert shown(found) is None


def test_an_extracted_quote_carries_the_role_without_the_styling() -> None:
    text = ("Title\n\nManchester United manager Sir Alex Ferguson was furious after the match. "
            "“We were robbed,” said Ferguson.\n")
    [q] = [q for q in quotes_of(text) if q.kind == "direct"]
    assert q.speaker == "Alex Ferguson"
    assert q.speaker_role == "Manchester United manager"


@pytest.mark.parametrize("found", ["CEO of", "United manager Sir", "Massachusetts Sen.", "ANKARA - Chinese coach"])
def test_a_shown_role_is_shown_as_it_is(found: str) -> None:
    # (people.py picks among the roles of a speaker's quotes: cleaning twice changes nothing)
    role = shown(found)
    assert shown(role) == role
