"""Long articles annotated in pieces: split at paragraph breaks, offsets shifted back, merged.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, error E088) and its
parser's memory grows with the text, yet a 50 MB transcript is a real article. Such a text is
cut into pieces of at most :data:`MAX_PIECE` characters at paragraph breaks (at a space inside a
paragraph longer than that, as a last resort anywhere), each piece is annotated as a text of its
own, and the pieces' annotations are shifted to the article's offsets and joined. What a piece
cannot see is lost: a surname in one piece is not expanded to the full name another piece
gives. Pure functions; nothing here imports spaCy.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from archivist.models import Annotation, Quote

#: The longest piece annotated at once, in characters: far below spaCy's limit, so a piece's
#: parse stays small in memory; longer than nearly every news article, which stays whole.
MAX_PIECE = 100_000


def split_text(text: str, limit: int = MAX_PIECE) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` in order, each piece at most ``limit`` characters, ending
    after a line break where one falls within it, else after a space, else at the limit; a text
    within the limit is its one piece (also the empty text)."""
    start = 0
    while len(text) - start > limit:
        end = text.rfind("\n", start, start + limit) + 1
        if end <= start:
            end = text.rfind(" ", start, start + limit) + 1
        if end <= start:
            end = start + limit
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def shifted(annotation: Annotation, offset: int) -> Annotation:
    """``annotation`` of a piece moved to the article's offsets: the piece began at ``offset``."""
    if offset == 0:
        return annotation
    mentions = tuple(replace(m, start=m.start + offset, end=m.end + offset) for m in annotation.mentions)
    return Annotation(mentions=mentions, quotes=tuple(_shifted_quote(q, offset) for q in annotation.quotes))


def _shifted_quote(q: Quote, offset: int) -> Quote:
    """A quote moved by ``offset`` characters, with every offset it carries."""
    changes = {"start": q.start + offset, "end": q.end + offset}
    if q.speaker_mention is not None:
        changes["speaker_mention"] = replace(q.speaker_mention, start=q.speaker_mention.start + offset,
                                             end=q.speaker_mention.end + offset)
    return replace(q, **changes)


def merged(parts: list[Annotation]) -> Annotation:
    """One article's annotation from its pieces' shifted annotations, in order."""
    if len(parts) == 1:
        return parts[0]
    return Annotation(mentions=tuple(m for a in parts for m in a.mentions),
                      quotes=tuple(q for a in parts for q in a.quotes))
