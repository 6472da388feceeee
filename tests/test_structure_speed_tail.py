"""read_structure agrees with its plain form (tests/test_structure_speed.py) on texts whose
tail is drawn from signature, date, blank and cc lines: the signature search goes on from
the line the date search read, and the first content line is read by one match. A cc
list's items (one findall) are those of the split they replace."""

from __future__ import annotations

import random

from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import structure as S
from test_structure_speed import plain_read_structure

TAIL = [
    "湖南省教育厅",
    "湖南省财政厅",
    "湖南省教育厅 湖南省财政厅",
    "湖 南 省 教 育 厅",
    "2023年6月5日",
    "2023年 6月 5日 ",
    "二〇二二年四月一日",
    "2023年13月5日",
    "年",
    "日\u3000",
    "正文到此结束。",
    "（此件主动公开）",
    "抄送：省政府办公厅，",
    "省财政厅。",
    "联系人：张三",
    "",
    "",
    " ",
    "\u3000",
    "\t",
    "\r",
    "\u3000\u3000",
]
HEAD = ["湖南省教育厅", "湘教发〔2022〕7号", "关于加强管理的通知", "", " ", "各市州教育局：", "正文。"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        head = [rng.choice(HEAD) for _ in range(rng.randint(0, 6))]
        tail = [rng.choice(TAIL) for _ in range(rng.randint(0, 10))]
        out.append("\n".join([*head, *tail]) + rng.choice(["", "\n", "\n ", "\n\n"]))
    return out


def test_read_structure_agrees_with_the_plain_form_on_tails() -> None:
    options = Options()
    for k, text in enumerate(_texts(3000, 17)):
        head = {
            "issuers": ["湖南省教育厅"],
            "mark": None,
            "doc_number": "湘教发〔2022〕7号" if k % 2 else None,
            "title": "关于加强管理的通知" if k % 3 else None,
            "resolved": True,
        }
        want = Context(options=options, metadata={"header": head})
        got = Context(options=options, metadata={"header": dict(head)})
        plain_read_structure(text, want)
        S.read_structure(text, got)
        assert got.metadata == want.metadata, repr(text)
        assert got.flags == want.flags, repr(text)


def test_cc_items_agree_with_the_split() -> None:
    rng = random.Random(5)
    pieces = ["、", "，", ",", "；", ";", "。", "甲", "乙单位", " ", "\u3000", "（2）", ":"]
    for _ in range(5000):
        rest = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        want = list(filter(None, S.CC_SPLIT.split(rest.replace("。", "、"))))
        assert S._CC_ITEMS.findall(rest) == want, rest
