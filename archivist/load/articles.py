"""Load stage: read the articles of ``content/`` into ``Article`` records.

Two formats:
- ``.txt``: line 1 title, line 2 date ``YYYYMMDD``, line 3 source URL (or the archive's
  own identifier in one word, or empty), then one paragraph a line (blank lines are skipped);
- ``.md``: TOML (``+++``) or YAML (``---``) front matter with title, date, url,
  outlet, authors, tags, draft, slug, credit; then a Markdown body.

A bad file never costs the others: it becomes a ``Problem`` naming the file and
line, and the caller decides whether to skip it or fail the build (``--strict``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlsplit

import yaml

from archivist.load.markdown import parse_markdown
from archivist.models import Article
from archivist.text.slug import slugify
from archivist.text.web import outlet_from_url

SUFFIXES = (".txt", ".md", ".markdown")
FRONT_MATTER_KEYS = {"title", "date", "url", "outlet", "authors", "tags", "draft", "slug", "credit"}


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
    """A date from ``YYYYMMDD``, ``YYYY-MM-DD``, or a TOML/YAML date or datetime."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ContentError(f"bad date {text!r}: expected YYYYMMDD or YYYY-MM-DD", line) from None


def check_url(value: str, line: int | None = None) -> str:
    """``value`` if it is an http(s) URL with a host, else a ContentError."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in value):
        raise ContentError(f"bad source URL {value!r}: expected http(s)://host/...", line)
    return value


def decode(data: bytes) -> str:
    """The UTF-8 text of a file; binary or non-UTF-8 data is a ContentError with the line."""
    if b"\x00" in data[:8192]:
        raise ContentError("binary file, not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ContentError(f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_article(text: str, stem: str) -> dict[str, Any]:
    """The fields of a plain-text article (title, date, source URL or identifier, then a paragraph a line)."""
    lines = text.split("\n")
    if not lines or not lines[0].strip():
        raise ContentError("no title on line 1", 1)
    if len(lines) < 2 or not lines[1].strip():
        raise ContentError("no date on line 2 (expected YYYYMMDD)", 2)
    if not re.fullmatch(r"\d{8}", lines[1].strip()):
        raise ContentError(f"bad date {lines[1].strip()!r} on line 2: expected YYYYMMDD", 2)
    date = parse_date(lines[1], 2)
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


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, the body's first line number) of a Markdown file."""
    for fence, parse in (("+++", tomllib.loads), ("---", yaml.safe_load)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                raise ContentError(f"front matter opened with {fence} on line 1 is never closed", 1)
            raw = text[len(fence) + 1 : end + 1]
            try:
                data = parse(raw) or {}
            except (tomllib.TOMLDecodeError, yaml.YAMLError) as e:
                mark = getattr(e, "problem_mark", None)
                raise ContentError(f"bad front matter: {e}".splitlines()[0], mark.line + 2 if mark else None) from None
            if not isinstance(data, dict):
                raise ContentError("front matter must be a table of keys", 2)
            body_start = text.find("\n", end + 1 + len(fence))
            body = text[body_start + 1 :] if body_start >= 0 else ""
            return data, body, text[: body_start + 1].count("\n") + 1
    return {}, text, 1


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ContentError(f"front matter '{key}' must be a string or a list of strings")


def read_markdown_article(text: str, stem: str, allow_html: bool = False) -> dict[str, Any]:
    """The fields of a Markdown article with TOML or YAML front matter."""
    meta, body, _ = split_front_matter(text)
    unknown = sorted(set(meta) - FRONT_MATTER_KEYS)
    if unknown:
        raise ContentError(f"unknown front matter key(s): {', '.join(unknown)} "
                           f"(known: {', '.join(sorted(FRONT_MATTER_KEYS))})", 2)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ContentError("front matter has no 'title'", 1)
    for key in ("url", "outlet", "slug", "credit"):
        if key in meta and not isinstance(meta[key], str):
            raise ContentError(f"front matter '{key}' must be a string")
    if "draft" in meta and not isinstance(meta["draft"], bool):
        raise ContentError("front matter 'draft' must be true or false")
    plain, skeleton = parse_markdown(body, allow_html)
    return {
        "title": title.strip(),
        "date": parse_date(meta["date"]) if meta.get("date") is not None else None,
        "url": check_url(meta["url"]) if meta.get("url") else None,
        "outlet": meta.get("outlet"),
        "authors": _strings(meta.get("authors", []), "authors"),
        "tags": _strings(meta.get("tags", []), "tags"),
        "draft": meta.get("draft", False),
        "slug": meta.get("slug") or stem,
        "credit": meta.get("credit"),
        "format": "md",
        "text": plain,
        "skeleton": skeleton,
    }


def read_article(path: Path, rel: str, allow_html: bool = False) -> dict[str, Any]:
    """The fields of one article file (raises ContentError)."""
    text = decode(path.read_bytes())
    if path.suffix == ".txt":
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


def load_articles(content_dir: Path, include_drafts: bool = False, outlets: dict[str, str] | None = None,
                  allow_html: bool = False) -> Loaded:
    """Every article under ``content_dir``, newest first, with unique stable slugs as ids.

    ``outlets`` maps a URL host to the outlet's display name ("cbsnews.com" -> "CBS News");
    ``allow_html`` passes raw HTML in Markdown bodies through (else it shows as text).
    """
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        return Loaded((), (Problem(str(content_dir), None, "content folder not found"),))
    paths = sorted(p for p in content_dir.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(content_dir).parts))
    records, problems, taken = [], [], set()
    for path in paths:
        rel = path.relative_to(content_dir).as_posix()
        try:
            fields = read_article(path, rel, allow_html)
        except ContentError as e:
            problems.append(Problem(f"{content_dir.name}/{rel}", e.line, str(e)))
            continue
        except OSError as e:
            problems.append(Problem(f"{content_dir.name}/{rel}", None, f"cannot read: {e.strerror}"))
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
    records.sort(key=lambda a: (-(a.date or dt.date.min).toordinal(), a.id))
    return Loaded(tuple(records), tuple(problems))


def read_texts(paths: Sequence[Path]) -> tuple[list[tuple[str, str]], list[str]]:
    """(id, text) pairs to annotate from article files (id: the file's stem; text: its body) and JSONL
    files (each line an object with "id" and "text"), and a message for each bad file or line."""
    items, problems = [], []
    for path in paths:
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    if not isinstance(record["text"], str):
                        raise TypeError("'text' is not a string")
                    items.append((str(record["id"]), record["text"]))
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    problems.append(f"{path}:{n}: expected a JSON object with 'id' and 'text' ({e})")
            continue
        try:
            items.append((path.stem, read_article(path, path.name)["text"]))
        except ContentError as e:
            problems.append(f"{path}{':' + str(e.line) if e.line else ''}: {e}")
        except OSError as e:
            problems.append(f"{path}: {e.strerror}")
    return items, problems
