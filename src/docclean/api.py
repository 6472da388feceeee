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

from .changes import Change, Flag, locate_in_source
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
    located: bool = field(default=True, repr=False)

    @property
    def changed(self) -> bool:
        return self.text != self.source_text

    def locate(self) -> CleanResult:
        """Fill ``source`` (raw-file line and column) of every change and flag, if not done yet.

        ``clean_*(..., locate=False)`` skips this (about a tenth of the cleaning time)
        for callers that only want the text and the counts.
        """
        if not self.located:
            locate_in_source(self.source_text, self.changes, self.flags)
            self.located = True
        return self


def stages_for(options: Options) -> list:
    extra = ("convert",) if options.convert else ()
    return select(options.stages, options.skip, extra)


def clean_text(
    text: str,
    options: Options | None = None,
    *,
    source_name: str = "<text>",
    locate: bool = True,
    **kwargs: Any,
) -> CleanResult:
    """Clean decoded text. Keyword arguments are :class:`~docclean.options.Options` fields.

    ``locate=False`` defers the raw-file positions of changes and flags until
    :meth:`CleanResult.locate` is called.
    """
    opts = make_options(options, **kwargs)
    ctx = Context(options=opts, source_name=source_name)
    result = run_stages(text, stages_for(opts), ctx, locate=locate)
    return CleanResult(
        text=result.text,
        source_text=text,
        changes=result.changes,
        flags=result.flags,
        metadata=result.metadata,
        timings=result.timings,
        located=locate,
    )


def clean_bytes(
    data: bytes,
    options: Options | None = None,
    *,
    source_name: str = "<bytes>",
    locate: bool = True,
    **kwargs: Any,
) -> CleanResult:
    """Detect the encoding of ``data``, decode it strictly, and clean it."""
    opts = make_options(options, **kwargs)
    text, info = decode(data, opts.encoding, opts.errors)
    result = clean_text(text, opts, source_name=source_name, locate=locate)
    result.encoding = info
    # errors="replace": each U+FFFD is logged as step 0 (decoding), before the first pass.
    replaced = replacement_changes(text, info)
    if replaced:
        for item in (*result.changes, *result.flags):
            item.step += 1
        result.changes[:0] = replaced
    return result


def clean_file(
    path: str | Path, options: Options | None = None, *, locate: bool = True, **kwargs: Any
) -> CleanResult:
    path = Path(path)
    return clean_bytes(path.read_bytes(), options, source_name=str(path), locate=locate, **kwargs)
