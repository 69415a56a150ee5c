"""Declared fields: the one validation mechanism of site.toml, actors.toml and front matter.

A schema is a frozen dataclass whose fields are the keys it allows. A field's type hint is
the key's type, its default the key's default (no default: the key is required), and
:func:`key` adds what only a person can say: a line of documentation and a check of the
value's meaning. A plain field (``per_page: int = 20``) is validated by its type alone, so
adding a key is one line; adding ``key(..., check=at_least(1))`` makes it checked by meaning.

:func:`validate` reads a parsed table (TOML or YAML) against a schema: every unknown key
(with a did-you-mean), wrong type, failed check and missing required key becomes an
:class:`Invalid` naming the key, all of them collected in one pass, so the caller reports
every error at once, prefixed with its file and entry.

Types understood: ``str``, ``int`` (not ``bool``), ``float`` (an int is accepted),
``bool``, ``datetime.date``, ``Literal[...]``, ``X | None``, ``tuple[X, ...]`` (a list),
``dict[str, X]`` (a table of values) and another schema dataclass (a sub-table).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import reprlib
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable, Literal

#: A check of a value's meaning: None when it is fine, else what it must be ("must be at least 1").
Check = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Invalid:
    """One validation error: the dotted key it is about ("nlp.batch_size") and the message naming it."""

    key: str
    message: str

    def __str__(self) -> str:
        return self.message


def key(default: Any = dataclasses.MISSING, *, doc: str = "", check: Check | None = None,
        each: Check | None = None, parse: Callable[[Any], Any] | None = None,
        default_factory: Any = dataclasses.MISSING) -> Any:
    """A declared key: a dataclass field with its documentation and checks in its metadata.

    ``check`` judges the whole value after its type is right; ``each`` judges every item of a
    list or every value of a table; ``parse`` replaces the type check where a key accepts
    several forms (a date as text or as a TOML date): it returns the value or raises
    ValueError with what the value must be.
    """
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata={"doc": doc, "check": check, "each": each, "parse": parse})


def show(value: Any) -> str:
    """``value`` for a message, cut short: a hostile file's value never floods the log."""
    return _REPR.repr(value)


_REPR = reprlib.Repr(maxlevel=2, maxstring=60, maxother=60, maxlist=6, maxdict=6)


def unknown_key(name: str, allowed: typing.Iterable[str], prefix: str = "", list_allowed: bool = True) -> str:
    """The message for an unknown key: a did-you-mean where one allowed key is close, else the
    allowed keys (unless ``list_allowed`` is off: a message before this one listed them)."""
    allowed = sorted(allowed)
    close = difflib.get_close_matches(str(name).replace("-", "_").lower(), allowed, n=1, cutoff=0.6)
    hint = f" (did you mean '{prefix}{close[0]}'?)" if close else \
        f"; allowed: {', '.join(allowed)}" if list_allowed else ""
    return f"unknown key '{prefix}{key_text(name)}'{hint}"


def key_text(name: Any) -> str:
    """A key as a message shows it: as written where it is a short line, else escaped and cut short."""
    if isinstance(name, str) and len(name) <= 60 and name.isprintable():
        return name
    return (repr(name)[1:-1] if isinstance(name, str) else show(name))[:60]


def validate(schema: type, data: Any, prefix: str = "", errors: list[Invalid] | None = None) -> dict[str, Any]:
    """The accepted values of table ``data`` by field name, checked against dataclass ``schema``.

    Every problem is appended to ``errors`` (a key with a problem is left out of the result);
    sub-tables come back as instances of their schema where they are wholly valid.
    """
    errors = [] if errors is None else errors
    if not isinstance(data, dict):
        errors.append(Invalid(prefix.rstrip("."), f"'{prefix.rstrip('.')}' must be a table, not {show(data)}"))
        return {}
    hints = typing.get_type_hints(schema)
    fields = {f.name: f for f in dataclasses.fields(schema) if f.init}
    out: dict[str, Any] = {}
    listed = False  # the allowed keys are listed once per table, not after every unknown key
    for name, value in data.items():
        where = f"{prefix}{key_text(name)}"
        f = fields.get(name) if isinstance(name, str) else None
        if f is None:
            errors.append(Invalid(where, message := unknown_key(name, fields, prefix, not listed)))
            listed = listed or "; allowed: " in message
            continue
        ok, value = _value(hints[name], f.metadata, value, where, errors)
        if ok:
            out[name] = value
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if required and name not in data:
            note = f.metadata.get("doc", "")
            errors.append(Invalid(prefix + name, f"missing key '{prefix}{name}'" + (f" ({note})" if note else "")))
    return out


