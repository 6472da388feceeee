"""docclean: restore OCR/PDF text of Chinese government circulars, with a reversible change log.

Heavy modules load lazily so that ``docclean --version`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Change",
    "CleanResult",
    "Flag",
    "Options",
    "clean_bytes",
    "clean_file",
    "clean_many",
    "clean_text",
    "rebuild",
]

_LAZY = {
    "Change": "changes",
    "Flag": "changes",
    "rebuild": "changes",
    "Options": "options",
    "CleanResult": "api",
    "clean_bytes": "api",
    "clean_file": "api",
    "clean_many": "api",
    "clean_text": "api",
}

if TYPE_CHECKING:
    from .api import CleanResult, clean_bytes, clean_file, clean_many, clean_text
    from .changes import Change, Flag, rebuild
    from .options import Options


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'docclean' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
