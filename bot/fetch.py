"""Fetching an article's page for /add and `quotebot add`: one code path for the bot (in
its event loop) and the command line (asyncio.run). aiohttp, which discord.py brings.

Whatever the server does, the fetch ends: a total time limit over every redirect, a byte
limit on the body as it streams in (declared or not, compressed or not), and only the
content types an article comes as (HTML, plain text, markdown). Unless allowed, it
refuses addresses on this machine or its private networks, where a page asked for from
Discord has no business (a cloud's metadata service, an admin panel), checked at every
hop and at connect time (so a name that resolves elsewhere the second time does not get
past)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bot.corpus.add import FILE_SUFFIXES, AddError, Kind, Page, check_url, kind_of

# (what the faces need of an add, from here: they do not reach into the corpus module)
__all__ = ["FILE_SUFFIXES", "AddError", "Limits", "Page", "fetch", "fetch_sync", "kind_of", "read_file"]

USER_AGENT = "quotebot/0.1 (adds a news article to a quotation corpus)"
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 5_000_000
    timeout: float = 20.0
    # fetch from loopback and private addresses (the command line, tests); not from Discord
    private: bool = False

    @classmethod
    def of(cls, settings: Any, local: bool) -> Limits:
        """The limits in config/bot.yaml. `local`: asked by the person at this machine
        (command line, console), who may fetch from it and its network anyway."""
        return cls(settings.add_max_bytes, settings.add_timeout, local or settings.add_private_hosts)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n // 1000} kB"


class _Private(OSError):
    """A host that resolves to an address that is not on the public internet."""


def _public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolver(private: bool) -> Any:
    import aiohttp

    class PublicResolver(aiohttp.ThreadedResolver):
        async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET):
            found = await super().resolve(host, port, family)
            if private:
                return found
            public = [r for r in found if _public(r["host"])]
            if not public:
                raise _Private(f"{host} is a local or private address")
            return public

    return PublicResolver()


async def fetch(url: str, limits: Limits, expect: Kind | None = None, name: str | None = None) -> Page:
    """The page at url, following redirects; AddError saying why not. `expect`: the kind
    of file already known (a Discord attachment's name), whatever type its server says;
    `name`: what to call it in messages (an attachment's file name, not its long url)."""
    import aiohttp

    url = check_url(url)
    shown = name or url[:200]
    try:
        async with asyncio.timeout(limits.timeout):
            connector = aiohttp.TCPConnector(resolver=_resolver(limits.private), limit=2)
            headers = {"User-Agent": USER_AGENT,
                       "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1"}
            async with aiohttp.ClientSession(connector=connector, headers=headers) as session:
                for _ in range(MAX_REDIRECTS + 1):
                    host = urlsplit(url).hostname or ""
                    if not limits.private and _is_ip(host) and not _public(host):
                        raise AddError("bad_url", f"{shown}: {host} is a local or private address; "
                                       "only public web pages can be added")
                    async with session.get(url, allow_redirects=False) as resp:
                        if resp.status in (301, 302, 303, 307, 308) and resp.headers.get("Location"):
                            url = check_url(urljoin(url, resp.headers["Location"]))
                            continue
                        return await _read(resp, url, shown, limits, expect)
                raise AddError("unreachable", f"{shown}: more than {MAX_REDIRECTS} redirects")
    except TimeoutError:
        raise AddError("timeout", f"{shown}: no complete answer within {limits.timeout:g} s") from None
    except aiohttp.ClientConnectorError as e:
        if isinstance(e.os_error, _Private):
            raise AddError("bad_url", f"{shown}: {e.os_error}; only public web pages can be added") from None
        raise AddError("unreachable", f"{shown}: cannot connect to {e.host}:{e.port}") from None
    except aiohttp.InvalidURL:
        raise AddError("bad_url", f"{shown}: not a web address") from None
    except (aiohttp.ClientError, OSError) as e:
        raise AddError("unreachable", f"{shown}: the connection failed ({type(e).__name__})") from None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
        return True
    except ValueError:
        return False


async def _read(resp: Any, url: str, shown: str, limits: Limits, expect: Kind | None) -> Page:
    if resp.status >= 400:
        raise AddError("unreachable", f"{shown}: the server answered {resp.status} {resp.reason or ''}".rstrip())
    if resp.status != 200:
        raise AddError("unreachable", f"{shown}: the server answered {resp.status}, not a page")
    ctype = resp.headers.get("Content-Type")
    kind = expect or kind_of(ctype)
    if kind is None:
        what = (ctype or "no content type").split(";")[0].strip()
        raise AddError("not_article", f"{shown}: not an article: the server sent {what}, "
                       "not a web page or text")
    if resp.content_length is not None and resp.content_length > limits.max_bytes:
        raise AddError("too_large", f"{shown}: too large ({_mb(resp.content_length)}; "
                       f"at most {_mb(limits.max_bytes)})")
    body = bytearray()
    async for chunk in resp.content.iter_chunked(_CHUNK):
        body += chunk
        if len(body) > limits.max_bytes:
            raise AddError("too_large", f"{shown}: too large (more than {_mb(limits.max_bytes)})")
    return Page(bytes(body), kind, str(url), shown, resp.charset)


def fetch_sync(url: str, limits: Limits) -> Page:
    """fetch() for the command line and the console, which run no event loop."""
    return asyncio.run(fetch(url, limits))


def read_file(path: Path, limits: Limits) -> Page:
    """An article file on this machine (the command line's and console's stand-in for a
    Discord attachment): the same checks of type and size."""
    kind = FILE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise AddError("not_article", f"{path.name}: not an article file (give .html, .txt or .md)")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise AddError("too_large", f"{path.name}: too large ({_mb(size)}; at most {_mb(limits.max_bytes)})")
        data = path.read_bytes()
    except OSError as e:
        raise AddError("unreachable", f"{path}: cannot read ({e.strerror or e})") from None
    return Page(data, kind, None, path.name)
