"""The "nothing silently lost" guarantee: rebuild(clean, changes) == decoded input.

Generic over the stage registry: every stage listed in REGISTRY is drawn into random
subsets (``convert`` with ``convert="t2s"``), so each stage is covered as it lands.
Inputs are random text built from the pieces OCR'd circulars are made of, and every
sample file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REALDOCS, SEEDS
from docclean import clean_bytes, clean_text, rebuild
from docclean.decoding import DecodeError
from docclean.stages import REGISTRY

SAMPLES = SEEDS + REALDOCS
STAGE_NAMES = [spec.name for spec in REGISTRY]

# Pieces of damaged circulars: letter-spaced agency names, page numbers, outline
# numbering, dates, font-mapped PDF glyphs, full-width digits, every kind of line end.
PIECES = [
    *"湖南省教育厅关于做好年工作的通知各市州局：一二三、（）。，；《》“”…—",
    *"乾安县發佈關於體育臺灣",  # Traditional characters and 乾 (must survive t2s guards)
    *"0123456789０１２３ＡＢabcXYZ%.",
    *"ꎬꎮꎻ«»",
    " ",
    "  ",
    "\u3000",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\f",
    "\ufeff",
    "湖 南 省 教 育 厅",
    "— 2 —",
    "- 3 -",
    "湘教发〔2022〕7号",
    "2023年 6月 5日",
    "( 一)",
    "2.5%",
    "（此件主动公开）",
    "抄送：省委办公厅，省政府办公厅。",
    "联系人：张三，电话：0731-84714812",
    "国务院办公厅　中央军委办公厅",
    "鍏充簬鍙戝竷",  # mojibake of 关于发布
]

texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
stage_sets = st.sets(st.sampled_from(STAGE_NAMES))


def options_for(stages: set[str]) -> dict:
    # Canonical order comes from the registry; convert needs its option to do anything.
    return {"stages": tuple(stages), "convert": "t2s" if "convert" in stages else None}


# Options that change what stages do (not which run): reversibility must hold for each.
option_sets = st.fixed_dictionaries(
    {},
    optional={
        "cjk_latin_space": st.sampled_from(["remove", "keep", "add"]),
        "dedup_keep": st.sampled_from(["first", "longest"]),
        "dedup_threshold": st.sampled_from([80.0, 90.0, 100.0]),
        "dedup_min_chars": st.sampled_from([4, 24]),
    },
)


def check(text: str, stages: set[str], options: dict | None = None) -> None:
    result = clean_text(text, **options_for(stages), **(options or {}))
    assert rebuild(result.text, result.changes) == text
    for change in result.changes:
        assert change.source is not None
        assert 0 <= change.source.start <= change.source.end <= len(text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, stage_sets, option_sets)
def test_rebuild_random_text_any_stages(text: str, stages: set[str], options: dict) -> None:
    check(text, stages, options)


@settings(max_examples=40, deadline=None)
@given(texts)
def test_rebuild_random_text_all_stages(text: str) -> None:
    check(text, set(STAGE_NAMES))


@cache
def sample(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:40])
def test_rebuild_every_sample_default_and_all_stages(path: Path) -> None:
    text = sample(path)
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    check(text, set(STAGE_NAMES))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAMPLES), stage_sets, st.sampled_from(["\n", "\r\n", "\r"]), option_sets)
def test_rebuild_samples_random_stages(path: Path, stages: set[str], newline: str, options: dict) -> None:
    check(sample(path).replace("\n", newline), stages, options)


@settings(max_examples=30, deadline=None)
@given(
    texts,
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from([b"\xff", b"\x80", b"\xe5\x8f"])), max_size=3),
)
def test_rebuild_from_bytes(text: str, codec: str, damage: list[tuple[int, bytes]]) -> None:
    # clean_bytes: the log rebuilds the *decoded* text, BOM, line ends and U+FFFD included.
    text = text.lstrip("\ufeff")
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    for pos, bad in damage:
        pos %= len(data) + 1
        data = data[:pos] + bad + data[pos:]
    try:
        result = clean_bytes(data, errors="replace")
    except DecodeError:
        return  # refused as binary or as a non-Chinese codec: nothing to rebuild
    assert rebuild(result.text, result.changes) == result.source_text
    assert [c.step for c in result.changes] == sorted(c.step for c in result.changes)
