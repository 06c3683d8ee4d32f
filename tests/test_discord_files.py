"""/timeline and /export on Discord, offline: the file goes as a multipart part beside a
payload_json that Discord's OpenAPI spec accepts, and errors stay private."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from discord.webhook.async_ import AsyncWebhookAdapter
from discord_fakes import SPEC, command_interaction, patch_http, pretend_logged_in, run_command, validator
from test_discord import check_callback, within_limits
from test_timeline import big_and_small, png_size

from bot.console import run_line, save_files
from bot.discord import answers, render
from bot.discord.client import QuoteBot, command_payloads
from bot.discord.cog import QuoteCog
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]


class FileRecorder:
    """Like discord_fakes.Recorder, keeping each request's multipart files too."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.files: list[list[dict[str, Any]]] = []

    async def request(self, route, session=None, *, payload=None, multipart=None, files=None, **kw: Any):
        parts = [{"name": p["name"], "filename": p.get("filename"), "data": p["value"].read()}
                 for p in (multipart or ())[1:]]
        for p in (multipart or ())[1:]:
            p["value"].seek(0)
        self.files.append(parts)
        return await self.inner.request(route, session, payload=payload, multipart=multipart, files=files, **kw)


@pytest.fixture
async def bot() -> QuoteBot:
    service = Service(ROOT / "seeds", ROOT / "config")
    service.reload()
    b = QuoteBot(service)
    await b.add_cog(QuoteCog(b))
    pretend_logged_in(b)
    return b


def recording(monkeypatch):
    http = patch_http(monkeypatch)
    rec = FileRecorder(http)
    monkeypatch.setattr(AsyncWebhookAdapter, "request", rec.request)
    return http, rec


def check_followup(payload: dict) -> None:
    if SPEC.exists():
        errors = sorted(validator("IncomingWebhookRequestPartial").iter_errors(payload), key=str)
        assert not errors, errors[0].message
    within_limits(payload)


async def test_timeline_attaches_a_png_the_embed_shows(bot: QuoteBot, monkeypatch) -> None:
    http, rec = recording(monkeypatch)
    await run_command(bot, "timeline", options={"speaker": "stoltenburg"})
    [deferred] = http.callbacks
    check_callback(deferred)
    assert deferred["type"] == 5
    [sent] = http.followups
    check_followup(sent)
    embed = sent["embeds"][0]
    said = bot.service.index.quote("Stoltenberg").statements
    # (all but one of them in the week of 10 January 2022)
    busiest = sum(1 for st in said if st.date and st.date.isoformat() >= "2022-01-10")
    assert embed["title"].startswith("Jens Stoltenberg")
    assert f"{len(said)} dated statements" in embed["description"] and f"with {busiest}." in embed["description"]
    assert sent["attachments"] == [{"id": "0", "filename": "jens-stoltenberg-timeline.png",
                                    "description": sent["attachments"][0]["description"]}]
    assert embed["image"]["url"] == "attachment://jens-stoltenberg-timeline.png"
    [part] = [p for parts in rec.files for p in parts]
    assert part["name"] == "files[0]" and part["filename"] == "jens-stoltenberg-timeline.png"
    assert png_size(part["data"]) == (1000, 520)
    assert not sent.get("flags", 0) & render.EPHEMERAL  # a chart is shared with the channel


async def test_a_wrong_timeline_option_is_a_private_reply_before_any_drawing(bot: QuoteBot, monkeypatch) -> None:
    http, rec = recording(monkeypatch)
    await run_command(bot, "timeline", options={"speaker": "Stoltenberg", "since": "2022-02-30"})
    await run_command(bot, "timeline", options={"speaker": "Zed Nobody"})
    await run_command(bot, "timeline", options={"speaker": "Stoltenberg", "until": "2021-01-01"})
    assert not http.followups and len(http.callbacks) == 3
    for p in http.callbacks:
        check_callback(p)
        assert p["type"] == 4 and p["data"]["flags"] & render.EPHEMERAL
    said = [p["data"]["embeds"][0]["description"] for p in http.callbacks]
    assert said[0].startswith("since:") and "Zed Nobody" in said[1] and "until 2021-01-01" in said[2]


async def test_export_sends_the_file_privately(bot: QuoteBot, monkeypatch) -> None:
    http, rec = recording(monkeypatch)
    await run_command(bot, "export", options={"speaker": "Ushakov", "format": "json"})
    [deferred] = http.callbacks
    check_callback(deferred)
    assert deferred["data"]["flags"] & render.EPHEMERAL
    [sent] = http.followups
    check_followup(sent)
    assert sent["flags"] & render.EPHEMERAL
    assert sent["attachments"][0]["filename"] == "yury-ushakov.json"
    [part] = [p for parts in rec.files for p in parts]
    doc = json.loads(part["data"])
    said = bot.service.index.quote("Ushakov").statements
    assert doc["speaker"]["name"] == "Yury Ushakov" and len(doc["statements"]) == len(said) > 2
    assert [st["text"] for st in doc["statements"]] == [st.text for st in said]


async def test_an_export_too_big_for_discord_says_how_to_narrow_it(bot: QuoteBot, monkeypatch) -> None:
    http, _ = recording(monkeypatch)
    interaction = command_interaction(bot, "export", {"speaker": "Stoltenberg"})
    interaction.filesize_limit = 1000  # (a server whose limit is 1000 bytes)
    await bot.tree._call(interaction)
    [sent] = http.followups
    check_followup(sent)
    text = sent["embeds"][0]["description"]
    assert "more than" in text and "since" in text and "quotebot export" in text
    assert sent["flags"] & render.EPHEMERAL and not sent.get("attachments")


@pytest.mark.skipif(not SPEC.exists(), reason="Discord's OpenAPI spec not found")
def test_the_new_commands_are_what_discord_accepts(bot: QuoteBot) -> None:
    by_name = {p["name"]: p for p in command_payloads(bot.service)}
    check = validator("ApplicationCommandCreateRequest")
    for name in ("timeline", "export"):
        assert not list(check.iter_errors(by_name[name]))
        opts = {o["name"]: o for o in by_name[name]["options"]}
        assert opts["speaker"]["required"] and opts["speaker"]["autocomplete"]
    assert [c["value"] for c in {o["name"]: o for o in by_name["timeline"]["options"]}["period"]["choices"]] \
        == ["week", "month"]
    assert [c["value"] for c in {o["name"]: o for o in by_name["export"]["options"]}["format"]["choices"]] \
        == ["csv", "json"]


def test_render_json_lists_the_attachment_and_the_console_saves_it(bot: QuoteBot, tmp_path: Path) -> None:
    pages, failed = run_line(bot.service, "/timeline Stoltenberg period:month")
    assert not failed
    [response] = render.interaction_responses(pages)
    check_callback(response)
    json.dumps(response)  # (plain JSON: the file itself is not in it)
    assert response["data"]["attachments"][0]["filename"] == "jens-stoltenberg-timeline.png"
    [path] = save_files(pages, tmp_path)
    assert path == tmp_path / "jens-stoltenberg-timeline.png" and png_size(path.read_bytes()) == (1000, 520)


def test_the_300_statement_chart_fits_a_discord_reply() -> None:
    class _S:
        index = big_and_small()

    pages = answers.timeline(_S(), "Ann Lee")  # type: ignore[arg-type]
    [response] = render.interaction_responses(pages)
    check_callback(response)
    assert len(render.files_of(pages[0])[0].data) < 8 * 1024 * 1024
