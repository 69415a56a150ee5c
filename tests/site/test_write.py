"""The write stage: all or nothing, the previous output untouched on failure."""

from __future__ import annotations

import pytest

from archivist.site.write import staged_output, write_files


def test_success_replaces_the_output(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / "old.html").write_text("old")
    with staged_output(out) as stage:
        write_files(stage, {"index.html": b"new", "a/b/index.html": b"deep"})
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "a/b/index.html", "index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_failure_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / "index.html").write_text("previous")
    with pytest.raises(RuntimeError):
        with staged_output(out) as stage:
            write_files(stage, {"index.html": b"half"})
            raise RuntimeError("indexing failed")
    assert (out / "index.html").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["build"]


def test_refuses_paths_outside_the_output(tmp_path):
    with pytest.raises(ValueError, match="outside"):
        write_files(tmp_path, {"../evil.html": b"x"})


def test_a_killed_build_s_leftovers_are_cleaned(tmp_path):
    out = tmp_path / "build"
    (tmp_path / ".build.staging-999999999").mkdir()
    with staged_output(out) as stage:
        write_files(stage, {"index.html": b"x"})
    assert [p.name for p in tmp_path.iterdir()] == ["build"]
