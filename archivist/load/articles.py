"""Load stage: read the articles of ``content/`` into ``Article`` records.

Two formats:
- ``.txt``: line 1 title, line 2 date ``YYYYMMDD``, line 3 source URL (or the archive's
  own identifier in one word, or empty), then one paragraph a line (blank lines are skipped);
- ``.md``: TOML (``+++``) or YAML (``---``) front matter with title, date, url,
  outlet, authors, tags, draft, slug, credit (declared in :class:`FrontMatter`); then a Markdown body.

A bad file never costs the others: it becomes a ``Problem`` naming the file and
line, and the caller decides whether to skip it or fail the build (``--strict``).
Bad means anything a file can be: not a regular file (a folder, a FIFO), unreadable, larger
than ``max_article_bytes``, binary or with control characters anywhere, not UTF-8, broken
front matter, a date that does not exist, a symbolic link out of the site folder
(read only with ``follow_external_links``). Nothing is read through a link before it is judged.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import importlib.metadata
import json
import os
import re
import stat
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence
from urllib.parse import urlsplit

import yaml

from archivist.load.markdown import parse_markdown
from archivist.models import Article
from archivist.schema import CONTROL, Invalid, key, one_line, show, validate
from archivist.text.slug import slugify
from archivist.text.web import outlet_from_url

SUFFIXES = (".txt", ".md", ".markdown")
#: The largest article file read, in bytes, unless site.toml's ``max_article_bytes`` says otherwise.
MAX_ARTICLE_BYTES = 20_000_000
#: Characters no article holds: the C0 controls but tab and line breaks, DEL, and the two
#: noncharacters XML refuses. They would make the feed and sitemap ill-formed XML, and NUL
#: is the body skeleton's placeholder mark (see ``load.markdown``).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
#: Byte order marks of encodings an article is not in, and their names for the message.
_OTHER_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
               (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass(frozen=True)
class Problem:
    """A file that could not be read as an article, and why."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(ValueError):
    """An article file is invalid; carries the line where that is known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Loaded:
    """The result of the load stage: the good articles, and a Problem for each bad file."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def credit_for(url: str | None) -> str | None:
    """The licence credit an article's source demands (Wikinews: CC BY 2.5), or None."""
    host = outlet_from_url(url) or ""
    if host == "wikinews.org" or host.endswith(".wikinews.org"):
        return "Wikinews, CC BY 2.5"
    return None


def parse_date(value: Any, line: int | None = None) -> dt.date:
    """A date from ``YYYYMMDD``, ``YYYY-MM-DD``, an ISO datetime, or a TOML/YAML date or datetime."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except (ValueError, TypeError):
            pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except (ValueError, TypeError):
        raise ContentError(f"bad date {show(text if text is not None else value)}: expected YYYYMMDD or "
                           "YYYY-MM-DD, a day that exists", line) from None


def check_url(value: str, line: int | None = None) -> str:
    """``value`` if it is an http(s) URL with a host, else a ContentError."""
    value = value.strip()
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (reading it raises ValueError for a port out of range)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a bad port or IPv6 literal
        ok = False
    if not ok or any(c.isspace() for c in value) or _CONTROL.search(value):
        raise ContentError(f"bad source URL {show(value)}: expected http(s)://host/...", line)
    return value


def decode(data: bytes) -> str:
    """The UTF-8 text of a file, with ``\\n`` line ends; binary data, control characters and
    other encodings are a ContentError with the line."""
    bom = next((name for mark, name in _OTHER_BOMS if data.startswith(mark)), None)
    if bom:
        raise ContentError(f"{bom} text, not UTF-8: save the article as UTF-8", 1)
    if b"\x00" in data:
        raise ContentError("binary file (a NUL byte), not a text article", data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ContentError(f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise ContentError(f"control character U+{ord(bad.group()):04X} at column {column}: an article holds "
                           "text only", line)
    if not text.strip():
        raise ContentError("empty file", 1)
    return text


def read_text_article(text: str, stem: str) -> dict[str, Any]:
    """The fields of a plain-text article (title, date, source URL or identifier, then a paragraph a line)."""
    lines = text.split("\n")
    if not lines or not lines[0].strip():
        raise ContentError("no title on line 1", 1)
    if len(lines) < 2 or not lines[1].strip():
        raise ContentError("no date on line 2 (expected YYYYMMDD)", 2)
    if not re.fullmatch(r"\d{8}", lines[1].strip()):
        raise ContentError(f"bad date {show(lines[1].strip())} on line 2: expected YYYYMMDD", 2)
    date = parse_date(lines[1].strip(), 2)
    url, reference = _source_line(lines[2].strip() if len(lines) > 2 else "")
    paragraphs = [line.rstrip() for line in lines[3:] if line.strip()]
    if not paragraphs:
        raise ContentError("no text after line 3", len(lines))
    return {"title": lines[0].strip(), "date": date, "url": url, "text": "\n".join(paragraphs),
            "format": "txt", "slug": stem, "reference": reference}


def _source_line(value: str) -> tuple[str | None, str | None]:
    """(URL, identifier) from a plain-text article's line 3: an http(s) URL, an archive's own
    identifier in one word ("reuters21578/NEWID=1", "bbc-fulltext/tech/392.txt"), or nothing.
    Words with spaces are a ContentError: most likely a paragraph where the URL was left out."""
    if not value:
        return None, None
    if "://" in value or value.lower().startswith(("http:", "https:", "www.")):
        return check_url(value, 3), None
    if any(c.isspace() for c in value) or len(value) > 200:
        raise ContentError(f"bad source line {value[:60]!r}: expected an http(s) URL, an identifier without "
                           "spaces, or an empty line", 3)
    return None, value


def _front_date(value: Any) -> dt.date | None:
    """``date``: None where empty, else parse_date's day (a ValueError says what it must be)."""
    if value is None or value == "":
        return None
    try:
        return parse_date(value)
    except ContentError as e:
        raise ValueError(f"is a {e}") from None


