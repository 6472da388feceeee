"""The Python API that the CLI wraps.

>>> from docclean import clean_text, rebuild
>>> result = clean_text("湖 南 省 教 育 厅\\n")
>>> rebuild(result.text, result.changes) == "湖 南 省 教 育 厅\\n"
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .changes import Change, Flag
from .decoding import EncodingInfo, decode, replacement_changes
from .options import Options, make_options
from .pipeline import Context, run_stages
from .stages import select


@dataclass
class CleanResult:
    """Everything one cleaning produced, as plain data."""

    text: str
    source_text: str
    changes: list[Change]
    flags: list[Flag]
    metadata: dict[str, Any]
    encoding: EncodingInfo | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.text != self.source_text


def stages_for(options: Options) -> list:
    extra = ("convert",) if options.convert else ()
    return select(options.stages, options.skip, extra)


def clean_text(
    text: str, options: Options | None = None, *, source_name: str = "<text>", **kwargs: Any
) -> CleanResult:
    """Clean decoded text. Keyword arguments are :class:`~docclean.options.Options` fields."""
    opts = make_options(options, **kwargs)
    ctx = Context(options=opts, source_name=source_name)
    result = run_stages(text, stages_for(opts), ctx)
    return CleanResult(
        text=result.text,
        source_text=text,
        changes=result.changes,
        flags=result.flags,
        metadata=result.metadata,
        timings=result.timings,
    )


def clean_bytes(
    data: bytes, options: Options | None = None, *, source_name: str = "<bytes>", **kwargs: Any
) -> CleanResult:
    """Detect the encoding of ``data``, decode it strictly, and clean it."""
    opts = make_options(options, **kwargs)
    text, info = decode(data, opts.encoding, opts.errors)
    result = clean_text(text, opts, source_name=source_name)
    result.encoding = info
    # errors="replace": each U+FFFD is logged as step 0 (decoding), before the first pass.
    replaced = replacement_changes(text, info)
    if replaced:
        for item in (*result.changes, *result.flags):
            item.step += 1
        result.changes[:0] = replaced
    return result


def clean_file(path: str | Path, options: Options | None = None, **kwargs: Any) -> CleanResult:
    path = Path(path)
    return clean_bytes(path.read_bytes(), options, source_name=str(path), **kwargs)