def _value(hint: Any, meta: typing.Mapping[str, Any], value: Any, where: str,
           errors: list[Invalid]) -> tuple[bool, Any]:
    """(True, the accepted value) or (False, None) with the errors appended."""
    n = len(errors)
    if meta.get("parse"):
        try:
            value = meta["parse"](value)
        except ValueError as e:
            errors.append(Invalid(where, f"'{where}' {e}"))
            return False, None
    else:
        value = _typed(hint, value, where, errors, meta.get("each"))
    if len(errors) > n:
        return False, None
    check = meta.get("check")
    problem = check(value) if check and value is not None else None
    if problem:
        errors.append(Invalid(where, f"'{where}' {problem}"))
        return False, None
    return True, value


def _typed(hint: Any, value: Any, where: str, errors: list[Invalid], each: Check | None = None) -> Any:
    """``value`` as type ``hint`` (tuples for lists, schema instances for tables); errors appended."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        for option in options:  # the first type the value fits; its own errors where there is one type
            tried: list[Invalid] = []
            typed = _typed(option, value, where, tried, each)
            if not tried or len(options) == 1:
                errors.extend(tried)
                return typed
        errors.append(Invalid(where, f"'{where}' must be {' or '.join(type_name(o) for o in options)}, "
                                     f"not {show(value)}"))
        return None
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            errors.append(Invalid(where, f"'{where}' must be a table [{where}], not {show(value)}"))
            return None
        n = len(errors)
        values = validate(hint, value, where + ".", errors)
        return hint(**values) if len(errors) == n else None
    if origin is dict:
        if not isinstance(value, dict):
            errors.append(Invalid(where, f"'{where}' must be a table [{where}], not {show(value)}"))
            return None
        out = {}
        for k, v in value.items():
            ok, v = _value(args[1], {"check": each}, v, f"{where}.{k}", errors)
            if ok:
                out[str(k)] = v
        return out
    if origin is tuple:
        if not isinstance(value, list):
            errors.append(Invalid(where, f"'{where}' must be {type_name(hint)}, not {show(value)}"))
            return None
        items = [_value(args[0], {"check": each}, v, f"{where}[{i}]", errors) for i, v in enumerate(value)]
        return tuple(v for _, v in items)
    if origin is Literal:
        if not any(type(value) is type(a) and value == a for a in args):
            errors.append(Invalid(where, f"'{where}' must be {type_name(hint)}, not {show(value)}"))
            return None
        return value
    if not _is_a(value, hint):
        errors.append(Invalid(where, f"'{where}' must be {type_name(hint)}, not {show(value)}"))
        return None
    return float(value) if hint is float else value


def _is_a(value: Any, hint: Any) -> bool:
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:  # a TOML or YAML date; a datetime is not a day
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, hint) if isinstance(hint, type) else True


def type_name(hint: Any) -> str:
    """How a message names type ``hint``: "an integer", "a list of strings", "one of 'a', 'b'"."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        return f"a list of {_PLURAL.get(args[0], 'values')}"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    return _NAMES.get(hint, getattr(hint, "__name__", str(hint)))


_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
          dt.date: "a date (2022-01-13)"}
_PLURAL = {str: "strings", int: "integers", float: "numbers"}


# Checks, each a small function returning None or what the value must be.

def at_least(low: int | float) -> Check:
    """A number of at least ``low``."""
    return lambda v: None if v >= low else f"must be at least {low}"


def between(low: int | float, high: int | float) -> Check:
    """A number from ``low`` to ``high``, both included."""
    return lambda v: None if low <= v <= high else (
        f"must be at least {low}" if v < low else f"must be at most {high} ({v})")


def one_of(choices: typing.Iterable[str]) -> Check:
    """One of ``choices``."""
    choices = tuple(choices)
    return lambda v: None if v in choices else f"must be one of {', '.join(choices)}, not {show(v)}"


def matches(pattern: str, what: str) -> Check:
    """A string that matches ``pattern`` in full, described as ``what``."""
    regex = re.compile(pattern)
    return lambda v: None if regex.fullmatch(v) else f"must be {what}, not {show(v)}"


def all_of(*checks: Check) -> Check:
    """Every one of ``checks``; the first that fails speaks."""
    return lambda v: next((p for c in checks if (p := c(v))), None)


#: Characters no one-line value holds: the C0 controls (line breaks among them), DEL, and
#: Unicode's own line breaks (NEL, U+2028, U+2029). The other C1 characters are left to ftfy:
#: mojibake ("donâ\x80\x99t") is common in scraped titles and names and is repaired, not refused.
CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(v: str) -> str | None:
    """A non-empty string on one line, without control characters."""
    if not v.strip():
        return "must be a non-empty string"
    return f"must be one line without control characters, not {show(v)}" if CONTROL.search(v) else None
