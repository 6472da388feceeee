"""Applying edits: the counts-only path (``keep_log=False``) gives the same text and counts as
the change log without making a Change; the log skips its sort when edits come in order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import CIRCULAR, REALDOCS, SEEDS
from docclean import clean_text
from docclean.changes import Change, Edit, EditConflict, apply_edits, apply_edits_counted, count_changes

KEPT = {"kept": {"start": 0, "end": 1}}


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """Edits in any order, some changing nothing, some zero-width, some overlapping."""
    text = draw(st.text(alphabet="湖南 \nab", max_size=30))
    edits = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 3)))
        after = draw(st.sampled_from(["", " ", "新", text[start:end]]))
        detail = draw(st.sampled_from([None, {}, {"code_point": "U+A3AC"}, KEPT]))
        edits.append(Edit(start, end, after, "k", "r", detail))
    if draw(st.booleans()):
        edits.sort(key=lambda e: (e.start, e.end))
    return text, edits


def reference(text: str, edits: list[Edit]) -> tuple[str, int, int] | type[EditConflict]:
    try:
        new_text, changes = apply_edits("s", text, edits)
    except EditConflict:
        return EditConflict
    return new_text, len(changes), count_changes(changes)[1]


@given(text_and_edits())
def test_counted_apply_matches_the_change_log(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    expected = reference(text, edits)
    if expected is EditConflict:
        with pytest.raises(EditConflict):
            apply_edits_counted(text, edits)
    else:
        assert apply_edits_counted(text, edits) == expected


def sorted_apply(stage: str, text: str, edits: list[Edit], step: int = 0) -> tuple[str, list[Change]]:
    """``apply_edits`` as it was: always sorted by (start, end) first."""
    pieces: list[str] = []
    changes: list[Change] = []
    cursor = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end, after = edit.start, edit.end, edit.after
        if start < cursor or end < start or end > len(text):
            raise EditConflict(stage)
        before = text[start:end]
        if before == after:
            continue
        pieces += [text[cursor:start], after]
        cursor = end
        changes.append(Change(stage, edit.kind, start, end, before, after, edit.reason, step, edit.detail))
    if not changes:
        return text, []
    return "".join([*pieces, text[cursor:]]), changes


@given(text_and_edits())
def test_apply_without_its_sort_matches_the_sorted_apply(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    try:
        expected = sorted_apply("s", text, edits, 3)
    except EditConflict:
        with pytest.raises(EditConflict):
            apply_edits("s", text, edits, 3)
        with pytest.raises(EditConflict):
            apply_edits("s", text, iter(edits), 3)
        return
    assert apply_edits("s", text, edits, 3) == expected
    assert apply_edits("s", text, iter(edits), 3) == expected  # any iterable


def test_counted_apply_on_many_ordered_edits() -> None:
    """Edits as passes find them (left to right, none overlapping), with insertions at an
    edit's offset, an edit that changes nothing and shuffled copies (seeded)."""
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("湖南省 \n教育a") for _ in range(rng.randint(0, 80)))
        edits: list[Edit] = []
        pos = 0
        while pos < len(text) and len(edits) < 20:
            start = rng.randint(pos, min(len(text), pos + 6))
            end = rng.randint(start, min(len(text), start + 2))
            after = rng.choice(["", "，", "\n", " ", text[start:end]])
            detail = KEPT if rng.random() < 0.1 else None
            edits.append(Edit(start, end, after, "k", "r", detail))
            pos = end
        for candidate in (edits, rng.sample(edits, len(edits))):
            assert apply_edits_counted(text, candidate) == reference(text, candidate)
            assert apply_edits("s", text, candidate) == sorted_apply("s", text, candidate)


def test_counts_only_cleaning_matches_the_full_log() -> None:
    samples = [path.read_text("utf-8") for path in [*SEEDS, *REALDOCS][:6]]
    texts = [
        CIRCULAR,
        CIRCULAR.replace("通知", "通 知"),
        "湖 南 省 教 育 厅\r\n\r\n\r\n关于 2023年 的通知:\n",
    ]
    texts += [*samples, "\f".join(samples)]  # the last: a batch, cleaned document by document
    for text in texts:
        full = clean_text(text)
        slim = clean_text(text, keep_log=False)
        assert slim.text == full.text and slim.changes == [] and not slim.log_kept
        assert (slim.stage_counts, slim.duplicates) == count_changes(full.changes)
        assert (full.stage_counts, full.duplicates) == count_changes(full.changes)
        assert slim.metadata == full.metadata
        assert [f.as_dict() for f in slim.flags] == [
            {k: v for k, v in f.as_dict().items() if k != "source"} for f in full.flags
        ]
