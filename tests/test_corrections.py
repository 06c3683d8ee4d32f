"""Issue 15: quote ids, a quote in its context, and the admins' corrections in
config/corrections.yaml — across reloads, restarts and re-extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import config
from bot.context import locate
from bot.corrections import Correction, correction_key
from bot.index import NoSuchQuote, QueryError
from bot.quoteid import format_id, parse_id, quote_id
from bot.service import ReloadError, Service

ROOT = Path(__file__).resolve().parents[1]

OSLO = """Talks in Oslo

OSLO, March 3, 2022 — NATO Secretary General Jens Stoltenberg met the delegation on Tuesday.
"We will not compromise on the open door," said the Norwegian. The meeting ended late.
Ann Lee said that the vote would be close.
"""
BRUSSELS = """Dialogue in Brussels

BRUSSELS, March 1, 2022 — "Dialogue matters more than ever," Jens Stoltenberg said on Monday.
"""
OPEN_DOOR = "We will not compromise on the open door,"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "oslo.txt").write_text(OSLO, encoding="utf-8")
    (c / "brussels.txt").write_text(BRUSSELS, encoding="utf-8")
    return c


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    d = tmp_path / "config"
    d.mkdir()
    return d


def served(corpus: Path, cfg: Path, cache: Path | None = None) -> Service:
    s = Service(corpus, cfg, cache)
    s.reload()
    return s


def qid_of(s: Service, phrase: str) -> str:
    [hit] = [h for h in s.index.who(phrase) if phrase.split()[0].lower() in h.statement.text.lower()][:1]
    return hit.statement.qid


# ---- ids ---------------------------------------------------------------------------------

def test_ids_are_short_typable_and_forgiving() -> None:
    n = quote_id("a.txt", "We will win,")
    shown = format_id(n)
    assert len(shown) == 10 and shown.isalnum() and shown == shown.lower()
    assert parse_id(shown) == parse_id(f" #{shown.upper()} ") == parse_id(f"`{shown}`") == n
    assert parse_id("too-short") is None and parse_id("uuuuuuuuuu") is None  # (u is no digit)
    assert quote_id("a.txt", "We will win,", 1) != n and quote_id("b.txt", "We will win,") != n


def test_ids_stay_across_reloads_restarts_and_edits_elsewhere(corpus: Path, cfg: Path, tmp_path: Path) -> None:
    s = served(corpus, cfg, tmp_path / "cache.sqlite3")
    qid = qid_of(s, "open door")
    assert s.index.find_quote(qid).text == OPEN_DOOR
    # a new process, then an edit elsewhere in the article (every offset moves)
    assert served(corpus, cfg, tmp_path / "cache.sqlite3").index.find_quote(qid).text == OPEN_DOOR
    (corpus / "oslo.txt").write_text(OSLO.replace("Talks in Oslo", "Long talks in Oslo, again"), encoding="utf-8")
    s.reload()
    st = s.index.find_quote(qid)
    assert st.text == OPEN_DOOR and st.start != 109
    # the quotation itself changed: its old id names nothing
    (corpus / "oslo.txt").write_text(OSLO.replace("open door", "door"), encoding="utf-8")
    s.reload()
    with pytest.raises(NoSuchQuote, match="No quotation with the id"):
        s.index.find_quote(qid)


# ---- context -----------------------------------------------------------------------------

def test_context_marks_the_quotation_the_cue_and_the_mention_as_written(corpus: Path, cfg: Path) -> None:
    s = served(corpus, cfg)
    ctx = s.context(qid_of(s, "open door"))
    marked = {k: ctx.text[a:b] for a, b, k in ctx.marks}
    assert marked == {"quote": OPEN_DOOR, "cue": "said", "mention": "the Norwegian"}
    assert OSLO[ctx.start:ctx.end] == ctx.text
    # the paragraph before and the one after come with it
    assert "met the delegation" in ctx.text and "vote would be close" in ctx.text
    assert ctx.statement.confidence > 0 and ctx.statement.article.title == "Talks in Oslo"


def test_context_picks_the_attribution_nearest_the_quote_not_inside_it() -> None:
    text = ('He said little.\n"I said no, and I said it twice," he said, leaving.\nShe said more.')
    start = text.index("I said")
    end = text.index(',"') + 1
    lo, hi, marks = locate(text, [(start, end)], "said", "he")
    got = {k: (a + lo, b + lo) for a, b, k in marks}
    assert got["quote"] == (start, end)
    assert text[slice(*got["mention"])] == "he" and got["mention"][0] > end
    assert text[slice(*got["cue"])] == "said" and got["cue"][0] > end


def test_context_of_an_article_changed_since_the_reload(corpus: Path, cfg: Path) -> None:
    s = served(corpus, cfg)
    qid = qid_of(s, "open door")
    (corpus / "oslo.txt").write_text("Breaking\n\n" + OSLO, encoding="utf-8")
    ctx = s.context(qid)
    assert ctx.moved and ctx.text[ctx.marks[0][0]:ctx.marks[0][1]] == OPEN_DOOR
    (corpus / "oslo.txt").write_text("Nothing to see.\n", encoding="utf-8")
    with pytest.raises(QueryError, match="changed since the last reload"):
        s.context(qid)


def test_a_long_quotation_is_shown_whole_in_context(tmp_path: Path, cfg: Path) -> None:
    from discord_fakes import SPEC, validator

    from bot.discord import render

    long = " ".join(f"Sentence {i} of a very long statement about the harbour." for i in range(120))
    c = tmp_path / "long"
    c.mkdir()
    (c / "l.txt").write_text(f'Harbour\n\nOSLO, March 3, 2022 — "{long}" Ann Lee said.\n', encoding="utf-8")
    s = served(c, cfg)
    [st] = s.index.quote("Ann Lee").statements
    pages = render.context_pages(s.context(st.qid))
    assert len(pages) >= 4
    shown = "".join(p["embeds"][0]["description"] for p in pages).replace("**", "").replace("\n", " ")
    for i in (0, 60, 119):
        assert f"Sentence {i} of" in shown
    schemas = {4: "CreateMessageInteractionCallbackRequest", 7: "UpdateMessageInteractionCallbackRequest"}
    for p in render.interaction_responses(pages):
        assert p["data"]["flags"] & render.EPHEMERAL
        if SPEC.exists():
            assert not list(validator(schemas[p["type"]]).iter_errors(p))


# ---- corrections --------------------------------------------------------------------------

def test_a_correction_survives_reloads_restarts_and_re_extraction(corpus: Path, cfg: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    s = served(corpus, cfg, cache)
    qid = qid_of(s, "open door")
    assert s.index.find_quote(qid).speaker == "[Norwegian]"
    done = s.correct(qid, "stoltenburg", by="test")  # a typo of a speaker the corpus knows
    assert done.statement.speaker == "Jens Stoltenberg" and done.statement.corrected
    assert done.before == "[Norwegian]" and not done.new_speaker
    assert OPEN_DOOR in [st.text for st in s.index.quote("Stoltenberg").statements]
    assert s.index.who("open door")[0].statement.corrected

    def check(service: Service) -> None:
        st = service.index.find_quote(qid)
        assert (st.speaker, st.corrected) == ("Jens Stoltenberg", True)
        assert service.index.quote("Jens Stoltenberg").speaker.count == 2
        assert "[Norwegian]" not in {sp.name for sp in service.index.speakers()}

    s.reload()
    check(s)
    check(served(corpus, cfg, cache))  # a restart, from the cache
    check(served(corpus, cfg, None))  # no cache: extracted afresh
    # re-extraction of a changed article: the offsets move, the text stays
    (corpus / "oslo.txt").write_text(OSLO.replace("met the delegation", "met the large delegation"),
                                     encoding="utf-8")
    report = s.reload()
    assert report.articles_changed == ("oslo.txt",) and report.extracted == 1
    check(s)
    assert report.corrections_unmatched == ()


def test_a_hidden_quote_leaves_quote_who_and_the_counts_and_can_come_back(corpus: Path, cfg: Path) -> None:
    s = served(corpus, cfg)
    qid = qid_of(s, "vote close")
    before = len(s.index)
    done = s.hide(qid)
    assert done.statement.hidden
    assert s.index.who("vote would be close") == []
    assert "Ann Lee" not in {sp.name for sp in s.index.speakers()} and len(s.index) == before - 1
    with pytest.raises(NoSuchQuote):
        s.index.find_quote(qid)
    assert s.context(qid).statement.hidden  # (its context stays open to the admins)
    s.reload()
    assert s.index.who("vote would be close") == []
    # an admin's later word wins: a speaker shows it again
    s.correct(qid, "Ann Lee")
    assert s.index.find_quote(qid).speaker == "Ann Lee"
    [entry] = config.load_corrections(cfg / "corrections.yaml")
    assert entry.speaker == "Ann Lee" and not entry.hide


def test_a_correction_to_someone_new_creates_them(corpus: Path, cfg: Path) -> None:
    s = served(corpus, cfg)
    done = s.correct(qid_of(s, "open door"), "  Kari   Nordmann ")
    assert done.new_speaker and done.statement.speaker == "Kari Nordmann"
    assert s.index.quote("Nordmann").statements[0].text == OPEN_DOOR
    assert "Kari Nordmann" in s.reload().speakers_gained or \
        "Kari Nordmann" in {sp.name for sp in s.index.speakers()}


def test_an_ambiguous_name_is_refused_not_guessed(corpus: Path, cfg: Path) -> None:
    (corpus / "lee.txt").write_text('Lees\n\nLONDON, March 3, 2022 — "Rain again," Bo Lee said.\n', encoding="utf-8")
    s = served(corpus, cfg)
    with pytest.raises(QueryError, match="could be"):
        s.correct(qid_of(s, "open door"), "Lee")
    assert not (cfg / "corrections.yaml").exists()


def test_the_file_is_written_atomically_and_stays_human(corpus: Path, cfg: Path) -> None:
    path = cfg / "corrections.yaml"
    path.write_text("# Our own notes on corrections.\ncorrections: []\n", encoding="utf-8")
    s = served(corpus, cfg)
    s.correct(qid_of(s, "open door"), "Jens Stoltenberg", by="Discord user 42")
    s.hide(qid_of(s, "vote close"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our own notes on corrections.\n")  # the hand-written header kept
    data = yaml.safe_load(text)["corrections"]
    assert data[0] == {"article": "oslo.txt", "quote": OPEN_DOOR, "speaker": "Jens Stoltenberg",
                       "by": "Discord user 42", "date": data[0]["date"]}
    assert data[1]["hide"] is True and "speaker" not in data[1]
    assert [p.name for p in cfg.iterdir()] == ["corrections.yaml"]  # no temporary file left


def test_a_broken_file_stops_a_correction_and_a_reload_and_the_old_index_serves(corpus: Path, cfg: Path) -> None:
    s = served(corpus, cfg)
    qid = qid_of(s, "open door")
    path = cfg / "corrections.yaml"
    broken = "corrections:\n  - article: oslo.txt\n    quote: We will not compromise\n    speker: Ann Lee\n"
    path.write_text(broken, encoding="utf-8")
    serving = s.index
    with pytest.raises(ReloadError, match=r"corrections.yaml:4: corrections\[0\].speker: unknown key"):
        s.reload()
    assert s.index is serving
    with pytest.raises(ReloadError, match=r"corrections.yaml:4"):
        s.correct(qid, "Ann Lee")
    assert path.read_text(encoding="utf-8") == broken  # not overwritten
    path.write_text("corrections:\n  - article: oslo.txt\n    quote: x\n", encoding="utf-8")
    with pytest.raises(ReloadError, match=r"corrections.yaml:2: corrections\[0\]: give either speaker"):
        s.reload()


def test_hand_written_corrections_resolve_names_and_unmatched_ones_are_reported(corpus: Path, cfg: Path) -> None:
    (cfg / "corrections.yaml").write_text(
        "corrections:\n"
        "  - article: oslo.txt\n"
        "    quote: \"we will NOT compromise on the open door\"\n"  # case and punctuation aside
        "    speaker: stoltenberg\n"  # a surname, lower case
        "  - article: oslo.txt\n"
        "    quote: Words nobody said.\n"
        "    hide: true\n", encoding="utf-8")
    s = Service(corpus, cfg)
    report = s.reload()
    assert s.index.who("open door")[0].statement.speaker == "Jens Stoltenberg"
    assert report.corrections_unmatched == (("oslo.txt", "Words nobody said.", "hidden"),)
    assert report.to_json()["corrections_unmatched"] == [
        {"article": "oslo.txt", "quote": "Words nobody said.", "correction": "hidden"}]
    assert "Correction matching no quotation: oslo.txt: “Words nobody said.”" in report.summary()
    from bot.discord import render

    [page] = render.reload_page(report)
    assert any(f["name"] == "Corrections matching no quotation (1)" for f in page["embeds"][0]["fields"])
    # a name that could be two speakers: the reload says where, and the old index serves
    (corpus / "lee.txt").write_text('Lees\n\nLONDON, March 3, 2022 — "Rain again," Bo Lee said.\n'
                                    '"Sun again," Ann Lee said.\n', encoding="utf-8")
    s.reload()
    serving = s.index
    (cfg / "corrections.yaml").write_text(
        "corrections:\n  - article: oslo.txt\n    quote: We will not compromise on the open door\n"
        "    speaker: Lee\n", encoding="utf-8")
    with pytest.raises(ReloadError, match=r"corrections.yaml:2: speaker: “Lee” could be"):
        s.reload()
    assert s.index is serving


def test_corrections_are_keyed_by_article_and_words() -> None:
    a = Correction("a.txt", "“We will win,” ", speaker="X")
    assert a.key == correction_key("a.txt", "we will WIN") != correction_key("b.txt", "we will win")


def test_the_seeds_answer_context_and_a_correction(tmp_path: Path) -> None:
    cfg = tmp_path / "config"
    cfg.mkdir()
    for f in (ROOT / "config").glob("*.yaml"):
        (cfg / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    s = served(ROOT / "seeds", cfg)
    st = s.index.quote("Stoltenberg").statements[0]
    ctx = s.context(st.qid)
    marked = {k: ctx.text[a:b] for a, b, k in ctx.marks}
    assert marked["mention"] == "NATO Secretary General Jens Stoltenberg" and marked["cue"] == "said"
    assert s.correct(st.qid, "Wendy Sherman").statement.speaker == "Wendy Sherman"
    s.reload()
    assert st.text in [x.text for x in s.index.quote("Sherman").statements]


# ---- the command line and the console: the same calls ---------------------------------

def _cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin,
                         capture_output=True, text=True)
    return res.returncode, res.stdout, res.stderr


def test_the_command_line_shows_context_corrects_and_hides(corpus: Path, cfg: Path) -> None:
    import json

    s = served(corpus, cfg)
    door, vote = qid_of(s, "open door"), qid_of(s, "vote close")
    base = ("--config", str(cfg))
    where = ("--corpus", str(corpus), "--no-cache")
    rc, out, _ = _cli(*base, "context", door, *where)
    assert rc == 0 and f"\"[{OPEN_DOOR}]\" _said_ _the Norwegian_." in out and "confidence:" in out
    rc, out, _ = _cli(*base, "context", door, *where, "--json")
    data = json.loads(out)
    assert data["quote"]["id"] == door and {m["kind"] for m in data["marks"]} == {"quote", "cue", "mention"}
    rc, out, _ = _cli(*base, "correct", door, "--speaker", "Stoltenberg", *where, "--json")
    data = json.loads(out)
    assert rc == 0 and data["statement"]["speaker"] == "Jens Stoltenberg" and data["statement"]["corrected"]
    assert data["correction"]["by"] == "command line" and data["before"] == "[Norwegian]"
    rc, out, _ = _cli(*base, "hide", vote, *where)
    assert rc == 0 and out.startswith("Hidden: “the vote would be close”")
    # what the command line wrote, another process reads
    rc, out, _ = _cli(*base, "who", "open door", *where, "--json")
    [hit] = json.loads(out)["hits"]
    assert hit["speaker"] == "Jens Stoltenberg" and hit["corrected"] is True
    rc, out, _ = _cli(*base, "quote", "Ann Lee", *where)
    assert rc == 1 and "No speaker called" in _
    rc, out, err = _cli(*base, "context", "not-an-id", *where)
    assert rc == 1 and "No quotation with the id" in err and "Traceback" not in err


def test_the_console_takes_the_same_commands(corpus: Path, cfg: Path) -> None:
    s = served(corpus, cfg)
    door = qid_of(s, "open door")
    lines = (f"/context {door}\n/correct {door} Kari Nordmann\n/quote Nordmann\n"
             f"/hide quote:{door}\n/who open door\n/correct {door}\n")
    rc, out, err = _cli("--config", str(cfg), "console", "--corpus", str(corpus), "--no-cache", stdin=lines)
    assert "_said_ _the Norwegian_" in out and "Attribution as written" in out
    assert "Speaker corrected" in out and "Now said by Kari Nordmann" in out and "a new speaker" in out
    assert "━━ Kari Nordmann" in out and "speaker corrected by the server's admins" in out
    assert "━━ Hidden" in out and "Nobody in the corpus said anything like that." in out
    assert "/correct needs speaker" in out and "Traceback" not in out + err
    assert "by: console" in (cfg / "corrections.yaml").read_text(encoding="utf-8")