def _front_url(value: Any) -> str | None:
    """``url``: None where empty, else an http(s) URL with a host."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"must be an http(s)://host/... URL, not {show(value)}")
    try:
        return check_url(value)
    except ContentError:
        raise ValueError(f"must be an http(s)://host/... URL, not {show(value)}") from None


def _front_names(value: Any) -> tuple[str, ...]:
    """``authors`` and ``tags``: one string or a list of strings."""
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(v, str) and not one_line(v) for v in names):
        raise ValueError(f"must be a string or a list of strings, each on one line, not {show(value)}")
    return tuple(v.strip() for v in names)


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown article's front matter: the keys it may hold (validated by ``archivist.schema``)."""

    title: str = key(doc="the article's headline", check=one_line)
    date: dt.date | None = key(None, doc="the day it was published", parse=_front_date)
    url: str | None = key(None, doc="the source's http(s) URL", parse=_front_url)
    outlet: str | None = key(None, doc="the outlet's name; else the URL's host", check=one_line)
    authors: tuple[str, ...] = key((), doc="a name or a list of names", parse=_front_names)
    tags: tuple[str, ...] = key((), doc="a tag or a list of tags", parse=_front_names)
    draft: bool = key(False, doc="drafts are built only with include_drafts = true")
    slug: str | None = key(None, doc="the URL segment; else the file name", check=one_line)
    credit: str | None = key(None, doc="the licence credit shown on the page", check=one_line)


class _Loader(yaml.SafeLoader):
    """YAML's safe loader with dates left as text, so that a day that does not exist
    (2022-02-30) is a message from ``parse_date`` rather than a ValueError inside PyYAML."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _load_yaml(raw: str) -> Any:
    return yaml.load(raw, Loader=_Loader)  # noqa: S506 (a SafeLoader)


def _toml_line(e: Exception) -> int | None:
    found = re.search(r"at line (\d+)", str(e))
    return int(found.group(1)) if found else None


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, the body's first line number) of a Markdown file."""
    for fence, parse in (("+++", tomllib.loads), ("---", _load_yaml)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                raise ContentError(f"front matter opened with {fence} on line 1 is never closed", 1)
            raw = text[len(fence) + 1 : end + 1]
            try:
                data = parse(raw)
            except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, TypeError, RecursionError) as e:
                mark = getattr(e, "problem_mark", None)
                line = mark.line + 2 if mark else (_toml_line(e) or 0) + 1 if _toml_line(e) else None
                why = "nested too deeply" if isinstance(e, RecursionError) else str(e).splitlines()[0]
                raise ContentError(f"bad front matter: {why}", line) from None
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise ContentError("front matter must be a table of keys", 2)
            body_start = text.find("\n", end + 1 + len(fence))
            body = text[body_start + 1 :] if body_start >= 0 else ""
            return data, body, text[: body_start + 1].count("\n") + 1
    return {}, text, 1


