"""The command line: extract now; quote, who, speakers, sources, index, console, run,
sync, commands and render as the index and the bot land."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.corpus import parse_article, read_corpus
from bot.extract.pipeline import extract
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
    out = sys.stdout
    for a, qs in per_article:
        if args.format == "jsonl":
            out.write(json.dumps(_article_json(a, qs), ensure_ascii=False) + "\n")
        else:
            out.write(_text_block(a, qs) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="quotebot", description=__doc__)
    p.add_argument("--config", default="config", help="folder of YAML settings (default: config)")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="find quotations and their speakers")
    e.add_argument("paths", nargs="*", help="article files or folders")
    e.add_argument("--input-jsonl", help='lines of {"id", "text"} to read instead of files')
    e.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
    e.set_defaults(func=cmd_extract)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        return 0
