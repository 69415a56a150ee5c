"""The annotation cache: an SQLite file of Annotation JSON keyed by text, model and annotator.

A key is a hash of the article text, the model's name and version, and the
annotator's own version (a hash of the extraction code), so changing any of them
re-annotates exactly what it affects, and an unchanged rebuild runs no NLP.
Editing ``actors.toml`` does not touch the keys: actors are resolved later.

A cache is disposable, so it never fails a build. A damaged file (not a database, another
schema, a corrupt page) is renamed aside (``annotations.sqlite3.corrupt-1``, never deleted)
and rebuilt; a folder that is a file is set aside the same way; a row that is not an
Annotation is a miss; a database file that is a symbolic link, a FIFO or a device is set aside
too (through a link SQLite would write the database and its ``-journal`` wherever the link
points, outside the cache: link the folder instead); a cache that cannot be opened or written
(locked, read-only) is used as far as it can be, else not at all. Each of these is one warning naming the file,
kept in ``warnings`` and passed to ``log``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Callable, Iterable, Mapping

from archivist.models import Annotation

#: The one table and its columns, as this module creates them.
_SCHEMA = "CREATE TABLE IF NOT EXISTS annotations (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
_COLUMNS = ["key", "data"]
#: Seconds to wait for another process's lock before building without the cache.
_LOCK_TIMEOUT = 2.0
#: The files SQLite keeps beside a database.
_JOURNALS = ("-journal", "-wal", "-shm")


def cache_key(text: str, model: str, annotator: str) -> str:
    """The cache key of one text under one model and annotator version."""
    h = hashlib.sha256()
    for part in (model, annotator, text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class _Damaged(Exception):
    """The file is no annotation cache of ours; the text says why."""


def set_aside(path: Path) -> Path:
    """Rename ``path`` to the first free ``<name>.corrupt-<n>`` beside it and return the new path.

    SQLite's journal files go with it: a hot journal left beside a fresh database would be
    played back into it."""
    n = 1
    while (aside := path.with_name(f"{path.name}.corrupt-{n}")).exists() or aside.is_symlink():
        n += 1
    os.rename(path, aside)
    for suffix in _JOURNALS:
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            os.rename(journal, aside.with_name(aside.name + suffix))
    return aside


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot hold the database (a link, a folder, a FIFO, a device); None for a file or nothing."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # not there yet (or unreadable: sqlite says why)
    if stat.S_ISLNK(mode):
        return f"a symbolic link to {os.readlink(path)}, not a file: the cache is never written through a link"
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    return None if stat.S_ISREG(mode) else "a FIFO or a device, not a file"


class AnnotationCache:
    """Annotations by key in an SQLite file (created on first use); use as a context manager.

    Never raises for the state of the file: see the module docstring. ``writable`` and
    ``db`` say what is left of the cache after a fault (``db`` None: no cache at all).
    """

    def __init__(self, path: Path, log: Callable[[str], None] | None = None):
        self.path = Path(path)
        self.warnings: list[str] = []
        self._log = log
        self.writable = True
        self.db: sqlite3.Connection | None = None
        self._open()

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        if self._log:
            self._log(f"warning: {message}")

    def _open(self) -> None:
        """Connect, setting a damaged file or a folder that is a file aside; else run without a cache."""
        folder = self.path.parent
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():  # a file, or a broken link
            try:
                aside = set_aside(folder)
            except OSError as e:
                return self._warn(f"cache folder {folder} is not a folder and cannot be set aside ({e.strerror}); "
                                  "building without the cache")
            self._warn(f"cache folder {folder} is not a folder; set aside as {aside} and rebuilt")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            return self._warn(f"cache {self.path} cannot be created ({e.strerror}); building without the cache")
        odd = _not_a_file(self.path)
        if odd and not self._set_aside(odd):
            return
        for attempt in (1, 2):
            try:
                self.db = self._connect()
                return
            except _Damaged as e:
                why = str(e)
            except sqlite3.OperationalError as e:  # locked, unreadable, a read-only folder: not damage
                return self._warn(f"cache {self.path} cannot be opened ({e}); building without the cache")
            except sqlite3.DatabaseError as e:  # "file is not a database", "malformed"
                why = str(e)
            if attempt == 2:
                return self._warn(f"cache {self.path} cannot be rebuilt ({why}); building without the cache")
            if not self._set_aside(why):
                return

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=_LOCK_TIMEOUT)
        try:
            tables = {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                try:
                    db.execute(_SCHEMA)
                    db.commit()
                except sqlite3.OperationalError as e:  # a read-only file or folder: nothing to read either
                    raise sqlite3.OperationalError(f"cannot write: {e}") from None
            elif list(tables) != ["annotations"] or \
                    [row[1] for row in db.execute("PRAGMA table_info(annotations)")] != _COLUMNS:
                raise _Damaged(f"another schema: tables {', '.join(sorted(tables))}")
            return db
        except BaseException:
            db.close()
            raise

    def _set_aside(self, why: str) -> bool:
        """Close and rename the damaged file; True when a fresh one can be made in its place."""
        if self.db is not None:
            self.db.close()
            self.db = None
        try:
            aside = set_aside(self.path)
        except OSError as e:
            self._warn(f"cache {self.path} is damaged ({why}) and cannot be set aside ({e.strerror}); "
                       "building without the cache")
            return False
        self._warn(f"cache {self.path} is damaged ({why}); set aside as {aside} and rebuilt")
        return True

    def get_many(self, keys: Iterable[str]) -> dict[str, Annotation]:
        """The cached annotations among ``keys`` (missing keys and unreadable rows are left out)."""
        keys = list(keys)
        found: dict[str, Annotation] = {}
        if self.db is None:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                rows = self.db.execute(
                    f"SELECT key, data FROM annotations WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, data in rows:
                    annotation = _annotation(data)
                    if annotation is not None:  # a row that is no Annotation is a miss, annotated again
                        found[key] = annotation
        except sqlite3.OperationalError as e:
            self._warn(f"cache {self.path} cannot be read ({e}); building without the cache")
            self.close()
            return {}
        except sqlite3.DatabaseError as e:
            if self._set_aside(str(e)):
                self._open_fresh()
            return {}
        return found

    def _open_fresh(self) -> None:
        try:
            self.db = self._connect()
        except (sqlite3.DatabaseError, _Damaged) as e:
            self._warn(f"cache {self.path} cannot be rebuilt ({e}); building without the cache")
            self.db = None

    def put_many(self, items: Mapping[str, Annotation]) -> None:
        """Store annotations by key, committed at once; where the cache cannot be written, a warning once."""
        if self.db is None or not self.writable or not items:
            return
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO annotations (key, data) VALUES (?, ?)",
                [(k, json.dumps(a.to_json(), sort_keys=True, ensure_ascii=False)) for k, a in items.items()])
            self.db.commit()
        except sqlite3.DatabaseError as e:  # read-only, locked, a full disk: the build goes on uncached
            self.writable = False
            try:
                self.db.rollback()
            except sqlite3.Error:
                pass
            self._warn(f"cache {self.path} cannot be written ({e}); new annotations are not cached")

    def close(self) -> None:
        """Close the database."""
        if self.db is not None:
            self.db.close()
            self.db = None

    def __enter__(self) -> "AnnotationCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _annotation(data: object) -> Annotation | None:
    """The Annotation a row holds, or None for bad JSON or JSON of another shape."""
    try:
        return Annotation.from_json(json.loads(data))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
