"""Pronouns to people within one article: the part of speaker resolution that walks back.

:class:`PronounResolver` finds the person (or organisation, for "it" and "they") a pronoun most
likely refers to, sentence by sentence back from the pronoun, within a live blog's entry, keeping
gender and number where the article shows them (honorifics, given names, the article's own
"he"/"she"); a singular "they" after an unnamed source stays unnamed. It is handed the article's
:class:`~archivist.annotate.speakers.article.ArticleIndex` and a :class:`Descriptions` (what a
description or a document refers to, which a pronoun's walk back asks of "the report" and "the
official"). It also says how a pronoun is written where an enclosing clause names the same actor
("Clinton says she ...").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Protocol

from archivist.text.lexicon import (BODIES, DOC_NOUNS, FEMALE_PRONOUNS, FIRST_SECOND_PRONOUNS, GROUP_NOUNS,
                                    HONORIFIC_GENDER, MALE_PRONOUNS, ORG_NOUNS, PEOPLE_NOUNS, PERSON_NOUNS,
                                    PLURAL_PRONOUNS, VOICE_NOUNS, could_speak, given_gender, singular, speech_verb)
from archivist.annotate.speakers.article import ArticleIndex
from archivist.models import Mention, Span

#: Marks that open a quotation at a paragraph's start.
_OPEN_MARKS = frozenset('"“‘\'')



#: How a candidate antecedent stands in its sentence, best first: an unnamed source the sentence
#: continues, the same pronoun heading it, a document as its subject; a person the sentence closing
#: the paragraph before the quotation introduces, the main clause's subject, or a person the main
#: clause's subject describes without naming ("the senator's aide", "my mother": these three, the later
#: in the sentence); an embedded clause's subject; the one person that closing sentence names.
ANTECEDENT_RANKS = {"unnamed-source": 0, "chain": 1, "document": 2, "introduced": 3, "main-subject": 3,
                    "described": 3, "subject": 4, "sole-person": 5}


@dataclass(frozen=True)
class Antecedent:
    """A candidate antecedent of a pronoun: how it stands (a key of :data:`ANTECEDENT_RANKS`, or
    "nearest" for any compatible mention), how many sentences back from the pronoun, where, and what
    it resolves to (a name; None for an unnamed source; for a "chain", the earlier pronoun's offset)."""

    kind: str
    step: int
    start: int
    value: object


def rank(c: Antecedent) -> tuple:
    """The ranking key of a candidate antecedent, smallest best: a nearer sentence first, then how it
    stands there, then the later in the sentence; a mention that is only the nearest compatible one
    ranks after every other candidate, nearest first."""
    if c.kind == "nearest":
        return 1, c.step, 0, -c.start
    return 0, c.step, ANTECEDENT_RANKS[c.kind], -c.start

class Descriptions(Protocol):
    """What pronoun resolution asks of descriptions (a
    :class:`~archivist.annotate.speakers.descriptions.DescriptionResolver`)."""

    def description(self, tok, pos: int) -> str | None:
        """The actor a definite description at ``tok`` refers to, else None."""

    def continues_unnamed(self, tok) -> bool:
        """True when the description's noun last appeared, just before, as an unnamed one."""

    def document_maker(self, tok) -> str | None:
        """Who made the document a description such as "the report" points back to."""

    def maker_of(self, noun) -> str | None:
        """The named owner, agent or producing subject of a document noun, else None."""

    def body_speaker(self, noun) -> str | None:
        """The owning organisation a body noun ("Clinton's campaign") speaks as, else None: never its owner."""


class PronounResolver:
    """Pronouns of one article to the people (or organisations) they refer to."""

    def __init__(self, article: ArticleIndex, descriptions: Descriptions):
        self.article = article
        self.doc, self.text = article.doc, article.text
        self.descriptions = descriptions
        self._memo: dict[tuple[str, int], str | None] = {}  # pronoun()'s answers by (pronoun, offset)
        self.gender = self._genders()  # name -> "m"/"f", where the article shows it

    def _genders(self) -> dict[str, str]:
        """name -> "m"/"f" from honorifics and from subject pronouns that follow the name as a subject."""
        votes: dict[str, list[int]] = {}
        persons = [m for m in self.article.mentions if m.label == "PERSON" and not self.article.in_quote(m.start)]
        for m in persons:
            words = self.text[max(0, m.start - 6):m.end].lower().split()
            for w in words[:2]:
                if w in HONORIFIC_GENDER:
                    v = votes.setdefault(self.article.name_of(m), [0, 0])
                    v[0 if HONORIFIC_GENDER[w] == "m" else 1] += 3
                    break
        subjects = [m for m in persons if self._is_subject(m)]
        starts = [m.start for m in subjects]
        p_starts = [m.start for m in persons]
        for tok in self.doc:
            low = tok.lower_
            subject_pron = (low == "he" or low == "she") and tok.dep_ in ("nsubj", "nsubjpass")
            # "his"/"her" right after a subject ("Obama said his plan"): same-sentence evidence
            owner_pron = low in ("his", "her") and tok.dep_ == "poss"
            if (subject_pron or owner_pron) and not self.article.in_quote(tok.idx):
                k = bisect.bisect_right(starts, tok.idx) - 1
                j = bisect.bisect_right(p_starts, tok.idx) - 1
                if subject_pron and k >= 0 and j >= 0 and self.article.name_of(persons[j]) != self.article.name_of(subjects[k]):
                    # "Ambrose added that voters distrust Jane Moore. She cannot win": another
                    # person stands between, so the pronoun is no evidence of the subject's gender
                    continue
                if k >= 0 and tok.idx - subjects[k].start < (400 if subject_pron else 120) and \
                        (subject_pron or subjects[k].start >= tok.sent.start_char):
                    v = votes.setdefault(self.article.name_of(subjects[k]), [0, 0])
                    v[0 if low in ("he", "his") else 1] += 1
        out = {n: ("m" if a > b else "f") for n, (a, b) in votes.items() if a != b}
        surnames = {n.split()[-1] for n in self.article.persons if len(n.split()) > 1}
        for m in persons:
            name = self.article.name_of(m)
            # a person known by a given name alone ("Melanie said"), unless it is someone's surname
            g = given_gender(name, alone=name not in surnames)
            if g is not None:
                out[name] = g
        return out

    def pronoun(self, low: str, pos: int) -> str | None:
        """The person (or organisation for "it"/"they") a pronoun at ``pos`` most likely refers to
        (see :meth:`_pronoun_at`), following a chain of same-gender pronouns back to its start.

        Iterative and memoised by position, so an article of a thousand "he said"s costs one
        walk each, never a recursion as deep as the chain (which crashed) or a walk per link.
        """
        memo = self._memo
        chain = []
        while (low, pos) not in memo:
            kind, value = self._pronoun_at(low, pos)
            chain.append((low, pos))
            if kind == "name":
                memo[(low, pos)] = value
                break
            pos = value  # an earlier pronoun, strictly before: the walk ends
        result = memo[(low, pos)]
        for key in chain:
            memo[key] = result
        return result

    def _pronoun_at(self, low: str, pos: int) -> tuple[str, object]:
        """("name", the person or None) a pronoun at ``pos`` refers to, or ("chain", the offset of
        the earlier pronoun it stands for as that one does); None when no compatible person precedes it."""
        best = self.antecedent(low, pos)
        if best is None:
            return "name", None
        return ("chain", best.value) if best.kind == "chain" else ("name", best.value)

    def antecedent(self, low: str, pos: int) -> Antecedent | None:
        """The best of pronoun ``low`` at ``pos``'s candidate :class:`Antecedent` s by :func:`rank`, else None
        (and None for "I", "you", "we", which refer to no one named before).

        Candidates come sentence by sentence back from the pronoun (:meth:`_antecedents`); as a
        nearer sentence's ranked candidate beats every farther one, the walk stops at the first
        sentence that offers one, and only the "nearest" mentions are carried further.
        """
        if low in FIRST_SECOND_PRONOUNS:
            return None
        best = None
        for found in self._antecedents(low, pos):
            for c in found:
                if best is None or rank(c) < rank(best):
                    best = c
            if best is not None and best.kind != "nearest":
                break
        return best

    def _antecedents(self, low: str, pos: int):
        """Each sentence's candidate antecedents of pronoun ``low`` at ``pos``, back from its own sentence
        (at most 20, within a live blog's entry): compatible mentions outside quotations (gender where
        the article shows it, a person for "he"/"she", an organisation or group for "it"/"they", never
        a name that only modifies a noun), by the role they stand in, and the sentence's own reading of
        who speaks (an unnamed source, a chain of the same pronoun, a document), while no compatible
        person is named nearer."""
        want = "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None
        labels = ("ORG",) if low in ("it", "its") else ("ORG", "NORP") if low in PLURAL_PRONOUNS else ("PERSON",)
        k = bisect.bisect_right(self.article.m_starts, pos - 1) - 1
        sent = self.doc[self.article.token_index(pos)].sent
        para = self.text.rfind("\n", 0, pos) + 1
        seen = False  # a compatible person was named in a nearer sentence
        described = False  # a sentence led by "the lawmaker" was passed: only a main subject is its antecedent
        for step in range(20):
            # the sentence closing the paragraph before one that opens with the quotation
            closing = want is not None and sent.end_char <= para and not self.text[sent.end_char:para].strip() \
                and self.text[para:pos].lstrip()[:1] in _OPEN_MARKS
            found = [] if seen else self._sentence_reading(low, want, sent, pos, step) + \
                self._described_subject(low, want, sent, pos, step)
            mentions = []
            while k >= 0 and self.article.mentions[k].start >= sent.start_char:
                m = self.article.mentions[k]
                k -= 1
                if self._compatible(m, pos, want, labels):
                    mentions.append(m)
            described = described or self._main_subject_refers_back(sent)
            found += self._named(mentions, sent, want, step, closing, described)
            seen = seen or bool(mentions)
            yield found
            if sent.start == 0:
                return
            prev = self.doc[sent.start - 1].sent
            if not self.article.same_section(prev.end_char - 1, pos):
                return  # a live blog's new entry starts its own story
            sent = prev

    def _compatible(self, m: Mention, pos: int, want: str | None, labels: tuple[str, ...]) -> bool:
        """True when mention ``m`` could be the antecedent of a pronoun at ``pos`` of gender ``want`` whose
        antecedents have entity ``labels``: before it, outside quotations, not a noun's modifier ("the
        Obama campaign"), never of the other gender (no name beats a wrong one)."""
        if m.label not in labels or self.article.in_quote(m.start) or m.start >= pos or \
                (want is not None and self._noun_modifier(m)):
            return False
        g = self.gender.get(self.article.name_of(m))
        return want is None or g is None or g == want

    def _sentence_reading(self, low: str, want: str | None, sent, pos: int, step: int) -> list[Antecedent]:
        """What a sentence says of who a pronoun after it stands for, before its names are read: an
        unnamed source it continues, the same pronoun heading it (a chain) or a document as its subject."""
        if (low == "they" or want is not None and self._quoting_before(sent, pos)) and step < 2 and \
                self._one_unnamed_person(sent, pos, want):
            # "One resident told CNN ... “...,” they said", "“...,” said a club official. “...,” he
            # added": the pronoun continues an unnamed source
            return [Antecedent("unnamed-source", step, sent.start_char, None)]
        same = MALE_PRONOUNS if want == "m" else FEMALE_PRONOUNS if want == "f" else \
            PLURAL_PRONOUNS if low == "they" else ()
        chain = self._first_subject(sent, pos) if same and step > 0 else None
        if chain is not None and chain.lower_ in same and chain.lower_ not in FIRST_SECOND_PRONOUNS:
            # "He was taken into custody, Dames said. “...,” he said": the sentence before is about the
            # same "he" as its first subject, so both stand for whoever that one does
            return [Antecedent("chain", step, chain.idx, chain.idx)]
        document = self._document_subject(sent) if low in ("it", "its") and step > 0 else None
        if document is not None:
            # "The fact sheet noted that ... “...,” it said": the document's maker, where the text names one;
            # "Donald Trump's campaign is defending ... It's denouncing": a body, which no person speaks for
            maker = self.descriptions.body_speaker(document) if document.lower_ in BODIES else \
                self.descriptions.maker_of(document) or self.descriptions.document_maker(document)
            return [Antecedent("document", step, document.idx, maker)]
        return []

    def _described_subject(self, low: str, want: str | None, sent, pos: int, step: int) -> list[Antecedent]:
        """The person a possessive main-clause subject describes, before ``pos``, as a candidate of its own:
        "The senator's aide said ... she" is the aide, not the senator; "My mother has softened, but she
        still says" is the mother. Its value is the name the description stands for, else None (nobody
        named). For "he"/"she": a word for one person (:data:`PERSON_NOUNS`) of a compatible gender, not one
        a name stands beside ("his spokesman, John Smith,"), which is a candidate as that name. For "they":
        a plural word for people (:data:`PEOPLE_NOUNS`: "Critics ... see"), unnamed."""
        subj = self._root_subject(sent) if want is not None or low == "they" else None
        if subj is not None and low == "they":
            # "Critics of the program, like Senators A and B, see ... They sent a letter": people unnamed as one
            people = subj.tag_ == "NNS" and not subj.ent_type_ and subj.idx < pos and \
                not self.article.in_quote(subj.idx) and singular(subj.lower_) in PEOPLE_NOUNS
            return [Antecedent("described", step, subj.idx, None)] if people else []
        if subj is None or subj.idx >= pos or subj.tag_ != "NN" or subj.ent_type_ or \
                self.article.in_quote(subj.idx) or subj.lower_ not in PERSON_NOUNS or \
                not any(c.dep_ == "poss" for c in subj.children):
            return []
        noun_gender = {"he": "m", "she": "f"}.get(PERSON_NOUNS[subj.lower_])
        if noun_gender not in (None, want) or any(t.ent_type_ == "PERSON" for t in subj.subtree if t.i > subj.i) or \
                subj.i + 1 < len(self.doc) and self.doc[subj.i + 1].ent_type_ == "PERSON" or \
                any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in subj.children):
            return []  # "Trump spokeswoman Hope Hicks", "the spokesman, John Smith": named after all
        name = self.descriptions.description(subj, subj.idx)
        if name is not None and self.gender.get(name) not in (None, want):
            name = None  # "Marjorie Taylor Greene posted. The president denied it, and he left": someone unnamed
        return [Antecedent("described", step, subj.idx, name)]

    def _named(self, mentions: list[Mention], sent, want: str | None, step: int, closing: bool,
               described: bool) -> list[Antecedent]:
        """The candidates a sentence's compatible ``mentions`` (latest first) offer: each as "nearest";
        the main clause's subject (the one a later "he said" continues: "Axelrod said the race helped
        Clinton, who ..."), an embedded clause's subject unless the sentence or one after it is led by a
        description, a person introduced with an appositive by the sentence closing the paragraph before
        the quotation ("... concerns Henry Crespo, president of X."), or the one person it names."""
        out = []
        here = []  # the people this sentence names as more than a modifier, latest first
        for m in mentions:
            name = self.article.name_of(m)
            head = self.doc[self.article.token_index(m.end - 1)]
            if head.dep_ not in ("poss", "compound"):
                if not here and closing and self.gender.get(name) == want and \
                        any(c.dep_ == "appos" for c in head.children):
                    out.append(Antecedent("introduced", step, m.start, name))
                here.append(name)
            out.append(Antecedent("nearest", step, m.start, name))
            if self._is_subject(m):
                if self._subject_of_root(m, sent):
                    out.append(Antecedent("main-subject", step, m.start, name))
                elif not described:
                    out.append(Antecedent("subject", step, m.start, name))
        if closing and len(set(here)) == 1 and self.gender.get(here[0]) == want:
            # "..., with Jane Roe lambasting the plan." / "“...,” she said.": the one person the
            # sentence closing the paragraph before a quotation names is the one it quotes
            out.append(Antecedent("sole-person", step, sent.start_char, here[0]))
        return out

    def enclosing_body(self, tok):
        """The subject of a clause enclosing "it"/"they" ``tok`` that is an organisation named through
        a noun ("Clinton's campaign", "the Trump campaign"), the pronoun's antecedent; else None."""
        node = tok.head
        while True:
            for c in node.children:
                if c.dep_ == "nsubj" and c.i < tok.i and c.pos_ == "NOUN" and c.lower_ in BODIES and \
                        any(g.dep_ in ("poss", "compound") and g.pos_ == "PROPN" for g in c.children) and \
                        not self.article.in_quote(c.idx) and "\n" not in self.text[c.idx:tok.idx]:
                    return c
            if node.head.i == node.i:
                return None
            node = node.head

    def outer_subject(self, tok, name: str) -> Span | None:
        """The named subject of a clause enclosing pronoun ``tok`` that is the same actor, as a Span.

        "Clinton says she appreciated what she calls a war of words", "The Security Council
        pledged sanctions against what it called a threat": the quotation's
        speaker is written as the enclosing clause's named subject, not the pronoun under it.
        A pronoun heading a coordinated clause of its own ("..., but he also noted") keeps itself.
        """
        best = None
        node = tok.head
        if node.dep_ == "conj" or node.dep_ == "advcl" and any(c.dep_ == "mark" for c in node.children):
            return None  # "Trump called it X, but he also noted Y", "..., though he said": a clause of its own
        while True:
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i and not self.article.in_quote(c.idx) and \
                        "\n" not in self.text[c.idx:tok.idx]:
                    m = self.article.mention_at(c)
                    if m is not None and self.article.name_of(m) == name:
                        best = Span(m.start, m.end, self.text[m.start:m.end])  # the outermost wins
            if node.head.i == node.i:
                break
            node = node.head
        return best

    @staticmethod
    def _main_content(verb, sent) -> bool:
        """True when ``verb`` is the sentence's main verb or its reported clause ("He was taken ..., Dames
        said"), not a clause beside it ("When asked what she would like, Kwok said ...")."""
        while verb.i != sent.root.i:
            if verb.dep_ not in ("ccomp", "conj") or verb.head.i == verb.i:
                return False
            verb = verb.head
        return True

    def _first_subject(self, sent, pos: int):
        """The first clause subject outside quotations and before ``pos`` that heads the sentence's main
        or reported clause ("He was taken ..., Dames said", "When asked ..., he deflected"), else None."""
        return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.idx < pos and
                     not self.article.in_quote(t.idx) and self._main_content(t.head, sent)), None)

    @staticmethod
    def _root_subject(sent):
        """The subject of the sentence's main verb, else None."""
        return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    def _document_subject(self, sent):
        """The sentence's main subject when it is a document or statement written as a common noun, else None."""
        subj = self._root_subject(sent)
        if subj is not None and subj.pos_ == "NOUN" and not subj.ent_type_ and not self.article.in_quote(subj.idx) and \
                (subj.lower_ in DOC_NOUNS or subj.lower_ in VOICE_NOUNS or subj.lower_ == "sheet"):
            return subj
        return None

    def _one_unnamed_person(self, sent, pos: int, want: str | None = None) -> bool:
        """True when the sentence's main subject, before ``pos``, is one unnamed person ("one resident", "a voter",
        "the official" continuing "a former official"), of gender ``want`` ("m"/"f") where its noun has one."""
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx < pos and
                     not self.article.in_quote(c.idx)), None)
        if subj is None or subj.tag_ != "NN" or subj.ent_type_ or not could_speak(subj) or \
                any(t.ent_type_ == "PERSON" and t.i > subj.i for t in subj.subtree) or \
                any(c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ == "PERSON" for c in sent.root.children) or \
                subj.i + 1 < len(self.doc) and self.doc[subj.i + 1].ent_type_ == "PERSON":
            return False  # "“...,” said a spokesman, Tom Reyes", "The other man, his cousin James York,",
            # "Mr Eavis' daughter Emily": named after all
        noun_gender = {"he": "m", "she": "f"}.get(PERSON_NOUNS.get(subj.lower_, ""))
        if want is not None and (noun_gender not in (None, want) or subj.lower_ in GROUP_NOUNS):
            return False  # "the crowd said ... He": a group is no "he" or "she"
        if subj.lower_ in VOICE_NOUNS or subj.lower_ in DOC_NOUNS or subj.lower_ in ORG_NOUNS:
            return False
        dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "nummod")}
        # "one resident", or "the official" after "a former official" told CNN: still nobody named;
        # "The executive spokeswoman said ... She said": a description the article ties to no name
        definite = "the" in dets or want is not None and any(c.dep_ == "poss" for c in subj.children)
        return bool(dets & {"a", "an", "one"}) or definite and (  # "Meta's director of AI safety tweeted"
            self.descriptions.continues_unnamed(subj) or want is not None and self.descriptions.description(subj, subj.idx) is None)

    def _noun_modifier(self, m: Mention) -> bool:
        """True for a name between "the" and a common noun ("the Anfield crowd", "the Obama
        campaign"): it modifies the noun, whatever the parse makes of it, and is nobody a pronoun means."""
        first, last = self.doc[self.article.token_index(m.start)], self.doc[self.article.token_index(m.end - 1)]
        return first.i > 0 and self.doc[first.i - 1].lower_ == "the" and last.i + 1 < len(self.doc) and \
            self.doc[last.i + 1].pos_ == "NOUN" and self.doc[last.i + 1].text.islower()

    def _quoting_before(self, sent, pos: int) -> bool:
        """True when ``sent`` reports speech with its main verb and lies in the paragraph of ``pos``,
        before it: a "he added" after it continues whoever it reports ("“...,” said a club official.
        “...,” he added", "But a UKIP spokesman said the others had spent more. “...,” he added")."""
        return "\n" not in self.text[sent.start_char:pos] and speech_verb(sent.root)

    def _main_subject_refers_back(self, sent) -> bool:
        """True when the sentence's main subject is a definite description of a person.

        "The nominee was speaking hours after Trump tweeted": the sentence continues an
        earlier person, so its embedded subjects are no antecedent of a later "he".
        """
        c = self._root_subject(sent)
        if c is None:
            return False
        dets = {d.lower_ for d in c.children if d.dep_ == "det"}
        return c.pos_ == "NOUN" and "the" in dets and c.lower_ in PERSON_NOUNS

    def _subject_of_root(self, m: Mention, sent) -> bool:
        """True when the subject mention ``m`` belongs to its sentence's main verb."""
        tok = self.doc[self.article.token_index(m.end - 1)]
        while tok.dep_ not in ("nsubj", "nsubjpass") and tok.head.i != tok.i:
            tok = tok.head
        verb = tok.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.i == sent.root.i:
            return True
        # the parser sometimes runs a sentence on over a paragraph break: a verb whose head
        # lies in another paragraph is its own paragraph's main verb
        a, b = sorted((verb.idx, verb.head.idx))
        return "\n" in self.text[a:b]

    def _is_subject(self, m: Mention) -> bool:
        """True when the mention's head token is a clause subject (or a conjunct of one)."""
        tok = self.doc[self.article.token_index(m.end - 1)]
        first = self.article.token_index(m.start)
        while first <= tok.head.i < tok.i and tok.dep_ in ("pobj", "prep"):
            tok = tok.head  # "the Commission on International Religious Freedom": its head is "Commission"
        # Climb only within a name ("President Obama"): a name that modifies a common noun
        # ("the Clinton campaign said") is not the subject.
        while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i and \
                (tok.dep_ == "appos" or tok.head.pos_ == "PROPN"):
            tok = tok.head
        if tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if tok.dep_ not in ("nsubj", "nsubjpass") and nxt is not None and nxt.pos_ == "VERB" and \
                nxt.tag_ in ("VBD", "VBZ") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
            return True  # "In a speech to the Centre Mr Straw said": the name before a verb left with no subject
        if tok.dep_ not in ("nsubj", "nsubjpass") and tok.i + 2 < len(self.doc) and self.doc[tok.i + 1].text == ",":
            # "Mirza, the first Indian woman to win ..., will now face": the parser made the
            # appositive the subject and left the name beside it
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == tok.i + 2 for c in tok.head.children)
        return tok.dep_ in ("nsubj", "nsubjpass")
