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

from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import pages
from docclean.stages.pages import _Lines
from test_pages_shortcuts import _plain_page_break_spaces

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
        if content[i]
        and len(content[i]) <= 24
        and content[i][0] in pages._FORM_FIRST_CHARS
        and all(ch.isspace() or ch in _PAGE_CHARS for ch in content[i])
    ]


# The characters a page-number line can hold, spaces aside (pages._PAGE_CHARS as a set).
_PAGE_CHARS = set(
    "-\u2014\u2013\uff0d\u2015\u2012~\uff5e0123456789０１２３４５６７８９第共页,，/／.AaEeFfGgOoPp"
)


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
    candidates = pages._single_line_candidates(lines, short)
    single = [(c.first, c.number, c.total, c.form) for c in candidates]
    assert single == _plain_single(lines, short)
    # _plan takes them all, in order, when none is a fraction (and no triple is found).
    if all(c.form != "fraction" for c in candidates):
        assert pages._accept(candidates) == candidates


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


# Lines for the blank-line style: unfinished (a Chinese character, a comma), finished,
# with spaces inside, blank, of spaces only; one-character lines put a window's ends on
# every kind of offset.
STYLE_LINES = [
    "金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重",
    "点用于开展足球青训",
    "重点城市建设工作任务。",
    " 育督导办将",
    "一、总体要求，",
    "0，",
    "\u3000\u3000各市州教育局：",
    "联系电话：0731-84715075",
    "x" * 120,
    "重",
    "，",
    "。",
    " 重",
    "重 重",
    "",
    "",
    " ",
]


@st.composite
def styled(draw: st.DrawFn) -> tuple[str, set[int]]:
    spaced = draw(st.booleans())
    lines: list[str] = []
    for line in draw(st.lists(st.sampled_from(STYLE_LINES), min_size=1, max_size=200)):
        lines += [line, ""] if spaced and draw(st.integers(0, 9)) else [line]
    dropped = draw(st.sets(st.integers(0, len(lines) - 1), max_size=6))
    return "\n".join(lines), dropped


@settings(max_examples=300, deadline=None)
@given(styled(), st.sampled_from([pages._SETTLE_ROUNDS, 1]))
def test_page_break_spaces_by_counted_newlines_as_by_lines(doc: tuple[str, set[int]], rounds: int) -> None:
    """The window's ends found by counting "\\n"s (``_window_style``, any number of rounds
    to settle) decide as every line's offset counted (``_window_style_by_lines``)."""
    text, dropped = doc
    lines = _Lines(text)
    got = pages._page_break_spaces(lines, dropped)
    assert got == _plain_page_break_spaces(lines, dropped)
    saved = pages._SETTLE_ROUNDS
    pages._SETTLE_ROUNDS = rounds
    try:
        assert pages._page_break_spaces(lines, dropped) == got
    finally:
        pages._SETTLE_ROUNDS = saved
    # Every line that opens with one space, as a candidate, against the line count.
    content = lines.content
    texts = [c for i, c in enumerate(content) if i not in dropped]
    last_text = len(texts)
    while last_text and not texts[last_text - 1]:
        last_text -= 1
    joined = "\n".join(texts).replace(" ", "").replace("\u3000", "").replace("\t", "")
    total = len(joined) - len(texts) + 1
    end = len(joined) + 1 - (len(texts) - last_text)
    start = 0
    for k, line in enumerate(joined.split("\n")):
        if k and texts[k]:
            style = pages._window_style(joined, start, start - k, total, end)
            assert style is None or style == pages._window_style_by_lines(texts, k, last_text)
        start += len(line) + 1


def test_window_ends_at_the_style_window_exactly() -> None:
    """Candidates with 399 to 402 characters before and after them: the windows' clipping
    at the start and the end of the text is decided on exact counts."""
    for before in range(395, 406):
        for after in range(395, 406):
            for spaced in (False, True):
                head = ["重" * 10] * (before // 10) + ["重" * (before % 10)] * (before % 10 > 0)
                tail = ["重" * 10] * (after // 10) + ["重" * (after % 10)] * (after % 10 > 0)
                head = [line + "\n" for line in head] if spaced else head
                text = "\n".join([*head, "前，", " 后", *tail, "", ""])
                lines = _Lines(text)
                assert pages._page_break_spaces(lines, set()) == _plain_page_break_spaces(lines, set())


@settings(max_examples=200, deadline=None)
@given(texts())
def test_page_break_spaces_are_never_inside_other_edits(text: str) -> None:
    """``_add_feeds_and_spaces`` adds the page-break spaces without looking for the edits
    around them: no such space is inside a page-number, header, dash or form-feed edit."""
    edits = pages.remove_page_artifacts(text, Context(Options()))
    spans = sorted((e.start, e.end) for e in edits if e.kind != "page-break-space")
    for e in edits:
        if e.kind == "page-break-space":
            assert text[e.start] == " "
            assert not any(a <= e.start < b for a, b in spans)
