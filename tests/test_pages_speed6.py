"""Stage pages: two shortcuts decide as the full reading does.

A text without a form feed and without a line that can be a page number or a part of
one (no short candidate) has its plan made from its page-break spaces alone, unless it
has two of them or more (then running headers may stand on the three pages): the plan
must be the reference plan's. And remove_page_artifacts skips its scan for a form feed
when break_lines_at_form_feeds has just found none in the same text object: the result
is the same as a fresh run's, and a text with form feeds that follows is still read as
one; the memo lets go of the text then.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean.changes import apply_edits_counted
from docclean.options import Options
from docclean.pipeline import Context
from docclean.stages import pages
from test_pages_speed5 import _OCR_LINES, _decided, _reference_plan

_HEADERS = ["某某市人民政府公报", "内部资料 注意保存", " 某某公报", ""]


@st.composite
def unnumbered(draw: st.DrawFn) -> str:
    """OCR pages in the blank-line style or not, with no page numbers: pages shown by a
    leading space on their first line (or not at all), maybe a running header."""
    header = draw(st.sampled_from(_HEADERS))
    lines: list[str] = []
    spaced = draw(st.booleans())
    for _ in range(draw(st.integers(1, 6))):
        page = draw(st.lists(st.sampled_from(_OCR_LINES), min_size=1, max_size=10))
        if header and draw(st.booleans()):
            page.insert(draw(st.sampled_from([0, len(page)])), header)
        if draw(st.booleans()):
            page[0] = " " + page[0]
        for line in page:
            lines += [line, ""] if spaced and draw(st.integers(0, 5)) else [line]
    return "\n".join(lines)


@settings(max_examples=400, deadline=None)
@given(unnumbered())
def test_plan_without_candidates_as_the_reference(text: str) -> None:
    assert not pages._short_candidates(pages._Lines(text))
    assert _decided(pages._plan, text) == _decided(_reference_plan, text)


def test_both_ways_of_the_plan_without_candidates_are_taken() -> None:
    body = "\n\n".join(["重点城市建设工作任务", "全省形成纵向贯通", "育督导办将", "金支持，"] * 4)
    one = body + "\n 育督导办将\n\n" + body  # one page-break space: the shortcut
    three = "\n 育督导办将\n\n".join([body] * 3)  # two: the full reading
    for text, spaces in ((one, 1), (three, 2)):
        assert not pages._short_candidates(pages._Lines(text))
        plan = pages._plan(pages._Lines(text), Context(Options()))
        assert len(plan.spaces) == spaces
        assert _decided(pages._plan, text) == _decided(_reference_plan, text)


def _run(text: str, after_first_pass: bool) -> tuple:
    ctx = Context(Options())
    if after_first_pass:
        assert pages.break_lines_at_form_feeds(text, ctx) == []
    edits = pages.remove_page_artifacts(text, ctx)
    assert isinstance(edits, list)
    return apply_edits_counted(text, edits), [dataclasses.astuple(f) for f in ctx.flags], ctx.metadata


def test_form_feed_scan_skipped_only_for_the_text_found_without_one() -> None:
    plain = "湖南省教育厅关于做好工作的通知。\n\n— 1 —\n\n 各市州教育局：\n"
    fed = "湖南省教育厅关于做好工作的通知。\n— 1 —\n\f 各市州教育局：\n— 2 —\n\f结束。\n"
    assert _run(plain, True) == _run(plain, False)
    ctx = Context(Options())
    pages.break_lines_at_form_feeds(plain, ctx)
    assert ctx.feedless is plain
    # The second pass lets go of it (read or not): a long text is not kept alive. A text
    # with form feeds after the fact for another text is another object: scanned, its
    # pages counted by the feeds.
    edits = pages.remove_page_artifacts(fed, ctx)
    assert ctx.feedless is None
    assert edits == pages.remove_page_artifacts(fed, Context(Options()))
    assert _run(fed, True) == _run(fed, False)
    assert pages._Lines(fed).feeds and _run(fed, True)[2]["pages"]["count"] == 3
