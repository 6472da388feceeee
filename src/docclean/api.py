"""The Python API that the CLI wraps.

>>> from docclean import clean_text, rebuild
>>> result = clean_text("湖 南 省 教 育 厅\\n")
>>> rebuild(result.text, result.changes) == "湖 南 省 教 育 厅\\n"
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import segments
from .changes import Change, Flag, count_changes, locate_in_source
from .decoding import EncodingInfo, decode, replacement_changes
from .documents import document_starts
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
    # False when the caller asked for counts only (``keep_log=False``): ``changes`` is
    # then empty and ``stage_counts`` / ``duplicates`` say what it held.
    log_kept: bool = field(default=True, repr=False)
    stage_counts: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0

    def __post_init__(self) -> None:
        if self.log_kept and not self.stage_counts:  # counts given: the pipeline's own
            self.recount()

    def recount(self) -> None:
        self.stage_counts, self.duplicates = count_changes(self.changes)

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


def _options(options: Options | None, kwargs: dict[str, Any]) -> Options:
    """:func:`make_options`, short-cut when there is nothing to merge (options are frozen)."""
    if not kwargs:
        return options if options is not None else Options()
    return make_options(options, **kwargs)


def stages_for(options: Options) -> list:
    extra = ("convert",) if options.convert else ()
    stages = None if options.stages is None else tuple(options.stages)
    return list(_selected(stages, tuple(options.skip), extra))


@lru_cache(maxsize=64)
def _selected(stages: tuple[str, ...] | None, skip: tuple[str, ...], extra: tuple[str, ...]) -> tuple:
    """:func:`select`, once per stage choice (a batch asks for the same one per file)."""
    return tuple(select(stages, skip, extra))


def clean_text(
    text: str,
    options: Options | None = None,
    *,
    source_name: str = "<text>",
    locate: bool = True,
    keep_log: bool = True,
    **kwargs: Any,
) -> CleanResult:
    """Clean decoded text. Keyword arguments are :class:`~docclean.options.Options` fields.

    ``locate=False`` defers the raw-file positions of changes and flags until
    :meth:`CleanResult.locate` is called. ``keep_log=False`` keeps only the counts of
    the change log (``stage_counts``, ``duplicates``): what a batch that writes no
    report needs, in memory bounded by one segment (see :mod:`docclean.segments`).
    """
    opts = _options(options, kwargs)
    ctx = Context(options=opts, source_name=source_name, keep_log=keep_log)
    starts = document_starts(text)
    if starts or len(text) > 2 * segments.SEGMENT_CHARS:
        size = segments.SEGMENT_CHARS  # read at call time: tests shrink it
        result = segments.run_segmented(text, stages_for(opts), ctx, size=size, documents=starts)
    else:
        result = run_stages(text, stages_for(opts), ctx, locate=False)
    per_stage, duplicates = result.counts
    cleaned = CleanResult(
        text=result.text,
        source_text=text,
        changes=result.changes,  # empty without keep_log
        flags=result.flags,
        metadata=result.metadata,
        timings=result.timings,
        # Flags are few and always kept; their positions are located only with the log.
        located=not keep_log,
        log_kept=keep_log,
        stage_counts=per_stage,
        duplicates=duplicates,
    )
    if keep_log and locate:
        cleaned.locate()
    return cleaned


def clean_bytes(
    data: bytes,
    options: Options | None = None,
    *,
    source_name: str = "<bytes>",
    locate: bool = True,
    keep_log: bool = True,
    **kwargs: Any,
) -> CleanResult:
    """Detect the encoding of ``data``, decode it strictly, and clean it."""
    opts = _options(options, kwargs)
    text, info = decode(data, opts.encoding, opts.errors)
    result = clean_text(text, opts, source_name=source_name, locate=locate, keep_log=keep_log)
    result.encoding = info
    # errors="replace": each U+FFFD is logged as step 0 (decoding), before the first pass.
    replaced = replacement_changes(text, info)
    if replaced:
        for item in (*result.changes, *result.flags):
            item.step += 1
        if result.log_kept:
            result.changes[:0] = replaced
            result.recount()
        else:
            counts = {"encoding": len(replaced)}  # step 0 comes first
            for stage, n in result.stage_counts.items():
                counts[stage] = counts.get(stage, 0) + n
            result.stage_counts = counts
    return result


def clean_file(
    path: str | Path,
    options: Options | None = None,
    *,
    locate: bool = True,
    keep_log: bool = True,
    **kwargs: Any,
) -> CleanResult:
    path = Path(path)
    data = path.read_bytes()
    return clean_bytes(data, options, source_name=str(path), locate=locate, keep_log=keep_log, **kwargs)
