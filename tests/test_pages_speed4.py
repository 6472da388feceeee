"""Stage pages: the offsets that the line searches remember (short lines, lines that open
with a space) give ``start_of`` what counting every line gives, whichever search runs
first; the stage's output on generated circulars is what it was."""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages import pages
from docclean.stages.pages import _Lines
from test_pages_speed import texts


@settings(max_examples=300, deadline=None)
@given(texts(), st.lists(st.integers(0, 40), max_size=20), st.sampled_from(["", "s", "p", "sp", "ps"]))
def test_offsets_whichever_search_runs_first(text: str, asked: list[int], order: str) -> None:
    lines = _Lines(text)
    for step in order:
        if step == "s":
            pages._short_candidates(lines)
        else:
            lines.space_lines()
    assert lines.anchored == sorted(lines.anchored)
    starts = list(accumulate((len(raw) + 1 for raw in lines.raw[:-1]), initial=0))
    assert all(lines.anchors[i] == starts[i] for i in lines.anchored)
    for i in asked:
        i %= lines.n
        assert lines.start_of(i) == starts[i]
