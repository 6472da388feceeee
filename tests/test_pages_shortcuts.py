"""Stage pages: the shortcuts of the page-break-space and running-header searches decide as
the plain searches do.

``_page_break_spaces`` returns early when too few blank lines are left for the blank-line
style and judges the style around each candidate line by walking out from it; ``_running_headers`` finds
each page's first and last lines with ``bytes.find`` and builds keys only for lines whose
ends recur on enough pages. The plain versions below are the searches as first written.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.patterns import CJK_CHARS
from docclean.stages import pages
from docclean.stages.pages import _Lines

LINES = [
    "金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重",
    "点用于开展足球青训",
    " 育督导办将",
    " 育督导办将“双减”工作纳入市、县两级政府履职评价指标，去年",
    "重点城市建设工作任务，全省形成纵向贯通、横向协同的工作体系。",
    "联系电话：0731-84715075",
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


def _plain_page_break_spaces(lines: _Lines, dropped: set[int]) -> list[int]:
    """A line that opens with one space right after a line that stays, where within 400
    characters (spaces not counted) on either side a blank line follows a line that stops
    on a Chinese character or a comma at least every 60 characters, at least 4 times."""
    rows: list[tuple[int, int, bool]] = []  # (line, where its text starts, blank line before)
    pos, gap = 0, False
    for i in range(lines.n):
        if i in dropped:
            continue
        if lines.blank[i]:
            gap = bool(rows)
            continue
        rows.append((i, pos, gap))
        pos += len(re.sub(r"[ \u3000\t]", "", lines.content[i]))
        gap = False
    total = pos
    unfinished = [re.fullmatch(f"[{CJK_CHARS}，、]", lines.content[i][-1]) is not None for i, _, _ in rows]
    cuts = [p for k, (_, p, g) in enumerate(rows) if g and unfinished[k - 1]]
    out = []
    for k, (i, p, g) in enumerate(rows):
        raw = lines.raw[i].lstrip("\f")
        if k == 0 or g or not raw.startswith(" ") or raw.startswith("  "):
            continue
        lo, hi = max(0, p - 400), min(total, p + 400)
        n = sum(lo <= q <= hi for q in cuts)
        if n >= 4 and n * 60 >= hi - lo:
            out.append(i)
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
    assert pages._page_break_spaces(lines, dropped) == _plain_page_break_spaces(lines, dropped)


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
