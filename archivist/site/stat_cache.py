"""Digests of a folder's files, each file read again only where its stat changed.

An unchanged rebuild must decide "nothing changed" without reading every content file (19,043
Reuters articles: ~13 s of reading and hashing under load, for a build that then does nothing).
So the digest of a folder is a digest of its files' names and *content digests*, and each
content digest is kept beside the annotation cache with the file's stat key: size, mtime,
**ctime**, inode and device. A file whose stat key is the recorded one is not read.

Why this stays exact where make and Hugo (mtime and size) are not: every write to a file sets
its ctime to the current time, and no system call sets ctime back, so an edit that keeps the
size and restores the mtime (``touch -r``) still changes the key. The one gap is a write within
the same tick of the file system's clock as the stat that recorded it: a key is therefore kept
only when its ctime is at least ``RACY_NS`` older than the walk that read it (git's "racily
clean" entries), and a newer file is read again next time. What remains outside this: a clock
set back by hand, or a file system that keeps no ctime (some FUSE and network mounts). Against
those, ``archivist build --clean`` reads every file again.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Iterator

from archivist.site.write import keep_json, kept_json

#: Bump when the file's layout or what a digest covers changes.
SCHEME = "archivist-stat-digests-1"
#: A file changed less than this before the walk is read again next time (see the module's docstring).
RACY_NS = 2_000_000_000


def stat_key(st: os.stat_result) -> str:
    """What identifies one version of a file without reading it: size, mtime, ctime, inode, device."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"


def walk_files(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(relative POSIX path, stat) of every file below ``folder``, in no order; none if it is missing.

    The same files as ``incremental.tree_files``: links to files count (their target's stat),
    links to folders are not followed.
    """
    stack = [("", os.fspath(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:  # missing, or not a folder
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file():
                    yield f"{prefix}{entry.name}", entry.stat()
            except OSError:  # vanished, or a dangling link: not a file
                continue


def content_digest(path: str) -> str:
    """sha256 of one file's bytes, or of the error that kept it from being read."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as e:  # unreadable: the loader reports it; the digest just differs
        return f"error {e.errno}"


def load_known(path: Path) -> dict[str, list[str]]:
    """The recorded ``{relative path: [stat key, content digest]}`` (empty when missing or damaged)."""
    known = kept_json(path, "scheme", SCHEME, "files")
    return {} if known is None else known


def folder_digest(folder: Path, cache: Path | None, digests: dict[str, str] | None = None) -> str:
    """sha256 of the names and content digests of every file below ``folder``.

    ``cache`` is the JSON file of recorded digests: a file whose stat key is recorded there is
    not read; the file is rewritten where anything changed. ``None`` reads every file (and
    records nothing), as ``--clean`` does. ``digests``, where given, receives each file's
    content digest by its relative path (the load stage's ``ReadMemo`` reads them).
    """
    root = os.fspath(folder)
    known = load_known(cache) if cache is not None else {}
    started = time.time_ns()
    files: dict[str, list[str]] = {}
    settled: dict[str, list[str]] = {}  # the entries old enough to trust next time
    for rel, st in walk_files(Path(folder)):
        key = stat_key(st)
        entry = known.get(rel)
        if entry is None or entry[0] != key:
            entry = [key, content_digest(os.path.join(root, rel))]
        files[rel] = entry
        if st.st_ctime_ns < started - RACY_NS:
            settled[rel] = entry
    if digests is not None:
        digests.update((rel, entry[1]) for rel, entry in files.items())
    h = hashlib.sha256(SCHEME.encode())
    h.update("".join(f"{rel}\0{files[rel][1]}\0" for rel in sorted(files)).encode("utf-8", "surrogateescape"))
    if cache is not None and settled != known:
        keep_json(cache, {"scheme": SCHEME, "files": settled})
    return h.hexdigest()


def cache_file(cache_dir: Path, folder: Path) -> Path:
    """The JSON file of ``folder``'s recorded digests inside a site's cache folder."""
    name = hashlib.sha256(str(Path(folder).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return Path(cache_dir) / f"stat-{name}.json"

