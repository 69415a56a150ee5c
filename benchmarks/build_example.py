"""Build time of the example archive: first build (no cache) and unchanged rebuild.

    python benchmarks/build_example.py

Copies the repository's site into a temporary folder so the real cache is not touched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from archivist.build import build

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        shutil.copy(ROOT / "site.toml", site)
        shutil.copytree(ROOT / "content", site / "content")
        for name, label in (("first", "first build (empty cache)"), ("again", "unchanged rebuild")):
            t = time.perf_counter()
            report = build(site, progress=False, log=lambda m: print("   ", m, file=sys.stderr))
            seconds = time.perf_counter() - t
            print(f"{label}: {seconds:.1f}s, {report.pages} pages, {report.files} files written "
                  f"(+ Pagefind bundle), {len(report.problems)} skipped")


if __name__ == "__main__":
    main()
