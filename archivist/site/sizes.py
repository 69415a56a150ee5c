"""The size report printed at the end of a build: bytes and files by kind of page, and the largest page.

GitHub Pages takes 1 GB a site, and a page past a few hundred KB is slow on a phone;
the report says where the bytes go, so that a growing archive is seen before it hits
either. Kinds are a named table of path patterns, tried in order, first match wins.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

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


def measure(root: Path) -> SizeReport:
    """The size report of the files below ``root`` (file bytes, as ``find -printf '%s'`` counts them)."""
    root = Path(root)
    totals: dict[str, list[int]] = {}
    largest: tuple[str, int] | None = None
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if rel.startswith("."):  # the build's own marker files
                continue
            size = os.path.getsize(full)
            entry = totals.setdefault(kind_of(rel), [0, 0])
            entry[0] += size
            entry[1] += 1
            if rel.endswith(".html") and (largest is None or size > largest[1]):
                largest = (rel, size)
    kinds = tuple(sorted(((k, b, n) for k, (b, n) in totals.items()), key=lambda t: (-t[1], t[0])))
    return SizeReport(kinds, sum(b for _, b, _ in kinds), sum(n for _, _, n in kinds), largest)


def format_report(report: SizeReport) -> list[str]:
    """The report as lines for the build log."""
    lines = [f"  {kind:<17} {b / 1e6:8.1f} MB  {n:>7,} files" for kind, b, n in report.kinds]
    lines.append(f"  {'total':<17} {report.total_bytes / 1e6:8.1f} MB  {report.total_files:>7,} files")
    if report.largest:
        lines.append(f"  largest page: {report.largest[0]} ({report.largest[1] / 1e3:,.0f} KB)")
    return lines
