"""One canonical name per speaker across the corpus.

"Stoltenberg", "Jens Stoltenberg" and "NATO boss Stoltenberg" are one person; "Alexander
Grushko" and "Alexander Gruschko" are spellings of one (rapidfuzz). config/speakers.yaml
names canonical speakers, their aliases and roles, and merges or keeps apart the rest.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.models import Quote
from bot.textnorm import fold, without_suffix

__all__ = ["Directory", "SpeakerSpec", "fold", "pick_role"]

# Two surnames this alike (after folding accents and case) are one spelling apart.
SPELLING_SIMILARITY = 85.0
# Shorter surnames are not compared by spelling, and spellings share their first letter.
MIN_FUZZY_LENGTH = 5
# Given names of one person spelled two ways ("Sergei" / "Sergey") are at least this alike.
GIVEN_NAME_SIMILARITY = 70.0

# (name as extracted, speaker kind)
RawSpeaker = tuple[str, str | None]


@dataclass(slots=True)
class SpeakerSpec:
    """An admin's word on one speaker (config/speakers.yaml)."""

    name: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    kind: str | None = None  # person | organisation


def pick_role(roles: Counter[str]) -> str | None:
    """The fullest of the most common roles: "NATO Secretary General" over "boss"."""
    if not roles:
        return None
    return max(roles.items(), key=lambda rc: (rc[1], len(rc[0]), rc[0]))[0]


