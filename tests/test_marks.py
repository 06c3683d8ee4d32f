"""Quotation spans: marks, apostrophes, split and multi-paragraph quotations."""

from __future__ import annotations

from support import quotes_of


def test_split_quotation_is_one_record_with_two_pieces() -> None:
    text = 'Title\n\n"First part," Ann Lee said. "Second part."\n'
    [q] = quotes_of(text)
    assert [text[s:e] for s, e in q.spans] == ["First part,", "Second part."]
    assert q.speaker == "Ann Lee"
    assert q.kind == "direct"


def test_multi_paragraph_quotation_keeps_its_speaker() -> None:
    text = ("Title\n\nJane Roe, the mayor, said: “We start today.”\n\n"
            "“The first paragraph runs on without a closing mark.\n\n"
            "“The second one closes it.”\n")
    qs = quotes_of(text)
    assert len(qs) == 2
    cont = qs[1]
    assert [text[s:e] for s, e in cont.spans] == [
        "The first paragraph runs on without a closing mark.", "The second one closes it."]
    assert cont.speaker == "Jane Roe"


def test_apostrophes_are_never_quote_marks() -> None:
    text = "Title\n\nSputnik‘s source and NATO’s chief met. Russia’s view didn’t change.\n"
    assert quotes_of(text) == []


def test_unbalanced_mark_stays_in_its_paragraph() -> None:
    text = ('Title\n\nHe said "this never closes and goes on.\n\n'
            'A new paragraph with "a real quotation here," Bob Stone said.\n')
    qs = quotes_of(text)
    assert all(text.index("\n\nA new") > q.start or q.start > text.index("A new") for q in qs)
    assert any(q.text == "a real quotation here," and q.speaker == "Bob Stone" for q in qs)


def test_two_apostrophes_used_as_double_quote() -> None:
    text = "Title\n\n''The lack of reciprocity is deplorable,'' said Elez Biberaj, the director.\n"
    [q] = quotes_of(text)
    assert q.text == "The lack of reciprocity is deplorable,"
    assert q.speaker == "Elez Biberaj"


def test_names_and_scare_quotes_are_not_quotes() -> None:
    text = ("Title\n\nThe US will not allow NATO’s “Open Door” policy to be shut, and "
            "warned of Russia’s \"aggression\" against its neighbour.\n")
    assert [q for q in quotes_of(text) if q.kind != "reported"] == []


def test_offsets_index_the_text_as_read() -> None:
    text = "Title\r\n\r\n“Café au lait is fine,” Zoë Durand said.\r\n"
    [q] = quotes_of(text)
    assert text[q.start:q.end] == "Café au lait is fine,"


def test_an_article_that_quotes_with_single_marks_has_its_quotations() -> None:
    text = ("Title\n\nCouncillor Patricia van der Ross spoke at the launch on Monday.\n\n"
            "‘Substance abuse continues to wreak havoc on households,’ said Van der Ross.\n\n"
            "She called the plan ‘long overdue’ and said the city’s clinics were full. "
            "‘We cannot wait for next year,’ she said.\n")
    got = [(q.text, q.speaker) for q in quotes_of(text) if q.kind != "reported"]
    assert ("Substance abuse continues to wreak havoc on households,", "Patricia van der Ross") in got
    assert ("We cannot wait for next year,", "Patricia van der Ross") in got
    assert not any("city" in t for t, _ in got)  # the apostrophe of "city’s" opens nothing


def test_single_marks_inside_a_double_quoted_article_stay_apostrophes() -> None:
    text = ("Title\n\n\"We won't stop,\" said Ann Lee. The 'tough' talk went on, and "
            "the players' union agreed.\n")
    got = [q.text for q in quotes_of(text) if q.kind != "reported"]
    assert got == ["We won't stop,"]
