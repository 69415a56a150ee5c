"""Who a quote's speaker words refer to: a name, a pronoun or a description resolved within one article.

Pure functions over a parsed spaCy ``Doc`` and its entity Mentions (no spaCy import).
Names come from the Mentions' ``actor``; a surname-only actor is widened to the
fullest PERSON name in the article ending (or starting) with it (never across a
gendered honorific: "Mr. Obama" is not "Michelle Obama"), and surnames the NER
missed count as that person. Pronouns go to the most recent compatible person
(:mod:`~archivist.annotate.speakers.pronouns`), genders coming from common given names, honorifics and
the article's own pronouns; descriptions ("the Vermont senator") to the person the article gave
that role ("Vermont Sen. Bernie Sanders"), else, for a person or organisation
noun, to the one a pronoun would take (:mod:`~archivist.annotate.speakers.descriptions`); an appositive
description goes to the name beside it ("Flynn, a top Trump surrogate, said"), a title the
parser made the head to the name after it ("Mayor of London Sadiq Khan"); indefinite sources
("a senior official") stay unnamed.

:class:`SpeakerResolver` composes the three parts, none of which inherits from or imports another:
the article's indexes and names (:class:`~archivist.annotate.speakers.article.ArticleIndex`), a
:class:`~archivist.annotate.speakers.pronouns.PronounResolver` and a
:class:`~archivist.annotate.speakers.descriptions.DescriptionResolver`, each handed what it asks for.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from archivist.annotate.docindex import DocIndex
from archivist.annotate.speakers.article import ArticleIndex
from archivist.annotate.speakers.descriptions import DescriptionResolver, Role, titled_description
from archivist.annotate.speakers.pronouns import PronounResolver
from archivist.models import Mention, Span
from archivist.text.lexicon import (BODIES, BODY_PRONOUNS, FEMALE_PRONOUNS, INDEFINITE, MALE_PRONOUNS, OTHER_PERSONAL_PRONOUNS,
                                    PLURAL_PRONOUNS, POSSESSIVE_PRONOUNS, QUANTIFIERS, RELATIVE_SUBJECTS,
                                    TITLE_ABBREVIATIONS, TITLES,
                                    VOICE_NOUNS, WEAK_ROLE, capitalised, could_speak)
from archivist.text.names import is_honorific, is_role_head

#: How a speaker's words became a name, as a quote's evidence records it.
RESOLUTIONS = {
    "name": "a name the article writes there, as its fullest form in the article",
    "surname-expansion": "a surname or first name widened to the full name the article uses",
    "title": '"Mayor of London Sadiq Khan": the name after a title the parser made the head',
    "appositive": '"Flynn, a top Trump surrogate, said": the name beside a description',
    "relative": '"..., which reported": a relative pronoun, as the noun or subject it stands for',
    "pronoun": "a pronoun, as the person (or organisation) it refers to, the only one it could be nearby",
    "pronoun-contested": "a pronoun, as the person it refers to, where another it could be was named just before",
    "owner": '"Ivana Trump\'s brief said": the owner of a document or voice',
    "unlisted-name": "a proper noun the NER missed, widened to a full name where the article has one",
    "description": '"the Kremlin spokesman": the actor the article gave that role',
    "none": "no name: an unnamed source, or nobody found",
}
#: Resolutions that walk back to a person named before: their evidence keeps that mention.
_WALKED_BACK = frozenset({"pronoun", "pronoun-contested", "description", "relative"})
#: How far back (characters) a rival antecedent makes a pronoun's choice contested: about two sentences.
_CONTEST_REACH = 300


class Resolved(NamedTuple):
    """A speaker's words resolved: the name (None: unnamed), the words, the role, how (a key of
    :data:`RESOLUTIONS`) and, for a name found by walking back, the mention it was found at."""

    name: str | None
    mention: Span | None
    role: str | None
    how: str
    antecedent: Span | None = None


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text`` without edge punctuation ("Gov." -> "gov")."""
    return [w.strip(".,'’").lower() for w in text.split() if w.strip(".,'’")]


