"""Run a document through the ordered stages and collect one change log.

A stage (see :mod:`docclean.stages`) has a name, a one-line description, and one or
more *passes*: functions ``(text, ctx) -> list[Edit]``. Each pass becomes one step
of the change log, so a stage that needs two looks at the text (say, find page
numbers, then join the text around them) stays reversible without composing edits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .changes import Change, Edit, Flag, apply_edits, apply_edits_counted, count_duplicates, locate_in_source
from .options import Options

PassFn = Callable[[str, "Context"], list[Edit]]


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
    keep_log = ctx.keep_log
    source = text
    changes: list[Change] = []
    per_stage: dict[str, int] = {}
    duplicates = 0
    timings: dict[str, float] = {}
    step_lengths: list[int] = []
    step = 0
    for stage in stages:
        t0 = time.perf_counter()
        name = ctx.stage = stage.name
        for pass_fn in stage.passes:
            ctx.step = step
            step_lengths.append(len(text))
            edits = pass_fn(text, ctx)
            if edits:
                if keep_log:
                    text, step_changes = apply_edits(name, text, edits, step)
                    changes.extend(step_changes)
                    n, dups = len(step_changes), count_duplicates(step_changes)
                else:
                    text, n, dups = apply_edits_counted(text, edits)
                if n:
                    per_stage[name] = per_stage.get(name, 0) + n
                    duplicates += dups
            step += 1
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
    if locate:
        locate_in_source(source, changes, ctx.flags)
    counts = (per_stage, duplicates)
    return PipelineResult(text, changes, ctx.flags, ctx.metadata, timings, step_lengths, counts)
