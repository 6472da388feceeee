"""Stage spacing: when only counts are kept, ``remove_spaces`` hands back its output text
and number of changes (``Rewrite``) from one ``re.subn`` (and the lines it leaves to
Python judged as the edits judge them); they must be what its edits give
(``apply_edits_counted``), with the same flags, on generated texts and on what the
pass reads of generated circulars."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import both_ways, corpus_pass_inputs
from docclean.changes import Rewrite
from docclean.options import make_options
from docclean.pipeline import Context
from docclean.stages import spacing

PIECES = [
    "国务院办公厅", "中央军委办公厅", "湖", "南", "省", "教育", "联系地址", "邮编", "本年制发件数",
    "，", "。", "：", ":", "（", "）", "“", "”", "‘", "’", "—", "——", "…", "、", ".", "%", "１",
    "Ａ", "a", "STEM", "2", "2023", "の", "é", "𠀀", "编：", "联系地址：长沙市", "2号", "号",
    " ", " ", " ", " ", "  ", "\n", "\n", "\n", "\t", "\u3000", "\u00a0", "\u2002", "\u205f",
    "\n本年制发件数 本年废止件数 现行有效件数\n",
]  # fmt: skip
ASCII_ONLY = [p for p in PIECES if p not in ("\t", "\u3000", "\u00a0", "\u2002", "\u205f")]
# Short texts too: the Rewrite is taken only when no run is left in the middle of a line.
TEXTS = st.one_of(
    st.lists(st.sampled_from(ASCII_ONLY), min_size=1, max_size=8).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join),
    st.lists(st.sampled_from(ASCII_ONLY), min_size=1, max_size=40).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join),
)
POLICIES = st.sampled_from(["remove", "keep", "add"])


def _both_ways(text: str, policy: str) -> tuple[tuple, tuple]:
    edits_way, bulk_way, _ = both_ways(
        spacing.remove_spaces, text, make_options(None, cjk_latin_space=policy)
    )
    return edits_way, bulk_way


@settings(max_examples=500, deadline=None)
@given(TEXTS, POLICIES)
def test_rewrite_is_what_the_edits_give(text: str, policy: str) -> None:
    proof_min = spacing._PROOF_MIN_CHARS
    for spacing._PROOF_MIN_CHARS in (0, proof_min):  # the literal search on short texts too
        try:
            edits_way, bulk_way = _both_ways(text, policy)
        finally:
            spacing._PROOF_MIN_CHARS = proof_min
        assert bulk_way == edits_way


@pytest.mark.parametrize(
    "text",
    [
        "加 大 创 业 信 贷 支 持 力 度。 \n（ 一） 健康发展 。\t\n  页眉 \nSTEM教育 \n",
        "湖南省 \n 去年 6月 \nabc \n教育\t \n教育 \t\n教育  \n教育\u3000 \n“教育” \n…  \n",
        "教育 \t\n",
        "教育 ",
        "。\u3000\u3000",
        " 教育\n\n   \n \n",
        "国务院办公厅 中央军委办公厅\n",
        "联系地址：长沙市 邮政编码：410001 \n",
    ],
)
def test_rewrite_on_line_ends_and_line_starts(text: str) -> None:
    for policy in ("remove", "keep"):
        edits_way, bulk_way = _both_ways(text, policy)
        assert bulk_way == edits_way


def test_rewrite_taken_when_no_run_is_left_for_python() -> None:
    ctx = Context(options=make_options(None), keep_log=False)
    result = spacing.remove_spaces("加 大 创 业 。 \n  页眉\n", ctx)
    assert result == Rewrite("加大创业。\n  页眉\n", 5)


def test_rewrite_with_the_lines_judged_in_python_spliced_in() -> None:
    """Lines with a run left mid-line (Latin words, a table row) are judged by the edits."""
    text = "加 大\nHello world 教 育\n本年制发件数 本年废止件数 现行有效件数\n"
    ctx = Context(options=make_options(None), keep_log=False)
    result = spacing.remove_spaces(text, ctx)
    assert result == Rewrite("加大\nHello world教育\n本年制发件数 本年废止件数 现行有效件数\n", 3)
    assert [(f.code, f.start, f.end) for f in ctx.flags] == [("table-row-spacing", 20, 40)]
    edits_way, bulk_way = _both_ways(text, "remove")
    assert bulk_way == edits_way


def test_rewrite_on_generated_corpus_inputs() -> None:
    texts = corpus_pass_inputs()["spacing.remove_spaces"]
    assert texts
    for text in texts:
        edits_way, bulk_way = _both_ways(text, "remove")
        assert bulk_way == edits_way
