"""The dedup stage's faster paths give exactly what the plain computations give."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from docclean import sentences
from docclean.patterns import CJK_RE
from docclean.sentences import (
    _LINE_DONE,
    looks_hard_wrapped,
    outline_breaks,
    outline_items,
    sentence_spans,
    split_sentences,
    text_outline_breaks,
)
from docclean.stages import dedup

# Sentence ends (full and half width), closing quotes, outline starts, spaces, line breaks.
UNIT_TEXT = st.text(alphabet="建立制度一开。；！？!?;”）（(一二1.、 \u3000\n\0a", max_size=60)


@settings(max_examples=300, deadline=None)
@given(UNIT_TEXT, st.sampled_from([None, True, False]))
def test_sentence_spans_are_split_sentences(text, wrapped) -> None:
    units = split_sentences(text, wrapped)
    assert sentence_spans(text, wrapped) == ([u.start for u in units], [u.text for u in units])


@given(st.lists(st.text(alphabet="建立制度，。0１a \n㐀龥豈䷀", max_size=20), max_size=10))
def test_usable_keys_hold_four_chinese_characters(keys) -> None:
    assert dedup._usable(keys) == [i for i, key in enumerate(keys) if len(CJK_RE.findall(key)) >= 4]


def old_step(keys, removed, c, k, forward, copy_floor, kept_ceiling, low):
    """The step search before it was unrolled: each shape in turn."""
    size = len(keys)
    best = None
    bound = low - dedup._MARGIN
    for dc, dk in dedup._SHAPES:
        if forward:
            c_lo, c_hi, k_lo, k_hi = c, c + dc, k, k + dk
        else:
            c_lo, c_hi, k_lo, k_hi = c - dc, c, k - dk, k
        if c_lo < copy_floor or c_hi > size or k_lo < 0 or k_hi > kept_ceiling:
            continue
        if removed and (c_lo in removed or c_hi - 1 in removed or k_lo in removed or k_hi - 1 in removed):
            continue
        la = len(keys[c_lo]) if dc == 1 else len(keys[c_lo]) + len(keys[c_lo + 1])
        lb = len(keys[k_lo]) if dk == 1 else len(keys[k_lo]) + len(keys[k_lo + 1])
        if 200 * (la if la < lb else lb) < bound * (la + lb):
            continue
        a = keys[c_lo] if dc == 1 else keys[c_lo] + keys[c_lo + 1]
        b = keys[k_lo] if dk == 1 else keys[k_lo] + keys[k_lo + 1]
        score = fuzz.ratio(a, b, score_cutoff=low)
        if score and (best is None or score > best[4]):
            best = (c_lo, c_hi, k_lo, k_hi, score)
    return best


def test_step_matches_the_shape_by_shape_search() -> None:
    rng = random.Random(7)
    words = ["建立", "制度", "监督", "评估", "，", "。", "报送", "一"]
    for _ in range(3000):
        keys = ["".join(rng.choices(words, k=rng.randint(0, 6))) for _ in range(rng.randint(1, 8))]
        size = len(keys)
        removed = set(rng.sample(range(size), rng.randint(0, size // 2)))
        c, k = rng.randint(-1, size + 1), rng.randint(-1, size + 1)
        args = (keys, removed, c, k, rng.random() < 0.5, rng.randint(0, 3), rng.randint(0, size))
        low = rng.choice([50.0, 60.0, 76.0, 88.0])
        assert dedup._step(*args, low) == old_step(*args, low)


# Documents for the seed pruning: formulas that recur in running text, long sentences
# repeated (with OCR noise, cut off, renumbered), parallel items.
FORMULAS = ["逾期未报送的，予以通报。", "特此通知。", "（责任单位：市教育局）", "江苏省科学技术厅"]
LONG = [
    "建立职业院校质量年度报告发布制度，定期发布职业院校质量年度报告，接受社会监督。",
    "建立职业院校质量监督评估制度，对办学条件和教育教学质量进行评估。",
    "各学校要安排专项资金12.6亿元，用于健全安全生产责任制度。",
    "到2025年，各级教育行政部门监督检查力度达标率达到6.7%以上，推动工作提质增效。",
    "请各地于2026年6月25日前报送部门协同联动机制情况；",
    "全面加强绩效评价结果运用，提升公共服务供给水平。",
]


def noisy(rng: random.Random, sentence: str) -> str:
    chars = list(sentence)
    for _ in range(rng.choice([0, 0, 1, 2])):
        at = rng.randrange(len(chars))
        if rng.random() < 0.5:
            del chars[at]
        else:
            chars[at] = rng.choice("己已未末")
    out = "".join(chars)
    if rng.random() < 0.1 and len(out) > 4:
        out = out[: rng.randint(4, len(out))]  # cut off at the page edge
    return out


def document(rng: random.Random) -> str:
    parts: list[str] = []
    out: list[str] = []
    for _ in range(rng.randint(5, 40)):
        roll = rng.random()
        if roll < 0.3:
            part = rng.choice(FORMULAS)
        elif roll < 0.5 and parts:
            part = noisy(rng, rng.choice(parts))  # a repeat of an earlier part
        else:
            part = noisy(rng, rng.choice(LONG))
        if rng.random() < 0.15:
            part = f"{rng.choice('一二三十')}、{part}"
        parts.append(part)
        out.append(part + rng.choice(["", "", "\n", "\n\n"]))
    return "".join(out)


@pytest.mark.parametrize("min_chars", [0, 10, 24, 40])
def test_seed_pruning_changes_nothing(min_chars, monkeypatch) -> None:
    rng = random.Random(min_chars)
    docs = [document(rng) for _ in range(150)]
    for keep in ("first", "longest"):
        fast = [dedup.find_repeats(doc, split_sentences(doc), 88.0, min_chars, keep) for doc in docs]
        with monkeypatch.context() as patch:
            patch.setattr(dedup, "_may_hold", lambda *args: True)
            plain = [dedup.find_repeats(doc, split_sentences(doc), 88.0, min_chars, keep) for doc in docs]
        assert fast == plain
    assert any(fast)  # the documents do hold repeats


OUTLINE_TEXT = st.lists(
    st.sampled_from(
        ["一、", "二、", "三、", "（一）", "（三）", "(2)", "1.", "3．", "第二条", "第五条第", "十一、"]
    )
    | st.text(alphabet="建立 \n第（一", max_size=6),
    max_size=25,
).map(lambda parts: "\n".join(parts))


@settings(max_examples=300, deadline=None)
@given(OUTLINE_TEXT)
def test_text_outline_breaks_are_the_breaks_of_the_items(text) -> None:
    assert text_outline_breaks(text) == outline_breaks(outline_items(text))


def old_looks_hard_wrapped(text: str) -> bool:
    """looks_hard_wrapped with its MULTILINE regex (``^`` tried at every position)."""
    last_chars = re.findall(r"^[^\S\n]*\S[^\n]{14,}(?<=(\S))", text, re.M)
    if len(last_chars) < 5:
        return False
    open_ended = len(last_chars) - sum(map(_LINE_DONE.__contains__, last_chars))
    return open_ended >= 0.3 * len(last_chars)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="建立制度。：】 \u3000\t", max_size=30), max_size=20).map("\n".join))
def test_looks_hard_wrapped_reads_every_line(text) -> None:
    assert looks_hard_wrapped(text) == old_looks_hard_wrapped(text)


# The unit regex before its usual case came first.
_END = sentences._END_RE.pattern
_OLD_UNIT_RE = re.compile(
    rf"(?=\S)(?:[^\n{sentences._MARKS}]+|(?!{_END})[{sentences._MARKS}])*(?:{_END}|(?=\n|\Z))"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="建立a1。；！？!?;.”）】 \u3000\n", max_size=40))
def test_unit_regex_matches_as_before(text) -> None:
    assert sentences._UNIT_RE.findall(text) == _OLD_UNIT_RE.findall(text)
