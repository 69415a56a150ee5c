"""The attribute ruler's matches found by table lookup, the same matches as spaCy's ``Matcher``.

The English models' ``attribute_ruler`` (tag to part of speech and morphology, and a few word
exceptions) holds about 180 patterns of one or two tokens, each a conjunction of plain tests
("TAG is VBZ", "LOWER in {is, are}", "DEP not empty", "LOWER matches ^n'?t$"). spaCy's
``Matcher`` tries every pattern at every token, which made the ruler 18% of the annotation time,
as much as the parser. Here each pattern is filed under the values one of its tests allows
("got", or "is" and "are"), so a token is tried only against the patterns its own word or tag
can satisfy, and what a token's attributes match is remembered for the next token with the same
ones: the same ``(key, start, end)`` matches, at a fifth of the time. Patterns with anything else
(operators, fuzzy tests, other attributes) are not ours: :func:`lookup_matcher` then gives None
and the ruler keeps spaCy's Matcher.

No spaCy import: the Doc is used duck-typed (``to_array``, ``vocab.strings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable

#: Token attributes a pattern may test, as ``Doc.to_array`` names them, in column order. A
#: pattern is filed under its test (equality or IN) on the earliest of them: a word is more selective
#: than a tag ("LOWER got, TAG VBD" is tried at "got" only, not at every past tense).
ATTRIBUTES = ("LOWER", "ORTH", "TAG", "POS", "DEP", "IS_SPACE")
#: Set tests a pattern may use on an attribute, and the predicate each stands for.
SET_TESTS = {"IN": lambda value, values: value in values, "NOT_IN": lambda value, values: value not in values}
#: Distinct token attribute rows whose first-token matches are remembered, at most (then forgotten at once).
SEEN_ROWS = 200_000
#: The test of an attribute's text by a regular expression (``re.search``, as spaCy's Matcher does).
REGEX = "REGEX"


@dataclass(frozen=True)
class Test:
    """One attribute test of a token: column ``column`` equals ``value`` or passes a set test."""

    column: int
    value: int | None = None  #: the attribute's hash (or 0/1 for a flag) it must equal
    set_test: str = ""  #: a key of SET_TESTS, with ``values``
    values: frozenset[int] = frozenset()
    regex: str = ""  #: with set_test REGEX: the expression the attribute's text must contain
    strings: object = field(default=None, compare=False)  #: the vocab's strings, to read a text by its hash
    seen: dict = field(default_factory=dict, compare=False)  #: a REGEX test's results by hash

    def filed_under(self) -> tuple[int, ...]:
        """The values a token passing this test may have, or () when they are too many to list."""
        return (self.value,) if not self.set_test else tuple(sorted(self.values)) if self.set_test == "IN" else ()

    def passes(self, row: tuple[int, ...]) -> bool:
        """Whether the token whose attribute values are ``row`` passes this test."""
        value = row[self.column]
        if self.set_test == REGEX:
            if value not in self.seen:
                self.seen[value] = re.search(self.regex, self.strings[value]) is not None
            return self.seen[value]
        if self.set_test:
            return SET_TESTS[self.set_test](value, self.values)
        return value == self.value


@dataclass(frozen=True)
class Pattern:
    """A pattern of consecutive tokens, each a conjunction of tests, reported as ``key``."""

    key: int
    tokens: tuple[tuple[Test, ...], ...]

    def later_match(self, rows: list[tuple[int, ...]], i: int) -> bool:
        """Whether the tokens after ``i`` match the pattern's later tokens (its first matched at ``i``)."""
        n = len(self.tokens)
        return n == 1 or i + n <= len(rows) and all(
            all(test.passes(rows[i + k]) for test in self.tokens[k]) for k in range(1, n))


