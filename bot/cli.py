"""The command line: every question the bot answers, answered here first.

Exit status: 0 with an answer, 1 when there is none (no such speaker, no match) or an
article is not added (saying why), 2 when the question or the set-up is wrong (bad
option, bad config, missing corpus)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.corpus import parse_article, read_corpus
from bot.excerpt import window
from bot.extract.pipeline import extract
from bot.index import Statement
from bot.models import Article, Quote
from bot.people import Directory


def _article_json(a: Article, quotes: list[Quote]) -> dict[str, object]:
    return {"id": a.id, "title": a.title, "outlet": a.outlet,
            "date": a.date.isoformat() if a.date else None, "url": a.url,
            "quotes": [q.to_json() for q in quotes]}


def _text_block(a: Article, quotes: list[Quote]) -> str:
    lines = [f"== {a.id}: {a.title}", f"   {a.outlet or 'unknown outlet'}, "
             f"{a.date.isoformat() if a.date else 'undated'}"]
    for q in quotes:
        who = q.speaker or "(speaker unknown)"
        role = f", {q.speaker_role}" if q.speaker_role else ""
        lines.append(f"\n[{q.kind}] {who}{role} — {q.date or 'undated'} "
                     f"(cue: {q.cue or '-'}; confidence {q.confidence:.2f})")
        lines.append(f"   “{q.text}”")
    return "\n".join(lines) + "\n"


def _kinds(value: str) -> str:
    bad = [k for k in value.split(",") if k not in ("direct", "partial", "reported")]
    if bad:
        raise argparse.ArgumentTypeError(
            f"unknown kind {bad[0]!r} (choose from direct, partial, reported)")
    return value


def cmd_extract(args: argparse.Namespace) -> int:
    from bot import config

    settings = config.load(Path(args.config))
    articles: list[Article] = []
    if args.input_jsonl:
        with open(args.input_jsonl, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    text = rec["text"]
                    art_id = str(rec["id"])
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    print(f"{args.input_jsonl}:{n}: not a {{\"id\", \"text\"}} record ({e})",
                          file=sys.stderr)
                    continue
                fields = {k: rec[k] for k in ("title", "date", "url", "author") if rec.get(k)}
                if rec.get("source_outlet") or rec.get("outlet"):
                    fields["outlet"] = rec.get("outlet") or rec.get("source_outlet")
                articles.append(parse_article(art_id, text, fields=fields))
    if args.paths:
        result = read_corpus(args.paths, settings.sources)
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        articles.extend(result.articles)
    if not articles:
        print("error: no articles to read (give files, a folder or --input-jsonl)", file=sys.stderr)
        return 2
    per_article = [(a, extract(a)) for a in articles]
    Directory(settings.speakers, settings.keep_apart).apply(
        [q for _, qs in per_article for q in qs])
    kinds = set(args.kinds.split(",")) if args.kinds else None
    out = sys.stdout
    for a, qs in per_article:
        if kinds is not None:
            qs = [q for q in qs if q.kind in kinds]
        if args.format == "jsonl":
            out.write(json.dumps(_article_json(a, qs), ensure_ascii=False) + "\n")
        else:
            out.write(_text_block(a, qs) + "\n")
    return 0


def _service(args: argparse.Namespace, warn: bool = True):
    """The service on the corpus; files it could not read are warned of, unless the caller
    prints the reload report, which names them (warn=False: each path said once)."""
    from bot import config
    from bot.service import Service

    settings = config.load(Path(args.config))
    corpus = args.corpus or settings.bot.corpus
    cache = None if args.no_cache else settings.bot.cache
    service = Service(corpus, args.config, cache)
    report = service.reload()
    if warn:
        for f, why in report.failed:
            print(f"warning: could not read {f}: {why}", file=sys.stderr)
    return service, report


def _emit(args: argparse.Namespace, data: object, human: str) -> None:
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(human + ("\n" if not human.endswith("\n") else ""))


def _ranged(kind: type, lo: float, hi: float, what: str):
    """An argparse type: a number of that kind from lo to hi, or a clear error."""
    def parse(value: str):
        try:
            got = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not {what}") from None
        if not lo <= got <= hi:
            raise argparse.ArgumentTypeError(f"{value} is out of range: {what}")
        return got
    return parse


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _source_line(st) -> str:
    a = st.article
    bits = [a.outlet or "unknown outlet", f"“{a.title}”" if a.title else a.id]
    line = ", ".join(bits)
    line += (f" <{a.url}>" if a.url else "") + f" [{a.id}] id {st.qid}"
    return line + (" (speaker corrected by the server's admins)" if st.corrected else "")


def cmd_quote(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    ans = service.index.quote(args.name, kind=args.kind, since=args.since, until=args.until, about=args.about,
                              min_score=service.settings.bot.who_min_score)
    sp = ans.speaker
    head = sp.name + (f" — {sp.role}" if sp.role else "")
    counts = ", ".join(f"{n} {k}" for k, n in sp.kinds)
    order = f"; best match for “{ans.about}” first" if ans.about else ""
    lines = [head, f"{len(ans.statements)} statement(s) shown; {sp.count} in all ({counts}){order}", ""]
    for st in ans.statements:
        text = _marked(st.text, ans.marks[st.id], None) if ans.about else st.text
        score = f"  (score {ans.scores[st.id]:.0f})" if ans.about else ""
        lines.append(f"{st.date.isoformat() if st.date else 'undated':<10}  {st.kind:<8}  “{text}”{score}")
        lines.append(f"{'':<10}  {'':<8}  — {_source_line(st)}")
        lines.append("")
    if ans.about:
        data = {"speaker": sp.to_json(), "about": ans.about,
                "statements": [{**s.to_json(), "score": round(ans.scores[s.id], 1),
                                "marks": [list(m) for m in ans.marks[s.id]]} for s in ans.statements]}
    else:
        data = {"speaker": sp.to_json(), "statements": [s.to_json() for s in ans.statements]}
    _emit(args, data, "\n".join(lines))
    return 0 if ans.statements else 1


# characters of a long quotation shown around what matched (--full for all of it)
WHO_WINDOW = 320


def _marked(text: str, marks, limit: int | None = WHO_WINDOW) -> str:
    lo, hi = window(text, marks, limit) if limit else (0, len(text))
    out, last = ["…" if lo else ""], lo
    for a, b in marks:
        if a < lo or b > hi:
            continue
        out += [text[last:a], "[", text[a:b], "]"]
        last = b
    return "".join(out) + text[last:hi] + ("…" if hi < len(text) else "")


def _uncertain(st: Statement, guesses: bool) -> str:
    if not st.speaker_guess:
        return "(speaker unknown)"
    if guesses:
        return f"(speaker uncertain; best guess {st.speaker_guess}, confidence {st.confidence:.2f})"
    return "(speaker uncertain)"


def cmd_who(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    bot = service.settings.bot
    hits = service.index.who(args.phrase, limit=args.limit or bot.who_limit,
                             min_score=bot.who_min_score if args.min_score is None else args.min_score,
                             speaker=args.speaker, outlet=args.outlet, since=args.since, until=args.until)
    if not hits:
        filtered = any(x is not None for x in (args.speaker, args.outlet, args.since, args.until))
        _emit(args, {"phrase": args.phrase, "hits": []},
              f"Nobody {'with these options' if filtered else 'in the corpus'} said anything like “{args.phrase}”.")
        return 1
    lines = []
    for n, h in enumerate(hits, 1):
        st = h.statement
        who = st.speaker or _uncertain(st, args.guesses)
        lines.append(f"{n}. {who}{', ' + st.speaker_role if st.speaker_role else ''} "
                     f"({st.kind}, score {h.score:.0f})")
        lines.append(f"   “{_marked(st.text, h.marks, None if args.full else WHO_WINDOW)}”")
        lines.append(f"   — {_source_line(st)}, {st.date.isoformat() if st.date else 'undated'}")
        lines.append("")
    _emit(args, {"phrase": args.phrase, "hits": [h.to_json() for h in hits]}, "\n".join(lines))
    return 0


def _context_text(ctx) -> str:
    """The paragraphs with the quotation in [brackets] and its attribution in _underscores_."""
    out, pos = [], 0
    for a, b, kind in ctx.marks:
        if a < pos:
            continue
        mark = ("[", "]") if kind == "quote" else ("_", "_")
        out += [ctx.text[pos:a], mark[0], ctx.text[a:b], mark[1]]
        pos = b
    body = "".join(out) + ctx.text[pos:]
    return ("…" if ctx.cut_before else "") + body + ("…" if ctx.cut_after else "")


def cmd_context(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    ctx = service.context(args.quote_id)
    st, a = ctx.statement, ctx.statement.article
    if st.corrected:
        who = f"{st.speaker} (speaker corrected by the server's admins; the model said {ctx.model_speaker})"
    else:
        who = st.speaker or _uncertain(st, True)
    lines = [f"{a.title or a.id}", f"{a.outlet or 'unknown outlet'}, {a.date.isoformat() if a.date else 'undated'}"
             + (f" <{a.url}>" if a.url else "") + f" [{a.id}]", ""]
    if st.hidden:
        lines += ["(hidden by the server's admins: quote and who leave it out)", ""]
    if ctx.moved:
        lines += ["(the article has changed since the cache was built; shown where the quotation now stands)", ""]
    lines += [_context_text(ctx), "",
              f"said by:     {who}" + (f", {st.speaker_role}" if st.speaker_role and st.speaker else ""),
              f"attribution: {' … '.join(repr(ctx.text[s:e]) for s, e, k in ctx.marks if k != 'quote') or '-'}",
              f"confidence:  {st.confidence:.2f} (the model's probability that it named the right speaker)",
              f"quote:       {st.kind}, {st.date.isoformat() if st.date else 'undated'}, id {st.qid}"]
    _emit(args, ctx.to_json(), "\n".join(lines))
    return 0


def _amended(args: argparse.Namespace, done) -> int:
    st = done.statement
    if st.hidden:
        human = f"Hidden: “{st.text}” [{st.article.id}, id {st.qid}]"
    else:
        was = f" (was {done.before})" if done.before and done.before != st.speaker else ""
        new = "; a new speaker" if done.new_speaker else ""
        human = f"Corrected: “{st.text}” [{st.article.id}, id {st.qid}] is now {st.speaker}'s{was}{new}"
    _emit(args, done.to_json(), human + f"\nWritten to {Path(args.config) / 'corrections.yaml'}.")
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    return _amended(args, service.correct(args.quote_id, args.speaker, by="command line"))


def cmd_hide(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    return _amended(args, service.hide(args.quote_id, by="command line"))


def cmd_timeline(args: argparse.Namespace) -> int:
    from bot import timeline
    from bot.export import slug

    service, _ = _service(args)
    tl, png = timeline.chart(service.index, args.name, args.period, since=args.since, until=args.until)
    path = Path(args.output or f"{slug(tl.speaker.name)}-timeline.png")
    try:
        path.write_bytes(png)
    except OSError as e:
        print(f"error: cannot write {path}: {e.strerror or e}", file=sys.stderr)
        return 2
    sp = tl.speaker
    lines = [sp.name + (f" — {sp.role}" if sp.role else "") + f": {tl.total} statement(s) by {tl.period}", "",
             f"{'week of' if tl.period == 'week' else 'month':<10}  direct  partial  reported  total"]
    for start, c in zip(tl.starts, tl.counts, strict=True):
        label = start.isoformat() if tl.period == "week" else start.isoformat()[:7]
        lines.append(f"{label:<10}  {c[0]:>6}  {c[1]:>7}  {c[2]:>8}  {sum(c):>5}")
    if tl.undated:
        lines.append(f"{'undated':<10}  {'':>6}  {'':>7}  {'':>8}  {tl.undated:>5}")
    lines += ["", "outlets: " + ", ".join(f"{o} {n}" for o, n in tl.outlets),
              f"chart: {path} ({timeline.WIDTH_PX}×{timeline.HEIGHT_PX} PNG, {len(png)} bytes)"]
    _emit(args, {**tl.to_json(), "file": str(path)}, "\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from bot.export import export

    fmt = args.format or ("json" if args.json else "csv")
    service, _ = _service(args)
    exp = export(service.index, args.name, fmt, args.kind, args.since, args.until)
    if not args.output or args.output == "-":
        sys.stdout.buffer.write(exp.data)
        sys.stdout.flush()
        return 0 if exp.count else 1
    try:
        Path(args.output).write_bytes(exp.data)
    except OSError as e:
        print(f"error: cannot write {args.output}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"wrote {exp.count} statement(s) by {exp.speaker.name} to {args.output} ({fmt}, {len(exp.data)} bytes)",
          file=sys.stderr)
    return 0 if exp.count else 1


def cmd_speakers(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    sps = service.index.speakers()
    lines = [f"{sp.count:>5}  {sp.name}" + (f" — {sp.role}" if sp.role else "")
             + (f" ({sp.kind})" if sp.kind and sp.kind != "person" else "") for sp in sps]
    _emit(args, [sp.to_json() for sp in sps], "\n".join(lines) or "No speakers: the corpus is empty.")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    service, _ = _service(args)
    arts = service.index.sources()
    data = [{"id": a.id, "title": a.title, "outlet": a.outlet,
             "date": a.date.isoformat() if a.date else None, "url": a.url, "quotes": a.quotes}
            for a in arts]
    lines = [f"{a.date.isoformat() if a.date else 'undated':<10}  {a.quotes:>4} quotes  "
             f"{a.outlet or 'unknown outlet'}: {a.title}  [{a.id}]" for a in arts]
    _emit(args, data, "\n".join(lines) or "No articles in the corpus.")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """A web page (fetched, its main text and metadata extracted) or an article file into
    the corpus folder, then an incremental reload; the article's statements are printed."""
    from bot import fetch

    service, _ = _service(args)
    limits = fetch.Limits.of(service.settings.bot, local=True)
    if "://" in args.source:
        page = fetch.fetch_sync(service.check_new_url(args.source), limits)
    else:
        page = fetch.read_file(Path(args.source), limits)
    added = service.add(page)
    d = added.draft
    lines = [f"Added {d.title}", f"   {d.outlet or 'unknown outlet'}, {d.date.isoformat() if d.date else 'undated'}"
             + (f", by {d.author}" if d.author else ""), *([f"   <{d.url}>"] if d.url else []),
             f"   saved as {service.corpus / added.file}", "",
             f"{len(added.statements)} statement(s):"]
    for n, st in enumerate(added.statements, 1):
        who = st.speaker or _uncertain(st, False)
        lines.append(f"{n}. {who}{', ' + st.speaker_role if st.speaker_role else ''} ({st.kind})")
        lines.append(f"   “{st.text}”")
    lines += [f"warning: {w}" for w in added.warnings]
    data = {"file": added.file, "title": d.title, "outlet": d.outlet, "author": d.author,
            "date": d.date.isoformat() if d.date else None, "url": d.url, "source_url": d.source_url,
            "statements": [st.to_json() for st in added.statements], "report": added.report.to_json()}
    _emit(args, data, "\n".join(lines))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    _, report = _service(args, warn=False)
    _emit(args, report.to_json(), report.summary())
    return 0


