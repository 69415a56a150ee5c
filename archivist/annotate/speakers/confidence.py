"""How far a speaker's name can be trusted, by the rule that found it and how it was resolved.

A quote's confidence is the share of names found the same way (the same kind of quote, attribution
rule and resolution) that were right, measured on gold quotations: :data:`CALIBRATION` in
``calibration.py`` is that table, written by ``benchmarks/confidence_curve.py --calibrate`` and
kept as data. :func:`withheld` applies a site's ``[quotes] min_confidence`` after annotation
(so changing it needs no new NLP): a name below it is not shown, and the card shows the
article's own words for the speaker ("a spokeswoman", "she") instead, unlinked.
"""

from __future__ import annotations

from dataclasses import replace

from archivist.annotate.speakers.calibration import CALIBRATION, PRIOR
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
