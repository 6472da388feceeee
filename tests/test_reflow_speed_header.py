"""reflow finds the header block with fewer scans (the addressee line by its last
character and one look for sentence punctuation up to it; the document number searched
only in lines with 号): the results must be what the plain per-line loops give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.options import Options
from docclean.patterns import DOC_NUMBER_RE
from docclean.pipeline import Context
from docclean.stages import reflow
from docclean.stages.reflow import (
    _HEADER_LINES,
    _SENTENCE_STOP,
    _find_addressee,
    _is_addressee,
    _Layout,
    _read_lines,
    _skipped,
)
from reflow_pieces import LINE_PIECES

HEADER_PIECES = [
    *LINE_PIECES,
    "各市州教育局：",
    "如下：",
    "：",
    ":",
    "附件：",
    "1.要求：",
    "号",
    "湘政办发〔2024〕12号",
    "！",
    "？",
]
line_text = st.lists(st.sampled_from(HEADER_PIECES), min_size=1, max_size=6).map("".join)
texts = st.lists(line_text, min_size=2, max_size=50).map("\n".join)


def _plain_find_addressee(content: list[str]) -> int:
    """The addressee search as first written: each line in turn."""
    for pos in range(min(_HEADER_LINES, len(content))):
        c = content[pos]
        if _SENTENCE_STOP.search(c):
            return -1
        if _is_addressee(c):
            return pos
    return -1


@settings(max_examples=400, deadline=None)
@given(texts)
def test_addressee_found_as_line_by_line(text: str) -> None:
    lines = _read_lines(text)
    if lines is not None:
        assert _find_addressee(lines) == _plain_find_addressee(lines.content)


def test_document_numbers_end_on_hao() -> None:
    """The guard before DOC_NUMBER_RE in _Layout: every match holds 号 (its last character)."""
    assert DOC_NUMBER_RE.pattern.endswith("号")


@settings(max_examples=200, deadline=None)
@given(texts)
def test_addressee_start_as_before(text: str) -> None:
    """The wrapped addressee list is found as with the unguarded document-number search."""
    lines = _read_lines(text)
    if lines is None:
        return
    addressee = _find_addressee(lines)
    if addressee < 0:
        return
    layout = _Layout(lines, 0, len(lines.content), addressee, lines.latin, _skipped(lines))
    content, width = lines.content, lines.width
    start = addressee
    while start > layout.lo and addressee - start < 3:
        pc = content[start - 1]
        full = layout.full is not None and width[start - 1] >= layout.full - 1.0
        if (
            not (full or pc[-1] in "，、")
            or reflow.ends_sentence(pc)
            or DOC_NUMBER_RE.search(pc)
            or pc.endswith(reflow._TITLE_ENDINGS)
        ):
            break
        start -= 1
    assert layout.body_start == start
    reflow.reflow(text, Context(Options()))  # and the whole pass runs


def test_examples() -> None:
    head = "湖南省教育厅文件\n湘教发〔2022〕7号\n关于加强课后服务的通知\n"
    for body, expected in [
        ("各市州教育局：\n课后服务是学校教育的延伸。\n", 3),
        ("课后服务。\n各市州教育局：\n", -1),
        ("现将有关事项通知如下：\n各市州教育局：\n", 3),
        ("一、总体要求：\n各市州教育局；：\n", -1),
    ]:
        lines = _read_lines(head + body)
        assert lines is not None
        assert _find_addressee(lines) == _plain_find_addressee(lines.content) == expected
