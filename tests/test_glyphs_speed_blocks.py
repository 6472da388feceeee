"""Stage glyphs: a character of a block the candidates are found by (one UTF-16 high byte)
that is neither Yi text nor in the table, such as Lisu (U+A4D0-A4FF, beside the Yi
block), is no candidate of the plain pass: a text with one and font-mapped marks gives
what the plain pass gives on both paths (it used to raise KeyError with the full log and
count the Lisu letter as a change without it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.changes import apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import glyphs
from test_glyphs_speed_bulk import BMP, _same, _texts

LISU = "\ua4d0\ua4e5\ua4ff"


def test_lisu_beside_marks_between_chinese() -> None:
    text = "中文ꎬ中文\ua4d0中文"
    _same(text)
    result = glyphs.repair_glyphs(text, Context(Options(), keep_log=False))
    assert apply_edits_counted(text, result)[:2] == ("中文，中文\ua4d0中文", 1)  # (the one-by-one path)


def test_generated_texts_with_lisu_give_the_plain_pass() -> None:
    for text in _texts(BMP + LISU, 800, 11):
        _same(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="创业年元，ꎬꎮꎻ«» \n" + LISU, max_size=40))
def test_hypothesis_texts_with_lisu_give_the_plain_pass(text: str) -> None:
    _same(text)
