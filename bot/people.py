"""One canonical name per speaker across the corpus.

"Stoltenberg", "Jens Stoltenberg" and "NATO boss Stoltenberg" are one person; "Alexander
Grushko" and "Alexander Gruschko" are spellings of one (rapidfuzz). config/speakers.yaml
names canonical speakers, their aliases and roles, and merges or keeps apart the rest.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.models import Quote

# Two surnames this alike (after folding accents and case) are one spelling apart.
SPELLING_SIMILARITY = 85.0


def fold(s: str) -> str:
    """Case- and accent-insensitive form: "Gruschko" and "gruschko", "Pé" and "pe"."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


@dataclass(slots=True)
class SpeakerSpec:
    """An admin's word on one speaker (config/speakers.yaml)."""

    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    kind: str | None = None  # person | organisation


@dataclass(slots=True)
class Directory:
    specs: list[SpeakerSpec] = field(default_factory=list)
    keep_apart: list[list[str]] = field(default_factory=list)

    def alias_map(self) -> dict[str, SpeakerSpec]:
        out: dict[str, SpeakerSpec] = {}
        for spec in self.specs:
            for n in [spec.name, *spec.aliases]:
                out[fold(n)] = spec
        return out

    def _apart(self, a: str, b: str) -> bool:
        fa, fb = fold(a), fold(b)
        return any(fa in grp and fb in grp for grp in ({fold(x) for x in g} for g in self.keep_apart))

    def canonical_names(self, names: Mapping[str, int]) -> dict[str, str]:
        """Map every person name seen (with its count) to its canonical form."""
        aliases = self.alias_map()
        out: dict[str, str] = {}
        full = [n for n in names if len(n.split()) > 1 and fold(n) not in aliases]
        # group full names that are spellings of one another
        groups: list[list[str]] = []
        for n in sorted(full, key=lambda x: (-names[x], x)):
            fn = fold(n).split()
            for g in groups:
                head = fold(g[0]).split()
                if self._apart(n, g[0]):
                    continue
                if fuzz.ratio(fn[-1], head[-1]) >= SPELLING_SIMILARITY and (
                        fn[0] == head[0] or fn[0][:1] == head[0][:1]
                        and fuzz.ratio(fn[0], head[0]) >= 70):
                    g.append(n)
                    break
            else:
                groups.append([n])
        for g in groups:
            for n in g:
                out[n] = g[0]
        # a surname alone goes to the one full name that ends in it
        by_last: dict[str, set[str]] = defaultdict(set)
        for n, canon in out.items():
            by_last[fold(n).split()[-1]].add(canon)
        for n in names:
            f = fold(n)
            if f in aliases:
                out[n] = aliases[f].name
                continue
            if n in out:
                continue
            toks = f.split()
            if not toks:
                continue
            cands = by_last.get(toks[-1], set())
            if not cands:
                cands = {c for last, cs in by_last.items()
                         if fuzz.ratio(last, toks[-1]) >= SPELLING_SIMILARITY for c in cs}
            cands = {c for c in cands if not self._apart(n, c)}
            out[n] = next(iter(cands)) if len(cands) == 1 else n
        return out

    def apply(self, quotes: Sequence[Quote]) -> None:
        """Rewrite speakers in place to their canonical names and roles."""
        aliases = self.alias_map()
        counts: Counter[str] = Counter(q.speaker for q in quotes
                                       if q.speaker and q.speaker_kind == "person")
        canon = self.canonical_names(counts)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        for q in quotes:
            if not q.speaker:
                continue
            f = fold(q.speaker)
            if f in aliases:
                spec = aliases[f]
                q.speaker = spec.name
                q.speaker_kind = spec.kind or q.speaker_kind  # type: ignore[assignment]
            elif q.speaker_kind == "person":
                q.speaker = canon.get(q.speaker, q.speaker)
            if q.speaker_role:
                roles[q.speaker][q.speaker_role] += 1
        for q in quotes:
            if not q.speaker:
                continue
            spec = aliases.get(fold(q.speaker))
            if spec is not None and spec.role:
                q.speaker_role = spec.role
            elif roles.get(q.speaker):
                # the fullest of the most common roles: "NATO Secretary General" over "boss"
                top = roles[q.speaker].most_common()
                best = max(top, key=lambda rc: (rc[1], len(rc[0])))
                q.speaker_role = best[0]

