"""The CNN Lite corpus for the benchmarks, read straight from ``../shared/corpus/cnn_lite.tar.gz``.

The corpus is copyrighted: nothing derived from it is written inside the repository.
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