def _serving(args: argparse.Namespace):
    """A Service loaded from the corpus, or an error message for the person at the terminal."""
    service, _ = _service(args)
    if not len(service.index):
        print(f"warning: no quotes in {service.corpus}", file=sys.stderr)
    return service


def cmd_console(args: argparse.Namespace) -> int:
    from bot import console

    return console.main(_serving(args), files_dir=Path(args.files) if getattr(args, "files", None) else None)


def cmd_run(args: argparse.Namespace) -> int:
    """Connect to Discord when a token is set; otherwise the offline console."""
    from bot.discord.client import read_token

    token = read_token()
    if not token:
        print("No DISCORD_TOKEN set: starting the offline console (what the bot would answer).",
              file=sys.stderr)
        return cmd_console(args)
    return _run_bot(_serving(args), token)


def _run_bot(service, token: str) -> int:
    import asyncio
    import logging
    import signal

    import aiohttp
    import discord

    from bot.discord.client import QuoteBot

    discord.utils.setup_logging(level=logging.INFO)
    # a text bot never joins a voice channel: discord.py's warnings that the voice
    # libraries are missing only alarm whoever reads the log
    logging.getLogger("discord.client").addFilter(
        lambda record: "voice will NOT be supported" not in record.getMessage())
    bot = QuoteBot(service)

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
        async with bot:
            await bot.start(token)

    try:
        asyncio.run(serve())
    except discord.LoginFailure:
        print("error: Discord refused the token in DISCORD_TOKEN (it is not shown here).", file=sys.stderr)
        return 2
    except (OSError, aiohttp.ClientError, discord.GatewayNotFound, discord.HTTPException) as e:
        # no network, DNS, TLS, or Discord down: one line, not the client's traceback
        print(f"error: cannot reach Discord ({_why(e)}); check the network and try again.",
              file=sys.stderr)
        return 3
    return 0


