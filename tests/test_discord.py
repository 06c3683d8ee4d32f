"""The Discord face, offline: every payload the bot sends is checked against Discord's
own OpenAPI spec (../shared/discord-api/openapi.json) and its size limits."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
from pathlib import Path

import pytest
from discord_fakes import (
    MANAGE_GUILD,
    SPEC,
    Recorder,
    component_interaction,
    patch_http,
    pretend_logged_in,
    run_command,
    validator,
)

from bot.console import unescape
from bot.discord import render
from bot.discord.client import QuoteBot, command_payloads, read_token
from bot.discord.cog import QuoteCog
from bot.index import ArticleInfo, QuoteIndex
from bot.models import Quote
from bot.service import ReloadBusy, Service

ROOT = Path(__file__).resolve().parents[1]
needs_spec = pytest.mark.skipif(not SPEC.exists(), reason=f"Discord's OpenAPI spec not found at {SPEC}")


def within_limits(data: dict) -> None:
    embeds = data.get("embeds") or []
    assert len(embeds) <= 10
    assert sum(render.embed_size(e) for e in embeds) <= render.EMBED_TOTAL_MAX
    for e in embeds:
        assert len(e.get("title", "")) <= 256 and len(e.get("description", "")) <= 4096
        assert len(e.get("fields", [])) <= 25
        for f in e.get("fields", []):
            assert len(f["name"]) <= 256 and len(f["value"]) <= 1024 and f["value"].strip()
    assert data.get("allowed_mentions") == {"parse": []}


def check_callback(payload: dict) -> None:
    schema = {4: "CreateMessageInteractionCallbackRequest", 5: "CreateMessageInteractionCallbackRequest",
              7: "UpdateMessageInteractionCallbackRequest",
              8: "ApplicationCommandAutocompleteCallbackRequest"}[payload["type"]]
    if SPEC.exists():
        errors = sorted(validator(schema).iter_errors(payload), key=str)
        assert not errors, errors[0].message
    if payload["type"] in (4, 7) and payload.get("data"):
        within_limits(payload["data"])


@pytest.fixture
def service() -> Service:
    s = Service(ROOT / "seeds", ROOT / "config")
    s.reload()
    return s


@pytest.fixture
async def bot(service: Service) -> QuoteBot:
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    return b


def _q(aid: str, text: str, speaker: str, start: int = 0, kind: str = "direct") -> Quote:
    return Quote(aid, [(start, start + len(text))], text, kind, speaker=speaker,  # type: ignore[arg-type]
                 speaker_kind="person", speaker_role="Minister of *Everything* @here")


def worst_case_index() -> QuoteIndex:
    long = ("The *open* door `stays` open, **whatever** they say. @everyone <@123> ~~strike~~ " * 70)[:5000]
    entries = [(ArticleInfo("long.txt", "A [very] *long* title " * 20, "Outlet_with_underscores",
                            dt.date(2022, 1, 12), "https://example.org/a?b=c"),
                [_q("long.txt", long, "Ann @everyone Lee")])]
    many = [_q("many.txt", f"Statement {i} on the open door and **markdown** @here.", "Bo Park", start=i * 80)
            for i in range(300)]
    entries.append((ArticleInfo("many.txt", "Many", "Outlet", dt.date(2022, 1, 10), None), many))
    return QuoteIndex.build(entries)


@needs_spec
def test_command_payloads_are_what_discord_accepts(service: Service) -> None:
    payloads = command_payloads(service)
    check = validator("ApplicationCommandCreateRequest")
    for p in payloads:
        errors = list(check.iter_errors(p))
        assert not errors, (p["name"], errors[0].message)
    by_name = {p["name"]: p for p in payloads}
    assert set(by_name) == {"quote", "who", "context", "timeline", "export", "speakers", "sources", "about",
                            "correct", "hide", "reload", "add"}
    assert by_name["quote"]["options"][0]["autocomplete"] is True
    for admin in ("reload", "correct", "hide", "add"):
        assert int(by_name[admin]["default_member_permissions"]) == MANAGE_GUILD


async def test_quote_replies_with_pages_only_the_asker_can_turn(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "quote", options={"speaker": "stoltenburg"}, user_id=42)
    [reply] = http.callbacks
    check_callback(reply)
    data = reply["data"]
    assert reply["type"] == 4 and data["embeds"][0]["title"].startswith("Jens Stoltenberg")
    buttons = data["components"][-1]["components"]  # (the Context buttons' rows come first)
    assert [b["label"] for b in buttons] == ["First", "Previous", "Next", "Last"]
    # the message the buttons are on came back with the reply: not fetched again
    assert [m for m, _, _ in http.calls] == ["POST"]
    # someone else presses Next: refused, privately; the owner presses it: page 2
    stored = bot._connection._view_store
    message_id = next(k for k in stored._synced_message_views)
    next_id = buttons[2]["custom_id"]
    stored.dispatch_view(2, next_id, component_interaction(bot, next_id, message_id, user_id=99))
    await asyncio.sleep(0.05)
    refusal = http.callbacks[-1]
    assert refusal["type"] == 4 and refusal["data"]["flags"] & render.EPHEMERAL
    stored.dispatch_view(2, next_id, component_interaction(bot, next_id, message_id, user_id=42))
    await asyncio.sleep(0.05)
    turned = http.callbacks[-1]
    check_callback(turned)
    assert turned["type"] == 7 and "Page 2/" in turned["data"]["embeds"][0]["footer"]["text"]


async def test_who_and_lists_and_about(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "who", options={"phrase": "opne door"})
    await run_command(bot, "speakers")
    await run_command(bot, "sources")
    await run_command(bot, "about")
    who, speakers, sources, about = http.callbacks
    for p in (who, speakers, sources, about):
        check_callback(p)
    assert who["data"]["embeds"][0]["fields"][0]["name"].startswith("1. Jens Stoltenberg")
    assert "**open**" in who["data"]["embeds"][0]["fields"][0]["value"]
    assert about["data"]["flags"] & render.EPHEMERAL


async def test_autocomplete_answers_within_limits(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "quote", options={"speaker": "sto"}, autocomplete_focus="speaker")
    [answer] = http.callbacks
    assert answer["type"] == 8
    check_callback(answer)
    assert answer["data"]["choices"][0]["name"] == "Jens Stoltenberg"


async def test_worst_cases_still_fit(bot: QuoteBot, service: Service, monkeypatch) -> None:
    service.index = worst_case_index()
    http = patch_http(monkeypatch)
    await run_command(bot, "quote", options={"speaker": "Lee"})
    await run_command(bot, "quote", options={"speaker": "Bo Park"})
    await run_command(bot, "who", options={"phrase": "open door markdown"})
    for p in http.callbacks:
        check_callback(p)
    long_reply = http.callbacks[0]["data"]["embeds"][0]
    text = long_reply.get("description", "")
    assert "…" in text and "\\*open\\*" in text  # shortened, and its markdown shown as text
    assert "@everyone" not in text.replace("@\u200beveryone", "")  # defused, and nobody pinged anyway
    # every page of the 300-statement speaker, as the buttons would show them
    pages = render.quote_pages(service.index.quote("Bo Park"), service.settings.bot.page_size)
    assert len(pages) == 60
    for p in render.interaction_responses(pages):
        check_callback(p)
    choices = render.choices(["x" * 300] * 40)
    assert len(choices) == 25 and all(len(c["name"]) <= 100 for c in choices)


async def test_unknown_speaker_is_a_short_private_reply(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "quote", options={"speaker": "Zbigniew Nobody"})
    await run_command(bot, "quote", options={"speaker": "Stoltenberg", "since": "12/01/2022"})
    for p in http.callbacks:
        check_callback(p)
        assert p["data"]["flags"] & render.EPHEMERAL
    assert "Zbigniew Nobody" in http.callbacks[0]["data"]["embeds"][0]["description"]
    assert "YYYY-MM-DD" in http.callbacks[1]["data"]["embeds"][0]["description"]


async def test_a_bug_reaches_the_log_not_the_user(bot: QuoteBot, monkeypatch, caplog) -> None:
    from bot.discord import answers

    def broken(*_):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(answers, "who", broken)
    http = patch_http(monkeypatch)
    with caplog.at_level(logging.ERROR):
        await run_command(bot, "who", options={"phrase": "anything"})
    [reply] = http.callbacks
    check_callback(reply)
    assert "secret internals" not in str(reply) and "Traceback" not in str(reply)
    assert "secret internals" in caplog.text


async def test_reload_is_guarded_at_run_time(bot: QuoteBot, service: Service, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    last = service.last_report
    await run_command(bot, "reload", permissions=0)  # the command is visible but the member may not
    assert service.last_report is last
    refusal = http.callbacks[-1]
    check_callback(refusal)
    assert refusal["data"]["flags"] & render.EPHEMERAL
    assert "reload" in refusal["data"]["embeds"][0]["description"]
    await run_command(bot, "reload", guild=False)  # not in direct messages either
    assert service.last_report is last
    await run_command(bot, "reload", permissions=MANAGE_GUILD)
    assert service.last_report is not last
    done = http.followups[-1]
    assert done["embeds"][0]["title"] == "Reloaded" and done["flags"] & render.EPHEMERAL


async def test_reload_by_a_listed_admin_and_two_at_once(tmp_path: Path, monkeypatch) -> None:
    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "bot.yaml").write_text("admin_users: [77]\n", encoding="utf-8")
    service = Service(ROOT / "seeds", cfg)
    service.reload()
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    real = Service._reload
    gate = asyncio.Event()
    loop = asyncio.get_running_loop()

    def slow(self):
        asyncio.run_coroutine_threadsafe(gate.wait(), loop).result(5)
        return real(self)

    monkeypatch.setattr(Service, "_reload", slow)
    http = patch_http(monkeypatch)
    first = asyncio.create_task(run_command(b, "reload", user_id=77))  # no Manage Server, but listed
    await asyncio.sleep(0.1)
    assert service.reloading
    await run_command(b, "reload", user_id=77)
    gate.set()
    await first
    said = [unescape(f["embeds"][0].get("description", "")) + f["embeds"][0]["title"] for f in http.followups]
    assert len(said) == 2
    assert any("already running" in t for t in said) and any("Reloaded" in t for t in said)
    with pytest.raises(ReloadBusy), service._lock:
        service.reload()


async def test_a_reload_with_a_broken_config_says_why_and_keeps_serving(
        tmp_path: Path, monkeypatch) -> None:
    cfg = tmp_path / "config"
    cfg.mkdir()
    service = Service(ROOT / "seeds", cfg)
    service.reload()
    serving = service.index
    (cfg / "bot.yaml").write_text("page_size: lots\n", encoding="utf-8")
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    http = patch_http(monkeypatch)
    await run_command(b, "reload", permissions=MANAGE_GUILD)
    assert service.index is serving
    [msg] = http.followups
    said = unescape(msg["embeds"][0]["description"])
    assert "bot.yaml" in said and "page_size" in said


def test_token_comes_from_the_environment_or_dotenv(tmp_path: Path) -> None:
    assert read_token({"DISCORD_TOKEN": " abc "}, tmp_path / ".env") == "abc"
    (tmp_path / ".env").write_text("# local\nexport DISCORD_TOKEN='xyz'\n", encoding="utf-8")
    assert read_token({}, tmp_path / ".env") == "xyz"
    assert read_token({}, tmp_path / "missing.env") is None


def test_an_uncertain_speaker_is_shown_as_such_not_named() -> None:
    q = _q("u.txt", "The open door stays open.", "Ann Lee")
    q.confidence = 0.2
    ix = QuoteIndex.build([(ArticleInfo("u.txt", "U", "Outlet", dt.date(2022, 1, 3), None), [q])],
                          min_confidence=0.5)
    [page] = render.who_pages("open door", ix.who("open door"))
    field = page["embeds"][0]["fields"][0]
    assert field["name"].startswith("1. speaker uncertain") and "Ann Lee" not in str(page)
    for p in render.interaction_responses([page]):
        check_callback(p)


@pytest.mark.parametrize(("line", "command", "options"), [
    ("/who Russia doesn't have a veto", "who", {"phrase": "Russia doesn't have a veto"}),
    ("/quote O'Brien", "quote", {"speaker": "O'Brien"}),
    ('/who phrase:"open door"', "who", {"phrase": "open door"}),
    ("/who “open   door”", "who", {"phrase": "open door"}),
    ('/who "an unclosed phrase', "who", {"phrase": "an unclosed phrase"}),
    ("/quote Jens Stoltenberg kind:direct", "quote", {"speaker": "Jens Stoltenberg", "kind": "direct"}),
    ("/who note: this", "who", {"phrase": "note: this"}),
])
def test_a_console_line_is_read_as_discord_reads_options(line: str, command: str, options: dict) -> None:
    from bot.discord.answers import parse_line

    inv = parse_line(line)
    assert (inv.command, inv.options) == (command, options)


def test_an_unknown_option_is_an_error_naming_it_not_part_of_the_name() -> None:
    from bot.discord.answers import parse_line
    from bot.index import QueryError

    with pytest.raises(QueryError, match="no option “foo”; its options: speaker, kind, since, until, about"):
        parse_line("/quote Stoltenberg foo:bar")


def test_mention_syntax_in_a_title_or_name_is_shown_as_text() -> None:
    shown = render.safe("Title <@123> and <#55>, <@&9>, </quote:1> @everyone")
    assert "<@1" not in shown and "<#5" not in shown and "<@&" not in shown and "</q" not in shown
    assert "@everyone" not in shown
    q = _q("t.txt", "A remark.", "Ann <@123> Lee")
    ix = QuoteIndex.build([(ArticleInfo("t.txt", "On <@456> and <#789>", "Outlet", dt.date(2022, 1, 3), None), [q])])
    page = str(render.who_pages("remark", ix.who("remark")))
    assert "<@456>" not in page and "<#789>" not in page and "<@123>" not in page


def test_the_reload_reply_names_the_files_once_and_the_warnings() -> None:
    from bot.index import ReloadReport

    added = tuple(f"new{i:02d}.txt" for i in range(14))
    report = ReloadReport(articles_added=added, articles_changed=("b.txt",), articles_removed=("c.txt",),
                          quotes_before=3, quotes_after=40, failed=(("empty.txt", "empty file"),),
                          warnings=("latin.txt: not UTF-8; read as cp1252",))
    [page] = render.reload_page(report)
    fields = {f["name"]: f["value"] for f in page["embeds"][0]["fields"]}
    assert fields["Added (14)"].startswith("new00.txt, new01.txt") and fields["Added (14)"].endswith("and 4 more")
    assert fields["Changed (1)"] == "b.txt" and fields["Removed (1)"] == "c.txt"
    assert fields["Could not read (1)"] == "empty.txt: empty file"
    assert fields["Warnings (1)"] == "latin.txt: not UTF-8; read as cp1252"
    for p in render.interaction_responses([page]):
        check_callback(p)


def test_a_file_that_cannot_be_read_is_named_once_relative_to_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "empty.txt").write_bytes(b"")
    (corpus / "ok.txt").write_text('Title\n\n"Fine words," Ann Lee said.\n', encoding="utf-8")
    (tmp_path / "cfg").mkdir()
    report = Service(corpus, tmp_path / "cfg").reload()
    assert report.failed == (("sub/empty.txt", "empty file"),)
    assert not any("empty" in w for w in report.warnings)


async def _slow_who(service: Service, monkeypatch, then) -> tuple[Recorder, asyncio.Task, threading.Event, QuoteBot]:
    """/who whose answer waits for a gate (then does `then`): the bot defers meanwhile.
    Returns once the deferral has been sent."""
    from bot.discord import answers

    gate = threading.Event()

    def slow(svc: Service, phrase: str, *filters: str | None):
        gate.wait(30)  # (until the deferral has been seen)
        return then(svc, phrase, *filters)

    monkeypatch.setattr(answers, "who", slow)
    b = QuoteBot(service, defer_after=0.05)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    http = patch_http(monkeypatch)
    running = asyncio.create_task(run_command(b, "who", options={"phrase": "open door"}))
    async with asyncio.timeout(30):
        while not http.callbacks:
            await asyncio.sleep(0.01)
    return http, running, gate, b


async def test_an_answer_not_ready_in_time_is_deferred_and_followed_up(service: Service, monkeypatch) -> None:
    """Discord drops an interaction not acknowledged within 3 seconds: a slow answer is
    deferred first. The answer is worked out off the event loop meanwhile."""
    from bot.discord import answers

    http, running, gate, b = await _slow_who(service, monkeypatch, answers.who)
    [deferral] = http.callbacks
    assert deferral["type"] == 5 and not http.followups
    gate.set()
    await asyncio.wait_for(running, 30)
    [answer] = http.followups
    assert answer["embeds"][0]["fields"][0]["name"].startswith("1. Jens Stoltenberg")
    await b.close()


async def test_an_error_after_a_deferral_reaches_the_asker_alone(service: Service, monkeypatch) -> None:
    """A slow answer is deferred in public ("thinking..."); if it then fails, the error must
    not take the placeholder's place before the whole channel: the placeholder is deleted
    and the error sent privately."""
    from bot.index import QueryError

    def failing(svc: Service, phrase: str, *filters: str | None):
        raise QueryError("No statement like that.")

    http, running, gate, b = await _slow_who(service, monkeypatch, failing)
    [deferral] = http.callbacks
    assert deferral["type"] == 5 and not deferral.get("data", {}).get("flags")  # public
    gate.set()
    await asyncio.wait_for(running, 30)
    deletes = [path for m, path, _ in http.calls if m == "DELETE" and path.endswith("/messages/@original")]
    [error] = http.followups
    assert len(deletes) == 1 and http.calls.index(("DELETE", deletes[0], None)) < len(http.calls) - 1
    assert error["flags"] & render.EPHEMERAL and "No statement like that" in error["embeds"][0]["description"]
    await b.close()
