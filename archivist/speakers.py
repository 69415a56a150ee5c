"""Who a quote's speaker words refer to: a name, a pronoun or a description resolved within one article.

Pure functions over a parsed spaCy ``Doc`` and its entity Mentions (no spaCy import).
Names come from the Mentions' ``actor``; a surname-only actor is widened to the
fullest PERSON name in the article ending (or starting) with it. Pronouns go to
the most recent compatible person; descriptions ("the Vermont senator") to the
person the article gave that role ("Vermont Sen. Bernie Sanders"); indefinite
sources ("a senior official") stay unnamed.
"""

from __future__ import annotations

import bisect

from .models import Mention, Span

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
_HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                     "sir": "m", "lady": "f", "madam": "f"}
#: Determiners and quantifiers that make a description an unnamed source ("a senior official").
_INDEFINITE = frozenset({"a", "an", "another", "some", "one", "several", "many", "other", "two", "three",
                         "four", "few", "multiple", "various", "any", "most", "numerous", "both"})
#: Nouns for what an owner says through ("Ivana Trump's brief said"): the possessor is the speaker.
_VOICE_NOUNS = frozenset({"statement", "brief", "letter", "report", "campaign", "office", "website", "ad",
                          "tweet", "memo", "filing", "complaint", "lawsuit", "book", "column", "article",
                          "blog", "post", "account", "release"})
#: How far back (characters) a quote's speaker stays the default antecedent of "he"/"she".
_SPOKEN_REACH = int(__import__("os").environ.get("REACH", "600"))
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
#: Role words that are too generic to pick out one person.
_WEAK_ROLE = frozenset({"the", "a", "an", "of", "and", "former", "current", "new", "then", "'s", "’s", ",",
                        "who", "is", "was", "u.s.", "mr.", "mrs.", "ms.", "dr."})


def _words(text: str) -> list[str]:
    return [w.strip(".,'’").lower() for w in text.split() if w.strip(".,'’")]