class SpeakerResolver:
    """Resolves speaker tokens of one article to (name, mention Span, role)."""

    def __init__(self, doc, mentions: tuple[Mention, ...], quote_spans=(), index: DocIndex | None = None):
        self.article = article = ArticleIndex(doc, mentions, quote_spans, index)
        self.doc, self.text = article.doc, article.text
        # a description may point back as a pronoun does ("the 74-year-old said") and a pronoun's walk asks
        # what a description means ("the official"): descriptions get a callback into the pronouns
        self.descriptions = DescriptionResolver(article, _roles(article), self._pronoun)
        self.pronouns = PronounResolver(article, self.descriptions)
        self.first_role: dict[str, str] = {}  # name -> the role the article first gives it
        for m in article.mentions:
            if m.role and m.label == "PERSON":
                self.first_role.setdefault(article.name_of(m), m.role)

    def _pronoun(self, low: str, pos: int) -> str | None:
        """The name pronoun ``low`` at ``pos`` refers to (the callback descriptions are handed)."""
        return self.pronouns.pronoun(low, pos)

    # --- resolution ---------------------------------------------------------------------

    def _phrase(self, tok) -> Span:
        """The words naming the speaker at ``tok``: the noun phrase up to its head, without clauses."""
        doc = self.doc
        left = tok.i
        for c in tok.children:
            if c.i < tok.i and c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod",
                                           "advmod", "npadvmod", "punct") and not c.is_space:
                left = min(left, c.left_edge.i)
        for k in range(tok.i - 1, left - 1, -1):
            if self.article.in_quote(doc[k].idx):
                left = k + 1  # `"... all safe" tweeted Mayor`: quoted words and the cue hung on the name
                break
        while left < tok.i and (doc[left].is_punct or doc[left].is_space or doc[left].tag_ in ("VBN", "VBD")):
            left += 1  # ... punctuation and that cue ("tweeted") are no words of the name
        start, end = doc[left].idx, tok.idx + len(tok.text)
        return Span(start, end, self.text[start:end])

    def _role_left(self, m: Mention, tok) -> str | None:
        """The role words written before the name ("Kremlin spokesperson" Dmitry Peskov)."""
        if m.role:
            return m.role
        doc = self.doc
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return None
        head = span.root
        left = [c for c in head.children if c.i < span.start and c.dep_ in ("compound", "amod", "nmod")]
        if not left:
            return None
        a = min(c.left_edge.i for c in left)
        while a < span.start and doc[a].dep_ in ("det", "punct"):
            a += 1
        if 0 < a < span.start and doc[a].text in ("-", "‑") and not doc[a - 1].whitespace_ and doc[a - 1].is_alpha:
            a -= 1  # "study co-author Karen Alley": the word the hyphen joins belongs to the role
        b = span.start
        while b > a and (is_honorific(doc[b - 1].text) or doc[b - 1].is_punct):
            b -= 1  # "Auditor General Sir John Bourn": the honorific is no part of the role
        if a >= b:
            return None
        words = doc[a:b]
        if not any(t.pos_ == "NOUN" or t.lower_ in ("sen.", "rep.", "gov.") for t in words):
            return None
        return words.text.strip() or None

    def resolve(self, tok, pos: int) -> Resolved:
        """(name, mention span, role, how, antecedent) for speaker token ``tok`` of a quote at ``pos``.

        A speaker found through a pronoun or a description ("she said") gets the role the
        article gave that person ("U.S. Deputy Secretary of State Wendy Sherman"), and its
        antecedent: the nearest mention of that person before the speaker's words.
        """
        name, span, role, how = self._resolve(tok, pos)
        if name is None:
            how = "none"
        elif how == "name" and span is not None and len(_words(name)) > len(_words(span.text)):
            how = "surname-expansion"  # "Holloway said" of Jane Holloway
        if name is not None and role is None:
            role = self.first_role.get(name)
        antecedent = self._antecedent(name, span.start if span else pos) if how in _WALKED_BACK else None
        if how == "pronoun" and span is not None and self._contested(span.text.lower(), name, span.start):
            how = "pronoun-contested"
        return Resolved(name, span, role, how, antecedent)

    def _contested(self, low: str, name: str, pos: int) -> bool:
        """True when another actor the pronoun ``low`` could stand for (same gender or unknown, a
        person for "he"/"she", an organisation or group for "it"/"they") is named outside quotations
        within :data:`_CONTEST_REACH` characters before ``pos``: the choice had a rival."""
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            want, labels = ("m" if low in MALE_PRONOUNS else "f"), ("PERSON",)
        else:
            want, labels = None, ("ORG", "NORP") if low not in ("it", "its") else ("ORG",)
        k = bisect.bisect_left(self.article.m_starts, pos) - 1
        while k >= 0 and self.article.mentions[k].start >= pos - _CONTEST_REACH:
            m = self.article.mentions[k]
            k -= 1
            if m.label not in labels or self.article.in_quote(m.start):
                continue
            other = self.article.name_of(m)
            if other != name and (want is None or self.pronouns.gender.get(other) in (None, want)):
                return True
        return False

    def _antecedent(self, name: str, pos: int) -> Span | None:
        """The nearest mention of ``name`` before ``pos``, outside quotations (a pronoun's antecedent)."""
        k = bisect.bisect_left(self.article.m_starts, pos) - 1
        for m in self.article.mentions[max(0, k - 200):k + 1][::-1]:
            if self.article.name_of(m) == name and not self.article.in_quote(m.start):
                return Span(m.start, m.end, m.text)
        return None

    def _resolve(self, tok, pos: int) -> tuple[str | None, Span | None, str | None, str]:
        """(name, span, role, how): the first resolution rule of :data:`RESOLUTION_RULES` that resolves
        ``tok``, else the actor a description refers to; how is a key of :data:`RESOLUTIONS`."""
        if tok is None:
            return None, None, None, "none"
        for _, rule in RESOLUTION_RULES:
            found = rule(self, tok, pos)
            if found is not None:
                return found
        return self.descriptions.description(tok, pos), self._phrase(tok), None, "description"

    def _mention_of(self, tok) -> Mention | None:
        """The Mention at ``tok``, or the PERSON of its appositive ("the spokesman, John Smith,", "Trump
        spokeswoman Hope Hicks" whose head is a noun), else None. An appositive across a colon is
        none: "RAMOS: Secretary Clinton, did you ..." is a transcript label and whom it addresses."""
        m = self.article.mention_at(tok)
        if m is not None:
            return m
        for c in tok.children:
            if c.dep_ == "appos" and not self._across_colon(tok, c):
                m = self.article.mention_at(c)
                if m is not None and m.label == "PERSON":
                    return m
        return None

    def _across_colon(self, a, b) -> bool:
        """True when a colon stands between tokens ``a`` and ``b``."""
        lo, hi = sorted((a.i, b.i))
        return any(t.text == ":" for t in self.doc[lo + 1:hi])

    def _by_title(self, tok, pos: int):
        """"Mayor of London Sadiq Khan": the name after a title the parser made the head."""
        if not is_role_head(tok.text) or self._mention_of(tok) is not None:
            return None
        m = self._named_after_title(tok)
        if m is None:
            return None
        start = self._phrase(tok).start
        return self.article.name_of(m), Span(start, m.end, self.text[start:m.end]), \
            self.text[start:m.start].strip() or None, "title"

    def _by_appositive(self, tok, pos: int):
        """"Flynn, a top Trump surrogate, said": the name beside a description; the whole phrase names the speaker."""
        if tok.pos_ != "NOUN" or self._mention_of(tok) is not None:
            return None
        m = self._named_before(tok)
        if m is None:
            return None
        start = min(m.start, self._phrase(tok).start)
        end = max(m.end, tok.idx + len(tok.text))
        return self.article.name_of(m), Span(start, end, self.text[start:end]), self._role_left(m, tok), "appositive"

    def _by_name(self, tok, pos: int):
        """A name the article writes there: the Mention's actor, in its fullest form."""
        m = self._mention_of(tok)
        if m is None:
            return None
        span = Span(m.start, m.end, self.text[m.start:m.end])
        if tok.idx < m.start or tok.idx >= m.end:
            span = self._phrase(tok)
        return self.article.name_of(m), span, self._role_left(m, tok), "name"

    def _by_quantifier(self, tok, pos: int):
        """"Another advised ...", "some call it ...": nobody named."""
        return (None, self._phrase(tok), None, "none") if tok.lower_ in QUANTIFIERS else None

    def _by_relative(self, tok, pos: int):
        """A relative pronoun the parser hung on the wrong clause stands for the noun before it where
        that can speak ("the Chicago Police Department which reported"), else for the clause's subject
        ("a sign appeared outside her home that read"); never for a person found by walking back."""
        if tok.lower_ not in RELATIVE_SUBJECTS or tok.tag_ != "WDT" or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        before = self.doc[tok.i - 1] if tok.i > 0 else None
        if before is not None and before.text == "," and tok.i > 1:
            before = self.doc[tok.i - 2]
        verb = tok.head
        if before is not None and before.pos_ in ("NOUN", "PROPN") and could_speak(before):
            antecedent = before
        else:
            antecedent = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") and
                               c.i < tok.i), None) if verb.head.i != verb.i else None
        name = self._resolve(antecedent, pos)[0] if antecedent is not None else None
        return name, self._phrase(tok), None, "relative"

    def _by_pronoun(self, tok, pos: int):
        """A pronoun, as the person (or organisation) it refers to, written as the enclosing clause's
        subject where that names the same actor ("Clinton says she ...")."""
        low = tok.lower_
        if not (tok.pos_ == "PRON" or low in MALE_PRONOUNS or low in FEMALE_PRONOUNS or low in PLURAL_PRONOUNS or
                low in OTHER_PERSONAL_PRONOUNS):
            return None
        body = self.pronouns.enclosing_body(tok) if low in BODY_PRONOUNS else None
        if body is not None:
            # "Clinton's campaign is seeking to contrast her approach with what they call ..."
            name, _, role, _ = self._resolve(body, pos)
            return name, self._phrase(body), role, "pronoun"
        name = self.pronouns.pronoun(low, tok.idx)
        outer = self.pronouns.outer_subject(tok, name) if name is not None else None
        if outer is not None:
            return name, outer, None, "pronoun"
        return name, Span(tok.idx, tok.idx + len(tok.text), tok.text), None, "pronoun"

    def _by_owner(self, tok, pos: int):
        """"Ivana Trump's brief said", "a Homeland Security memo": the owner of a document or voice speaks;
        "her statement said": the person the possessive stands for; but a body ("her campaign", "the Trump
        campaign") speaks as its owning organisation or nobody (:meth:`DescriptionResolver.body_speaker`)."""
        if tok.lower_ not in VOICE_NOUNS or tok.pos_ == "PROPN":
            return None
        if tok.lower_ in BODIES and any(c.dep_ in ("poss", "compound", "nmod") for c in tok.children):
            # "the Trump campaign said", "her office said": the body speaks, as its owning organisation or nobody
            name = self.descriptions.body_speaker(tok)
            return name, self._phrase(tok), None, "owner" if name is not None else "none"
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "nmod"):
                owner = self.article.mention_at(c)
                if owner is not None:
                    return self.article.name_of(owner), self._phrase(tok), None, "owner"
                if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS:
                    name = self.pronouns.pronoun(POSSESSIVE_PRONOUNS[c.lower_], c.idx)
                    if name is not None:
                        return name, self._phrase(tok), None, "pronoun"
        return None

    @staticmethod
    def _determiners(tok) -> list[str]:
        """The lower-cased determiners, numbers, adjectives and possessives of ``tok``."""
        return [c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "amod", "poss")]

    def _by_indefinite(self, tok, pos: int):
        """"a senior official", "officials": an unnamed source."""
        dets = self._determiners(tok)
        if any(d in INDEFINITE for d in dets) or (not dets and tok.tag_ in ("NNS",)):
            return None, self._phrase(tok), None, "none"
        return None

    def _by_unlisted_name(self, tok, pos: int):
        """A proper name the NER missed ("Tanner said"): its words, widened to a full name if the article
        has one; but "The MP, who ...", "the Bishop said" are descriptions ("the Scottish Executive" a body)."""
        if not (tok.pos_ == "PROPN" or tok.pos_ not in ("PRON", "NOUN") and capitalised(tok)) or \
                titled_description(tok, self._determiners(tok)):
            return None
        return self._unlisted_name(tok), self._phrase(tok), None, "unlisted-name"

    def _named_after_title(self, tok) -> Mention | None:
        """The person a title the parser made the head names right after it, through words of the title
        only ("Mayor of London Sadiq Khan", "director of rugby Nigel Melville"); not the one the title serves
        ("a spokesperson for Attia", "a spokesman for Trump's legal team") or anyone past a comma ("The
        president, who has bashed Powell")."""
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            return None  # "a spokesperson for Attia" is someone unnamed
        for t in self.doc[tok.i + 1:tok.i + 8]:
            m = self.article.mention_at(t)
            if m is not None and m.label == "PERSON":
                after, before = self.text[m.end:m.end + 2], self.doc[t.i - 1].lower_
                return None if after in ("'s", "’s") or before in ("for", "of", "to") or self.article.in_quote(m.start) \
                    else m  # not the one served: "a spokesman for Trump's legal team", "an aide to Trump"
            if not (t.text[:1].isupper() or t.lower_ in ("of", "for", "in", "and", "&") or t.pos_ in ("NOUN", "PROPN")):
                return None
        return None

    def _named_before(self, tok) -> Mention | None:
        """The PERSON a description stands beside as an appositive: "Flynn, a top Trump surrogate, said".

        The parser often makes the description the subject and leaves the name dangling;
        the name is the Mention ending just before the description's comma.
        """
        if tok.dep_ == "appos":
            m = self.article.mention_at(tok.head)
            if m is not None and m.label == "PERSON":
                return m
        # "His former business partner at Lenox, Lawrence B. Cummings, said": the parser hangs
        # the name on the nearest noun, so any PERSON appositive inside the phrase counts
        for t in tok.subtree:
            if t.dep_ == "appos" and t.i > tok.i:
                m = self.article.mention_at(t)
                if m is not None and m.label == "PERSON" and not self.article.in_quote(m.start):
                    return m
        left = self._phrase(tok).start
        before = self.text[max(0, left - 3):left]
        if not before.rstrip().endswith(","):
            return None
        comma = self.text.rfind(",", 0, left)
        k = bisect.bisect_right(self.article.m_starts, comma) - 1
        if k >= 0:
            m = self.article.mentions[k]
            if m.label == "PERSON" and self.text[m.end:comma].strip() in ("", "'s", "’s") and \
                    not self.article.in_quote(m.start):
                return m
        return None

    def _unlisted_name(self, tok) -> str | None:
        """The name a proper-noun speaker gives when no Mention covers it."""
        doc = self.doc
        whole = self._capitalised_phrase(tok)
        if whole is not None:
            return whole  # "the Scottish Fire and Rescue Service", which the NER took for a title
        left = tok.i
        while left > 0 and (doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ in ("compound", "flat")
                            or doc[left - 1].text == "-" and not doc[left - 1].whitespace_):
            left -= 1
        while left < tok.i and (doc[left].is_punct or doc[left].lower_ in TITLES or doc[left].lower_.rstrip(".") in TITLES):
            left += 1  # "President Park", "-"
        # words as written, hyphenated names kept whole ("Park Geun-hye")
        name = "".join(t.text_with_ws for t in doc[left:tok.i + 1] if t.text not in ("'s", "’s")).strip()
        words = name.split()
        if not name or not name[0].isupper():
            return None
        if name.isupper() and len(name) > 4:
            name = name.title()  # a transcript label ("PENCE")
        if len(words) == 1:
            for m in self.article.mentions:
                if m.label == "PERSON":
                    full = self.article.name_of(m)
                    fw = full.split()
                    if len(fw) > 1 and fw[-1].lower() == name.lower():
                        return full
            # "Peabody said" of Peabody Energy: the one organisation the article names that starts with the word
            orgs = {full for m in self.article.mentions if m.label == "ORG"
                    for full in [self.article.name_of(m)] if len(full.split()) > 1 and full.split()[0] == name}
            if len(orgs) == 1:
                return orgs.pop()
        return name

    def _capitalised_phrase(self, tok) -> str | None:
        """The words of the phrase ``tok`` ends, from its first capitalised word, when every word is
        capitalised or joins them ("and", "of") and there are several; else None."""
        doc = self.doc
        a = tok.left_edge.i
        while a < tok.i and (doc[a].pos_ == "DET" or doc[a].is_punct or doc[a].lower_ in TITLES):
            a += 1
        words = doc[a:tok.i + 1]
        if len(words) < 3 or not any(t.lower_ in ("and", "&", "of") for t in words) or \
                not all(t.text[:1].isupper() or t.lower_ in ("and", "&", "of", "for") for t in words) or \
                any(t.lower_.rstrip(".") in TITLES or is_role_head(t.text) for t in words):
            return None  # a title with its name ("... Services Administrator Mehmet Oz") is for the old walk
        return words.text



