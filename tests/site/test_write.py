"""The write stage: all or nothing, only over archivist's own folders, and only what changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from archivist.site import write
from archivist.site.write import (MARKER, OutputError, Protected, keep_json, kept_json, staged_output, write_files,
                                  write_new_folder)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built(out: Path, files: dict[str, bytes], clean: bool = False) -> write.Staging:
    """One build of ``files`` (the whole site) into ``out``; its Staging."""
    with staged_output(out, clean) as staging:
        staging.write(files)
        staging.keep_only(files.keys())
    return staging


SITE = {"index.html": b"home", "a/index.html": b"page a", "a/b/index.html": b"deep", "feed.xml": b"<feed/>"}


def test_success_replaces_the_output_and_leaves_only_the_spare_beside_it(tmp_path):
    out = tmp_path / "build"
    built(out, {"old.html": b"old"})
    built(out, {"index.html": b"new", "a/b/index.html": b"deep"})
    assert files_of(out) == {MARKER: write.MARKER_TEXT, "a/b/index.html": b"deep", "index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


def test_failure_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "build"
    built(out, {"index.html": b"previous"})
    with pytest.raises(RuntimeError):
        with staged_output(out) as staging:
            staging.write({"index.html": b"half"})
            raise RuntimeError("indexing failed")
    assert files_of(out)["index.html"] == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


@pytest.mark.parametrize("rel", ["../evil.html", "/etc/evil", "a/../../evil", "./", "a\\..\\evil", MARKER])
def test_refuses_paths_outside_the_output(tmp_path, rel):
    with pytest.raises(ValueError):
        with staged_output(tmp_path / "build") as staging:
            staging.write({rel: b"x"})
    with pytest.raises(ValueError, match="outside"):
        write_files(tmp_path, {"../evil.html": b"x"})
    assert [p.name for p in tmp_path.iterdir()] == []


def test_a_killed_build_s_marked_leftovers_are_cleaned_and_others_kept(tmp_path):
    out = tmp_path / "build"
    ours = tmp_path / ".build.staging-999999999"
    ours.mkdir()
    (ours / MARKER).write_bytes(write.MARKER_TEXT)
    (ours / "index.html").write_text("half")
    (tmp_path / ".build.staging-4").mkdir()  # empty: nothing to lose
    theirs = tmp_path / ".build.staging-5"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("a user's file under a name like ours")
    built(out, {"index.html": b"x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", ".build.staging-5", "build"]
    assert (theirs / "notes.txt").exists()


def test_an_old_copy_without_an_output_is_put_back(tmp_path):
    # A kill between the two renames of the fallback swap leaves just the old copy.
    out = tmp_path / "build"
    built(out, SITE)
    os.rename(out, tmp_path / ".build.old-77")
    with write.claim_output(out):
        assert files_of(out)[MARKER] and files_of(out)["a/index.html"] == b"page a"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


def test_the_fallback_of_two_renames_swaps_too(tmp_path, monkeypatch):
    monkeypatch.setattr(write, "_RENAMEAT2", None)
    out = tmp_path / "build"
    built(out, SITE)
    built(out, {**SITE, "index.html": b"home 2"})
    assert files_of(out)["index.html"] == b"home 2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


def test_the_swap_is_one_exchange(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    before = os.stat(out).st_ino
    built(out, {**SITE, "index.html": b"home 2"})
    assert os.stat(out).st_ino != before and files_of(out)["index.html"] == b"home 2"


# The hard-link farm: only what changed is written or removed.

def test_one_changed_file_writes_one_file_and_the_rest_stay_the_same_inodes(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    inodes = {rel: os.stat(out / rel).st_ino for rel in SITE}
    staging = built(out, {**SITE, "a/index.html": b"page a, edited"})
    assert (staging.written, staging.removed) == (1, 0)
    assert {rel for rel in SITE if os.stat(out / rel).st_ino != inodes[rel]} == {"a/index.html"}


def test_the_previous_output_s_file_is_never_modified_in_place(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    kept = tmp_path / "kept"
    os.link(out / "index.html", kept)  # a reader of the old site, or the old output mid-swap
    built(out, {**SITE, "index.html": b"new home"})
    assert kept.read_bytes() == b"home" and (out / "index.html").read_bytes() == b"new home"


def test_a_page_the_new_build_lacks_is_removed_with_its_emptied_folders(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    staging = built(out, {k: v for k, v in SITE.items() if not k.startswith("a/")})
    assert (staging.written, staging.removed) == (0, 2)
    assert sorted(files_of(out)) == [MARKER, "feed.xml", "index.html"] and not (out / "a").exists()


def test_a_partial_write_keeps_the_other_files_and_keep_spares_a_later_stage_s_folder(tmp_path):
    out = tmp_path / "build"
    built(out, {**SITE, "pagefind/pagefind.js": b"js"})
    with staged_output(out) as staging:
        assert staging.write({"feed.xml": b"<feed>2</feed>"}) == 1
        assert staging.keep_only(SITE.keys(), keep=("pagefind",)) == 0
        assert staging.missing([*SITE, "gone/index.html"]) == {"gone/index.html"}
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE, "feed.xml": b"<feed>2</feed>",
                             "pagefind/pagefind.js": b"js"}


def test_the_spare_s_journal_lists_only_the_files_a_later_stage_replaced(tmp_path):
    # the search bundle: a file Pagefind rewrote (a new file renamed over the old) differs; the files
    # it left are the same file in both trees and are not synced again by the next build
    out = tmp_path / "build"
    built(out, {**SITE, "pagefind/kept.pf": b"kept", "pagefind/shard.pf": b"old", "pagefind/gone.pf": b"gone"})
    with staged_output(out) as staging:
        staging.write({"feed.xml": b"<feed>3</feed>"})
        root = staging.root
        (root / "pagefind" / "new.pf").write_bytes(b"new")
        (root / "pagefind" / "shard.tmp").write_bytes(b"rewritten")
        os.replace(root / "pagefind" / "shard.tmp", root / "pagefind" / "shard.pf")
        (root / "pagefind" / "gone.pf").unlink()
        staging.keep_only([*SITE, "feed.xml"], keep=("pagefind",))
    journal = json.loads((tmp_path / ".build.spare" / write.SPARE_JOURNAL).read_text(encoding="utf-8"))
    assert sorted(journal["differs"]) == ["feed.xml", "pagefind/gone.pf", "pagefind/new.pf", "pagefind/shard.pf"]
    with staged_output(out) as staging:  # the spare, synced at those paths only, is the next staging folder
        staging.write({"feed.xml": b"<feed>4</feed>"})
        staging.keep_only([*SITE, "feed.xml"], keep=("pagefind",))
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE, "feed.xml": b"<feed>4</feed>",
                             "pagefind/kept.pf": b"kept", "pagefind/new.pf": b"new", "pagefind/shard.pf": b"rewritten"}


def test_nothing_changed_leaves_the_output_as_it_is(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    before = {p: os.stat(p).st_ino for p in [out, *out.rglob("*")]}
    staging = built(out, dict(SITE))
    assert not staging.changed and not staging.path.exists()
    assert {p: os.stat(p).st_ino for p in [out, *out.rglob("*")]} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


def test_clean_and_incremental_builds_give_the_same_bytes(tmp_path):
    first = {**SITE, "x/index.html": b"a folder", "y": b"a file"}
    second = {**SITE, "x": b"now a file", "y/index.html": b"now a folder", "a/index.html": b"edited"}
    del second["a/b/index.html"]
    built(tmp_path / "inc", first)
    built(tmp_path / "inc", second)
    built(tmp_path / "clean", first)
    built(tmp_path / "clean", second, clean=True)
    assert files_of(tmp_path / "inc") == files_of(tmp_path / "clean") == {MARKER: write.MARKER_TEXT, **second}
    assert sorted(str(p.relative_to(tmp_path / "inc")) for p in (tmp_path / "inc").rglob("*")) == sorted(
        str(p.relative_to(tmp_path / "clean")) for p in (tmp_path / "clean").rglob("*"))
    mode = {os.stat(p).st_mode for p in (tmp_path / "inc").rglob("*") if p.is_file()}
    assert len(mode) == 1  # new files get the umask's mode, like any file


def test_the_spare_becomes_the_next_staging_folder_and_every_build_equals_a_clean_one(tmp_path):
    # Builds that add, edit and remove files, turn a file into a folder and back: each one's
    # output, made from the spare the one before kept, has the bytes of a clean build.
    builds = [SITE, {**SITE, "x": b"file"}, {**SITE, "x/index.html": b"folder"}, {"index.html": b"home 2"},
              {**SITE, "x": b"file again", "new/deep/page.html": b"new"}, {"index.html": b"home 2"}]
    out = tmp_path / "build"
    folders = []
    for n, files in enumerate(builds):
        built(out, files)
        built(tmp_path / f"clean-{n}", files, clean=True)
        assert files_of(out) == files_of(tmp_path / f"clean-{n}") == {MARKER: write.MARKER_TEXT, **files}
        assert sorted(p.relative_to(out) for p in out.rglob("*")) == sorted(
            p.relative_to(tmp_path / f"clean-{n}") for p in (tmp_path / f"clean-{n}").rglob("*"))
        folders.append(os.stat(out).st_ino)
    assert folders[2:] == folders[:-2]  # two folders, exchanged build after build: no farm, nothing freed
    spare = tmp_path / ".build.spare"
    assert (spare / ".gitignore").read_bytes() == b"*\n" and not (out / ".gitignore").exists()


def test_what_a_later_stage_writes_into_root_is_known_to_the_next_build(tmp_path):
    # Pagefind writes its bundle into root itself; a build without search must then remove it.
    def build_with_bundle(out, files, bundle, clean=False):
        with staged_output(out, clean) as staging:
            staging.write(files)
            staging.keep_only(files.keys(), keep=("pagefind",) if bundle is not None else ())
            if bundle is not None:
                shutil.rmtree(staging.root / "pagefind", ignore_errors=True)
                write_files(staging.root / "pagefind", bundle)
    steps = [(SITE, {"a.js": b"1", "f/x.pf": b"2"}), ({**SITE, "index.html": b"2"}, {"a.js": b"1", "f/y.pf": b"3"}),
             ({**SITE, "index.html": b"3"}, None), ({**SITE, "index.html": b"4"}, {"a.js": b"4"})]
    for n, (files, bundle) in enumerate(steps):
        build_with_bundle(tmp_path / "inc", files, bundle)
        build_with_bundle(tmp_path / f"clean-{n}", files, bundle, clean=True)
        assert files_of(tmp_path / "inc") == files_of(tmp_path / f"clean-{n}"), n
        assert sorted(p.relative_to(tmp_path / "inc") for p in (tmp_path / "inc").rglob("*")) == sorted(
            p.relative_to(tmp_path / f"clean-{n}") for p in (tmp_path / f"clean-{n}").rglob("*")), n


def test_a_failed_build_s_staging_folder_is_the_next_one_s_spare(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    spare = os.stat(tmp_path / ".build.spare").st_ino  # a first build's spare: a farm of it
    with pytest.raises(RuntimeError):
        with staged_output(out) as staging:
            staging.write({"index.html": b"half", "new.html": b"new"})
            staging.keep_only(["index.html", "new.html"])
            raise RuntimeError("indexing failed")
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE}
    assert os.stat(tmp_path / ".build.spare").st_ino == spare
    built(out, {**SITE, "feed.xml": b"<feed>2</feed>"})
    assert os.stat(out).st_ino == spare  # the spare, brought up to date, was swapped in: no farm
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE, "feed.xml": b"<feed>2</feed>"}


def test_a_spare_that_no_longer_pairs_with_the_output_is_not_used(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    built(out, {**SITE, "index.html": b"home 2"})
    (tmp_path / ".build.spare" / "a" / "index.html").unlink()  # a spare gone wrong
    shutil.copytree(out, tmp_path / "copy")
    shutil.rmtree(out)
    os.rename(tmp_path / "copy", out)  # the output replaced (restored from a backup, say)
    built(out, {**SITE, "index.html": b"home 3"})
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE, "index.html": b"home 3"}
    (tmp_path / ".build.spare" / write.SPARE_JOURNAL).write_text("{not json")
    built(out, {**SITE, "index.html": b"home 4"})
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE, "index.html": b"home 4"}


# Refusals and OS errors: one line naming the path, nothing changed.

def test_an_output_with_a_user_s_files_and_no_marker_is_refused(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(OutputError, match=f"refusing to replace {out}: it holds files archivist did not write"):
        built(out, SITE)
    assert files_of(out) == {"thesis.tex": b"years of work"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


@pytest.mark.parametrize("output, refusal", [
    ("site", "is the site folder"), (".", "holds the site folder"), ("site/content/..", "is the site folder"),
    ("site/content", "is the content folder"), ("site/content/x", "lies inside the content folder"),
    ("site/content/x/..", "is the content folder")])
def test_an_output_that_is_holds_or_lies_inside_a_protected_folder_is_refused(tmp_path, output, refusal):
    (tmp_path / "site" / "content").mkdir(parents=True)
    protected = [Protected("the site folder", tmp_path / "site", holds_ok=True),
                 Protected("the content folder", tmp_path / "site" / "content")]
    with pytest.raises(OutputError, match=f"it {refusal}"):
        write.check_output(tmp_path / output, protected)


def test_a_second_claim_from_another_process_fails_at_once_naming_the_first(tmp_path):
    out = tmp_path / "build"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from archivist.site.write import claim_output
        with claim_output({str(out)!r}):
            print("locked", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(OutputError, match=rf"another build of {out} is running \(pid {holder.pid}\)"):
            built(out, SITE)
    finally:
        holder.communicate("")
    assert holder.returncode == 0
    built(out, SITE)  # released: the lock file went with it
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


def test_a_name_too_long_is_one_line_naming_the_path_and_the_output_stays(tmp_path):
    out = tmp_path / "build"
    built(out, SITE)
    with pytest.raises(OutputError) as e:
        built(out, {**SITE, "articles/" + "x" * 300 + "/index.html": b"page"})
    assert "File name too long" in str(e.value) and "x" * 300 in str(e.value) and "\n" not in str(e.value)
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.spare", "build"]


_DRIVER = """
import os, resource, signal, sys
from pathlib import Path
from archivist.site.write import OutputError, staged_output
out, how = Path(sys.argv[1]), sys.argv[2]
if how == "unwritable":  # root may write anywhere: be nobody
    os.setgid(65534); os.setuid(65534)
