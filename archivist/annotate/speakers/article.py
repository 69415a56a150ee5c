"""One article's indexes for speaker resolution, built once and read by every resolver.

:class:`ArticleIndex` holds what the resolvers of :mod:`~archivist.annotate.speakers.resolve`,
:mod:`~archivist.annotate.speakers.pronouns` and :mod:`~archivist.annotate.speakers.descriptions`
ask of an article: its speaker-like Mentions by offset (with the surnames the NER missed), each
actor's canonical name (a surname widened to the article's fullest PERSON name, never across a
gendered honorific), where its quotations and a live blog's sections are, and token lookups by
offset. It reads a parsed spaCy ``Doc`` and does not import spaCy.
"""

from __future__ import annotations

import bisect
import re

from archivist.annotate.docindex import DocIndex
from archivist.models import Mention
from archivist.text.lexicon import HEADLINE_VERBS, HONORIFIC_GENDER, capitalised, given_gender

#: A line that starts a live blog's entry: a rule ("___.", "***") or a time stamp ("5:55 p.m.").
_SECTION_BREAK_RE = re.compile(r"^[^\S\n]*(?:[_*#=~]{3,}\.?|\d{1,2}:\d{2}[^\S\n]*[ap]\.?m\.?)[^\S\n]*$", re.M)
#: How far (characters) after a full name a bare surname of another bearer still means it.
_INTRO_REACH = 150
#: The rest of a hyphenated name glued to a Mention's end ("-moon" of "Ban Ki-moon").
_GLUED_RE = re.compile(r"-[a-z]+\b")
#: The labels of mentions that can speak.
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


class ArticleIndex:
    """The speaker-like Mentions, names, quotations and sections of one article, indexed by offset."""

    def __init__(self, doc, mentions: tuple[Mention, ...], quote_spans=(), index: DocIndex | None = None):
        self.doc = doc
        self.text = doc.text
        self.index = index or DocIndex(doc)  # token lookups by offset; the quotes stage passes its own
        ms = sorted((m for m in mentions if m.label in SPEAKER_LABELS), key=lambda m: (m.start, m.end))
        ms = sorted(ms + _missed_surnames(doc, ms), key=lambda m: (m.start, m.end))
        self.mentions = ms
        self.m_starts = [m.start for m in ms]
        self.quote_spans = sorted(quote_spans)
        self.q_starts = [s for s, _ in self.quote_spans]
        self.full = _full_names(ms)
        # surname -> [(position, full name)]: where the article introduces each bearer of a shared surname
        self.introduced: dict[str, list[tuple[int, str]]] = {}
        for m in ms:
            words = _strip_possessive(m.actor).split()
            if m.label == "PERSON" and len(words) > 1:
                self.introduced.setdefault(words[-1], []).append((m.start, " ".join(words)))
        self.persons = sorted({self.full.get(m.actor, m.actor) for m in ms if m.label == "PERSON"})
        # where a live blog's sections start ("___." or "5:55 p.m." on a line of its own)
        self.breaks = [m.end() for m in _SECTION_BREAK_RE.finditer(self.text)]

    def name_of(self, m: Mention) -> str:
        """The canonical name of a mention's actor.

        A surname written with a gendered honorific ("Mr. Obama") never takes a full
        name of the other gender ("Michelle Obama"): it takes a compatible full name
        with that surname, or stays a surname.
        """
        name = self.full.get(m.actor, m.actor)
        if m.label != "PERSON":
            return name
        intro = self.introduced.get(_strip_possessive(m.actor), ())
        if intro and name != _strip_possessive(m.actor) and all(p > m.start for p, n in intro if n == name):
            # "President Obama" long before the article names "Michelle Obama": not hers
            name = _strip_possessive(m.actor)
        if len({n.split()[0] for _, n in intro}) > 1:
            # two people share the surname ("Jeh Johnson", "Gary Johnson"): a bare surname
            # just after one of them is named means that one, as news style introduces people
            before = [(p, n) for p, n in intro if p < m.start]
            if before and (m.start - max(before)[0] < _INTRO_REACH or
                           self.breaks and self.same_section(max(before)[0], m.start)):
                name = max(before)[1]
        glued = _GLUED_RE.match(self.text, m.end)
        if glued and m.text.split() and name.endswith(m.text.split()[-1]):
            return name + glued.group(0)  # the NER stopped at a hyphen inside the name: "Ban Ki" of "Ban Ki-moon"
        if len(m.text.split()) != 1:
            return name
        before = self.text[max(0, m.start - 6):m.start].lower().split()
        want = HONORIFIC_GENDER.get(before[-1]) if before else None
        if want is None or given_gender(name) in (None, want):
            return name
        surname = name.split()[-1]
        for other in self.persons:
            if other.split()[-1] == surname and given_gender(other) == want:
                return other
        return _strip_possessive(m.text)

    def in_quote(self, pos: int) -> bool:
        """True when character ``pos`` lies inside one of the article's quotations."""
        k = bisect.bisect_right(self.q_starts, pos) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos < self.quote_spans[k][1]

    def mention_at(self, tok) -> Mention | None:
        """The speaker-like Mention covering ``tok``, if any."""
        k = bisect.bisect_right(self.m_starts, tok.idx) - 1
        while k >= 0 and self.mentions[k].end > tok.idx - 200:
            m = self.mentions[k]
            if m.start <= tok.idx < m.end:
                return m
            k -= 1
        return None

    def token_index(self, pos: int) -> int:
        """Index of the token containing (or last token starting before) character ``pos``."""
        return self.index.token_at(pos)

    def same_section(self, a: int, b: int) -> bool:
        """True when no section break of a live blog lies between positions a < b."""
        return bisect.bisect_right(self.breaks, a) == bisect.bisect_right(self.breaks, b)


