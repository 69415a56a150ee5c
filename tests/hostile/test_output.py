"""Hostile output folders and faults: archivist never loses a file it did not write, and build/ is always whole.

- Refusals: an output folder that is, holds or lies inside the site's own folders, ``/`` or
  the home folder, a folder of someone else's files, a symbolic link or a file is refused before
  any work, and nothing on disk changes (the tree is compared byte for byte before and after).
- Faults: a real ``archivist build`` is killed with SIGKILL at each moment of a build
  (``ARCHIVIST_FAULT_PAUSE`` holds it there); build/ is then the complete old site (or, after the
  swap, the complete new one), and the next build succeeds and leaves nothing behind.
- Two builds at once: the second fails at once naming the first, which completes.

The sites are three short articles; one build fills the annotation cache that every test copies.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from archivist.build import BuildError, build
from archivist.config import ConfigError
from archivist.site.render import default_theme_dir
from archivist.site.write import FAULT_FILE, FAULT_PAUSE, MARKER

ARTICLES = {
    "a.txt": 'Talks end\n20240101\nhttps://www.example.org/a\n"We are done," Jane Smith said on Monday in Paris.\n',
    "b.txt": "Harbour reopens\n20240102\nhttps://www.example.org/b\nThe Port Authority said repairs cost less.\n",
    "c.txt": "Budget passes\n20240103\nhttps://www.example.org/c\nMayor John Doe said the budget is final.\n",
}
EDITED = ("a.txt", 'Talks resume\n20240101\nhttps://www.example.org/a\n"We are back," Jane Smith said in Paris.\n')
SITE_ENTRIES = [".archivist-cache", "build", "content", "site.toml"]
SPARE = ".build.spare"  # the output before, kept to become the next build's staging folder


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry below ``folder``: files with their bytes, folders as None, links as their target."""
    out: dict[str, bytes | None] = {}
    for path in sorted(Path(folder).rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = (b"-> " + os.readlink(path).encode()) if path.is_symlink() else (
            None if path.is_dir() else path.read_bytes())
    return out


def make_site(folder: Path, search: bool) -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "site.toml").write_text(f'title = "Tiny"\n\n[search]\nenabled = {str(search).lower()}\n')
    for name, text in ARTICLES.items():
        (folder / "content" / name).write_text(text)
    return folder


def quiet_build(site: Path, **kwargs):
    return build(site, progress=False, log=lambda _: None, **kwargs)


@dataclass(frozen=True)
class Warm:
    """A built site whose cache holds the annotations of both versions of a.txt; its build/ and the edited one."""

    site: Path
    old: dict
    new: dict


def _warm(tmp_path_factory, search: bool) -> Warm:
    base = tmp_path_factory.mktemp("search" if search else "plain")
    site = make_site(base / "site", search)
    quiet_build(site)
    edited = base / "edited"
    shutil.copytree(site, edited, symlinks=True)
    (edited / "content" / EDITED[0]).write_text(EDITED[1])
    quiet_build(edited)
    shutil.rmtree(site / ".archivist-cache")
    shutil.copytree(edited / ".archivist-cache", site / ".archivist-cache")
    return Warm(site, tree(site / "build"), tree(edited / "build"))


@pytest.fixture(scope="module")
def warm(tmp_path_factory, nlp) -> Warm:
    return _warm(tmp_path_factory, search=False)


@pytest.fixture(scope="module")
def warm_search(tmp_path_factory, nlp) -> Warm:
    return _warm(tmp_path_factory, search=True)


def copy_site(warm: Warm, folder: Path, edit: bool = False) -> Path:
    site = folder / "site"
    shutil.copytree(warm.site, site, symlinks=True)
    if edit:
        (site / "content" / EDITED[0]).write_text(EDITED[1])
    return site


# Refusals: nothing lost.

def _set(site: Path, key: str, value: str) -> None:
    text = (site / "site.toml").read_text()
    (site / "site.toml").write_text(f"{key} = {value!r}\n".replace("'", '"') + text)


