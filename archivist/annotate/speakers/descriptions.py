"""Descriptions to actors within one article: the part of speaker resolution that reads roles.

:class:`DescriptionResolver` is handed the article's :class:`~archivist.annotate.speakers.article.ArticleIndex`,
the roles the article gives its actors and a ``pronoun`` callback (the person a pronoun at an
offset refers to): a definite description ("the Kremlin spokesman", "The MP, who ...", "the
Foreign Secretary", "the report") goes to the actor the article gave that role (never one of
another rank: "Shadow foreign secretary"), a document to its maker, an age ("said the 74-year-old
comedian") or a person noun the article never wrote as a role to the person a pronoun would take,
an organisation noun to the organisation "it" would; never to the person it names as a modifier or
owner ("the longtime Trump adviser", "the rapper's spokesperson"), and a description that continues
an unnamed one ("a senior official ... the official said") stays unnamed.
"""

from __future__ import annotations

from typing import Callable

from archivist.annotate.speakers.article import ArticleIndex
from archivist.text.lexicon import (BACK_REFERENCE, BODIES, DOC_NOUNS, GROUP_NOUNS, INDEFINITE, RANK_WORDS, MAKE_VERBS, ORG_NOUNS, PERSON_NOUNS, VOICE_NOUNS,
                      WEAK_ROLE, could_speak, singular)
from archivist.text.names import is_role_head, is_title_word

#: How many sentences back a document's maker may be named.
_DOC_WINDOW = 12


def titled_description(tok, dets) -> bool:
    """True for "the" and a capitalised title alone ("The MP", "the Prime Minister", "The Archbishop of
    Canterbury"): a description to resolve, not a name; "The New Hampshire Union Leader" and
    "the Scottish Executive" are names of bodies."""
    return "the" in dets and tok.text[:1].isupper() and is_role_head(tok.text) and tok.lower_ != "executive" \
        and all(is_title_word(c.text) for c in tok.children if c.dep_ == "compound")


#: A role as :class:`DescriptionResolver` reads it: (offset of the mention, name, role words, label).
Role = tuple[int, str, frozenset, str]


