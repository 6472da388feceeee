"""Stage pages: the running-header search that first compares the first page with the
last ``n - need + 1`` (a pair of ends on ``need`` pages is on two of them) finds what the
plain search finds, most of all where a header stands on just ``need`` pages, not on the
first, with digits at either end or lines of one character."""

from __future__ import annotations

import math
import random

from docclean.stages import pages
from docclean.stages.pages import _Lines
from test_pages_shortcuts import _plain_running_headers

HEADERS = ["某某市人民政府公报", "{n} 政府公报 {n}", "２０２４年第{n}期", "第{n}期 简报", "附件{n}", "公报"]
BODY = [
    "一、总体要求",
    "金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重",
    "报。",
    "1",
    "12",
    "x",
    "",
]


def _document(rng: random.Random) -> tuple[str, list[int]]:
    n_pages = rng.randint(3, 9)
    need = max(3, math.ceil(0.5 * n_pages))
    header = rng.choice(HEADERS)
    with_header = set(rng.sample(range(n_pages), rng.choice([need, need - 1, n_pages])))
    lines: list[str] = []
    breaks: list[int] = []
    for p in range(n_pages):
        page = [rng.choice(BODY) for _ in range(rng.randint(0, 4))]
        if p in with_header:
            page.insert(rng.choice([0, len(page)]), header.format(n=p + rng.choice([1, 9])))
        lines += page
        breaks.append(len(lines))
        lines.append("— 1 —")
    return "\n".join(lines), breaks


def test_running_headers_as_the_plain_search_on_paged_headers() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        text, breaks = _document(rng)
        lines = _Lines(text)
        skip = set(breaks)
        got = pages._running_headers(lines, breaks, skip)
        assert list(got.items()) == list(_plain_running_headers(lines, breaks, skip).items()), text