def _full_names(ms) -> dict[str, str]:
    """actor -> the fullest PERSON name in the article sharing its last (or first) word.

    Where several full names share a surname ("Ted Cruz", "Heidi Cruz"), the one the
    article mentions most often wins, then the one it mentions first.
    """
    count: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in ms:
        if m.label == "PERSON":
            a = _strip_possessive(m.actor)
            count[a] = count.get(a, 0) + 1
            first.setdefault(a, m.start)
    orgs: dict[str, int] = {}
    for m in ms:
        if m.label == "ORG" and len(m.actor.split()) > 1:
            orgs[m.actor] = orgs.get(m.actor, 0) + 1
    out = {}
    for m in ms:
        a = _strip_possessive(m.actor)
        if m.label == "ORG" and len(a.split()) == 1:
            # "the Times" of an article that names the "Tampa Bay Times": the one it names most
            ends = sorted((-n, o) for o, n in orgs.items() if o.split()[-1] == a)
            out[m.actor] = ends[0][1] if ends else a
            continue
        if m.label != "PERSON" or len(a.split()) > 1:
            out[m.actor] = a
            continue
        cands = []
        for p, n in count.items():
            pw = p.split()
            if len(pw) > 1 and (pw[-1] == a or pw[0] == a):
                # a surname match ("Obama" -> "Barack Obama") before a first-name one ("Obama Says")
                cands.append((pw[-1] != a, -n, first[p], p))
        out[m.actor] = min(cands)[3] if cands else a
    return out


def _strip_possessive(name: str) -> str:
    """The name without a possessive ending or a headline verb glued to it."""
    for suf in ("'s", "’s"):
        if name.endswith(suf):
            name = name[: -len(suf)]
    words = name.split()
    while len(words) > 1 and words[-1].lower() in HEADLINE_VERBS:
        words.pop()
    return " ".join(words) if words else name


def _missed_surnames(doc, ms) -> list[Mention]:
    """PERSON Mentions for surnames the NER missed ("Ham made it clear"), where one full name in the article ends with them.

    Only proper-noun (or capitalised) tokens outside every Mention count, so a surname the NER labelled
    otherwise (an ORG "Trump Tower") stays as it is.
    """
    owners: dict[str, set[str]] = {}
    for m in ms:
        words = _strip_possessive(m.actor).split()
        if m.label == "PERSON" and len(words) > 1 and words[-1][:1].isupper():
            owners.setdefault(words[-1], set()).add(" ".join(words))
    covered = set()
    for m in ms:
        covered.update(range(m.start, m.end))
    out = []
    for tok in doc:
        opening_subject = tok.is_sent_start and tok.dep_ in ("nsubj", "nsubjpass") and tok.text.isalpha() and \
            tok.text[:1].isupper()  # "Mills has also joked", "Mills" tagged as a plural noun
        if tok.pos_ != "PROPN" and not capitalised(tok) and not opening_subject or tok.idx in covered:
            continue  # a surname the tagger took for a common noun ("O’Saben noted") counts too
        names = owners.get(tok.text)
        if names and len(names) == 1 and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            out.append(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "PERSON", next(iter(names)), "person"))
    return out
