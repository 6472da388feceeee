"""The mojibake stage: UTF-8 text that was once decoded as GBK.

Fixtures are made the way the damage happens: ``text.encode("utf-8").decode("gb18030")``
(strictly when every byte pair maps, with ``errors="replace"`` when some are lost).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REALDOCS, SEEDS
from docclean import clean_text, rebuild
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages.mojibake import repair_mojibake

SAMPLES = SEEDS + REALDOCS


def as_gbk(text: str, errors: str = "strict") -> str:
    """What a GBK reader makes of UTF-8 bytes."""
    return text.encode("utf-8").decode("gb18030", errors=errors)


def run(text: str) -> tuple[str, list, list]:
    result = clean_text(text, stages=("mojibake",))
    assert rebuild(result.text, result.changes) == text
    return result.text, result.changes, result.flags


@cache
def sample(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_repairs_a_title() -> None:
    damaged = as_gbk("关于发布通知")
    assert damaged == "鍏充簬鍙戝竷閫氱煡"
    text, changes, flags = run(damaged + "\n")
    assert text == "关于发布通知\n"
    assert [(c.stage, c.kind, c.before, c.after) for c in changes] == [
        ("mojibake", "mojibake", "鍏充簬鍙戝竷閫氱煡", "关于发布通知")
    ]
    assert "GBK" in changes[0].reason and not flags


def test_repairs_a_stretch_inside_normal_text() -> None:
    text, changes, _ = run("关于" + as_gbk("发布") + "的通知，" + as_gbk("请各单位认真执行") + "。\n")
    assert text == "关于发布的通知，请各单位认真执行。\n"
    assert len(changes) == 2
    assert changes[0].source is not None and changes[0].source.column == 3


def test_ascii_inside_mojibake_stays_put() -> None:
    line = "2023年度工作要点（试行） 共印100册数"
    text, _, _ = run(as_gbk(line))
    assert text == line


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:40])
def test_normal_text_never_triggers(path: Path) -> None:
    """All samples, Simplified and Traditional: zero changes, zero flags."""
    import opencc

    for text in (sample(path), opencc.OpenCC("s2t").convert(sample(path))):
        ctx = Context(Options())
        assert repair_mojibake(text, ctx) == []
        assert ctx.flags == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:40])
def test_whole_sample_round_trip(path: Path) -> None:
    # Lines whose UTF-8 bytes all pair up as GBK survive the bad decode losslessly;
    # the stage must give each of them back exactly.
    lines = [line for line in sample(path).splitlines() if "\ufffd" not in as_gbk(line, "replace")]
    original = "\n".join(lines) + "\n"
    damaged = as_gbk(original)
    assert damaged != original
    text, changes, flags = run(damaged)
    assert text == original
    assert changes and not flags


def test_a_stretch_wrapped_inside_a_character_is_repaired_across_the_break() -> None:
    # Wrapped after the bad decode (OCR or a PDF layout of the damaged text): the break may
    # cut a character's bytes. 鍏充簬鍙戝 / 竷閫氱煡 cuts 布 (E5 | B8 83); the break goes after it.
    damaged = as_gbk("关于发布通知")
    text, changes, flags = run("各单位：\n" + damaged[:5] + "\n" + damaged[5:] + "\n")
    assert text == "各单位：\n关于发布\n通知\n"
    assert [(c.before, c.after) for c in changes] == [(damaged[:5] + "\n" + damaged[5:], "关于发布\n通知")]
    assert "across a line break" in changes[0].reason and "\n" not in changes[0].reason
    assert not flags


@pytest.mark.parametrize("width", [5, 7, 13, 30])
def test_text_wrapped_after_the_bad_decode_is_repaired_whole(width: int) -> None:
    # Sentences of a seed that survive the bad decode losslessly, wrapped every ``width``
    # characters of the damaged text: every character comes back (before, stretches cut
    # inside a character at the line ends stayed damaged), and nothing is left to repair.
    lines = [line.strip() for line in sample(SEEDS[0]).splitlines() if len(line.strip()) > 10]
    original = "".join([line for line in lines if "\ufffd" not in as_gbk(line, "replace")][:6])
    damaged = as_gbk(original)
    wrapped = "\n".join(damaged[i : i + width] for i in range(0, len(damaged), width)) + "\n"
    text, _, flags = run(wrapped)
    assert text.replace("\n", "") == original and not flags
    assert run(text)[1] == []


def test_lost_bytes_are_flagged_never_guessed() -> None:
    # 会 is 3 bytes: the last one pairs with the newline and is lost as U+FFFD.
    line = "关于召开工作会\n第二行文字内容"
    damaged = as_gbk(line, "replace")
    assert "\ufffd" in damaged
    text, changes, flags = run(damaged)
    assert text.startswith("关于召开工作")
    assert "\ufffd" in text  # nothing invented for the lost byte
    assert "mojibake.lost-bytes" in {f.code for f in flags}
    for change in changes:  # every repair is real text of the original
        assert change.after in line


def test_short_word_alone_is_flagged_not_changed() -> None:
    # 制度 reads as 鍒跺害, where 跺 and 害 are common characters themselves.
    damaged = as_gbk("制度")
    text, changes, flags = run("执行" + damaged + "。\n")
    assert text == "执行" + damaged + "。\n" and changes == []
    assert [f.code for f in flags] == ["mojibake.ambiguous"]
    assert flags[0].detail == {"candidate": "制度"}


def test_short_word_is_repaired_in_a_damaged_document() -> None:
    doc = as_gbk("关于进一步加强管理的通知\n各有关单位：\n") + "执行" + as_gbk("制度") + "。\n"
    text, _, flags = run(doc)
    assert text == "关于进一步加强管理的通知\n各有关单位：\n执行制度。\n"
    assert not flags


def test_idempotent() -> None:
    damaged = as_gbk("湖南省教育厅关于做好2023年普通高校招生工作的通知\n")
    once, _, _ = run(damaged)
    again, changes, flags = run(once)
    assert again == once and changes == [] and flags == []


# Common Simplified characters (GB 2312 level 1) and everyday punctuation.
COMMON = [
    bytes([hi, lo]).decode("gb2312")
    for hi in range(0xB0, 0xD8)
    for lo in range(0xA1, 0xFF)
    if (hi, lo) < (0xD7, 0xFA)
]
PUNCT = list("，。、：；（）《》“”—…") + list("0123456789 \n")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(COMMON + PUNCT), max_size=80))
def test_property_common_text_is_left_alone(chars: list[str]) -> None:
    text = "".join(chars)
    ctx = Context(Options())
    assert repair_mojibake(text, ctx) == []


# A character with a 0x80 continuation byte cannot survive a GBK reading at every
# position (0x80 is no GBK lead byte): leave those out of the lossless property.
PAIRABLE = [ch for ch in COMMON if 0x80 not in ch.encode()[1:]]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PAIRABLE), min_size=7, max_size=70), st.sampled_from("，；"))
def test_property_lossless_mojibake_is_repaired(chars: list[str], comma: str) -> None:
    # Clauses of seven characters plus punctuation: 24 UTF-8 bytes, so the GBK reading
    # never loses a byte.
    chars = chars[: len(chars) // 7 * 7]
    text = "".join("".join(chars[i : i + 7]) + comma for i in range(0, len(chars), 7))
    damaged = as_gbk(text)
    repaired, _, _ = run(damaged)
    assert repaired == text


DAMAGED_PIECES = [
    *"关于做好工作的通知，。：\n 2023",
    as_gbk("关于发布通知"),
    as_gbk("制度"),
    as_gbk("各有关单位："),
    "鍏冴幓",  # 元ꎻ: a lone character next to a PDF glyph
    "浼\ufffd",  # a character whose last UTF-8 byte was lost
    "\r\n",
    "\ufeff",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(DAMAGED_PIECES), max_size=30).map("".join))
def test_property_encoding_and_mojibake_are_idempotent(text: str) -> None:
    once = clean_text(text, stages=("encoding", "mojibake"))
    assert rebuild(once.text, once.changes) == text
    again = clean_text(once.text, stages=("encoding", "mojibake"))
    assert again.changes == []


def test_a_utf8_bom_read_as_gbk_with_the_text_is_dropped_by_the_repair() -> None:
    # EF BB BF read as GBK joins the mojibake (锘挎箹…); repaired, it would be a U+FEFF
    # mid-text, which the encoding stage drops on a second run. The repair drops it now.
    damaged = "前言" + (b"\xef\xbb\xbf" + "湖南省教育厅关于做好教材征订工作的通知".encode()).decode("gb18030")
    result = clean_text(damaged)
    assert result.text == "前言湖南省教育厅关于做好教材征订工作的通知"
    (change,) = [c for c in result.changes if c.stage == "mojibake"]
    assert "\ufeff" not in change.after and "byte-order mark dropped" in change.reason
    assert rebuild(result.text, result.changes) == damaged
    assert clean_text(result.text).changes == []