def _why(e: BaseException) -> str:
    """What went wrong, briefly, without anything a token could be part of."""
    import aiohttp

    if isinstance(e, aiohttp.ClientConnectorError):
        return f"cannot connect to {e.host}:{e.port}"
    return type(e).__name__


def cmd_sync(args: argparse.Namespace) -> int:
    import asyncio

    import discord

    from bot.discord.client import QuoteBot, read_token

    token = read_token()
    if not token:
        print("error: set DISCORD_TOKEN (or put it in .env) to sync commands.", file=sys.stderr)
        return 2
    service = _serving(args)
    guild_id = args.guild or service.settings.bot.dev_guild

    async def sync() -> list:
        bot = QuoteBot(service)
        async with bot:
            await bot.login(token)
            if guild_id:
                guild = discord.Object(id=guild_id)
                bot.tree.copy_global_to(guild=guild)
                return await bot.tree.sync(guild=guild)
            return await bot.tree.sync()

    try:
        synced = asyncio.run(sync())
    except discord.LoginFailure:
        print("error: Discord refused the token in DISCORD_TOKEN (it is not shown here).", file=sys.stderr)
        return 2
    where = f"server {guild_id}" if guild_id else "every server (global; may take up to an hour)"
    print(f"Synced {len(synced)} commands to {where}: " + ", ".join(f"/{c.name}" for c in synced))
    return 0