class SpeakerResolver:
    """Resolves speaker tokens of one article to (name, mention Span, role)."""

    def __init__(self, doc, mentions: tuple[Mention, ...], quote_spans=()):
        self.doc = doc
        self.text = doc.text
        self.tok_starts = [t.idx for t in doc]
        ms = sorted((m for m in mentions if m.label in _SPEAKER_LABELS), key=lambda m: (m.start, m.end))
        self.mentions = ms
        self.m_starts = [m.start for m in ms]
        self.quote_spans = sorted(quote_spans)
        self.q_starts = [s for s, _ in self.quote_spans]
        self.full = self._full_names(ms)
        self.gender = self._genders()
        self.roles = self._roles()  # (position, name, role words)
        self.spoken: list[tuple[int, str]] = []
        self.people = {self.name_of(m) for m in ms if m.label == "PERSON"}  # (end offset, name) of resolved quote speakers

    # --- indexes built once per article -------------------------------------------------

    @staticmethod
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
        surname_hits: dict[str, int] = {}
        for a, n in count.items():
            if len(a.split()) == 1:
                surname_hits[a] = n
        out = {}
        for m in ms:
            a = _strip_possessive(m.actor)
            if m.label != "PERSON" or len(a.split()) > 1:
                out[m.actor] = a
                continue
            cands = []
            for p, n in count.items():
                pw = p.split()
                if len(pw) > 1 and (pw[-1] == a or pw[0] == a):
                    cands.append((-n, first[p], p))
            out[m.actor] = min(cands)[2] if cands else a
        return out

    def name_of(self, m: Mention) -> str:
        """The canonical name of a mention's actor."""
        return self.full.get(m.actor, m.actor)

    def _genders(self) -> dict[str, str]:
        """name -> "m"/"f" from honorifics and from subject pronouns that follow the name as a subject."""
        votes: dict[str, list[int]] = {}
        persons = [m for m in self.mentions if m.label == "PERSON" and not self._in_quote(m.start)]
        for m in persons:
            words = self.text[max(0, m.start - 6):m.end].lower().split()
            for w in words[:2]:
                if w in _HONORIFIC_GENDER:
                    v = votes.setdefault(self.name_of(m), [0, 0])
                    v[0 if _HONORIFIC_GENDER[w] == "m" else 1] += 3
                    break
        subjects = [m for m in persons if self._is_subject(m)]
        starts = [m.start for m in subjects]
        for tok in self.doc:
            low = tok.lower_
            if (low == "he" or low == "she") and tok.dep_ in ("nsubj", "nsubjpass") and not self._in_quote(tok.idx):
                k = bisect.bisect_right(starts, tok.idx) - 1
                if k >= 0 and tok.idx - subjects[k].start < 400:
                    v = votes.setdefault(self.name_of(subjects[k]), [0, 0])
                    v[0 if low == "he" else 1] += 1
        return {n: ("m" if a > b else "f") for n, (a, b) in votes.items() if a != b}

    def _roles(self) -> list[tuple[int, str, frozenset]]:
        """For every PERSON/ORG mention, the words the article uses around it as a role."""
        doc = self.doc
        out = []
        for m in self.mentions:
            if m.label not in ("PERSON", "ORG"):
                continue
            name = self.name_of(m)
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
            words -= _WEAK_ROLE
            words -= set(_words(name)) if m.label == "PERSON" else set()
            out.append((m.start, name, frozenset(words), m.label))
        return out

    # --- resolution ---------------------------------------------------------------------

    def _in_quote(self, pos: int) -> bool:
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

    def note_speaker(self, name: str | None, pos: int) -> None:
        """Record a resolved quote speaker: the likeliest antecedent of a following pronoun."""
        if name:
            self.spoken.append((pos, name))

    def _phrase(self, tok) -> Span:
        """The words naming the speaker at ``tok``: the noun phrase up to its head, without clauses."""
        doc = self.doc
        left = tok.i
        for c in tok.children:
            if c.i < tok.i and c.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod",
                                           "advmod", "npadvmod", "punct") and not c.is_space:
                left = min(left, c.left_edge.i)
        while left < tok.i and (doc[left].is_punct or doc[left].is_space):
            left += 1
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
        if a >= span.start:
            return None
        words = doc[a:span.start]
        if not any(t.pos_ == "NOUN" or t.lower_ in ("sen.", "rep.", "gov.") for t in words):
            return None
        return words.text.strip() or None

    def resolve(self, tok, pos: int) -> tuple[str | None, Span | None, str | None]:
        """(name, mention span, role) for speaker token ``tok`` of a quote at ``pos``."""
        if tok is None:
            return None, None, None
        m = self.mention_at(tok)
        if m is None:
            # "the spokesman, John Smith," or "Trump spokeswoman Hope Hicks" whose head is a noun
            for c in tok.children:
                if c.dep_ == "appos":
                    m = self.mention_at(c)
                    if m is not None and m.label == "PERSON":
                        break
                    m = None
        if m is not None:
            name = self.name_of(m)
            span = Span(m.start, m.end, self.text[m.start:m.end])
            if tok.idx < m.start or tok.idx >= m.end:
                span = self._phrase(tok)
            return name, span, self._role_left(m, tok)
        span = self._phrase(tok)
        low = tok.lower_
        if tok.pos_ == "PRON" or low in _MALE or low in _FEMALE or low in _PLURAL or low in ("i", "it", "you"):
            return self._pronoun(low, tok.idx), Span(tok.idx, tok.idx + len(tok.text), tok.text), None
        dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "amod", "poss")]
        if any(d in _INDEFINITE for d in dets) or (not dets and tok.tag_ in ("NNS",)):
            return None, span, None
        if tok.pos_ == "PROPN":
            # a proper name the NER missed ("Tanner said"): its words, widened to a full name if the article has one
            return self._unlisted_name(tok), span, None
        for c in tok.children:
            if c.dep_ == "poss" and low in _VOICE_NOUNS:
                # "Ivana Trump's brief said", "the campaign's statement": the owner speaks
                owner = self.mention_at(c)
                if owner is not None:
                    return self.name_of(owner), span, None
        return self._description(tok, pos), span, None

    def _unlisted_name(self, tok) -> str | None:
        """The name a proper-noun speaker gives when no Mention covers it."""
        doc = self.doc
        left = tok.i
        while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].dep_ in ("compound", "flat"):
            left -= 1
        words = [t.text for t in doc[left:tok.i + 1] if t.text not in ("'s", "’s")]
        name = " ".join(words).strip()
        if not name or not name[0].isupper():
            return None
        if len(words) == 1:
            for m in self.mentions:
                if m.label == "PERSON":
                    full = self.name_of(m)
                    fw = full.split()
                    if len(fw) > 1 and fw[-1] == name:
                        return full
        return name

    def _pronoun(self, low: str, pos: int) -> str | None:
        """The person (or organisation for "it"/"they") a pronoun at ``pos`` most likely refers to.

        Walks back sentence by sentence from the pronoun, preferring in each sentence a
        gender-compatible person who is a clause subject (the usual antecedent of "he said"),
        then the most recent compatible person; names inside quotations are skipped.
        """
        if low in ("i", "you", "we", "us", "me"):
            return None
        want = "m" if low in _MALE else "f" if low in _FEMALE else None
        labels = ("ORG",) if low in ("it", "its") else ("ORG", "NORP") if low in _PLURAL else ("PERSON",)
        doc = self.doc
        k = bisect.bisect_right(self.m_starts, pos - 1) - 1
        sent = doc[self._token_index(pos)].sent
        fallback = any_subject = None
        first_sentence = True
        for _ in range(6):
            lo = sent.start_char
            while k >= 0 and self.mentions[k].start >= lo:
                m = self.mentions[k]
                k -= 1
                if m.label not in labels or self._in_quote(m.start) or m.start >= pos:
                    continue
                name = self.name_of(m)
                g = self.gender.get(name)
                if want is not None and g is not None and g != want:
                    if any_subject is None and self._is_subject(m):
                        any_subject = name
                    continue
                if fallback is None:
                    fallback = name
                if self._is_subject(m):
                    return name
            if first_sentence and self.spoken:
                # nobody in the pronoun's own sentence: the last quoted speaker is the likeliest "he said"
                first_sentence = False
                end, name = self.spoken[-1]
                g = self.gender.get(name)
                if pos - end < _SPOKEN_REACH and name in self.people and (want is None or g is None or g == want):
                    return name
            if sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
        return fallback or any_subject

    def _token_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, pos) - 1)

    def _is_subject(self, m: Mention) -> bool:
        """True when the mention's head token is a clause subject (or a conjunct of one)."""
        tok = self.doc[self._token_index(m.end - 1)]
        while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass")

    def _description(self, tok, pos: int) -> str | None:
        """The actor a definite description refers to, via the roles the article gave earlier."""
        head = tok.lower_
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")} - _WEAK_ROLE
        best = None
        for start, name, words, label in self.roles:
            if start >= pos + 200:
                break
            if head in words or (head.endswith("s") and head[:-1] in words):
                score = len(mods & words)
                if best is None or score >= best[0]:
                    best = (score, name)
        return best[1] if best else None


def _strip_possessive(name: str) -> str:
    for suf in ("'s", "’s"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return name
