"""/quote by role or organisation ("Kremlin", "NATO Secretary General"): the speakers
whose role fits; several are candidates to pick from (in Discord, a menu only the asker
can use)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_fakes import _message, _user, patch_http, pretend_logged_in, run_command
from test_discord import check_callback

from bot.discord import render
from bot.discord.client import QuoteBot
from bot.discord.cog import QuoteCog
from bot.index import ArticleInfo, NoSuchSpeaker, QuoteIndex, RoleCandidates
from bot.models import Quote
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]


def _q(n: int, speaker: str, role: str) -> Quote:
    return Quote("a.txt", [(n * 100, n * 100 + 20)], f"Statement {n} of {speaker}.", "direct",  # type: ignore[arg-type]
                 speaker=speaker, speaker_kind="person", speaker_role=role, confidence=0.9)


@pytest.fixture(scope="module")
def ix() -> QuoteIndex:
    people = [("Dmitry Peskov", "Kremlin spokesman", 3), ("Yury Ushakov", "Kremlin aide", 2),
              ("Jens Stoltenberg", "NATO Secretary General", 4), ("Oana Lungescu", "NATO spokeswoman", 1),
              ("Ned Price", "State Department spokesperson", 1)]
    quotes = [_q(i * 10 + k, name, role) for i, (name, role, n) in enumerate(people) for k in range(n)]
    return QuoteIndex.build([(ArticleInfo("a.txt", "A", "TASS", dt.date(2022, 1, 12), None), quotes)])


def test_one_speaker_holding_the_role_is_the_answer(ix: QuoteIndex) -> None:
    assert ix.find_speaker("NATO Secretary General").name == "Jens Stoltenberg"
    assert ix.find_speaker("kremlin spokesman").name == "Dmitry Peskov"
    assert ix.quote("Kremlin aide").speaker.name == "Yury Ushakov"


def test_an_organisation_or_a_shared_role_gives_the_candidates(ix: QuoteIndex) -> None:
    with pytest.raises(RoleCandidates) as kremlin:
        ix.find_speaker("Kremlin")
    assert kremlin.value.candidates == ["Dmitry Peskov", "Yury Ushakov"]  # most quoted first
    assert kremlin.value.roles == ["Kremlin spokesman", "Kremlin aide"]
    assert "Dmitry Peskov (Kremlin spokesman)" in str(kremlin.value)
    with pytest.raises(RoleCandidates) as nato:
        ix.find_speaker("NATO")
    assert nato.value.candidates == ["Jens Stoltenberg", "Oana Lungescu"]
    # spokesman, spokeswoman, spokesperson: one role
    with pytest.raises(RoleCandidates) as spokes:
        ix.find_speaker("spokesperson")
    assert set(spokes.value.candidates) == {"Dmitry Peskov", "Oana Lungescu", "Ned Price"}
    assert ix.find_speaker("NATO spokesman").name == "Oana Lungescu"


def test_a_name_still_wins_and_a_role_nobody_holds_is_no_one(ix: QuoteIndex) -> None:
    assert ix.find_speaker("Stoltenberg").name == "Jens Stoltenberg"
    assert ix.find_speaker("Stoltenburg").name == "Jens Stoltenberg"  # (a slip in a name, not a role)
    with pytest.raises(NoSuchSpeaker) as e:
        ix.find_speaker("Kremlin Secretary General")
    assert e.value.suggestions  # (half right: the Kremlin's and NATO's people are suggested)


def test_the_seeds_roles() -> None:
    s = Service(ROOT / "seeds", ROOT / "config")
    s.reload()
    assert s.index.find_speaker("NATO Secretary General").name == "Jens Stoltenberg"
    assert s.index.find_speaker("Kremlin spokesman").name == "Dmitri Peskov"
    assert s.index.find_speaker("Kremlin aide").name == "Yury Ushakov"
    with pytest.raises(RoleCandidates) as e:
        s.index.find_speaker("Kremlin")  # (its aide and its spokesman)
    assert sorted(e.value.candidates) == ["Dmitri Peskov", "Yury Ushakov"]
    with pytest.raises(RoleCandidates) as e:
        s.index.find_speaker("secretary")
    assert e.value.candidates == ["Jens Stoltenberg", "Wendy Sherman"]


def _pick(client: discord.Client, message_id: int, values: list[str], user_id: int) -> discord.Interaction:
    data: dict[str, Any] = {
        "id": "9001", "application_id": "7", "token": "tok", "version": 1, "type": 3,
        "channel_id": "20", "guild_id": "30", "locale": "en-US", "app_permissions": "0",
        "entitlements": [], "authorizing_integration_owners": {}, "attachment_size_limit": 8388608,
        "member": {"user": _user(user_id), "roles": [], "joined_at": "2020-01-01T00:00:00+00:00",
                   "deaf": False, "mute": False, "permissions": "0", "flags": 0},
        "message": {**_message(), "id": str(message_id)},
        "data": {"custom_id": "pick:speaker", "component_type": 3, "values": values},
    }
    return discord.Interaction(data=data, state=client._connection)  # type: ignore[arg-type]


async def test_discord_offers_a_menu_only_the_asker_can_use(ix: QuoteIndex, monkeypatch) -> None:
    service = Service(ROOT / "seeds", ROOT / "config")
    service.reload()
    service.index = ix
    bot = QuoteBot(service)
    await bot.add_cog(QuoteCog(bot))
    pretend_logged_in(bot)
    http = patch_http(monkeypatch)
    await run_command(bot, "quote", options={"speaker": "Kremlin"}, user_id=42)
    [menu] = http.callbacks
    check_callback(menu)
    [row] = menu["data"]["components"]
    [select] = row["components"]
    assert select["type"] == 3 and [o["label"] for o in select["options"]] == ["Dmitry Peskov", "Yury Ushakov"]
    assert [o["description"] for o in select["options"]] == ["Kremlin spokesman", "Kremlin aide"]
    stored = bot._connection._view_store
    message_id = next(iter(stored._synced_message_views))
    stored.dispatch_view(3, "pick:speaker", _pick(bot, message_id, ["1"], user_id=99))
    await asyncio.sleep(0.05)
    refusal = http.callbacks[-1]
    check_callback(refusal)
    assert refusal["data"]["flags"] & render.EPHEMERAL
    stored.dispatch_view(3, "pick:speaker", _pick(bot, message_id, ["1"], user_id=42))
    await asyncio.sleep(0.05)
    chosen = http.callbacks[-1]
    check_callback(chosen)
    assert chosen["type"] == 7 and chosen["data"]["embeds"][0]["title"] == "Yury Ushakov — Kremlin aide"
    assert chosen["data"]["components"] == []  # (two statements: one page, no buttons)
