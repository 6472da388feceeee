"""Stage spacing: in a counts-only run over a text whose only spaces are ASCII ones,
``_remove_lone_spaces`` gives what ``re.subn`` with the removal pattern gives (its output
text and count) whenever no two spaces meet, and declines (None) exactly when two do;
on generated texts and on what the pass reads of generated circulars. And the printable
test that stands in for the search for other spaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import corpus_pass_inputs
from docclean.patterns import OTHER_HSPACES
from docclean.stages import spacing

PIECES = [
    "国务院办公厅", "中央军委办公厅", "湖", "南", "省", "教育", "联系地址", "邮编", "本年制发件数",
    "，", "。", "：", ":", "（", "）", "“", "”", "‘", "’", "—", "——", "…", "、", ".", "%", "１",
    "Ａ", "a", "STEM", "2", "2023", "の", "é", "𠀀", "编：", "联系地址：长沙市", "2号", "号",
    "本年废止件数", "\uff5f", "\u3001", "\ufaff", "\u4dbf",
    " ", " ", " ", " ", " ", "\n", "\n",
]  # fmt: skip
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join),
    st.lists(st.sampled_from([*PIECES, "  "]), min_size=1, max_size=40).map("".join),
)


def _check(text: str) -> None:
    for remove_latin in (True, False):
        removed = spacing._from_ascii_space(spacing._removed_runs(remove_latin))
        lone = spacing._remove_lone_spaces(text, remove_latin)
        assert (lone is None) == ("  " in text)
        if lone is not None:
            assert lone == removed.subn("", text)


@settings(max_examples=800, deadline=None)
@given(TEXTS)
def test_lone_spaces_are_what_subn_removes(text: str) -> None:
    _check(text)


def test_lone_spaces_on_line_ends_names_and_fields() -> None:
    for text in [
        "国务院办公厅 中央军委办公厅 \n教育 ",
        "联系地址：长沙市 邮政编码：410001 \n到 2023 年 ，“ 双减 ” 。\n",
        " 教育 2. 夯实 STEM 教育 a b 1 2",
        "湖 南 省 教 育 厅\n本年制发件数 本年废止件数 现行有效件数",
        "教育  \n",
    ]:
        _check(text)


def test_lone_spaces_on_generated_corpus_inputs() -> None:
    texts = corpus_pass_inputs()["spacing.remove_spaces"]
    assert texts
    for text in texts:
        if not any(map(text.__contains__, OTHER_HSPACES)):
            _check(text)
