"""The change log: what each stage replaced, and how to undo it.

Every stage reports its work as :class:`Edit` objects: "replace ``text[start:end]``
with ``after``, because ``reason``". :func:`apply_edits` turns them into the stage's
output text plus :class:`Change` records. Because a change keeps the exact text it
replaced, the log is reversible: :func:`rebuild` walks the steps backwards and
restores the decoded input character for character. That is the "nothing silently
lost" guarantee archivists rely on.

Positions compose: :func:`locate_in_source` maps every change's span, which is in
the coordinates of its own stage's input, back to the decoded source text, so a
report can say "line 12, column 3 of the raw file" whatever ran before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, groupby, islice, repeat
from operator import add, attrgetter, lt, methodcaller, sub
from typing import Any, NamedTuple, TypeVar


@dataclass(slots=True)
class Edit:
    """A proposed replacement of ``text[start:end]`` by ``after`` in a stage's input."""

    start: int
    end: int
    after: str
    kind: str
    reason: str
    detail: dict[str, Any] | None = None


class Rewrite(NamedTuple):
    """A pass's output text and its number of changes, in place of its edits.

    Only for runs that keep counts, not the log (``ctx.keep_log`` false): a pass whose
    work is simple enough to do in bulk (a ``str.translate``, one ``re.subn``) may
    return this instead of a list of :class:`Edit`. ``changes`` and ``duplicates`` must
    be what :func:`apply_edits_counted` would count for the edits the pass would have
    given: their number, and how many of them are duplicate removals (dedup's).
    """

    text: str
    changes: int
    duplicates: int = 0


