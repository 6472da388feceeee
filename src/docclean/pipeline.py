"""Run a document through the ordered stages and collect one change log.

A stage (see :mod:`docclean.stages`) has a name, a one-line description, and one or
more *passes*: functions ``(text, ctx) -> list[Edit]``. Each pass becomes one step
of the change log, so a stage that needs two looks at the text (say, find page
numbers, then join the text around them) stays reversible without composing edits.
When the run keeps only counts (``ctx.keep_log`` false), a pass may return a
:class:`~docclean.changes.Rewrite` (its output text, number of changes and of duplicate
removals) instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .changes import (
    Change,
    Edit,
    Flag,
    Rewrite,
    apply_edits,
    apply_edits_counted,
    count_duplicates,
    locate_in_source,
)
from .options import Options
from .patterns import only_ascii_spaces

PassFn = Callable[[str, "Context"], "list[Edit] | Rewrite"]
_Item = TypeVar("_Item")

# Texts run pass by pass together (see run_many): enough of them to keep each pass's
# code in the processor's caches, few enough characters to bound the working memory.
WAVE_TEXTS = 256
WAVE_CHARS = 1_000_000


class Stage(Protocol):
    name: str
    description: str
    default: bool
    passes: Sequence[PassFn]


@dataclass
class Context:
    """What a pass may read and write besides its text."""

    options: Options
    source_name: str = "<text>"
    metadata: dict[str, Any] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    stage: str = ""
    step: int = 0
    # False: the run keeps only the counts of its change log (PipelineResult.counts).
    keep_log: bool = True
    # Facts a pass proved of a text for a later pass, which relies on one only when its
    # input *is* that text (the same object: no pass changed it, or one that keeps the fact
    # handed its output on). rare_free: none of the rare characters glyphs looks for
    # (proved by mojibake's search). ascii_spaced: no horizontal space but the ASCII one
    # (patterns.only_ascii_spaces; proved by width's first search, for spacing and tidy;
    # handed on by the passes that keep it so, and by _Run.apply for edits that do).
    # feedless: no form feed (proved by pages' first pass for its second).
    rare_free: str | None = None
    ascii_spaced: str | None = None
    feedless: str | None = None

    def flag(
        self,
        code: str,
        message: str,
        start: int | None = None,
        end: int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Leave something for a person to review; positions are in this pass's input."""
        self.flags.append(
            Flag(self.stage, code, message, start=start, end=end, step=self.step, detail=detail)
        )


@dataclass
class PipelineResult:
    text: str
    changes: list[Change]
    flags: list[Flag]
    metadata: dict[str, Any]
    timings: dict[str, float]
    step_lengths: list[int] = field(default_factory=list)  # length of each step's input text
    # Changes per stage (in order of first appearance) and duplicate removals, as
    # count_changes(changes) says; with ``keep_log=False`` the only record of the changes.
    counts: tuple[dict[str, int], int] = field(default_factory=lambda: ({}, 0))


def run_stages(text: str, stages: Sequence[Stage], ctx: Context, *, locate: bool = True) -> PipelineResult:
    """Run ``stages`` in order; ``locate=False`` leaves ``Change.source`` unset (see :func:`locate_in_source`).

    ``ctx.keep_log=False`` makes no change log, only its counts (``PipelineResult.counts``):
    the same text, without a :class:`Change` object per edit.
    """
    (result,) = run_many([(text, ctx)], stages, locate=locate)
    if isinstance(result, Exception):
        raise result
    return result


