"""The corpus archives for the benchmarks, read straight from ``../shared/corpus``: CNN Lite
(``cnn_lite.tar.gz``) by default, any other archive there by its path (``CORPUS.with_name("bbc.tar.gz")``).

The corpora are copyrighted: nothing derived from them is written inside the repository.
"""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cnn_lite.tar.gz"


def cnn_files(path: Path = CORPUS) -> list[tuple[str, str]]:
    """(member name, text) of every article in the tarball, in name order; exits naming the file when it is missing."""
    if not path.exists():
        sys.exit(f"missing {path}: this benchmark needs ../shared beside the repository")
    with tarfile.open(path) as tar:
        return [(m.name, tar.extractfile(m).read().decode("utf-8"))
                for m in sorted(tar.getmembers(), key=lambda m: m.name) if m.isfile() and m.name.endswith(".txt")]