def _key_line(text: str, name: str) -> int | None:
    """The line of the front matter where key ``name`` is set, if it can be found."""
    top = re.split(r"[.\[]", name, maxsplit=1)[0]
    found = re.search(rf"^[ \t]*[\"']?{re.escape(top)}[\"']?[ \t]*[:=]", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def front_matter_error(errors: list[Invalid], text: str) -> ContentError:
    """One ContentError for every front matter error, at the line of the first that has one."""
    lines = [_key_line(text, e.key) for e in errors]
    line = next((n for n in lines if n), 1 if any(e.message.startswith("missing") for e in errors) else None)
    return ContentError("front matter: " + "; ".join(str(e) for e in errors), line)


def read_markdown_article(text: str, stem: str, allow_html: bool = False) -> dict[str, Any]:
    """The fields of a Markdown article with TOML or YAML front matter."""
    meta, body, _ = split_front_matter(text)
    errors: list[Invalid] = []
    values = validate(FrontMatter, meta, "", errors)
    if errors:
        raise front_matter_error(errors, text)
    front = FrontMatter(**values)
    try:
        plain, skeleton = parse_markdown(body, allow_html)
    except RecursionError:
        raise ContentError("the Markdown is nested too deeply to read") from None
    return {
        "title": front.title.strip(),
        "date": front.date,
        "url": front.url,
        "outlet": front.outlet,
        "authors": front.authors,
        "tags": front.tags,
        "draft": front.draft,
        "slug": front.slug or stem,
        "credit": front.credit,
        "format": "md",
        "text": plain,
        "skeleton": skeleton,
    }


def read_bytes(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is a ContentError.

    Opened without blocking and judged by the open file's own status, so a FIFO never
    hangs the build and a file swapped for something else after the walk is still caught.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise ContentError("a folder, not an article file (the articles inside it are read)") from None
    try:
        info = os.fstat(fd)
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), None)
        if kind:
            raise ContentError(f"{kind}, not an article file")
        if info.st_size > max_bytes:
            raise ContentError(f"{info.st_size:,} bytes, over the limit of {max_bytes:,} for one article "
                               "(max_article_bytes in site.toml)")
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(info.st_size + 1)  # the size it has, then whatever it grew by, up to the limit
            while len(data) <= max_bytes and (more := f.read(1 << 20)):
                data += more
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ContentError(f"over the limit of {max_bytes:,} bytes for one article (max_article_bytes in site.toml)")
    return data


def read_article(path: Path, rel: str, allow_html: bool = False, max_bytes: int = MAX_ARTICLE_BYTES) -> dict[str, Any]:
    """The fields of one article file (raises ContentError, or OSError where it cannot be read)."""
    return article_fields(read_bytes(path, max_bytes), path, rel, allow_html)


def article_fields(data: bytes, path: Path, rel: str, allow_html: bool = False) -> dict[str, Any]:
    """The fields of the article file ``path`` (relative name ``rel``) whose bytes are ``data``."""
    text = decode(data)
    if path.suffix.lower() == ".txt":
        fields = read_text_article(text, path.stem)
    else:
        fields = read_markdown_article(text, path.stem, allow_html)
        if not fields["text"].strip():
            raise ContentError("the article has no text")
    fields["source"] = rel
    fields.setdefault("outlet", None)
    fields["outlet"] = fields["outlet"] or outlet_from_url(fields["url"])
    fields["credit"] = fields.get("credit") or credit_for(fields["url"])
    return fields


@dataclass
class ReadMemo:
    """What each article file gave the last build, kept for the next: after one edit, one file of
    19,043 differs, and reading and parsing the others was most of the load stage (~2.5 s).

    ``digests`` maps a file's path (relative to the content folder) to the sha256 of its bytes, as
    the caller knows them without reading (the inputs digest's stat cache); ``known`` is the last
    build's ``{path: [sha256 of the bytes read, fields]}`` (JSON: ``encode_fields``), ``made`` this
    build's (``load_articles`` fills it). A file is not read where its digest is the entry's; any
    other is read, and its entry holds the digest of the bytes read then, so a file that changed
    between the caller's walk and the read is read again next time. The caller keeps the memo under
    ``memo_version``: another version of the code or of the parsers, or other limits, read afresh.
    """

    digests: Mapping[str, str]
    known: Mapping[str, Sequence] = field(default_factory=dict)
    made: dict[str, list] = field(default_factory=dict)
    reused: int = 0  #: files whose entry of ``known`` stood in for reading them