elif how == "full":  # a file past the size limit fails as on a full disk
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
try:
    with staged_output(out) as staging:
        staging.write({"index.html": b"new", "big.html": b"x" * 5000})
except OutputError as e:
    print(e)
"""


@pytest.mark.parametrize("how, error", [("unwritable", "Permission denied"), ("full", "File too large")])
def test_an_os_error_is_one_line_naming_the_path_and_the_output_stays(how, error):
    with tempfile.TemporaryDirectory(dir="/tmp") as tmp:  # a folder others may enter (pytest's are private)
        os.chmod(tmp, 0o755)
        _os_error_case(Path(tmp) / "www", how, error)


def _os_error_case(parent: Path, how: str, error: str) -> None:
    out = parent / "build"
    built(out, SITE)
    done = subprocess.run([sys.executable, "-c", _DRIVER, str(out), how], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    line = done.stdout.strip()
    assert error in line and str(parent) in line and "\n" not in line
    assert files_of(out) == {MARKER: write.MARKER_TEXT, **SITE}
    assert sorted(p.name for p in parent.iterdir()) == [".build.spare", "build"]


def test_syncing_a_file_onto_a_link_to_it_leaves_no_temporary_file(tmp_path):
    """rename() of two links to one file does nothing (POSIX): the temporary link must still go.
    (The search index's kept shards, synced into the spare, each kept one in every folder.)"""
    from archivist.site.write import _sync

    source, root = tmp_path / "live", tmp_path / "spare"
    (source / "pagefind" / "s").mkdir(parents=True)
    (root / "pagefind" / "s").mkdir(parents=True)
    (source / "pagefind" / "s" / "a.pf").write_bytes(b"index")
    os.link(source / "pagefind" / "s" / "a.pf", root / "pagefind" / "s" / "a.pf")
    _sync(root, source, "pagefind/s/a.pf")
    assert sorted(p.name for p in (root / "pagefind" / "s").iterdir()) == ["a.pf"]
    assert (root / "pagefind" / "s" / "a.pf").read_bytes() == b"index"


def test_keep_json_writes_the_data_and_a_failure_costs_nothing(tmp_path):
    target = tmp_path / "cache" / "memo.json"
    keep_json(target, {"pages": {"a.html": [1, 2]}})
    assert json.loads(target.read_text(encoding="utf-8")) == {"pages": {"a.html": [1, 2]}}
    assert sorted(p.name for p in target.parent.iterdir()) == ["memo.json"]  # no temporary file left
    blocker = tmp_path / "file"
    blocker.write_text("x")
    keep_json(blocker / "memo.json", {"a": 1})  # its folder cannot be made: no error, nothing written
    assert blocker.read_text() == "x"


def test_kept_json_reads_only_a_file_of_its_tag_and_shape(tmp_path):
    path = tmp_path / "memo.json"
    assert kept_json(path, "scheme", "s-1", "files") is None  # missing
    keep_json(path, {"scheme": "s-1", "files": {"a.txt": ["k", "d"]}})
    assert kept_json(path, "scheme", "s-1", "files") == {"a.txt": ["k", "d"]}
    assert kept_json(path, "scheme", "s-2", "files") is None  # made for another scheme
    assert kept_json(path, "scheme", "s-1", "pages") is None  # no such field
    keep_json(path, {"scheme": "s-1", "files": ["a.txt"]})
    assert kept_json(path, "scheme", "s-1", "files") is None  # another shape
    path.write_text("{not json", encoding="utf-8")
    assert kept_json(path, "scheme", "s-1", "files") is None  # damaged
    path.write_text("[1, 2]", encoding="utf-8")
    assert kept_json(path, "scheme", "s-1", "files") is None


def test_a_new_folder_links_what_an_earlier_version_holds_the_same(tmp_path):
    old = tmp_path / "old"
    write_files(old, {"a/same.txt": b"same", "a/changed.txt": b"before", "top.txt": b"top"})
    new = tmp_path / "new"
    files = {"a/same.txt": b"same", "a/changed.txt": b"after", "top.txt": b"top", "b/c/added.txt": b"new"}
    assert write_new_folder(new, files, like=[tmp_path / "missing", old]) == 4
    assert (new / "a/same.txt").stat().st_ino == (old / "a/same.txt").stat().st_ino
    assert (new / "top.txt").stat().st_ino == (old / "top.txt").stat().st_ino
    assert (new / "a/changed.txt").read_bytes() == b"after" and (old / "a/changed.txt").read_bytes() == b"before"
    assert (new / "a/changed.txt").stat().st_ino != (old / "a/changed.txt").stat().st_ino
    assert (new / "b/c/added.txt").read_bytes() == b"new"
    assert sorted(p.relative_to(new).as_posix() for p in new.rglob("*")) == [
        "a", "a/changed.txt", "a/same.txt", "b", "b/c", "b/c/added.txt", "top.txt"]
    with pytest.raises(FileExistsError):  # only a new folder: an existing one may be a link to the live output's
        write_new_folder(new, {"x": b"x"})
