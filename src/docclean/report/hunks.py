"""The net difference between the decoded input and the clean text, from the change log.

Every report needs the same thing: which stretches of the raw text became which
stretches of the clean text, and which logged changes did it. We get that by
composing the steps of the change log, never by running a diff algorithm over the
two texts (difflib-style diffs are quadratic and hang on large inputs, and they
would guess at alignments the log already states exactly).

:func:`segments` tiles both texts with :class:`Segment` objects: *identity*
segments (the text is untouched there) and *changed* segments (a raw span that
became a clean span, with the indices of the changes responsible). A later
change that touches an earlier changed segment is merged into it, so a space
removed by ``spacing`` inside a block that ``dedup`` later deletes is reported
once, as part of the deletion.

:func:`blocks` cuts the tiling at *sync points*: offsets that start a line in both
texts. Each block is a run of whole lines on both sides; equal blocks are single
unchanged lines. The unified diff, the terminal diff and the HTML side-by-side
view are all built from these blocks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..changes import Change, OffsetMap


@dataclass(slots=True)
class Segment:
    """``source[src_start:src_end]`` became ``clean[out_start:out_end]``."""

    src_start: int
    src_end: int
    out_start: int
    out_end: int
    changes: list[int] | None = None  # indices into the change list; None = untouched

    @property
    def changed(self) -> bool:
        return self.changes is not None


def _group_steps(changes: Sequence[Change]) -> list[list[tuple[int, Change]]]:
    groups: dict[int, list[tuple[int, Change]]] = {}
    for i, change in enumerate(changes):
        groups.setdefault(change.step, []).append((i, change))
    return [sorted(groups[k], key=lambda ic: (ic[1].start, ic[1].end)) for k in sorted(groups)]


# Internally a segment is a plain tuple (src_start, src_end, out_start, out_end, changes):
# a batch report composes hundreds of thousands of them, and tuples are cheap.
_Seg = tuple[int, int, int, int, "list[int] | None"]


class _Pending:
    """A changed segment being grown by the changes of one step (input coordinates)."""

    __slots__ = ("changes", "growth", "in_a", "in_b", "out_start", "src_a", "src_b")

    def __init__(self, src_a: int, in_a: int, out_start: int):
        self.src_a = self.src_b = src_a
        self.in_a = self.in_b = in_a
        self.out_start = out_start
        self.growth = 0
        self.changes: list[int] = []

    def segment(self) -> _Seg:
        out_end = self.out_start + (self.in_b - self.in_a) + self.growth
        return (self.src_a, self.src_b, self.out_start, out_end, sorted(self.changes))


def _apply_step(segs: list[_Seg], group: list[tuple[int, Change]]) -> list[_Seg]:
    """Push one step's changes through the tiling.

    Segment out offsets are in the current text (this step's input); the result's
    are in this step's output. A change that touches a changed segment absorbs all
    of it, and the next change of the step may touch the same one.
    """
    out: list[_Seg] = []
    i, n, delta = 0, len(segs), 0
    pend: _Pending | None = None
    for index, ch in group:
        a, b = ch.start, ch.end
        if pend is None or a >= pend.in_b:
            if pend is not None:
                out.append(pend.segment())
            j = i
            while j < n and segs[j][3] <= a:
                j += 1
            if delta:
                out.extend([(s[0], s[1], s[2] + delta, s[3] + delta, s[4]) for s in segs[i:j]])
            else:
                out.extend(segs[i:j])
            i = j
            if i < n and (segs[i][2] < a < segs[i][3] or segs[i][2] < b):
                f_ss, f_se, f_os, f_oe, f_ch = segs[i]
                if f_ch is not None:
                    pend = _Pending(f_ss, f_os, f_os + delta)
                else:
                    src_a = f_ss + (a - f_os)
                    if f_os < a:
                        out.append((f_ss, src_a, f_os + delta, a + delta, None))
                        segs[i] = (src_a, f_se, a, f_oe, None)
                    pend = _Pending(src_a, a, a + delta)
            else:  # an insertion at a segment boundary (or into empty text)
                src_a = segs[i][0] if i < n else (segs[-1][1] if segs else 0)
                pend = _Pending(src_a, a, a + delta)
        while i < n and segs[i][2] < b and segs[i][3] > a:
            s_ss, s_se, s_os, s_oe, s_ch = segs[i]
            if s_ch is not None:
                pend.changes.extend(s_ch)
                pend.in_b, pend.src_b = max(pend.in_b, s_oe), s_se
            elif s_oe > b:
                # Keep the untouched rest of this segment for the next change.
                split = s_ss + (b - s_os)
                pend.in_b, pend.src_b = max(pend.in_b, b), split
                segs[i] = (split, s_se, b, s_oe, None)
                break
            else:
                pend.in_b, pend.src_b = max(pend.in_b, s_oe), s_se
            i += 1
        pend.in_b = max(pend.in_b, b)
        pend.changes.append(index)
        growth = len(ch.after) - (b - a)
        pend.growth += growth
        delta += growth
    if pend is not None:
        out.append(pend.segment())
    if delta:
        out.extend([(s[0], s[1], s[2] + delta, s[3] + delta, s[4]) for s in segs[i:]])
    else:
        out.extend(segs[i:])
    return out


def segments(source: str, changes: Sequence[Change]) -> list[Segment]:
    """Tile ``source`` and the clean text it became (see the module docstring)."""
    segs: list[_Seg] = [(0, len(source), 0, len(source), None)] if source else []
    for group in _group_steps(changes):
        segs = _apply_step(segs, group)
    return [Segment(*s) for s in segs]


@dataclass(slots=True)
class Block:
    """A run of whole lines: ``source[src_start:src_end]`` ↔ ``clean[out_start:out_end]``.

    ``src_line``/``out_line`` are the 1-based numbers of the first line on each side.
    ``segments`` are the changed segments inside (empty for an unchanged line).
    """

    src_start: int
    src_end: int
    out_start: int
    out_end: int
    src_line: int
    out_line: int
    segments: list[Segment] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.segments)


def _sync_points(source: str, clean: str, segs: Sequence[Segment]) -> Iterator[tuple[int, int]]:
    """Offsets (source, clean) that start a line on both sides, in order."""
    yield 0, 0
    find = source.find
    for s in segs:
        if s.changed:
            continue
        if (
            s.src_start > 0
            and source[s.src_start - 1] == "\n"
            and s.out_start > 0
            and clean[s.out_start - 1] == "\n"
        ):
            yield s.src_start, s.out_start
        pos = find("\n", s.src_start, s.src_end)
        while pos != -1:
            yield pos + 1, s.out_start + (pos + 1 - s.src_start)
            pos = find("\n", pos + 1, s.src_end)
    yield len(source), len(clean)


def blocks(source: str, clean: str, segs: Sequence[Segment]) -> list[Block]:
    """Cut the tiling into line blocks (see the module docstring)."""
    out: list[Block] = []
    changed = [s for s in segs if s.changed]
    k = 0
    src_line = out_line = 1
    prev: tuple[int, int] | None = None
    for point in _sync_points(source, clean, segs):
        if prev is not None:
            if point == prev:
                continue
            (s0, o0), (s1, o1) = prev, point
            inside: list[Segment] = []
            # Changed segments never straddle a sync point (those lie in untouched text),
            # so a segment belongs to the first block whose end it does not pass.
            while k < len(changed) and changed[k].src_end <= s1 and changed[k].out_end <= o1:
                inside.append(changed[k])
                k += 1
            out.append(Block(s0, s1, o0, o1, src_line, out_line, inside))
            src_line += source.count("\n", s0, s1)
            out_line += clean.count("\n", o0, o1)
        prev = point
    if k < len(changed):  # only when both texts are empty: an insertion undone later
        if out:
            out[-1].segments.extend(changed[k:])
        else:
            out.append(Block(0, 0, 0, 0, 1, 1, changed[k:]))
    return out


class SourceLocator:
    """Maps a span in any step's input to the decoded source (for change details such as dedup's kept span)."""

    def __init__(self, changes: Sequence[Change]):
        self._maps: dict[int, OffsetMap] = {}
        for group in _group_steps(changes):
            step = group[0][1].step
            self._maps[step] = OffsetMap([c for _, c in group])
        self._steps = sorted(self._maps)

    def to_source(self, step: int, start: int, end: int) -> tuple[int, int]:
        for earlier in reversed(self._steps[: bisect_right(self._steps, step - 1)]):
            m = self._maps[earlier]
            start, end = m.to_input(start), m.to_input(end, end=True)
        return start, max(start, end)


def source_to_clean(segs: Sequence[Segment], pos: int) -> int:
    """Where a source offset ended up in the clean text (start of a changed segment if inside one)."""
    lo, hi = 0, len(segs)
    while lo < hi:
        mid = (lo + hi) // 2
        if segs[mid].src_end <= pos and segs[mid].src_end > segs[mid].src_start:
            lo = mid + 1
        elif segs[mid].src_end < pos:
            lo = mid + 1
        else:
            hi = mid
    if lo >= len(segs):
        return segs[-1].out_end if segs else 0
    s = segs[lo]
    if s.changed or pos < s.src_start:
        return s.out_start
    return s.out_start + (pos - s.src_start)


_VISIBLE = {
    " ": "·",
    "\u3000": "□",
    "\n": "⏎",
    "\r": "␍",
    "\t": "⇥",
    "\x0c": "␌",
    "\ufeff": "⟨BOM⟩",
    "\u00a0": "⍽",
    "\u200b": "⟨ZWSP⟩",
}


def visible(text: str) -> str:
    """Make whitespace and invisible characters of a changed span readable."""
    if not text:
        return text
    return "".join(
        ch if ch.isprintable() and ch not in _VISIBLE else _VISIBLE.get(ch) or f"⟨U+{ord(ch):04X}⟩"
        for ch in text
    )


def trim(before: str, after: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix of a changed span's two sides.

    A CRLF→LF change shows as "␍ removed" rather than "␍⏎ replaced by ⏎", and a
    merged segment shows only what actually differs.
    """
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[-1 - s] == after[-1 - s]:
        s += 1
    return p, s
