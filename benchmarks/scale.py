"""Archive-scale builds: a first build, an unchanged rebuild and a one-article edit of a corpus archive.

    python benchmarks/scale.py reuters21578 [--articles 5000] [--site /tmp/scale-reuters]
    python benchmarks/scale.py cnn_lite

CORPUS is the name of an archive in ``../shared/corpus/`` (``cnn_lite``, ``bbc``, ``reuters21578``,
``wikinews``) or a path to one; it says clearly when that is missing. The first ``--articles``
articles (in name order) are copied into a site folder outside the repository (the corpora are
copyrighted), and ``archivist build`` runs on it three times as a user would run it, each a
subprocess measured from outside:

1. the first build (the site's annotation cache empty, unless ``--site`` names a folder kept from
   an earlier run: then it says so),
2. an unchanged rebuild,
3. a rebuild after one article is edited (a sentence appended to its last paragraph),

then a clean build (``--clean``) of the edited site into a second folder, whose tree must be
byte-identical to the incremental one. For each build it prints the wall time, each stage's time
as the build logs it, the peak RSS of the build process and the peak of the sum over the build and
its worker processes (sampled every 50 ms with psutil), then the output's file bytes and files by
kind of page and the largest page.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpus"
STAGE_LINE = re.compile(r"^(\w+)\s+(\d+\.\d+)s\s+(.*)$")


def corpus_path(name: str) -> Path:
    """The tarball for a corpus name or path; exits naming what is missing."""
    path = Path(name)
    if not path.exists():
        path = CORPORA / (name if name.endswith(".tar.gz") else f"{name}.tar.gz")
    if not path.exists():
        sys.exit(f"missing {path}: this benchmark needs ../shared/corpus beside the repository "
                 f"(archives there: {', '.join(sorted(p.name for p in CORPORA.glob('*.tar.gz'))) or 'none'})")
    return path


def make_site(tarball: Path, site: Path, articles: int | None) -> int:
    """Copy the first ``articles`` articles of ``tarball`` into ``site/content``; the number copied."""
    content = site / "content"
    if content.exists():
        return sum(1 for _ in content.glob("*.txt"))
    content.mkdir(parents=True)
    with tarfile.open(tarball) as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".txt")), key=lambda m: m.name)
        for member in members[:articles]:
            (content / Path(member.name).name).write_bytes(tar.extractfile(member).read())
    (site / "site.toml").write_text(f'title = "{tarball.name.split(".")[0]} archive"\n', encoding="utf-8")
    return min(len(members), articles or len(members))


def run_build(site: Path, *extra: str) -> dict:
    """Run ``archivist build`` on ``site``; wall time, stage lines, peak RSS of the process and of its tree."""
    cmd = [str(Path(sys.executable).with_name("archivist")), "build", "--site", str(site), "--quiet", *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            tree = [ps] + ps.children(recursive=True)
            rss = [p.memory_info().rss for p in tree]
        except psutil.Error:
            rss = []
        if rss:
            peak_main, peak_tree = max(peak_main, rss[0]), max(peak_tree, sum(rss))
        time.sleep(0.05)
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{err[-3000:]}")
    stages = [m.groups() for m in map(STAGE_LINE.match, err.splitlines()) if m]
    return {"wall": wall, "stages": stages, "peak_main": peak_main, "peak_tree": peak_tree, "log": err}


def kind_of(path: str) -> str:
    """The kind of page an output path is, for the size report."""
    parts = path.split("/")
    if parts[0] == "pagefind":
        return "search bundle"
    if parts[0] == "articles":
        return "article page" if path.endswith(".html") else "article data"
    if parts[0] == "actors" and len(parts) > 2 and parts[1] not in ("page", "by-mentions", "by-quotes"):
        return "actor page"
    if parts[0] in ("data",):
        return "data"
    return "list and other pages" if path.endswith(".html") else "other files"


def tree_report(out: Path) -> tuple[dict[str, tuple[int, int]], tuple[str, int], int, int]:
    """(bytes and files by kind, largest HTML page, total bytes, total files) of an output folder."""
    by_kind: dict[str, list[int]] = {}
    largest = ("", 0)
    for path in out.rglob("*"):
        if path.is_file():
            rel, size = path.relative_to(out).as_posix(), path.stat().st_size
            entry = by_kind.setdefault(kind_of(rel), [0, 0])
            entry[0] += size
            entry[1] += 1
            if rel.endswith(".html") and size > largest[1]:
                largest = (rel, size)
    total = sum(b for b, _ in by_kind.values())
    return {k: (b, n) for k, (b, n) in by_kind.items()}, largest, total, sum(n for _, n in by_kind.values())


def digest_tree(out: Path) -> dict[str, str]:
    """sha256 of every file below ``out`` by relative path."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def edit_one(site: Path) -> Path:
    """Append a sentence to the last paragraph of the middle article; its path."""
    files = sorted((site / "content").glob("*.txt"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + " An editor added this sentence.\n", encoding="utf-8")
    return path


def show(label: str, result: dict) -> None:
    """Print one build's figures."""
    print(f"\n{label}: {result['wall']:.1f} s wall; peak RSS {result['peak_main'] / 2**20:,.0f} MiB "
          f"(build process), {result['peak_tree'] / 2**20:,.0f} MiB (with its workers)")
    for name, seconds, counts in result["stages"]:
        print(f"  {name:<10} {float(seconds):7.2f} s  {counts}")
    if result["stages"]:
        rest = result["wall"] - sum(float(seconds) for _, seconds, _ in result["stages"])
        print(f"  {'other':<10} {rest:7.2f} s  wall minus the stages: start-up (imports, config, inputs digest)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--articles", type=int, default=None, help="the first N articles (default: all)")
    parser.add_argument("--site", type=Path, help="site folder to use and keep (default: a new one in /tmp)")
    parser.add_argument("--skip-first", action="store_true", help="the site is built already: start at the rebuild")
    args = parser.parse_args()
    tarball = corpus_path(args.corpus)
    site = args.site or Path(f"/tmp/archivist-scale-{tarball.name.split('.')[0]}-{args.articles or 'all'}")
    warm = (site / ".archivist-cache").exists()
    n = make_site(tarball, site, args.articles)
    print(f"{tarball.name}: {n} articles in {site}" + (" (annotation cache kept from an earlier run)" if warm else ""))
    if not args.skip_first:
        show("first build", run_build(site))
    show("unchanged rebuild", run_build(site))
    edited = edit_one(site)
    show(f"one article edited ({edited.name})", run_build(site))
    by_kind, largest, total, files = tree_report(site / "build")
    print(f"\noutput: {total / 1e6:,.1f} MB in {files:,} files; largest page {largest[0]} ({largest[1] / 1e3:,.0f} KB)")
    for kind, (size, count) in sorted(by_kind.items(), key=lambda kv: -kv[1][0]):
        print(f"  {kind:<22} {size / 1e6:9.1f} MB {count:9,} files")
    clean_out = site.parent / f"{site.name}-clean"
    shutil.rmtree(clean_out, ignore_errors=True)
    show("clean build of the edited site (--clean, annotations cached)",
         run_build(site, "--clean", "--output", str(clean_out)))
    a, b = digest_tree(site / "build"), digest_tree(clean_out)
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    print(f"\nincremental == clean: {'yes' if not differ else 'NO'} ({len(a):,} files"
          + (f"; {len(differ)} differ, e.g. {differ[:5]})" if differ else ")"))
    shutil.rmtree(clean_out, ignore_errors=True)


if __name__ == "__main__":
    main()
