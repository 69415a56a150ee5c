"""The annotation cache: round trip, keys that change with text, model and annotator, and every
kind of damage a warning naming the file (the damaged file set aside, never deleted)."""

from __future__ import annotations

import os
import re
import sqlite3

import pytest

from archivist.annotate import cache as cache_module
from archivist.annotate.cache import AnnotationCache, cache_key
from archivist.annotate.model import available_model, model_version
from archivist.annotate.pipeline import annotator_version
from archivist.models import Annotation, Mention, Quote, Span


def test_round_trip(tmp_path):
    ann = Annotation(mentions=(Mention(0, 6, "Peskov", "PERSON", "Dmitry Peskov", "person", "Kremlin spokesperson"),),
                     quotes=(Quote(10, 20, '"x"', "Dmitry Peskov", Span(0, 6, "Peskov"), "said", "direct", None),))
    with AnnotationCache(tmp_path / "c.sqlite3") as cache:
        cache.put_many({"k": ann})
    with AnnotationCache(tmp_path / "c.sqlite3") as cache:
        assert cache.get_many(["k", "missing"]) == {"k": ann}


def test_keys_depend_on_text_model_and_annotator():
    base = cache_key("text", "m-1", "a1")
    assert len({base, cache_key("text2", "m-1", "a1"), cache_key("text", "m-2", "a1"),
                cache_key("text", "m-1", "a2")}) == 4
    assert cache_key("text", "m-1", "a1") == base


def test_model_version_is_read_without_loading_the_model():
    name = available_model()
    assert model_version(name).startswith(name + "-3.8")
    assert re.fullmatch("[0-9a-f]{16}", annotator_version())


ANN = Annotation(mentions=(Mention(0, 6, "Peskov", "PERSON", "Dmitry Peskov", "person"),), quotes=())
ROOT_USER = os.geteuid() == 0  # root reads and writes whatever the permissions say


def cache_at(tmp_path):
    return tmp_path / ".archivist-cache" / "annotations.sqlite3"


def filled(path):
    with AnnotationCache(path) as cache:
        cache.put_many({"k": ANN})
    return path


def damage_garbage(path):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database\x00" * 100)


def damage_schema(path):
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE other (a, b)")


def damage_columns(path):
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE annotations (key TEXT, value TEXT, extra)")


def damage_truncated(path):
    filled(path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))


@pytest.mark.parametrize("damage, why", [
    (damage_garbage, "file is not a database"),
    (damage_schema, "another schema: tables other"),
    (damage_columns, "another schema: tables annotations"),
    (damage_truncated, "database disk image is malformed"),
])
def test_a_damaged_file_is_set_aside_and_rebuilt(tmp_path, damage, why):
    path = cache_at(tmp_path)
    damage(path)
    before = path.read_bytes()
    logged = []
    with AnnotationCache(path, log=logged.append) as cache:
        assert cache.get_many(["k"]) == {}
        cache.put_many({"k": ANN})
        assert cache.get_many(["k"]) == {"k": ANN}
    aside = path.with_name("annotations.sqlite3.corrupt-1")
    assert aside.read_bytes() == before  # kept, never deleted
    assert cache.warnings == [f"cache {path} is damaged ({why}); set aside as {aside} and rebuilt"]
    assert logged == ["warning: " + cache.warnings[0]]
    with AnnotationCache(path) as cache:  # the rebuilt cache holds what was put
        assert cache.get_many(["k"]) == {"k": ANN} and cache.warnings == []


def test_the_second_damage_gets_the_next_number(tmp_path):
    path = cache_at(tmp_path)
    damage_garbage(path)
    path.with_name("annotations.sqlite3.corrupt-1").write_text("an earlier one")
    cache = AnnotationCache(path)
    cache.close()
    assert path.with_name("annotations.sqlite3.corrupt-1").read_text() == "an earlier one"
    assert path.with_name("annotations.sqlite3.corrupt-2").exists()
    assert cache.warnings[0].endswith("set aside as " + str(path.with_name("annotations.sqlite3.corrupt-2"))
                                      + " and rebuilt")


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", '{"entities": [{"start": 1}]}', '"text"', "null", "7",
                                  '{"entities": 3}', "[" * 10_000])
