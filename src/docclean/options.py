"""Options shared by the Python API, the CLI and the config file.

One frozen dataclass so a batch run hands the same settings to every worker and a
config file, the command line and keyword arguments all land in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

CjkLatinSpace = Literal["remove", "keep", "add"]
Keep = Literal["first", "longest"]
Errors = Literal["strict", "replace"]


@dataclass(frozen=True)
class Options:
    # Stage selection: ``stages`` None means the default set; ``skip`` removes from it.
    stages: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    # Decoding
    encoding: str | None = None
    errors: Errors = "strict"
    # Spacing and characters
    cjk_latin_space: CjkLatinSpace = "remove"
    convert: str | None = None
    protected_names: tuple[Path, ...] = ()
    # Header lexicon extensions
    lexicon: tuple[Path, ...] = ()
    # Repeated blocks inside a document
    dedup_threshold: float = 88.0  # measured: benchmarks/RESULTS.md, "Repeated blocks"
    dedup_min_chars: int = 24
    dedup_keep: Keep = "first"

    def updated(self, **changes: Any) -> Options:
        """A copy with ``changes`` applied; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def field_names(cls) -> set[str]:
        return {f.name for f in fields(cls)}


def make_options(options: Options | None = None, **kwargs: Any) -> Options:
    """Build options from an existing object and/or keyword arguments (unknown names raise)."""
    unknown = set(kwargs) - Options.field_names()
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    base = options or Options()
    for key in ("stages", "skip", "protected_names", "lexicon"):
        value = kwargs.get(key)
        if value is not None and not isinstance(value, tuple):
            if isinstance(value, str):
                value = tuple(v.strip() for v in value.split(",") if v.strip())
            kwargs[key] = tuple(Path(v) if key in ("protected_names", "lexicon") else v for v in value)
    if kwargs.get("convert"):
        # Fail before any file is read: OpenCC names are case-sensitive (t2s, not T2S).
        from .stages.convert import check_config

        check_config(kwargs["convert"])
    return base.updated(**kwargs)
