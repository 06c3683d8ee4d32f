"""Load on the real client: the bot's commands.Bot in a process of its own, connected to
the stand-in for Discord (tests/discord_standin.py) in this one, and a crowd of users
(autocomplete, /quote, page turns, /who with words from what they just read) at once.
The stand-in keeps Discord's 3-second window: a callback later than that is refused, as
Discord refuses it, and counts as lost.

    python bench/bench_discord_load.py                       # the seeds
    python bench/bench_discord_load.py --articles 10000      # a synthetic corpus (bench/synth.py)
    python bench/bench_discord_load.py --users 30 --each 10 --json

Prints answered/sent, how many were deferred or refused, and the latency to the first
response (from the event leaving the gateway to the bot's callback arriving) at p50 and
p99, for all and by kind. Not a test: nothing passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from discord_standin import Exchange, StandIn, crowd, login_to  # noqa: E402


def pct(xs: Sequence[float], p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def synthetic(folder: Path, articles: int, seed: int = 1) -> Path:
    """The corpus of bench/synth.py, written once and reused while it has that many files."""
    import synth

    out = folder / f"synth-{articles}-{seed}"
    if not out.is_dir() or len(list(out.glob("*.txt"))) != articles:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in synth.corpus(articles, seed):
            (out / name).write_text(text, encoding="utf-8")
    return out


# --- the bot's process ----------------------------------------------------------------

def serve(api_base: str, corpus: Path, cache: Path) -> None:
    from bot.discord.client import QuoteBot
    from bot.service import Service

    service = Service(corpus, ROOT / "config", cache_path=cache)
    t0 = time.perf_counter()
    service.reload()
    print(f"bot: {len(service.index)} quotes from {service.index.article_count} articles "
          f"loaded in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    bot = QuoteBot(service)

    async def run() -> None:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(bot.close()))
        await login_to(bot, api_base)
        await bot.connect()

    asyncio.run(run())


# --- the crowd's process --------------------------------------------------------------

def summary(exchanges: list[Exchange], standin: StandIn, seconds: float) -> dict:
    answered = [ex for ex in exchanges if ex.done.is_set() and not ex.refused]
    lat = [ex.latency * 1000 for ex in exchanges if ex.latency is not None and ex.acknowledged is not None]
    by_kind = {}
    for kind in ("autocomplete", "command", "component"):
        xs = [ex.latency * 1000 for ex in exchanges
              if ex.kind == kind and ex.latency is not None and ex.acknowledged is not None]
        by_kind[kind] = {"n": len(xs), "p50_ms": round(pct(xs, 50), 1), "p99_ms": round(pct(xs, 99), 1)}
    return {
        "sent": len(exchanges), "answered": len(answered),
        "deferred": sum(ex.deferred for ex in exchanges),
        "refused_late": sum(any(code == 10062 for code, _ in ex.refused) for ex in exchanges),
        "sent_twice": sum(len(ex.followups) > 1 or any(c == 40060 for c, _ in ex.refused) for ex in exchanges),
        "spec_violations": len(standin.violations),
        "p50_ms": round(pct(lat, 50), 1), "p99_ms": round(pct(lat, 99), 1), "max_ms": round(max(lat), 1),
        "by_kind": by_kind, "seconds": round(seconds, 1),
        "per_second": round(len(exchanges) / seconds, 1),
    }


async def drive(args: argparse.Namespace, corpus: Path, cache: Path) -> dict:
    standin = StandIn()
    api = await standin.start()
    child = subprocess.Popen([sys.executable, __file__, "--serve", api, "--corpus", str(corpus),
                              "--cache", str(cache)], cwd=ROOT)
    try:
        await asyncio.wait_for(standin.connected.wait(), args.startup)
        t0 = time.perf_counter()
        exchanges = await crowd(standin, args.users, args.each, seed=args.seed, timeout=30.0)
        seconds = time.perf_counter() - t0
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            child.kill()
        await standin.close()
    out = summary(exchanges, standin, seconds)
    out["violations"] = standin.violations[:5]
    out["lost"] = [{"kind": ex.kind, "name": ex.name, "acknowledged": (ex.acknowledged or {}).get("type"),
                    "refused": ex.refused, "followups": len(ex.followups)}
                   for ex in exchanges if not ex.done.is_set() or ex.refused]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=0, help="a synthetic corpus of this many articles "
                    "(default: the seeds)")
    ap.add_argument("--users", type=int, default=30)
    ap.add_argument("--each", type=int, default=10, help="interactions per user")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "quotebot-bench-discord",
                    help="where the synthetic corpus and its extraction cache are kept between runs")
    ap.add_argument("--startup", type=float, default=600.0, help="seconds the bot may take to load and connect")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--serve", help=argparse.SUPPRESS)  # (the bot's own process)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve, args.corpus, args.cache)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = synthetic(args.workdir, args.articles, args.seed) if args.articles else ROOT / "seeds"
    cache = args.workdir / f"cache-{corpus.name}.sqlite"
    out = asyncio.run(drive(args, corpus, cache))
    out["corpus"] = f"synthetic, {args.articles} articles" if args.articles else "seeds"
    out["cpus"] = os.cpu_count()
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['corpus']}: {args.users} users x {args.each}: answered {out['answered']}/{out['sent']} "
          f"(deferred {out['deferred']}, refused as late {out['refused_late']}, sent twice {out['sent_twice']}, "
          f"spec violations {out['spec_violations']}) in {out['seconds']} s")
    print(f"  first response: p50 {out['p50_ms']} ms, p99 {out['p99_ms']} ms, max {out['max_ms']} ms")
    for lost in out["lost"]:
        print(f"  lost: {lost}")
    for kind, k in out["by_kind"].items():
        print(f"  {kind:12s} n={k['n']:3d}  p50 {k['p50_ms']} ms  p99 {k['p99_ms']} ms")


if __name__ == "__main__":
    main()