def _theme(site: Path) -> None:
    (site / "themes" / "default").mkdir(parents=True)
    (site / "themes" / "default" / "base.css").write_text("/* the designer's work */")


def _users_folder(site: Path) -> None:
    (site / "docs").mkdir()
    (site / "docs" / "thesis.tex").write_text("years of work")


def _link(site: Path) -> None:
    shutil.copytree(site / "build", site.parent / "elsewhere")  # a marked build, reached through a link
    (site / "out").symlink_to(site.parent / "elsewhere")


#: (case, site.toml's output_dir (None: the --output given), --output, what to set up, the refusal)
REFUSED = [
    ("output_dir = '.'", ".", None, None, "is the site folder"),
    ("output_dir = ''", "", None, None, "is the site folder"),
    ("output_dir = 'content'", "content", None, None, "is the content folder"),
    ("output_dir = '..'", "..", None, None, "holds the site folder"),
    ("output_dir = 'content/build'", "content/build", None, None, "lies inside the content folder"),
    ("output_dir = 'themes'", "themes", None, _theme, "is the themes folder"),
    ("output_dir = 'themes/default'", "themes/default", None, _theme, "is the themes folder|lies inside the themes"),
    ("output_dir = '.archivist-cache'", ".archivist-cache", None, None, "is the annotation cache"),
    ("output_dir = '.archivist-cache/x'", ".archivist-cache/x", None, None, "lies inside the annotation cache"),
    ("content_dir = '.' (build/ inside it)", None, None, lambda s: _set(s, "content_dir", "."),
     "lies inside the content folder"),
    ("--output . (in the site)", None, ".", None, "is the site folder"),
    ("--output <the site's parent>", None, "..", None, "holds the site folder"),
    ("--output <the default theme>", None, str(default_theme_dir()), None, "is archivist's default theme"),
    ("--output docs (a user's file, no marker)", None, "docs", _users_folder, "holds files archivist did not write"),
    ("--output out (a link to a marked build)", None, "out", _link, "is a symbolic link"),
    ("--output site.toml (a file)", None, "site.toml", None, "is a file"),
]


@pytest.mark.parametrize("case, output_dir, output, setup, refusal", REFUSED, ids=[c[0] for c in REFUSED])
def test_an_output_archivist_did_not_write_is_refused_and_nothing_changes(warm, tmp_path, monkeypatch, case,
                                                                          output_dir, output, setup, refusal):
    site = copy_site(warm, tmp_path, edit=True)
    if output_dir is not None:
        _set(site, "output_dir", output_dir)
    if setup:
        setup(site)
    monkeypatch.chdir(site)
    before = tree(tmp_path)
    with pytest.raises((BuildError, ConfigError)) as e:
        build(".", output_dir=output, progress=False, log=lambda _: None)
    if isinstance(e.value, BuildError):
        assert __import__("re").search(refusal, str(e.value)) and "\n" not in str(e.value), str(e.value)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("where, refusal", [("/", "is the root folder"), ("~", "is your home folder")])
def test_the_root_and_home_folders_are_refused_before_any_work(warm, tmp_path, where, refusal):
    site = copy_site(warm, tmp_path, edit=True)
    target = Path(where).expanduser()
    before, listing = tree(tmp_path), sorted(os.listdir(target))
    with pytest.raises(BuildError, match=refusal):
        quiet_build(site, output_dir=target)
    assert tree(tmp_path) == before and sorted(os.listdir(target)) == listing


def test_the_command_line_says_why_in_one_line(warm, tmp_path):
    site = copy_site(warm, tmp_path)
    before = tree(tmp_path)
    done = subprocess.run([sys.executable, "-m", "archivist", "build", "--output", ".", "-q"], cwd=site,
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"error: refusing to build into {site}: it is the site folder")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert tree(tmp_path) == before