def run_many(
    jobs: Sequence[tuple[str, Context]], stages: Sequence[Stage], *, locate: bool = True
) -> list[PipelineResult | Exception]:
    """:func:`run_stages` for each ``(text, ctx)``, pass by pass over all of them.

    Each text gets exactly what :func:`run_stages` would give it alone: the texts share
    nothing but the order of work. Running one pass over many documents before the
    next pass keeps that pass's code and tables in the processor's caches; on a batch of
    circulars that alone saves about a fifth of the time, for the same instructions.
    A pass that raises on one text ends that text's run only: its slot holds the
    exception, and the others go on.
    """
    runs = [_Run(text, ctx) for text, ctx in jobs]
    perf_counter = time.perf_counter
    for stage in stages:
        name = stage.name
        passes = stage.passes
        # One clock reading a text: where one text's stage ends, the next one's begins.
        t0 = perf_counter()
        for run in runs:
            if run.error is not None:
                continue
            # The stage's passes, each one step of the change log (inline: this loop runs
            # once a text and stage, and a method call would cost as much as its body).
            ctx = run.ctx
            ctx.stage = name
            text = run.text
            step_lengths = run.step_lengths
            try:
                for pass_fn in passes:
                    ctx.step = len(step_lengths)
                    step_lengths.append(len(text))
                    edits = pass_fn(text, ctx)
                    if edits:
                        text = run.apply(name, text, edits)
            except Exception as exc:  # ends this text's run only
                run.error = exc
            t1 = perf_counter()
            timings = run.timings
            timings[name] = timings.get(name, 0.0) + t1 - t0
            t0 = t1
    return [run.result(locate) for run in runs]


def in_waves(items: Iterable[_Item], size: Callable[[_Item], int]) -> Iterator[list[_Item]]:
    """``items`` in order, grouped for :func:`run_many`: up to ``WAVE_TEXTS`` items and,
    unless one item alone is larger, up to ``WAVE_CHARS`` characters (``size`` of each)."""
    wave: list[_Item] = []
    chars = 0
    for item in items:
        n = size(item)
        if wave and (len(wave) >= WAVE_TEXTS or chars + n > WAVE_CHARS):
            yield wave
            wave, chars = [], 0
        wave.append(item)
        chars += n
    if wave:
        yield wave


class _Run:
    """One text on its way through the stages."""

    __slots__ = (
        "changes",
        "ctx",
        "duplicates",
        "error",
        "per_stage",
        "source",
        "step_lengths",
        "text",
        "timings",
    )

    def __init__(self, text: str, ctx: Context) -> None:
        self.source = self.text = text
        self.ctx = ctx
        self.changes: list[Change] = []
        self.per_stage: dict[str, int] = {}
        self.duplicates = 0
        self.timings: dict[str, float] = {}
        self.step_lengths: list[int] = []
        self.error: Exception | None = None

    def apply(self, name: str, text: str, edits: list[Edit] | Rewrite) -> str:
        """The output of a pass of stage ``name`` that gave ``edits`` (not empty) for
        ``text``, the input of step ``ctx.step``; its changes logged or counted."""
        ctx = self.ctx
        if type(edits) is Rewrite:  # a counts-only pass's own bulk result
            if ctx.keep_log:
                raise TypeError(f"{name}: a pass may return a Rewrite only when the log is not kept")
            text, n, dups = edits
        else:
            source = text
            if ctx.keep_log:
                text, step_changes = apply_edits(name, text, edits, ctx.step)
                self.changes.extend(step_changes)
                n, dups = len(step_changes), count_duplicates(step_changes)
            else:
                text, n, dups = apply_edits_counted(text, edits)
            # A text without other spaces keeps none if the edits write none: handed on (a
            # pass that returns a Rewrite hands its facts on itself, see Context).
            if source is ctx.ascii_spaced and only_ascii_spaces("".join([e.after for e in edits])):
                ctx.ascii_spaced = text
        if n:
            self.per_stage[name] = self.per_stage.get(name, 0) + n
            self.duplicates += dups
        self.text = text
        return text

    def result(self, locate: bool) -> PipelineResult | Exception:
        if self.error is not None:
            return self.error
        ctx = self.ctx
        if locate:
            locate_in_source(self.source, self.changes, ctx.flags)
        counts = (self.per_stage, self.duplicates)
        return PipelineResult(
            self.text, self.changes, ctx.flags, ctx.metadata, self.timings, self.step_lengths, counts
        )
