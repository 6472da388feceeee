"""Stage spacing: the fast pattern and the cheap first looks decide as the exact checks do.

``remove_spaces`` settles most space runs with one pattern (``_space_runs``) and judges the
rest in Python; table rows and field labels get a cheap first look before the exact
pattern. These tests hold each shortcut against the slow, exact way on texts built from
the characters that sit on the boundaries (wide characters that are not Chinese, quotes,
dashes, tabs, full-width spaces, labels, agency names, table rows).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.options import make_options
from docclean.patterns import CJK_CHARS, HSPACE
from docclean.pipeline import Context
from docclean.stages import spacing

PIECES = [
    "国务院办公厅", "中央军委办公厅", "湖南省教育厅", "湖", "南", "省", "教育", "联系地址", "邮编",
    "，", "。", "：", ":", "（", "）", "“", "”", "‘", "’", "—", "——", "…", "、", "〔", "〕", "．",
    "a", "STEM", "2", "2023", ".", "%", "℃", "１", "Ａ", ")", "-", "·", "々", "〇", "の", "한",
    "Ω", "é", "㐀", "鿿", "豈", "﫿", "𠀀", "编：", "。全面", "联系地址：长沙市", "邮政编码：", "2号",
    " ", " ", " ", "  ", "\t", "\u3000", "\u00a0", "\u2002", "\n", "\n",
    "本年制发件数", "\n本年制发件数 本年废止件数 现行有效件数\n", "本年制发件数\u3000\u3000现行有效件数",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join)
POLICIES = st.sampled_from(["remove", "keep", "add"])


def _run(text: str, policy: str) -> tuple[list[tuple], list[tuple]]:
    ctx = Context(options=make_options(None, cjk_latin_space=policy))
    edits = spacing.remove_spaces(text, ctx)
    return [dataclasses.astuple(e) for e in edits], [dataclasses.astuple(f) for f in ctx.flags]


# Every run goes to the general path: the last group of the pattern, reason None.
_ALL_GENERAL = (re.compile(f"[{HSPACE}][{HSPACE}]*()"), (None, None))


def _fast_and_general(text: str, policy: str) -> tuple[tuple, tuple]:
    fast = _run(text, policy)
    original = spacing._space_runs
    spacing._space_runs = lambda remove_latin: _ALL_GENERAL  # type: ignore[assignment]
    try:
        general = _run(text, policy)
    finally:
        spacing._space_runs = original  # type: ignore[assignment]
    return fast, general


@settings(max_examples=300, deadline=None)
@given(TEXTS, POLICIES)
def test_fast_runs_are_decided_as_the_general_path_decides(text: str, policy: str) -> None:
    fast, general = _fast_and_general(text, policy)
    assert fast == general


@pytest.mark.parametrize("policy", ["remove", "keep", "add"])
@pytest.mark.parametrize(
    "text",
    [
        "联系地址：2号 邮编：410001\n",  # a label after a short word: the first look catches it
        "联系地址：长沙市 邮政编码：410001\n",
        "国务院办公厅 中央军委办公厅\n",
        "湖 南 省 教 育 厅    湖 南 省 财 政 厅\n",
        "办好“天府杯” “挑战杯”\n",
        "2. 夯实高职专科\n",
        "三个转变 —— 从规模到质量 …… 等\n",
        "本年制发件数 本年废止件数 现行有效件数\n",
        "（ STEM ） STEM 教育 STEM （一） STEM 。\n",
        "の 国 한 国 国 の 。 の\n",
        "全省 101所 2023年 6月 5日 30℃ 以上 2.5% 的\n",
        "加\t大 创\u3000业 信\u00a0贷 支\u2002持\n",
    ],
)
def test_boundary_cases_are_decided_as_the_general_path_decides(text: str, policy: str) -> None:
    fast, general = _fast_and_general(text, policy)
    assert fast == general


_CELL_ROW = re.compile(f"^[{CJK_CHARS}]{{3,}}(?:[ \u3000]+[{CJK_CHARS}]{{3,}}){{2,}}$", re.M)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_table_rows_are_the_lines_of_the_exact_pattern(text: str) -> None:
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    rows = [(a, spacing._cell_row_end(text, a)) for a in line_starts]
    assert [row for row in rows if row[1] is not None] == [m.span() for m in _CELL_ROW.finditer(text)]


def _flags_with_rows_found_first(text: str, policy: str) -> list[tuple]:
    """The pass's flags as it gave them when it looked for every table row first."""
    ctx = Context(options=make_options(None, cjk_latin_space=policy))
    for m in _CELL_ROW.finditer(text):
        ctx.flag("table-row-spacing", "spaces kept: they look like table cell separators", *m.span())
    return [dataclasses.astuple(f) for f in ctx.flags]


@settings(max_examples=300, deadline=None)
@given(TEXTS, POLICIES)
def test_rows_found_where_runs_need_the_general_path_are_all_rows(text: str, policy: str) -> None:
    """Rows are looked for only on lines whose space runs take the general path: all of them."""
    assert _run(text, policy)[1] == _flags_with_rows_found_first(text, policy)


_FIELD_LABEL = re.compile(f"[{CJK_CHARS}]{{2,6}}[：:]")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_field_labels_are_those_of_the_exact_pattern(text: str) -> None:
    for pos in range(len(text) + 1):
        assert spacing._field_label_at(text, pos) == bool(_FIELD_LABEL.match(text, pos))


def test_wide_is_a_superset_of_the_chinese_class() -> None:
    wide = re.compile(f"[{spacing._WIDE}]")
    chinese = re.compile(f"[{CJK_CHARS}]")
    for code in range(0x110000):
        ch = chr(code)
        if chinese.match(ch):
            assert wide.match(ch), hex(code)
    assert not any(wide.match(chr(code)) for code in range(256))
