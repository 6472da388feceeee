"""reflow reads each line's last bracket and the widths of lines with characters that are
not simple in one regex scan of the framed lines (``_last_brackets``, by ``finditer``):
the same as reading every line on its own (its last bracket by ``rfind``, its width by
``line_width``)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages.reflow import _BRACKETS, _CONTENT, _OPENERS, _last_brackets, _read_lines, line_width
from reflow_pieces import LINE_PIECES
from test_reflow_speed import _wrapped


def _check(text: str) -> None:
    content = _CONTENT.split(text)[1::2]
    if len(content) < 2:
        return
    lines = _read_lines(text)
    assert lines is not None
    width = lines.width[:]  # the widths _read_lines gives, odd lines exact
    framed = "\n" + "\n".join(content) + "\n"
    bracket_end, opening = _last_brackets(framed, content, width)
    expected_end, expected_opening = {}, set()
    for pos, c in enumerate(content):
        j = max(map(c.rfind, _BRACKETS))
        if j >= 0:
            expected_end[pos] = len(c) - j
            if c[j] in _OPENERS:
                expected_opening.add(pos)
    assert (bracket_end, opening) == (expected_end, expected_opening)
    assert width == [line_width(c) for c in content]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=10).map("".join), min_size=2, max_size=14))
def test_any_lines_read_as_each_line_alone(lines: list[str]) -> None:
    _check("\n".join(lines))


def test_generated_circulars_read_as_each_line_alone() -> None:
    rng = random.Random(20261124)
    for _ in range(100):
        _check(_wrapped(rng))
