"""The size report printed at the end of a build: bytes and files by kind of page, and the largest page.

GitHub Pages takes 1 GB a site, and a page past a few hundred KB is slow on a phone;
the report says where the bytes go, so that a growing archive is seen before it hits
either. Kinds are a named table of path patterns, tried in order, first match wins.

A walk of the output costs seconds at archive scale (41,000 files for 5,000 Reuters articles),
more than the rest of a one-article rebuild's bookkeeping, so a build keeps the sizes it reported
in a ledger beside its page keys (``save_ledger``) and the next build updates it at the paths it
wrote or removed (``updated_sizes``); a clean build, or one whose ledger is not of the output it
finds, walks (``file_sizes``).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from archivist.site.write import keep_json, kept_json

#: (kind, pattern of the path relative to the output folder), first match wins.
KINDS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(pattern)) for kind, pattern in (
    ("search bundle", r"pagefind/"),
    ("data", r"data/"),
    ("article", r"articles/[^/]+/index\.html$"),
    ("article json", r"articles/[^/]+/[^/]+\.json$"),
    ("actor", r"actors/(?!by-|page/)[^/]+/index\.html$"),
    ("actor, pages 2+", r"actors/(?!by-|page/)[^/]+/page/\d+/index\.html$"),
    ("sitemap, robots", r"(sitemap(-\d+)?\.xml|robots\.txt)$"),
    ("feeds", r".*\.xml$"),
    ("json", r".*\.json$"),
    ("list pages", r".*\.html$"),
    ("static", r"static/"),
))
OTHER = "other"


@dataclass(frozen=True)
class SizeReport:
    """Bytes and files by kind (largest kind first), the total, and the largest HTML page."""

    kinds: tuple[tuple[str, int, int], ...]  # (kind, bytes, files)
    total_bytes: int
    total_files: int
    largest: tuple[str, int] | None  # (path, bytes) of the largest .html file


def kind_of(path: str) -> str:
    """The kind of an output file by its path relative to the output folder ("actors/x/index.html" -> "actor")."""
    for kind, pattern in KINDS:
        if pattern.match(path):
            return kind
    return OTHER


def walk_prefix(top: str, folder: str) -> str:
    """The path of ``folder`` (one ``os.walk(top)`` gives) below ``top``, "/"-separated with a trailing "/"
    ("" for ``top`` itself): string slicing, since walk joins onto ``top`` as given (Path.relative_to
    cost half of a scan of 16,495 pages)."""
    return "" if folder == top else folder[len(top) + 1:].replace(os.sep, "/") + "/"


def file_sizes(root: Path) -> dict[str, int]:
    """Every file below ``root`` by its path relative to it, and its size (the build's own marker files,
    named with a leading dot at the top, left out)."""
    top = str(Path(root))
    sizes: dict[str, int] = {}
    for folder, _, names in os.walk(top):
        prefix = walk_prefix(top, folder)
        for name in names:
            rel = prefix + name
            if not rel.startswith("."):
                with contextlib.suppress(OSError):  # gone since the walk listed it
                    sizes[rel] = os.stat(os.path.join(folder, name)).st_size
    return sizes


def updated_sizes(root: Path, previous: Mapping[str, int], changed: Iterable[str],
                  folders: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, int]:
    """``previous`` (the sizes of ``root``'s files as the last build left them) brought up to date without
    a walk: each ``changed`` path (written or removed since) looked at again, and each folder of
    ``folders`` (a stage that wrote it whole, such as the search bundle) given its files' sizes anew
    (paths relative to that folder)."""
    root = Path(root)
    folders = folders or {}
    under = tuple(f.strip("/") + "/" for f in folders)
    sizes = {rel: n for rel, n in previous.items() if not rel.startswith(under)} if under else dict(previous)
    for rel in changed:
        try:
            sizes[rel] = os.stat(root / rel).st_size
        except OSError:
            sizes.pop(rel, None)
    for folder, files in folders.items():
        sizes.update((f"{folder.strip('/')}/{rel}", n) for rel, n in files.items())
    return sizes


def summarise(sizes: Mapping[str, int]) -> SizeReport:
    """The size report of an output whose files (by relative path) have these ``sizes``."""
    totals: dict[str, list[int]] = {}
    largest: tuple[str, int] | None = None
    for rel, size in sizes.items():
        entry = totals.setdefault(kind_of(rel), [0, 0])
        entry[0] += size
        entry[1] += 1
        if rel.endswith(".html") and (largest is None or size > largest[1] or (size == largest[1] and rel < largest[0])):
            largest = (rel, size)
    kinds = tuple(sorted(((k, b, n) for k, (b, n) in totals.items()), key=lambda t: (-t[1], t[0])))
    return SizeReport(kinds, sum(b for _, b, _ in kinds), sum(n for _, _, n in kinds), largest)


def measure(root: Path) -> SizeReport:
    """The size report of the files below ``root`` (file bytes, as ``find -printf '%s'`` counts them)."""
    return summarise(file_sizes(root))


def load_ledger(path: Path, output: str) -> dict[str, int] | None:
    """The file sizes kept at ``path`` by the build that left the output whose identity is ``output``
    (``incremental.output_identity``); None where the file is missing, damaged or another output's."""
    return kept_json(path, "output", output, "sizes")


def save_ledger(path: Path, output: str, sizes: Mapping[str, int]) -> None:
    """Keep ``sizes`` at ``path`` for the next build of the output ``output`` (a new file renamed over the
    old); a failure costs only a walk of the output next time."""
    keep_json(path, {"output": output, "sizes": dict(sizes)})


def format_report(report: SizeReport) -> list[str]:
    """The report as lines for the build log."""
    lines = [f"  {kind:<17} {b / 1e6:8.1f} MB  {n:>7,} files" for kind, b, n in report.kinds]
    lines.append(f"  {'total':<17} {report.total_bytes / 1e6:8.1f} MB  {report.total_files:>7,} files")
    if report.largest:
        lines.append(f"  largest page: {report.largest[0]} ({report.largest[1] / 1e3:,.0f} KB)")
    return lines
