"""/who's filters and /quote about: on Discord, offline: the options Discord is given,
the replies it accepts, autocomplete for outlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from discord_fakes import SPEC, patch_http, pretend_logged_in, run_command, validator
from test_discord import check_callback

from bot.discord import render
from bot.discord.client import QuoteBot, command_payloads
from bot.discord.cog import QuoteCog
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
async def bot() -> QuoteBot:
    service = Service(ROOT / "seeds", ROOT / "config")
    service.reload()
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    return b


@pytest.mark.skipif(not SPEC.exists(), reason="Discord's OpenAPI spec not found")
def test_the_options_discord_is_given(bot: QuoteBot) -> None:
    by_name = {p["name"]: p for p in command_payloads(bot.service)}
    check = validator("ApplicationCommandCreateRequest")
    assert not list(check.iter_errors(by_name["who"])) and not list(check.iter_errors(by_name["quote"]))
    who = {o["name"]: o for o in by_name["who"]["options"]}
    assert list(who) == ["phrase", "speaker", "outlet", "since", "until"]
    assert who["speaker"]["autocomplete"] and who["outlet"]["autocomplete"] and not who["outlet"].get("required")
    assert [o["name"] for o in by_name["quote"]["options"]] == ["speaker", "kind", "since", "until", "about"]


async def test_who_with_filters_and_quote_about(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "who", options={"phrase": "security guarantees", "outlet": "tass", "since": "2022-01-05"})
    await run_command(bot, "quote", options={"speaker": "Stoltenberg", "about": "russian representation"})
    who, about = http.callbacks
    for p in (who, about):
        check_callback(p)
    fields = who["data"]["embeds"][0]["fields"]
    assert all("TASS" in f["value"] and "2022-01-10" in f["value"] for f in fields)
    assert who["data"]["embeds"][0]["footer"]["text"].endswith("outlet: tass · since: 2022-01-05")
    [field] = about["data"]["embeds"][0]["fields"]
    assert "**Russian** **representation**" in field["value"]
    assert "best match for “russian representation” first" in about["data"]["embeds"][0]["footer"]["text"]


async def test_a_bad_filter_is_a_private_reply_naming_the_option(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "who", options={"phrase": "guarantees", "until": "2022-01-40"})
    await run_command(bot, "who", options={"phrase": "guarantees", "outlet": "BBC"})
    for p in http.callbacks:
        check_callback(p)
        assert p["data"]["flags"] & render.EPHEMERAL
    assert [p["data"]["embeds"][0]["description"].split(":")[0] for p in http.callbacks] == ["until", "outlet"]


async def test_outlets_autocomplete(bot: QuoteBot, monkeypatch) -> None:
    http = patch_http(monkeypatch)
    await run_command(bot, "who", options={"phrase": "x", "outlet": "sput"}, autocomplete_focus="outlet")
    await run_command(bot, "who", options={"phrase": "x", "speaker": "ush"}, autocomplete_focus="speaker")
    outlets, speakers = http.callbacks
    for p in (outlets, speakers):
        check_callback(p)
    assert [c["value"] for c in outlets["data"]["choices"]] == ["Sputnik (via Ru-Main)"]
    assert speakers["data"]["choices"][0]["value"] == "Yury Ushakov"
