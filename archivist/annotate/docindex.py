"""Token lookups by character offset for one parsed Doc, built once an article and shared by
the quote finders and the speaker resolvers (no spaCy import)."""

from __future__ import annotations

import bisect


class DocIndex:
    """Token lookups by character offset for one Doc."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or last token starting before) ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """Token index range [i, j) covering characters [start, end)."""
        return self.token_at(start), self.token_at(max(start, end - 1)) + 1
