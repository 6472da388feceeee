"""The structure stage's shortcuts agree with what they replace: _find with str.find, and the
length test in front of _is_torn_piece with its two plain tests."""

from __future__ import annotations

import random

from docclean.stages import header as header_stage
from docclean.stages import structure as S

SPACES = " \t\u3000\u00a0\r\x0b\x0c\u2003\x85"


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = [
        "日",
        "日",
        "2023年6月5日",
        "二〇二二年四月一日",
        "湖南省教育厅",
        "正文。",
        "5日前",
        "\n",
        "\n",
        "\n\n",
    ]
    pieces += [*SPACES, "年", "月", "此", "此件", "件", "（此件主动公开）", "-", "ZJAC00-2024-0001"]
    out = ["", "日", "\n日", "日\n", "日 ", "日 \n日", "日日", "日 日\n", "湖南省教育厅\n2023年6月5日 \u3000"]
    for _ in range(n):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))))
    return out


def test_find_and_torn_pieces_agree_with_the_plain_tests() -> None:
    for text in _texts(3000, 2):
        for word in ("此件", "联系", "-", "日"):
            for pos in (0, 1, len(text) // 3, len(text)):
                assert S._find(text, word, pos) == text.find(word, pos), (text, word, pos)
        for line in text.split("\n"):
            s = header_stage.squeeze(line)
            want = bool(header_stage.is_torn_open(s) or header_stage.TORN_PIECE.fullmatch(s))
            assert S._is_torn_piece(line) == want, line
    for s in (
        "川办规〔",
        "号",
        "〕",
        "６",
        "２０２５",
        "12345",
        "123456",
        "一二三四五六七八九十一二〔",
        "一二三四五六七八九十一二三〔",
    ):
        want = bool(header_stage.is_torn_open(s) or header_stage.TORN_PIECE.fullmatch(s))
        assert S._is_torn_piece(s) == want, s


def test_a_whole_line_ending_by_the_limit_cannot_move_the_body_down() -> None:
    # read_structure skips _after_top_line for the document number on this proof.
    rng = random.Random(7)
    pieces = [
        "湘教发〔2022〕7号",
        "湘 教 发〔2022〕7号",
        "标题",
        "标 题",
        "甲",
        "",
        " ",
        "\u3000",
        "甲\n" * 35,
    ]
    for _ in range(3000):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for target in ("湘教发〔2022〕7号", "标题", "甲"):
            for limit in range(len(text) + 2):
                if S._line_ending_by(text, target, limit):
                    assert S._after_top_line(text, target) <= limit, (text, target, limit)
