"""reflow's scan for brackets and odd characters takes its repeats possessively where re
can (Python 3.11): the greedy repeats Python 3.10 gets must find the same."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages.reflow import _special_char
from reflow_pieces import LINE_PIECES
from test_reflow_speed import _wrapped

_GREEDY = re.compile(_special_char().pattern.replace("*+", "*").replace("++", "+"))


def _finds(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [(m.span(), m.span(1), m.span(2)) for m in pattern.finditer(text)]


def _check(text: str) -> None:
    assert _finds(_special_char(), text) == _finds(_GREEDY, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*LINE_PIECES, "\n", "é", "\x01", "😀", "\u3000"]), max_size=30).map("".join))
def test_greedy_repeats_find_the_same(text: str) -> None:
    _check(text)


def test_generated_circulars_found_the_same() -> None:
    rng = random.Random(20261124)
    for _ in range(50):
        _check(_wrapped(rng))
