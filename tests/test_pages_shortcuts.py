"""Stage pages: the shortcuts of the page-break-space and running-header searches decide as
the plain searches do.

``_page_break_spaces`` returns early when too few blank lines are left for the blank-line
style and counts the separated blank runs with ``str.count``; ``_running_headers`` finds
each page's first and last lines with ``bytes.find`` and builds keys only for lines whose
ends recur on enough pages. The plain versions below are the searches as first written.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.stages import pages
from docclean.stages.pages import _Lines

LINES = [
    "金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重",
    "点用于开展足球青训",
    " 育督导办将",
    "  两个空格",
    "\f",
    "\f 新的一页",
    "",
    "",
    " ",
    "— 2 —",
    "第 3 页",
    "—",
    "1",
    "１２",
]
# Running headers and footers, some with the page number in them.
HEADERS = [
    "某某市人民政府公报",
    "2024年第{n}期",
    "{n} 某某公报",
    "某某公报 {n}",
    "内部资料 注意保存",
    "第{n}页 某某",
]


@st.composite
def paged(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A document of pages (a header, lines, a footer), and the page-break lines."""
    header = draw(st.sampled_from(HEADERS))
    footer = draw(st.sampled_from(HEADERS))
    spaced = draw(st.booleans())  # OCR style: a blank line after every line
    lines: list[str] = []
    breaks: list[int] = []
    for n in range(1, draw(st.integers(1, 7)) + 1):
        page = draw(st.lists(st.sampled_from(LINES), max_size=6))
        if draw(st.booleans()):
            page.insert(0, header.format(n=n))
        if draw(st.booleans()):
            page.append(footer.format(n=n))
        for line in page:
            lines += [line, ""] if spaced else [line]
        breaks.append(len(lines) - 1)
    return "\n".join(lines), breaks


def _plain_page_break_spaces(letters: str, dropped: set[int]) -> list[int]:
    pieces, origins, kept_at = [], [], []
    pos = kept = 0
    for d in sorted(dropped):
        if d > pos:
            pieces.append(letters[pos:d])
            origins.append(pos)
            kept_at.append(kept)
            kept += d - pos
        pos = d + 1
    if pos < len(letters):
        pieces.append(letters[pos:])
        origins.append(pos)
        kept_at.append(kept)
    view = "".join(pieces)
    filled = len(view) - view.count("b")
    gaps = filled - 1 if filled else 0
    separated = len(re.findall(r"[xs]b+(?=[xs])", view))
    if separated < 4 or separated < 3 * (gaps - separated):
        return []
    out = []
    for m in re.finditer(r"(?<=[xs])s", view):
        k = m.start()
        run = bisect_right(kept_at, k) - 1
        out.append(origins[run] + k - kept_at[run])
    return out


def _plain_running_headers(lines: _Lines, breaks: list[int], skip: set[int]) -> dict[str, list[int]]:
    bounds = [-1, *sorted(set(breaks)), lines.n]
    blank = lines.blank
    found: list[tuple[list[int], list[int]]] = []
    for lo, hi in pairwise(bounds):
        top = [i for i in range(lo + 1, hi) if not blank[i] and i not in skip][:2]
        if not top:
            continue
        bottom = [i for i in range(hi - 1, lo, -1) if not blank[i] and i not in skip][:2]
        found.append((top, bottom[::-1]))
    if len(found) < 3:
        return {}
    where: dict[str, dict[int, int]] = {}
    for p, (top, bottom) in enumerate(found):
        for i in top + bottom:
            content = lines.content[i]
            if len(content) > 40 or not re.search(r"[^\W\d_].*?[^\W\d_]", content, re.DOTALL):
                continue
            where.setdefault(pages._key(content), {})[p] = i
    need = max(3, math.ceil(0.5 * len(found)))
    return {
        key: sorted(i for p, i in by_page.items() if not (p == 0 and i in found[0][0]))
        for key, by_page in where.items()
        if len(by_page) >= need
    }


@settings(max_examples=300, deadline=None)
@given(paged(), st.sets(st.integers(0, 60), max_size=8))
def test_page_break_spaces_as_the_plain_search(doc: tuple[str, list[int]], dropped: set[int]) -> None:
    lines = _Lines(doc[0])
    dropped = {d for d in dropped if d < lines.n}
    assert pages._page_break_spaces(lines, dropped) == _plain_page_break_spaces(lines.letters(), dropped)


@settings(max_examples=300, deadline=None)
@given(paged(), st.sets(st.integers(-1, 60), max_size=4), st.sets(st.integers(0, 60), max_size=6))
def test_running_headers_as_the_plain_search(
    doc: tuple[str, list[int]], extra: set[int], skip: set[int]
) -> None:
    text, breaks = doc
    lines = _Lines(text)
    breaks = [b for b in breaks + sorted(extra) if b < lines.n]
    skip = {i for i in skip if i < lines.n}
    got = pages._running_headers(lines, breaks, skip)
    want = _plain_running_headers(lines, breaks, skip)
    assert list(got.items()) == list(want.items())
