"""reflow reads every line in bulk (one split, whole-text scans, widths counted from UTF-8
lengths): the results must be what the plain per-line definitions give."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from docclean.patterns import OUTLINE_RE
from docclean.stages.reflow import (
    _estimate_width,
    _line_kind,
    _read_lines,
    block_starts,
    is_date_line,
    line_width,
)
from reflow_pieces import LINE_PIECES

line_text = st.lists(st.sampled_from(LINE_PIECES), max_size=8).map("".join)
texts = st.lists(line_text, min_size=2, max_size=12).map("\n".join)


def _inside_end(content: str) -> tuple[int, bool] | None:
    """The last of the brackets _inside_brackets looks at: distance from the end, opens?"""
    opened = max(map(content.rfind, "（([【〔［"))
    closed = max(map(content.rfind, "）)]】〕］"))
    last = max(opened, closed)
    return None if last < 0 else (len(content) - last, last == opened)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_bulk_line_reading_agrees_with_the_per_line_definitions(text: str) -> None:
    raw = [line.strip() for line in text.split("\n")]
    expected = [c for c in raw if c]
    lines = _read_lines(text)
    if len(expected) < 2:
        assert lines is None
        return
    assert lines is not None
    assert lines.content == expected
    for pos, c in enumerate(expected):
        assert text[lines.start[pos] : lines.end[pos]] == c
        assert lines.last[pos] == c[-1]
        assert lines.width[pos] == line_width(c), c
        outline = OUTLINE_RE.match(c) is not None
        lone = re.match(r"^[+\-]?[0-9.,%％‰]+$", c) is not None
        date = is_date_line(c)
        assert (pos in lines.outline) == outline, c
        assert (pos in lines.lone) == lone, c
        assert (pos in lines.date) == date, c
        assert (pos in lines.block) == (outline or lone or date or c.startswith(block_starts())), c
        found = _inside_end(c)
        if found is None:
            assert pos not in lines.bracket_end
        else:
            assert (lines.bracket_end[pos], pos in lines.opening) == found, c


def _reference_estimate(evidence: list[float]) -> tuple[float | None, bool, int]:
    """The width estimate as first written: count, round, compare one width at a time."""
    if not evidence:
        return None, False, 0
    counts = Counter(map(round, evidence))
    mode, _ = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    near = sum(1 for w in evidence if mode - 2.5 <= w <= mode + 1)
    if near < 4 or near < 0.3 * len(evidence):
        return None, False, 0
    exact = sum(1 for w in evidence if abs(w - mode) <= 0.5)
    return float(mode), exact >= 0.5 * len(evidence), exact


widths = st.one_of(
    st.integers(48, 160).map(lambda q: q / 4),  # multiples of ¼ from 12
    st.builds(lambda q, k: q / 4 + 0.6 * k, st.integers(48, 120), st.integers(0, 9)),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(widths, max_size=40))
def test_width_estimate_agrees_with_counting_one_by_one(evidence: list[float]) -> None:
    assert _estimate_width(evidence) == _reference_estimate(evidence)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(OUTLINE_RE))
def test_every_outline_opening_is_looked_at(s: str) -> None:
    """reflow looks for outline numbering only on lines whose first character may open
    it (a guard for changes to patterns.OUTLINE_RE)."""
    c = s.strip()
    assume(c and "\n" not in c and OUTLINE_RE.match(c))
    m = _line_kind().match(f"\n{c}\n")  # at the line break before it (see _read_lines)
    assert m is not None and m.lastgroup in ("outline", "lone")