#: What an article's fields depend on besides its bytes and archivist's code: the parsers read with.
_PARSERS = ("markdown-it-py", "PyYAML")


def memo_version(code: str, allow_html: bool, max_bytes: int) -> str:
    """The tag a ``ReadMemo``'s entries are kept under: archivist's code (``code``), Python's and the
    parsers' versions, and the settings ``read_article`` takes."""
    versions = []
    for name in _PARSERS:
        try:
            versions.append(importlib.metadata.version(name))
        except importlib.metadata.PackageNotFoundError:
            versions.append("")
    return json.dumps([code, sys.version, versions, allow_html, max_bytes])


def encode_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``read_article``'s fields as JSON values: the date as ``YYYY-MM-DD``, tuples as lists."""
    return {k: v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v
            for k, v in fields.items()}


def decode_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """``encode_fields`` undone: a new dict of the fields ``read_article`` gave."""
    fields = dict(data)
    if fields.get("date") is not None:
        fields["date"] = dt.date.fromisoformat(fields["date"])
    for name in ("authors", "tags"):
        if name in fields:
            fields[name] = tuple(fields[name])
    return fields


def _remembered(path: Path, rel: str, allow_html: bool, max_bytes: int, memo: ReadMemo | None) -> dict[str, Any]:
    """``read_article``'s fields, from ``memo`` where the file's digest is its entry's."""
    if memo is None:
        return read_article(path, rel, allow_html, max_bytes)
    digest, entry = memo.digests.get(rel), memo.known.get(rel)
    if digest is not None and entry is not None and entry[0] == digest:
        memo.reused += 1
        memo.made[rel] = [entry[0], entry[1]]
        return decode_fields(entry[1])
    data = read_bytes(path, max_bytes)
    fields = article_fields(data, path, rel, allow_html)
    memo.made[rel] = [hashlib.sha256(data).hexdigest(), encode_fields(fields)]
    return fields


def _printable(name: str) -> bool:
    """True if a file name decoded from UTF-8 and holds no control character (the OS hands
    undecodable bytes over as lone surrogates, which no page, log or JSON can hold)."""
    return not CONTROL.search(name) and not any("\udc80" <= c <= "\udcff" for c in name)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(content_dir: Path, root: str, follow_external_links: bool) -> Iterator[tuple[Path, str] | Problem]:
    """Every article file under ``content_dir`` as (path, relative name), and a Problem for each
    entry refused: a link out of ``root`` (unless followed), a broken or looping link, a folder
    that cannot be listed. Hidden files and folders are skipped; no folder is entered twice."""
    seen: set[str] = set()
    stack: list[tuple[Path, tuple[str, ...]]] = [(content_dir, ())]
    name = content_dir.name
    while stack:
        folder, parts = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue  # a link back to a folder already read: a loop, or the same articles twice
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            yield Problem("/".join((name, *parts)), None, f"cannot read the folder: {e.strerror}")
            continue
        for entry in reversed(entries):  # the stack pops them in name order
            if entry.name.startswith("."):
                continue
            rel = (*parts, entry.name)
            shown = "/".join((name, *rel))
            is_article = Path(entry.name).suffix.lower() in SUFFIXES  # "X.TXT" from an old archive too
            if not _printable(entry.name):  # it would reach the log, the pages and their JSON as it is
                if is_article or entry.is_dir():
                    yield Problem("/".join((name, *parts, repr(entry.name)[1:-1])), None,
                                  "a file name that is not UTF-8 or holds control characters: rename it")
                continue
            try:
                if entry.is_symlink():
                    target = os.path.realpath(entry.path, strict=True)
                    if not _inside(target, root) and not follow_external_links:
                        if is_article or os.path.isdir(target):
                            yield Problem(shown, None, "a symbolic link to outside the site folder: not read "
                                                       "(set follow_external_links = true in site.toml to read it)")
                        continue
                is_dir = entry.is_dir()
            except OSError as e:
                if is_article:
                    why = "loops" if e.errno == errno.ELOOP else "is broken" if e.errno == errno.ENOENT else \
                        f"cannot be followed ({e.strerror})"
                    yield Problem(shown, None, f"a symbolic link that {why}")
                continue
            if is_dir:
                if is_article:
                    yield Problem(shown, None, "a folder, not an article file (the articles inside it are read)")
                stack.append((Path(entry.path), rel))
            elif is_article:
                yield Path(entry.path), "/".join(rel)


