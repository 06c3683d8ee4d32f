"""The real client end to end: the bot's own commands.Bot (discord.py's HTTP client,
gateway, heartbeats, resume and retry logic) against a stand-in for Discord on loopback
(tests/discord_standin.py), which checks every HTTP call against Discord's OpenAPI
description. No timing is asserted here (bench/bench_discord_load.py measures it): the
stand-in's 3-second window is off, and what is checked is that every interaction is
answered, once, with what Discord accepts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import shutil
import threading
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from discord_standin import (
    MANAGE_GUILD,
    SPEC,
    Exchange,
    Fault,
    Spec,
    StandIn,
    answered,
    crowd,
    login_to,
    restore,
)

from bot.console import unescape
from bot.discord import answers, render
from bot.discord.client import QuoteBot
from bot.service import Service

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not SPEC.exists(), reason=f"Discord's OpenAPI spec not found at {SPEC}")
# generous: nothing here should take more than a fraction of a second; a slow CI machine
# must not fail a test for it
WAIT = 30.0


@pytest.fixture(scope="module")
def spec() -> Spec:
    return Spec()


@pytest.fixture
async def standin(spec: Spec) -> AsyncIterator[StandIn]:
    s = StandIn(spec, window=None)
    await s.start()
    yield s
    await s.close()


@contextlib.asynccontextmanager
async def connected(service: Service, standin: StandIn, **kwargs: float) -> AsyncIterator[QuoteBot]:
    """The bot logged in at the stand-in, its gateway connected and READY received."""
    bot = QuoteBot(service, **kwargs)
    task: asyncio.Task | None = None
    try:
        await login_to(bot, standin.api_base)
        task = asyncio.create_task(bot.connect())
        await asyncio.wait_for(standin.connected.wait(), WAIT)
        yield bot
    finally:
        await bot.close()
        if task is not None:
            await asyncio.wait_for(task, WAIT)
        restore()


def known(bot: QuoteBot):
    """Waits until the bot knows the message its buttons are on (it learns the id from the
    HTTP answer to its reply, which may reach it after the stand-in has moved on)."""

    async def wait(message_id: str) -> None:
        store = bot._connection._view_store
        async with asyncio.timeout(WAIT):
            while int(message_id) not in store._synced_message_views:
                await asyncio.sleep(0.005)

    return wait


async def answer(ex: Exchange) -> Exchange:
    assert await answered(ex, WAIT), f"/{ex.name} was not answered"
    return ex


def clean(standin: StandIn, exchanges: list[Exchange]) -> None:
    """Every interaction answered exactly once and nothing sent that Discord would refuse."""
    assert not standin.violations, standin.violations[:5]
    for ex in exchanges:
        assert ex.done.is_set(), f"{ex.kind} {ex.name} unanswered"
        assert not ex.refused, (ex.name, ex.refused)
        assert len(ex.followups) <= 1, (ex.name, "sent twice", ex.followups)
        if ex.deferred:
            assert ex.followups or ex.edits, f"{ex.name}: deferred and never followed up"


@pytest.fixture
def service() -> Service:
    s = Service(ROOT / "seeds", ROOT / "config")
    s.reload()
    return s


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not bad, [r.getMessage() for r in bad]


async def test_the_real_client_connects_and_answers_every_command(
        service: Service, standin: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    async with connected(service, standin) as bot:
        assert standin.identifies == 1 and standin.heartbeats >= 1  # (discord.py beats at once on HELLO)
        ac = await answer(await standin.autocomplete("quote", {"speaker": "sto"}, "speaker"))
        assert ac.acknowledged["type"] == 8
        assert ac.answer["choices"][0]["name"] == "Jens Stoltenberg"
        quote = await answer(await standin.command("quote", {"speaker": "Jens Stoltenberg"}, user_id=42))
        assert quote.acknowledged["type"] == 4
        assert quote.answer["embeds"][0]["title"].startswith("Jens Stoltenberg")
        # someone else's press is refused privately; the asker's turns the page
        await known(bot)(quote.message_id)
        other = await answer(await standin.press(quote.message_id, "Next", user_id=99))
        assert other.acknowledged["type"] == 4 and other.answer["flags"] & render.EPHEMERAL
        turned = await answer(await standin.press(quote.message_id, "Next", user_id=42))
        assert turned.acknowledged["type"] == 7 and "Page 2/" in turned.embeds_text()
        assert "Page 2/" in standin.messages[quote.message_id]["embeds"][0]["footer"]["text"]
        who = await answer(await standin.command("who", {"phrase": "opne door"}))
        assert "Jens Stoltenberg" in who.embeds_text()
        rest = [await answer(await standin.command(c)) for c in ("speakers", "sources", "about")]
        reload = await answer(await standin.command("reload", permissions=MANAGE_GUILD))
        assert reload.deferred and reload.answer["embeds"][0]["title"] == "Reloaded"
        refused = await answer(await standin.command("reload", permissions=0))
        assert "reload" in refused.embeds_text() and refused.answer["flags"] & render.EPHEMERAL
    clean(standin, [ac, quote, other, turned, who, *rest, reload, refused])
    # the bot no longer fetches a message that the reply itself returned
    assert not any(m == "GET" for m, t, _ in standin.calls if t.endswith("/messages/@original"))
    no_errors_logged(caplog)


async def test_thirty_users_at_once_are_all_answered_once(
        service: Service, standin: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    async with connected(service, standin) as bot:
        exchanges = await crowd(standin, users=30, each=10, timeout=WAIT, before_press=known(bot))
    assert len(exchanges) == 300
    clean(standin, exchanges)
    kinds = Counter(ex.kind for ex in exchanges)
    assert kinds["autocomplete"] and kinds["command"] and kinds["component"], kinds
    # each answer is one: a /who with words from a quotation it showed finds something
    whos = [ex for ex in exchanges if ex.name == "who"]
    assert sum("Who said" in ex.embeds_text() for ex in whos) >= 0.9 * len(whos)
    no_errors_logged(caplog)


async def test_an_answer_not_ready_in_time_is_deferred_then_sent(
        service: Service, standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real = answers.who

    def slow(svc: Service, phrase: str, *filters: str | None):
        gate.wait(WAIT)  # (until the test has seen the deferral)
        return real(svc, phrase, *filters)

    monkeypatch.setattr(answers, "who", slow)
    async with connected(service, standin, defer_after=0.05):
        ex = await standin.command("who", {"phrase": "open door"})
        await asyncio.wait_for(ex.acked.wait(), WAIT)
        assert ex.deferred and not ex.done.is_set()
        # meanwhile the event loop is free: others are answered, autocomplete too
        ac = await answer(await standin.autocomplete("quote", {"speaker": "sto"}, "speaker", user_id=7))
        gate.set()
        await answer(ex)
    assert "Jens Stoltenberg" in ex.embeds_text()
    clean(standin, [ex, ac])


async def test_the_gateway_closes_mid_session_and_the_bot_resumes(
        service: Service, standin: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    async with connected(service, standin):
        await answer(await standin.command("about"))
        await standin.drop(code=4000)
        # sent while the bot is away: Discord keeps it for the resumed session
        ex = await standin.command("quote", {"speaker": "Stoltenberg"})
        await answer(ex)
        assert standin.resumes == 1 and standin.identifies == 1
        after = await answer(await standin.command("who", {"phrase": "open door"}))
    clean(standin, [ex, after])
    no_errors_logged(caplog)


async def test_a_session_that_cannot_be_resumed_is_started_anew(
        service: Service, standin: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    async with connected(service, standin) as bot:
        # (discord.py waits 5 s before identifying again, for the real gateway's limit on
        # identifies; the stand-in has none)
        async def at_once(shard_id: int | None, *, initial: bool = False) -> None:
            return None

        bot.before_identify_hook = at_once  # type: ignore[method-assign]
        quote = await answer(await standin.command("quote", {"speaker": "Stoltenberg"}))
        await standin.drop(code=4000, refuse_resume=True)
        await asyncio.wait_for(standin.connected.wait(), WAIT)
        assert standin.identifies == 2 and standin.resumes == 0
        ex = await answer(await standin.command("who", {"phrase": "open door"}))
        # the buttons of a reply sent before still turn its pages
        await known(bot)(quote.message_id)
        turned = await answer(await standin.press(quote.message_id, "Next"))
    assert turned.acknowledged["type"] == 7
    clean(standin, [quote, ex, turned])
    no_errors_logged(caplog)


async def test_rate_limited_then_a_server_error_the_reply_arrives_once(
        service: Service, standin: StandIn, caplog: pytest.LogCaptureFixture) -> None:
    followup = "/webhooks/{webhook_id}/{webhook_token}"
    callback = "/interactions/{interaction_id}/{interaction_token}/callback"
    async with connected(service, standin) as bot:
        # the reply to a deferred command: 429 with retry_after, then 500, then accepted
        standin.faults = [Fault(lambda m, t: m == "POST" and t == followup, 429, retry_after=0.05),
                          Fault(lambda m, t: m == "POST" and t == followup, 500)]
        reload = await answer(await standin.command("reload", permissions=MANAGE_GUILD))
        assert [f.hits for f in standin.faults] == [[f"POST {followup}"]] * 2
        # an interaction's own callback: rate limited once, then a server error once
        standin.faults = [Fault(lambda m, t: t == callback, 429, retry_after=0.05)]
        quote = await answer(await standin.command("quote", {"speaker": "Stoltenberg"}))
        standin.faults = [Fault(lambda m, t: t == callback, 500)]
        await known(bot)(quote.message_id)
        turned = await answer(await standin.press(quote.message_id, "Next"))
    assert reload.answer["embeds"][0]["title"] == "Reloaded"
    assert quote.acknowledged["type"] == 4 and turned.acknowledged["type"] == 7
    clean(standin, [reload, quote, turned])
    posted = Counter((m, t) for m, t, status in standin.calls if status == 200)
    assert posted[("POST", followup)] == 1 and posted[("POST", callback)] == 3  # nothing twice
    assert any("rate limited" in r.getMessage() for r in caplog.records)  # (discord.py says so)
    no_errors_logged(caplog)


def _article(i: int, version: str) -> str:
    # each quotation says which version of the corpus it comes from, and so does its count
    extra = f"\n\n“The bridge is part of version {version} too,” Ann Lee{i % 5} added.\n" \
        if version == "two" else "\n"
    return (f"Harbour talks {i}\n\nOSLO, January 3, 2022 (Reuters) — Talks went on.\n\n"
            f"“The harbour stays open in version {version} of plan {i},” Ann Lee{i % 5} said.{extra}")


async def test_a_reload_under_load_answers_from_the_old_index_or_the_new(
        tmp_path: Path, standin: StandIn, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(100):  # (all of them change: so an answer is all old or all new)
        (corpus / f"a{i:03d}.txt").write_text(_article(i, "one"), encoding="utf-8")
    (tmp_path / "config").mkdir()
    service = Service(corpus, tmp_path / "config", cache_path=tmp_path / "cache" / "cache.sqlite")
    service.reload()
    before = len(service.index)
    rng = random.Random(5)
    queries: list[Exchange] = []

    async def batch(n: int) -> None:
        sent = []
        for _ in range(n):
            if rng.random() < 0.5:
                sent.append(await standin.command("who", {"phrase": f"harbour stays open plan {rng.randrange(100)}"}))
            else:
                sent.append(await standin.command("quote", {"speaker": f"Ann Lee{rng.randrange(5)}"}))
        queries.extend(sent)
        for ex in sent:
            await answer(ex)

    # the reload stops before its swap until 20 queries have been answered meanwhile, so
    # that some surely run during it, whatever the machine's speed
    midway, go = threading.Event(), threading.Event()
    real = Service._next_index

    def paused(self: Service, *args, **kwargs):
        midway.set()
        go.wait(WAIT)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Service, "_next_index", paused)
    async with connected(service, standin):
        await batch(5)
        for i in range(100):  # (a different size and text: each file is read again)
            (corpus / f"a{i:03d}.txt").write_text(_article(i, "two"), encoding="utf-8")
        reload = await standin.command("reload", permissions=MANAGE_GUILD)
        while not midway.is_set() and len(queries) < 50:  # (while it reads the files)
            await batch(5)
        await asyncio.wait_for(asyncio.to_thread(midway.wait, WAIT), WAIT)
        await batch(20)
        during = queries[-20:]
        go.set()
        while not reload.done.is_set() and len(queries) < 95:
            await batch(5)
        await answer(reload)
        await batch(100 - len(queries))
    assert len(queries) == 100
    assert reload.answer["embeds"][0]["title"] == "Reloaded", reload.embeds_text()
    after = len(service.index)
    assert after == before + 100
    for ex in queries:
        text = unescape(ex.embeds_text())
        seen = {v for v in ("one", "two") if f"version {v}" in text}
        assert not ex.answer.get("flags", 0) & render.EPHEMERAL, text  # (an error is private)
        assert len(seen) == 1, f"a mixed answer or none: {text[:300]}"
        if ex.name == "quote":
            # the count in the footer is the old index's or the new one's, never between
            total = int(text.split(" in all")[0].rsplit("·", 1)[1].strip())
            per_speaker = {"one": before // 5, "two": after // 5}
            assert total == per_speaker[seen.pop()], text[-200:]
    assert "version one" in unescape(queries[0].embeds_text())
    assert all("version one" in unescape(ex.embeds_text()) for ex in during)  # (before the swap)
    assert "version two" in unescape(queries[-1].embeds_text())
    clean(standin, [*queries, reload])
    no_errors_logged(caplog)


@pytest.mark.parametrize("when", ["before", "during"])
async def test_the_corpus_folder_vanishing_is_a_clear_error_and_the_old_index_serves(
        tmp_path: Path, standin: StandIn, monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    service = Service(corpus, ROOT / "config")
    service.reload()
    serving = service.index
    for f in sorted(corpus.glob("*.txt"))[:3]:  # changed: read again at the next reload
        f.write_text(f.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    if when == "before":
        shutil.rmtree(corpus)
    else:
        import bot.service

        real = bot.service.list_articles

        def listed_then_gone(folder: Path):
            found = real(folder)
            shutil.rmtree(folder)  # (between the listing and the reading of the files)
            return found

        monkeypatch.setattr(bot.service, "list_articles", listed_then_gone)
    async with connected(service, standin):
        reload = await answer(await standin.command("reload", permissions=MANAGE_GUILD))
        quote = await answer(await standin.command("quote", {"speaker": "Stoltenberg"}))
    said = unescape(reload.embeds_text())
    assert "corpus" in said and str(corpus) in said, said
    assert reload.answer["flags"] & render.EPHEMERAL
    assert service.index is serving
    assert quote.answer["embeds"][0]["title"].startswith("Jens Stoltenberg")
    clean(standin, [reload, quote])


def test_the_stand_in_refuses_what_discord_would(spec: Spec) -> None:
    """The checker itself: a payload over Discord's limits, an endpoint that does not
    exist, a call without the bot's token."""
    op, params = spec.find("POST", "/interactions/123/tok/callback")
    assert op is not None and params == {"interaction_id": "123", "interaction_token": "tok"}
    too_long = {"type": 4, "data": {"embeds": [{"title": "x" * 300}]}}
    assert spec.check_request(op, params, {"with_response": "1"}, {}, too_long, "application/json")
    fine = {"type": 4, "data": {"embeds": [{"title": "x" * 200}], "allowed_mentions": {"parse": []}}}
    assert not spec.check_request(op, params, {"with_response": "1"}, {}, fine, "application/json")
    assert spec.check_request(op, params, {"with_response": "maybe"}, {}, fine, "application/json")
    assert spec.check_request(op, {"interaction_id": "x1", "interaction_token": "t"}, {}, {}, fine,
                              "application/json")
    assert spec.find("POST", "/interactions/1/t/answer") == (None, {})
    me, _ = spec.find("GET", "/users/@me")
    assert me is not None and spec.check_request(me, {}, {}, {}, None, "")  # no token
    original, _ = spec.find("PATCH", "/webhooks/7/tok/messages/@original")
    assert original is not None and original.template.endswith("/@original")
