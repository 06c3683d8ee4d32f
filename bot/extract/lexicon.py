"""Word lists the extractor reasons with: reporting verbs, titles, pronouns.

General English only. Nothing here names a particular article, person or phrase:
the lists describe how news prose attributes speech, so they hold on unseen text.
"""

from __future__ import annotations

import re

# Capitals beyond ASCII: names start with them too ("Éric Chelle", "Łukasz", "Şahin")
_MORE_CAPITALS = "À-ÖØ-Þ" + "".join(ch for ch in map(chr, range(0x100, 0x250)) if ch.isupper())


def caps(pattern: str) -> str:
    """The pattern with [A-Z] (and [A-Z0-9]) standing for any Latin capital letter."""
    return pattern.replace("[A-Z]", f"[A-Z{_MORE_CAPITALS}]").replace(
        "[A-Z0-9]", f"[A-Z0-9{_MORE_CAPITALS}]")


def _inflect(lemma: str) -> set[str]:
    """Regular inflections of a verb lemma (say -> says, saying; stress -> stressed)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif re.search(r"(s|x|z|ch|sh)$", lemma):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # CVC doubling for the short verbs that need it (admit -> admitted)
        if re.search(r"[^aeiou][aeiou][ptgnr]$", lemma) and lemma in _DOUBLING:
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


_DOUBLING = {"admit", "commit", "quip", "chat", "plan", "regret", "refer", "concur",
             "prefer", "confer", "infer", "aver", "omit", "submit", "stop", "bet"}

_IRREGULAR: dict[str, set[str]] = {
    "say": {"say", "says", "said", "saying"},
    "tell": {"tell", "tells", "told", "telling"},
    "write": {"write", "writes", "wrote", "written", "writing"},
    "think": {"think", "thinks", "thought", "thinking"},
    "tweet": {"tweet", "tweets", "tweeted", "tweeting"},
    "read": {"read", "reads", "reading"},
    "speak": {"speak", "speaks", "spoke", "spoken", "speaking"},
    "feel": {"feel", "feels", "felt", "feeling"},
    "know": {"know", "knows", "knew", "known", "knowing"},
    "hold": {"hold", "holds", "held", "holding"},
    "foresee": {"foresee", "foresees", "foresaw", "foreseen"},
    "forecast": {"forecast", "forecasts", "forecasting"},
    "swear": {"swear", "swears", "swore", "sworn", "swearing"},
    "go on": {"went on", "goes on", "go on", "going on"},
    "point out": {"point out", "points out", "pointed out", "pointing out"},
    "lay out": {"lay out", "lays out", "laid out", "laying out"},
    "put it": {"put it", "puts it", "putting it"},
    "find": {"find", "finds", "found", "finding"},
    "understand": {"understand", "understands", "understood", "understanding"},
    "show": {"show", "shows", "showed", "showing"},  # "had shown bad judgment": no cue
    "sing": {"sing", "sings", "sang", "sung", "singing"},
    "shoot": {"shoot", "shoots", "shooting"},  # "shot" is a noun as often
    "sum": {"sum up", "sums up", "summed up", "summing up"},
}

# Verbs that introduce what someone said, wrote or asserted.
SPEECH_VERBS = [
    "say", "tell", "add", "note", "stress", "admit", "warn", "reply", "respond", "explain",
    "insist", "claim", "argue", "state", "declare", "announce", "write", "tweet", "post",
    "read", "ask", "answer", "continue", "recall", "acknowledge", "concede", "emphasize",
    "emphasise", "underline", "underscore", "point out", "observe", "remark", "comment",
    "suggest", "predict", "promise", "pledge", "vow", "assert", "contend", "maintain",
    "allege", "report", "confirm", "deny", "reveal", "disclose", "complain", "boast", "brag",
    "joke", "quip", "chant", "shout", "scream", "yell", "urge", "demand", "propose",
    "recommend", "agree", "conclude", "counter", "retort", "testify", "repeat", "reiterate",
    "caution", "hint", "mention", "indicate", "estimate", "speculate", "lament", "concur",
    "exclaim", "murmur", "whisper", "mutter", "sigh", "laugh", "cry", "plead", "beg",
    "charge", "accuse", "blast", "slam", "criticize", "criticise", "praise", "hail",
    "mock", "scoff", "sneer", "snap", "fume", "rage", "gush", "marvel", "muse", "wonder",
    "speak", "inform", "advise", "assure", "guarantee", "swear", "affirm", "aver",
    "clarify", "elaborate", "specify", "opine", "reason", "theorize", "surmise",
    "go on", "chime", "interject", "interrupt", "recount", "relate", "describe", "forecast",
    "foresee", "signal", "imply", "acknowledge", "grumble", "protest", "object", "shoot",
    "fire", "thunder", "bellow", "lay out", "put it", "summarize", "summarise", "sum",
    "advertise", "proclaim", "trumpet", "tout", "insinuate", "confide", "concede", "scold",
    "sing", "rebuke", "chide", "lecture",
]

# Verbs of belief and intention that PolNeAR-style attribution also counts when they
# take a clause ("Trump believes that ...").
COGNITION_VERBS = [
    "think", "believe", "feel", "know", "fear", "hope", "expect", "worry", "doubt",
    "suspect", "hold", "figure", "reckon", "guess", "assume", "understand", "recognize",
    "recognise", "realize", "realise", "find", "determine", "decide", "show", "suggest",
    "indicate", "conclude",
]

# Verbs whose bare form says nothing without a clause after them ("X said." alone is a
# cue for an adjacent quote; "X hopes." is not a cue for anything).
SAY_CLASS = {"say", "tell", "add", "note", "write", "tweet", "post", "state", "explain",
             "insist", "claim", "argue", "declare", "announce", "stress", "warn", "admit",
             "reply", "respond", "continue", "recall", "acknowledge", "concede", "emphasize",
             "emphasise", "point out", "observe", "remark", "comment", "suggest", "predict",
             "promise", "pledge", "vow", "assert", "contend", "maintain", "allege", "report",
             "confirm", "deny", "reveal", "disclose", "complain", "boast", "joke", "quip",
             "ask", "answer", "read", "counter", "retort", "testify", "reiterate", "caution",
             "concur", "exclaim", "agree", "conclude", "repeat"}


def _forms(lemmas: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in lemmas:
        for form in _IRREGULAR.get(lemma, _inflect(lemma)):
            out.setdefault(form, lemma)
    return out


SPEECH_FORMS = _forms(SPEECH_VERBS)
COGNITION_FORMS = _forms(COGNITION_VERBS)
CUE_FORMS: dict[str, str] = {**COGNITION_FORMS, **SPEECH_FORMS}

# Nouns for documents that speak for their author ("the statement reads").
DOCUMENT_NOUNS = {"statement", "letter", "report", "communique", "communiqué", "release",
                  "announcement", "declaration", "memo", "memorandum", "tweet", "post",
                  "document", "message", "note", "email", "e-mail", "text", "readout",
                  "transcript", "filing", "complaint", "lawsuit", "ruling", "order",
                  "decision", "study", "survey", "poll", "analysis", "paper", "article",
                  "editorial", "column", "op-ed", "blog", "website", "ad", "advertisement",
                  "video", "book", "resolution", "bill", "law", "indictment", "petition",
                  "speech", "interview", "account", "press"}

PERSONAL_PRONOUNS = {"he": "m", "she": "f", "they": "p", "i": "s", "we": "p", "it": "n",
                     "him": "m", "her": "f", "them": "p"}
POSSESSIVE_PRONOUNS = {"his", "her", "their", "its", "my", "our"}
RELATIVE_PRONOUNS = {"who", "which", "that"}

# Heads of descriptions that stand for a source the article does not name.
UNNAMED_HEADS = {"source", "sources", "official", "officials", "diplomat", "diplomats",
                 "insider", "insiders", "person", "people", "expert", "experts", "analyst",
                 "analysts", "observer", "observers", "witness", "witnesses", "aides",
                 "staffer", "staffers", "adviser", "advisers", "advisor", "advisors",
                 "employee", "employees", "member", "members", "resident", "residents",
                 "critic", "critics", "supporter", "supporters", "voter", "voters",
                 "economist", "economists", "lawmaker", "lawmakers", "investigator",
                 "investigators", "officer", "officers", "spokesperson", "spokespeople",
                 "representative", "representatives", "someone", "democrats",
                 "republicans", "activists", "protesters", "scientists", "researchers",
                 "authorities", "leaders", "executives", "strategists",
                 "operatives", "allies", "opponents", "others", "many", "some",
                 "americans", "participants", "organizers", "organisers", "survivors",
                 "victims", "families", "students", "parents", "workers", "doctors"}

# Words of a role, not of a name: "NATO Secretary General Jens Stoltenberg" splits into
# the role before the name. Lower-case; compared case-insensitively.
TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "sen", "senator", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "lt", "gen", "general", "col", "colonel", "sgt", "sergeant", "adm", "admiral",
    "capt", "captain", "maj", "major", "rev", "reverend", "pastor", "father", "bishop",
    "cardinal", "rabbi", "imam", "judge", "justice", "magistrate", "coroner", "coun", "cr",
    "mayor", "president", "vice", "former",
    "secretary", "chairman", "chairwoman", "chairperson", "chair", "speaker", "leader",
    "majority", "minority", "chief", "director", "attorney", "candidate", "nominee",
    "spokesman", "spokeswoman", "spokesperson", "press", "aide", "adviser", "advisor",
    "senior", "deputy", "executive", "officer", "ceo", "cfo", "coo", "founder", "co-founder",
    "prime", "minister", "king", "queen", "prince", "princess", "pope", "ambassador",
    "envoy", "commissioner", "chancellor", "premier", "foreign", "defense", "defence",
    "interior", "finance", "state", "assistant", "under", "undersecretary", "head",
    "boss", "manager", "superintendent", "sheriff", "detective", "inspector",
    "commander", "agent", "dean", "provost", "rector", "principal", "coach",
    "host", "anchor", "correspondent", "editor", "reporter", "columnist", "analyst",
    "economist", "strategist", "pollster", "consultant", "lawyer", "counsel", "historian",
    "author", "activist", "actor", "actress", "singer", "rapper", "chef", "doctor",
    "nurse", "first", "gentleman", "champion", "seed", "player", "delegate", "councilman", "councilwoman",
    "councillor", "councilor", "alderman", "assemblyman", "assemblywoman", "legislator",
    "lawmaker", "treasurer", "comptroller", "auditor", "clerk", "registrar", "marshal",
    "lieutenant", "corporal", "private", "brigadier",
    "field", "commodore", "vice-president", "vice-chairman", "president-elect",
    "elect", "acting", "interim", "incoming", "outgoing", "then", "ex", "late", "rival",
    "republican", "democrat", "democratic", "independent", "gop", "fellow", "emeritus",
    "mp", "mep", "mk", "rep.", "sen.", "gov.", "dr.", "mr.", "mrs.", "ms.",
    "presidential", "vice-presidential", "congressional", "national", "security",
    "communications", "campaign", "ranking", "member", "whip", "house",
    "senate", "white", "staff", "policy", "political", "department", "official",
    # sport: a player's position or side before the name ("striker Harry Kane", "Safety
    # D.J. Swearinger", "opener Alastair Cook")
    "striker", "forward", "midfielder", "defender", "goalkeeper", "keeper", "winger",
    "fullback", "full-back", "centre-back", "playmaker", "quarterback", "linebacker",
    "receiver", "cornerback", "safety", "tailback", "pitcher", "catcher", "shortstop",
    "batter", "batsman", "batswoman", "bowler", "opener", "spinner", "all-rounder",
    "wicketkeeper", "skipper", "jockey", "trainer", "driver", "rider", "teammate",
    "team-mate", "midfield", "veteran", "rookie", "star",
    # demonym nouns ("Dutchman Louis van Gaal", "Frenchman ..."): the -an, -ish shapes of
    # NATIONALITY_RE do not cover them
    "dutchman", "dutchwoman", "frenchman", "frenchwoman", "englishman", "englishwoman",
    "irishman", "irishwoman", "welshman", "welshwoman", "scotsman", "scotswoman", "scot",
    "spaniard", "swede", "dane", "finn", "pole", "briton", "kiwi", "aussie", "argentine",
    "swiss", "filipino", "filipina",
    # honorifics and ranks of other countries' news ("Cllr", "Det Supt", "Alhaji", "Datuk")
    "cllr", "det", "supt", "insp", "dci", "constable", "sheikh", "alhaji", "alhaja",
    "datuk", "dato", "datin", "seri", "tun", "tunku", "tengku", "haji", "hajjah", "shri", "smt",
}

HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "sen", "rep",
              "gov", "lt", "gen", "col", "sgt", "adm", "capt", "rev", "maj", "hon", "st"}

# Sentence-initial or function words that may be capitalised but never start a name.
# Prepositions: a name right after one is the object of a phrase, not a subject
PREPOSITIONS = {"of", "in", "with", "since", "than", "against", "for", "from", "to", "about",
                "by", "like", "at", "on", "including", "after", "before", "without", "over",
                "under", "beside", "behind", "toward", "towards", "alongside", "unlike"}

# a count or a rank, "Four-time", "Third", "23-year-old": never a name
NUMBERISH_RE = re.compile(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                          r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                          r"twice|once)(?:-[a-z]+)*$", re.I)

NON_NAME_CAPS = {
    # counts and ranks ("Third seed Roger Federer", "Four-time champion")
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "the", "a", "an", "and", "but", "or", "nor", "so", "yet", "for", "in", "on", "at", "to",
    "of", "by", "with", "from", "as", "if", "when", "while", "after", "before", "since",
    "although", "though", "because", "however", "meanwhile", "also", "still", "then",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "your", "there", "here", "what", "who", "which",
    "where", "why", "how", "according", "earlier", "later", "today", "yesterday",
    "tomorrow", "now", "last", "next", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "mr", "mrs", "ms",
    "dr", "not", "no", "yes", "all", "some", "many", "most", "both", "each",
    "every", "despite", "apart", "instead", "asked", "speaking", "during", "until",
    "about", "among", "under", "over", "into", "through", "without", "within", "against",
    "between", "would", "could", "should", "will", "can", "might", "must", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
    "said", "says", "told", "added", "noted", "further", "indeed", "even",
    "only", "just", "perhaps", "maybe", "well", "like", "unlike", "besides", "other",
    "another", "such", "thus", "hence", "therefore", "nevertheless", "nonetheless",
    "whether", "either", "neither", "than", "very", "more", "less", "much",
}

# Nationality and place adjectives are open-ended; a definite description whose head is
# one ("the Norwegian", "the German") refers to a person in context. We recognise them by
# shape (-an, -ian, -ese, -ish, -i, -ch) rather than by listing countries.
# (and the demonyms not so shaped; not those that are also given names: Finn, Dane, Scot)
NATIONALITY_RE = re.compile(r"^(?:[A-Z][a-z]+(?:ian|an|ese|ish|i|ch|ic|ean)|Greek|Swiss|French|Dutch|Thai|"
                            r"Kiwi|Aussie|Argentine|Basque|Czech|Slovak|Swede|Turk|Serb|Croat|Briton|"
                            r"Spaniard|Frenchman|Englishman|Irishman|Welshman|Scotsman|Dutchman|Filipino|"
                            r"Cypriot|Maltese|Portuguese)$")

# Generic heads that name a person by rank ("the Russian leader", "NATO boss").
GENERIC_PERSON_HEADS = {"leader", "boss", "chief", "head", "politician", "statesman",
                        "president", "premier", "minister", "secretary", "general",
                        "chancellor", "king", "queen", "diplomat", "envoy", "ambassador",
                        "spokesman", "spokeswoman", "aide", "senator", "governor", "mayor",
                        "candidate", "nominee", "chairman", "chairwoman", "director",
                        "lawyer", "attorney", "congressman", "congresswoman", "pope",
                        "businessman", "businesswoman", "billionaire", "mogul", "host",
                        "commander", "secretary-general", "founder", "executive", "ceo",
                        "actor", "actress", "star", "former", "veteran", "man", "woman"}

# Role words that say whether a "he" or a "she" can refer to the person
_FEMALE_ROLES = """widow mother wife daughter sister grandmother actress chairwoman congresswoman
businesswoman spokeswoman queen princess girl woman mom aunt niece granddaughter stepmother
waitress"""
_MALE_ROLES = """widower father husband son brother grandfather actor congressman businessman
spokesman king prince boy man dad uncle nephew grandson stepfather"""
ROLE_GENDER: dict[str, str] = {**dict.fromkeys(_FEMALE_ROLES.split(), "f"),
                               **dict.fromkeys(_MALE_ROLES.split(), "m")}

# Last words of the names of places and of outlets: "United States", "Yahoo News"
PLACE_OR_MEDIA_HEADS = {"states", "kingdom", "republic", "nations", "emirates", "islands",
                        "news", "times", "post", "journal", "herald", "tribune", "today",
                        "magazine", "press", "radio", "television", "tv", "review", "daily",
                        "weekly", "wire", "media", "network", "channel", "gazette", "globe",
                        # events: "the Beijing Olympics", "the French Open"
                        "olympics", "games", "championships", "championship", "cup", "open",
                        "prix", "festival", "summit", "awards", "marathon"}

# Common abbreviations of countries and bodies that a speaker may be named by; config
# can add to these (config/speakers.yaml).
ORG_NOUNS = {"ministry", "department", "committee", "council", "commission", "agency",
             "office", "administration", "government", "parliament", "congress",
             "senate", "house", "court", "party", "campaign", "embassy", "alliance",
             "union", "organisation", "organization", "association", "foundation",
             "institute", "company", "corporation", "bank", "fund", "group", "service",
             "services", "bureau", "board", "authority", "police", "army", "navy",
             "coalition", "network", "center", "centre", "university", "kremlin",
             "pentagon", "cabinet", "presidency", "team", "firm", "club", "league",
             "caucus", "federation", "society", "assembly", "academy", "college", "school",
             "hospital", "museum", "legislature", "chamber", "secretariat", "directorate",
             "panel", "institution", "trust", "partnership", "bloc", "movement"}

# a role written one way and referred back to another: "Justice Muhammad Waheed Khan ...
# the judge said", "Pakistan captain Sarfraz Ahmed ... the skipper said"
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "judge": frozenset({"justice", "magistrate"}), "justice": frozenset({"judge"}),
    "magistrate": frozenset({"judge"}), "skipper": frozenset({"captain"}),
    "captain": frozenset({"skipper"}), "boss": frozenset({"manager", "coach", "chief"}),
    "manager": frozenset({"boss"}), "coach": frozenset({"manager"}),
    "officer": frozenset({"detective", "constable", "sergeant", "inspector", "superintendent"}),
    "detective": frozenset({"officer"}), "policeman": frozenset({"constable", "officer"}),
    "lawmaker": frozenset({"senator", "congressman", "congresswoman", "representative", "mp"}),
    "legislator": frozenset({"senator", "congressman", "congresswoman", "representative", "mp"}),
}

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

# Given names common in English-language news, by the pronoun their bearers usually
# take: general knowledge that lets "she said" skip a Michael. A name not listed tells
# nothing, and an honorific or an earlier pronoun overrides the list.
_MALE_TEXT = """aaron adam alan albert alex alexander alexei andrew andrei anthony antony ben benjamin
bernie bill bob boris brad brian bruce carl carlos charles chris christopher chuck dan
daniel david dennis dmitri dmitry donald doug douglas ed edward emmanuel eric frank fred
gary george greg gregory harry henry ian ivan jack jacob james jason jeb jeff jeffrey
jens jeremy jerry jim jimmy joe joel john jon jonathan jose joseph josh juan justin
keith ken kevin larry lars luis marco mark martin matt matthew max michael mike mitch
nicholas nick nikolai olaf patrick paul pedro peter phil philip ralph randy richard rick
robert rod roger ron ronald ross russell ryan sam samuel scott sean sergei sergey simon
stephen steve steven ted thomas tim timothy todd tom tony vladimir walter wayne
william xavier yury yuri
abdul ahmed alberto alejandro ali allen alvin andre andres angelo antonio archie arnold
arthur austin barack barry benny bernard bert billy blake bobby bradley brandon brett
bryan byron calvin cameron carlo chad charlie chester christian clarence clark clay
clifford clint cody cole colin conor corey cory craig curt curtis dale damon
danny darrell darren dave dean derek derrick devin dick dominic don donnie drew duane
dustin dwight earl eddie edgar eduardo elijah elliot elliott emil enrique erik ernest
ernesto eugene evan felix fernando floyd francis francisco franklin gabriel gareth gavin
gene geoffrey gerald gilbert glen glenn gordon graham grant guy hank harold harrison
harvey hector herbert herman howard hugh hugo isaac jake jamal jared javier jay jerome
jesse jesus joey johnny jorge julian julio karl kenneth kent kirk kurt kyle lance
lawrence leo leon leonard leroy lester lewis lloyd logan lou louis lucas luke malcolm
manuel marc marcus mario marvin maurice melvin miguel miles milton mitt mohammed muhammad
nathan nathaniel neil nelson newt noah norman oliver omar orrin oscar otto owen pablo
perry pete preston rafael ralph ramon raul ray raymond reed reggie reince rex ricardo
ricky roberto rodney roland roy ruben rudy rudolph rufus rupert salvador sanjay saul
seth shane shaun sheldon stanley stuart ted terrence terence theodore tobias travis
trent trevor troy tyler victor vince vincent wade wallace warren wendell wesley willard
willie wilson zachary"""
_FEMALE_TEXT = """alice amanda amy andrea angela angelique ann anna anne annalena barbara betsy beth carly
carol caroline catherine cathy chelsea christine claire dana deborah debbie diana donna
elena elizabeth ellen emily emma eva fatima gina hannah heather helen hillary ingrid
irina ivana ivanka jacinda jane janet jennifer jessica jill joan joanna judy julia julie
karen kate katherine kathleen kathy kelly kellyanne kim kristen laura lauren linda lisa
liz lucy maria marie marina martha mary megan melania melissa michelle monica nancy
natalia natalie nicole nikki olga pamela patricia paula rachel rebecca rosa ruth sandra
sarah sharon sofia sophie stephanie susan suzanne tamara theresa ursula valerie vera
victoria wendy yulia zofia
abigail adriana agnes aisha alexandra alexis alicia alison allison alyssa amber anita
annette april ashley audrey beatrice becky belinda bernadette beverly bonnie brenda
bridget brittany camila candace carla carmen caroline carolyn cassandra cecilia charlene
charlotte cheryl cindy clara colleen connie courtney crystal cynthia daisy danielle
darlene dawn debra delores denise diane dolores dora doris dorothy edith eileen elaine
eleanor elisa elise eliza ella eloise elsa erica erika esther ethel eugenia evelyn
felicia florence frances francesca gabriela gabrielle gail georgia geraldine gloria grace
gretchen gwen harriet hazel heidi hilda holly hope huma irene iris isabel isabella
jacqueline janice jasmine jean jeanne jenna jenny joanne jocelyn josephine joy
joyce juanita judith june kamala karin kathryn katie katrina kay kayla kristin kristina
latoya leah lillian lily lindsay lindsey lois loretta lorraine louise lucia
lynn mabel madeleine madeline mae maggie marcia margaret margarita marian marianne
marilyn marion marjorie marlene maureen maxine meghan melanie melinda mia mildred
miranda miriam molly muriel nadia naomi nina nora norma paige pam peggy penny phyllis
priscilla rachael ramona regina renee rhonda rita roberta rose rosemary roxanne
sabrina sally samantha sara selena shannon sheila shelby sherry shirley silvia stacy
sue sylvia tammy tanya tara teresa tina valentina vanessa veronica vicki viola
violet virginia vivian wanda yolanda yvonne"""
GIVEN_NAME_GENDER: dict[str, str] = {**dict.fromkeys(_MALE_TEXT.split(), "m"),
                                     **dict.fromkeys(_FEMALE_TEXT.split(), "f")}


# Verbs whose object is what was said or held, not a clause: "called for the repeal of
# the law", "criticized the plan", "spoke of her early discussions". With a particle
# where the verb needs one.
# verbs that make a statement only as "VERB X a Y" ("branded the deal a disaster"); alone
# they phone, summon or name ("called 911", "called Democrats to the stage")
NAMING_VERBS = ("call", "label", "brand", "dub")
STANCE_VERBS = [
    "criticize", "criticise", "praise", "mention", "cite", "describe", "propose", "announce",
    "deny", "reject", "oppose", "attack", "question",
    "condemn", "endorse", "defend", "blame", "accuse", "applaud", "slam", "blast",
    "tout", "highlight", "demand", "call for", "speak of",
    "complain about", "warn about", "warn of", "ask about", "ask for", "argue for",
    "urge", "recommend", "decry", "denounce", "lambaste", "champion", "call on",
    "rail against", "warn against", "argue against", "speak out against", "lash out at",
    "speak about", "talk about", "brag about", "boast about", "speak out about",
    # naming: only with an object and its complement ("called Oz a quack")
    *NAMING_VERBS,
]
# Left out: "support", "plan", "want", "welcome", "dismiss", "push for" name what someone
# does or intends as often as what they said (measured on PolNeAR dev, the precision of
# their objects as attributions was 0.0-0.5, against 0.9 for the rest); "discuss" names an
# activity, not a statement. "talk about", "speak about" and "brag about" were added in
# session 5: three more true attributions on PolNeAR dev and no false one, once a
# statement in an opening subordinate clause ends with it.


def _stance_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for verb in STANCE_VERBS:
        head, _, particle = verb.partition(" ")
        for form in _IRREGULAR.get(head, _inflect(head)):
            out[f"{form} {particle}".strip()] = verb
    return out


STANCE_FORMS = _stance_forms()


# What a minister or secretary is "of" or "for": the portfolio words of governments'
# titles ("Minister for Transport Lui Tuck Yew", "Secretary of State for Health and Social
# Care"), which end a role before the name that follows it.
PORTFOLIO_WORDS = {"transport", "transportation", "health", "education", "finance", "defence", "defense",
                   "justice", "trade", "industry", "energy", "environment", "agriculture", "labour",
                   "labor", "housing", "culture", "tourism", "sport", "sports", "communications",
                   "information", "interior", "foreign", "home", "affairs", "planning", "works",
                   "water", "power", "mines", "petroleum", "economy", "commerce", "fisheries",
                   "forestry", "security", "welfare", "employment", "immigration", "infrastructure",
                   "aviation", "railways", "roads", "youth", "women", "children", "family", "social",
                   "care", "science", "technology", "innovation", "digital", "local", "government",
                   "state", "public", "national", "development", "resources", "land", "lands",
                   "environmental", "investment", "budget", "treasury", "revenue", "and", "&"}

# What a place is called in apposition ("Birnin Kebbi, the state capital", "Iten, a town in
# the Rift Valley"): a name so described is no person.
PLACE_HEADS = {"capital", "city", "town", "village", "county", "district", "region", "province",
               "suburb", "island", "country", "municipality", "borough", "neighbourhood",
               "neighborhood", "township", "hamlet", "port", "resort", "settlement"}

# Titles that describe what a person does or has won rather than an office someone else
# may hold ("the Czech player", "the London Marathon champion", "the England opener"):
# news refers back with them to the person it is about. ("the tournament director", "the
# PCB chief" are offices: another person's, unless the article gave them the role.)
EPITHET_HEADS = {"champion", "player", "star", "veteran", "captain", "skipper", "striker",
                 "opener", "batsman", "batter", "bowler", "all-rounder", "midfielder",
                 "goalkeeper", "keeper", "defender", "forward", "winger", "driver", "rider",
                 "rookie", "winner", "runner", "sprinter", "athlete", "golfer", "boxer",
                 "fighter", "swimmer", "cyclist", "medallist", "medalist", "finalist",
                 "youngster", "teenager", "debutant", "titleholder", "singer", "actor",
                 "actress", "rapper", "author", "novelist", "artist"}
