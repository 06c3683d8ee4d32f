"""/add in Discord, offline: real discord.Interaction objects through the bot's own tree
(checks, option transformers, on_error), fetching from the loopback news site; every
payload checked against Discord's OpenAPI spec and limits."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from discord_fakes import MANAGE_GUILD, SPEC, command_interaction, patch_http, pretend_logged_in, validator
from newsserver import ARTICLE_TXT, Site
from test_discord import check_callback, within_limits

from bot.console import unescape
from bot.discord import render
from bot.discord.client import QuoteBot, command_payloads
from bot.discord.cog import QuoteCog
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]
HARBOUR = "/news/2023/03/17/harbour-strike-ends"


@pytest.fixture(scope="module")
def site():
    s = Site()
    yield s
    s.close()


def make_service(tmp_path: Path, private: bool) -> Service:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(seed, corpus)
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "bot.yaml").write_text(f"add_timeout: 2\nadd_max_bytes: 300000\n"
                                  f"add_private_hosts: {'true' if private else 'false'}\n", encoding="utf-8")
    s = Service(corpus, cfg)
    s.reload()
    return s


@pytest.fixture
def service(tmp_path: Path) -> Service:
    return make_service(tmp_path, private=True)


async def make_bot(service: Service) -> QuoteBot:
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    return b


async def run_add(bot: QuoteBot, options: list[dict[str, Any]], resolved: dict[str, Any] | None = None,
                  permissions: int = MANAGE_GUILD) -> None:
    interaction = command_interaction(bot, "add", permissions=permissions)
    # options as Discord sends them: a string is type 3, an attachment type 11 whose
    # value is its id, the attachment itself in data.resolved
    interaction.data["options"] = options  # type: ignore[index]
    if resolved:
        interaction.data["resolved"] = resolved  # type: ignore[index]
    await bot.tree._call(interaction)


def attachment(url: str, filename: str, size: int, content_type: str | None = "text/plain") -> tuple[list, dict]:
    data = {"id": "555", "filename": filename, "size": size, "url": url, "proxy_url": url}
    if content_type:
        data["content_type"] = content_type
    return [{"type": 11, "name": "file", "value": "555"}], {"attachments": {"555": data}}


def check_followup(payload: dict[str, Any]) -> None:
    if SPEC.exists():
        errors = sorted(validator("IncomingWebhookRequestPartial").iter_errors(payload), key=str)
        assert not errors, errors[0].message
    within_limits(payload)


def said(payload: dict[str, Any]) -> str:
    e = payload["embeds"][0]
    return unescape(e["title"] + "\n" + e.get("description", "") + "\n"
                    + "\n".join(f["name"] + " " + f["value"] for f in e.get("fields", ())))


async def test_an_admin_adds_a_page_and_sees_its_quotes(service: Service, site: Site, monkeypatch) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    await run_add(bot, [{"type": 3, "name": "url", "value": site.url(HARBOUR)}])
    [deferred] = http.callbacks
    check_callback(deferred)
    assert deferred["type"] == 5 and deferred["data"]["flags"] & render.EPHEMERAL
    [reply] = http.followups
    check_followup(reply)
    assert reply["flags"] & render.EPHEMERAL
    text = said(reply)
    assert text.startswith("Added: Harbour strike ends after talks run through the night\n")
    assert "The Northern Ledger · 2023-03-17 · by Helen Marsh" in text
    assert "Saved as `2023-03-17-harbour-strike-ends-after-talks-run-through-the-night.md`" in text
    assert "Maria Lindqvist (direct quote) “Nobody wanted this" in text
    assert "Tom Okafor — regional secretary of the Dockers’ Union (direct quote)" in text
    assert "PortWatcher77" not in text and "Mortgage" not in text
    assert (service.corpus / "2023-03-17-harbour-strike-ends-after-talks-run-through-the-night.md").is_file()
    assert service.index.quote("Lindqvist").statements


async def test_an_attached_file_is_added(service: Service, site: Site, monkeypatch) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    options, resolved = attachment(site.url("/ferry-fares.txt"), "ferry-fares.txt", len(ARTICLE_TXT))
    await run_add(bot, options, resolved)
    [reply] = http.followups
    check_followup(reply)
    text = said(reply)
    assert text.startswith("Added: Ferry fares to rise by a fifth from June")
    assert "Ewan Grant (direct quote)" in text and "Moira Sutherland (direct quote)" in text
    # the attachment's address is Discord's, and expires: not the article's url
    saved = (service.corpus / "ferry-fares-to-rise-by-a-fifth-from-june.md").read_text(encoding="utf-8")
    assert "url:" not in saved and "127.0.0.1" not in saved


async def test_a_member_who_is_no_admin_is_refused_privately_and_nothing_is_fetched(
        service: Service, site: Site, monkeypatch) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    fetched = site.hits[HARBOUR]
    files = sorted(p.name for p in service.corpus.iterdir())
    await run_add(bot, [{"type": 3, "name": "url", "value": site.url(HARBOUR)}], permissions=0)
    [refusal] = http.callbacks
    check_callback(refusal)
    assert refusal["type"] == 4 and refusal["data"]["flags"] & render.EPHEMERAL
    assert "can use /add" in refusal["data"]["embeds"][0]["description"]
    assert site.hits[HARBOUR] == fetched
    assert sorted(p.name for p in service.corpus.iterdir()) == files


@pytest.mark.parametrize(("options", "resolved", "why"), [
    ([], None, "Give the article's url or attach its file (.html, .txt or .md), one of them."),
    (*attachment("http://127.0.0.1:9/story.pdf", "story.pdf", 1000, "application/pdf"),
     "story.pdf: not an article file (attach .html, .txt or .md)"),
    (*attachment("http://127.0.0.1:9/big.html", "big.html", 10_000_000, "text/html"),
     "big.html: too large (10,000,000 bytes; at most 300,000)"),
])
async def test_a_wrong_request_is_refused_before_anything_is_fetched(
        service: Service, monkeypatch, options, resolved, why) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    await run_add(bot, options, resolved)
    [refusal] = http.callbacks
    check_callback(refusal)
    assert refusal["data"]["flags"] & render.EPHEMERAL
    assert unescape(refusal["data"]["embeds"][0]["description"]) == why


@pytest.mark.parametrize(("path", "why"), [
    ("/missing", "the server answered 404 Not Found"),
    ("/photo.png", "not an article: the server sent image/png"),
    ("/news", "not an article: too little running text"),
])
async def test_a_refusal_after_the_fetch_says_why_privately(service: Service, site: Site, monkeypatch,
                                                            path: str, why: str) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    await run_add(bot, [{"type": 3, "name": "url", "value": site.url(path)}])
    [reply] = http.followups
    check_followup(reply)
    assert reply["flags"] & render.EPHEMERAL and reply["embeds"][0]["title"] == "Sorry"
    text = unescape(reply["embeds"][0]["description"])
    assert text.startswith(f"{site.url(path)}: {why}") and "Traceback" not in text


async def test_the_same_page_twice_is_refused(service: Service, site: Site, monkeypatch) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    fetched = site.hits[HARBOUR]
    for _ in range(2):
        await run_add(bot, [{"type": 3, "name": "url", "value": site.url(HARBOUR)}])
    assert site.hits[HARBOUR] == fetched + 1  # (the second time, the corpus answered)
    refusal = http.followups[-1]
    check_followup(refusal)
    assert unescape(refusal["embeds"][0]["description"]) == (
        f"{site.url(HARBOUR)}: already in the corpus as "
        "2023-03-17-harbour-strike-ends-after-talks-run-through-the-night.md (the same address)")


async def test_loopback_is_refused_from_discord_unless_the_settings_allow_it(
        tmp_path: Path, site: Site, monkeypatch) -> None:
    service = make_service(tmp_path, private=False)
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    fetched = site.hits[HARBOUR]
    await run_add(bot, [{"type": 3, "name": "url", "value": site.url(HARBOUR)}])
    [reply] = http.followups
    check_followup(reply)
    assert "local or private address" in unescape(reply["embeds"][0]["description"])
    assert site.hits[HARBOUR] == fetched


async def test_a_title_with_mentions_is_shown_as_text(service: Service, site: Site, monkeypatch) -> None:
    bot = await make_bot(service)
    http = patch_http(monkeypatch)
    await run_add(bot, [{"type": 3, "name": "url", "value": site.url("/mentions")}])
    [reply] = http.followups
    check_followup(reply)
    raw = str(reply)
    assert "Mayor" in reply["embeds"][0]["title"]
    assert "<@123456789012345678>" not in raw and "@everyone" not in raw.replace("@\u200beveryone", "")
    assert reply["allowed_mentions"] == {"parse": []}


def test_the_add_command_payload(service: Service) -> None:
    [add] = [p for p in command_payloads(service) if p["name"] == "add"]
    if SPEC.exists():
        errors = list(validator("ApplicationCommandCreateRequest").iter_errors(add))
        assert not errors, errors[0].message
    assert [(o["name"], o["type"], o.get("required", False)) for o in add["options"]] == [
        ("url", 3, False), ("file", 11, False)]
    assert int(add["default_member_permissions"]) == MANAGE_GUILD
    assert add["contexts"] == [0]  # (servers only)
