"""The header stage's shortcuts agree with the code they skip: a clean document number (〔〕,
no whitespace) makes no edit, which the full edit-making loop confirms."""

from __future__ import annotations

import random
import re

from docclean.changes import Edit
from docclean.stages import header as H


def plain_doc_number_edits(line: H.Line, m: re.Match[str]) -> list[Edit]:
    """_doc_number_edits without its early return."""
    positions = line.char_positions()
    edits: list[Edit] = []
    for group, wanted in (("open", "〔"), ("close", "〕")):
        pos = positions[m.start(group)]
        if line.text[pos - line.start] != wanted:
            edits.append(
                Edit(pos, pos + 1, wanted, "doc-number", "document-number brackets are 〔〕 (GB/T 9704)")
            )
    span_start, span_end = positions[m.start()], positions[m.end("num")] + 1
    signer_end = positions[m.end() - 1] + 1
    for a, b in H.whitespace_runs(line):
        if span_start < a < span_end:
            edits.append(Edit(a, b, "", "doc-number", "stray space in the document number"))
        elif a < span_start or a >= signer_end:
            edits.append(Edit(a, b, "", "doc-number", "space around the document number"))
    return edits


def test_doc_number_edits_agree_with_the_full_loop() -> None:
    rng = random.Random(5)
    opens, closes = "〔[【(（［〖{", "〕]】)）］〗}"
    spaces = ["", "", "", " ", "\u3000", "\t", "\u00a0", "\u2003"]
    seen = 0
    for _ in range(4000):
        o, c = rng.choice([("〔", "〕")] * 4 + list(zip(opens, closes, strict=True)))
        parts = ["湘教发", o, rng.choice(["2022", "２０２５", "1999"]), c, str(rng.randint(1, 999)), "号"]
        if rng.random() < 0.2:
            parts.append("签发人：张三" if rng.random() < 0.5 else "签发人: 李 四")
        text = "".join(p + rng.choice(spaces) for p in parts)
        text = rng.choice(spaces) + text
        line = H.split_lines("前\n" + text)[1]
        m = H.match_doc_number(line.squeezed)
        if m is None:
            continue
        seen += 1
        assert H._doc_number_edits(line, m) == plain_doc_number_edits(line, m), text
    assert seen > 3000