def load_articles(content_dir: Path, include_drafts: bool = False, outlets: dict[str, str] | None = None,
                  allow_html: bool = False, *, site_dir: Path | None = None, follow_external_links: bool = False,
                  max_article_bytes: int = MAX_ARTICLE_BYTES, memo: ReadMemo | None = None) -> Loaded:
    """Every article under ``content_dir``, in path order, with unique stable slugs as ids.

    The aggregate stage puts them newest first (``Archive.articles``): sorted once, there.

    ``outlets`` maps a URL host to the outlet's display name ("cbsnews.com" -> "CBS News");
    ``allow_html`` passes raw HTML in Markdown bodies through (else it shows as text).
    A symbolic link (the content folder itself, or anything in it) that resolves outside
    ``site_dir`` (default: the content folder) is a Problem unless ``follow_external_links``;
    a file over ``max_article_bytes`` is a Problem. ``memo`` spares reading the files whose bytes it
    holds the fields of (``ReadMemo``).
    """
    content_dir = Path(content_dir)
    root = os.path.realpath(site_dir if site_dir is not None else content_dir)
    if not content_dir.is_dir():
        why = "the content folder is a file, not a folder (content_dir in site.toml)" \
            if os.path.lexists(content_dir) else "content folder not found"
        return Loaded((), (Problem(str(content_dir), None, why),))
    if not _inside(os.path.realpath(content_dir), root) and not follow_external_links:
        return Loaded((), (Problem(str(content_dir), None, "the content folder is a symbolic link to outside the "
                                   "site folder: not read (set follow_external_links = true in site.toml)"),))
    found, problems = [], []
    for item in _walk(content_dir, root, follow_external_links):
        (problems if isinstance(item, Problem) else found).append(item)
    found.sort(key=lambda item: item[1].split("/"))  # path order, so clashing slugs number the same every build
    records, taken = [], set()
    for path, rel in found:
        try:
            fields = _remembered(path, rel, allow_html, max_article_bytes, memo)
        except ContentError as e:
            problems.append(Problem(f"{content_dir.name}/{rel}", e.line, str(e)))
            continue
        except OSError as e:
            problems.append(Problem(f"{content_dir.name}/{rel}", None, f"cannot read: {e.strerror or e}"))
            continue
        if fields.get("draft") and not include_drafts:
            continue
        if outlets and fields.get("outlet") in outlets:
            fields["outlet"] = outlets[fields["outlet"]]
        base = slugify(fields.pop("slug")) or slugify(fields["title"]) or "article"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        records.append(Article(id=slug, **fields))
    problems.sort(key=lambda p: p.path.split("/"))
    return Loaded(tuple(records), tuple(problems))


#: A UTF-16 surrogate on its own: text JSON can carry but UTF-8 cannot.
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_texts(paths: Sequence[Path]) -> tuple[list[tuple[str, str]], list[str]]:
    """(id, text) pairs to annotate from article files (id: the file's stem; text: its body) and JSONL
    files (each line an object with "id" and "text"), and a message for each bad file or line."""
    items, problems = [], []
    for path in paths:
        if path.suffix.lower() == ".jsonl":
            try:
                lines = read_bytes(path, 1 << 40).decode("utf-8").splitlines()
            except (ContentError, OSError, UnicodeDecodeError) as e:
                problems.append(f"{path}: {getattr(e, 'strerror', None) or e}")
                continue
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    if not isinstance(record["text"], str):
                        raise TypeError("'text' is not a string")
                    item = (str(record["id"]), record["text"])
                    # JSON's "\ud800" decodes to a lone surrogate, which no output (JSON lines, a page) can encode
                    for name, value in zip(("id", "text"), item):
                        if _SURROGATE.search(value):
                            raise TypeError(f"{name!r} holds a lone surrogate, which UTF-8 cannot hold")
                    items.append(item)
                except (json.JSONDecodeError, KeyError, TypeError, RecursionError) as e:
                    problems.append(f"{path}:{n}: expected a JSON object with 'id' and 'text' ({e})")
            continue
        try:
            items.append((path.stem, read_article(path, path.name)["text"]))
        except ContentError as e:
            problems.append(f"{path}{':' + str(e.line) if e.line else ''}: {e}")
        except OSError as e:
            problems.append(f"{path}: {e.strerror}")
    return items, problems
