"""pages runs before width: it reads page numbers, running headers and OCR's line style in
either width, so that what it removes does not depend on width having run (and a second
run, over width's output, finds nothing new)."""

from __future__ import annotations

import pytest

from docclean import clean_text
from docclean.changes import rebuild
from docclean.stages import REGISTRY

BODY_1 = "在全国足球发展重点城市建设周期内，积极争取上级引导资\n\n金支持，市本级财政统筹安排专项经费每年不少于3000万元，重\n\n"
BODY_2 = "点用于开展足球青训、校园足球建设、赛事交流等全国足球发展\n\n重点城市建设工作任务。\n"


def pages(text: str):
    return clean_text(text, stages=("pages",))


def test_pages_runs_before_width() -> None:
    names = [spec.name for spec in REGISTRY]
    assert names.index("glyphs") < names.index("pages") < names.index("width") < names.index("spacing")


@pytest.mark.parametrize(
    "mark", ["Ｐａｇｅ ２", "ｐａｇｅ２", "Ｐ．２", "Ｐａｇｅ ２ ｏｆ ９", "Page 2 of 9", "p. 2"]
)
def test_latin_page_numbers_in_either_width_are_removed(mark: str) -> None:
    text = f"{BODY_1}{mark}\n\n\f{BODY_2}"
    result = pages(text)
    assert result.text == BODY_1 + BODY_2
    assert result.metadata["pages"]["numbers"] == [2]
    assert rebuild(result.text, result.changes) == text


def test_a_full_width_page_number_is_one_change_with_its_digits() -> None:
    text = f"{BODY_1}— ２ —\n\n\f{BODY_2}"
    result = clean_text(text)
    numbers = [c for c in result.changes if c.kind == "page-number"]
    assert [c.before.strip() for c in numbers] == ["— ２ —"]
    # width no longer converts digits that pages then removes.
    assert not [c for c in result.changes if c.stage == "width"]


def test_a_running_header_printed_in_both_widths_is_one_header() -> None:
    pages_text = [
        "湖南省教育厅文件\n湘教通〔2024〕8号\n各市州教育局：\n现将有关事项通知如下。\n",
        "湖南省教育厅通知(内部资料)\n一、总体要求\n课后服务是学校教育的延伸。\n",
        "湖南省教育厅通知（内部资料）\n二、主要任务\n规范课后服务收费管理。\n",
        "湖南省教育厅通知(内部资料)\n三、保障措施\n加强课后服务监督检查。\n",
    ]
    text = "".join(f"{p}— {n} —\n\f" for n, p in enumerate(pages_text, 1))
    result = pages(text)
    assert "内部资料" not in result.text
    assert [c.kind for c in result.changes].count("running-header") == 3
    assert rebuild(result.text, result.changes) == text
    assert clean_text(clean_text(text).text).changes == []


def test_a_half_width_comma_ends_a_cut_line_as_a_full_width_one_does() -> None:
    # The OCR style that makes a leading space a page break counts the lines cut
    # mid-sentence before a blank line; width turns a half-width comma there into ，
    # only later, so both must count.
    lines = [
        "各地要加强组织领导明确责任分工认真落实各项工作任务，",
        "切实做好课后服务工作保障学生健康成长促进教育公平发展，",
        "进一步完善课后服务经费保障机制合理确定服务收费标准，",
        "鼓励学校充分利用校内外资源丰富课后服务内容和形式，",
    ]
    full = (
        "\n\n".join(lines * 2)
        + "\n 学校要建立健全课后服务管理制度规范服务行为，\n\n"
        + "\n\n".join(lines)
        + "\n"
    )
    for text in (full, full.replace("，", ",")):
        assert [c.kind for c in pages(text).changes] == ["page-break-space"], text


@pytest.mark.parametrize(
    "text",
    [
        "湖南省财政厅文件\n- 3 - \n,",  # found by DOCCLEAN_FUZZ when width ran first
        f"{BODY_1}Ｐａｇｅ ２\n\n\f{BODY_2}",
        "正文第一段内容,\n— ２ —\n,继续正文内容。\n",
    ],
)
def test_marks_beside_removed_page_numbers_settle(text: str) -> None:
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    assert clean_text(result.text).text == result.text
