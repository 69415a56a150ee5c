"""The editor file ``actors.toml``: the site owner's corrections to the actor pages.

Aggregation (``aggregate.actors``) decides on its own which names are one actor; this
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
twice) are all reported at once by :class:`EditorError`, naming the file, the entry and the key;
an entry's keys are declared in :class:`ActorTable` and checked by ``archivist.schema``, the one
validation mechanism that site.toml and front matter use too.
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
from archivist.schema import Invalid, key, matches, one_line, one_of, show, unknown_key, validate
from archivist.text.names import name_key

#: The editor file's name, at the site root.
EDITOR_FILE = "actors.toml"

#: Link keys of an entry, in the order pages show them, with their labels.
LINK_KEYS = (("wikipedia", "Wikipedia"), ("wikidata", "Wikidata"), ("website", "Website"))



def _http_url(value: str) -> str | None:
    return None if value.startswith(("http://", "https://")) and not one_line(value) and " " not in value \
        else f"must be an http(s):// URL, not {show(value)}"


def _outlets(value: Any) -> tuple[str, ...]:
    """``when.outlet``: an outlet or a list of them, lower-case, without "www."."""
    outlets = [value] if isinstance(value, str) else value
    if not isinstance(outlets, list) or not outlets or not all(isinstance(o, str) and o.strip() for o in outlets):
        raise ValueError(f"must be an outlet name or a list of them, not {show(value)}")
    return tuple(o.strip().lower().removeprefix("www.") for o in outlets)


def _day(value: Any) -> dt.date:
    """``when.before`` and ``when.after``: a TOML date, a datetime's day, or "2010-01-01"."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            pass
    if not isinstance(day, dt.date):
        raise ValueError(f"must be a date (2010-01-01), not {show(value)}")
    return day


@dataclass(frozen=True)
class WhenTable:
    """An entry's ``when`` table: the articles in which it claims its names."""

    outlet: tuple[str, ...] = key((), doc="the article's outlet is, or is a subdomain of, one of these",
                                  parse=_outlets)
    before: dt.date | None = key(None, doc="the article's date is strictly before this day", parse=_day)
    after: dt.date | None = key(None, doc="the article's date is on or after this day", parse=_day)


@dataclass(frozen=True)
class ActorTable:
    """One ``[[actor]]`` table as written: its declared keys (see the module docstring)."""

    name: str = key(doc="the page's name", check=one_line)
    aliases: tuple[str, ...] = key((), doc="other names of the same actor", each=one_line)
    kind: str | None = key(None, doc="person, organisation, place, group or other", check=one_of(KINDS))
    description: str | None = key(None, doc="one line shown on the page", check=one_line)
    wikipedia: str | None = key(None, check=_http_url)
    wikidata: str | None = key(None, check=_http_url)
    website: str | None = key(None, check=_http_url)
    id: str | None = key(None, doc="the page's URL slug", check=matches(
        r"[a-z0-9]+(-[a-z0-9]+)*", "a URL slug (lower-case letters, digits, hyphens)"))
    hide: bool = key(False, doc="no page and no links for these names")
    when: WhenTable = key(default_factory=WhenTable)


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
    except OSError as e:
        raise EditorError(path, [f"cannot read: {e.strerror or e}"]) from None
    except UnicodeDecodeError as e:
        raise EditorError(path, [f"not valid TOML: not UTF-8 ({e.reason} at byte {e.start})"]) from None
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        raise EditorError(path, [f"not valid TOML: {e or 'nested too deeply'}"]) from None
    return parse_editor_file(data, str(path))


def parse_editor_file(data: dict[str, Any], source: str = EDITOR_FILE) -> EditorFile:
    """A validated EditorFile from parsed TOML ``data``; raises EditorError listing every problem."""
    errors: list[str] = []
    for name in data:
        if name != "actor":
            errors.append(f"{unknown_key(name, ['actor']).split(';')[0]}: the file holds only [[actor]] tables")
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
    """One validated entry, or None (with errors appended, each naming the entry) when it is unusable."""
    name = table.get("name")
    where = f"actor[{index}]" + (f' "{name[:60]}"' if isinstance(name, str) and not one_line(name) else "")
    found: list[Invalid] = []
    values = validate(ActorTable, table, "", found)
    errors.extend(f"{where}: {e}" for e in found)
    if found:
        return None
    entry = ActorTable(**values)
    return EditorEntry(
        name=entry.name.strip(), aliases=tuple(a.strip() for a in entry.aliases), kind=entry.kind,
        description=entry.description, id=entry.id, hide=entry.hide,
        links=tuple((label, getattr(entry, k)) for k, label in LINK_KEYS if getattr(entry, k) is not None),
        outlets=entry.when.outlet, before=entry.when.before, after=entry.when.after, index=index)


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
