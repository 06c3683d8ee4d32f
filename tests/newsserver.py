"""A news site on the loopback interface, for the tests of /add: real-looking article
pages (tests/data/pages: navigation, ads, related links and comments around the story)
and what goes wrong on the web (404, a server that never answers, an endless body, a
binary file). Nothing leaves the machine. Counts the requests per path, so a test can
tell that something was not fetched."""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "data" / "pages"
HARBOUR = (PAGES / "ledger-harbour.html").read_bytes()
WIND = (PAGES / "wire-wind-farm.html").read_bytes()
FRONT = (PAGES / "ledger-front.html").read_bytes()
_CANONICAL = re.compile(rb'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>|"mainEntityOfPage": "[^"]*"')


def without_canonical(html: bytes) -> bytes:
    """The page as a site that copies it serves it: the same text, no address of its own."""
    return _CANONICAL.sub(b"", html).replace(b',\n "mainEntityOfPage"', b"")


def retitled(html: bytes, title: str) -> bytes:
    t = title.encode("utf-8")
    html = without_canonical(html)
    html = re.sub(rb"<title>.*?</title>", b"<title>" + t + b"</title>", html)
    html = re.sub(rb'"headline": "[^"]*"', b'"headline": "' + t + b'"', html)
    html = re.sub(rb'<meta property="og:title" content="[^"]*">', b'<meta property="og:title" content="' + t + b'">',
                  html)
    return re.sub(rb"(<h1[^>]*>).*?(</h1>)", rb"\1" + t + rb"\2", html)


ARTICLE_TXT = ("Ferry fares to rise by a fifth from June\n\n"
               "Ferry fares to the islands will rise by a fifth from June, the operator said on "
               "Tuesday.\n\n"
               "\u201cWe have held prices for three years, but fuel has doubled,\u201d said Ewan "
               "Grant, the managing director of Island Link Ferries. \u201cWe cannot carry that cost "
               "alone any longer.\u201d\n\n"
               "Islanders reacted with dismay. \u201cThis is a lifeline, not a luxury,\u201d said "
               "Moira Sutherland, who chairs the Northholm community council.\n").encode("utf-8")


class Site:
    """Starts at construction; `url(path)`; `close()` ends it (and anything waiting)."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()  # the slow page answers once this is set
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:  # (quiet: pytest shows stderr)
                pass

            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                site.hits[path] += 1
                # (the client may stop reading: as it should, past its limit)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    site.route(self, path)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def send(h: BaseHTTPRequestHandler, body: bytes, ctype: str, status: int = 200,
             headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def route(self, h: BaseHTTPRequestHandler, path: str) -> None:
        html = "text/html; charset=utf-8"
        if path == "/news/2023/03/17/harbour-strike-ends":
            self.send(h, HARBOUR, html)
        elif path == "/2023/05/04/offshore-wind-farm-approved/":
            self.send(h, WIND, html)
        elif path == "/old-link":
            self.send(h, b"", "text/html", 301, {"Location": "/2023/05/04/offshore-wind-farm-approved/"})
        elif path == "/loop":
            self.send(h, b"", "text/html", 302, {"Location": "/loop"})
        elif path == "/mirror/harbour":
            self.send(h, without_canonical(HARBOUR), html)
        elif path == "/cp1252/harbour":
            # a page in Windows-1252 that says so only in the HTTP header
            page = without_canonical(HARBOUR).replace(b'<meta charset="utf-8">', b"")
            self.send(h, page.decode("utf-8").encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/mentions":
            self.send(h, retitled(HARBOUR, "Mayor <@123456789012345678> and @everyone back harbour deal"), html)
        elif path == "/traversal":
            self.send(h, retitled(WIND, "../../../etc/passwd"), html)
        elif path == "/news":
            self.send(h, FRONT, html)
        elif path == "/ferry-fares.txt":
            self.send(h, ARTICLE_TXT, "text/plain; charset=utf-8")
        elif path == "/missing":
            self.send(h, b"<h1>Not found</h1>", html, 404)
        elif path == "/slow":
            self.release.wait(30)  # (the client gives up long before; set when the test ends)
            self.send(h, HARBOUR, html)
        elif path == "/huge":
            # no Content-Length: only counting what arrives finds it too large
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.end_headers()
            h.wfile.write(b"<html><body><p>" + b"All work and no play. " * 3000)
            for _ in range(2000):  # 100 MB at most, should the client not stop
                h.wfile.write(b"<p>" + b"More text that never ends. " * 2000 + b"</p>")
        elif path == "/huge-declared":
            h.send_response(200)
            h.send_header("Content-Type", html)
            h.send_header("Content-Length", str(2_000_000_000))
            h.end_headers()
            h.wfile.write(b"<html>")
        elif path == "/photo.png":
            self.send(h, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "image/png")
        elif path == "/binary-as-html":
            self.send(h, b"\x00\x01\x02\xff\xfe" * 2000, html)
        else:
            self.send(h, b"<h1>Not found</h1>", html, 404)
