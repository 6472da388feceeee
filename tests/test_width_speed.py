"""Stage width: the passes with their Edits made without Edit.__init__, cached ASCII runs
and the protected-span check skipped when there is none propose exactly the old edits."""

from __future__ import annotations

import random
import re

from docclean.changes import Edit
from docclean.options import Options
from docclean.patterns import FULLWIDTH_ALNUM, FULLWIDTH_OFFSET, HSPACE_CHARS
from docclean.pipeline import Context
from docclean.stages import width
from docclean.stages.width import (
    _DIGITS,
    _NUMBER_SYMBOL,
    _PLUS_ALNUM,
    _TO_ASCII,
    _TO_FULL,
    _bracket_is_chinese,
    _half_punct_positions,
    _neighbour_is_chinese,
    _protected_spans,
)

_OLD_FULLWIDTH_RUN = re.compile(f"[{FULLWIDTH_ALNUM}][{FULLWIDTH_ALNUM}]*")


def old_to_ascii(text: str) -> list[Edit]:
    edits = [
        Edit(*m.span(), m.group().translate(_TO_ASCII), "width", "full-width digits/letters to ASCII")
        for m in _OLD_FULLWIDTH_RUN.finditer(text)
    ]
    taken: set[int] | None = None
    for rx, symbols in ((_NUMBER_SYMBOL, "．－／＋％"), (_PLUS_ALNUM, "＋")):
        if not any(symbol in text for symbol in symbols):
            continue
        if taken is None:
            taken = {e.start for e in edits}
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            taken.add(m.start())
            after = chr(ord(m.group()) - FULLWIDTH_OFFSET)
            edits.append(
                Edit(m.start(), m.end(), after, "width", "full-width symbol inside a number to ASCII")
            )
    return edits


def old_to_fullwidth(text: str) -> list[Edit]:
    positions = _half_punct_positions(text)
    if not positions:
        return []
    protected = _protected_spans(text)
    edits: list[Edit] = []
    cursor = 0
    pi = 0
    for pos in positions:
        while pi < len(protected) and protected[pi][1] <= pos:
            pi += 1
        if (pi < len(protected) and protected[pi][0] <= pos) or pos < cursor:
            continue
        ch = text[pos]
        prev_ch = text[pos - 1] if pos else ""
        next_ch = text[pos + 1] if pos + 1 < len(text) else ""
        if ch in "()":
            if not _bracket_is_chinese(text, pos):
                continue
            start, end = pos, pos + 1
            if ch == "(":
                while end < len(text) and text[end] in HSPACE_CHARS:
                    end += 1
            else:
                while start > cursor and text[start - 1] in HSPACE_CHARS:
                    start -= 1
                if start == 0 or text[start - 1] == "\n":
                    start = pos
            edits.append(Edit(start, end, _TO_FULL[ch], "width", "half-width bracket in Chinese text"))
            cursor = end
            continue
        if prev_ch in _DIGITS and next_ch in _DIGITS:
            continue
        # (Without the kind cache's first look at the character before: the plain look.)
        if not (_neighbour_is_chinese(text, pos, -1) or _neighbour_is_chinese(text, pos, 1)):
            continue
        if ch == ":" and next_ch == "/":
            continue
        edits.append(Edit(pos, pos + 1, _TO_FULL[ch], "width", "half-width punctuation in Chinese text"))
        cursor = pos + 1
    return edits


PIECES = [
    "通知", "单位", "Hello", "world", "3", "10", ",", ":", ";", "?", "!", "(", ")", "（", "）", "，",
    "“", "”", " ", "\n", "２０２６", "Ａ", "ｂ", "５．５", "％", "０７３１－８４", "１５＋Ｎ", "a＋b",
    "http://a.cn/x", "www.gov.cn", "x@y.cn", "://", "ꎬ",
]  # fmt: skip


def _texts(count: int = 2500) -> list[str]:
    rng = random.Random(5)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 16))) for _ in range(count)]


def test_width_passes_propose_the_old_edits() -> None:
    ctx = Context(Options())
    for text in _texts():
        new = width.to_ascii(text, ctx)
        assert new == old_to_ascii(text), repr(text)
        assert [repr(e) for e in new] == [repr(e) for e in old_to_ascii(text)]
        new = width.to_fullwidth(text, ctx)
        assert new == old_to_fullwidth(text), repr(text)
        assert [repr(e) for e in new] == [repr(e) for e in old_to_fullwidth(text)]