#: How a speaker's words become a name, tried in order after a name the article writes there (the
#: rule's resolution, the rule); words none of them resolves are a description.
RESOLUTION_RULES = (
    ("title", SpeakerResolver._by_title),
    ("appositive", SpeakerResolver._by_appositive),
    ("name", SpeakerResolver._by_name),
    ("none", SpeakerResolver._by_quantifier),
    ("relative", SpeakerResolver._by_relative),
    ("pronoun", SpeakerResolver._by_pronoun),
    ("owner", SpeakerResolver._by_owner),
    ("none", SpeakerResolver._by_indefinite),
    ("unlisted-name", SpeakerResolver._by_unlisted_name),
)

def _roles(article: ArticleIndex) -> list[Role]:
    """For every PERSON/ORG mention, the words the article uses around it as a role."""
    doc = article.doc
    out = []
    for m in article.mentions:
        if m.label not in ("PERSON", "ORG"):
            continue
        name = article.name_of(m)
        words = set(_words(m.role or ""))
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        # "Vermont Sen. Bernie Sanders", "Kremlin spokesperson Dmitry Peskov": words left in the phrase
        for t in head.subtree:
            if t.i < span.start and t.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss", "nummod"):
                words.update(w.lower_ for w in t.subtree)
        # "Bernie Sanders, the Vermont senator", "the mayor, Bill de Blasio"
        for c in head.children:
            if c.dep_ == "appos":
                words.update(w.lower_ for w in c.subtree if w.i < c.i + 1 or w.dep_ in ("prep", "pobj"))
        if head.dep_ == "appos":
            words.update(w.lower_ for w in head.head.subtree if w.i < head.head.i + 1)
        if m.label == "ORG":
            words.update(_words(name))
        words = {TITLE_ABBREVIATIONS.get(w.strip("."), w) for w in words}  # "Gov. Mike Pence" is "the governor"
        words -= WEAK_ROLE
        words -= set(_words(name)) if m.label == "PERSON" else set()
        out.append((m.start, name, frozenset(words), m.label))
    return out