class Directory:
    """Canonical names. Keeps what it learnt of surname spellings between calls, so a
    reload that adds one article compares only that article's new names."""

    def __init__(self, specs: Sequence[SpeakerSpec] = (),
                 keep_apart: Iterable[Iterable[str]] = ()) -> None:
        self.specs = list(specs)
        self.keep_apart = [list(g) for g in keep_apart]
        self._aliases: dict[str, SpeakerSpec] = {}
        for spec in self.specs:
            for n in [spec.name, *spec.aliases]:
                self._aliases[fold(n)] = spec
        self._apart_groups = [frozenset(fold(x) for x in g) for g in self.keep_apart]
        self._similar: dict[str, set[str]] = {}
        self._folded: dict[str, str] = {}
        self._alias_names = {spec.name for spec in self.specs}
        self._memo: tuple[frozenset[str], dict[str, list[str]], dict[str, str | None]] | None = None

    def spec_for(self, name: str) -> SpeakerSpec | None:
        return self._aliases.get(fold(name))

    def fold_name(self, name: str) -> str:
        f = self._folded.get(name)
        if f is None:
            f = self._folded[name] = fold(name)
        return f

    def _apart(self, a: str, b: str) -> bool:
        if not self._apart_groups:
            return False
        fa, fb = self.fold_name(a), self.fold_name(b)
        return any(fa in g and fb in g for g in self._apart_groups)

    def _learn_surnames(self, surnames: Iterable[str]) -> None:
        new = [s for s in set(surnames) if s not in self._similar]
        if not new:
            return
        for s in new:
            self._similar[s] = {s}
        everyone = list(self._similar)
        for s in new:
            if len(s) < MIN_FUZZY_LENGTH:
                continue  # "Own" is not a spelling of "Bown": short words are too alike
            for other, _, _ in process.extract(s, everyone, scorer=fuzz.ratio, limit=None,
                                               score_cutoff=SPELLING_SIMILARITY):
                if len(other) >= MIN_FUZZY_LENGTH and other[:1] == s[:1]:
                    self._similar[s].add(other)
                    self._similar[other].add(s)

    def canonical_names(self, names: Mapping[str, int]) -> dict[str, str]:
        """Map every person name seen (with its count) to its canonical form: the most
        frequent spelling of its group."""
        members, alone = self._structure(frozenset(names))
        out: dict[str, str] = {}
        head_of: dict[str, str] = {}
        for root, group in members.items():
            head = max(group, key=lambda x: (names[x], len(x), x))
            head_of[root] = head
            for n in group:
                out[n] = head
        for n, target in alone.items():
            out[n] = target if target in self._alias_names else head_of.get(target, n) if target else n
        return out

    def _structure(self, names: frozenset[str]) -> tuple[dict[str, list[str]], dict[str, str | None]]:
        """Which full names are one person (groups by a root name), and for every other name
        the group (root) or alias it goes to. Depends only on the set of names, so a reload
        that changes counts but adds no name reuses it."""
        if self._memo is not None and self._memo[0] == names:
            return self._memo[1], self._memo[2]
        folded = {n: without_suffix(self.fold_name(n).split()) for n in names}
        full = [n for n in names if len(folded[n]) > 1 and self.fold_name(n) not in self._aliases]
        self._learn_surnames(folded[n][-1] for n in names if folded[n])
        by_surname: dict[str, list[str]] = defaultdict(list)
        for n in full:
            by_surname[folded[n][-1]].append(n)
        # Full names join when their surnames are spellings of one another and their given
        # names agree.
        parent = {n: n for n in full}

        def root(n: str) -> str:
            while parent[n] != n:
                parent[n] = parent[parent[n]]
                n = parent[n]
            return n

        for n in sorted(full):
            fn = folded[n]
            for sim in self._similar.get(fn[-1], ()):
                for m in by_surname.get(sim, ()):
                    if m == n or root(m) == root(n) or self._apart(n, m):
                        continue
                    fm = folded[m]
                    if fn[0] == fm[0] or (fn[0][:1] == fm[0][:1]
                                          and fuzz.ratio(fn[0], fm[0]) >= GIVEN_NAME_SIMILARITY):
                        parent[root(m)] = root(n)
        members: dict[str, list[str]] = defaultdict(list)
        for n in full:
            members[root(n)].append(n)
        roots_by_surname: dict[str, set[str]] = defaultdict(set)
        for n in full:
            roots_by_surname[folded[n][-1]].add(root(n))
        alone: dict[str, str | None] = {}
        for n in names:
            f = self.fold_name(n)
            if f in self._aliases:
                alone[n] = self._aliases[f].name
                continue
            if n in parent or not folded[n]:
                continue
            # a surname alone goes to the one person whose full name ends in it
            last = folded[n][-1]
            cands = roots_by_surname.get(last, set())
            if not cands:
                cands = {r for sim in self._similar.get(last, ()) for r in roots_by_surname.get(sim, ())}
            cands = {r for r in cands if not any(self._apart(n, m) for m in members[r])}
            alone[n] = next(iter(cands)) if len(cands) == 1 else None
        self._memo = (names, dict(members), alone)
        return self._memo[1], self._memo[2]

    def resolve(self, speakers: Mapping[RawSpeaker, int]) -> dict[RawSpeaker, RawSpeaker]:
        """(name, kind) as extracted → (canonical name, kind), for every speaker seen."""
        persons: Counter[str] = Counter()
        for (name, kind), n in speakers.items():
            if kind == "person":
                persons[name] += n
        canon = self.canonical_names(persons)
        out: dict[RawSpeaker, RawSpeaker] = {}
        for name, kind in speakers:
            spec = self._aliases.get(self.fold_name(name))
            if spec is not None:
                out[(name, kind)] = (spec.name, spec.kind or kind)
            elif kind == "person":
                out[(name, kind)] = (canon.get(name, name), kind)
            else:
                out[(name, kind)] = (name, kind)
        return out

    def role_of(self, canonical: str, seen: Counter[str]) -> str | None:
        spec = self._aliases.get(fold(canonical))
        if spec is not None and spec.role:
            return spec.role
        return pick_role(seen)

    def apply(self, quotes: Sequence[Quote]) -> None:
        """Rewrite speakers in place to their canonical names and roles."""
        counts: Counter[RawSpeaker] = Counter((q.speaker, q.speaker_kind) for q in quotes
                                              if q.speaker)
        mapping = self.resolve(counts)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        for q in quotes:
            if not q.speaker:
                continue
            q.speaker, kind = mapping[(q.speaker, q.speaker_kind)]
            q.speaker_kind = kind  # type: ignore[assignment]
            if q.speaker_role:
                roles[q.speaker][q.speaker_role] += 1
        for q in quotes:
            if q.speaker:
                q.speaker_role = self.role_of(q.speaker, roles.get(q.speaker, Counter()))
