"""The mojibake pre-check (``_first_of_pair`` in ``_runs``) never skips a run that holds a repair.

Compared with the same stage reading every non-ASCII run: edits and flags must be equal
on any mix of damaged text, arbitrary two-byte GB characters and normal text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import mojibake


def _gb2(lead: int, trail: int) -> str | None:
    try:
        return bytes([lead, trail]).decode("gb18030")
    except UnicodeDecodeError:
        return None


# Every two-byte GB18030 character: whatever a GBK reader can make of UTF-8 bytes.
GB2 = [
    ch
    for lead in range(0x81, 0xFF)
    for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    if (ch := _gb2(lead, trail)) is not None
]
# Common Hanzi (GB 2312 level 1), the text most repairs give back.
COMMON = [_gb2(lead, trail) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)]
# What else UTF-8 text holds: any Hanzi, CJK punctuation, full-width forms, Extension B,
# Latin and Greek.
OTHER = [
    chr(cp)
    for cp in [
        *range(0x3000, 0xA000, 29),  # every 3-byte lead E3-E9 alike
        *range(0x3000, 0x3040),
        *range(0xFF01, 0xFF5F),
        *range(0x20000, 0x40000, 997),
        *range(0x80, 0x800, 3),
    ]
]
SOURCE = st.one_of(st.sampled_from([ch for ch in COMMON if ch]), st.sampled_from(OTHER))
PIECES = st.one_of(
    st.text(SOURCE, min_size=1, max_size=5).map(
        lambda s: s.encode("utf-8").decode("gb18030", errors="replace")
    ),
    st.text(st.sampled_from(GB2), min_size=1, max_size=6),
    st.sampled_from(["\n", " ", "A", "12", "，", "ꎬ", "通知", "甬"]),
)


EVERY_RUN = re.compile("[^\x00-\x7f]+")


def _result(text: str) -> tuple[list, list]:
    ctx = Context(Options())
    return mojibake.repair_mojibake(text, ctx), ctx.flags


def _every_run_result(text: str) -> tuple[list, list]:
    runs = mojibake._runs
    mojibake._runs = lambda text: ((m.group(), m.start()) for m in EVERY_RUN.finditer(text))  # type: ignore[assignment]
    try:
        return _result(text)
    finally:
        mojibake._runs = runs


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("\n".join))
def test_pre_check_changes_nothing(text: str) -> None:
    assert _result(text) == _every_run_result(text)


def _cjk_by_prefix() -> list[str]:
    """CJK characters (``_is_cjk``'s ranges) for every first two UTF-8 bytes, each with a
    last byte from every kind of GBK row (extension, symbols, private use, Hanzi)."""
    last = {0x81, 0x95, 0xA1, 0xA4, 0xA8, 0xAC, 0xB3, 0xBF}
    found: dict[bytes, str] = {}
    for lo, hi in [(0x3000, 0x3040), (0x3400, 0xA000), (0xFF01, 0xFF5F), (0x20000, 0x40000)]:
        for cp in range(lo, hi, 1 if hi < 0x10000 else 61):
            utf8 = chr(cp).encode("utf-8")
            if utf8[-1] in last or hi > 0x10000:
                found.setdefault(utf8[:2] + utf8[-1:], chr(cp))
    return list(found.values())


WORDS = ["{c}的", "的{c}", "的{c}通", "{c}通知", "关于{c}通知", "“{c}”", "—{c}—"]


@pytest.mark.parametrize("word", WORDS)
def test_every_cjk_prefix_at_every_alignment(word: str) -> None:
    # One CJK character next to common ones, on a lead byte or on a trail byte of the
    # GBK reading: a document of such lines, each its own run.
    lines = [word.format(c=c) for c in _cjk_by_prefix()]
    text = "\n".join(line.encode("utf-8").decode("gb18030", errors="replace") for line in lines)
    fast = _result(text)
    assert fast[0], "the lines are repaired"
    assert fast == _every_run_result(text)


# UTF-8 characters by their first byte: ASCII, two bytes, each three-byte lead, four bytes
# (sampled evenly: a strategy leaning to the lowest code point would mostly give 0x80
# bytes, which no GBK reading keeps).
def _chars_from(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.sampled_from([chr(cp) for cp in range(lo, hi, 1 + (hi - lo) // 500)])


UTF8_BY_LEAD = st.one_of(
    _chars_from(0x40, 0x7F),
    _chars_from(0x80, 0x800),
    *[_chars_from(max(lead << 12, 0x800), (lead + 1) << 12) for lead in range(16) if lead != 0xD],
    _chars_from(0xD000, 0xD800),
    _chars_from(0x10000, 0x40000),
    _chars_from(0x40000, 0x110000),
)


def _has_pair(run: str, i: int, j: int) -> bool:
    """Whether ``run[i:j]`` holds the pair ``_runs`` looks for: its first character, then a non-ASCII one."""
    return any(run[m.start() + 1] >= "\x80" for m in mojibake._first_of_pair().finditer(run, i, j - 1))


@settings(max_examples=2000, deadline=None)
@given(st.text(UTF8_BY_LEAD, min_size=2, max_size=8), st.sampled_from([b"", b"\xb0"]))
def test_every_utf8_stretch_with_cjk_holds_the_pair(source: str, shift: bytes) -> None:
    """What the pre-check rests on, for every stretch of a GBK reading read back as UTF-8."""
    run = (shift + source.encode("utf-8")).decode("gb18030", errors="replace")
    for i in range(len(run)):
        for j in range(i + 2, len(run) + 1):
            try:
                decoded = run[i:j].encode("gb18030").decode("utf-8")
            except UnicodeDecodeError:
                continue
            if any(mojibake._is_cjk(ch) for ch in decoded):
                assert _has_pair(run, i, j), (run[i:j], decoded)