@dataclass(slots=True)
class SourceSpan:
    """A span of the decoded source: offsets plus 1-based line and column."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain constructor arguments: pickles (to and from --jobs workers) 4x faster
        # than the generic slots state of a dataclass.
        return SourceSpan, (self.start, self.end, self.line, self.column, self.end_line, self.end_column)

    def as_dict(self) -> dict[str, int]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(slots=True)
class Change:
    """One recorded change.

    ``start``/``end`` index the input of step ``step`` (the stage's own input);
    ``before`` is exactly ``input[start:end]``. ``source`` is filled by the pipeline
    with the same span expressed in the decoded source text.
    """

    stage: str
    kind: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    step: int = 0
    detail: dict[str, Any] | None = None
    source: SourceSpan | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        fields = (self.stage, self.kind, self.start, self.end, self.before, self.after, self.reason)
        return Change, (*fields, self.step, self.detail, self.source)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stage": self.stage,
            "kind": self.kind,
            "step": self.step,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }
        if self.source is not None:
            out["source"] = self.source.as_dict()
        if self.detail:
            out["detail"] = self.detail
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        return cls(
            stage=data["stage"],
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            before=data["before"],
            after=data["after"],
            reason=data["reason"],
            step=data.get("step", 0),
            detail=data.get("detail"),
        )


@dataclass(slots=True)
class Flag:
    """Something a stage was unsure about and left for a person to review."""

    stage: str
    code: str
    message: str
    start: int | None = None
    end: int | None = None
    step: int = 0
    detail: dict[str, Any] | None = None
    source: SourceSpan | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        fields = (self.stage, self.code, self.message, self.start, self.end, self.step)
        return Flag, (*fields, self.detail, self.source)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"stage": self.stage, "code": self.code, "message": self.message}
        if self.source is not None:
            out["source"] = self.source.as_dict()
        if self.detail:
            out["detail"] = self.detail
        return out


class EditConflict(ValueError):
    """Two edits of one step overlap: a bug in the stage that proposed them."""


class RebuildError(ValueError):
    """The change log does not match the clean text it is applied to."""


_span_key = attrgetter("start", "end")
_Spanned = TypeVar("_Spanned", Edit, Change)
_stage_of = attrgetter("stage")
_step_of = attrgetter("step")
_start_of = attrgetter("start")
_end_of = attrgetter("end")
_after_of = attrgetter("after")
_detail_of = attrgetter("detail")


def apply_edits(stage: str, text: str, edits: Iterable[Edit], step: int = 0) -> tuple[str, list[Change]]:
    """Apply non-overlapping edits to ``text``; return the new text and its changes.

    Edits that change nothing are dropped, so a stage may propose freely.
    Zero-width insertions at the same offset keep the order they were given in.
    """
    if not isinstance(edits, list):
        edits = list(edits)
    ordered = _in_span_order(edits)
    pieces: list[str] = []
    append = pieces.append
    changes: list[Change] = []
    add = changes.append
    cursor = 0
    size = len(text)
    for edit in ordered:
        start, end, after = edit.start, edit.end, edit.after
        if start < cursor or end < start or end > size:
            raise EditConflict(f"{stage}: edit {start}-{end} overlaps a previous edit or leaves the text")
        before = text[start:end]
        if before == after:
            continue
        append(text[cursor:start])
        append(after)
        cursor = end
        add(Change(stage, edit.kind, start, end, before, after, edit.reason, step, edit.detail))
    if not changes:
        return text, []
    append(text[cursor:])
    return "".join(pieces), changes


def _pieces_in_order(text: str, edits: Sequence[Edit]) -> list[str] | None:
    """The pieces of the new text when ``edits`` come in order (by start; a zero-width
    insertion before an edit at its offset), none overlapping, leaving the text or
    changing nothing; else None. Those edits give what :func:`apply_edits` gives after
    its sort, so the usual pass (edits found left to right) needs no sort."""
    pieces: list[str] = []
    append = pieces.append
    cursor = 0
    size = len(text)
    for edit in edits:
        start, end, after = edit.start, edit.end, edit.after
        if start < cursor or end < start or end > size:
            return None
        if after:
            if text[start:end] == after:
                return None
        elif start == end:
            return None
        append(text[cursor:start])
        append(after)
        cursor = end
    append(text[cursor:])
    return pieces


_kept_of = methodcaller("get", "kept")


def count_duplicates(items: Iterable[Edit | Change]) -> int:
    """How many of ``items`` are duplicate removals (dedup's, whose detail names the kept copy)."""
    # All in C: glyphs and reflow give thousands of details.
    return sum(map(isinstance, map(_kept_of, filter(None, map(_detail_of, items))), repeat(dict)))


def apply_edits_counted(text: str, edits: Sequence[Edit]) -> tuple[str, int, int]:
    """:func:`apply_edits` without the change log: the new text, the number of changes
    and how many of them are duplicate removals (what :func:`count_changes` would say).

    For callers that keep only the counts: no :class:`Change` is made.
    """
    pieces = _pieces_in_order(text, edits)
    if pieces is None:
        ordered = sorted(edits, key=_span_key)
        pieces = _pieces_in_order(text, ordered)
        if pieces is None:  # edits that change nothing or overlap: apply_edits' own rules
            new_text, changes = apply_edits("", text, ordered)
            return new_text, len(changes), count_changes(changes)[1]
        edits = ordered
    if len(pieces) == 1:  # no edit at all
        return text, 0, 0
    return "".join(pieces), len(edits), count_duplicates(edits)


def count_changes(changes: Sequence[Change]) -> tuple[dict[str, int], int]:
    """Changes per stage (in order of first appearance) and the number of duplicate removals
    (dedup's removals, whose detail names the kept copy)."""
    per_stage = dict(Counter(map(_stage_of, changes)))  # Counter keeps first-seen order
    return per_stage, count_duplicates(changes)


def _group_by_step(changes: Sequence[Change]) -> list[list[Change]]:
    """The changes of each step (ascending), each sorted by (start, end)."""
    groups: dict[int, list[Change]] = {}
    # A log holds its steps in runs (one per step, or per step and segment): taken whole.
    for step, run in groupby(changes, key=_step_of):
        group = groups.get(step)
        if group is None:
            groups[step] = list(run)
        else:
            group.extend(run)
    return [_in_span_order(groups[k]) for k in sorted(groups)]


def _in_span_order(items: list[_Spanned]) -> list[_Spanned]:
    """``items`` sorted by (start, end), stably; as given when the starts strictly increase
    (as passes mostly give their edits, and apply_edits its changes): no sort then."""
    starts = list(map(_start_of, items))
    if all(map(lt, starts, islice(starts, 1, None))):
        return items
    return sorted(items, key=_span_key)


def undo_step(text: str, changes: Sequence[Change]) -> str:
    """Undo one step's changes (sorted by ``start``) on that step's output text."""
    pieces: list[str] = []
    cursor = 0
    delta = 0
    for change in changes:
        out_start = change.start + delta
        out_end = out_start + len(change.after)
        if out_start < cursor or text[out_start:out_end] != change.after:
            raise RebuildError(
                f"change {change.kind!r} of stage {change.stage!r} does not match the text at {out_start}"
            )
        pieces.append(text[cursor:out_start])
        pieces.append(change.before)
        cursor = out_end
        delta += len(change.after) - len(change.before)
    pieces.append(text[cursor:])
    return "".join(pieces)


def rebuild(clean: str, changes: Sequence[Change]) -> str:
    """Rebuild the decoded input from the clean text and its full change log."""
    text = clean
    for group in reversed(_group_by_step(changes)):
        text = undo_step(text, group)
    return text


class OffsetMap:
    """Maps offsets in one step's output back to offsets in its input."""

    __slots__ = ("_in_ends", "_in_starts", "_out_ends", "_out_starts")

    def __init__(self, changes: Sequence[Change]):
        # Built with C-level maps: one step can hold thousands of changes.
        self._in_starts: list[int] = list(map(_start_of, changes))
        self._in_ends: list[int] = list(map(_end_of, changes))
        after_lengths = [len(c.after) for c in changes]
        growth = map(sub, after_lengths, map(sub, self._in_ends, self._in_starts))
        self._out_starts: list[int] = list(map(add, self._in_starts, accumulate(growth, initial=0)))
        self._out_ends: list[int] = list(map(add, self._out_starts, after_lengths))

    def to_input(self, pos: int, *, end: bool = False) -> int:
        i = bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._out_ends[i] or (end and pos == self._out_ends[i] and pos > self._out_starts[i]):
            # Inside replaced text: a span start maps to the replaced span's start,
            # a span end to its end.
            return self._in_ends[i] if end else self._in_starts[i]
        return self._in_ends[i] + (pos - self._out_ends[i])


class LineIndex:
    """Converts offsets of a text to 1-based (line, column)."""

    def __init__(self, text: str):
        lines = text.split("\n")
        lines.pop()
        self._starts = list(accumulate([len(line) + 1 for line in lines], initial=0))

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def span(self, start: int, end: int) -> SourceSpan:
        line, col = self.line_col(start)
        end_line, end_col = self.line_col(end)
        return SourceSpan(start, end, line, col, end_line, end_col)


def _map_to_input(m: OffsetMap, positions: list[int], end: bool) -> list[int]:
    """:meth:`OffsetMap.to_input` over many positions at once (same results).

    A position at the very end of a replacement maps to the replaced span's end either
    way, so start and end differ only inside a replacement.
    """
    out_starts, out_ends = m._out_starts, m._out_ends
    if not out_starts:
        return positions
    # Segment j (1-based, found in C) starts at change j-1; segment 0, before the first
    # change, moves nothing.
    segments = list(map(bisect_right, repeat(out_starts), positions))
    limits = [-1, *out_ends]
    inside = [-1, *(m._in_ends if end else m._in_starts)]
    shifts = [0, *map(sub, m._in_ends, out_ends)]
    return [
        inside[j] if pos < limits[j] else pos + shifts[j] for pos, j in zip(positions, segments, strict=True)
    ]


def _keeps_offsets(changes: Sequence[Change]) -> bool:
    """Whether every change of the step replaces one character by one (glyphs' ꎬ → ，,
    width's ２ → 2): then no offset moves, and thousands of later changes need no search
    through the step's map."""
    return all(map((1).__eq__, map(len, map(_after_of, changes)))) and all(
        map((1).__eq__, map(sub, map(_end_of, changes), map(_start_of, changes)))
    )


def locate_in_source(source: str, changes: Sequence[Change], flags: Sequence[Flag] = ()) -> None:
    """Fill ``.source`` of every change and positioned flag, in decoded-source coordinates."""
    groups = _group_by_step(changes)
    # Everything to place, by the step whose input its span indexes.
    by_step: dict[int, list[Change | Flag]] = {group[0].step: list(group) for group in groups}
    for flag in flags:
        if flag.start is not None:
            by_step.setdefault(flag.step, []).append(flag)
    # From the last step back: the spans of every later step go through each step that
    # changed something, all in one call, before the step's own spans join them.
    group_of = {group[0].step: group for group in groups}
    items: list[Change | Flag] = []
    starts: list[int] = []
    ends: list[int] = []
    for step in sorted(by_step, reverse=True):
        group = group_of.get(step)
        if group is not None and items:
            if _keeps_offsets(group):
                # Starts stay; an end at a replaced character's start takes it in, as
                # OffsetMap.to_input says of an end inside a replacement.
                replaced = set(map(_start_of, group))
                if not replaced.isdisjoint(ends):
                    ends = [end + 1 if end in replaced else end for end in ends]
            else:
                m = OffsetMap(group)
                starts = _map_to_input(m, starts, False)
                ends = _map_to_input(m, ends, True)
        batch = by_step[step]
        items += batch
        starts += [item.start for item in batch]  # type: ignore[misc]
        ends += [item.end if item.end is not None else item.start for item in batch]  # type: ignore[misc]
    line_starts = LineIndex(source)._starts
    ends = list(map(max, starts, ends))
    start_lines = map(bisect_right, repeat(line_starts), starts)
    end_lines = map(bisect_right, repeat(line_starts), ends)
    for item, start, end, i, j in zip(items, starts, ends, start_lines, end_lines, strict=True):
        item.source = SourceSpan(
            start, end, i, start - line_starts[i - 1] + 1, j, end - line_starts[j - 1] + 1
        )
