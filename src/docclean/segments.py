"""Big inputs in segments: working memory bounded by the segment, not the file.

A 50 MB extraction is usually many circulars (or one yearbook) run together. Cleaning
it as one text keeps every stage's per-line tables and every intermediate copy of the
whole text alive at once; cleaning it in segments of about a million characters keeps
only one segment's. The segments are cut where no stage looks across: at a form feed
(a new page or document), else after a paragraph that ends a sentence (``。`` then a
blank line), else at a line end. Each segment runs through the same stages, so each
pass is the same step everywhere, and the change logs join into one: a change of step
``k`` in segment ``i`` moves by the lengths of the step-``k`` inputs of the segments
before it. ``rebuild`` therefore restores the whole input exactly, as for any result.

What segmenting gives up, by design: repeated blocks further apart than a segment are
not compared, and the header and structure readers see only the first segment (its
metadata is the file's; page metadata is summed over segments).

A batch of circulars (:mod:`docclean.documents`) is segmented at each document's start
(and by size inside a document too long for one segment): every stage sees one circular
at a time, and ``metadata["documents"]`` lists each one's start and fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any

from .changes import Change, Flag
from .pipeline import Context, PipelineResult, Stage, in_waves, run_many, run_stages
from .stages.structure import FIELDS as DOCUMENT_FIELDS

# Texts up to twice this are cleaned whole; longer ones in segments of about this size.
SEGMENT_CHARS = 1_000_000

_PARAGRAPH_END = re.compile(r"[。！？；]\n[ \t\u3000]*\n")


def cut_points(text: str, size: int = SEGMENT_CHARS, begin: int = 0, stop: int | None = None) -> list[int]:
    """Offsets where segments of ``text[begin:stop]`` start (``begin`` first); one if it is small."""
    stop = len(text) if stop is None else stop
    cuts = [begin]
    start = begin
    while stop - start > 2 * size:
        low, high = start + size // 2, min(start + 2 * size, stop)
        feed = text.find("\f", start + size, high)
        if feed < 0:
            feed = text.rfind("\f", low, start + size)
        if feed > start:
            cut = feed + 1
        else:
            end = _PARAGRAPH_END.search(text, start + size, high)
            if end is not None:
                cut = end.end()
            else:
                line = text.find("\n", start + size, high)
                if line < 0:
                    break  # one giant line: nothing safe to cut at
                cut = line + 1
        cuts.append(cut)
        start = cut
    return cuts


_BLANK_TO_EOL = re.compile(r"[ \t\u3000\f\r]*\n")


def line_break_stays_before(text: str, cut: int) -> int:
    """``cut``, moved past the rest of its line when that is blank (spaces, a form feed).

    The line break that ends the previous document must stay in its segment: at the
    start of the next one, tidy and pages would remove it as leading blank space, and
    the two documents would run together on one line.
    """
    m = _BLANK_TO_EOL.match(text, cut)
    return m.end() if m else cut


def document_cuts(text: str, starts: Sequence[int], size: int = SEGMENT_CHARS) -> list[int]:
    """Segment starts: each document's start (0 and ``starts``), and size cuts inside long ones."""
    bounds = [0, *starts, len(text)]
    cuts: list[int] = []
    for begin, stop in pairwise(bounds):
        cuts.extend(cut_points(text, size, begin, stop))
    return cuts


