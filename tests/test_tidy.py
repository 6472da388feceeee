"""Stage tidy: runs of spaces, trailing spaces, blank lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.api import clean_text
from docclean.changes import rebuild


def tidy(text: str) -> str:
    result = clean_text(text, stages=("tidy",))
    assert rebuild(result.text, result.changes) == text
    return result.text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "\n\n湖南省教育厅   文件  \n\n\n\n湘教发〔2022〕7号\n\n",
            "湖南省教育厅 文件\n\n湘教发〔2022〕7号\n",
        ),
        ("第一行\t \n第二行\u3000\u3000\n", "第一行\n第二行\n"),
        ("Hello   world, see  you.\n", "Hello world, see you.\n"),
        ("    缩进的正文\n", "缩进的正文\n"),
        ("一段\n   \n\t\n二段\n", "一段\n\n二段\n"),
        ("正文\n\n\n", "正文\n"),
        ("正文", "正文"),
        ("\n \n\n", ""),
    ],
)
def test_whitespace_is_tidied(before: str, after: str) -> None:
    assert tidy(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "湖南省教育厅\n\n湘教发〔2022〕7号\n",
        " 育督导办将“双减”工作纳入\n",  # a page-break mark when pages did not run
        "\u3000\u3000为贯彻落实《条例》，现将有关事项通知如下：\n",  # full-width paragraph indent
        "国务院办公厅 中央军委办公厅\n",
        "本年制发件数 本年废止件数\n0\n5\n550\n",
    ],
)
def test_what_must_not_change(text: str) -> None:
    assert tidy(text) == text


def test_reasons_are_recorded() -> None:
    result = clean_text("\n\n正文  正文 \n\n\n\n结尾\n\n", stages=("tidy",))
    assert sorted({c.reason for c in result.changes}) == [
        "blank lines at the end",
        "blank lines at the start",
        "run of blank lines",
        "run of spaces",
        "trailing space",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="正文a1 \t\u3000\n\u00a0", max_size=60))
def test_idempotent_reversible_no_double_spaces(text: str) -> None:
    once = clean_text(text, stages=("tidy",))
    assert rebuild(once.text, once.changes) == text
    assert clean_text(once.text, stages=("tidy",)).changes == []
    assert "\n\n\n" not in once.text
    for line in once.text.split("\n"):
        assert line == line.rstrip(" \t\u3000\u00a0")
        assert "  " not in line