class DescriptionResolver:
    """Descriptions of one article to its actors, by the roles the article gives them."""

    def __init__(self, article: ArticleIndex, roles: list[Role], pronoun: Callable[[str, int], str | None]):
        self.article = article
        self.doc = article.doc
        self.roles = roles  # in the order of the article
        self.pronoun = pronoun  # (pronoun, offset) -> the name it refers to: a description can point back like one

    def continues_unnamed(self, tok) -> bool:
        """True when the description's noun last appeared, just before, as an unnamed one ("a group ...")."""
        for prev in reversed(self.doc[max(0, tok.i - 120):tok.i]):
            if prev.lower_ == tok.lower_ and prev.pos_ == "NOUN" and not self.article.in_quote(prev.idx):
                return any(c.lower_ in INDEFINITE and c.dep_ in ("det", "nummod") for c in prev.children)
        return False

    def document_maker(self, tok) -> str | None:
        """Who made the document a description such as "the report" points back to.

        The nearest earlier document noun, within a few sentences, whose maker the text
        names: its owner ("a Times article", "the court's ruling"), its agent ("a report
        by the GAO", "a complaint filed by the SEC") or the subject of the verb that
        produced it ("The Washington Post ran a feature").
        """
        doc = self.doc
        first_sent = doc[tok.i].sent
        for _ in range(_DOC_WINDOW):
            if first_sent.start == 0:
                break
            first_sent = doc[first_sent.start - 1].sent
        for k in range(tok.i - 1, first_sent.start - 1, -1):
            noun = doc[k]
            if noun.pos_ != "NOUN" or singular(noun.lower_) not in DOC_NOUNS or self.article.in_quote(noun.idx):
                continue
            maker = self.maker_of(noun)
            if maker is not None:
                return maker
            dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
            if not dets & BACK_REFERENCE or any(c.dep_ in ("poss", "compound", "nmod") for c in noun.children):
                return None  # a new or unnamed document ("its report", "a study"): the nearest one decides
        return None

    def maker_of(self, noun) -> str | None:
        """The named owner, agent or producing subject of a document noun, else None."""
        makers = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")]
        for c in noun.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                makers += [g for g in c.children if g.dep_ == "pobj"]
        for c in noun.children:
            if c.dep_ == "acl" and c.lower_ in MAKE_VERBS:  # "a complaint filed by the SEC"
                for a in c.children:
                    if a.dep_ == "agent":
                        makers += [g for g in a.children if g.dep_ == "pobj"]
        if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lower_ in MAKE_VERBS:
            makers += [c for c in noun.head.children if c.dep_ == "nsubj"]
        for c in makers:
            m = self.article.mention_at(c)
            if m is not None and m.label in ("PERSON", "ORG") and not self.article.in_quote(m.start):
                return self.article.name_of(m)
        return None

    def body_speaker(self, noun) -> str | None:
        """The name a body noun with an owner speaks as ("the DNC's committee", "Clinton's campaign", "his
        office"): the owning organisation, else None; never the person who owns it, for a campaign or an
        office speaks for itself, not in its owner's words ("the Trump campaign said" is not Trump)."""
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "nmod"):
                m = self.article.mention_at(c)
                if m is not None and m.label == "ORG" and not self.article.in_quote(m.start):
                    return self.article.name_of(m)
        return None

    def description(self, tok, pos: int) -> str | None:
        """The actor a definite description refers to, via the roles the article gave earlier; never
        the person it names as a modifier ("the longtime Trump adviser" is not Trump)."""
        name = self._described(tok, pos)
        owners = {self.article.name_of(m) for c in tok.children if c.dep_ in ("compound", "poss")
                  for m in [self.article.mention_at(c)] if m is not None and m.label == "PERSON"}
        return None if name in owners else name

    def _described(self, tok, pos: int) -> str | None:
        head = tok.lower_
        if singular(head) in DOC_NOUNS:
            maker = self.document_maker(tok)
            if maker is not None:
                return maker
        if self.continues_unnamed(tok):
            return None  # "one attorney said ..." / "the attorney added": still no name
        doc, left = self.doc, tok.left_edge.i
        if (doc[left].lower_ == "the" or left > 0 and doc[left - 1].lower_ == "the") and any(
                t.lower_ == "year" and t.i + 2 < len(doc) and doc[t.i + 2].lower_ == "old" for t in tok.subtree):
            # "said the 74-year-old comedian", "the 31-year-old said": an age points back to a person named
            # before, like a pronoun
            return self.pronoun(PERSON_NOUNS.get(head, "person"), pos)
        mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")} - WEAK_ROLE
        best = None
        # "the family" is no "family attorney": a person's role is matched by a word for one person
        personal = is_role_head(head) or singular(head) in PERSON_NOUNS or \
            could_speak(tok) and singular(head) not in BODIES | VOICE_NOUNS | DOC_NOUNS | GROUP_NOUNS
        said = {c.lower_ for c in tok.subtree}
        for start, name, words, label in self.roles:
            if start >= pos + 200:
                break
            if label == "PERSON" and not personal or (words & RANK_WORDS) - said:
                continue  # "the Foreign Secretary" is not the "Shadow foreign secretary" or a deputy
            if head in words or (head.endswith("s") and head[:-1] in words):
                # the latest fitting role wins, but one written before the description beats one after
                # it that fits no better: a description points back ("the party said. The National
                # Citizen Party ..." is the party named before)
                score = (len(mods & words), start < tok.idx)
                if best is None or score >= best[0]:
                    best = (score, name)
        if best:
            return best[1]
        if head in ORG_NOUNS and not any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children):
            # "the union", "the agency": like "it", the organisation the story is about ("the Trump
            # administration" names its own, which no other organisation is)
            return self.pronoun("it", pos)
        if head in PERSON_NOUNS and not any(c.dep_ == "poss" for c in tok.children) and \
                not head.startswith("spokes"):
            # "the Vermont senator" for a role the article never wrote out: a definite
            # description of a person points back, like a pronoun, to a recent subject;
            # "the rapper's spokesperson" and "the spokesperson" are someone the article never named
            return self.pronoun(PERSON_NOUNS[head], pos)
        return None
