"""Stage pages: when only counts are kept, ``remove_page_artifacts`` hands back its output
text and number of changes (``Rewrite``) from the spans its edits would delete; they must
be what its edits give (``apply_edits_counted``), with the same flags and metadata, on
generated texts and on what the pass reads of generated circulars."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import both_ways, corpus_pass_inputs
from docclean.changes import Rewrite
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import pages
from test_pages_shortcuts import HEADERS, LINES
from test_pages_speed import PIECES

BODY = [line for line in {*LINES, *PIECES} if "\f" not in line]  # with form feeds: always edits


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Pages of body lines (OCR's blank line after every line or not) with page numbers of
    several forms, glued dashes, split numbers, running headers and page-break spaces."""
    header = draw(st.sampled_from(HEADERS))
    spaced = draw(st.booleans())
    lines: list[str] = []
    for n in range(1, draw(st.integers(1, 6)) + 1):
        page = draw(st.lists(st.sampled_from(BODY), max_size=8))
        if draw(st.booleans()):
            page.insert(0, header.format(n=n))
        if page and draw(st.booleans()):
            page[0] = " " + page[0]
        end = draw(
            st.sampled_from([f"— {n} —", f"- {n} -", f"第 {n} 页", f"{n}/6", "—\n—\n" + str(n), "glued"])
        )
        if end == "glued":
            page.append("确保工作落实。—")
            end = f"{n} —"
        page.append(end)
        for line in page:
            lines += [line, ""] if spaced else [line]
    text = "\n".join(lines)
    return text + "\f" if draw(st.integers(0, 9)) == 7 else text


@settings(max_examples=300, deadline=None)
@given(documents())
def test_rewrite_is_what_the_edits_give(text: str) -> None:
    edits_way, bulk_way, _ = both_ways(pages.remove_page_artifacts, text)
    assert bulk_way == edits_way


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("\n".join))
def test_rewrite_on_page_number_pieces(text: str) -> None:
    edits_way, bulk_way, _ = both_ways(pages.remove_page_artifacts, text)
    assert bulk_way == edits_way


def test_rewrite_taken_without_form_feeds() -> None:
    text = "金支持，重\n— 2 —\n 点用于开展足球青训\n"
    result = pages.remove_page_artifacts(text, Context(Options(), keep_log=False))
    assert result == Rewrite("金支持，重\n点用于开展足球青训\n", 2)
    assert pages.remove_page_artifacts("", Context(Options(), keep_log=False)) == Rewrite("", 0)
    with_feed = pages.remove_page_artifacts(text + "\f", Context(Options(), keep_log=False))
    assert isinstance(with_feed, list)


def test_rewrite_on_generated_corpus_inputs() -> None:
    texts = corpus_pass_inputs()["pages.remove_page_artifacts"]
    assert texts
    for text in texts:
        edits_way, bulk_way, _ = both_ways(pages.remove_page_artifacts, text)
        assert bulk_way == edits_way


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "\u3000\u3000— 7 —", " \t 12", "  "]), min_size=1, max_size=30))
def test_possessive_leading_spaces_find_what_greedy_ones_find(lines: list[str]) -> None:
    """The short-line scan takes the leading spaces possessively on Python 3.11 and later;
    the greedy pattern of 3.10 finds the same lines."""
    text = "\n".join(lines)
    greedy = re.compile(pages._SHORT_LINE_RE.pattern.replace("*+", "*", 1))
    assert [m.span() for m in pages._SHORT_LINE_RE.finditer(text)] == [
        m.span() for m in greedy.finditer(text)
    ]