class LookupMatcher:
    """Finds a ruler's matches, ``[(key, start, end)]`` as ``Matcher(doc, as_spans=False)``
    gives them, by looking patterns up under a token's attribute values.

    ``original`` is the Matcher it stands in for: its other methods (``get``, ``len``) are that one's.
    """

    def __init__(self, original, patterns: Iterable[Pattern], columns: tuple[str, ...]):
        self.original, self.columns = original, list(columns)
        #: per column, the patterns filed under each value of it, each with the tests left to pass
        self.filed: list[tuple[int, dict[int, list[tuple[Pattern, tuple[Test, ...]]]]]] = []
        self.unfiled: list[tuple[Pattern, tuple[Test, ...]]] = []
        by_column: dict[int, dict] = {}
        for pattern in patterns:
            first = [t for t in pattern.tokens[0] if t.filed_under()]
            if not first:
                self.unfiled.append((pattern, pattern.tokens[0]))
                continue
            test = min(first, key=lambda t: t.column)
            rest = tuple(t for t in pattern.tokens[0] if t is not test)
            for value in test.filed_under():
                by_column.setdefault(test.column, {}).setdefault(value, []).append((pattern, rest))
        self.filed = sorted(by_column.items())
        self.seen: dict[tuple[int, ...], tuple[Pattern, ...]] = {}

    def __call__(self, doc, allow_missing: bool = False, as_spans: bool = False, **_) -> list[tuple[int, int, int]]:
        """Every match in ``doc``, in token order (the ruler sorts them itself)."""
        if not len(doc):
            return []
        if not self.columns:  # patterns that test nothing ([{}]): every token is the same row
            rows = [()] * len(doc)
        else:
            rows = list(zip(*doc.to_array(self.columns).reshape(len(doc), -1).T.tolist()))
        out = []
        for i, row in enumerate(rows):
            starting = self.seen.get(row)
            if starting is None:
                starting = self._starting(row)
            for pattern in starting:
                n = len(pattern.tokens)
                if n == 1 or pattern.later_match(rows, i):
                    out.append((pattern.key, i, i + n))
        return out

    def _starting(self, row: tuple[int, ...]) -> tuple[Pattern, ...]:
        """The patterns whose first token a token of attribute values ``row`` matches, remembered:
        a token's values recur ("the", ",", "said"), and they alone decide this."""
        if len(self.seen) >= SEEN_ROWS:
            self.seen.clear()
        found = [pattern for column, filed in self.filed for pattern, rest in filed.get(row[column], ())
                 if all(t.passes(row) for t in rest)]
        found += [pattern for pattern, rest in self.unfiled if all(t.passes(row) for t in rest)]
        self.seen[row] = starting = tuple(found)
        return starting

    def __getattr__(self, name):
        if name == "original":  # not set yet (a copy being built): no Matcher to ask
            raise AttributeError(name)
        return getattr(self.original, name)

    def __len__(self) -> int:
        return len(self.original)


def _tests(spec: dict, strings, columns: list[str]) -> tuple[Test, ...] | None:
    """The tests of one token of a pattern, or None when it uses anything but plain tests."""
    tests = []
    for attr, wanted in spec.items():
        attr = attr.upper()
        if attr not in ATTRIBUTES:
            return None
        if attr not in columns:
            columns.append(attr)
        column = columns.index(attr)
        if isinstance(wanted, dict):
            if len(wanted) != 1 or next(iter(wanted)) not in (*SET_TESTS, REGEX):
                return None
            (test, values), = wanted.items()
            if test == REGEX:
                if attr in ("IS_SPACE",) or not isinstance(values, str):
                    return None
                tests.append(Test(column, set_test=REGEX, regex=values, strings=strings))
                continue
            tests.append(Test(column, set_test=test, values=frozenset(_value(v, strings) for v in values)))
        elif isinstance(wanted, (str, bool)):
            tests.append(Test(column, value=_value(wanted, strings)))
        else:
            return None
    return tuple(tests)


def _value(wanted: str | bool, strings) -> int:
    """The number ``to_array`` gives for an attribute value: a string's hash, a flag's 0 or 1."""
    return int(wanted) if isinstance(wanted, bool) else strings[wanted]


def lookup_matcher(matcher, keyed_patterns: Iterable[tuple[str, list[list[dict]]]], strings) -> LookupMatcher | None:
    """A LookupMatcher for ``matcher``, whose patterns are ``keyed_patterns`` (key string, its
    token patterns), or None when some pattern is not a plain one (see the module docstring)."""
    columns: list[str] = []
    patterns = []
    for key, token_patterns in keyed_patterns:
        for token_pattern in token_patterns:
            tokens = [_tests(spec, strings, columns) for spec in token_pattern]
            if not tokens or any(t is None for t in tokens):
                return None
            patterns.append(Pattern(strings[key], tuple(tokens)))
    order = sorted(columns, key=ATTRIBUTES.index)  # filing prefers the earlier attributes
    remap = {columns.index(attr): order.index(attr) for attr in columns}
    patterns = [Pattern(p.key, tuple(tuple(replace(t, column=remap[t.column]) for t in spec) for spec in p.tokens))
                for p in patterns]
    return LookupMatcher(matcher, patterns, tuple(order))
