"""Pure string helpers for actor names, shared by entity extraction, quotes and aggregation.

Nothing here knows about spaCy: every function takes and returns plain strings,
so the cross-article stage (``actors``) can compare names without a model.

Public helpers (all pure, all deterministic):

- ``normalise_name(text)``: the bare name as written ("Sen. Putin's" -> "Putin").
- ``canonical_name(text)``: ``normalise_name`` plus the equivalence table ("U.S." -> "United States").
- ``name_key(text)``: a comparison key (case, accents, dots, apostrophes folded).
- ``surname(name)`` / ``first_name(name)``: the parts a short mention may use.
- ``is_acronym(text)`` / ``acronym_matches(acronym, words)``: acronym detection.
- ``is_title_word(word)`` / ``is_role_head(word)`` / ``is_honorific(word)`` /
  ``is_honorific_before_name(word)``: the title lexicon.
"""

from __future__ import annotations

import re
import unicodedata

from ftfy import fix_encoding

#: Surface forms that name the same actor, mapped to the name its page uses.
#: Keys are compared after ``normalise_name``; keep this table small and uncontroversial.
EQUIVALENTS = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States", "USA": "United States",
    "U.S": "United States", "United States of America": "United States", "America": "United States",
    "U.K.": "United Kingdom", "UK": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "U.N.": "United Nations", "UN": "United Nations",
    "EU": "European Union", "E.U.": "European Union",
    "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates",
    "DPRK": "North Korea",
}

#: Words NER tags as names that never name an actor (common-noun acronyms).
NOT_NAMES = frozenset("AI CEO CFO COO CTO GDP TV PhD MVP IQ DNA FAQ OK LOL".split())

#: Honorifics: stripped from names and never kept as a role.
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame madam mme messrs".split())

#: Words that make a phrase a role ("spokesperson", "Secretary"): a role needs at least one.
ROLE_HEADS = frozenset("""
president presidents vice-president premier chancellor minister ministers secretary secretary-general
taoiseach tánaiste
sen senator senators rep representative congressman congresswoman congressmember lawmaker legislator delegate
mp mps mep meps msp msps
gov governor mayor councilman councilwoman councilmember alderman sheriff
spokesperson spokesman spokeswoman spokespeople spokesmen
ambassador envoy diplomat consul attache
gen general lt lieutenant col colonel maj capt captain cmdr commander adm admiral sgt sergeant
cpl corporal pvt marshal brig brigadier officer
judge justice magistrate prosecutor attorney ag lawyer counsel solicitor
chief head leader chair chairman chairwoman chairperson ceo cfo coo cto founder co-founder cofounder
director manager executive president-elect owner publisher editor correspondent reporter anchor host
commissioner inspector superintendent detective agent trooper administrator
adviser advisor aide analyst economist strategist professor researcher scientist historian columnist
coach quarterback pitcher striker player captain
actor actress comedian singer broadcaster presenter novelist rapper dj
speaker whip treasurer comptroller auditor clerk registrar
ayatollah rabbi reverend rev pastor imam bishop archbishop cardinal priest
""".split())

#: Words that may sit inside a role but do not make one on their own ("Deputy", "Foreign").
ROLE_MODIFIERS = frozenset("""
deputy vice prime foreign defense defence interior finance home justice health state press national
security senior top former acting interim assistant associate executive managing principal chief
general supreme first lead special federal regional district county city party majority minority
then then- incoming outgoing new longtime longtime- retired elected designate
""".split())

#: Leading titles stripped from any name, person or not: unambiguous person titles only, so that
#: "General Motors", "State Department" or "Supreme Court" keep their first word.
PERSON_TITLES = frozenset("""
sen sen. senator rep rep. representative gov gov. governor president mayor mr mrs ms dr prof
gen. lt lt. col col. sgt sgt. capt. adm. cmdr. rev rev. reverend ayatollah
""".split()) | HONORIFICS

#: Titles that are part of a name ("King Charles", "Pope Francis"), never stripped.
NAME_TITLES = frozenset("king queen prince princess pope emperor empress sheikh sultan emir crown".split())

#: Name suffixes that are not a surname ("Martin Luther King Jr.").
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v".split())

#: Lower-case words allowed inside an organisation's name or an acronym's expansion.
CONNECTORS = frozenset("of for and in the on & de du des la le del da di von van to at".split())

