"""Synthetic corpora of any size, from realistic news-article parts: datelines, headlines,
quotations with their attributions (before, after, split, pronoun follow-ups, partial and
reported speech), names, roles, outlets and dates varied by a seeded random generator.
No network; the same seed gives the same corpus.

    python bench/synth.py OUT_DIR --articles 1000 [--seed 1]
    python bench/synth.py OUT_DIR --articles 260 --people 10 --seed 7   # ~300 quotes a person
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_FIRST = """Anna Boris Carlos Dmitri Elena Fatima Georg Hana Ivan Jens Karin Lars Maria Nikolai
Olga Pedro Qasim Rosa Sergei Tamara Ulrich Vera Wendy Xavier Yury Zofia Ahmed Beatriz Chen
Daniela Emmanuel Frank Greta Hassan Ingrid Jacinda Kofi Leila Mateo Nadia Omar Priya Rafael
Sofia Tomas Ursula Viktor Annalena Antony Josep Kaja Liz Mark Olaf Pavel Ruth Simon"""
_LAST = """Stoltenberg Grushko Sherman Antonov Ushakov Peskov Lavrov Blinken Borrell Kallas
Baerbock Scholz Macron Rutte Sunak Truss Zelensky Kuleba Reznikov Shoigu Zakharova Ryabkov
Nuland Sullivan Austin Milley Wallace Lambrecht Niinisto Andersson Marin Frederiksen Duda
Morawiecki Nauseda Karins Orban Fiala Heger Ciolacu Iohannis Radev Plenkovic Vucic
Erdogan Cavusoglu Kishida Albanese Trudeau Joly Ardern Modi Jaishankar Wang Qin Xi Lula
Ramaphosa Ruto Tinubu Abiy Sisi Bennett Lapid Netanyahu Herzog Raisi Amirabdollahian
Guterres Grossi Tedros Georgieva Malpass Lagarde Schnabel Villeroy Nagel Bailey Powell
Yellen Raimondo Tai Granholm Mayorkas Garland Psaki Kirby Price Miller Jean-Pierre"""
FIRST = _FIRST.split()
LAST = _LAST.split()
ROLES = ["Secretary General", "Foreign Minister", "Defence Minister", "Prime Minister",
         "President", "Deputy Foreign Minister", "spokesperson", "Ambassador to NATO",
         "national security adviser", "Chancellor", "government spokesman", "envoy",
         "chief negotiator", "Kremlin aide", "State Department spokesman", "senator"]
BODIES = ["NATO", "the EU", "Russia", "Ukraine", "Germany", "France", "the United States",
          "Poland", "the UN", "Finland", "Sweden", "Turkey", "China", "the OSCE", "Britain"]
OUTLETS = ["TASS", "Reuters", "Associated Press", "Sputnik", "Deutsche Welle", "Politico",
           "The Guardian", "Le Monde", "Kyiv Independent", "Euractiv", "Bloomberg", "AFP"]
CITIES = ["BRUSSELS", "MOSCOW", "GENEVA", "WASHINGTON", "KYIV", "BERLIN", "PARIS", "VIENNA",
          "WARSAW", "LONDON", "HELSINKI", "ANKARA", "BEIJING", "NEW YORK", "STOCKHOLM"]
SUBJECT = ["We", "Our allies", "The alliance", "Moscow", "Everyone at the table", "Our partners",
           "The government", "Nobody", "Each nation", "Europe", "The people of Ukraine",
           "This council", "Our delegation", "The other side", "History", "Diplomacy"]
VERB = ["will not accept", "remain committed to", "cannot ignore", "are ready to discuss",
        "have rejected", "must defend", "continue to support", "will never trade away",
        "are deeply concerned about", "welcome", "need to rebuild", "will respond to",
        "do not fear", "have proposed", "stand firmly behind", "refuse to negotiate over",
        "are prepared to review", "should not underestimate", "insist on", "call for"]
OBJECT = ["the open door policy", "security guarantees", "arms control", "the sovereign right "
          "to choose alliances", "a return to dialogue", "de-escalation on the border",
          "transparency about military exercises", "the deployment of missiles", "sanctions",
          "the Minsk agreements", "energy security", "a ceasefire", "humanitarian corridors",
          "the territorial integrity of Ukraine", "confidence-building measures",
          "a new European security architecture", "nuclear deterrence", "cyber defence",
          "reciprocal limits on exercises", "the withdrawal of troops", "grain exports",
          "the inspection regime", "a negotiated settlement", "frozen assets", "air defence"]
TAIL = ["", " in the coming weeks", " without preconditions", " whatever the cost",
        " as long as it takes", " at the next meeting", " before the summit", " in good faith",
        " on a reciprocal basis", " step by step", " with our partners", " this winter"]
SAY = ["said", "told reporters", "stressed", "noted", "added", "warned", "insisted",
       "told journalists", "underlined", "explained", "declared", "admitted"]
HEAD = ["{b} and {c} fail to bridge differences on {o}", "{n} warns over {o}",
        "Talks on {o} end without breakthrough", "{b} signals openness on {o}",
        "{n}: {b} will not accept ultimatums", "Allies divided over {o}"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    role: str
    body: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def people(rng: random.Random, n: int) -> list[Person]:
    seen: set[tuple[str, str]] = set()
    out: list[Person] = []
    limit = len(FIRST) * len(LAST)
    while len(out) < min(n, limit):
        f, la = rng.choice(FIRST), rng.choice(LAST)
        if (f, la) in seen:
            continue
        seen.add((f, la))
        out.append(Person(f, la, rng.choice(ROLES), rng.choice(BODIES)))
    return out


_ADJ = """new old joint regional strategic military political economic nuclear naval
diplomatic humanitarian legal binding temporary permanent limited broad credible direct
bilateral multilateral European Atlantic eastern northern southern western common urgent
fragile lasting difficult frank honest open serious fair detailed concrete written verbal
collective national local global public private formal informal hybrid conventional"""
_NOUN = """agreement treaty proposal guarantee commitment framework dialogue mechanism
exercise deployment troops missiles border airspace corridor pipeline sanctions tariffs
embargo reserves assets markets inflation recovery budget investment infrastructure
elections referendum parliament coalition opposition constitution court ruling verdict
inspection verification monitoring transparency deterrence defence security stability
sovereignty integrity neutrality membership accession enlargement partnership alliance
cooperation consultation negotiation mediation ceasefire truce withdrawal escalation
tension crisis conflict war peace refugees migration asylum aid reconstruction energy gas
oil grain fertiliser shipping ports railways cyberattacks disinformation propaganda
interference espionage intelligence surveillance drones satellites warships submarines
battalions brigades bases arsenal stockpiles warheads talks summit meeting roadmap"""
ADJ = _ADJ.split()
NOUN = _NOUN.split()


def noun_phrase(rng: random.Random) -> str:
    np_ = f"{rng.choice(('the', 'a', 'our', 'any', 'this'))} {rng.choice(ADJ)} {rng.choice(NOUN)}"
    if rng.random() < 0.4:
        np_ += f" on {rng.choice(ADJ)} {rng.choice(NOUN)}"
    return np_


def sentence(rng: random.Random) -> str:
    obj = rng.choice(OBJECT) if rng.random() < 0.3 else noun_phrase(rng)
    s = f"{rng.choice(SUBJECT)} {rng.choice(VERB)} {obj}{rng.choice(TAIL)}"
    if rng.random() < 0.35:
        s += f", and {rng.choice(SUBJECT).lower()} {rng.choice(VERB)} {noun_phrase(rng)}"
    return s


def quote_text(rng: random.Random) -> str:
    return ". ".join(sentence(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))


def article(rng: random.Random, cast: list[Person], day: dt.date, quotes: int = 10) -> str:
    speakers = rng.sample(cast, k=min(len(cast), rng.choice((2, 3, 3, 4))))
    first = speakers[0]
    head = rng.choice(HEAD).format(b=first.body, c=rng.choice(BODIES), o=rng.choice(OBJECT),
                                   n=first.last)
    head = head[0].upper() + head[1:]
    outlet = rng.choice(OUTLETS)
    paras = [head, f"{rng.choice(CITIES)}, {MONTHS[day.month - 1]} {day.day}, {day.year} ({outlet}) — "
             f"{first.body[0].upper() + first.body[1:]} {rng.choice(['met', 'held talks', 'spoke'])} "
             f"on {rng.choice(OBJECT)} this week."]
    mentioned: set[Person] = set()
    last: Person | None = None
    for _ in range(quotes):
        p = rng.choice(speakers)
        named = p.name if p not in mentioned else p.last
        if p not in mentioned:
            named = f"{p.body[0].upper() + p.body[1:]} {p.role} {p.name}" if rng.random() < 0.5 \
                else p.name
        mentioned.add(p)
        q = quote_text(rng)
        verb = rng.choice(SAY)
        form = rng.random()
        if p is last and form < 0.25:
            paras.append(f"“{q},” {'she' if p.first.endswith('a') else 'he'} {verb}.")
        elif form < 0.45:
            paras.append(f"“{q},” {named} {verb}.")
        elif form < 0.6:
            a, _, b = q.partition(" ")
            paras.append(f"“{a} {b.split(' ', 3)[0]},” {named} {verb}, “{' '.join(b.split(' ')[1:]) or 'indeed'}.”")
        elif form < 0.75:
            paras.append(f"{named} {verb}: “{q}.”")
        elif form < 0.88:
            paras.append(f"{named} {verb} that {q[0].lower() + q[1:]}.")
        else:
            paras.append(f"{named} {verb} that {rng.choice(BODIES)} would keep “{rng.choice(OBJECT)}” "
                         f"on the agenda.")
        last = p
    return "\n\n".join(paras) + "\n"


def corpus(n_articles: int, seed: int = 1, quotes_per_article: int = 10) -> Iterator[tuple[str, str]]:
    """(file name, text) for each article."""
    rng = random.Random(seed)
    cast = people(rng, max(20, n_articles // 3))
    start = dt.date(2020, 1, 1)
    for i in range(n_articles):
        day = start + dt.timedelta(days=rng.randrange(0, 1500))
        yield f"{i:07d}.txt", article(rng, cast, day, quotes_per_article)


def few_speakers(n_articles: int, n_people: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(file name, text) of .md articles among a small cast, so each person is quoted
    hundreds of times, over about two years, with the outlet and date in front matter
    (what /timeline draws; corpus() above leaves outlets to the text and is unchanged)."""
    rng = random.Random(seed)
    cast = people(rng, n_people)
    start = dt.date(2021, 3, 1)
    for i in range(n_articles):
        # (busier towards the second spring, as news is: not a flat line)
        day = start + dt.timedelta(days=int(rng.triangular(0, 700, 420)))
        outlet = rng.choice(OUTLETS)
        text = article(rng, cast, day, 10)
        yield f"{i:04d}.md", f"---\noutlet: {outlet}\ndate: {day.isoformat()}\n---\n{text}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", type=int, metavar="N",
                    help="a cast of only N people, with outlets and dates in front matter (see few_speakers)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    made = few_speakers(args.articles, args.people, args.seed) if args.people else corpus(args.articles, args.seed)
    for name, text in made:
        (out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
