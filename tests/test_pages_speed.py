"""Stage pages: the fast line searches decide as the plain ones do.

``_Lines`` builds no offset per line (``start_of`` counts from the closest line whose start
is known); the short lines that can be page numbers are found by one regex over the text
with their offsets; the lines that open with one space by ``str.find``; a page-number line
tries the one pattern its first character allows. The plain versions below are the
searches as first written: a pass over every line.
"""

from __future__ import annotations

from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages import pages
from docclean.stages.pages import _Lines

# Lines that are (or look like) page numbers, with leading and trailing whitespace of
# several kinds, form feeds, long and short lines, blank lines of spaces.
PIECES = [
    "— 2 —",
    "  - 3 -  ",
    "\u3000第 4 页\u3000",
    "\t共9页 第2页",
    "Page 3 of 9",
    "p. 7",
    "3/9",
    "１２／１５",
    "—",
    "12",
    "2024年第3期",
    "2 —",
    "某某市人民政府公报",
    "金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重",
    "123456789012345678901234",
    "1234567890123456789012345",
    " 育督导办将",
    "  两个空格",
    "\f 新的一页",
    "\f",
    "x\fy",
    "",
    " ",
    "\u3000",
    "\xa0— 5 —\xa0",
    "\r",
    "— 6 —\r",
]


@st.composite
def texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
    return "\n".join(lines)


def _plain_short(lines: _Lines) -> list[int]:
    content = lines.content
    return [
        i
        for i in range(lines.n)
        if content[i] and len(content[i]) <= 24 and content[i][0] in pages._FORM_FIRST_CHARS
    ]


def _plain_space_lines(lines: _Lines) -> list[int]:
    return [i for i in range(lines.n) if lines.content[i] and pages._space_start(lines.raw[i])]


def _plain_single(lines: _Lines, short: list[int]) -> list[tuple[int, int, int | None, str]]:
    found = []
    for i in short:
        for form, _, pattern in pages._FORMS:
            m = pattern.match(lines.content[i])
            if m:
                number = int(m.group("n"))
                total = int(m.group("total")) if "total" in pattern.groupindex and m.group("total") else None
                if total is None or number <= total:
                    found.append((i, number, total, form))
                break
    return found


@settings(max_examples=300, deadline=None)
@given(texts())
def test_line_searches_as_the_plain_ones(text: str) -> None:
    lines = _Lines(text)
    short = pages._short_candidates(lines)
    assert short == _plain_short(lines)
    assert lines.space_lines() == _plain_space_lines(lines)
    single = [(c.first, c.number, c.total, c.form) for c in pages._single_line_candidates(lines, short)]
    assert single == _plain_single(lines, short)


@settings(max_examples=300, deadline=None)
@given(texts(), st.lists(st.integers(0, 40), max_size=40), st.booleans(), st.booleans())
def test_offsets_as_every_line_start(text: str, asked: list[int], find_short: bool, build: bool) -> None:
    lines = _Lines(text)
    if find_short:  # the short lines' offsets come with them
        pages._short_candidates(lines)
    starts = list(accumulate((len(raw) + 1 for raw in lines.raw[:-1]), initial=0))
    budget = pages._WALK_BUDGET
    if build:  # past the walk budget at once: every line's start is built
        pages._WALK_BUDGET = -(10**6)
    try:
        for i in asked:  # in any order
            i %= lines.n
            assert lines.start_of(i) == starts[i]
            j = lines.removal_stop(i)
            assert lines.removal(i) == (starts[i], starts[j] if j < lines.n else len(text))
            assert lines.stop(i) == (starts[i + 1] if i + 1 < lines.n else len(text))
    finally:
        pages._WALK_BUDGET = budget