def test_a_bad_row_is_a_miss(tmp_path, data):
    path = filled(tmp_path / "c.sqlite3")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO annotations VALUES ('bad', ?)", (data,))
    with AnnotationCache(path) as cache:
        assert cache.get_many(["k", "bad"]) == {"k": ANN}
        assert cache.warnings == []


def test_a_cache_folder_that_is_a_file_is_set_aside(tmp_path):
    path = cache_at(tmp_path)
    path.parent.write_text("someone's notes")
    with AnnotationCache(path) as cache:
        cache.put_many({"k": ANN})
        assert cache.get_many(["k"]) == {"k": ANN}
    aside = tmp_path / ".archivist-cache.corrupt-1"
    assert aside.read_text() == "someone's notes"
    assert cache.warnings == [f"cache folder {path.parent} is not a folder; set aside as {aside} and rebuilt"]


def test_a_locked_database_is_not_touched(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "_LOCK_TIMEOUT", 0.05)  # the build waits 2 s for the other process
    path = filled(cache_at(tmp_path))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with AnnotationCache(path) as cache:
            assert cache.get_many(["k"]) == {}
            cache.put_many({"k2": ANN})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cache.warnings == [f"cache {path} cannot be opened (database is locked); building without the cache"]
    assert not path.with_name("annotations.sqlite3.corrupt-1").exists()
    with AnnotationCache(path) as cache:
        assert cache.get_many(["k", "k2"]) == {"k": ANN}


@pytest.mark.skipif(ROOT_USER, reason="root ignores file permissions")
def test_a_read_only_cache_is_read_but_not_written(tmp_path):
    path = filled(cache_at(tmp_path))
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with AnnotationCache(path) as cache:
            assert cache.get_many(["k"]) == {"k": ANN}
            cache.put_many({"k2": ANN})
            cache.put_many({"k3": ANN})
        assert len(cache.warnings) == 1 and "cannot be written" in cache.warnings[0]
    finally:
        path.parent.chmod(0o755)


@pytest.mark.skipif(ROOT_USER, reason="root ignores file permissions")
def test_an_unwritable_folder_means_no_cache(tmp_path):
    (tmp_path / "ro").mkdir(mode=0o555)
    try:
        with AnnotationCache(tmp_path / "ro" / ".archivist-cache" / "a.sqlite3") as cache:
            assert cache.get_many(["k"]) == {}
            cache.put_many({"k": ANN})
        assert len(cache.warnings) == 1 and "cannot be created" in cache.warnings[0]
    finally:
        (tmp_path / "ro").chmod(0o755)


def test_a_cache_under_a_file_means_no_cache(tmp_path):
    (tmp_path / "plain").write_text("x")
    with AnnotationCache(tmp_path / "plain" / "deeper" / "a.sqlite3") as cache:
        assert cache.get_many(["k"]) == {}
        cache.put_many({"k": ANN})
    assert len(cache.warnings) == 1 and "cannot be created" in cache.warnings[0]
    assert (tmp_path / "plain").read_text() == "x"


def test_a_cache_file_that_is_a_folder_or_a_broken_folder_link(tmp_path):
    path = cache_at(tmp_path)
    path.mkdir(parents=True)
    with AnnotationCache(path) as cache:
        cache.put_many({"k": ANN})
        assert cache.get_many(["k"]) == {"k": ANN}
    assert cache.warnings == [f"cache {path} is damaged (a folder, not a file); set aside as {path}.corrupt-1 and rebuilt"]
    other = tmp_path / "other" / ".archivist-cache"
    other.parent.mkdir()
    other.symlink_to("nowhere")
    with AnnotationCache(other / "a.sqlite3") as cache:
        cache.put_many({"k": ANN})
        assert cache.get_many(["k"]) == {"k": ANN}
    assert cache.warnings == [f"cache folder {other} is not a folder; set aside as {other}.corrupt-1 and rebuilt"]