def cmd_commands(args: argparse.Namespace) -> int:
    from bot.discord.client import command_payloads
    from bot.service import Service

    payloads = command_payloads(Service(args.corpus or "seeds", args.config))
    if args.json:
        print(json.dumps(payloads, ensure_ascii=False, indent=2))
    else:
        for p in payloads:
            opts = " ".join(f"[{o['name']}]" if not o.get("required") else o["name"] for o in p.get("options", ()))
            print(f"/{p['name']} {opts}".rstrip() + f" — {p['description']}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from bot import console

    service = _serving(args)
    pages, failed = console.run_line(service, args.line)
    if args.json:
        from bot.discord import render

        print(json.dumps(render.interaction_responses(pages), ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(console.page_text(p) for p in pages))
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="quotebot", description=__doc__)
    p.add_argument("--config", default="config", help="folder of YAML settings (default: config)")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="find quotations and their speakers")
    e.add_argument("paths", nargs="*", help="article files or folders")
    e.add_argument("--input-jsonl", help='lines of {"id", "text"} to read instead of files')
    e.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
    e.add_argument("--kinds", type=_kinds, metavar="KIND[,KIND]",
                   help="only these kinds: direct, partial, reported (default: all)")
    e.set_defaults(func=cmd_extract)

    def query(name: str, help: str, func) -> argparse.ArgumentParser:
        q = sub.add_parser(name, help=help)
        q.add_argument("--corpus", help="corpus folder (default: corpus in config/bot.yaml)")
        q.add_argument("--json", action="store_true", help="machine-readable output")
        q.add_argument("--no-cache", action="store_true", help="extract everything afresh")
        q.set_defaults(func=func)
        return q

    q = query("quote", "what a speaker said, newest first", cmd_quote)
    q.add_argument("name", help="full name, surname or alias; case, accents and small typos don't matter")
    q.add_argument("--kind", choices=["direct", "partial", "reported"])
    q.add_argument("--since", type=_date_arg, help="YYYY-MM-DD")
    q.add_argument("--until", type=_date_arg, help="YYYY-MM-DD")
    q.add_argument("--about", metavar="PHRASE", help="only what they said on this, best match first")
    w = query("who", "who said something like a phrase", cmd_who)
    w.add_argument("phrase")
    w.add_argument("--speaker", help="only this speaker's statements")
    w.add_argument("--outlet", help="only statements in this outlet (any outlet whose name holds these words)")
    w.add_argument("--since", type=_date_arg, help="YYYY-MM-DD")
    w.add_argument("--until", type=_date_arg, help="YYYY-MM-DD")
    w.add_argument("--limit", type=_ranged(int, 1, 100, "a whole number from 1 to 100"),
                   help="most results, 1-100 (default: who_limit in bot.yaml)")
    w.add_argument("--min-score", type=_ranged(float, 0, 100, "a number from 0 to 100"),
                   help="0-100 (default: who_min_score in bot.yaml)")
    w.add_argument("--full", action="store_true", help="whole quotations, not a window around the match")
    w.add_argument("--guesses", action="store_true",
                   help="name the likeliest speaker where the speaker is uncertain")
    c = query("context", "a quotation in its article: the paragraphs around it, marked", cmd_context)
    c.add_argument("quote_id", metavar="QUOTE_ID", help="the id shown with each quotation")
    k = query("correct", "set a quotation's speaker (kept in config/corrections.yaml)", cmd_correct)
    k.add_argument("quote_id", metavar="QUOTE_ID")
    k.add_argument("--speaker", required=True, help="a speaker's name (typos fine) or a new one")
    h = query("hide", "leave a quotation out of quote, who and the counts (config/corrections.yaml)", cmd_hide)
    h.add_argument("quote_id", metavar="QUOTE_ID")
    t = query("timeline", "a PNG chart of a speaker's statements per week or month, by kind and outlet",
              cmd_timeline)
    t.add_argument("name", help="full name, surname or alias")
    t.add_argument("-o", "--output", metavar="FILE.png", help="where to write the chart (default: NAME-timeline.png)")
    t.add_argument("--period", choices=["week", "month"],
                   help="bars by week or month (default: weeks for up to half a year, else months)")
    t.add_argument("--since", type=_date_arg, help="YYYY-MM-DD")
    t.add_argument("--until", type=_date_arg, help="YYYY-MM-DD")
    x = query("export", "a speaker's statements as CSV or JSON (--json: --format json)", cmd_export)
    x.add_argument("name", help="full name, surname or alias")
    x.add_argument("--format", choices=["csv", "json"], help="csv (default) or json")
    x.add_argument("-o", "--output", metavar="FILE", help="where to write it (default: standard output)")
    x.add_argument("--kind", choices=["direct", "partial", "reported"])
    x.add_argument("--since", type=_date_arg, help="YYYY-MM-DD")
    x.add_argument("--until", type=_date_arg, help="YYYY-MM-DD")
    query("speakers", "every speaker with role and count", cmd_speakers)
    query("sources", "every article with outlet, date and count", cmd_sources)
    query("index", "build or refresh the cache and print the reload report", cmd_index)
    a = query("add", "add a news article (a web page or a .html/.txt/.md file) to the corpus", cmd_add)
    a.add_argument("source", metavar="URL|FILE", help="the article's http(s) address, or its file")
    files_help = "where the console saves the files a reply attaches (default: quotebot-files in the temp folder)"
    query("run", "the bot: on Discord with DISCORD_TOKEN set, else the offline console",
          cmd_run).add_argument("--files", metavar="DIR", help=files_help)
    query("console", "the offline console: type bot commands, see the bot's answers",
          cmd_console).add_argument("--files", metavar="DIR", help=files_help)
    y = query("sync", "register the slash commands with Discord (needs DISCORD_TOKEN)", cmd_sync)
    y.add_argument("--guild", type=int, help="one server's id: instant, for testing (default: dev_guild)")
    query("commands", "the command payloads that sync would send", cmd_commands)
    r = query("render", "the replies the bot would send for one command line", cmd_render)
    r.add_argument("line", help="e.g. '/quote Stoltenberg' or '/who \"open door\"'")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from bot.config import ConfigError
    from bot.fetch import AddError
    from bot.index import QueryError
    from bot.service import ReloadError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
    except (QueryError, AddError) as e:
        print(str(e), file=sys.stderr)
        return 1
    except (ConfigError, ReloadError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
