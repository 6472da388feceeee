"""document_starts reads no colon on or above the line of the text's first sentence or comma
(no walk up from there can end at one): it agrees with the plain scan on generated texts that
put colons, form feeds and line ends around that first stop."""

from __future__ import annotations

import random

from docclean.documents import document_starts
from test_documents_speed import plain_document_starts

PIECES = [
    "湖南省教育厅",
    "湘教发〔2022〕7号",
    "关于加强管理的通知",
    "各市州教育局",
    "附件",
    "2022年4月1日",
    "甲",
    "，",
    "、",
    "。",
    "ꎮ",
    ";",
    "：",
    ":",
    " ",
    "\u3000",
    "\f",
    "\n",
    "\n",
    "\n",
    "\r",
    "\r\n",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.5:  # a header block and its addressee line after it
            text += "\n湘教发〔2022〕7号\n关于加强管理的通知\n各市州教育局：\n正文。"
        out.append(text)
    return out


def test_document_starts_agrees_with_the_plain_scan_around_the_first_stop() -> None:
    found = 0
    for text in _texts(6000, 13):
        want = plain_document_starts(text)
        assert document_starts(text) == want, repr(text)
        found += bool(want)
    assert found > 300  # the generated texts do hold later documents
