"""Incremental builds: what did not change is not rendered, written or indexed again.

Two levels, both keyed by content, never by time stamps:

- **The whole build.** ``inputs_digest`` hashes everything a build reads (every file under the
  content folder, site.toml, actors.toml, the theme, archivist's own code, the model's version
  and the command-line overrides). When it equals the digest recorded by the last build of the
  same output, and the output still carries that build's id, the output is up to date and the
  build stops there. (A content file's digest is reused while its stat is unchanged: see
  ``stat_cache``, exact since every write changes a file's ctime.)
- **Each page.** ``PageReuse`` is handed every page before it is rendered: its key is a digest
  of the template's name and of what the page is made from (walked field by field, each frozen
  record hashed once per build), salted with the config, the theme's files and archivist's code.
  For a page whose context is cheap that is its context; for one whose context is costly (an
  article's body, cards and JSON-LD; an actor's cards) it is its *inputs*: the archive's records
  the context is made from (an ``Inputs`` record), and the context is built only where the key
  changed. A page whose key equals the one recorded for it, and whose file is still in the
  output, is not rendered: the writer keeps the previous file. A template that reads the archive
  through a global function instead of its context (``top_actors``) has no key and is always
  rendered, so a theme cannot make a page stale. Files render makes without a template (an
  article's annotations JSON) are keyed the same way, under a ``file:`` kind.

The keys live in the annotation cache's folder, one SQLite file per output folder, and are
trusted only while the output carries the build id they were recorded with (the digest of all
keys); a damaged or missing file just means a full render.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import jinja2
import jinja2.meta
from markupsafe import Markup

import archivist
from archivist import models
from archivist.site import stat_cache

#: Template globals that read the archive rather than the page's context: a template using one has no key.
ARCHIVE_GLOBALS = frozenset({"top_actors"})
#: Bump when the key scheme changes.
SCHEME = b"archivist-page-keys-1"


#: A ``template`` name of this prefix names a file made without a template (``file:annotations``).
FILE_KIND = "file:"


@dataclasses.dataclass(frozen=True)
class Inputs:
    """What a page (or file) is made from, where its context is costly to build: its key walks this.

    ``parts`` are the archive's records (and small values) the context is a pure function of,
    with the config and code of the key's salt: every record it reads must be here, or an edit
    of it would leave the page stale. One Inputs stands in the keys of many pages (an article's
    in every page that shows its cards), so the walker digests each once a build, as it does the
    archive's records.
    """

    kind: str
    parts: tuple[Any, ...]


class NotKeyable(TypeError):
    """A context value the key walker does not know how to hash: the page is rendered."""


def code_digest() -> str:
    """sha256 of archivist's own source files (every ``.py`` of the package), by path and content."""
    h = hashlib.sha256()
    root = Path(archivist.__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """sha256 of files by path (relative to ``root`` where given) and content; missing files count too."""
    h = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        name = path.relative_to(root).as_posix() if root else path.as_posix()
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            h.update(path.read_bytes() if path.is_file() else b"\1missing")
        except OSError as e:  # unreadable: the loader reports it; the digest just differs
            h.update(f"\1{e.errno}".encode())
        h.update(b"\0")
    return h.hexdigest()


def tree_files(folder: Path) -> list[Path]:
    """Every file below ``folder`` (none if it is missing), following no links out of it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file()]


def themes_digest(theme_dirs: Sequence[Path]) -> str:
    """sha256 of every file of the theme folders, in order: part of every page's key, so that a
    changed template or stylesheet renders the pages again."""
    h = hashlib.sha256()
    for theme in theme_dirs:
        h.update(str(theme).encode("utf-8", "surrogateescape") + b"\0")
        h.update(files_digest(tree_files(theme), theme).encode())
    return h.hexdigest()


def inputs_digest(site_dir: Path, content_dir: Path, theme_dirs: Sequence[Path], extra: str,
                  stat_digests: Path | None = None, content_digests: dict[str, str] | None = None) -> str:
    """The digest of everything a build of ``site_dir`` reads; ``extra`` holds the overrides and model.
    The content files are read only where their stat changed since ``stat_digests`` recorded them;
    ``content_digests``, where given, receives each one's sha256 by its path in the content folder."""
    h = hashlib.sha256(SCHEME)
    h.update(stat_cache.folder_digest(content_dir, stat_digests, content_digests).encode())
    h.update(files_digest([site_dir / "site.toml", site_dir / "actors.toml"], site_dir).encode())
    h.update(themes_digest(theme_dirs).encode())
    h.update(code_digest().encode())
    h.update(extra.encode("utf-8"))
    return h.hexdigest()


class _Walker:
    """Turns a page context into a digest, value by value; frozen records are digested once each.

    The walk writes a self-delimiting text (every string with its length, every list with its
    count, every record with its type) and hashes it once per page: dispatch is by exact type,
    since a build keys tens of thousands of pages and their contexts share most records.
    """

    def __init__(self) -> None:
        self.memo: dict[int, tuple[Any, str]] = {}
        self._fields: dict[type, tuple[str, ...] | None] = {}

    def digest(self, value: Any) -> bytes:
        parts: list[str] = []
        self.feed(parts, value)
        return hashlib.blake2b("".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def feed(self, out: list[str], value: Any) -> None:
        t = type(value)
        if t is str or t is Markup:  # Markup too: its text is what the page shows
            out.append(f"s{len(value)}:")
            out.append(value)
        elif value is None or t is bool or t is int or t is float:
            out.append(f"{t.__name__[0]}{value!r};")
        elif t is tuple or t is list:
            out.append(f"[{len(value)}")
            memo = self.memo
            for item in value:
                # inline, what _record gives a record digested before (most items of the long lists:
                # an actor's articles, a page of index rows): the same text, without two calls
                hit = memo.get(id(item))
                if hit is not None and hit[0] is item:
                    out.append(f"<{type(item).__qualname__}:{hit[1]}>")
                else:
                    self.feed(out, item)
            out.append("]")
        elif t is dict:
            out.append(f"{{{len(value)}")
            for k in sorted(value, key=repr):
                self.feed(out, k)
                self.feed(out, value[k])
            out.append("}")
        else:
            names = self._fields.get(t, ())
            if names == ():
                names = self._fields[t] = (tuple(f.name for f in dataclasses.fields(t))
                                           if dataclasses.is_dataclass(t) else None)
            if names is not None:
                out.append(f"<{t.__qualname__}:{self._record(value, names)}>")
            elif isinstance(value, (str, int, float)):  # str, int subclasses: by their plain value
                self.feed(out, t.__mro__[1](value) if t.__mro__[1] in (str, int, float) else repr(value))
            elif isinstance(value, bytes):
                out.append(f"b{len(value)}:{value.hex()}")
            elif isinstance(value, (dt.date, dt.datetime)):
                out.append(f"d{value.isoformat()};")
            elif isinstance(value, Mapping):
                self.feed(out, dict(value))
            elif isinstance(value, (set, frozenset)):
                out.append("{set")
                self.feed(out, sorted(value, key=repr))
            elif isinstance(value, (list, tuple)):
                self.feed(out, list(value))
            else:
                raise NotKeyable(f"cannot key a {t.__name__}")

    def _record(self, value: Any, names: tuple[str, ...]) -> str:
        # The archive's records are shared by many pages (an article on every actor page that lists
        # it): digest each once. The memo keeps the object alive, so its id is not reused meanwhile;
        # so only the archive's own records (models) and the Inputs made from them, which live all
        # build long anyway, are kept:
        # a page's view records (cards, counts) are made per page and hashed each time.
        archive = type(value).__module__ == models.__name__
        shared = archive or type(value) is Inputs
        if shared:
            hit = self.memo.get(id(value))
            if hit is not None and hit[0] is value:
                return hit[1]
        if archive:
            # The archive's records are frozen dataclasses of plain values whose generated repr names
            # every field and quotes every string (test_incremental checks it): one call writes the
            # record and all it holds, where walking field by field was most of a rebuild's render.
            digest = hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
            self.memo[id(value)] = (value, digest)
            return digest
        parts: list[str] = []
        for name in names:
            parts.append(name + "=")
            self.feed(parts, getattr(value, name))
        digest = hashlib.blake2b("".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        if shared:
            self.memo[id(value)] = (value, digest)
        return digest


class _AnyFilter(dict):
    """Filters and tests of a theme, unknown to the key's template analysis: any name is one."""

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str):
        return lambda value, *args, **kwargs: value

    def get(self, name: str, default=None):
        return self[name]


def _template_names(env: jinja2.Environment, name: str, seen: set[str], parsed: dict[str, Any]) -> None:
    """Add ``name`` and every template it extends, includes or imports to ``seen``; ``parsed`` keeps
    each template's tree, so that a template shared by many (base.html) is parsed once."""
    if name in seen:
        return
    seen.add(name)
    if name not in parsed:
        source, filename, _ = env.loader.get_source(env, name)
        parsed[name] = env.parse(source, name, filename)
    for child in jinja2.meta.find_referenced_templates(parsed[name]):
        if child:
            _template_names(env, child, seen, parsed)


class PageReuse:
    """Decides, page by page, whether the previous output's file can stand; records the new keys.

    Call it as ``reuse(path, template, context)`` before rendering, where ``context`` is the
    page's context or what it is made from (``Inputs``): True means "keep the file that is
    there". ``keys`` holds every key computed in this build, for ``PageKeyStore.save``.
    """

    def __init__(self, previous: Mapping[str, str], output: Path | None, theme_dirs: Sequence[Path], salt: str,
                 analysis: str = ""):
        self.previous = previous
        self.output = Path(output) if output else None
        self._output_str = str(self.output) if self.output else ""
        self.salt = salt.encode("utf-8", "surrogateescape")
        self.keys: dict[str, str] = {}
        self.reused = 0
        self._walker = _Walker()
        self._env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(Path(d) / "templates")
                                                                       for d in theme_dirs]))
        self._env.filters, self._env.tests = _AnyFilter(self._env.filters), _AnyFilter(self._env.tests)
        # The template analysis of the last build, where made with this salt (theme, code, config):
        # parsing the theme was seconds of every build.
        self._analysis_key = hashlib.blake2b(self.salt, digest_size=16).hexdigest()
        self._keyable: dict[str, bool] = {}
        try:
            known = json.loads(analysis) if analysis else {}
            if isinstance(known, dict) and known.get("salt") == self._analysis_key:
                self._keyable = {str(k): bool(v) for k, v in known.get("keyable", {}).items()}
        except (ValueError, AttributeError):  # damaged: analysed again
            pass
        self._parsed: dict[str, Any] = {}
        self._undeclared: dict[str, frozenset[str]] = {}

    def keyable(self, template: str) -> bool:
        """Whether ``template`` (with what it extends, includes and imports) reads only its context.

        A ``file:`` kind (``FILE_KIND``) has no template: it is made from its inputs alone.
        """
        if template.startswith(FILE_KIND):
            return True
        if template not in self._keyable:
            names: set[str] = set()
            _template_names(self._env, template, names, self._parsed)
            used: set[str] = set()
            for name in names:
                if name not in self._undeclared:
                    self._undeclared[name] = frozenset(jinja2.meta.find_undeclared_variables(self._parsed[name]))
                used |= self._undeclared[name]
            self._keyable[template] = not (used & ARCHIVE_GLOBALS)
        return self._keyable[template]

    def analysis(self) -> str:
        """The template analysis of this build (``keyable`` by template), as JSON for the next
        build's ``analysis``: trusted only under the same salt."""
        return json.dumps({"salt": self._analysis_key, "keyable": dict(sorted(self._keyable.items()))})

    def __call__(self, path: str, template: str, context: Mapping[str, Any]) -> bool:
        if not self.keyable(template):
            return False
        try:
            h = hashlib.blake2b(self.salt + b"\0" + template.encode() + b"\0", digest_size=20)
            h.update(self._walker.digest(dict(context)))
        except NotKeyable:
            return False
        key = h.hexdigest()
        self.keys[path] = key
        # os.path, not pathlib: at 17,500 pages, pathlib's parsing of each joined path cost seconds.
        keep = (self.output is not None and self.previous.get(path) == key
                and os.path.isfile(os.path.join(self._output_str, path)))
        self.reused += keep
        return keep


