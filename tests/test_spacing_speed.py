"""Stage spacing: runs searched for from a literal ASCII space (when a text has no other
kind of space) are the runs, and the decisions, of the search from the space class."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.options import make_options
from docclean.pipeline import Context
from docclean.stages import spacing

PIECES = [
    "国务院办公厅", "中央军委办公厅", "湖", "南", "省", "教育", "联系地址", "邮编", "本年制发件数",
    "，", "。", "：", ":", "（", "）", "“", "”", "—", "——", "…", "、", ".", "%", "１", "Ａ",
    "a", "STEM", "2", "2023", "の", "é", "𠀀", "编：", "联系地址：长沙市", "2号",
    " ", " ", " ", "  ", "\n", "\n", "\t", "\u3000", "\u00a0", "\u2002", "\u205f",
]  # fmt: skip
ASCII_ONLY = [p for p in PIECES if p not in ("\t", "\u3000", "\u00a0", "\u2002", "\u205f")]
TEXTS = st.one_of(
    st.lists(st.sampled_from(ASCII_ONLY), min_size=1, max_size=40).map("".join),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join),
)
POLICIES = st.sampled_from(["remove", "keep", "add"])


def _run(text: str, policy: str) -> tuple[list[tuple], list[tuple]]:
    ctx = Context(options=make_options(None, cjk_latin_space=policy))
    edits = spacing.remove_spaces(text, ctx)
    return [dataclasses.astuple(e) for e in edits], [dataclasses.astuple(f) for f in ctx.flags]


@settings(max_examples=400, deadline=None)
@given(TEXTS, POLICIES)
def test_literal_space_search_decides_as_the_class_search(text: str, policy: str) -> None:
    proof_min, original = spacing._PROOF_MIN_CHARS, spacing._from_ascii_space
    spacing._PROOF_MIN_CHARS = 0  # short texts take the literal search too
    try:
        fast = _run(text, policy)
        spacing._from_ascii_space = lambda runs: runs  # type: ignore[assignment]
        plain = _run(text, policy)
    finally:
        spacing._PROOF_MIN_CHARS, spacing._from_ascii_space = proof_min, original  # type: ignore[assignment]
    assert fast == plain


def test_other_spaces_are_the_space_class_but_the_ascii_space() -> None:
    from docclean.patterns import HSPACE_CHARS, OTHER_HSPACES

    assert set(OTHER_HSPACES) == HSPACE_CHARS - {" "}
    assert len(OTHER_HSPACES) == len(set(OTHER_HSPACES))


def test_fast_edits_are_whole_edits() -> None:
    """The fast path makes its Edits without Edit.__init__: every field must be set."""
    from docclean.changes import Edit

    # The fields the fast path sets one by one (update remove_spaces if Edit gains one).
    assert [f.name for f in dataclasses.fields(Edit)] == ["start", "end", "after", "kind", "reason", "detail"]
    text = "加 大 创 业 2023年 6月 STEM 教育 （ 一） 健康发展 。\n"
    edits = spacing.remove_spaces(text, Context(options=make_options(None)))
    assert len(edits) > 8
    for edit in edits:
        made = Edit(edit.start, edit.end, edit.after, edit.kind, edit.reason, edit.detail)
        assert edit == made and repr(edit) == repr(made)
