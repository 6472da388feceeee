"""Layout on the real samples: page furniture gone, paragraphs whole, structure kept.

Two views: the full default pipeline (``clean_file``), which is what users get, and
the layout stages alone (``pages`` + ``reflow``) on the raw text, so that a failure
points at these stages rather than at a character stage that runs before them.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings

from conftest import REALDOCS, SAMPLES, SEEDS, read_sample
from docclean import clean_file, clean_text
from docclean.changes import rebuild
from docclean.stages.reflow import line_width
from test_pages import paged_documents
from test_reflow import wrapped_documents

LAYOUT = ("pages", "reflow")
DASH_PAGE_NUMBER = re.compile(r"^\s*[-—－]\s*[0-9０-９]{1,3}\s*[-—－]\s*$", re.M)
SPLIT_PAGE_NUMBER = re.compile(r"^—\n+—\n+[0-9０-９]{1,3}$", re.M)
LONE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
# The PDF extractions whose reading order survived (sichuan pdfminer is scrambled).
ORDERED = [p for p in REALDOCS if "sichuan" not in p.name or "pypdf" in p.name]


@pytest.fixture(scope="module")
def cleaned() -> dict[str, object]:
    return {p.name: clean_file(p) for p in [*SEEDS, *REALDOCS]}


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_004_page_break_and_wraps_read_whole(cleaned) -> None:
    text = cleaned["004_facce0d9e3ea077f.txt"].text
    assert "省政府教育督导办将“双减”工作纳入市、县两级政府履职评价指标" in text
    assert "优化登记为非营利性机构或转型为非学科类培训机构的工作流程" in text
    alone = clean_text(read_sample("004_facce0d9e3ea077f.txt"), stages=LAYOUT).text
    assert "省政府教育督导办将“双减”工作纳入市、县两级政府履职评价指标" in alone
    assert "优化登记为非营利性机构或转型为非学科类培训机构的工作流程" in alone


def test_000_outline_item_begins_a_line(cleaned) -> None:
    out = lines_of(cleaned["000_772ac8664c6b7ae7.txt"].text)
    assert any(line.startswith("（三）完善政策环境。") for line in out)
    alone = lines_of(clean_text(read_sample("000_772ac8664c6b7ae7.txt"), stages=LAYOUT).text)
    assert any(line.startswith("(三)完善政策环境。") for line in alone)


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name)
def test_realdocs_have_no_page_numbers(cleaned, path: Path) -> None:
    text = cleaned[path.name].text
    assert "\f" not in text
    assert not DASH_PAGE_NUMBER.findall(text)
    assert not SPLIT_PAGE_NUMBER.findall(text)
    assert not re.search(r"^第\s*\d+\s*页", text, re.M)


EXPECTED_PAGES = {"sichuan": 8, "hangzhou_zhengfu": 34, "hangzhou_bangongting": 10, "huaian": 5}


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name)
def test_realdocs_page_metadata(cleaned, path: Path) -> None:
    pages = cleaned[path.name].metadata["pages"]
    count = next(n for key, n in EXPECTED_PAGES.items() if path.name.startswith(key))
    assert pages["count"] == count
    assert pages["numbers"] == list(range(1, count + 1))
    assert pages["running_headers"] == []


def full_lines(raw: str) -> tuple[list[tuple[str, str]], int]:
    """Pairs (line, next line) of the raw text where the line is full-width mid-sentence."""
    rows = [line.replace("\f", "").strip() for line in raw.split("\n")]
    rows = [r for r in rows if r and not DASH_PAGE_NUMBER.match(r)]
    width = Counter(round(line_width(r)) for r in rows if len(r) > 10).most_common(1)[0][0]
    pairs = [
        (a, b)
        for a, b in pairwise(rows)
        if round(line_width(a)) == width
        and a[-1] not in "。！？；：）]”"
        and not re.match(r"[（(一二三四五六七八九十\d]", b)
    ]
    return pairs, width


@pytest.mark.parametrize(
    "path",
    [*ORDERED, SAMPLES / "004_facce0d9e3ea077f.txt", SAMPLES / "001_cf32397d32a01fa2.txt"],
    ids=lambda p: p.name,
)
def test_no_line_keeps_its_wrapped_fragments(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    out = clean_text(raw, stages=LAYOUT).text
    pairs, _ = full_lines(raw)
    assert len(pairs) >= 3
    flat = out.replace(" ", "")
    kept_apart = [(a, b) for a, b in pairs if (a[-4:] + b[:4]).replace(" ", "") not in flat]
    assert kept_apart == []


@pytest.mark.parametrize("path", [*SEEDS, *REALDOCS], ids=lambda p: p.name)
def test_layout_stages_are_reversible_and_idempotent(cleaned, path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    alone = clean_text(raw, stages=LAYOUT)
    assert rebuild(alone.text, alone.changes) == raw
    assert clean_text(alone.text, stages=LAYOUT).changes == []
    result = cleaned[path.name]
    assert rebuild(result.text, result.changes) == result.source_text
    again = clean_text(result.text)
    assert [c for c in again.changes if c.stage in LAYOUT] == []


def test_hangzhou_header_signature_and_colophon_stay_on_their_lines(cleaned) -> None:
    out = lines_of(cleaned["hangzhou_bangongting_hangzhengbanhan_2025_16_pdfminer.txt"].text)
    assert "各区、县（市）人民政府，市政府各部门、各直属单位：" in out
    assert "（此件公开发布）" in out
    i = out.index("（此件公开发布）")
    assert out[i + 1] == "杭州市人民政府办公厅"
    assert out[i + 2].startswith("2025") and out[i + 2].endswith("日")
    assert any(line.startswith("抄送：") for line in out)
    assert out[-1].endswith("印发")
    # The responsibility note that wrapped across two lines reads whole.
    assert any("列第一位的为牵头单位，下同]" in line for line in out)


def test_huaian_tables_keep_every_cell() -> None:
    raw = read_sample("huaian_hongze_quzhengfu_2024_zhengfu_xinxi_gongkai_nianbao_pdfminer.txt")
    out = clean_text(raw, stages=LAYOUT).text
    cells = [line for line in lines_of(raw.replace("\f", "")) if LONE_NUMBER.match(line)]
    assert [line for line in lines_of(out) if LONE_NUMBER.match(line)] == cells
    for heading in ("信息内容", "本年制发件数 本年废止件数 现行有效件数", "行政规范性文件", "申请人情况"):
        assert heading in lines_of(out)


@settings(max_examples=60, deadline=None)
@given(wrapped_documents())
def test_full_pipeline_output_gives_layout_stages_nothing_to_do(doc: tuple[str, list[str]]) -> None:
    text, _ = doc
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    again = clean_text(result.text)
    assert [c for c in again.changes if c.stage in LAYOUT] == []


# Derandomized: the same 60 examples on every run, so CI does not depend on luck; the
# counterexample a random seed once found is kept below.
@settings(max_examples=60, deadline=None, derandomize=True)
@given(paged_documents())
def test_full_pipeline_on_paged_text_is_stable_for_layout_stages(text: str) -> None:
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    again = clean_text(result.text)
    assert [c for c in again.changes if c.stage in LAYOUT] == []


def test_reflow_is_stable_on_garbage_pages_whose_joined_lines_pile_up_at_one_width() -> None:
    # Found by the property test above (random seed): the first run joins mid-sentence
    # lines into four lines of the same width, which a second run would take for
    # hard-wrapped full lines and join again; reflow now runs again on its own
    # paragraphs when they may read so. (Real paragraphs vary in length and end in 。.)
    text = "0000—————。。，\n—件\n0—。—\n0—————。。件\n0—。—\n— 1 —\n0——————。件\n— 2 —\n0000—————。。，\n—件\n—\n— 3 —\n"
    result = clean_text(text)
    again = clean_text(result.text)
    assert [c for c in again.changes if c.stage in LAYOUT] == []
