"""The editor file ``actors.toml``: the site owner's corrections to the actor pages.

Aggregation (``archivist.actors``) decides on its own which names are one actor; this
file, at the site root beside ``site.toml``, overrides it. It is optional; editing it
takes effect at the next build without re-annotating, because aggregation is a pure
function of the cached annotations and this file. Every entry is one ``[[actor]]`` table::

    [[actor]]
    name = "Dmitry Peskov"                 # required: the page's name (and a name that is matched)
    aliases = ["Dmitri Peskov", "Peskov"]  # other names that are the same actor: merges them into this page
    kind = "person"                        # person | organisation | place | other (default: majority of mentions)
    description = "Kremlin spokesman"      # one line shown on the page
    wikipedia = "https://en.wikipedia.org/wiki/Dmitry_Peskov"
    wikidata = "https://www.wikidata.org/wiki/Q4150467"
    website = "https://example.org/"       # any of the three link keys, each optional
    id = "dmitry-peskov"                   # the page's URL slug (default: from the name)
    hide = false                           # true: no page and no links for these names (junk, private people)

    [[actor]]                              # split one name into two by context
    name = "Boris Johnson (footballer)"
    aliases = ["Boris Johnson"]
    when = { outlet = "bbc.co.uk" }        # also before = 2010-01-01, after = "2010-01-01", outlet = [..]

Names are matched the way aggregation compares names: case, accents, punctuation,
possessives, leading "the" and titles do not matter ("the U.S." = "US" = "United States").
An entry with ``when`` claims its names only in the articles that satisfy every condition
(``outlet``: the article's outlet is, or is a subdomain of, one of those given; ``before``/``after``:
the article's date is strictly before / on or after that day; undated articles match neither);
elsewhere those names are aggregated as usual. Conditional entries are tried in file order
before unconditional ones; two unconditional entries may not claim the same name.

Errors (unknown keys, wrong types, a missing name, a bad kind, URL or date, a name claimed
twice) are all reported at once by :class:`EditorError`, naming the file, the entry and the key.
Names that match nothing in the archive are warnings, not errors (see ``actors.editor_warnings``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archivist.config import ConfigError
from archivist.models import KINDS, Article
from archivist.text.names import name_key

#: The editor file's name, at the site root.
EDITOR_FILE = "actors.toml"

#: Link keys of an entry, in the order pages show them, with their labels.
LINK_KEYS = (("wikipedia", "Wikipedia"), ("wikidata", "Wikidata"), ("website", "Website"))

_ENTRY_KEYS = {"name": str, "aliases": list, "kind": str, "description": str, "id": str, "hide": bool,
               "when": dict, **{k: str for k, _ in LINK_KEYS}}
_WHEN_KEYS = ("outlet", "before", "after")


class EditorError(ConfigError):
    """actors.toml is unreadable or invalid; ``errors`` lists every problem found."""


@dataclass(frozen=True)
class EditorEntry:
    """One ``[[actor]]`` table of the editor file (see the module docstring for each key)."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    description: str | None = None
    links: tuple[tuple[str, str], ...] = ()  # (label, url), in LINK_KEYS order
    id: str | None = None
    hide: bool = False
    outlets: tuple[str, ...] = ()  # when.outlet, lower-case
    before: dt.date | None = None
    after: dt.date | None = None
    index: int = 0  # position in the file, 1-based, for messages

    @property
    def conditional(self) -> bool:
        """True if the entry has a ``when`` table: it claims its names only in some articles."""
        return bool(self.outlets) or self.before is not None or self.after is not None

    @property
    def names(self) -> tuple[str, ...]:
        """The name and the aliases: every name the entry claims."""
        return (self.name, *self.aliases)

    @property
    def label(self) -> str:
        """How messages refer to the entry: ``actor[2] "Dmitry Peskov"``."""
        return f'actor[{self.index}] "{self.name}"'

    def applies_to(self, article: Article) -> bool:
        """True if ``article`` satisfies every condition of the entry's ``when`` table."""
        if self.outlets:
            outlet = (article.outlet or "").lower()
            if not any(outlet == o or outlet.endswith("." + o) for o in self.outlets):
                return False
        if self.before is not None and (article.date is None or article.date >= self.before):
            return False
        if self.after is not None and (article.date is None or article.date < self.after):
            return False
        return True


@dataclass(frozen=True)
class EditorFile:
    """The parsed ``actors.toml``: its entries in file order."""

    path: str
    entries: tuple[EditorEntry, ...] = ()


def load_editor_file(site_dir: Path) -> EditorFile | None:
    """Read ``site_dir/actors.toml``; None when the site has none. Raises EditorError when invalid."""
    path = Path(site_dir) / EDITOR_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise EditorError(path, [f"not valid TOML: {e}"]) from None
    return parse_editor_file(data, str(path))


