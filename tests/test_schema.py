"""The one validation mechanism: declared keys, their types and checks, every error at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pytest

from archivist.schema import Invalid, at_least, between, key, one_line, one_of, show, unknown_key, validate


@dataclass(frozen=True)
class Inner:
    size: int = key(1, check=at_least(1))


def _even(value: int) -> int:
    if not isinstance(value, int) or value % 2:
        raise ValueError(f"must be an even number, not {show(value)}")
    return value


@dataclass(frozen=True)
class Sample:
    name: str = key(doc="what it is called", check=one_line)
    ratio: float = key(0.5, check=between(0, 1))
    day: dt.date | None = None
    mode: Literal["a", "b"] = "a"
    kind: str = key("x", check=one_of(("x", "y")))
    tags: tuple[str, ...] = key((), each=one_line)
    names: dict[str, str] = key(default_factory=dict, each=one_line)
    inner: Inner = key(default_factory=Inner)
    even: int = key(0, parse=_even)
    flag: bool = False


def run(data):
    errors: list[Invalid] = []
    values = validate(Sample, data, "", errors)
    return values, [str(e) for e in errors]


def test_good_values_come_back_typed():
    values, errors = run({"name": "N", "ratio": 1, "day": dt.date(2022, 1, 1), "mode": "b", "tags": ["t"],
                          "names": {"k": "v"}, "inner": {"size": 3}, "even": 4, "flag": True})
    assert errors == []
    assert Sample(**values) == Sample("N", 1.0, dt.date(2022, 1, 1), "b", "x", ("t",), {"k": "v"}, Inner(3), 4, True)
    assert isinstance(values["ratio"], float)


@pytest.mark.parametrize("data, error", [
    ({}, "missing key 'name' (what it is called)"),
    ({"nmae": "N"}, "unknown key 'nmae' (did you mean 'name'?)"),
    ({"zzz": 1}, "unknown key 'zzz'; allowed: day, even, flag, inner, kind, mode, name, names, ratio, tags"),
    ({"name": 3}, "'name' must be a string, not 3"),
    ({"name": " "}, "'name' must be a non-empty string"),
    ({"ratio": True}, "'ratio' must be a number, not True"),
    ({"ratio": 2}, "'ratio' must be at most 1 (2.0)"),
    ({"day": dt.datetime(2022, 1, 1)}, "'day' must be a date (2022-01-13), not datetime.datetime(2022, 1, 1, 0, 0)"),
    ({"mode": "c"}, "'mode' must be one of 'a', 'b', not 'c'"),
    ({"kind": "z"}, "'kind' must be one of x, y, not 'z'"),
    ({"tags": "t"}, "'tags' must be a list of strings, not 't'"),
    ({"tags": ["ok", ""]}, "'tags[1]' must be a non-empty string"),
    ({"names": {"k": 1}}, "'names.k' must be a string, not 1"),
    ({"names": []}, "'names' must be a table [names], not []"),
    ({"inner": {"size": 0}}, "'inner.size' must be at least 1"),
    ({"inner": {"sise": 2}}, "unknown key 'inner.sise' (did you mean 'inner.size'?)"),
    ({"inner": 3}, "'inner' must be a table [inner], not 3"),
    ({"even": 3}, "'even' must be an even number, not 3"),
    ({"flag": 1}, "'flag' must be true or false, not 1"),
    ({7: 1}, "unknown key '7'; allowed: day, even, flag, inner, kind, mode, name, names, ratio, tags"),
])
def test_each_error_names_its_key(data, error):
    _, errors = run({"name": "N", **data} if "name" not in data and data else data)
    assert errors == [error]


def test_every_error_at_once_in_file_order():
    _, errors = run({"ratio": -1, "zzz": 1, "inner": {"size": 0}})
    assert errors == ["'ratio' must be at least 0", "unknown key 'zzz'; allowed: day, even, flag, inner, kind, "
                      "mode, name, names, ratio, tags", "'inner.size' must be at least 1",
                      "missing key 'name' (what it is called)"]


def test_a_hostile_value_is_shown_short():
    shared = [1]
    for _ in range(30):
        shared = [shared, shared]  # YAML anchors: 2**30 leaves, printed in full would never end
    _, errors = run({"name": "N", "tags": shared})
    assert len(errors[0]) < 100
    assert len(show("x" * 10_000)) < 80


def test_unknown_key_prefix():
    assert unknown_key("modle", ["model", "batch_size"], "nlp.") == "unknown key 'nlp.modle' (did you mean 'nlp.model'?)"


@pytest.mark.parametrize("text, ok", [
    ("Plain", True), ("Don\u00e2\u0080\u0099t", True),  # mojibake: ftfy's to repair, not refused
    ("a\nb", False), ("a\rb", False), ("a\tb", False), ("a\x1bb", False), ("a\x7fb", False), ("a\x85b", False),
    ("a\u2028b", False), ("", False), ("  ", False),
])
def test_one_line(text, ok):
    assert (one_line(text) is None) == ok


def test_the_allowed_keys_are_listed_once_per_table():
    _, errors = run({"name": "N", "zzz": 1, "yyy": 2, "nmae": 3})
    assert errors == ["unknown key 'zzz'; allowed: day, even, flag, inner, kind, mode, name, names, ratio, tags",
                      "unknown key 'yyy'", "unknown key 'nmae' (did you mean 'name'?)"]


@dataclass(frozen=True)
class Either:
    limit: int | str = 0


@pytest.mark.parametrize("value, error", [(3, None), ("all", None), (2.5, "'limit' must be an integer or a string, not 2.5")])
def test_a_union_takes_the_first_type_that_fits(value, error):
    errors: list[Invalid] = []
    values = validate(Either, {"limit": value}, "", errors)
    assert [str(e) for e in errors] == ([error] if error else []) and values == ({} if error else {"limit": value})


def test_a_hostile_key_is_shown_escaped_and_short():
    _, errors = run({"name": "N", "a\nb\x1b[31m" + "x" * 100: 1})
    assert errors[0].startswith("unknown key 'a\\nb\\x1b[31mxxx") and "\n" not in errors[0]
    assert len(errors[0].split(";")[0]) < 80
