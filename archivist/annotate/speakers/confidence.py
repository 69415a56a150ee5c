"""How far a speaker's name can be trusted, by the rule that found it, how it was resolved, and
what else the article says around the quote.

A quote's confidence starts from the share of names found the same way (the same kind of quote,
attribution rule and resolution) that were right, measured on gold quotations: :data:`CALIBRATION`
in ``calibration.py`` is that table. The rule key does not see the quote's surroundings, so
:func:`calibrated` then reads from the annotation a few named facts (:data:`FEATURES`: another
person named in the quote's paragraph, the speaker's name not written there, a far antecedent, a
name the article gives once, ...) and moves the share's log-odds by each fact's weight
(``calibration.WEIGHTS``, a logistic regression with the table's share as offset). Both are
written by ``benchmarks/confidence_curve.py --calibrate`` and kept as data. :func:`withheld`
applies a site's ``[quotes] min_confidence`` after annotation (so changing it needs no new NLP): a
name below it is not shown, and the card shows the article's own words for the speaker ("a
spokeswoman", "she") instead, unlinked.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Mapping

from archivist.annotate.quotes.marks import paragraphs
from archivist.annotate.speakers.calibration import BIAS, CALIBRATION, PRIOR, WEIGHTS
from archivist.models import Annotation, Quote


def confidence(rule: str, resolution: str, kind: str = "direct") -> float:
    """The measured share of right names among those of quotes of ``kind`` ("direct" or "partial":
    a fragment in the writer's sentence is attributed less surely) found by ``rule`` and
    ``resolution``; where that was never measured, the share of that kind and resolution over
    all rules, else of that kind, else over all names (``PRIOR``)."""
    for key in ((kind, rule, resolution), (kind, "*", resolution), (kind, "*", "*")):
        if key in CALIBRATION:
            return CALIBRATION[key]
    return PRIOR


@dataclass(frozen=True)
class Surroundings:
    """What an article's annotation says around its quotes, read once per article: its paragraphs
    (line spans of the text), its quotation spans, the people it names outside quotations
    ((offset, actor) in text order) and how often it names each person."""

    paragraphs: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]
    people: tuple[tuple[int, str], ...]
    uses: Mapping[str, int]

    @classmethod
    def of(cls, text: str, annotation: Annotation) -> "Surroundings":
        """The surroundings of ``annotation``'s quotes in ``text``."""
        quotes = tuple((q.start, q.end) for q in annotation.quotes)
        persons = [m for m in annotation.mentions if m.kind == "person"]
        outside = tuple((m.start, m.actor) for m in persons if not _inside(m.start, quotes))
        return cls(tuple(paragraphs(text)), quotes, outside, Counter(m.actor for m in persons))

    def paragraph(self, offset: int) -> int:
        """The index of the paragraph (line) that holds ``offset``."""
        return max(0, bisect.bisect_right(self.paragraphs, (offset, math.inf)) - 1)

    def people_in(self, lo: int, hi: int) -> list[str]:
        """The actors of the people named outside quotations between offsets ``lo`` and ``hi``."""
        return [actor for start, actor in self.people if lo <= start < hi]

    @property
    def dominant(self) -> str | None:
        """The person the article names most often (None for an article naming no one)."""
        return max(self.uses, key=lambda actor: (self.uses[actor], actor)) if self.uses else None


def _inside(offset: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _others(where: Surroundings, q: Quote) -> set[str]:
    """The other people named outside quotations in the quote's paragraph."""
    lo, hi = where.paragraphs[where.paragraph(q.start)]
    return set(where.people_in(lo, hi)) - {q.speaker}


def _contested(where: Surroundings, q: Quote) -> bool:
    """Another person is named outside quotations in the quote's paragraph: two candidates."""
    return bool(_others(where, q))


def _crowded(where: Surroundings, q: Quote) -> bool:
    """Two or more other people are named there: many candidates."""
    return len(_others(where, q)) >= 2


def _named_elsewhere(where: Surroundings, q: Quote) -> bool:
    """The speaker is not named as a person (outside quotations) in the quote's paragraph: the name
    came from a pronoun, a description or a quote before, or the speaker is no person (an
    organisation, a group)."""
    lo, hi = where.paragraphs[where.paragraph(q.start)]
    return q.speaker not in where.people_in(lo, hi)


def _mention_outside(where: Surroundings, q: Quote) -> bool:
    """The speaker's words (the mention at the cue) lie outside the quote's paragraph."""
    m = q.speaker_mention
    return m is not None and where.paragraph(m.start) != where.paragraph(q.start)


def _antecedent_far(where: Surroundings, q: Quote) -> bool:
    """A pronoun's or a description's antecedent lies before the paragraph before the quote's."""
    ante = q.evidence.antecedent if q.evidence is not None else None
    return ante is not None and where.paragraph(ante.start) < where.paragraph(q.start) - 1


def _passed_over(where: Surroundings, q: Quote) -> bool:
    """Another person is named (outside quotations) between a pronoun's or a description's
    antecedent and the quote: the resolution passed over a nearer candidate."""
    ante = q.evidence.antecedent if q.evidence is not None else None
    return ante is not None and bool(set(where.people_in(ante.end, q.start)) - {q.speaker})


def _named_once(where: Surroundings, q: Quote) -> bool:
    """The article names the speaker as a person at most once: one it mentions in passing, or no
    person at all (an organisation, a group, a name no entity carries)."""
    return where.uses.get(q.speaker, 0) <= 1


def _pronoun_to_dominant(where: Surroundings, q: Quote) -> bool:
    """A pronoun resolved to the article's most named person (where pronouns go wrongly)."""
    how = q.evidence.resolution if q.evidence is not None else ""
    return how.startswith("pronoun") and q.speaker == where.dominant


#: Facts about a named quote's surroundings that its (kind, rule, resolution) does not see, each
#: a named test over the article's :class:`Surroundings`; ``calibration.WEIGHTS`` weighs them.
FEATURES: tuple[tuple[str, Callable[[Surroundings, Quote], bool]], ...] = (
    ("contested", _contested),
    ("crowded", _crowded),
    ("named-elsewhere", _named_elsewhere),
    ("mention-outside", _mention_outside),
    ("antecedent-far", _antecedent_far),
    ("passed-over", _passed_over),
    ("named-once", _named_once),
    ("pronoun-to-dominant", _pronoun_to_dominant),
)


def features(where: Surroundings, q: Quote) -> dict[str, int]:
    """The :data:`FEATURES` of a named quote, 1 where the fact holds, else 0."""
    return {name: int(test(where, q)) for name, test in FEATURES}


def adjusted(share: float, facts: Mapping[str, int], weights: Mapping[str, float] = WEIGHTS,
             bias: float = BIAS) -> float:
    """``share`` (the rule key's) with its log-odds moved by ``bias`` and each fact's weight."""
    if not weights and not bias:
        return share
    share = min(max(share, 1e-4), 1 - 1e-4)
    z = math.log(share / (1 - share)) + bias + sum(weights.get(name, 0.0) * v for name, v in facts.items())
    return round(1 / (1 + math.exp(-z)), 3)


def calibrated(text: str, annotation: Annotation) -> Annotation:
    """``annotation`` whose named quotes' confidence also weighs their surroundings in ``text``
    (:func:`adjusted`); unnamed quotes and quotes without evidence keep theirs."""
    if not WEIGHTS and not BIAS:
        return annotation
    where = Surroundings.of(text, annotation)
    quotes = tuple(_rescored(where, q) for q in annotation.quotes)
    return replace(annotation, quotes=quotes)


def _rescored(where: Surroundings, q: Quote) -> Quote:
    if q.speaker is None or q.evidence is None:
        return q
    share = confidence(q.evidence.rule, q.evidence.resolution, q.kind)
    return replace(q, evidence=replace(q.evidence, confidence=adjusted(share, features(where, q))))


def withheld(annotation: Annotation, min_confidence: float) -> Annotation:
    """``annotation`` with every speaker's name below ``min_confidence`` withheld: the quote keeps its
    words for the speaker (as ``description``, which a card shows unlinked) and its evidence."""
    if min_confidence <= 0 or not any(_unsure(q, min_confidence) for q in annotation.quotes):
        return annotation
    quotes = tuple(_withhold(q) if _unsure(q, min_confidence) else q for q in annotation.quotes)
    return replace(annotation, quotes=quotes)


def _unsure(q: Quote, min_confidence: float) -> bool:
    """True when ``q`` shows a name whose evidence is below ``min_confidence``."""
    return q.speaker is not None and q.evidence is not None and q.evidence.confidence < min_confidence


def _withhold(q: Quote) -> Quote:
    """The quote without its speaker's name or that person's role, shown by the article's words."""
    words = q.description or (q.speaker_mention.text if q.speaker_mention else None)
    return replace(q, speaker=None, role=None, description=words)
