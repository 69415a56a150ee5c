"""Write stage: put the rendered files in place all at once, or not at all.

The site is written into a staging folder beside the output folder, indexed
there, and only then swapped in with two renames, so a failed or interrupted
build leaves the previous output untouched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Iterator, Mapping


def write_files(root: Path, files: Mapping[str, bytes]) -> int:
    """Write each relative path's bytes below ``root``; returns the number of files."""
    root = Path(root).resolve()
    for rel, data in sorted(files.items()):
        path = (root / rel).resolve()
        if root not in path.parents:
            raise ValueError(f"refusing to write outside the output folder: {rel}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(files)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def staged_output(output_dir: Path) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``output_dir``, on error it is removed."""
    output_dir = Path(output_dir).resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in output_dir.parent.glob(f".{output_dir.name}.*-*"):  # left by a killed build
        pid = stale.name.rsplit("-", 1)[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    stage = output_dir.parent / f".{output_dir.name}.staging-{os.getpid()}"
    old = output_dir.parent / f".{output_dir.name}.old-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    try:
        yield stage
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    if output_dir.exists():
        os.rename(output_dir, old)
    os.rename(stage, output_dir)
    shutil.rmtree(old, ignore_errors=True)
