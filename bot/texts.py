"""Quotation texts kept out of the Python heap.

A million quotations hold about 170 MB of text, and a query reads a few dozen of them (the
candidates `who()` ranks, a page of `/quote`). So a segment's texts are written once, as
UTF-8 one after another, to a file in the cache folder and read back by offset with
`os.pread` when asked for: the process keeps only the offsets (8 bytes a quotation), and the
kernel's page cache, not the process, holds what is read often.

The file has no name (`tempfile.TemporaryFile`): it belongs to the `Texts` object alone, so
it lives exactly as long as the segment that reads it. A snapshot that is still answering a
query keeps its file after a reload has swapped in the next one; the last reference gone,
or the process killed, the kernel frees it, and nothing is left to tidy up. Without a
folder (no cache, and in tests) the texts stay in memory, read the same way.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

# Bytes gathered before a write, and read at once when every text is read in order.
_CHUNK = 1 << 22


def _decode(b: bytes | memoryview) -> str:
    return str(b, "utf-8", "surrogatepass")


class Texts:
    """The texts of one segment, by row: fill with `add()`, then `close_writing()`; read
    with `texts[i]` (one text) or iteration (all of them, in order, in large reads)."""

    def __init__(self, folder: Path | None = None) -> None:
        # where text i starts (and i - 1 ends), in bytes; 4 bytes each until the texts pass
        # 4 GB
        self._off = array("I", [0])
        self._buf = bytearray()
        self._file: BinaryIO | None = None
        self._fd = -1
        self._blob = b""
        self._writing = True
        if folder is not None:
            try:
                self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (held for the object's life)
            except OSError:
                self._file = None  # (a cache folder that cannot take it costs memory, not data)
            else:
                self._fd = self._file.fileno()

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def fileno(self) -> int | None:
        """The file the texts are in (None: in memory)."""
        return self._fd if self._file is not None else None

    @property
    def nbytes(self) -> int:
        """The size of all the texts, UTF-8."""
        return self._off[-1]

    def add(self, text: str) -> None:
        b = text.encode("utf-8", "surrogatepass")
        self._buf += b
        end = self._off[-1] + len(b)
        if end > 0xFFFF_FFFF and self._off.typecode == "I":
            self._off = array("Q", self._off)
        self._off.append(end)
        if self._file is not None and len(self._buf) >= _CHUNK:
            self._file.write(self._buf)
            self._buf.clear()

    def add_many(self, texts: Sequence[str]) -> None:
        """add() for each, encoded at once (a million calls' worth of time at build)."""
        off = self._off
        end = off[-1]
        ends = []
        for t in texts:
            # (an ASCII str knows its UTF-8 length without encoding)
            end += len(t) if t.isascii() else len(t.encode("utf-8", "surrogatepass"))
            ends.append(end)
        if end > 0xFFFF_FFFF and off.typecode == "I":
            off = self._off = array("Q", off)
        off.extend(ends)
        self._buf += "".join(texts).encode("utf-8", "surrogatepass")
        if self._file is not None and len(self._buf) >= _CHUNK:
            self._file.write(self._buf)
            self._buf.clear()

    def extend(self, texts: Iterable[str]) -> None:
        self.add_many(list(texts))

    def close_writing(self) -> None:
        """The texts are all in: from now on they are only read."""
        if not self._writing:
            return
        self._writing = False
        if self._file is not None:
            self._file.write(self._buf)
            self._file.flush()
            self._buf = bytearray()
        else:
            self._blob = bytes(self._buf)
            self._buf = bytearray()

    def __len__(self) -> int:
        return len(self._off) - 1

    def _read(self, lo: int, hi: int) -> bytes | memoryview:
        if self._writing:
            raise RuntimeError("texts are read only after close_writing()")
        if self._file is None:
            return memoryview(self._blob)[lo:hi]
        data = os.pread(self._fd, hi - lo, lo)
        if len(data) != hi - lo:
            raise OSError(f"quotation texts: {hi - lo} bytes asked at {lo}, {len(data)} read")
        return data

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < len(self):
            raise IndexError(i)
        return _decode(self._read(self._off[i], self._off[i + 1]))

    def __iter__(self) -> Iterator[str]:
        off = self._off
        n = len(self)
        i = 0
        while i < n:
            # as many whole texts as fit in one read (at least one, however long)
            j = max(i + 1, bisect_right(off, off[i] + _CHUNK) - 1)
            j = min(j, n)
            base = off[i]
            data = memoryview(self._read(base, off[j]))
            for k in range(i, j):
                yield _decode(data[off[k] - base:off[k + 1] - base])
            i = j