def parse_editor_file(data: dict[str, Any], source: str = EDITOR_FILE) -> EditorFile:
    """A validated EditorFile from parsed TOML ``data``; raises EditorError listing every problem."""
    errors: list[str] = []
    for key in data:
        if key != "actor":
            hint = " (did you mean 'actor'?)" if key.rstrip("s") == "actor" else ""
            errors.append(f"unknown key '{key}'{hint}: the file holds only [[actor]] tables")
    tables = data.get("actor", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        errors.append("'actor' must be an array of tables: write each entry as [[actor]]")
        tables = []
    entries = [e for i, table in enumerate(tables, 1) if (e := _parse_entry(table, i, errors)) is not None]
    _check_claims(entries, errors)
    if errors:
        raise EditorError(source, errors)
    return EditorFile(source, tuple(entries))


def _parse_entry(table: dict[str, Any], index: int, errors: list[str]) -> EditorEntry | None:
    """One validated entry, or None (with errors appended) when it is unusable."""
    where = f"actor[{index}]" + (f' "{table["name"]}"' if isinstance(table.get("name"), str) else "")
    n_errors = len(errors)
    values: dict[str, Any] = {}
    for key, value in table.items():
        expected = _ENTRY_KEYS.get(key)
        if expected is None:
            close = [k for k in _ENTRY_KEYS if k.startswith(key[:3].lower())]
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            errors.append(f"{where}: unknown key '{key}'{hint}; allowed: {', '.join(sorted(_ENTRY_KEYS))}")
        elif not isinstance(value, expected) or (expected is str and not value.strip()):
            errors.append(f"{where}: '{key}' must be {_type_name(expected)}, not {value!r}")
        else:
            values[key] = value
    if "name" not in table:
        errors.append(f"{where}: missing key 'name'")
    aliases = values.get("aliases", [])
    if any(not isinstance(a, str) or not a.strip() for a in aliases):
        errors.append(f"{where}: 'aliases' must be a list of names (strings), not {aliases!r}")
    if "kind" in values and values["kind"] not in KINDS:
        errors.append(f"{where}: 'kind' must be one of {', '.join(KINDS)}, not {values['kind']!r}")
    for key, _ in LINK_KEYS:
        if key in values and not values[key].startswith(("http://", "https://")):
            errors.append(f"{where}: '{key}' must be an http(s):// URL, not {values[key]!r}")
    if "id" in values and not _is_slug(values["id"]):
        errors.append(f"{where}: 'id' must be a URL slug (lower-case letters, digits, hyphens), not {values['id']!r}")
    when = _parse_when(values.get("when", {}), where, errors)
    if len(errors) > n_errors:
        return None
    return EditorEntry(
        name=values["name"].strip(), aliases=tuple(a.strip() for a in aliases), kind=values.get("kind"),
        description=values.get("description"), id=values.get("id"), hide=values.get("hide", False),
        links=tuple((label, values[key]) for key, label in LINK_KEYS if key in values), index=index, **when)


def _parse_when(when: dict[str, Any], where: str, errors: list[str]) -> dict[str, Any]:
    """The ``when`` table as EditorEntry fields (outlets, before, after)."""
    out: dict[str, Any] = {}
    for key, value in when.items():
        if key not in _WHEN_KEYS:
            errors.append(f"{where}: unknown key 'when.{key}'; allowed: {', '.join(_WHEN_KEYS)}")
        elif key == "outlet":
            outlets = [value] if isinstance(value, str) else value
            if not isinstance(outlets, list) or not outlets or not all(isinstance(o, str) and o for o in outlets):
                errors.append(f"{where}: 'when.outlet' must be an outlet name or a list of them, not {value!r}")
            else:
                out["outlets"] = tuple(o.strip().lower().removeprefix("www.") for o in outlets)
        else:
            day = value.date() if isinstance(value, dt.datetime) else value
            if isinstance(day, str):
                try:
                    day = dt.date.fromisoformat(day)
                except ValueError:
                    day = None
            if not isinstance(day, dt.date):
                errors.append(f"{where}: 'when.{key}' must be a date (2010-01-01), not {value!r}")
            else:
                out[key] = day
    return out


def _check_claims(entries: list[EditorEntry], errors: list[str]) -> None:
    """Two unconditional entries claiming one name (after normalisation) are an error."""
    owner: dict[str, EditorEntry] = {}
    for entry in entries:
        if entry.conditional:
            continue
        for name in dict.fromkeys(name_key(n) for n in entry.names):
            other = owner.setdefault(name, entry)
            if other is not entry:
                errors.append(f"{entry.label}: the name {name!r} is already claimed by {other.label}; "
                              "merge the two entries or give one a 'when' condition")


def _is_slug(text: str) -> bool:
    return bool(text) and all(c.isascii() and (c.isalnum() and not c.isupper() or c == "-") for c in text) \
        and not text.startswith("-") and not text.endswith("-")


def _type_name(t: type) -> str:
    return {str: "a non-empty string", list: "a list", bool: "true or false",
            dict: "a table, e.g. { outlet = \"bbc.co.uk\" }"}.get(t, t.__name__)