#: Names that really end in a possessive ("McDonald's"): kept whole.
POSSESSIVE_NAMES = frozenset(
    "mcdonald's macy's wendy's kellogg's sotheby's christie's lloyd's domino's denny's applebee's "
    "moody's hardee's arby's kohl's dillard's chili's friendly's lowe's"
    .split()
) | {"trader joe's", "ben & jerry's", "children's hospital"}

_QUOTES = "\"“”„‟«»'‘’`"
_STRIP = _QUOTES + " \t\n.,;:!?()[]{}<>*—–-_/\\|"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_WS = re.compile(r"\s+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,6}$|^[A-Z][A-Za-z&]{1,6}$")


def _word_key(word: str) -> str:
    """A word lower-cased without its trailing dot, for lexicon look-ups ("Sen." -> "sen")."""
    return word.lower().rstrip(".")


def is_honorific(word: str) -> bool:
    """True for "Mr.", "Dr", "Ms." and the like."""
    return _word_key(word) in HONORIFICS


#: Words written before a person's name and nothing else: honorifics and peers' titles ("Lord Browne").
_BEFORE_NAMES = (HONORIFICS - {"madam", "messrs"}) | {"lord", "lady", "baroness"}


def is_honorific_before_name(word: str) -> bool:
    """True for a capitalised word that makes the name after it a person's ("Mr", "Dr.", "Lord")."""
    return word[:1].isupper() and not word[1:2].isupper() and _word_key(word) in _BEFORE_NAMES  # not "MS NOW"


def is_role_head(word: str) -> bool:
    """True for a word that makes a role on its own ("Secretary", "spokesperson", "Sen.")."""
    return _word_key(word) in ROLE_HEADS


def is_title_word(word: str) -> bool:
    """True for any word of a title: a role head, a role modifier ("Deputy") or an honorific."""
    key = _word_key(word)
    return key in ROLE_HEADS or key in ROLE_MODIFIERS or key in HONORIFICS


def strip_possessive(text: str) -> str:
    """``text`` without a trailing possessive ("Putin's" -> "Putin", "Jesus'" -> "Jesus")."""
    if text.lower().replace("’", "'") in POSSESSIVE_NAMES:
        return text
    stripped = _POSSESSIVE.sub("", text)
    # "Jesus'"/"States'" lose only the apostrophe; "boss's" style "s'" loses the apostrophe too.
    if text.endswith(("s'", "s’")):
        stripped = text[:-1]
    return stripped or text


def normalise_name(text: str, person: bool = False) -> str:
    """The bare name in ``text``: no surrounding quotes/punctuation, possessive, leading "the" or titles.

    "President Vladimir Putin's" -> "Vladimir Putin"; "“NATO”" -> "NATO"; "the White House" ->
    "White House". Titles that belong to a name ("King Charles") stay. Whitespace is collapsed.
    Dots of abbreviations ("U.S.") are kept; mis-decoded UTF-8 is repaired ("FranÃ§ois" ->
    "François"). With ``person=True`` every title word of the lexicon is stripped ("Deputy
    Foreign Minister Sergey Ryabkov" -> "Sergey Ryabkov"); otherwise only unambiguous person
    titles are, so "General Motors" stays whole.
    """
    if not text.isascii():
        # UTF-8 read as Latin-1 once or twice in the source ("FranÃ§ois Hollande"): one actor, spelled right
        text = fix_encoding(unicodedata.normalize("NFC", text))
    name = _WS.sub(" ", text).strip(_STRIP.replace(".", ""))
    name = strip_possessive(name).strip(_STRIP.replace(".", ""))
    # A trailing dot is sentence punctuation unless it closes an abbreviation ("U.S.", "Jr.", "Ga.").
    if name.endswith(".") and not re.search(r"(?:\b[A-Z][A-Za-z]{0,3}\.|\.[A-Za-z]+\.)$", name):
        name = name[:-1]
    words = name.split(" ")
    while len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    # Strip leading titles but never the last word: "President" alone stays (callers drop it).
    while len(words) > 1 and words[1][:1].isupper() and _word_key(words[0]) not in NAME_TITLES and (
        is_title_word(words[0]) if person else (words[0].lower() in PERSON_TITLES or _word_key(words[0]) in PERSON_TITLES)
    ):
        words = words[1:]
    return " ".join(words).strip(_STRIP.replace(".", ""))


def canonical_name(text: str, person: bool = False) -> str:
    """``normalise_name(text, person)`` mapped through ``EQUIVALENTS`` ("the U.S.'s" -> "United States")."""
    name = normalise_name(text, person)
    return EQUIVALENTS.get(name, name)


