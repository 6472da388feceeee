"""Stage `pages`: page numbers, running headers, form feeds and page-break spaces."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REALDOCS, read_sample
from docclean import clean_text
from docclean.changes import rebuild

PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—－]\s*[0-9０-９]+\s*[-—－]|第\s*\d+\s*页.*|\d+\s*/\s*\d+)\s*$", re.M
)
# pdfminer's split page number: a dash line, a dash line, a number line.
SPLIT_PAGE_NUMBER = re.compile(r"^—\n+—\n+[0-9０-９]+$", re.M)


def pages(text: str):
    return clean_text(text, stages=("pages",))


BODY_1 = "在全国足球发展重点城市建设周期内，积极争取上级引导资\n\n金支持，市本级财政统筹安排专项经费每年不少于 3000 万元，重\n\n"
BODY_2 = "点用于开展足球青训、校园足球建设、赛事交流等全国足球发展\n\n重点城市建设工作任务。\n"


@pytest.mark.parametrize(
    "mark",
    [
        "— 2 —",
        "-2-",
        "- 2 -",
        "—２—",
        "— ２ —",
        "－2－",
        "第2页",
        "第 2 页",
        "第 2 页 共 9 页",
        "共9页 第2页",
    ],
)
def test_page_number_forms_are_removed_with_their_blank_line(mark: str) -> None:
    text = f"{BODY_1}{mark}\n\n\f{BODY_2}"
    result = pages(text)
    assert result.text == BODY_1 + BODY_2
    assert result.metadata["pages"]["numbers"] == [2]
    kinds = [c.kind for c in result.changes]
    assert kinds == ["page-number", "form-feed"]
    assert result.changes[0].before.strip() == mark
    assert result.changes[0].reason.startswith("page number")
    assert rebuild(result.text, result.changes) == text


def test_pdfminer_page_number_split_over_three_lines() -> None:
    text = f"{BODY_1}—\n\n—\n\n１\n\n\f{BODY_2}—\n\n—\n\n２\n\n\f"
    result = pages(text)
    assert result.text == BODY_1 + BODY_2
    assert result.metadata["pages"] == {"count": 2, "numbers": [1, 2], "running_headers": []}
    assert result.changes[0].reason == "page number — 1 — (split over three lines)"
    assert [c.before for c in result.changes[:4]] == ["—\n\n", "—\n\n", "１\n\n", "\f"]


def test_pypdf_page_number_at_the_start_of_each_page() -> None:
    text = "— 1 —\n杭州市人民政府文件\n杭政函〔2024〕16号\n— 2 —\n关于进一步推动经济高质量发展的若干政策\n为深入贯彻\n— 3 —\n全面落实\n"
    result = pages(text)
    assert (
        result.text
        == "杭州市人民政府文件\n杭政函〔2024〕16号\n关于进一步推动经济高质量发展的若干政策\n为深入贯彻\n全面落实\n"
    )
    assert result.metadata["pages"]["numbers"] == [1, 2, 3]
    assert result.metadata["pages"]["count"] == 3


def test_fractions_count_only_when_they_agree() -> None:
    text = "第一页正文。\n1/3\n第二页正文。\n2/3\n第三页正文。\n3/3\n"
    result = pages(text)
    assert result.text == "第一页正文。\n第二页正文。\n第三页正文。\n"
    assert result.metadata["pages"]["count"] == 3
    lone = pages("比例为\n3/4\n的项目。\n")
    assert lone.text == "比例为\n3/4\n的项目。\n"
    assert [f.code for f in lone.flags] == ["pages.not-a-page-number"]


def test_table_cells_and_dash_ranges_are_not_page_numbers() -> None:
    # A flattened table (huaian reports): lone numbers are cells, not page numbers;
    # a dash that belongs to a range (`18—40`) displaced onto its own line stays too.
    text = (
        "本年制发件数 本年废止件数 现行有效件数\n规章\n0\n5\n550\n—\n40\n18\n岁青年\n"
        "培育1—2个引领\n积极争取 2023—\n2\n"
    )
    result = pages(text)
    assert result.text == text
    assert result.changes == []


def test_triple_must_stand_at_a_page_break() -> None:
    # `—`/`—`/`2` inside a page is two displaced range dashes and a number: kept.
    text = f"{BODY_1}—\n\n—\n\n2\n\n{BODY_2}"
    assert pages(text).text == text
    # Before the next page number it is a page number even without a form feed.
    text = f"{BODY_1}—\n\n—\n\n1\n\n— 2 —\n\n{BODY_2}"
    assert pages(text).metadata["pages"]["numbers"] == [1, 2]
    # Mid-text but before page 2: page 1 (decided by the sequence, so the stage decides
    # the same way once dedup has removed the text after it).
    text = f"{BODY_1}—\n—\n1\n{BODY_2}—\n—\n2\n"
    assert pages(text).metadata["pages"]["numbers"] == [1, 2]
    text = f"{BODY_1}—\n—\n7\n{BODY_2}—\n—\n2\n"
    assert pages(text).metadata["pages"]["numbers"] == [2]


def test_running_headers_found_by_repetition() -> None:
    header = "湖南省教育厅关于做好2024年课后服务工作的通知"
    footer = "湖南省教育厅办公室印发"
    pages_text = [
        "湖南省教育厅文件\n湘教通〔2024〕8号\n各市州教育局：\n现将有关事项通知如下。\n",
        f"{header}\n一、总体要求\n课后服务是学校教育的延伸。\n{footer}\n",
        f"{header}\n二、主要任务\n规范课后服务收费管理。\n{footer}\n",
        f"{header}\n三、保障措施\n加强课后服务监督检查。\n{footer}\n",
    ]
    text = "".join(f"{p}— {n} —\n\f" for n, p in enumerate(pages_text, 1))
    result = pages(text)
    assert header not in result.text
    assert footer not in result.text
    assert "一、总体要求\n课后服务是学校教育的延伸。\n二、主要任务" in result.text
    assert result.metadata["pages"]["running_headers"] == [header, footer]
    assert result.metadata["pages"]["count"] == 4
    kinds = [c.kind for c in result.changes]
    assert kinds.count("running-header") == 6
    assert rebuild(result.text, result.changes) == text


def test_a_line_repeated_on_two_pages_is_not_a_running_header() -> None:
    text = "各市州教育局：\n正文。\n— 1 —\n\f正文二。\n湖南省教育厅\n— 2 —\n\f湖南省教育厅\n正文三。\n— 3 —\n"
    result = pages(text)
    assert result.text.count("湖南省教育厅") == 2
    assert result.metadata["pages"]["running_headers"] == []


def test_page_break_leading_space_in_blank_separated_ocr_text() -> None:
    text = read_sample("004_facce0d9e3ea077f.txt")
    result = pages(text)
    assert "省政府教\n育督导办将" in result.text
    assert "优化登记为非营利性机构\n或转型为" in result.text
    assert result.text.startswith(" 湖 南 省 教 育 厅")  # the first line is not a page break
    spaces = [c for c in result.changes if c.kind == "page-break-space"]
    assert len(spaces) == 7
    assert result.metadata["pages"]["count"] == 8


def test_leading_space_is_kept_when_lines_are_not_blank_separated() -> None:
    text = "第一行正文，\n 第二行正文。\n第三行。\n"
    assert pages(text).changes == []


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name)
def test_realdocs_lose_every_page_number(path) -> None:
    source = path.read_text(encoding="utf-8")
    result = pages(source)
    assert "\f" not in result.text
    assert not PAGE_NUMBER_LINE.findall(result.text)
    assert not SPLIT_PAGE_NUMBER.findall(result.text)
    meta = result.metadata["pages"]
    assert meta["numbers"] == list(range(1, meta["count"] + 1))
    assert rebuild(result.text, result.changes) == source
    assert pages(result.text).changes == []


def test_realdocs_tables_keep_their_lone_numbers() -> None:
    source = read_sample("huaian_hongze_quzhengfu_2023_zhengfu_xinxi_gongkai_nianbao_pdfminer.txt")
    result = pages(source)
    cells = lambda t: [line for line in t.split("\n") if re.fullmatch(r"\d+(\.\d+)?", line)]  # noqa: E731
    assert cells(result.text) == cells(source.replace("\f", ""))
    assert len(cells(result.text)) > 100


LINE = st.text(alphabet="湖南省教育厅文件，。：0123 -—", min_size=0, max_size=12)


@st.composite
def paged_documents(draw: st.DrawFn) -> str:
    parts = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        body = draw(st.lists(LINE, min_size=1, max_size=6))
        sep = draw(st.sampled_from(["\n", "\n\n"]))
        mark = draw(st.sampled_from([f"— {n} —", f"-{n}-", f"第{n}页", "", f"—{sep}—{sep}{n}"]))
        ff = draw(st.sampled_from(["", "\f"]))
        parts.append(sep.join(body) + sep + mark + sep + ff)
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(paged_documents())
# A line read as ``N —`` (removed whole) once gave its dash to the next one too: two
# overlapping edits, and a crash.
@example("0—\n0—\n0—\n— 1 —\n")
def test_rebuild_and_idempotence(text: str) -> None:
    result = pages(text)
    assert rebuild(result.text, result.changes) == text
    again = pages(result.text)
    assert again.changes == []


def test_page_break_space_after_a_page_number_in_any_line_style() -> None:
    text = "项目储备和前期工作，建立工作台账管理，\n— １ —\n 形成工作合力。\n二、重点工作\n"
    result = pages(text)
    assert result.text == "项目储备和前期工作，建立工作台账管理，\n形成工作合力。\n二、重点工作\n"
    assert [c.kind for c in result.changes] == ["page-number", "page-break-space"]
    text = f"{BODY_1}— 2 —\n\n\f 点用于开展足球青训。\n"
    assert pages(text).text == f"{BODY_1}点用于开展足球青训。\n"
    # Indentation (two spaces or more) is not the page-break space.
    text = "第一行，\n— 1 —\n  第二行。\n"
    assert pages(text).text == "第一行，\n  第二行。\n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="湖南省教育厅，。 \n\f—-0123４第页共/", max_size=160))
@example("0\f—0—")  # a page number after a form feed inside a line: once kept, then removed
def test_arbitrary_text_is_reversible_and_idempotent(text: str) -> None:
    result = pages(text)
    assert rebuild(result.text, result.changes) == text
    assert pages(result.text).changes == []


def test_pdfminer_triple_that_continues_the_page_sequence_goes_even_mid_text() -> None:
    # The triple is followed by text (no form feed), but page 1 came just before it: it is
    # page 2. Deciding by the sequence keeps the stage stable when a later stage removes
    # the text after it.
    text = f"{BODY_1}— 1 —\n\n{BODY_2}—\n\n—\n\n2\n\n{BODY_1}"
    result = pages(text)
    assert result.text == BODY_1 + BODY_2 + BODY_1
    assert result.metadata["pages"]["numbers"] == [1, 2]
    assert pages(BODY_1 + BODY_2).changes == []


def test_displaced_number_out_of_sequence_is_kept() -> None:
    text = f"{BODY_1}— 1 —\n\n{BODY_2}—\n\n—\n\n7\n\n{BODY_1}"
    assert "7" in pages(text).text


def test_a_form_feed_inside_a_line_is_a_line_break() -> None:
    from docclean import clean_text

    # The last line of one page (or of a torn document) and the first of the next are
    # separated by the page break only: dropping it would run them into one line.
    raw = "抄送：各市州人民政府，省直有关单位。\n各地要加强组织领导，推动工作提质\f湖 南 省 教 育 厅\n"
    result = clean_text(raw, stages=("pages",))
    assert (
        result.text
        == "抄送：各市州人民政府，省直有关单位。\n各地要加强组织领导，推动工作提质\n湖 南 省 教 育 厅\n"
    )
    # The page starts a line (one pass), then its form feed goes (the next).
    assert [(c.kind, c.before, c.after) for c in result.changes] == [
        ("form-feed", "", "\n"),
        ("form-feed", "\f", ""),
    ]
    # At the end of the text too; at the start of a line it is only dropped.
    assert clean_text("推动工作提质\f", stages=("pages",)).text == "推动工作提质\n"
    assert (
        clean_text("一、总体要求\n\f二、工作任务\n", stages=("pages",)).text == "一、总体要求\n二、工作任务\n"
    )


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        # pypdf runs a page's last line into the next page's page number.
        (f"{BODY_1}限期整改。\f— 2 —\n点用于开展足球青训。\n", f"{BODY_1}限期整改。\n点用于开展足球青训。\n"),
        # ... or into its first line, opening with the page-break space.
        ("第一行，\f 第二行。\n", "第一行，\n第二行。\n"),
        # Two form feeds in a row start one new line; text between them is a line.
        ("第一行，\f\f第二行。\n", "第一行，\n第二行。\n"),
        ("甲，\f乙，\f丙。\n", "甲，\n乙，\n丙。\n"),
        # A form feed ending the text is the line's end.
        ("第一行。\f", "第一行。\n"),
    ],
)
def test_a_form_feed_inside_a_line_starts_the_new_page_on_a_line_of_its_own(text: str, clean: str) -> None:
    result = pages(text)
    assert result.text == clean
    assert rebuild(result.text, result.changes) == text
    assert pages(result.text).changes == []
