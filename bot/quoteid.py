"""Quote ids: short, typable names for quotations that stay the same across reloads while
the article and the quotation are unchanged.

An id is a hash of the article's id and the quotation's text (not its offset: an edit
elsewhere in the article keeps it), written as ten characters of Crockford's base32.
Where one article holds the same quotation twice, the second gets an id of its own."""

from __future__ import annotations

import hashlib

ID_LEN = 10
ID_BITS = 5 * ID_LEN  # 50 bits: a collision in a million quotes is about one in two thousand
# Crockford's base32: no i, l, o or u, so an id read aloud or retyped survives
_DIGITS = "0123456789abcdefghjkmnpqrstvwxyz"
_VALUE = {c: i for i, c in enumerate(_DIGITS)}
_VALUE.update({"i": 1, "l": 1, "o": 0})


def quote_id(article_id: str, text: bytes | str, occurrence: int = 0) -> int:
    """The id of the occurrence-th quotation (from 0) with this text in the article."""
    h = hashlib.blake2b(digest_size=8)
    h.update(article_id.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    if occurrence:
        h.update(b"\0%d" % occurrence)
    return int.from_bytes(h.digest(), "big") >> (64 - ID_BITS)


def format_id(n: int) -> str:
    out = []
    for _ in range(ID_LEN):
        n, d = divmod(n, 32)
        out.append(_DIGITS[d])
    return "".join(reversed(out))


def parse_id(typed: str) -> int | None:
    """The id typed, or None if it cannot be one. Case, a leading '#', backticks and
    Crockford's look-alikes (i, l for 1; o for 0) don't matter."""
    s = str(typed).strip().strip("`").removeprefix("#").lower().replace("-", "")
    if len(s) != ID_LEN:
        return None
    n = 0
    for c in s:
        v = _VALUE.get(c)
        if v is None:
            return None
        n = n * 32 + v
    return n
