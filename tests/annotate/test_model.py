"""Tests of archivist.annotate.model: which spaCy model is used and its version, without loading spaCy."""

from __future__ import annotations

import importlib.metadata

import pytest

from archivist.annotate import model
from archivist.annotate.model import DEFAULT_MODELS, ModelError, available_model, model_version


def test_without_a_preference_the_first_installed_default():
    name = available_model()
    assert name in DEFAULT_MODELS
    installed_before = [n for n in DEFAULT_MODELS[:DEFAULT_MODELS.index(name)] if available_model(n) == n]
    assert installed_before == []  # no default tried earlier is installed


def test_an_installed_preference_wins():
    name = available_model()
    assert available_model(name) == name


@pytest.mark.parametrize("preferred", ["no_such_model_xyz", "os.system", "a..b", ".relative", ""])
def test_a_preference_that_is_no_package_falls_back(preferred):
    assert available_model(preferred) == available_model()


def test_no_model_installed_is_an_error_naming_every_name_tried(monkeypatch):
    monkeypatch.setattr(model, "DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))
    with pytest.raises(ModelError) as err:
        available_model("no_such_model_c")
    message = str(err.value)
    assert "tried no_such_model_c, no_such_model_a, no_such_model_b)" in message
    assert "pip install" in message


def test_a_preferred_default_is_tried_once(monkeypatch):
    monkeypatch.setattr(model, "DEFAULT_MODELS", ("no_such_model_a", "no_such_model_b"))
    with pytest.raises(ModelError, match=r"tried no_such_model_b, no_such_model_a\)"):
        available_model("no_such_model_b")


def test_model_version_is_the_installed_packages():
    name = available_model()
    assert model_version(name) == f"{name}-{importlib.metadata.version(name)}"
