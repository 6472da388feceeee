"""Stage pages: the page-break space is decided the same way before and after reflow.

The property test of the layout stages found ``0，`` / ``—`` / `` 0`` (mostly blank-line
text, one page with lines that follow each other directly) keeping its leading space on
the first run, and losing it as "leading space of a new page" once reflow had joined
``0，—``: the blank-line style was judged by counting the blank lines against the lines
that follow directly, and reflow's join changed that count. The style is now judged
around each line by the blank lines that cut a sentence per character of text, which
reflow can only lower.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docclean import clean_text
from docclean.changes import rebuild

LAYOUT = ("pages", "reflow")


def pages(text: str):
    return clean_text(text, stages=("pages",))


def layout_changes_on_second_run(text: str, **kwargs) -> list:
    return [c for c in clean_text(text, **kwargs).changes if c.stage in LAYOUT]


def test_hypothesis_example_keeps_the_ambiguous_space_on_every_run() -> None:
    raw = "0\n\n— 1 —\n\n0\n\n0\n\n0\n\n— 2 —\n\n0，\n—\n 0\n— 3 —\n"
    # ` 0` is the last line of page 3, before its page number: no page starts there, and
    # lone numbers separated by blank lines are no OCR blank-line prose.
    alone = pages(raw)
    assert alone.text == "0\n\n0\n\n0\n\n0\n\n0，\n—\n 0\n"
    assert [c.kind for c in alone.changes] == ["page-number"] * 3
    assert pages(alone.text).changes == []
    result = clean_text(raw)
    assert rebuild(result.text, result.changes) == raw
    assert result.text.endswith("\n 0\n")
    assert layout_changes_on_second_run(result.text) == []
    # As reflow leaves it (`0，—` joined) the stage still keeps the space.
    assert pages("0\n\n0\n\n0\n\n0\n\n0，—\n 0\n").changes == []


def test_circular_page_with_direct_lines_after_blank_line_pages() -> None:
    raw = (
        "湖南省教育厅\n\n— 1 —\n\n关于做好2024年工作的通知\n\n各市州教育局：\n\n"
        "现将有关事项通知如下。\n\n— 2 —\n\n一、总体要求，\n确保工作落实\n 二是强化督查。\n— 3 —\n"
    )
    alone = pages(raw)
    assert alone.text == (
        "湖南省教育厅\n\n关于做好2024年工作的通知\n\n各市州教育局：\n\n"
        "现将有关事项通知如下。\n\n一、总体要求，\n确保工作落实\n 二是强化督查。\n"
    )
    assert pages(alone.text).changes == []
    result = clean_text(raw)
    assert rebuild(result.text, result.changes) == raw
    assert "\n 二是强化督查。" in result.text
    assert layout_changes_on_second_run(result.text) == []
    joined = alone.text.replace("一、总体要求，\n确保工作落实", "一、总体要求，确保工作落实")
    assert pages(joined).changes == []


# OCR'd prose: full lines that stop mid-sentence, a blank line after each.
OCR_LINES = [
    "为深入贯彻落实党中央、国务院关于减轻义务教育阶段学生作业负",
    "担和校外培训负担的决策部署，省委常委会会议、省政府常务会议多",
    "次研究“双减”工作，在全国较早制定“双减”实施方案。成立由省委",
    "副书记任组长、省政府分管副省长任第一副组长、24家省直单位为成",
    "员的“双减”协调小组。省委编办支持省教育厅成立校外教育培训监",
    "管处，配备6名编制。省委政法委将“双减”纳入平安建设考核体系。",
]


def test_ocr_page_break_space_still_goes_and_stays_gone() -> None:
    body = "\n\n".join(OCR_LINES[:4])
    tail = "\n\n".join(OCR_LINES[5:])
    raw = f"{body}\n 育督导办将“双减”工作纳入市、县两级政府履职评价指标，去年\n\n{tail}\n"
    alone = pages(raw)
    assert [c.kind for c in alone.changes] == ["page-break-space"]
    assert "\n育督导办将" in alone.text
    result = clean_text(raw)
    assert rebuild(result.text, result.changes) == raw
    assert layout_changes_on_second_run(result.text) == []


WORDS = [
    "各地要加强组织领导",
    "确保工作落实",
    "，",
    "。",
    "0",
    " ",
    "—",
    "二是强化督查",
    "省政府教育督导办将“双减”工作纳入",
    "评价指标",
    "2024年",
    "、",
]
TEXT_LINE = st.lists(st.sampled_from(WORDS), max_size=6).map("".join)


@st.composite
def circulars(draw: st.DrawFn) -> str:
    """Pages of prose-like lines, each page blank-line separated or not, with page marks."""
    parts = []
    for n in range(1, draw(st.integers(1, 6)) + 1):
        body = draw(st.lists(TEXT_LINE, min_size=1, max_size=8))
        sep = draw(st.sampled_from(["\n", "\n\n"]))
        mark = draw(st.sampled_from([f"— {n} —", ""]))
        parts.append(sep.join(body) + sep + mark + sep + draw(st.sampled_from(["", "\f"])))
    return "".join(parts)


@settings(max_examples=60, deadline=None)
@given(circulars())
def test_pages_has_nothing_to_do_on_the_pipeline_output(text: str) -> None:
    # dedup removes repeated text (this alphabet repeats a lot), which moves the
    # characters the judgment counts: left out here.
    result = clean_text(text, skip=("dedup",))
    assert rebuild(result.text, result.changes) == text
    again = clean_text(result.text, skip=("dedup",))
    assert [c for c in again.changes if c.stage == "pages"] == []


GLUED = (
    "一是加强组织领导，确保工作落实。\n— 1 —\n"
    "二是明确责任分工，确保各项工作落实。—\n2 —\n"
    "三是强化督查，推动任务完成。\n— 3 —\n"
)


def test_page_number_whose_first_dash_ends_the_line_before() -> None:
    result = pages(GLUED)
    assert result.text == (
        "一是加强组织领导，确保工作落实。\n二是明确责任分工，确保各项工作落实。\n三是强化督查，推动任务完成。\n"
    )
    assert result.metadata["pages"]["numbers"] == [1, 2, 3]
    assert result.flags == []
    glued = [c for c in result.changes if "line before" in c.reason]
    assert [c.before for c in glued] == ["—", "2 —\n"]
    assert rebuild(result.text, result.changes) == GLUED
    assert pages(result.text).changes == []
    cleaned = clean_text(GLUED)
    assert "—" not in cleaned.text
    assert layout_changes_on_second_run(cleaned.text) == []


def test_glued_dash_out_of_the_page_sequence_is_kept() -> None:
    # 5 does not follow 1: a line "5 —" after a dash is text, not page 5.
    text = GLUED.replace("\n2 —\n", "\n5 —\n")
    assert "落实。—\n5 —\n" in pages(text).text
    # Nor without any page number to follow.
    alone = "二是明确责任分工，确保各项工作落实。—\n2 —\n三是强化督查。\n"
    assert pages(alone).changes == []
    # Nor when the line before holds nothing but the dash.
    text = GLUED.replace("确保各项工作落实。—\n", "确保各项工作落实。\n—\n")
    assert "\n—\n2 —\n" in pages(text).text