@pytest.mark.parametrize("case", ["an empty folder", "a marked folder", "a missing folder"])
def test_an_empty_or_marked_or_missing_folder_is_replaced(warm, tmp_path, case):
    site = copy_site(warm, tmp_path, edit=True)
    out = tmp_path / "www" / "archive"
    if case == "an empty folder":
        out.mkdir(parents=True)
    elif case == "a marked folder":
        shutil.copytree(site / "build", out)
        (out / "stale.html").write_text("a page of an older build")
    quiet_build(site, output_dir=out)
    assert tree(out) == warm.new
    assert sorted(os.listdir(out.parent)) in (["archive"], [".archive.spare", "archive"])


# Faults: build/ is always a whole site.

def run_until(site: Path, point: str, tmp_path: Path, driver: list[str] | None = None) -> subprocess.Popen:
    """Start ``archivist build`` of ``site`` and return once it is paused at ``point``."""
    flag = tmp_path / "paused"
    env = {**os.environ, FAULT_PAUSE: point, FAULT_FILE: str(flag)}
    cmd = [sys.executable, *(driver or ["-m", "archivist"]), "build", "--site", str(site), "-q"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    while not flag.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the build did not pause at {point!r}: {proc.communicate()[0]}")
        time.sleep(0.02)
    return proc


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL


def leftovers(site: Path) -> list[str]:
    """What lies in the site folder beside its own entries, the output and its spare."""
    return sorted(set(os.listdir(site)) - {*SITE_ENTRIES, SPARE})


def assert_next_build_succeeds_and_cleans_up(site: Path, warm: Warm) -> None:
    quiet_build(site)
    assert tree(site / "build") == warm.new
    assert leftovers(site) == [] and set(SITE_ENTRIES) <= set(os.listdir(site))


#: (moment, fault point, what build/ holds after the kill)
KILLS = [  # "annotate", "render" and "write" fault points hold the same state on disk as their neighbours
    ("annotate (after load)", "load", "old"),
    ("render (after aggregate)", "aggregate", "old"),
    ("write (its first file written)", "writing", "old"),
    ("swap (before the exchange)", "swap", "old"),
    ("swap (exchanged, the old copy not yet removed)", "swapped", "new"),
]


@pytest.mark.parametrize("moment, point, holds", KILLS, ids=[k[0] for k in KILLS])
def test_a_build_killed_at_any_moment_leaves_a_whole_site(warm, tmp_path, moment, point, holds):
    site = copy_site(warm, tmp_path, edit=True)
    kill(run_until(site, point, tmp_path))
    assert tree(site / "build") == (warm.old if holds == "old" else warm.new)
    assert_next_build_succeeds_and_cleans_up(site, warm)


def test_a_build_with_search_killed_after_the_index_leaves_a_whole_site(warm_search, tmp_path):
    site = copy_site(warm_search, tmp_path, edit=True)
    kill(run_until(site, "index", tmp_path))  # Pagefind wrote its bundle into the staging folder
    assert tree(site / "build") == warm_search.old
    assert_next_build_succeeds_and_cleans_up(site, warm_search)


def test_without_an_atomic_exchange_a_kill_between_the_renames_is_repaired(warm, tmp_path):
    driver = ["-c", "import archivist.site.write as w; w._RENAMEAT2 = None; from archivist.cli import main; main()"]
    site = copy_site(warm, tmp_path, edit=True)
    proc = run_until(site, "renamed", tmp_path, driver)
    kill(proc)
    assert not (site / "build").exists()
    assert tree(site / f".build.old-{proc.pid}") == warm.old
    assert_next_build_succeeds_and_cleans_up(site, warm)


def test_a_second_build_fails_at_once_naming_the_first_which_completes(warm, tmp_path):
    site = copy_site(warm, tmp_path, edit=True)
    first = run_until(site, "load", tmp_path)
    try:
        with pytest.raises(BuildError, match=rf"another build of {site / 'build'} is running \(pid {first.pid}\)"):
            quiet_build(site)
        assert tree(site / "build") == warm.old
    finally:
        (tmp_path / "paused").unlink()
        output = first.communicate()[0]
    assert first.returncode == 0, output
    assert tree(site / "build") == warm.new
    assert leftovers(site) == []
