"""The annotation cache: round trip, and keys that change with text, model and annotator."""

from __future__ import annotations

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
    assert annotator_version() == annotator_version()