def name_key(text: str) -> str:
    """A key for comparing names across articles: canonical, case- and accent-folded, no dots.

    "Zelenskyy" and "Zelensky" still differ (spelling variants are the aggregator's call).
    """
    name = canonical_name(text)
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.replace("’", "'").replace("‘", "'").replace(".", "").replace("-", " ")
    return _WS.sub(" ", name).strip().casefold()


def _name_words(name: str) -> list[str]:
    words = normalise_name(name, person=True).split(" ")
    while len(words) > 1 and (_word_key(words[-1]) in SUFFIXES or words[-1] == ","):
        words = words[:-1]
    if words and words[-1].endswith(","):
        words[-1] = words[-1][:-1]
    return words


def surname(name: str) -> str:
    """The family name of a person's name: its last word, with lower-case particles and without suffixes.

    "Vladimir Putin" -> "Putin"; "Martin Luther King Jr." -> "King"; "Charles de Gaulle" -> "de Gaulle".
    A one-word name is its own surname.
    """
    words = _name_words(name)
    i = len(words) - 1
    while i > 1 and words[i - 1][:1].islower():  # particles: "de", "van der", "bin"
        i -= 1
    return " ".join(words[i:])


def first_name(name: str) -> str:
    """The first word of a person's name (after titles): "President Joe Biden" -> "Joe"."""
    return _name_words(name)[0]


#: The shortest surname that :func:`spelled_alike` compares: shorter ones ("Hahn", "Hann") are often two families.
SPELLED_ALIKE_MIN = 6


def spelled_alike(a: str, b: str) -> bool:
    """True for two spellings of one surname, one with a letter the other lacks ("McClenney" / "McLenney")
    or two neighbouring letters swapped ("Kiedis" / "Keidis"), the same first letter and at least
    :data:`SPELLED_ALIKE_MIN` letters. A letter changed ("Clinton" / "Clifton") is another name as often
    as a typo, so it is not alike, nor is a plural ("Clintons")."""
    a, b = sorted((a.lower(), b.lower()), key=len)
    if a[:1] != b[:1] or len(a) < SPELLED_ALIKE_MIN or len(b) - len(a) not in (0, 1) or b == a + "s":
        return False  # "the Clintons" are a family, not a way to spell Clinton
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) == len(b):
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    return a[i:] == b[i + 1:]


def is_acronym(text: str) -> bool:
    """True for an acronym-like token: "NATO", "OSCE", "U.N.", "DoD" (2-7 letters, mostly capitals)."""
    if not _ACRONYM.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= 2 and upper >= 2 and upper * 2 > len(letters)


def acronym_matches(acronym: str, words: list[str] | tuple[str, ...]) -> bool:
    """True if ``words`` (an expansion, one word an item) spell ``acronym`` by their initials.

    Capitalised words must each give their initial (or, when hyphenated, the initials of
    their parts); connector words ("of", "and", "for") may give theirs or not:
    ("Organization", "for", "Security", "and", "Cooperation", "in", "Europe") spells "OSCE";
    ("Department", "of", "Defense") spells "DoD".
    """
    letters = [c.upper() for c in acronym if c.isalpha()]
    if not words or not words[0][:1].isupper():
        return False
    content = [w for w in words if w.lower() not in CONNECTORS]
    if len(content) < 2 or any(w.upper() == acronym.upper() for w in words):
        return False  # "ICE and" does not spell ICE
    options = []
    for w in words:
        parts = [p for p in re.split(r"[-/]", w) if p]
        if not parts:
            return False
        opts = {w[0].upper()}
        if len(parts) > 1:
            opts.add("".join(p[0].upper() for p in parts))
        if len(w) > 1 and w.isalpha() and w.isupper():
            opts.add(w)  # an acronym inside the expansion: "UK Health Security Agency" spells "UKHSA"
        optional = w.lower() in CONNECTORS
        if not optional and not w[0].isupper():
            return False
        options.append((opts, optional))
    # Positions in ``letters`` reachable after each word: a small set, so this stays linear.
    reach = {0}
    for opts, optional in options:
        nxt = set(reach) if optional else set()
        for pos in reach:
            for o in opts:
                if letters[pos:pos + len(o)] == list(o):
                    nxt.add(pos + len(o))
        reach = nxt
        if not reach:
            return False
    return len(letters) in reach
