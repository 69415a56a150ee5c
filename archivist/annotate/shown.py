"""What a site shows of an article's annotation, by its ``site.toml``: applied after the cache.

Annotations are cached whatever a site's settings, so the settings that decide what readers see
of them are applied here, on every build, without new NLP: speaker names below ``[quotes]
min_confidence`` are withheld (``speakers.confidence.withheld``), and events, laws and works
(spaCy's EVENT, LAW and WORK_OF_ART: "Cold War", "First Amendment", "World Cup") are no actors
unless ``[actors] include`` names them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from archivist.annotate.speakers.confidence import withheld
from archivist.models import Annotation

#: ``[actors] include`` values and the NER labels they let in as actors.
OPT_IN_LABELS = {"events": "EVENT", "laws": "LAW", "works": "WORK_OF_ART"}


def shown(annotation: Annotation, min_confidence: float, include: Iterable[str] = ()) -> Annotation:
    """``annotation`` as the site shows it: names below ``min_confidence`` withheld, and mentions of
    the opt-in labels (:data:`OPT_IN_LABELS`) dropped unless ``include`` asks for them."""
    include = frozenset(include)  # once: an iterator would be spent after the first label
    dropped = {label for name, label in OPT_IN_LABELS.items() if name not in include}
    if any(m.label in dropped for m in annotation.mentions):
        annotation = replace(annotation, mentions=tuple(m for m in annotation.mentions if m.label not in dropped))
    return withheld(annotation, min_confidence)
