"""Folder digests that reuse a file's content digest while its stat is unchanged."""

from __future__ import annotations

import json
import os
import time

import pytest

from archivist.site import stat_cache
from archivist.site.incremental import tree_files
from archivist.site.stat_cache import cache_file, folder_digest, walk_files


@pytest.fixture
def folder(tmp_path):
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "a.txt").write_text("alpha\n")
    (content / "sub" / "b.md").write_text("beta\n")
    (content / ".hidden").write_text("gamma\n")
    return content


def settle(monkeypatch) -> None:
    """Trust keys of files written a moment ago (the tests cannot wait RACY_NS), and let the clock tick."""
    monkeypatch.setattr(stat_cache, "RACY_NS", 0)
    time.sleep(0.05)


def test_the_walk_finds_the_files_tree_files_finds(folder, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_text("delta\n")
    os.symlink(outside / "c.txt", folder / "link.txt")  # a link to a file counts
    os.symlink(outside, folder / "linked-folder")  # a link to a folder is not followed
    os.symlink(tmp_path / "nowhere", folder / "dangling")
    walked = {rel for rel, _ in walk_files(folder)}
    assert walked == {p.relative_to(folder).as_posix() for p in tree_files(folder)}
    assert walked == {"a.txt", "sub/b.md", ".hidden", "link.txt"}
    assert list(walk_files(tmp_path / "missing")) == []


def test_a_cached_digest_equals_one_that_reads_every_file(folder, tmp_path, monkeypatch):
    settle(monkeypatch)
    cache = cache_file(tmp_path / "cache", folder)
    fresh = folder_digest(folder, None)
    assert folder_digest(folder, cache) == fresh  # records
    assert set(json.loads(cache.read_text())["files"]) == {"a.txt", "sub/b.md", ".hidden"}
    assert folder_digest(folder, cache) == fresh  # reuses


def test_a_file_whose_stat_is_recorded_is_not_read_again(folder, tmp_path, monkeypatch):
    settle(monkeypatch)
    cache = tmp_path / "stat.json"
    fresh = folder_digest(folder, cache)
    data = json.loads(cache.read_text())
    data["files"]["a.txt"][1] = "0" * 64  # a digest no read of a.txt gives: used only if a.txt is not read
    cache.write_text(json.dumps(data))
    assert folder_digest(folder, cache) != fresh


@pytest.mark.parametrize("edit", ["same size, mtime put back", "longer", "deleted", "added", "renamed"])
def test_every_edit_changes_the_digest_as_a_full_read_does(folder, tmp_path, monkeypatch, edit):
    settle(monkeypatch)
    cache = tmp_path / "stat.json"
    before = folder_digest(folder, cache)
    a = folder / "a.txt"
    if edit == "same size, mtime put back":  # what make and mtime-keyed SSGs miss: the ctime still moves
        st = a.stat()
        a.write_text("ALPHA\n")
        os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (a.stat().st_size, a.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    elif edit == "longer":
        a.write_text("alpha, longer\n")
    elif edit == "deleted":
        a.unlink()
    elif edit == "added":
        (folder / "sub" / "new.txt").write_text("new\n")
    else:
        a.rename(folder / "sub" / "a.txt")
    after = folder_digest(folder, cache)
    assert after == folder_digest(folder, None) != before


def test_a_file_changed_just_before_the_walk_is_read_again_next_time(folder, tmp_path):
    # Its ctime is within RACY_NS of the walk: another write in the same clock tick could keep its stat key.
    cache = tmp_path / "stat.json"
    folder_digest(folder, cache)
    assert not cache.exists() or json.loads(cache.read_text())["files"] == {}


@pytest.mark.parametrize("damage", ["", "not json", '{"scheme": "other", "files": {}}', "[1, 2]"])
def test_a_damaged_cache_reads_every_file(folder, tmp_path, monkeypatch, damage):
    settle(monkeypatch)
    cache = tmp_path / "stat.json"
    cache.write_text(damage)
    assert folder_digest(folder, cache) == folder_digest(folder, None)
    assert json.loads(cache.read_text())["scheme"] == stat_cache.SCHEME


def test_each_folder_has_its_own_cache_file(tmp_path):
    assert cache_file(tmp_path, tmp_path / "a") != cache_file(tmp_path, tmp_path / "b")
    assert cache_file(tmp_path, tmp_path / "a").parent == tmp_path
