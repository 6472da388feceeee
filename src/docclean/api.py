"""The Python API that the CLI wraps.

>>> from docclean import clean_text, rebuild
>>> result = clean_text("湖 南 省 教 育 厅\\n")
>>> rebuild(result.text, result.changes) == "湖 南 省 教 育 厅\\n"
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import segments
from .changes import Change, Flag, count_changes, locate_in_source
from .decoding import EncodingInfo, decode, replacement_changes
from .documents import document_starts
from .options import Options, make_options
from .pipeline import Context, PipelineResult, in_waves, run_many
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
    return _clean_one(text, options, source_name, locate, keep_log, kwargs)


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
    return _clean_one(data, options, source_name, locate, keep_log, kwargs)


def _clean_one(
    item: bytes | str,
    options: Options | None,
    source_name: str,
    locate: bool,
    keep_log: bool,
    kwargs: dict[str, Any],
) -> CleanResult:
    """:func:`clean_many` of one item, raising what it raised."""
    (result,) = clean_many(
        [item], options, source_names=[source_name], locate=locate, keep_log=keep_log, **kwargs
    )
    if isinstance(result, Exception):
        raise result
    return result


def clean_many(
    items: Iterable[bytes | str],
    options: Options | None = None,
    *,
    source_names: Sequence[str] | None = None,
    locate: bool = True,
    keep_log: bool = True,
    **kwargs: Any,
) -> list[CleanResult | Exception]:
    """Clean each item (bytes are decoded as by :func:`clean_bytes`), as each would be alone.

    For batches: each slot of the answer holds the item's result or the exception it
    raised (a :class:`~docclean.decoding.DecodeError` for undecodable bytes), so one bad
    item never loses the others' results. The items are cleaned in waves, pass by pass
    (see :func:`~docclean.pipeline.run_many`), which is faster than one at a time.
    """
    opts = _options(options, kwargs)
    stages = stages_for(opts)
    named = list(enumerate(items))
    out: list[CleanResult | Exception | None] = [None] * len(named)
    for wave in in_waves(named, _item_length):
        pending: list[tuple[int, str, Context, EncodingInfo | None]] = []
        for k, item in wave:
            name = source_names[k] if source_names is not None else _default_name(item)
            try:
                text, info = (
                    decode(item, opts.encoding, opts.errors) if isinstance(item, bytes) else (item, None)
                )
                ctx = Context(options=opts, source_name=name, keep_log=keep_log)
                starts = document_starts(text)
                if starts or len(text) > 2 * segments.SEGMENT_CHARS:
                    size = segments.SEGMENT_CHARS  # read at call time: tests shrink it
                    result = segments.run_segmented(text, stages, ctx, size=size, documents=starts)
                    out[k] = _finish(result, text, info, locate, keep_log)
                else:
                    pending.append((k, text, ctx, info))
            except Exception as exc:  # this item's failure, handed back in its slot
                out[k] = exc
        results = run_many([(text, ctx) for _, text, ctx, _ in pending], stages, locate=False)
        for (k, text, _, info), result in zip(pending, results, strict=True):
            try:
                out[k] = (
                    result if isinstance(result, Exception) else _finish(result, text, info, locate, keep_log)
                )
            except Exception as exc:
                out[k] = exc
    return out  # type: ignore[return-value]  # every slot is filled


def _item_length(item: tuple[int, bytes | str]) -> int:
    return len(item[1])


def _default_name(item: bytes | str) -> str:
    return "<bytes>" if isinstance(item, bytes) else "<text>"


def _finish(
    result: PipelineResult, text: str, info: EncodingInfo | None, locate: bool, keep_log: bool
) -> CleanResult:
    """The pipeline's result as a :class:`CleanResult` (decoding replacements first in the log)."""
    per_stage, duplicates = result.counts
    cleaned = CleanResult(
        text=result.text,
        source_text=text,
        changes=result.changes,  # empty without keep_log
        flags=result.flags,
        metadata=result.metadata,
        encoding=info,
        timings=result.timings,
        # Flags are few and always kept; their positions are located only with the log.
        located=not keep_log,
        log_kept=keep_log,
        stage_counts=per_stage,
        duplicates=duplicates,
    )
    if keep_log and locate:
        cleaned.locate()
    if info is not None:
        _log_replacements(cleaned, text, info)
    return cleaned


def _log_replacements(result: CleanResult, text: str, info: EncodingInfo) -> None:
    """errors="replace": each U+FFFD is logged as step 0 (decoding), before the first pass."""
    replaced = replacement_changes(text, info)
    if not replaced:
        return
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