def build_id(keys: Mapping[str, str], inputs: str) -> str:
    """The id of a build's output: a digest of its inputs and every page key (same input, same id)."""
    h = hashlib.sha256(inputs.encode())
    for path in sorted(keys):
        h.update(f"{path}\0{keys[path]}\n".encode())
    return h.hexdigest()[:32]


class PageKeyStore:
    """The page keys and inputs digest of the last build of one output folder, in an SQLite file.

    Any problem reading it (missing, damaged, another schema) reads as "no previous build":
    the cost is a full render, never a failed build.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def load(self) -> tuple[dict[str, str], dict[str, str]]:
        """(page keys by path, state: ``inputs`` digest and ``build_id``) of the last build."""
        if not self.path.is_file():
            return {}, {}
        try:
            with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as db:
                keys = dict(db.execute("SELECT path, key FROM pages"))
                state = dict(db.execute("SELECT name, value FROM state"))
            db.close()
            return keys, state
        except (sqlite3.Error, UnicodeError, OSError):  # damaged, or a path SQLite cannot take
            return {}, {}

    def save(self, keys: Mapping[str, str], state: Mapping[str, str]) -> str | None:
        """Record a finished build's keys and state (atomically: a new file renamed over the old).

        Returns a warning where the file cannot be written (the next build renders in full).
        """
        tmp = self.path.with_name(self.path.name + ".new")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.unlink(missing_ok=True)
            db = sqlite3.connect(tmp)
            with db:
                db.execute("CREATE TABLE pages (path TEXT PRIMARY KEY, key TEXT NOT NULL)")
                db.execute("CREATE TABLE state (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.executemany("INSERT INTO pages VALUES (?, ?)", sorted(keys.items()))
                db.executemany("INSERT INTO state VALUES (?, ?)", sorted(state.items()))
            db.close()
            tmp.replace(self.path)
        except (OSError, sqlite3.Error, UnicodeError) as e:
            return f"page keys not saved to {self.path!s} ({e}); the next build renders every page"
        return None


def output_identity(output: Path, marker: str = ".archivist-output") -> str:
    """Which output folder this is: its marker file's inode and change time ("" where it has none).

    Every build that changes the output writes a new marker, so another build into the same
    folder (from another checkout, or a clean one) changes the identity, and a build that
    changed nothing keeps it.
    """
    try:
        st = (Path(output) / marker).stat()
    except OSError:
        return ""
    return f"{st.st_dev}:{st.st_ino}:{st.st_ctime_ns}"


def store_for(cache_dir: Path, output: Path) -> PageKeyStore:
    """The key store of ``output``'s builds, inside the site's cache folder."""
    name = hashlib.sha256(str(Path(output).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return PageKeyStore(Path(cache_dir) / f"pages-{name}.sqlite3")
