"""read_structure agrees with its plain form (tests/test_structure_speed.py) where its
cheap proofs are at their edges: the characters above a title line counted against the
title's length (one str.count instead of the lines' list), the 联系 and - tests made on the
whole text, a cc line that ends the text, a date line matched before it is squeezed."""

from __future__ import annotations

import random

from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import structure as S
from test_structure_speed import plain_read_structure

TITLE = "关于印发办法的通知"  # 9 characters
ABOVE = ["湖南省", "教育厅", "湘教发", "甲乙丙丁戊己庚辛壬", "关 于印发办法的通知", " ", "\u3000", ""]
BELOW = [
    "各单位：",
    "联系人：张三",
    "联系",
    "0731-1234567",
    "ZJAC00-2024-0001",
    "正文。",
    "湖南省教育厅",
    "2023年6月5日",
    "2023年 6月5日",
    "２０２３年６月５日",
    "（此件主动公开）",
    "抄送：省政府办公厅，",
    "省财政厅。",
    "",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        if rng.random() < 0.1:  # the edge of S.TOP_LINES: 58 to 61 breaks above the title
            above = [""] * rng.randint(S.TOP_LINES - 2, S.TOP_LINES + 1)
        else:
            above = [rng.choice(ABOVE) for _ in range(rng.randint(0, 5))]
        below = [rng.choice(BELOW) for _ in range(rng.randint(0, 8))]
        lines = [*above, TITLE, *below] if rng.random() < 0.9 else [*below[:2], *above, TITLE, *below[2:]]
        out.append("\n".join(lines) + rng.choice(["", "\n", "\n\n", " "]))
    return out


def test_read_structure_agrees_with_the_plain_form_at_its_bounds() -> None:
    options = Options()
    for k, text in enumerate(_texts(3000, 23)):
        head = {
            "issuers": [],
            "mark": None,
            "doc_number": "湘教发〔2022〕7号" if k % 5 == 0 else None,
            "title": TITLE if k % 7 else None,
            "resolved": True,
        }
        want = Context(options=options, metadata={"header": head})
        got = Context(options=options, metadata={"header": dict(head)})
        plain_read_structure(text, want)
        S.read_structure(text, got)
        assert got.metadata == want.metadata, text
        assert got.flags == want.flags, text


def test_cc_openers_are_cc_line_matches() -> None:
    rng = random.Random(5)
    pieces = ["抄", "送", "：", ":", "省", "厅", "，", "。", " ", "\n", "\r", "\u2028", "\x85", "\u3000"]
    for _ in range(20000):
        line = "".join("".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))).split())
        m = S.CC_LINE.match(line)
        assert (m is not None) == line.startswith(S._CC_OPENERS), line
        assert m is None or m["rest"] == line[3:], line
