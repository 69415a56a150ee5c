"""Shared fixtures: the real spaCy model, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, as archivist loads it."""
    from archivist.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def annotate(nlp):
    """Text in, Annotation out, through the real model and archivist's extractors."""
    from archivist.nlp import annotate_doc

    def run(text: str):
        return annotate_doc(nlp(text))

    return run
