"""The character and spacing stages on the real samples (OCR circulars and PDF extractions)."""

from __future__ import annotations

import re

import pytest

from conftest import REALDOCS, SEEDS, read_sample
from docclean.api import clean_text
from docclean.changes import rebuild
from docclean.patterns import CJK_CHARS

MINE = ("glyphs", "width", "spacing", "tidy")
# Three or more Chinese characters each followed by a space: a letter-spaced run.
LETTER_SPACED = re.compile(f"(?:[{CJK_CHARS}][ \u3000]){{2,}}[{CJK_CHARS}]")


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name)
def test_realdocs_come_out_without_font_glyphs_letter_spacing_or_double_spaces(path) -> None:
    source = path.read_text(encoding="utf-8")
    result = clean_text(source)
    assert rebuild(result.text, result.changes) == source
    for ch in "ꎬꎮꎻ«»\U001001b0":
        assert ch not in result.text
    assert not LETTER_SPACED.search(result.text)
    assert "  " not in result.text
    assert "\n\n\n" not in result.text
    # No half-width comma or colon left beside Chinese.
    assert not re.search(f"[{CJK_CHARS}][,;:?!]|[,;:?!][{CJK_CHARS}]", result.text)
    # My stages have nothing left to do on the final text.
    assert clean_text(result.text, stages=MINE).changes == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_ocr_samples(path) -> None:
    source = path.read_text(encoding="utf-8")
    result = clean_text(source)
    assert rebuild(result.text, result.changes) == source
    assert "  " not in result.text
    assert not LETTER_SPACED.search(result.text)
    assert clean_text(result.text, stages=MINE).changes == []


def test_sichuan_body_reads_as_typeset() -> None:
    text = clean_text(read_sample("sichuan_bangongting_chuanbangui_2025_6_pypdf.txt"), stages=MINE).text
    assert "（一）加大创业信贷支持力度。创业担保贷款个人申请额度" in text
    assert "各市（州）、县（市、区）人民政府，省政府各部门、各直属机构，有关" in text
    assert "关于印发《支持创业带动就业的" in text
    assert "川办规〔2025〕6号" in text
    assert "2025年4月30日" in text
    assert "减少水平低于5.5%的企" in text
    assert "紧贴“15+N”重点产业链" in text
    assert "〔责任\n单位：财政厅、团省委，人力资源社会保障厅" in text


def test_huaian_spacing_and_table_rows() -> None:
    text = clean_text(
        read_sample("huaian_hongze_quzhengfu_2023_zhengfu_xinxi_gongkai_nianbao_pdfminer.txt"), stages=MINE
    ).text
    assert "号，邮编：223100，电话：0517-87222589，电子邮箱：" in text
    assert "健康发展。" in text
    assert "本年制发件数 本年废止件数 现行有效件数" in text  # table headings stay cells
    assert "国令第711号" in text


def test_ocr_sample_numbers_and_names() -> None:
    text = clean_text(read_sample("004_facce0d9e3ea077f.txt"), stages=MINE).text
    assert "去年6月" in text
    assert "关于STEM教育" in text
    assert "降低31.5%" in text
    assert "99.56%" in text
