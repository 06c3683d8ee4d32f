"""Adding an article (/add, `quotebot add`, the console's /add): pages fetched from a
news site on the loopback interface (tests/newsserver.py), their main text and metadata
saved as .md with front matter, the reload that takes them in, and every refusal with its
reason. No request leaves the machine."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from newsserver import ARTICLE_TXT, Site

from bot import cli, console, fetch
from bot.corpus import add as adding
from bot.corpus.add import AddError
from bot.discord.answers import parse_line
from bot.index import QueryError
from bot.service import Added, Service

ROOT = Path(__file__).resolve().parents[1]
HARBOUR = "/news/2023/03/17/harbour-strike-ends"
WIND = "/2023/05/04/offshore-wind-farm-approved/"
TIMEOUT = 0.5  # the slow page's wait: short, and no sleep in the test itself
MAX_BYTES = 300_000


@pytest.fixture(scope="module")
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(seed, folder)
    return folder


def write_config(folder: Path, private: bool = True, extra: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "bot.yaml").write_text(f"add_timeout: {TIMEOUT}\nadd_max_bytes: {MAX_BYTES}\n"
                                     f"add_private_hosts: {'true' if private else 'false'}\n{extra}",
                                     encoding="utf-8")
    return folder


@pytest.fixture
def cfg(tmp_path: Path) -> Path:
    return write_config(tmp_path / "cfg")


@pytest.fixture
def service(corpus: Path, cfg: Path) -> Service:
    s = Service(corpus, cfg)
    s.reload()
    return s


def limits(service: Service) -> fetch.Limits:
    return fetch.Limits.of(service.settings.bot, local=True)


def add_url(service: Service, url: str) -> Added:
    return service.add(fetch.fetch_sync(service.check_new_url(url), limits(service)))


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def said(added: Added) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for st in added.statements:
        out.setdefault(st.speaker or "?", []).append(st.text)
    return out


# ---- real-looking pages ----------------------------------------------------------------

PAGES = {
    HARBOUR: {
        "file": "2023-03-17-harbour-strike-ends-after-talks-run-through-the-night.md",
        "meta": {"title": "Harbour strike ends after talks run through the night", "author": "Helen Marsh",
                 "date": dt.date(2023, 3, 17), "outlet": "The Northern Ledger",
                 "url": "https://www.northernledger.example/news/2023/03/17/harbour-strike-ends"},
        "text": ["an estimated £3 million.", "“Every day the cranes stood still we lost orders,” said Priya Raman"],
        "said": {"Maria Lindqvist": "Nobody wanted this to go on a day longer than it had to",
                 "Tom Okafor": "We have won what we came for",
                 "Priya Raman": "Every day the cranes stood still we lost orders"},
        # navigation, ads, related links, newsletter, sidebar, comments, footer
        "furniture": ["Subscribe from", "Mortgage rates", "Advertisement", "Win a cruise", "Read more",
                      "We will not be bullied", "Related stories", "Get the Ledger Daily", "Most read",
                      "PortWatcher77", "my foot", "My dad worked", "until the next time", "Leave a comment",
                      "Lose weight", "All rights reserved", "cookies", "Share on"],
    },
    WIND: {
        "file": "2023-05-04-offshore-wind-farm-approved-despite-fishermens-objections.md",
        "meta": {"title": "Offshore wind farm approved despite fishermen’s objections", "author": "Daniel Reyes",
                 "date": dt.date(2023, 5, 4), "outlet": "Coastline Wire",
                 "url": "https://coastlinewire.example/2023/05/04/offshore-wind-farm-approved/"},
        "text": ["Construction is due to start next spring"],
        "said": {"Claire Whitfield": "This is the single biggest step this region has taken",
                 "Agnes Pell": "They have drawn their lines on a map"},
        "furniture": ["Skip to content", "Support independent journalism", "Fisheries", "Solar panels",
                      "Share this", "We will not give up our grounds", "Turbine plant promises",
                      "Council budget passes", "thoughts on", "Hundreds of skilled jobs” – we heard",
                      "the sea feeds us", "Leave a Reply", "Recent Posts", "Holiday cottages",
                      "Proudly powered by WordPress"],
    },
}


@pytest.mark.parametrize("path", list(PAGES))
def test_a_news_page_is_saved_with_its_metadata_and_its_quotes_are_served(
        service: Service, corpus: Path, site: Site, path: str) -> None:
    want = PAGES[path]
    before = {p.name for p in corpus.iterdir()}
    added = add_url(service, site.url(path))

    assert added.file == want["file"]
    assert {p.name for p in corpus.iterdir()} == before | {want["file"]}  # (and no temporary file left)
    meta, body = front_matter(corpus / added.file)
    assert meta == {**want["meta"], "source_url": site.url(path)}
    assert body.lstrip().startswith(want["meta"]["title"] + "\n\n")  # the headline, as .txt files have it
    for line in want["text"]:
        assert line in body
    for junk in want["furniture"]:
        assert junk not in body, junk

    # the reload took it in: its quotations, with their speakers
    assert added.report.articles_added == (added.file,)
    for speaker, words in want["said"].items():
        assert any(words in t for t in said(added).get(speaker, [])), (speaker, said(added))
    info = next(a for a in service.index.sources() if a.id == added.file)
    assert (info.title, info.outlet, info.date, info.url) == (
        want["meta"]["title"], want["meta"]["outlet"], want["meta"]["date"], want["meta"]["url"])
    speaker, words = next(iter(want["said"].items()))
    [hit, *_] = service.index.who(words)
    assert hit.statement.speaker == speaker and hit.statement.article.id == added.file
    assert any(words in st.text for st in service.index.quote(speaker.split()[-1]).statements)


def test_a_page_in_windows_1252_said_only_in_the_http_header(service: Service, corpus: Path, site: Site) -> None:
    added = add_url(service, site.url("/cp1252/harbour"))
    _, body = front_matter(corpus / added.file)
    assert "“Nobody wanted this to go on a day longer than it had to,” said Maria Lindqvist" in body
    assert "£3 million" in body
    assert "Maria Lindqvist" in said(added)


def test_a_redirect_is_followed_and_the_address_fetched_kept(service: Service, corpus: Path, site: Site) -> None:
    added = add_url(service, site.url("/old-link"))
    meta, _ = front_matter(corpus / added.file)
    assert meta["url"] == PAGES[WIND]["meta"]["url"]
    assert meta["source_url"] == site.url(WIND)


# ---- the same article twice ---------------------------------------------------------------

def test_the_same_address_is_refused_without_fetching_it_again(service: Service, corpus: Path, site: Site) -> None:
    first = add_url(service, site.url(HARBOUR))
    files = sorted(p.name for p in corpus.iterdir())
    fetched = site.hits[HARBOUR]
    refused = f"already in the corpus as {first.file} \\(the same address\\)"
    with pytest.raises(AddError, match=refused) as e:
        add_url(service, site.url(HARBOUR))
    assert e.value.reason == "duplicate"
    # (asked of the corpus alone, before any fetch: these are never requested)
    for again in (site.url(HARBOUR) + "?utm_source=newsletter&utm_medium=email",
                  site.url(HARBOUR) + "/#comments", PAGES[HARBOUR]["meta"]["url"],
                  "http://northernledger.example/news/2023/03/17/harbour-strike-ends/"):
        with pytest.raises(AddError, match=refused):
            service.check_new_url(again)
    assert site.hits[HARBOUR] == fetched
    assert sorted(p.name for p in corpus.iterdir()) == files


@pytest.mark.parametrize("copy", ["/mirror/harbour", "/cp1252/harbour"])
def test_the_same_text_at_another_address_is_refused(service: Service, corpus: Path, site: Site,
                                                      copy: str) -> None:
    first = add_url(service, site.url(HARBOUR))
    files = sorted(p.name for p in corpus.iterdir())
    with pytest.raises(AddError, match=f"already in the corpus as {first.file} \\(the same text\\)"):
        add_url(service, site.url(copy))
    assert sorted(p.name for p in corpus.iterdir()) == files


def test_a_file_with_the_text_of_an_article_in_the_corpus_is_refused(service: Service, corpus: Path,
                                                                       tmp_path: Path) -> None:
    seed = sorted(corpus.glob("*.txt"))[0]
    upload = tmp_path / "upload.txt"
    # the same words: other line breaks, spacing and case do not make it another article
    upload.write_text(seed.read_text(encoding="utf-8").replace("\n\n", "\n").upper() + "\n", encoding="utf-8")
    with pytest.raises(AddError, match=f"already in the corpus as {seed.name} \\(the same text\\)"):
        service.add(fetch.read_file(upload, limits(service)))


def test_the_same_url_named_in_sources_yaml_is_refused(corpus: Path, tmp_path: Path, site: Site) -> None:
    seed = sorted(corpus.glob("*.txt"))[0].name
    cfg = write_config(tmp_path / "cfg2")
    (cfg / "sources.yaml").write_text(f"{seed}:\n  url: {site.url(HARBOUR)}\n", encoding="utf-8")
    service = Service(corpus, cfg)
    service.reload()
    with pytest.raises(AddError, match=f"already in the corpus as {seed}"):
        service.check_new_url(site.url(HARBOUR))


# ---- what is refused, and why ---------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(("path", "reason", "why"), [
    ("/missing", "unreachable", "the server answered 404 Not Found"),
    ("/slow", "timeout", f"no complete answer within {TIMEOUT:g} s"),
    ("/huge", "too_large", "too large (more than 300 kB)"),
    ("/huge-declared", "too_large", "too large (2000.0 MB; at most 300 kB)"),
    ("/photo.png", "not_article", "not an article: the server sent image/png"),
    ("/binary-as-html", "not_article", "not an article: the page is not text"),
    ("/news", "not_article", "not an article: too little running text"),
    ("/loop", "unreachable", "more than 5 redirects"),
])
def test_what_cannot_be_added_is_refused_saying_why(service: Service, corpus: Path, site: Site,
                                                     path: str, reason: str, why: str) -> None:
    files = sorted(p.name for p in corpus.iterdir())
    with pytest.raises(AddError) as e:
        add_url(service, site.url(path))
    assert e.value.reason == reason
    assert str(e.value) == f"{site.url(path)}: {why}" or str(e.value).startswith(f"{site.url(path)}: {why}")
    assert sorted(p.name for p in corpus.iterdir()) == files  # nothing written, not even a temporary file


def test_an_unreachable_server_and_addresses_that_are_no_web_pages(service: Service) -> None:
    port = closed_port()
    with pytest.raises(AddError, match=f"cannot connect to 127.0.0.1:{port}") as e:
        add_url(service, f"http://127.0.0.1:{port}/story")
    assert e.value.reason == "unreachable"
    for bad, why in (("ftp://example.org/story.txt", "only http and https"),
                     ("file:///etc/passwd", "only http and https"), ("story", "only http and https"),
                     ("http://", "no host name"), ("http://example.org:port/", "not a web address")):
        with pytest.raises(AddError, match=why) as e:
            add_url(service, bad)
        assert e.value.reason == "bad_url"


def test_local_and_private_addresses_are_refused_unless_allowed(site: Site) -> None:
    public_only = fetch.Limits(MAX_BYTES, TIMEOUT, private=False)
    port = site.server.server_address[1]
    fetched = site.hits[HARBOUR]
    # (only loopback addresses are asked for: a check that failed would reach this machine alone)
    for url in (site.url(HARBOUR), f"http://localhost:{port}{HARBOUR}", f"http://[::ffff:127.0.0.1]:{port}{HARBOUR}"):
        with pytest.raises(AddError, match="local or private address; only public web pages can be added") as e:
            asyncio.run(fetch.fetch(url, public_only))
        assert e.value.reason == "bad_url"
    assert site.hits[HARBOUR] == fetched
    for address in ("10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "::1",
                    "fd00::1", "fe80::1%eth0", "0.0.0.0", "224.0.0.1", "::ffff:10.1.2.3"):
        assert not fetch._public(address), address
    assert fetch._public("93.184.215.14") and fetch._public("2606:2800:21f:cb07:6820:80da:af6b:8b2c")
    page = asyncio.run(fetch.fetch(site.url(HARBOUR), fetch.Limits(MAX_BYTES, TIMEOUT, private=True)))
    assert page.kind == "html" and b"Harbour strike ends" in page.data


def test_files_are_checked_for_type_and_size(service: Service, tmp_path: Path) -> None:
    pdf = tmp_path / "story.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(AddError, match=r"story.pdf: not an article file \(give .html, .txt or .md\)"):
        fetch.read_file(pdf, limits(service))
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_BYTES // 5 + 1))
    with pytest.raises(AddError, match="big.txt: too large"):
        fetch.read_file(big, limits(service))
    with pytest.raises(AddError, match="cannot read"):
        fetch.read_file(tmp_path / "missing.txt", limits(service))
    short = tmp_path / "short.txt"
    short.write_text("A headline\n\nOne line.\n", encoding="utf-8")
    with pytest.raises(AddError, match="short.txt: not an article: too little running text"):
        service.add(fetch.read_file(short, limits(service)))


def test_a_markdown_file_keeps_its_front_matter(service: Service, corpus: Path, tmp_path: Path) -> None:
    md = tmp_path / "ferry.md"
    md.write_text("---\ntitle: Ferry fares to rise by a fifth\noutlet: Island Times\ndate: 2023-05-02\n"
                  "url: https://islandtimes.example/ferry-fares\n---\n\n"
                  + ARTICLE_TXT.decode("utf-8").split("\n", 2)[2], encoding="utf-8")
    added = service.add(fetch.read_file(md, limits(service)))
    assert added.file == "2023-05-02-ferry-fares-to-rise-by-a-fifth.md"
    meta, body = front_matter(corpus / added.file)
    assert meta == {"title": "Ferry fares to rise by a fifth", "outlet": "Island Times", "date": dt.date(2023, 5, 2),
                    "url": "https://islandtimes.example/ferry-fares"}
    assert "title:" not in body
    assert {"Ewan Grant", "Moira Sutherland"} <= set(said(added))


# ---- file names ------------------------------------------------------------------------------

def test_file_names_are_safe_slugs_and_never_overwrite(tmp_path: Path) -> None:
    assert adding.slug("../../../etc/passwd") == "etc-passwd"
    assert adding.slug("Ünïcode — “Tïtle”!", dt.date(2023, 1, 2)) == "2023-01-02-unicode-title"
    assert adding.slug("") == adding.slug("!!!") == adding.slug("中文标题") == "article"
    long = adding.slug("word " * 40)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")
    assert adding.slug(".hidden") == "hidden"
    first = adding.write_new(tmp_path, "same", "one")
    second = adding.write_new(tmp_path, "same", "two")
    assert (first.name, second.name) == ("same.md", "same-2.md")
    assert (first.read_text(), second.read_text()) == ("one", "two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same-2.md", "same.md"]
    for bad in ("../x", "a/b", ".x", "", "X"):
        with pytest.raises(ValueError):
            adding.write_new(tmp_path, bad, "x")


def test_a_title_that_is_a_path_saves_in_the_corpus_folder(service: Service, corpus: Path, site: Site) -> None:
    added = add_url(service, site.url("/traversal"))
    assert added.file == "2023-05-04-etc-passwd.md"
    assert (corpus / added.file).is_file()
    assert front_matter(corpus / added.file)[0]["title"] == "../../../etc/passwd"


# ---- the command line and the console --------------------------------------------------------

def test_quotebot_add_url_and_file(corpus: Path, cfg: Path, site: Site, tmp_path: Path, capsys) -> None:
    args = ["--config", str(cfg), "add", "--corpus", str(corpus), "--no-cache"]
    assert cli.main([*args, site.url(HARBOUR)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added Harbour strike ends after talks run through the night\n"
                          "   The Northern Ledger, 2023-03-17, by Helen Marsh\n")
    assert "Maria Lindqvist (direct)\n   “Nobody wanted this" in out
    assert "Priya Raman (direct)" in out

    txt = tmp_path / "ferry-fares.txt"
    txt.write_bytes(ARTICLE_TXT)
    assert cli.main([*args, "--json", str(txt)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == "ferry-fares-to-rise-by-a-fifth-from-june.md" and data["url"] is None
    assert {s["speaker"] for s in data["statements"]} >= {"Ewan Grant", "Moira Sutherland"}
    assert data["report"]["articles_added"] == [data["file"]]

    assert cli.main([*args, site.url(HARBOUR)]) == 1
    assert "already in the corpus as 2023-03-17-harbour" in capsys.readouterr().err
    assert cli.main([*args, site.url("/missing")]) == 1
    err = capsys.readouterr().err
    assert err.strip() == f"{site.url('/missing')}: the server answered 404 Not Found"


def test_the_console_adds_a_page_or_a_file(service: Service, site: Site, tmp_path: Path) -> None:
    txt = tmp_path / "ferry-fares.txt"
    txt.write_bytes(ARTICLE_TXT)
    out = io.StringIO()
    lines = [f"/add {site.url(WIND)}", f"/add file:{txt}", f"/add url:{site.url('/photo.png')}", "/add"]
    assert console.serve(service, lines, out, interactive=False) == 1  # (some of it was refused)
    text = out.getvalue()
    assert "━━ Added: Offshore wind farm approved despite fishermen’s objections" in text
    assert "Claire Whitfield — Energy minister (direct quote)" in text
    assert "━━ Added: Ferry fares to rise by a fifth from June" in text and "Ewan Grant" in text
    assert "photo.png: not an article: the server sent image/png" in text
    assert "/add needs url or file" in text
    assert "Traceback" not in text


@pytest.mark.parametrize(("line", "options"), [
    ("/add https://example.org/news/a?b=c", {"url": "https://example.org/news/a?b=c"}),
    ("/add url:https://example.org/", {"url": "https://example.org/"}),
    ("/add file:/tmp/story.html", {"file": "/tmp/story.html"}),
])
def test_a_console_add_line(line: str, options: dict) -> None:
    inv = parse_line(line)
    assert (inv.command, inv.options) == ("add", options)


def test_a_console_add_line_needs_one_source() -> None:
    with pytest.raises(QueryError, match="/add needs url or file"):
        parse_line("/add")


def test_trafilatura_is_not_imported_until_an_article_is_added() -> None:
    code = ("import sys, bot.cli, bot.console, bot.service, bot.discord.client\n"
            "bot.cli.build_parser()\n"
            "print('trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
