"""The one slug function: a URL segment from any name or title, transliterated.

Built on python-slugify (with text-unidecode), so "Владимир Путин" gives
"vladimir-putin" and "Łódź" gives "lodz" rather than an empty or ascii-stripped
segment. A slug depends only on its text, never on what else the archive holds
(numbering clashes is the caller's job, in a fixed order), and it is at most
``MAX_LENGTH`` characters so that no file name grows past the file system's limit.
"""

from __future__ import annotations

from slugify import slugify as _slugify

#: Longest slug, cut at a word boundary: far below any file system's 255-byte name limit.
MAX_LENGTH = 80
#: Characters dropped before slugifying, so "O'Brien" is "obrien" and "U.S." is "us".
_DROPPED = [["'", ""], ["’", ""], [".", ""], ["&", " and "]]


def slugify(text: str, fallback: str = "") -> str:
    """``text`` as a lower-case, hyphenated ASCII URL segment; ``fallback`` where nothing is left.

    >>> slugify("Владимир Путин"), slugify("Łódź"), slugify("AT&T Inc."), slugify("???", "actor")
    ('vladimir-putin', 'lodz', 'at-and-t-inc', 'actor')
    """
    slug = _slugify(text or "", max_length=MAX_LENGTH, word_boundary=True, replacements=_DROPPED)
    return slug or fallback
