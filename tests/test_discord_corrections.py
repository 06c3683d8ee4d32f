"""Issue 15 in Discord: the Context button and /context, /correct and /hide (admins only,
checked when they run). Every payload is checked against Discord's OpenAPI spec."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from discord_fakes import (
    MANAGE_GUILD,
    SPEC,
    component_interaction,
    patch_http,
    pretend_logged_in,
    run_command,
    validator,
)

from bot.console import unescape
from bot.discord import render
from bot.discord.client import QuoteBot
from bot.discord.cog import QuoteCog
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = {4: "CreateMessageInteractionCallbackRequest", 5: "CreateMessageInteractionCallbackRequest",
           7: "UpdateMessageInteractionCallbackRequest"}


def valid(payload: dict) -> dict:
    if SPEC.exists():
        errors = sorted(validator(SCHEMAS[payload["type"]]).iter_errors(payload), key=str)
        assert not errors, errors[0].message
    data = payload.get("data") or {}
    assert data.get("allowed_mentions") == {"parse": []}
    for e in data.get("embeds", ()):
        assert render.embed_size(e) <= render.EMBED_TOTAL_MAX and len(e.get("description", "")) <= 4096
    return payload


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    d = tmp_path / "config"
    d.mkdir()
    (d / "bot.yaml").write_text("admin_users: [77]\n", encoding="utf-8")
    return d


@pytest.fixture
async def bot(cfg: Path) -> QuoteBot:
    service = Service(ROOT / "seeds", cfg)
    service.reload()
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    return b


def first_id(bot: QuoteBot, speaker: str = "Stoltenberg") -> str:
    return bot.service.index.quote(speaker).statements[0].qid


async def test_correct_and_hide_are_refused_to_members_at_run_time(bot: QuoteBot, cfg: Path, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    qid = first_id(bot)
    serving = bot.service.index
    await run_command(bot, "correct", options={"quote": qid, "speaker": "Wendy Sherman"}, permissions=0)
    await run_command(bot, "hide", options={"quote": qid}, permissions=0)
    await run_command(bot, "hide", options={"quote": qid}, guild=False, user_id=77)  # not in DMs either
    assert bot.service.index is serving and not (cfg / "corrections.yaml").exists()
    refusals = http.callbacks
    assert len(refusals) == 3
    for p in refusals:
        valid(p)
        assert p["data"]["flags"] & render.EPHEMERAL
    assert "/correct" in refusals[0]["data"]["embeds"][0]["description"]
    assert "/hide" in refusals[1]["data"]["embeds"][0]["description"]


async def test_an_admin_corrects_and_hides_and_it_is_shown_as_such(bot: QuoteBot, cfg: Path, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    qid = first_id(bot)
    await run_command(bot, "correct", options={"quote": qid, "speaker": "wendy sherman"}, permissions=MANAGE_GUILD)
    [deferred] = http.callbacks
    assert deferred["type"] == 5 and deferred["data"]["flags"] & render.EPHEMERAL
    done = http.followups[-1]
    assert done["flags"] & render.EPHEMERAL and done["embeds"][0]["title"] == "Speaker corrected"
    assert "Wendy Sherman" in done["embeds"][0]["description"]
    assert bot.service.index.find_quote(qid).speaker == "Wendy Sherman"
    assert "by: Discord user 42" in (cfg / "corrections.yaml").read_text(encoding="utf-8")
    # the reply to /quote says who corrected it
    await run_command(bot, "quote", options={"speaker": "Sherman"})
    page = valid(http.callbacks[-1])["data"]["embeds"][0]
    assert any(render.CORRECTED in f["value"] and qid in f["value"] for f in page["fields"])
    # a listed admin without Manage Server may hide
    await run_command(bot, "hide", options={"quote": qid}, user_id=77)
    assert http.followups[-1]["embeds"][0]["title"] == "Hidden"
    assert qid not in str([h.statement.qid for h in bot.service.index.who("easy discussion")])


async def test_a_correction_of_an_unknown_quote_is_a_short_private_reply(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "correct", options={"quote": "0000000000", "speaker": "X"}, permissions=MANAGE_GUILD)
    said = unescape(http.followups[-1]["embeds"][0]["description"])
    assert "No quotation with the id “0000000000”" in said and "Traceback" not in said
    assert http.followups[-1]["flags"] & render.EPHEMERAL


async def test_the_context_button_opens_the_quote_in_its_article_for_the_asker_only(bot: QuoteBot,
                                                                                    monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "who", options={"phrase": "not an easy discussion"}, user_id=42)
    reply = valid(http.callbacks[0])
    buttons = [b for row in reply["data"]["components"] for b in row["components"]]
    assert buttons[0]["label"] == "Context 1" and buttons[0]["custom_id"].startswith("context:1:")
    qid = buttons[0]["custom_id"].rsplit(":", 1)[1]
    assert qid in reply["data"]["embeds"][0]["fields"][0]["value"]  # (the id is shown for /correct)
    stored = bot._connection._view_store
    message_id = next(iter(stored._synced_message_views))
    custom_id = buttons[0]["custom_id"]
    stored.dispatch_view(2, custom_id, component_interaction(bot, custom_id, message_id, user_id=99))
    await asyncio.sleep(0.05)
    refusal = http.callbacks[-1]
    assert refusal["data"]["flags"] & render.EPHEMERAL and "belong to the person who asked" in str(refusal)
    stored.dispatch_view(2, custom_id, component_interaction(bot, custom_id, message_id, user_id=42))
    await asyncio.sleep(0.05)
    shown = valid(http.callbacks[-1])
    assert shown["type"] == 4 and shown["data"]["flags"] & render.EPHEMERAL
    embed = shown["data"]["embeds"][0]
    assert "**This was not an easy discussion" in embed["description"]
    assert "__NATO Secretary General Jens Stoltenberg__" in embed["description"] and "__said__" in embed["description"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "Jens Stoltenberg" in fields["Said by"] and "%" in fields["Confidence"]
    assert qid in embed["footer"]["text"]


async def test_context_command_and_its_errors(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    qid = first_id(bot)
    await run_command(bot, "context", options={"quote": qid.upper()})
    await run_command(bot, "context", options={"quote": "nonsense"})
    ok, bad = (valid(p) for p in http.callbacks)
    assert ok["data"]["flags"] & render.EPHEMERAL
    assert ok["data"]["embeds"][0]["title"] == "NATO-Russia Council step forward"
    assert bad["data"]["flags"] & render.EPHEMERAL and "No quotation with the id" in unescape(
        bad["data"]["embeds"][0]["description"])


def test_every_quote_page_carries_its_context_buttons_within_discords_limits(bot: QuoteBot) -> None:
    service = bot.service
    pages = render.quote_pages(service.index.quote("Stoltenberg"), 10)
    responses = render.interaction_responses(pages)
    numbers = []
    for p in responses:
        valid(p)
        rows = p["data"]["components"]
        assert len(rows) <= 5 and all(len(r["components"]) <= 5 for r in rows)
        numbers += [int(b["label"].split()[1]) for r in rows[:-1] for b in r["components"]]
    assert numbers == list(range(1, len(service.index.quote("Stoltenberg").statements) + 1))
