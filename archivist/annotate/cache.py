"""The annotation cache: an SQLite file of Annotation JSON keyed by text, model and annotator.

A key is a hash of the article text, the model's name and version, and the
annotator's own version (a hash of the extraction code), so changing any of them
re-annotates exactly what it affects, and an unchanged rebuild runs no NLP.
Editing ``actors.toml`` does not touch the keys: actors are resolved later.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Iterable, Mapping

from archivist.models import Annotation


def cache_key(text: str, model: str, annotator: str) -> str:
    """The cache key of one text under one model and annotator version."""
    h = hashlib.sha256()
    for part in (model, annotator, text):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class AnnotationCache:
    """Annotations by key in an SQLite file (created on first use); use as a context manager."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS annotations (key TEXT PRIMARY KEY, data TEXT NOT NULL)")

    def get_many(self, keys: Iterable[str]) -> dict[str, Annotation]:
        """The cached annotations among ``keys`` (missing keys are left out)."""
        keys = list(keys)
        found: dict[str, Annotation] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            rows = self._db.execute(
                f"SELECT key, data FROM annotations WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, data in rows:
                found[key] = Annotation.from_json(json.loads(data))
        return found

    def put_many(self, items: Mapping[str, Annotation]) -> None:
        """Store annotations by key, committed at once."""
        self._db.executemany(
            "INSERT OR REPLACE INTO annotations (key, data) VALUES (?, ?)",
            [(k, json.dumps(a.to_json(), sort_keys=True, ensure_ascii=False)) for k, a in items.items()])
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def __enter__(self) -> "AnnotationCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