def run_segmented(
    text: str,
    stages: Sequence[Stage],
    ctx: Context,
    *,
    size: int = SEGMENT_CHARS,
    documents: Sequence[int] | None = None,
) -> PipelineResult:
    """:func:`~docclean.pipeline.run_stages` over segments, joined into one result (unlocated).

    ``documents``: where the later documents of a batch start (see
    :func:`docclean.documents.document_starts`); each document is cleaned on its own (and
    cut by size if long), and ``metadata["documents"]`` lists each one's start and fields.
    With ``ctx.keep_log=False`` only the change counts are made, segment by segment
    (no change log).
    """
    if documents:
        documents = sorted({line_break_stays_before(text, s) for s in documents} - {0, len(text)})
    cuts = document_cuts(text, documents or (), size)
    if len(cuts) == 1:
        return run_stages(text, stages, ctx, locate=False)
    per_stage: dict[str, int] = {}
    duplicates = 0
    pieces: list[str] = []
    changes: list[Change] = []
    flags: list[Flag] = []
    timings: dict[str, float] = {}
    metadata: dict[str, Any] = {}
    offsets: list[int] = []  # per step: where this segment's step input starts in the whole one
    doc_starts = {0, *documents} if documents else set()
    docs: list[dict[str, Any]] = []
    bounds = list(zip(cuts, [*cuts[1:], len(text)], strict=True))
    results = _run_in_waves(text, bounds, stages, ctx)
    for i, ((start, _), result) in enumerate(zip(bounds, results, strict=True)):
        if not offsets:
            offsets = [0] * len(result.step_lengths)
        for change in result.changes:
            shift = offsets[change.step]
            change.start += shift
            change.end += shift
            if change.detail and shift:
                change.detail = _shift_detail_spans(change.detail, shift)
        for flag in result.flags:
            shift = offsets[flag.step]
            if flag.start is not None:
                flag.start += shift
                flag.end = flag.end + shift if flag.end is not None else None
            if flag.detail and shift:
                flag.detail = _shift_detail_spans(flag.detail, shift)
        seg_counts, seg_duplicates = result.counts
        for stage, n in seg_counts.items():
            per_stage[stage] = per_stage.get(stage, 0) + n
        duplicates += seg_duplicates
        changes.extend(result.changes)  # none without keep_log
        flags.extend(result.flags)
        pieces.append(result.text)
        for k, length in enumerate(result.step_lengths):
            offsets[k] += length
        for name, seconds in result.timings.items():
            timings[name] = timings.get(name, 0.0) + seconds
        _merge_metadata(metadata, result.metadata, first=i == 0)
        if start in doc_starts:
            docs.append({"start": start, **{key: result.metadata.get(key) for key in DOCUMENT_FIELDS}})
    metadata["segments"] = len(cuts)
    if documents:
        metadata["documents"] = docs
    ctx.metadata.update(metadata)
    ctx.flags.extend(flags)
    counts = (per_stage, duplicates)
    return PipelineResult("".join(pieces), changes, ctx.flags, ctx.metadata, timings, offsets, counts)


def _run_in_waves(
    text: str, bounds: Sequence[tuple[int, int]], stages: Sequence[Stage], ctx: Context
) -> Iterator[PipelineResult]:
    """Each segment's result, in order, the segments run in waves (:func:`~docclean.pipeline.run_many`):
    pass by pass over a batch's many small documents, one wave in memory at a time."""
    for wave in in_waves(bounds, _span_length):
        jobs = [
            (
                text[start:end],
                Context(options=ctx.options, source_name=ctx.source_name, keep_log=ctx.keep_log),
            )
            for start, end in wave
        ]
        for result in run_many(jobs, stages, locate=False):
            if isinstance(result, Exception):
                raise result
            yield result


def _span_length(span: tuple[int, int]) -> int:
    return span[1] - span[0]


def _shift_detail_spans(detail: dict[str, Any], shift: int) -> dict[str, Any]:
    """A copy of ``detail`` whose spans (dicts with ``start``/``end``, such as dedup's
    ``kept`` copy) index the whole text's step input, like the change itself."""
    out = dict(detail)
    for key, value in detail.items():
        if (
            isinstance(value, dict)
            and isinstance(value.get("start"), int)
            and isinstance(value.get("end"), int)
        ):
            out[key] = {**value, "start": value["start"] + shift, "end": value["end"] + shift}
    return out


def _merge_metadata(into: dict[str, Any], seg: dict[str, Any], first: bool) -> None:
    if first:
        into.update(seg)
        return
    pages, more = into.get("pages"), seg.get("pages")
    if isinstance(pages, dict) and isinstance(more, dict):
        pages["count"] = pages.get("count", 0) + more.get("count", 0)
        pages["numbers"] = [*pages.get("numbers", []), *more.get("numbers", [])]
        headers = pages.get("running_headers", [])
        pages["running_headers"] = headers + [h for h in more.get("running_headers", []) if h not in headers]
